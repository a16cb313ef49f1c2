"""Cite's footnotes, listed after rendering."""

import pytest

import wikitext


def test_footnotes_list_each_note_once_with_its_uses():
    notes = wikitext.footnotes("a<ref name='x y'>''One''</ref> b<ref name='x y'/> c<ref group=g>Two</ref>")
    assert notes == [
        {
            "group": "",
            "name": "x y",
            "number": 1,
            "id": "cite_note-x_y-1",
            "ref_ids": ["cite_ref-x_y_1-0", "cite_ref-x_y_1-1"],
            "wikitext": "''One''",
            "html": "<i>One</i>",
        },
        {
            "group": "g",
            "name": None,
            "number": 1,
            "id": "cite_note-2",
            "ref_ids": ["cite_ref-2"],
            "wikitext": "Two",
            "html": "Two",
        },
    ]


def test_footnotes_from_templates():
    notes = wikitext.footnotes("x{{R|n}}", pages={"Template:R": "<ref>{{{1}}}</ref>"})
    assert [(n["number"], n["wikitext"], n["html"]) for n in notes] == [(1, "n", "n")]


def test_a_page_without_refs_has_none():
    assert wikitext.footnotes("plain") == []


def test_footnotes_check_their_arguments():
    with pytest.raises(TypeError):
        wikitext.footnotes(3)  # type: ignore[arg-type]
    with pytest.raises(wikitext.InvalidTitleError):
        wikitext.footnotes("x", title="")


def test_footnotes_render_with_the_callers_tags_and_media():
    notes = wikitext.footnotes(
        "a<ref><shout>hi</shout> [[File:Pic.png]]</ref>",
        tags={"shout": lambda name, attrs, body: body.upper()},
        media={"Pic.png": {"url": "https://example.org/a/ab/Pic.png", "width": 10, "height": 10}},
    )
    assert "HI" in notes[0]["html"]
    assert "https://example.org/a/ab/Pic.png" in notes[0]["html"]

"""``to_text``: the readable text of a page, cut at Unicode boundaries."""

import pytest

import wikitext


def test_text_leaves_out_references_tables_and_hidden_content():
    src = (
        "== Life ==\n"
        "Ada wrote notes.<ref>A source.</ref> She <span style=\"display:none\">x</span>died.\n"
        "{| class=\"infobox\"\n| Born 1815\n|}\n"
        "* An item\n"
    )
    assert wikitext.to_text(src) == "Life\nAda wrote notes. She died.\nAn item"


def test_sentences_do_not_break_after_abbreviations():
    src = "Dr. J. R. R. Tolkien lived in the U.S. for a while. He wrote."
    assert wikitext.to_text(src, sentences=1) == "Dr. J. R. R. Tolkien lived in the U.S. for a while."


def test_chars_cut_at_a_word_boundary_in_many_scripts():
    assert wikitext.to_text("Hello wonderful world", chars=12) == "Hello…"
    assert wikitext.to_text("北京是中国的首都。", chars=4) == "北京是中…"
    assert wikitext.to_text("🇫🇷🇩🇪 flags", chars=1) == "🇫🇷…"


def test_templates_expand_from_pages():
    pages = {"Template:Greet": "Hello, {{{1}}}."}
    assert wikitext.to_text("{{Greet|{{PAGENAME}}}}", title="Ada", pages=pages) == "Hello, Ada."


def test_the_method_on_parsed_pages():
    tree = wikitext.parse("== A ==\nOne. Two.")
    assert tree.to_text(sentences=2) == "A\nOne."
    section = tree.get_sections(levels=[2])[0]
    assert section.to_text() == "A\nOne. Two."


@pytest.mark.parametrize(
    "limits",
    [{"sentences": 1, "chars": 2}, {"sentences": -1}, {"chars": -3}],
)
def test_bad_limits_are_typed_errors(limits):
    with pytest.raises(wikitext.TextLimitError):
        wikitext.to_text("x", **limits)
    with pytest.raises(ValueError):
        wikitext.parse("x").to_text(**limits)

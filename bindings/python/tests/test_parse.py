"""wikitext.parse: the tree, its nodes and their parts."""

import pytest

import wikitext

PAGE = (
    "Lead with {{lang|fr|bonjour}}.\n"
    "== Early ''life'' ==\n"
    "{{Infobox person | name = Ada | {{small|x}} |born=1815}}\n"
    "See [[Analytical Engine|the engine]] and [[Babbage]]s.\n"
    "[https://example.org Example] https://bare.example.org\n"
    '<ref name="r1">Note</ref><b class=x>bold</b><br/><!-- hidden -->\n'
    "=== Later ===\n"
    "text\n"
    "== End ==\n"
)


@pytest.fixture
def tree():
    return wikitext.parse(PAGE)


def test_round_trip(tree):
    assert str(tree) == PAGE
    assert "".join(str(n) for n in tree.nodes) == PAGE
    assert (tree.start, tree.end) == (0, len(PAGE))


def test_empty_input():
    tree = wikitext.parse("")
    assert str(tree) == ""
    assert tree.nodes == []
    assert tree.filter_templates() == []


def test_templates(tree):
    templates = tree.filter_templates()
    assert [t.name.strip() for t in templates] == ["lang", "Infobox person", "small"]
    infobox = templates[1]
    assert isinstance(infobox, wikitext.Template)
    assert isinstance(infobox, wikitext.Node)
    assert infobox.kind == "TEMPLATE"
    assert str(infobox.name) == "Infobox person "
    assert [(p.name, str(p.value), p.showkey) for p in infobox.params] == [
        ("name", " Ada ", True),
        ("1", " {{small|x}} ", False),
        ("born", "1815", True),
    ]
    assert str(infobox.params[0]) == " name = Ada "
    assert infobox.has("born") and infobox.has("1") and not infobox.has("2")
    assert infobox.get("name").value.strip() == "Ada"
    # A parameter's value is wikitext with nodes of its own.
    assert [t.name.strip() for t in infobox.get("1").value.filter_templates()] == ["small"]
    # recursive=False keeps only the outer templates.
    assert len(tree.filter_templates(recursive=False)) == 2


def test_missing_parameter_raises_not_found(tree):
    infobox = tree.filter_templates()[1]
    with pytest.raises(wikitext.NotFoundError, match='no parameter "died"'):
        infobox.get("died")
    # mwparserfromhell raises ValueError here; NotFoundError is one.
    with pytest.raises(ValueError):
        infobox.get("died")


def test_duplicate_parameter_last_wins():
    template = wikitext.parse("{{x|a|1=b|k=1|k=2}}").filter_templates()[0]
    assert str(template.get("1").value) == "b"
    assert str(template.get("k").value) == "2"


def test_wikilinks(tree):
    links = tree.filter_wikilinks()
    assert [(str(l.title), l.text and str(l.text)) for l in links] == [
        ("Analytical Engine", "the engine"),
        ("Babbage", None),
    ]
    assert all(isinstance(l, wikitext.WikiLink) for l in links)
    file_link = wikitext.parse("[[File:A.png|thumb|A [[caption]]]]").filter_wikilinks()[0]
    assert str(file_link.text) == "thumb|A [[caption]]"
    assert [str(l.title) for l in file_link.text.filter_wikilinks()] == ["caption"]


def test_external_links(tree):
    links = tree.filter_external_links()
    assert [(l.url, l.title and str(l.title), l.brackets) for l in links] == [
        ("https://example.org", "Example", True),
        ("https://bare.example.org", None, False),
    ]


def test_headings(tree):
    headings = tree.filter_headings()
    assert [(h.level, str(h.title), h.title.strip()) for h in headings] == [
        (2, " Early ''life'' ", "Early ''life''"),
        (3, " Later ", "Later"),
        (2, " End ", "End"),
    ]
    assert headings[0].title.strip_code().strip() == "Early life"


def test_tags(tree):
    tags = tree.filter_tags()
    assert [(t.tag, t.extension, t.closing, t.self_closing) for t in tags] == [
        ("ref", True, False, False),
        ("b", False, False, False),
        ("b", False, True, False),
        ("br", False, False, True),
    ]
    ref = tags[0]
    assert ref.contents == "Note"
    assert [(a.name, a.value) for a in ref.attributes] == [("name", "r1")]
    assert ref.has("NAME")
    assert ref.get("name").value == "r1"
    assert str(ref.get("name")) == 'name="r1"'
    assert tags[1].contents is None
    with pytest.raises(wikitext.NotFoundError):
        ref.get("group")


def test_comments_and_text(tree):
    comments = tree.filter_comments()
    assert [c.contents for c in comments] == [" hidden "]
    texts = tree.filter_text()
    assert all(isinstance(t, wikitext.Text) and t.kind == "TEXT" for t in texts)
    assert texts[0].value == "Lead with "


def test_generic_nodes(tree):
    assert [n.kind for n in tree.nodes[:3]] == ["TEXT", "TEMPLATE", "TEXT"]
    tables = wikitext.parse("{|\n| a\n|}").filter(kind="TABLE")
    assert [type(t) for t in tables] == [wikitext.Node]
    assert str(tables[0]) == "{|\n| a\n|}"


def test_sections(tree):
    sections = tree.get_sections()
    assert [str(s).split("\n")[0] for s in sections] == [
        "Lead with {{lang|fr|bonjour}}.",
        "== Early ''life'' ==",
        "=== Later ===",
        "== End ==",
    ]
    # Sections nest: the level-2 section holds its level-3 one.
    assert "=== Later ===" in str(sections[1])
    level2 = tree.get_sections(levels=[2])
    assert [s.filter_headings()[0].title.strip() for s in level2] == ["Early ''life''", "End"]
    assert len(tree.get_sections(levels=[2], include_lead=True)) == 3
    bodies = tree.get_sections(levels=[3], include_headings=False)
    assert [str(b) for b in bodies] == ["\ntext\n"]
    # A section's nodes are real nodes of the page.
    assert [t.name.strip() for t in sections[1].filter_templates()] == ["Infobox person", "small"]


def test_strip_code():
    tree = wikitext.parse("'''Ada''' wrote [[Note G|notes]] on {{cite|x}}[[Engine]]<!-- c --><ref>r</ref> &amp; more.")
    assert tree.strip_code() == "Ada wrote notes on Engine & more."


def test_reprs(tree):
    template = tree.filter_templates()[0]
    assert repr(template) == "<Template \"{{lang|fr|bonjour}}\" at 10..29>"
    assert repr(template.params[0]) == '<Parameter "1" = "fr">'
    assert repr(tree).startswith("<Wikicode ")


def test_nodes_are_read_only(tree):
    template = tree.filter_templates()[0]
    with pytest.raises(AttributeError):
        template.name = "other"  # type: ignore[misc]


def test_nodes_outlive_their_tree():
    template = wikitext.parse("{{a|b}}").filter_templates()[0]
    import gc

    gc.collect()
    assert str(template.get("1").value) == "b"

"""wikitext.compat: mwparserfromhell's API on the Rust parse."""

import subprocess
import sys
from pathlib import Path

import pytest

import wikitext.compat as mwparserfromhell
from wikitext.compat.nodes import Comment, Template, Text, Wikilink

RUNNER = Path(__file__).resolve().parents[1] / "compat" / "run_upstream_tests.py"
# mwparserfromhell 0.7.2's own tests that pass; raise it when more do.
UPSTREAM_PASSING = 190


def test_round_trip_on_corpus(corpus_pages):
    for name, text in corpus_pages:
        assert str(mwparserfromhell.parse(text)) == text, name


def test_nodes_are_typed_and_editable():
    code = mwparserfromhell.parse("a {{cite web|url=x|title = T }} [[L]] <!--c--> '''b'''")
    template = code.filter_templates()[0]
    assert isinstance(template, Template) and template.name == "cite web"
    assert template.get("title").value == " T "
    template.add("access-date", "2026")
    template.remove("url")
    link = code.filter_wikilinks()[0]
    assert isinstance(link, Wikilink)
    link.text = "label"
    for comment in code.filter_comments():
        assert isinstance(comment, Comment)
        code.remove(comment)
    assert str(code) == "a {{cite web|title = T |access-date=2026}} [[L|label]]  '''b'''"
    assert code.strip_code() == "a  label  b"
    assert isinstance(code.get(0), Text)


def test_typed_filters_on_unbuilt_code_find_the_trees_nodes(corpus_pages):
    """A typed filter on freshly parsed code builds only the nodes on the way
    to the wanted ones: it must find the very nodes (same objects, same
    order) that a walk of the whole built tree finds."""
    from wikitext.compat.nodes import Argument, ExternalLink, Heading, HTMLEntity, Tag
    from wikitext.compat.wikicode import _all_nodes

    kinds = (Template, Wikilink, Comment, ExternalLink, Argument, Heading, HTMLEntity, Tag)
    for name, text in corpus_pages:
        code = mwparserfromhell.parse(text)
        found = {kind: code.filter(forcetype=kind) for kind in kinds}
        everything = []
        for top in code.nodes:
            _all_nodes(top, everything)
        for kind in kinds:
            walked = [node for node in everything if isinstance(node, kind)]
            assert len(walked) == len(found[kind]), (name, kind)
            assert all(a is b for a, b in zip(walked, found[kind])), (name, kind)


def test_edits_through_a_typed_filter_reach_the_text():
    text = "a<ref>{{cite|x}}<!--c--></ref> == H == <!--d-->\n{{b|{{c}}}} <span title=\"{{t}}\">s</span>"
    code = mwparserfromhell.parse(text)
    templates = code.filter_templates()
    assert [str(t.name) for t in templates] == ["cite", "b", "c", "t"]
    templates[0].add("y", "z")
    templates[2].name = "C"
    assert str(code) == text.replace("{{cite|x}}", "{{cite|x|y=z}}").replace("{{c}}", "{{C}}")
    for comment in code.filter_comments():
        code.remove(comment)
    assert str(code) == "a<ref>{{cite|x|y=z}}</ref> == H == \n{{b|{{C}}}} <span title=\"{{t}}\">s</span>"
    assert code.filter_templates()[0] is templates[0]
    assert code.get_ancestors(templates[2])[0] is templates[1]


@pytest.mark.parametrize("text", [
    "<span>" * 5000 + "</span>" * 5000,
    ("{{a|" + "<span>" * 99) * 20 + ("</span>" * 99 + "}}") * 20,
    ("{{a|[[b|<small>''x" + "'" * 3) * 300 + ("</small>]]}}") * 300,
    ("<div>{{{a|" * 200) + "</div>}}}" * 200,
])
def test_deep_nesting_stays_within_the_depth_limit(text):
    """Markup nested past the limit stays Text (mwparserfromhell's tokenizer
    also gives up past its maximum depth): walks, str() and strip_code() of
    the tree never exhaust Python's stack."""
    code = mwparserfromhell.parse(text)
    assert str(code) == text
    deepest, stack = 0, [(code, 0)]
    while stack:
        wikicode, depth = stack.pop()
        deepest = max(deepest, depth)
        for node in wikicode.nodes:
            stack.extend((inner, depth + 1) for inner in node.__children__())
    assert 50 < deepest <= 100
    tags = code.filter_tags()
    code.filter_templates()
    code.strip_code()
    code.get_tree()
    tags[-1].contents = "x"
    assert "x" in str(code)


def test_sections_end_at_the_next_heading_of_their_level_or_above():
    """get_sections() finds every section's end in one pass; checked against
    the definition on random heading sequences."""
    import random

    rng = random.Random(7)
    for _ in range(200):
        levels = [rng.randint(1, 6) for _ in range(rng.randint(0, 12))]
        text = "lead\n" + "".join("\n{0} h{1} {0}\nbody{1}\n".format("=" * level, i) for i, level in enumerate(levels))
        code = mwparserfromhell.parse(text)
        for flat in (False, True):
            got = [str(section) for section in code.get_sections(flat=flat, include_lead=False)]
            headings = [i for i, node in enumerate(code.nodes) if node in code.filter_headings(recursive=False)]
            want = []
            for position, index in enumerate(headings):
                later = [j for k, j in enumerate(headings[position + 1:], position + 1)
                         if flat or levels[k] <= levels[position]]
                end = later[0] if later else len(code.nodes)
                want.append("".join(str(node) for node in code.nodes[index:end]))
            assert got == want, (levels, flat)


def _outline(code):
    """Tags as (tag, markup, separator, padding, attributes, inner outline), Text as its text."""
    out = []
    for node in code.nodes:
        if isinstance(node, mwparserfromhell.nodes.Tag):
            inner = _outline(node.contents) if node.contents is not None else None
            out.append((str(node.tag), node.wiki_markup, node.wiki_style_separator, node.padding,
                        [str(attr) for attr in node.attributes], inner))
        else:
            out.append(str(node))
    return out


def test_tables_are_tags_as_mwparserfromhell_reads_them():
    text = '{| class="x"\n|+ cap\n|-\n! h1 !! h2\n|- style="y"\n| a || style="c" | b\n |}\n----\nz'
    code = mwparserfromhell.parse(text)
    assert str(code) == text
    assert _outline(code) == [
        ("table", "{|", None, "\n", [' class="x"'], [
            ("td", "|", None, "", [], ["+ cap\n"]),
            ("tr", "|-", None, "\n", [], [
                ("th", "!", None, "", [], [" h1 "]),
                ("th", "!!", None, "", [], [" h2\n"]),
            ]),
            ("tr", "|-", None, "\n", [' style="y"'], [
                ("td", "|", None, "", [], [" a "]),
                ("td", "||", "|", " ", [' style="c"'], [" b\n "]),
            ]),
        ]),
        "\n",
        ("hr", "----", None, "", [], []),
        "\nz",
    ]
    cell = code.filter_tags(matches="style=\"c\"")[-1]
    cell.contents = " B "
    assert str(code) == text.replace('| b\n |}', '| B |}')
    # Attributes with a stray quote, and a caption's: the table stays a table.
    text = '{| class="a" font-size:80%;"\n|+ style="b" |Cap\n| c\n|}'
    code = mwparserfromhell.parse(text)
    assert str(code) == text
    (table,) = code.filter_tags(recursive=False)
    assert str(table.tag) == "table" and table.padding == "\n"
    caption = table.contents.get(0)
    assert (str(caption.tag), caption.wiki_style_separator, str(caption.contents)) == ("td", "|", "Cap\n")
    assert code.strip_code() == "Cap c"  # as mwparserfromhell strips it
    # A template on the table's line is found where it is, and edits reach it.
    code = mwparserfromhell.parse("{| {{table style|a=b}}\n| c\n|}")
    (template,) = code.filter_templates()
    code.insert_after(template, "<!--x-->")
    assert str(code) == "{| {{table style|a=b}}<!--x-->\n| c\n|}"
    # Not tables to mwparserfromhell: one never closed, one in a list item.
    for text in ("{|\n| a\n", ":{|\n| [[a]]\n|}"):
        code = mwparserfromhell.parse(text)
        assert not [tag for tag in code.filter_tags() if str(tag.tag) == "table"]
        assert str(code) == text
    assert mwparserfromhell.parse(":{|\n| [[a]]\n|}").filter_wikilinks() == ["[[a]]"]


def test_a_template_among_a_tags_attributes_is_an_attribute():
    """``<span {{style}}>``: the template is found, as an attribute of its
    own (mwparserfromhell's reading), not left in the tag's padding."""
    for text in ('<span {{x}}>a</span>', '<ref name="a" {{x}}>b</ref>'):
        code = mwparserfromhell.parse(text)
        assert str(code) == text
        (template,) = code.filter_templates()
        assert str(code.filter_tags()[0].attributes[-1]) == " {{x}}"
        template.name = "y"
        assert str(code) == text.replace("{{x}}", "{{y}}")


def test_get_tree_shows_wiki_markup_as_the_tag_it_stands_for():
    code = mwparserfromhell.parse("''a''\n* x")
    assert code.get_tree() == "<\n      i\n>\n      a\n</\n      i\n>\n\\n\n<\n      li\n/>\n x"


def test_a_definition_after_a_link_on_a_term_line_is_a_dd():
    code = mwparserfromhell.parse(";[[methane]] : CH4\n: next")
    assert [(str(tag.tag), tag.wiki_markup) for tag in code.filter_tags()] == [("dt", ";"), ("dd", ":"), ("dd", ":")]
    assert str(code) == ";[[methane]] : CH4\n: next"


def test_entities_as_mwparserfromhell_reads_them():
    """HTML 4's named references and numeric ones are entities, in URLs
    too; other names (``&apos;``, ``&foo;``) are text."""
    text = "&amp; &apos; &foo; &#65; [http://a.b/?x=1&amp;y=2 t] http://c.d/?p&hellip;q"
    code = mwparserfromhell.parse(text)
    assert str(code) == text
    assert code.filter_html_entities() == ["&amp;", "&#65;", "&amp;", "&hellip;"]
    assert code.filter_external_links()[0].url.filter_html_entities() == ["&amp;"]


def test_nodes_a_filter_finds_in_an_unbuilt_table_are_the_tables():
    """A filter finds nodes in a table's cells and row lines before the
    table's parts are built; removing and editing them reaches the text."""
    text = "{|\n|- <!--r-->\n| a {{t}} <!--c-->\n|}\nz"
    code = mwparserfromhell.parse(text)
    (template,) = code.filter_templates()
    template.name = "u"
    for comment in code.filter_comments():
        code.remove(comment)
    assert str(code) == "{|\n|- \n| a {{u}} \n|}\nz"
    assert code.filter_templates()[0] is template


def test_template_errors_are_mwparserfromhells():
    template = mwparserfromhell.parse("{{a|b=c}}").filter_templates()[0]
    with pytest.raises(ValueError):
        template.get("missing")
    with pytest.raises(ValueError):
        template.remove("missing")
    with pytest.raises(ValueError):
        template.add("z", "v", showkey=False)


def test_mwparserfromhells_own_tests():
    """Downloads mwparserfromhell's sdist (PyPI) and runs its public-API tests."""
    run = subprocess.run([sys.executable, str(RUNNER)], capture_output=True, text=True)
    if run.returncode != 0 or "passed" not in run.stdout.splitlines()[-1]:
        pytest.skip("could not download or run mwparserfromhell's tests:\n" + run.stdout[-2000:] + run.stderr[-2000:])
    passed, _of, total = run.stdout.splitlines()[-1].split()[1:]
    assert int(passed) >= UPSTREAM_PASSING, run.stdout[-4000:]


def test_stubs_type_check(tmp_path):
    pytest.importorskip("mypy")
    script = tmp_path / "bot.py"
    script.write_text(
        "import wikitext.compat as mwparserfromhell\n"
        "from wikitext.compat.nodes import Template\n"
        "code = mwparserfromhell.parse('{{a|b=c}}')\n"
        "template: Template = code.filter_templates()[0]\n"
        "template.add('d', 'e', before='b')\n"
        "for section in code.get_sections(levels=[2]):\n"
        "    text: str = section.strip_code()\n"
    )
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr


def test_magic_word_pipes_in_tables_are_templates():
    # The parser reads `{{!}}` in table syntax as a pipe; mwparserfromhell
    # reads it as the template it is.
    text = "{{{!}} class=x\n{{!}}a{{!}}{{!}}b\n{{!}}}"
    code = mwparserfromhell.parse(text)
    assert str(code) == text
    assert [str(t.name) for t in code.filter_templates()] == ["!"] * 5


NODE_TYPES = [
    mwparserfromhell.nodes.Argument, Comment, mwparserfromhell.nodes.ExternalLink, mwparserfromhell.nodes.Heading,
    mwparserfromhell.nodes.HTMLEntity, mwparserfromhell.nodes.Tag, Template, Text, Wikilink,
]


@pytest.mark.parametrize(
    "text",
    [
        "{{t|a\n* b\n#c}}",
        "{{t|x=;term: def}} {{u|y=a:b}}",
        "{{t|''a''}} {{u|plain}} [[L|'''b''']]",
        "{{t|1=\n{|\n|-\n| cell\n|}\n}}",
        "{{t|a<br>b|c=<span>d</span>}} {{u|----}}",
        "{{t|<ref>r</ref>}} <!-- * not a marker --> x * y",
    ],
)
def test_filter_tags_leaves_what_holds_no_tag_unbuilt_and_finds_the_rest(text):
    # A Tag comes from tag, quote, table and rule spans, or from a list
    # marker in text; the filter skips source with none of those.
    lazy = mwparserfromhell.parse(text)
    found = lazy.filter_tags()
    built = mwparserfromhell.parse(text)
    assert built.get_tree()
    assert [str(tag) for tag in found] == [str(tag) for tag in built.filter_tags()]
    assert str(lazy) == text
    plain = mwparserfromhell.parse("{{u|plain}} {{v|x=y}}")
    assert plain.filter_tags() == []
    assert all(template._unbuilt is not None for template in plain.filter_templates())


def test_lazy_typed_filters_find_what_a_full_walk_finds(corpus_pages):
    # filter(forcetype=T) leaves source that cannot hold a T unbuilt; on a
    # fresh parse it must find the nodes a walk that builds everything finds.
    for name, text in corpus_pages:
        everything = mwparserfromhell.parse(text).filter()
        for node_type in NODE_TYPES:
            found = [str(node) for node in mwparserfromhell.parse(text).filter(forcetype=node_type)]
            assert found == [str(node) for node in everything if isinstance(node, node_type)], (name, node_type)


def test_edits_inside_unbuilt_pieces_are_written_back():
    text = "a {{outer|x = {{inner|p=1}} |y=[[L]]}} <ref>{{cite web|url=u}}<!--c--></ref> b"
    code = mwparserfromhell.parse(text)
    assert str(code) == text
    inner = code.filter_templates()[1]
    assert inner.name == "inner"
    inner.add("q", "2")
    for comment in code.filter_comments():
        code.remove(comment)
    link = code.filter_wikilinks()[0]
    link.text = "l"
    assert code.get_ancestors(link)[0].name == "outer"
    assert str(code) == "a {{outer|x = {{inner|p=1|q=2}} |y=[[L|l]]}} <ref>{{cite web|url=u}}</ref> b"
    outer = code.filter_templates()[0]
    assert [str(p.name) for p in outer.params] == ["x ", "y"]
    assert code.index(inner, recursive=True) == 1


def test_a_moved_node_is_still_found_by_identity():
    # Searches skip built Wikicode whose source range cannot hold the node;
    # a node an edit moved elsewhere is found by the full search after that.
    code = mwparserfromhell.parse("{{a|x=<!--c-->}} {{b|y=1}}")
    comment = code.filter_comments()[0]
    code.remove(comment)
    code.filter_templates()[1].get("y").value.append(comment)
    assert str(code) == "{{a|x=}} {{b|y=1<!--c-->}}"
    assert code.get_parent(comment).name == "b"
    code.remove(comment)
    assert str(code) == "{{a|x=}} {{b|y=1}}"


def _shape(code):
    """Nodes as mwparserfromhell shows them: tags with their wiki markup."""
    out = []
    for node in code.nodes:
        if isinstance(node, mwparserfromhell.nodes.Tag):
            inner = "" if node.contents is None else _shape(node.contents)
            out.append(f"{node.tag}[{node.wiki_markup}]{{{inner}}}")
        else:
            out.append(repr(str(node)))
    return " ".join(out)


@pytest.mark.parametrize(
    ("text", "shape", "stripped"),
    [
        # Five apostrophes open italic around bold; the closing runs decide.
        ("'''''A'''''", "i['']{b[''']{'A'}}", "A"),
        ("'''''A''' B''", "i['']{b[''']{'A'} ' B'}", "A B"),
        ("'''''A'' B'''", "b[''']{i['']{'A'} ' B'}", "A B"),
        ("''A'''B'''''", "i['']{'A' b[''']{'B'}}", "AB"),
        ("'''A''B'''''", "b[''']{'A' i['']{'B'}}", "AB"),
        ("'''''A'''", "\"''\" b[''']{'A'}", "''A"),
        # A bold run left open is an apostrophe and an italic run; one left
        # open inside an italic closes it, read again, as an apostrophe.
        ("The '''Arabidopsis''-type' sequence", "\"The '\" i['']{'Arabidopsis'} \"-type' sequence\"", "The 'Arabidopsis-type' sequence"),
        ("''a'''b", "i['']{\"a'\"} 'b'", "a'b"),
        ("a'''b''c'''d''e", "\"a'\" i['']{'b'} \"c'\" i['']{'d'} 'e'", "a'bc'de"),
        # A style runs to its close across lines and list items.
        ("''a\nb''", "i['']{'a\\nb'}", "a\nb"),
        ("* ''a\n* b''", "li[*]{} ' ' i['']{'a\\n' li[*]{} ' b'}", " a\n b"),
        # Four apostrophes are one and a bold run; beyond five, the rest are text.
        ("''''a''", "\"''\" i['']{'a'}", "''a"),
        ("'''a''''b'''", "b[''']{\"a'\"} \"b'''\"", "a'b'''"),
        ("''a'''''b", "i['']{'a'} \"'''b\"", "a'''b"),
        ("'''a'''''b''", "b[''']{'a'} i['']{'b'}", "ab"),
        # List markers at a line's start are tags of their own.
        ("a\n* b\n**c", "'a\\n' li[*]{} ' b\\n' li[*]{} li[*]{} 'c'", "a\n b\nc"),
        ("; term : def\n:x", "dt[;]{} ' term ' dd[:]{} ' def\\n' dd[:]{} 'x'", " term  def\nx"),
        ("{{t|* a}}", "'{{t|* a}}'", ""),
    ],
)
def test_quotes_and_list_markers_read_as_mwparserfromhell_reads_them(text, shape, stripped):
    code = mwparserfromhell.parse(text)
    assert str(code) == text
    assert _shape(code) == shape
    assert code.strip_code() == stripped


def test_starts_found_in_rust_are_those_the_python_scans_find(corpus_pages):
    # The builder reads where list markers and each node type's spans may
    # start from SpanIndex in Rust, and scans in Python for a table made
    # there: they must agree, in code points, on any text.
    import random

    from wikitext import _native
    from wikitext.compat import builder

    rng = random.Random(7)
    pieces = ["*", "#", ":", ";", "-", "----", "\n", "\n;", "\n*", "a", " ", "é", "𝄞"]
    texts = [text for _name, text in corpus_pages] + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in texts:
        kinds, starts, _ends, _nexts, index = _native.compat_spans(text, builder.KINDS, builder._IS_PIECE)
        assert index.marker_starts() == builder._marker_starts(text), text
        for node_type, sources in builder._SOURCES.items():
            expected = [start for kind, start in zip(kinds, starts) if kind in sources]
            assert list(index.starts_of_kinds(builder._KIND_MASKS[node_type])) == expected, (text, node_type)


def test_bold_and_italic_tags_nest_no_deeper_than_the_depth_reserved_for_them():
    # The depth limit reserves _QUOTE_DEPTH levels for style Tags around a
    # node; any mix of runs must stay within it (and give back its text).
    import random

    from wikitext.compat import builder

    def style_depth(code):
        deepest = 0
        for node in code.nodes:
            if isinstance(node, mwparserfromhell.nodes.Tag) and node.wiki_markup in ("''", "'''"):
                deepest = max(deepest, 1 + style_depth(node.contents))
        return deepest

    pieces = ["a", " ", "\n", "''", "'''", "''''", "'''''", "'" * 7]
    rng = random.Random(7)
    deepest = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 24)))
        code = mwparserfromhell.parse(text)
        assert str(code) == text
        deepest = max(deepest, style_depth(code))
    assert 2 <= deepest <= builder._QUOTE_DEPTH


def test_quote_runs_whose_pairing_would_cost_too_much_stay_text(monkeypatch):
    from wikitext.compat import builder

    monkeypatch.setattr(builder._StylePairing, "STEPS_PER_RUN", 0)
    monkeypatch.setattr(builder._StylePairing, "STEPS", 0)
    code = mwparserfromhell.parse("a ''b'' [[c|'''d''']]")
    assert str(code) == "a ''b'' [[c|'''d''']]"
    assert not code.filter_tags()
    assert code.strip_code() == "a ''b'' '''d'''"


def test_truth_of_code_and_nodes_is_that_of_their_text():
    # bool() is bool(str()), made without the text where that is known.
    assert not mwparserfromhell.parse("")
    assert mwparserfromhell.parse("a [[b]]")
    code = mwparserfromhell.parse("<ref><!--c--></ref>x")
    ref = code.filter_tags()[0]
    assert ref.contents
    ref.contents.remove(ref.contents.filter_comments()[0])
    assert not ref.contents and str(ref.contents) == ""
    lazy = mwparserfromhell.parse("<!--c-->")
    lazy.remove(lazy.filter_comments()[0])
    assert not lazy and str(lazy) == ""
    built = mwparserfromhell.parse("{{a}}")
    assert built.nodes and built
    built.remove(built.nodes[0])
    assert not built
    for node in mwparserfromhell.parse("{{t}}[[l]]<b>x</b>== h ==\n<!--c-->&amp;{{{a}}}''i''").nodes:
        assert bool(node) == bool(str(node))
    assert not mwparserfromhell.nodes.Text("")


@pytest.mark.parametrize(
    ("text", "tag", "remove", "saved", "pads", "padding"),
    [
        ('<span a b="c">x</span>', 0, "b", "<span a >x</span>", [("a", " ", " ")], ""),
        ("<br a />", 0, "a", "<br/>", [], ""),
        ("{|\n|- a  \n| y\n|}", 1, None, "{|\n|- a  \n| y\n|}", [("a", " ", "  ")], "\n"),
        ('<span class=x hidden style="y">z</span>', 0, "style", "<span class=x hidden >z</span>", [("class", " ", ""), ("hidden", " ", " ")], ""),
        # A caption's "+" is its first attribute, one without a value.
        ('{|\n|+ style="s" |Cap\n|}', 1, None, '{|\n|+ style="s" |Cap\n|}', [("+", "", " "), ("style", "", "")], " "),
    ],
)
def test_the_space_after_an_attribute_without_a_value_is_its_own(text, tag, remove, saved, pads, padding):
    # As mwparserfromhell reads it: the whitespace after a valueless
    # attribute is its pad_before_eq, so removing the next leaves it there.
    code = mwparserfromhell.parse(text)
    node = code.filter_tags()[tag]
    if remove:
        node.remove(remove)
    assert str(code) == saved
    assert [(str(a.name), a.pad_first, a.pad_before_eq) for a in node.attributes] == pads
    assert node.padding == padding


def test_a_rule_in_a_templates_argument_is_an_hr_tag():
    # As mwparserfromhell reads it: four or more dashes at a line's start.
    code = mwparserfromhell.parse("{{t|a\n---- x\n* y|b=----}}")
    assert [(str(t.tag), t.wiki_markup) for t in code.filter_tags()] == [("hr", "----"), ("li", "*")]
    assert code.filter_templates()[0].get(1).value.strip_code() == "a\n x\n y"
    assert str(code) == "{{t|a\n---- x\n* y|b=----}}"


@pytest.mark.parametrize(("text", "tags"), [("a<br/ >b", []), ("a<b/ >c</b>", []), ("a<br//>b", []), ("a<br/>b", ["br"]), ("a<br / >b", ["br"])])
def test_a_slash_right_after_a_tags_name_closes_it_only_as_name_slash_gt(text, tags):
    # As mwparserfromhell reads it: "<br/ >" is text.
    code = mwparserfromhell.parse(text)
    assert [str(tag.tag) for tag in code.filter_tags()] == tags
    assert str(code) == text


@pytest.mark.parametrize(
    ("text", "url", "title", "suppress"),
    [
        ("[http://a.example/x{{dead link}} t]", "http://a.example/x{{dead link}}", "t", False),
        ("[http://a.example/{{x}}/y z]", "http://a.example/{{x}}/y", "z", False),
        ("[http://a.example/{{x}}]", "http://a.example/{{x}}", None, False),
        ("[http://a.example/{{x}}<b>q</b>]", "http://a.example/{{x}}", "<b>q</b>", True),
        ("[http://a.example/{{x}}<!--c--> t]", "http://a.example/{{x}}<!--c-->", "t", False),
    ],
)
def test_a_bracketed_urls_templates_are_the_urls(text, url, title, suppress):
    # As mwparserfromhell reads it: the URL runs on through templates and
    # comments to a space, "]" or markup.
    code = mwparserfromhell.parse(text)
    link = code.filter_external_links()[0]
    assert (str(link.url), link.title and str(link.title), link.suppress_space) == (url, title, suppress)
    assert code.filter_templates()[0] is link.url.filter_templates()[0]
    assert str(code) == text


@pytest.mark.parametrize(
    ("text", "url", "after"),
    [
        ("<ref>http://a.example/x{{dead link|date=1}}</ref>", "http://a.example/x{{dead link|date=1}}", "</ref>"),
        ("http://a.example/x.{{t}}y. z", "http://a.example/x.{{t}}y", ". z"),
        ("(http://a.example/{{t}}a) q", "http://a.example/{{t}}a", ") q"),
        ("http://a.example/{{t}}<!--c-->http://b.example/&amp;x y", "http://a.example/{{t}}<!--c-->http://b.example/&amp;x", " y"),
        ("http://a.example/{{t}}''x''", "http://a.example/{{t}}", "''x''"),
        ("http://a.example/?a=1&amp;b=2{{t}}&#65;, z", "http://a.example/?a=1&amp;b=2{{t}}&#65;", ", z"),
        ("{{c|http://a.example/{{t}}|v}}", "http://a.example/{{t}}", "|v}}"),
    ],
)
def test_a_bare_urls_templates_are_the_urls(text, url, after):
    # As mwparserfromhell reads it: a bare URL runs on through templates,
    # comments and the text after them; a URL in that text is text.
    code = mwparserfromhell.parse(text)
    links = code.filter_external_links()
    assert [str(link.url) for link in links] == [url]
    assert text.endswith(url + after)
    for template in code.filter_templates(matches=lambda t: str(t.name) in ("t", "dead link")):
        assert any(template is found for found in links[0].url.filter_templates())
    # Its character references are entities, as in any URL.
    assert links[0].url.filter_html_entities() == [entity for entity in ("&amp;", "&#65;") if entity in url]
    assert str(code) == text


@pytest.mark.parametrize(
    ("text", "added"),
    [
        # (What mwparserfromhell 0.7.2 writes.)
        ("{{a|b = 1|c=2|d =3}}", "{{a|b = 1|c=2|d =3|e =v}}"),
        ("{{a| b=1 | c=2 |d=3}}", "{{a| b=1 | c=2 |d=3| e=v }}"),
        ("{{a\n | b = 1\n | c = 2\n | d = \n}}", "{{a\n | b = 1\n | c = 2\n | d = \n| e = v\n }}"),
        ("{{a|x|y|\x1cb\x1c=1|c= |d=\n}}", "{{a|x|y|\x1cb\x1c=1|c= |d=\n|e=v}}"),
    ],
)
def test_an_unedited_templates_arguments_are_read_for_has_and_add_as_text_is(text, added):
    # has() and add() read an unedited template's arguments from its rows
    # (in Rust): names are stripped as str.strip() strips them, a
    # positional argument is named by its number, and a new parameter takes
    # the layout most of the named ones share.
    template = mwparserfromhell.parse(text).filter_templates()[0]
    assert [template.has(key) for key in ("b", "c", "d", "e")] == [True, True, True, False]
    assert [template.has(key, ignore_empty=True) for key in ("b", "d")] == [True, "d=3" in text.replace(" ", "")]
    if "x" in text:
        assert [template.has(key) for key in ("1", "2", "3", "02")] == [True, True, False, False]
    template.add("e", "v")
    assert str(template) == added
    assert template.has("e") and not template.has("f")


@pytest.mark.parametrize(
    ("text", "after"),
    [
        # (What mwparserfromhell 0.7.2 gives for replace("a ", "b ").)
        ("x\n{|\n|a||b\n|}\n", ValueError),
        ("{{cite|a=b}}", ValueError),
        ("q a \n# n", "q b \n# n"),
        ("<b>t</b>a \n# n", "<b>t</b>b \n# n"),
        ("{{t|a |a }}", "{{t|b |b }}"),
    ],
)
def test_a_string_is_found_as_the_nodes_it_parses_to(text, after):
    # replace(), remove() and insert_*() of a string look for runs of nodes
    # whose texts are those of the nodes the string parses to (no
    # stripping), from the end; a string that is only part of a node's text
    # is replaced in the text; one that is nowhere is a ValueError.
    code = mwparserfromhell.parse(text)
    if after is ValueError:
        with pytest.raises(ValueError):
            code.replace("a ", "b ")
        assert str(code) == text
    else:
        code.replace("a ", "b ")
        assert str(code) == after


def test_text_found_only_inside_nodes_is_edited_as_text():
    # As mwparserfromhell: a string that starts or ends inside a node is
    # edited in the text (recursive searches only).
    code = mwparserfromhell.parse("here is {{some text and a {{template}}}}")
    with pytest.raises(ValueError):
        code.insert_before("text and", "ab", recursive=False)
    code.insert_before("text and", "ab")
    code.insert_before("is {{some", "cd")
    assert str(code) == "here cdis {{some abtext and a {{template}}}}"
    code.replace("abtext", "X")
    code.remove("cd")
    assert str(code) == "here is {{some X and a {{template}}}}"
    with pytest.raises(ValueError):
        code.remove("not there")


def test_sections_are_found_where_they_lie():
    # An empty lead section is still a place: inserting before it inserts there.
    code = mwparserfromhell.parse("== header ==")
    lead, body = code.get_sections(include_headings=False)
    code.insert_before(lead, "lead\n")
    code.insert_after(body, "\nbody")
    assert str(code) == "lead\n== header ==\nbody"


SECTION_PAGE = "lead ''it'' {{t|a}}\n== A ==\nx <b>b</b> {{u}}\n=== B ===\ny <!--c--> [[l]]\n== C ==\nz '''bold\n== D ==\nw'''\n"


@pytest.mark.parametrize("build_first", [False, True])
def test_sections_of_unbuilt_code_are_live_slices(build_first):
    # get_sections() of code not yet built leaves the sections unbuilt; they
    # read, filter and edit as slices of the page's nodes all the same.
    code = mwparserfromhell.parse(SECTION_PAGE)
    if build_first:
        code.nodes
    sections = code.get_sections(include_lead=True)
    # The bold run left open under "C" runs to "D"'s text: "D" is no heading.
    assert [str(section).split("\n", 1)[0] for section in sections] == ["lead ''it'' {{t|a}}", "== A ==", "=== B ===", "== C =="]
    assert sections[0].strip_code() == "lead it "
    assert sections[2].strip_code() == " B \ny  l"
    sections[1].filter_templates()[0].add("k", "v")
    sections[2].remove(sections[2].filter_comments()[0])
    assert str(code) == SECTION_PAGE.replace("{{u}}", "{{u|k=v}}").replace("<!--c-->", "")
    sections[0].append("!")
    sections[3].insert(0, "[")
    assert str(code).startswith("lead ''it'' {{t|a}}\n!== A ==")
    assert "=== B ===\ny  [[l]]\n[== C ==" in str(code)
    assert str(sections[1]).startswith("!== A ==\nx <b>b</b> {{u|k=v}}")
    code.insert(0, "top ")
    assert str(sections[0]) == "top lead ''it'' {{t|a}}\n!"


def test_slices_of_slices_are_live_and_move_as_mwparserfromhells():
    # (What mwparserfromhell 0.7.2 gives.) A slice of a slice is a view of
    # the list itself; a view that ends where items go in takes them, and
    # one that starts there does too.
    from wikitext.compat.smart_list import SmartList

    items = SmartList([0, 1, 2, 3, 4, 5, 6])
    outer = items[1:6]
    inner, tail = outer[2:5], outer[-2:]
    inner.append("X")
    outer.append("Y")
    tail.insert(0, "Z")
    assert items == [0, 1, 2, 3, "Z", 4, 5, "X", "Y", 6]
    assert (outer, inner, tail) == ([1, 2, 3, "Z", 4, 5, "X", "Y"], [3, "Z", 4, 5, "X", "Y"], ["Z", 4, 5, "X", "Y"])
    items = SmartList([0, 1, 2, 3, 4, 5])
    first, middle, last = items[0:2], items[2:4], items[4:6]
    last.insert(0, "I")
    first.append("A")
    del middle[0]
    assert (items, first, middle, last) == ([0, 1, 2, 3, "I", 4, 5], [0, 1], [2, 3, "I"], ["I", 4, 5])


@pytest.mark.parametrize("include_headings", [True, False])
def test_sections_after_a_heading_with_comments_after_its_marks_stay_unbuilt(include_headings):
    # The comments and spaces after a heading's closing marks are nodes of
    # its section, after the heading: without the heading, its section
    # starts there.
    from wikitext.compat.wikicode import _LazySection

    text = "lead\n== A == <!-- c -->\n* a\n== B ==<!--d--> \nb ''x''\n"

    def run(build):
        code = mwparserfromhell.parse(text)
        if build:
            code.nodes
        sections = code.get_sections(include_lead=True, include_headings=include_headings)
        lazy = [type(section) is _LazySection for section in sections]
        # (Reading a section's nodes builds the page: its nodes last.)
        found = [(str(s), s.strip_code(), [str(n) for n in s.filter_comments()]) for s in sections]
        found.append([[type(n).__name__ for n in s.nodes] for s in sections])
        code.remove(code.filter_comments()[0])
        sections[2].append("!")
        return lazy, found, str(code)

    lazy, *unbuilt = run(False)
    built_lazy, *built = run(True)
    assert lazy == [True, True, True] and built_lazy == [False, False, False]
    assert unbuilt == built
    assert unbuilt[0][1][0] == ("== A == <!-- c -->\n* a\n" if include_headings else " <!-- c -->\n* a\n")


def test_a_sections_own_sections_edit_the_page():
    code = mwparserfromhell.parse("lead\n== A ==\na\n=== A1 ===\na1\n=== A2 ===\na2\n== B ==\nb\n")
    section = code.get_sections(levels=[2])[0]
    subsections = section.get_sections(levels=[3])
    subsections[1].append("X\n")
    section.append("Y\n")
    assert str(code) == "lead\n== A ==\na\n=== A1 ===\na1\n=== A2 ===\na2\nX\nY\n== B ==\nb\n"
    assert str(subsections[1]) == "=== A2 ===\na2\nX\nY\n"


def test_sections_after_the_code_is_set_stay_slices_of_what_it_was():
    code = mwparserfromhell.parse("a\n== h ==\nb")
    lead, body = code.get_sections(include_lead=True, include_headings=False)
    code.nodes = mwparserfromhell.parse("new").nodes
    assert (str(lead), str(body), str(code)) == ("a\n", "\nb", "new")


def test_remove_keep_field_keeps_the_hidden_name_of_duplicates():
    # `1  =a` and the positional `b` both name parameter 1: the one kept,
    # blanked, is the one written without its name; `c` stays positional.
    code = mwparserfromhell.parse("{{foo|1  =a|b|c}}")
    template = code.filter_templates()[0]
    template.remove("1", keep_field=True)
    assert str(code) == "{{foo||c}}"
    # Without a hidden one, the first is kept.
    code = mwparserfromhell.parse("{{foo|1  =a|1=b}}")
    template = code.filter_templates()[0]
    template.remove("1", keep_field=True)
    assert str(code) == "{{foo|1  =}}"


def test_a_url_set_as_a_string_is_text_not_a_link_of_its_own():
    link = mwparserfromhell.parse("[http://example.com/ Example]").filter_external_links()[0]
    link.url = "mailto:héhehé@spam.com"
    assert [type(node).__name__ for node in link.url.nodes] == ["Text"]
    assert str(link) == "[mailto:héhehé@spam.com Example]"
    # A template in a URL stays a template.
    link.url = "http://example.com/{{path}}"
    assert [type(node).__name__ for node in link.url.nodes] == ["Text", "Template"]


TEMPLATE_EDIT_CASES = [
    "{{cite web|url=u|title=T|accessdate=2020}}",
    "{{cite web\n | url = u\n | title = T\n | accessdate = \n}}",
    "{{cite book |last=A |first=B |accessdate=x |accessdate=y}}",
    "{{Infobox|a|b|c=d}}",
    "{{x}}",
    "{{x|1=a|2}}",
    "{{x| name = v |other=}}",
]


GET_EDIT_KEYS = ["title", "accessdate", "1", "2", "c", "name", "missing", "url"]


@pytest.mark.parametrize("text", TEMPLATE_EDIT_CASES + ["{{t|a=1|b=[[L]]|a=2}}", "{{t|a=<!--c-->x|b={{u|y}}}}"])
@pytest.mark.parametrize("key", GET_EDIT_KEYS)
def test_get_on_unbuilt_parameters_matches_get_on_built_ones(text, key):
    """get() on a template whose parameters were never read builds only the
    parameter it returns: the same one (by identity, later), the same
    text after edits of it and of the template, the same nodes inside."""
    def run(code, template):
        results = []
        param = template.get(key, None)
        results.append(None if param is None else (str(param), str(param.name), param.showkey))
        if param is not None:
            assert template.get(key) is param
            param.value = " new [[M]] "
        results.append(template.has("bot-checked"))
        template.add("bot-checked", "yes")
        for other in ("accessdate", "b"):
            try:
                template.remove(other)
                results.append(True)
            except ValueError:
                results.append(False)
        results.append(str(template.get(key, "none")))
        results.append(str(template.add(key, "set")))
        results.append(str(template.add(key, "set [[N]]")))
        results.append(str(code))
        results.append([str(node) for node in code.filter_wikilinks()])
        results.append([str(node) for node in code.filter_comments()])
        if param is not None:
            results.append(any(p is param for p in template.params))
        results.append([str(p) for p in template.params])
        return results

    fast_code = mwparserfromhell.parse("x " + text)
    fast = fast_code.nodes[1]
    assert fast._unbuilt is not None
    built_code = mwparserfromhell.parse("x " + text)
    built = built_code.nodes[1]
    built.params
    assert run(fast_code, fast) == run(built_code, built)
    assert fast_code.get_tree() == built_code.get_tree()


def test_get_builds_only_the_parameter_it_returns():
    code = mwparserfromhell.parse("{{cite web|url=u|title=T|date=d}}")
    template = code.filter_templates()[0]
    title = template.get("title")
    assert template._unbuilt is not None and str(title.value) == "T"
    title.value = "New"
    assert str(code) == "{{cite web|url=u|title=New|date=d}}"
    assert template.params[1] is title


EXTENSION_TAG_CASES = [
    '<ref name="a" group=b>{{cite web|url=u}} [[L]]</ref>',
    "<ref name=x />",
    "<ref>text<!--c--></ref>",
    "<ref  name = 'q'  >x</ref >",
    "<nowiki>a {{b}}</nowiki>",
    "<ref name={{t}}>c</ref>",
    "<ref name=\"a\" follow >x</ref>",
    "<references />",
]

EXTENSION_TAG_EDITS = [
    lambda tag: tag.attributes,
    lambda tag: (tag.has("name"), tag.get("name").value if tag.has("name") else None),
    lambda tag: tag.add("group", "notes"),
    lambda tag: tag.remove("name") if tag.has("name") else None,
    lambda tag: setattr(tag, "tag", "span"),
    lambda tag: setattr(tag, "closing_tag", "span"),
    lambda tag: setattr(tag, "padding", "  "),
    lambda tag: setattr(tag, "self_closing", not tag.self_closing),
    lambda tag: setattr(tag, "invalid", True),
    lambda tag: setattr(tag, "implicit", True),
    lambda tag: setattr(tag, "wiki_markup", "*"),
    lambda tag: setattr(tag, "contents", "new {{x}}"),
    lambda tag: tag.contents.append("[[M]]"),
]


@pytest.mark.parametrize("text", EXTENSION_TAG_CASES)
@pytest.mark.parametrize("edit", range(len(EXTENSION_TAG_EDITS)))
def test_edits_of_an_extension_tags_unbuilt_parts_match_edits_of_built_ones(text, edit):
    """An extension tag's name, attributes and closing tag are built when
    first read: its text, its nodes and every edit must be what they are
    with them built."""
    def run(code, tag):
        result = EXTENSION_TAG_EDITS[edit](tag)
        return (
            str(result) if result is not None else None,
            str(tag),
            str(code),
            [str(node) for node in code.filter()],
            [str(node) for node in code.filter_templates()],
            [str(node) for node in code.filter_text()],
            code.strip_code(),
        )

    code = mwparserfromhell.parse("a " + text + " b")
    tag = code.filter_tags()[0]
    assert tag._lazy_parts is not None and str(code) == "a " + text + " b"
    built_code = mwparserfromhell.parse("a " + text + " b")
    built = built_code.filter_tags()[0]
    built.tag
    assert built._lazy_parts is None
    assert run(code, tag) == run(built_code, built)
    assert code.get_tree() == built_code.get_tree()


def test_a_filter_walks_past_an_extension_tags_unbuilt_parts():
    code = mwparserfromhell.parse('x <ref name="n">{{cite web|url=u}} [[L]]</ref> <ref name={{t}}>c</ref>')
    templates = code.filter_templates()
    assert [str(t.name) for t in templates] == ["cite web", "t"]
    first, second = code.filter_tags()
    # Only the tag whose attributes may hold a template was built whole.
    assert first._lazy_parts is not None and second._lazy_parts is None
    code.filter_wikilinks()[0].text = "l"
    templates[0].add("a", "b")
    assert str(code) == 'x <ref name="n">{{cite web|url=u|a=b}} [[L|l]]</ref> <ref name={{t}}>c</ref>'
    assert first._lazy_parts is not None
    assert code.get_parent(templates[0]) is first


@pytest.mark.parametrize("text", TEMPLATE_EDIT_CASES)
def test_edits_of_unbuilt_parameters_match_edits_of_built_ones(text):
    """has/add/remove on a template whose parameters were never read take a
    path that builds none: it must write what the built parameters would."""
    def edit(template):
        results = [template.has("accessdate"), template.has("title", ignore_empty=True)]
        added = template.add("bot-checked", "yes")
        results.append(str(added))
        results.append(template.has("bot-checked"))
        for key in ("accessdate", "title", "missing"):
            try:
                template.remove(key)
                results.append(True)
            except ValueError:
                results.append(False)
        added.value = " changed "
        template.add("later", "v")
        return results, str(template)

    fast = mwparserfromhell.parse(text).filter_templates()[0]
    assert fast._unbuilt is not None
    built = mwparserfromhell.parse(text).filter_templates()[0]
    built.params
    assert built._unbuilt is None
    assert edit(fast) == edit(built)
    assert [str(p) for p in fast.params] == [str(p) for p in built.params]


def test_a_parameter_added_to_unbuilt_parameters_stays_the_templates():
    code = mwparserfromhell.parse("a {{cite web|url=u}} b")
    template = code.filter_templates()[0]
    param = template.add("note", "x")
    param.value = "{{inner}}"
    assert str(code) == "a {{cite web|url=u|note={{inner}}}} b"
    assert [str(t.name) for t in code.filter_templates()] == ["cite web", "inner"]
    assert template.params[-1] is param
    template.remove("url")
    assert str(code) == "a {{cite web|note={{inner}}}} b"
    # A positional parameter's removal renumbers the rest: that path builds them.
    numbered = mwparserfromhell.parse("{{x|a|b|c}}").filter_templates()[0]
    numbered.remove("1")
    assert str(numbered) == "{{x|2=b|3=c}}"


def test_a_parsed_page_is_freed_without_the_cycle_collector():
    """The nodes a typed filter built are kept by the Wikicode that holds
    them, not by the builder their pieces point to: a page's tree has no
    reference cycle, so letting go of it frees it at once."""
    import gc
    import weakref

    enabled = gc.isenabled()
    gc.disable()
    try:
        code = mwparserfromhell.parse("a {{b|c={{d}}}} [[e|{{f}}]] <!--g--> {|\n| {{h}}\n|}")
        templates = code.filter_templates()
        assert len(templates) == 4
        refs = [weakref.ref(node) for node in templates + code.filter_comments()]
        str(code)
        del code, templates
        assert all(ref() is None for ref in refs)
    finally:
        if enabled:
            gc.enable()


def test_the_rust_walks_of_the_span_table_match_the_python_ones(corpus_pages):
    """The builder walks the span table with its Rust index (SpanIndex); a
    copied builder has none and walks it in Python: both must build and
    find the same nodes, and the filters must not change the tree built
    after them (a walk that gives up builds nothing: ASCII's deep tables)."""
    import copy

    for name, text in corpus_pages:
        indexed = mwparserfromhell.parse(text)
        walked = copy.deepcopy(mwparserfromhell.parse(text))
        assert indexed._lazy[0].index is not None and walked._lazy[0].index is None
        for node_type in (Template, Wikilink, Comment, mwparserfromhell.nodes.Heading, mwparserfromhell.nodes.ExternalLink):
            assert [str(n) for n in indexed.filter(forcetype=node_type)] == [str(n) for n in walked.filter(forcetype=node_type)], (name, node_type)
        tree = mwparserfromhell.parse(text).get_tree()
        assert indexed.get_tree() == tree, name
        assert walked.get_tree() == tree, name


def test_removing_a_filtered_node_builds_nothing_and_leaves_the_tree_a_full_build_gives(corpus_pages):
    """remove() of a node a typed filter handed out from unbuilt code marks
    its row removed instead of building the code; what is built afterwards
    must be what building first and removing from the built tree gives:
    the same text, the same nodes (Text on either side stays apart), and
    the same ValueError for a node that went with an outer one."""
    def remove_all(code, nodes):
        outcomes = []
        for node in nodes:
            try:
                code.remove(node)
                outcomes.append(True)
            except ValueError:
                outcomes.append(False)
        return outcomes

    for name, text in corpus_pages:
        for node_type, step in ((Comment, 1), (Template, 4), (Wikilink, 7), (mwparserfromhell.nodes.Heading, 2)):
            in_place = mwparserfromhell.parse(text)
            outcomes = remove_all(in_place, in_place.filter(forcetype=node_type)[::step])
            written = str(in_place)
            built = mwparserfromhell.parse(text)
            built.nodes
            assert remove_all(built, built.filter(forcetype=node_type)[::step]) == outcomes, (name, node_type)
            assert written == str(built), (name, node_type)
            assert [type(n) for n in in_place.nodes] == [type(n) for n in built.nodes], (name, node_type)
            assert in_place.get_tree() == built.get_tree(), (name, node_type)


def test_a_node_removed_in_place_is_gone_everywhere():
    text = "a <!--x--> b {{t|1=<!--y-->|2={{u}}}}\n== H == <!--z-->\n{|\n| c <!--w--> d\n|}"
    code = mwparserfromhell.parse(text)
    comments = code.filter_comments()
    assert [str(c) for c in comments] == ["<!--x-->", "<!--y-->", "<!--z-->", "<!--w-->"]
    for comment in comments:
        code.remove(comment)
    assert code._lazy is not None, "the page's own nodes were built"
    assert str(code) == "a  b {{t|1=|2={{u}}}}\n== H == \n{|\n| c  d\n|}"
    assert code.filter_comments() == []
    with pytest.raises(ValueError):
        code.remove(comments[0])
    inner = code.filter_templates()[1]
    code.remove(code.filter_templates()[0])
    with pytest.raises(ValueError):
        code.remove(inner)
    assert str(code) == "a  b \n== H == \n{|\n| c  d\n|}"
    # The Text on either side of a removed node stays apart, as in
    # mwparserfromhell (which gives these very types for this page).
    assert [type(n).__name__ for n in code.nodes] == ["Text", "Text", "Text", "Heading", "Text", "Text", "Tag"]

"""functions=: parser functions computed by Python callables."""

import json
import re

import pytest

import wikitext


def fragment(text, **kwargs):
    return wikitext.to_html(text, body_only=True, wrap_sections=False, **kwargs)


def test_arguments_are_expanded_and_trimmed():
    calls = []

    def shout(args):
        calls.append(args)
        return args[0].upper()

    out = wikitext.expand(
        "{{#shout: {{echo|hi}} | b = c |{{{x|d}}} }}",
        functions={"#shout": shout},
        pages={"Template:Echo": "{{{1}}}"},
    )
    assert calls == [["hi", "b = c", "d"]]
    assert out == "HI"


def test_no_argument_and_an_empty_one():
    calls = []
    functions = {"#count": lambda args: calls.append(args) or str(len(args))}
    assert wikitext.expand("{{#count}} {{#count:}} {{#count:a|b}}", functions=functions) == "0 1 2"
    assert calls == [[], [""], ["a", "b"]]


def test_names_match_whatever_their_case_and_without_a_hash():
    functions = {"#Shout": lambda args: args[0].upper(), "whisper": lambda args: args[0].lower()}
    assert wikitext.expand("{{#SHOUT:a}} {{#shout:b}} {{Whisper:C}}", functions=functions) == "A B c"
    # "shout" without its "#" is a template, not the function.
    assert "Template:Shout" in fragment("{{shout:a}}", functions=functions)


def test_output_is_wikitext_not_expanded_again():
    functions = {"#bold": lambda args: "'''" + args[0] + "''' {{echo|x}}"}
    html = fragment("{{#bold:hi}}", functions=functions, pages={"Template:Echo": "{{{1}}}"})
    assert re.search(r"<b [^>]*>hi</b>", html)
    assert "{{echo|x}}" in html
    assert wikitext.expand("{{#bold:hi}}", functions=functions) == "'''hi''' {{echo|x}}"


def test_none_renders_nothing():
    assert wikitext.expand("a{{#nothing:x}}b", functions={"#nothing": lambda args: None}) == "ab"


def test_html_marks_the_call_as_parsoid_marks_a_parser_function():
    html = fragment("{{#Shout:hi|there}}", functions={"#shout": lambda args: "<b>" + args[0] + "</b>"})
    element = re.search(r"<b ([^>]*)>hi</b>", html)
    assert 'typeof="mw:Transclusion mw:ParserFunction/shout"' in element.group(1)
    data_mw = json.loads(re.search(r"data-mw='([^']*)'", element.group(1)).group(1))
    assert data_mw["parts"][0]["parserfunction"] == {
        "target": {"wt": "#Shout", "key": "shout"},
        "params": {"1": {"wt": "hi"}, "2": {"wt": "there"}},
        "i": 0,
    }


def test_a_name_mediawiki_defines_calls_the_callable():
    assert wikitext.expand("{{#if:x|yes|no}}", functions={"#if": lambda args: "mine"}) == "mine"
    assert wikitext.expand("{{#ifeq:a|a|yes|no}}", functions={"#if": lambda args: "mine"}) == "yes"


def test_callables_may_render_other_pages():
    def nested(args):
        return wikitext.expand("{{#inner:" + args[0] + "}}", functions={"#inner": lambda a: "<" + a[0] + ">"})

    assert wikitext.expand("{{#outer:x}}", functions={"#outer": nested}) == "<x>"


def test_output_is_sanitized():
    evil = {"#evil": lambda args: '<script>alert(1)</script><b onclick="alert(2)">a</b>[javascript:alert(3) b]'}
    html = fragment("{{#evil:}}", functions=evil)
    assert "<script" not in html
    assert "onclick" not in html
    assert 'href="javascript:' not in html


def test_every_function_that_expands_templates_takes_them():
    functions = {"#shout": lambda args: args[0].upper()}
    assert "HI" in wikitext.to_text("{{#shout:hi}}", functions=functions)
    assert "HI" in wikitext.parse("{{#shout:hi}}").to_text(functions=functions)
    notes = wikitext.footnotes("a<ref>{{#shout:note}}</ref>", functions=functions)
    assert "NOTE" in notes[0]["html"]


def test_an_exception_is_raised_as_itself():
    class Boom(Exception):
        pass

    def bad(args):
        raise Boom("no")

    for render in (fragment, wikitext.expand, wikitext.to_text, wikitext.footnotes):
        with pytest.raises(Boom):
            render("a {{#bad:x}} {{#bad:y}} b", functions={"#bad": bad})


def test_a_wrong_result_is_a_type_error():
    with pytest.raises(TypeError, match="must return str or None"):
        wikitext.expand("{{#num:}}", functions={"#num": lambda args: 42})


@pytest.mark.parametrize("name", ["", "#", "#a:b", "a|b", "a b", "{x}", "##x", "a<b", "[x]"])
def test_names_no_call_could_write_are_refused(name):
    with pytest.raises(TypeError, match="function names"):
        wikitext.expand("x", functions={name: lambda args: ""})


def test_bad_arguments():
    with pytest.raises(TypeError):
        wikitext.expand("x", functions=["not", "a", "dict"])
    with pytest.raises(TypeError):
        wikitext.expand("x", functions={"#f": "not callable"})
    with pytest.raises(TypeError):
        wikitext.expand("x", functions={1: lambda args: ""})
    with pytest.raises(TypeError, match="use one"):
        wikitext.expand("x", functions={"#f": lambda args: "", "f": lambda args: ""})

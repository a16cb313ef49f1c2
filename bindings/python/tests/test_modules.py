"""modules=: {{#invoke:}} answered by Python, in Scribunto's place."""

import re

import pytest

import wikitext


def fragment(text, **kwargs):
    return wikitext.to_html(text, body_only=True, wrap_sections=False, **kwargs)


def test_a_module_function_gets_the_invocation_and_template_arguments():
    calls = []

    def hello(args, parent_args):
        calls.append((args, parent_args))
        return "Hello, " + args.get("1", "world") + "!"

    modules = {"Module:Greeting": {"hello": hello}}
    pages = {"Template:Greet": "{{#invoke:Greeting|hello| {{{1}}} | style = {{{style|plain}}} }}"}
    out = wikitext.expand("{{Greet|Ada|x= y }}", pages=pages, modules=modules)
    assert out == "Hello,  Ada !"
    # Positional values keep their spaces, named ones are trimmed; the
    # parent frame is the template's.
    assert calls == [({"1": " Ada ", "style": "plain"}, {"1": "Ada", "x": "y"})]


def test_titles_are_normalized():
    modules = {"greeting": {"hi": lambda a, p: "hi"}, "Module:Other_name": {"f": lambda a, p: "other"}}
    assert wikitext.expand("{{#invoke:Greeting|hi}} {{#invoke:Module:Greeting|hi}} {{#invoke:other name|f}}", modules=modules) == "hi hi other"


def test_output_is_wikitext():
    modules = {"Module:Bold": {"b": lambda a, p: "'''" + a["1"] + "'''"}}
    html = fragment("{{#invoke:Bold|b|x}}", modules=modules)
    assert re.search(r"<b [^>]*>x</b>|<b>x</b>", html)
    assert 'typeof="mw:Transclusion"' in html
    assert '"function":"invoke"' in html


def test_none_renders_nothing():
    assert wikitext.expand("a{{#invoke:M|f}}b", modules={"M": {"f": lambda a, p: None}}) == "ab"


def test_missing_modules_and_functions_are_script_errors():
    modules = {"Module:M": {"f": lambda a, p: "x"}}
    out = wikitext.expand("{{#invoke:Nope|f}} {{#invoke:M|g}}", modules=modules)
    assert 'Script error: No such module "Nope".' in out.replace("&quot;", '"')
    assert "Script error: The function you specified did not exist." in out
    assert 'No such module "M".' in wikitext.expand("{{#invoke:M|f}}").replace("&quot;", '"')


def test_a_script_error_shows_its_message():
    def fail(args, parent_args):
        raise wikitext.ScriptError("Module:M:3: bad <argument>")

    out = wikitext.expand("a {{#invoke:M|f}} b", modules={"M": {"f": fail}})
    assert '<strong class="error"><span class="scribunto-error">Script error: Module:M:3: bad &lt;argument&gt;</span></strong>' in out
    assert issubclass(wikitext.ScriptError, wikitext.Error)


def test_a_loader_is_asked_once_per_title():
    asked = []

    def load(title):
        asked.append(title)
        return {"f": lambda a, p: title} if title == "Module:Known" else None

    out = wikitext.expand("{{#invoke:Known|f}}{{#invoke:known|f}} {{#invoke:Unknown|f}}", modules=load)
    assert out.startswith("Module:KnownModule:Known ")
    assert "No such module" in out
    assert asked == ["Module:Known", "Module:Unknown"]


def test_every_function_that_expands_templates_takes_them():
    modules = {"M": {"f": lambda a, p: "FROM MODULE"}}
    assert "FROM MODULE" in wikitext.to_text("{{#invoke:M|f}}", modules=modules)
    assert "FROM MODULE" in wikitext.parse("{{#invoke:M|f}}").to_text(modules=modules)
    assert "FROM MODULE" in wikitext.footnotes("a<ref>{{#invoke:M|f}}</ref>", modules=modules)[0]["html"]


def test_output_is_sanitized():
    evil = {"M": {"f": lambda a, p: '<script>alert(1)</script><b onclick="alert(2)">a</b>[javascript:alert(3) b]'}}
    html = fragment("{{#invoke:M|f}}", modules=evil)
    assert "<script" not in html
    assert "onclick" not in html
    assert 'href="javascript:' not in html


def test_an_exception_is_raised_as_itself():
    class Boom(Exception):
        pass

    def bad(args, parent_args):
        raise Boom("no")

    def bad_loader(title):
        raise Boom("no")

    for render in (fragment, wikitext.expand, wikitext.to_text, wikitext.footnotes):
        with pytest.raises(Boom):
            render("a {{#invoke:M|f}} {{#invoke:M|f}} b", modules={"M": {"f": bad}})
        with pytest.raises(Boom):
            render("a {{#invoke:M|f}} b", modules=bad_loader)


def test_wrong_answers_are_type_errors():
    with pytest.raises(TypeError, match="must return str or None"):
        wikitext.expand("{{#invoke:M|f}}", modules={"M": {"f": lambda a, p: 42}})
    with pytest.raises(TypeError, match="must be a dict of function name to callable"):
        wikitext.expand("{{#invoke:M|f}}", modules=lambda title: "not a module")


def test_bad_arguments():
    with pytest.raises(TypeError):
        wikitext.expand("x", modules=["not", "a", "dict"])
    with pytest.raises(TypeError):
        wikitext.expand("x", modules={"M": "not a module"})
    with pytest.raises(TypeError):
        wikitext.expand("x", modules={1: {}})
    with pytest.raises(TypeError, match="is not a module's title"):
        wikitext.expand("x", modules={"Template:X": {}})


def test_long_output_stops_at_the_include_size_limit():
    # A module's (and a function's) output counts as a template's does:
    # 2 MB per page, then MediaWiki's error instead of more.
    modules = {"M": {"f": lambda a, p: "y" * 1_500_000}}
    out = wikitext.expand("{{#invoke:M|f}}" * 6, modules=modules)
    assert out.count("y") == 1_500_000
    assert "Post-expand include size limit exceeded" in out
    functions = {"#big": lambda args: "§" * 1_000_000}  # 2 MB of UTF-8
    out = wikitext.expand("{{#big:}}" * 6, functions=functions)
    assert out.count("§") == 1_000_000
    assert "Post-expand include size limit exceeded" in out

"""pages=: template sources from a dict or a callable, for to_html and expand."""

import threading

import pytest

import wikitext

ECHO = {"Template:Echo": "[{{{1|none}}}]<noinclude>doc</noinclude>"}


def fragment(text, **kwargs):
    return wikitext.to_html(text, body_only=True, wrap_sections=False, **kwargs)


def test_expand_with_a_dict():
    assert wikitext.expand("a {{Echo|b}} c", pages=ECHO) == "a [b] c"
    assert wikitext.expand("{{Echo}}", pages=ECHO) == "[none]"


def test_expand_without_pages():
    assert wikitext.expand("x {{#if: y | yes | no }}") == "x yes"
    # A missing template expands to a link to it, as MediaWiki's expandtemplates does.
    assert wikitext.expand("{{Echo|b}}") == "[[:Template:Echo]]"
    assert wikitext.expand("{{Echo|b}}", pages=None) == "[[:Template:Echo]]"


def test_expand_title():
    assert wikitext.expand("{{PAGENAME}}", title="Talk:Ada Lovelace") == "Ada Lovelace"
    with pytest.raises(wikitext.InvalidTitleError):
        wikitext.expand("x", title="a|b")


def test_dict_titles_are_normalized():
    pages = {"template:echo_two": "<{{{1}}}>"}
    assert wikitext.expand("{{Echo two|x}} {{echo_two|y}}", pages=pages) == "<x> <y>"


def test_to_html_transcludes():
    html = fragment("{{Echo|b}}", pages=ECHO)
    assert 'typeof="mw:Transclusion"' in html
    assert "[b]" in html
    assert "doc" not in html


def test_to_html_dict_pages_make_blue_links():
    pages = {"Ada": "text"}
    assert 'class="new"' not in fragment("[[Ada]]", pages=pages)
    assert 'class="new"' in fragment("[[Ada]]")


def test_any_mapping_works():
    from types import MappingProxyType

    assert wikitext.expand("{{Echo|b}}", pages=MappingProxyType(ECHO)) == "[b]"


def test_callable_pages():
    asked = []

    def source(title):
        asked.append(title)
        return ECHO.get(title)

    assert wikitext.expand("{{echo|b}} {{Echo|c}} {{Missing}}", pages=source) == "[b] [c] [[:Template:Missing]]"
    # Each title is asked once per call, normalized.
    assert sorted(asked) == ["Template:Echo", "Template:Missing"]

    html = fragment("{{Echo|b}}", pages=source)
    assert 'typeof="mw:Transclusion"' in html
    assert "[b]" in html


def test_callable_answers_link_targets_too():
    asked = []

    def source(title):
        asked.append(title)
        return "text" if title == "Ada" else None

    html = fragment("[[ada]] [[Ada]] [[Babbage]]", pages=source)
    assert html.count('class="new"') == 1
    assert sorted(asked) == ["Ada", "Babbage"]


def test_callable_answers_are_per_call():
    text = {"value": "one"}

    def source(title):
        return text["value"] if title == "Template:T" else None

    assert wikitext.expand("{{T}}", pages=source) == "one"
    text["value"] = "two"
    assert wikitext.expand("{{T}}", pages=source) == "two"


def test_callable_that_raises():
    class Boom(Exception):
        pass

    calls = []

    def source(title):
        calls.append(title)
        raise Boom(f"no page {title}")

    with pytest.raises(Boom, match="^no page Template:Echo$"):
        wikitext.expand("{{Echo|b}} {{Other}}", pages=source)
    # Rendering stopped asking after the first exception.
    assert calls == ["Template:Echo"]

    with pytest.raises(KeyError) as caught:
        fragment("{{Echo|b}}", pages=lambda title: {}[title])
    assert caught.value.args == ("Template:Echo",)


def test_the_same_exception_object_reaches_the_caller():
    error = LookupError("the one")

    def source(title):
        raise error

    with pytest.raises(LookupError) as caught:
        wikitext.to_html("{{Echo}}", pages=source)
    assert caught.value is error


def test_callable_returning_a_non_str():
    with pytest.raises(TypeError, match="must return str or None, got int"):
        wikitext.expand("{{Echo|b}}", pages=lambda title: 42)
    with pytest.raises(TypeError, match="must return str or None, got bytes"):
        fragment("{{Echo|b}}", pages=lambda title: b"[x]")


def test_bad_pages_arguments():
    with pytest.raises(TypeError, match="pages must be a dict of title to wikitext or a callable, not list"):
        wikitext.expand("x", pages=["Template:Echo"])
    with pytest.raises(TypeError, match="pages must map str to str, got str to int"):
        wikitext.to_html("x", pages={"Template:Echo": 1})
    with pytest.raises(TypeError, match="pages must map str to str, got bytes to str"):
        wikitext.expand("x", pages={b"Template:Echo": "x"})


def test_callable_may_render_and_runs_without_blocking_other_threads():
    # The callable runs with the GIL held while the render itself does not
    # hold it: a callable can call wikitext again, and other threads run.
    def source(title):
        if title == "Template:Outer":
            return wikitext.expand("({{Inner}})", pages={"Template:Inner": "in"})
        return None

    results = []

    def worker():
        results.append(wikitext.expand("{{Outer}}", pages=source))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["(in)"] * 4


def test_still_works_after_an_error():
    with pytest.raises(ZeroDivisionError):
        wikitext.expand("{{X}}", pages=lambda title: str(1 / 0))
    assert wikitext.expand("{{Echo|b}}", pages=ECHO) == "[b]"

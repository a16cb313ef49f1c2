"""tags=: extension tags rendered by Python callables."""

import pytest

import wikitext


def fragment(text, **kwargs):
    return wikitext.to_html(text, body_only=True, wrap_sections=False, **kwargs)


def test_html_output_is_wrapped_as_parsoid_wraps_extensions():
    calls = []

    def shout(name, attrs, body):
        calls.append((name, attrs, body))
        return "<b>" + body.upper() + "</b>"

    html = fragment('<shout level="2">hi</shout>', tags={"shout": shout})
    assert calls == [("shout", {"level": "2"}, "hi")]
    assert 'typeof="mw:Extension/shout"' in html
    assert '"name":"shout","attrs":{"level":"2"},"body":{"extsrc":"hi"}' in html
    assert "<b>HI</b>" in html.replace(' typeof="mw:Extension/shout"', "").split(">", 1)[1] or ">HI</b>" in html


def test_self_closed_tag_has_no_body():
    seen = []
    fragment("<mark2/>", tags={"mark2": lambda n, a, b: seen.append(b) or "<span>x</span>"})
    assert seen == [None]


def test_wikitext_output_is_rendered():
    html = fragment("<bold>x</bold>", tags={"bold": lambda n, a, b: wikitext.Wikitext("'''" + b + "'''")})
    assert "<b>x</b>" in html


def test_output_is_sanitized():
    def evil(name, attrs, body):
        return (
            '<script>alert(1)</script><div onclick="alert(2)" style="color:red">a</div>'
            '<a href="javascript:alert(3)">b</a><img src="x" onerror="alert(4)">'
        )

    html = fragment("<evil/>", tags={"evil": evil})
    assert "<script" not in html
    assert "onclick" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "&lt;script" in html


def test_an_exception_is_raised_as_itself():
    class Boom(Exception):
        pass

    def bad(name, attrs, body):
        raise Boom("no")

    with pytest.raises(Boom):
        fragment("a <bad>x</bad> b", tags={"bad": bad})


def test_a_wrong_result_is_a_type_error():
    with pytest.raises(TypeError):
        fragment("<num/>", tags={"num": lambda n, a, b: 42})


def test_bad_arguments():
    with pytest.raises(TypeError):
        fragment("x", tags=["not", "a", "dict"])
    with pytest.raises(TypeError):
        fragment("x", tags={"t": "not callable"})
    with pytest.raises(TypeError):
        fragment("x", tags={"bad name": lambda n, a, b: ""})

"""Errors are Python exceptions with clear messages; nothing aborts the interpreter."""

import pytest

import wikitext


@pytest.mark.parametrize("function", [wikitext.parse, wikitext.to_html])
@pytest.mark.parametrize("value", [b"''bytes''", bytearray(b"x"), None, 42, ["a"]])
def test_non_str_input_is_a_type_error(function, value):
    with pytest.raises(TypeError, match="expects str, not"):
        function(value)


def test_bytes_error_says_how_to_decode():
    with pytest.raises(TypeError, match=r"not bytes; decode it first"):
        wikitext.parse(b"x")


def test_error_hierarchy():
    for error in [
        wikitext.NotFoundError,
        wikitext.InvalidTitleError,
        wikitext.InputTooLargeError,
        wikitext.InternalError,
    ]:
        assert issubclass(error, wikitext.Error)
        assert error.__module__ == "wikitext"
    assert issubclass(wikitext.Error, ValueError)


def test_panic_becomes_internal_error():
    from wikitext import _native

    with pytest.raises(wikitext.InternalError, match="a deliberate panic"):
        _native._panic_for_testing()
    # The module still works afterwards.
    assert str(wikitext.parse("{{x}}")) == "{{x}}"


@pytest.mark.parametrize("title", ["", "a[b]", "x|y", "{{t}}"])
def test_invalid_title(title):
    with pytest.raises(wikitext.InvalidTitleError, match="not a valid page title"):
        wikitext.to_html("x", title=title)


def test_lone_surrogate_is_a_unicode_error():
    # Such a str cannot be UTF-8; the error is Python's own, a ValueError.
    with pytest.raises(UnicodeEncodeError):
        wikitext.parse("a\ud800b")


def test_str_subclass_is_accepted():
    class Page(str):
        pass

    assert str(wikitext.parse(Page("{{x}}"))) == "{{x}}"


def test_keyword_only_options():
    with pytest.raises(TypeError):
        wikitext.to_html("x", "Title")  # type: ignore[misc]


def test_big_and_pathological_inputs_do_not_crash():
    big = "== Section ==\n{{Template|a=[[Link|text]]}} ''it'' '''bold''' <ref>r</ref>\n" * 20_000
    tree = wikitext.parse(big)
    assert str(tree) == big
    assert len(tree.filter_templates()) == 20_000
    assert wikitext.to_html(big, body_only=True).count("<h2") == 20_000
    for evil in ["{{" * 50_000 + "x" + "}}" * 50_000, "[[a|" * 50_000, "<div>" * 20_000, "*" * 100_000]:
        tree = wikitext.parse(evil)
        assert str(tree) == evil
        assert isinstance(tree.strip_code(), str)
        wikitext.to_html(evil)

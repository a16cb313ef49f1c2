"""wikitext.to_html: Parsoid's HTML."""

import wikitext


def test_fragment():
    assert wikitext.to_html("''world''", body_only=True, wrap_sections=False) == "<p><i>world</i></p>"


def test_full_document_with_sections():
    html = wikitext.to_html("== Hi ==\ntext", title="Ada Lovelace")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Ada Lovelace</title>" in html
    assert '<section data-mw-section-id="1">' in html
    assert '<h2 id="Hi">' in html


def test_body_only_keeps_sections():
    html = wikitext.to_html("== Hi ==\ntext", body_only=True)
    assert not html.startswith("<!DOCTYPE")
    assert "<section" in html


def test_links_and_templates():
    html = wikitext.to_html("[[Foo|bar]] {{tpl}}", body_only=True, wrap_sections=False)
    assert 'rel="mw:WikiLink"' in html
    assert 'href="./Foo' in html
    assert "mw:Transclusion" in html


def test_sanitizes():
    html = wikitext.to_html('<span onclick="evil()">x</span>', body_only=True, wrap_sections=False)
    assert "onclick" not in html

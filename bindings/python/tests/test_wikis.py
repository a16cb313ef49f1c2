"""wiki=: render, expand and extract text as one of the described Wikipedias."""

import pytest

import wikitext


def fragment(text, **kwargs):
    return wikitext.to_html(text, body_only=True, wrap_sections=False, **kwargs)


def test_known_wikis_are_database_names_in_order():
    wikis = wikitext.known_wikis()
    assert len(wikis) == 21
    assert wikis == sorted(wikis)
    assert {"dewiki", "enwiki", "frwiki", "jawiki", "zhwiki"} <= set(wikis)
    assert all(w.endswith("wiki") for w in wikis)


def test_local_namespaces_and_magic_words():
    html = fragment(
        "[[Datei:Tor.jpg|mini|Das Tor]] {{SEITENNAME}}\n[[Kategorie:Stadt]]",
        title="Berlin",
        wiki="dewiki",
    )
    assert 'typeof="mw:Error mw:File/Thumb"' in html
    assert "<figcaption>Das Tor</figcaption>" in html
    assert '<link rel="mw:PageProp/Category" href="./Kategorie:Stadt"/>' in html
    assert ">Berlin<" in html
    # The same text on the default English wiki: links to pages named so.
    english = fragment("[[Datei:Tor.jpg|mini|Das Tor]]\n[[Kategorie:Stadt]]")
    assert "mw:File" not in english and "mw:PageProp/Category" not in english


def test_canonical_names_and_aliases_work_and_links_take_the_local_name():
    html = fragment("[[File:Tor.jpg|thumb]] [[Category:X]] [[Bild:Y.jpg]]", wiki="dewiki")
    assert "mw:File/Thumb" in html
    assert '<link rel="mw:PageProp/Category" href="./Kategorie:X"/>' in html
    assert 'resource="./Datei:Y.jpg"' in html
    # jawiki's own name for categories is the English one; カテゴリ is an alias.
    assert 'href="./Category:X"' in fragment("[[カテゴリ:X]]", wiki="jawiki")


def test_the_language_of_the_wiki():
    assert wikitext.expand("{{#time:F|2008-03-15}}", wiki="dewiki") == "März"
    assert wikitext.expand("{{formatnum:1234567.5}}", wiki="dewiki") == "1.234.567,5"
    assert wikitext.expand("{{PLURAL:5|год|года|лет}}", wiki="ruwiki") == "лет"
    assert wikitext.expand("{{#time:F|2008-03-15}}") == "March"


def test_expand_and_text_take_the_wiki():
    assert wikitext.expand("{{SEITENNAME}}", title="Benutzer:Ada/Notizen", wiki="dewiki") == "Ada/Notizen"
    text = wikitext.to_text("[[Datei:Tor.jpg|mini|Das Tor]]Berlin ist [[Hauptstadt]].", wiki="dewiki")
    assert text == "Berlin ist Hauptstadt."
    code = wikitext.parse("[[Kategorie:Stadt]]Berlin.")
    assert code.to_text(wiki="dewiki") == "Berlin."


def test_footnotes_take_the_wiki():
    notes = wikitext.footnotes("A<ref>[[Datei:X.jpg|mini]] B</ref>", wiki="dewiki")
    assert len(notes) == 1
    assert "mw:File" in notes[0]["html"]


def test_pages_and_the_wiki_together():
    pages = {"Vorlage:Gruß": "Hallo, {{{1}}}!"}
    assert wikitext.expand("{{Gruß|Ada}}", pages=pages, wiki="dewiki") == "Hallo, Ada!"
    html = fragment("{{Vorlage:Gruß|Ada}}", pages=pages.get, wiki="dewiki")
    assert "Hallo, Ada!" in html and 'typeof="mw:Transclusion"' in html


def test_an_unknown_wiki_is_a_typed_error():
    with pytest.raises(wikitext.UnknownWikiError) as raised:
        wikitext.to_html("x", wiki="xxwiki")
    message = str(raised.value)
    assert message.startswith('wikitext.to_html(): unknown wiki "xxwiki"; the wikis described are arwiki,')
    assert isinstance(raised.value, wikitext.Error) and isinstance(raised.value, ValueError)
    for call in (wikitext.expand, wikitext.to_text, wikitext.footnotes):
        with pytest.raises(wikitext.UnknownWikiError):
            call("x", wiki="DEWIKI")
    with pytest.raises(TypeError):
        wikitext.to_html("x", wiki=1)


def test_interwiki_and_interlanguage_links_use_wikimedias_map():
    html = fragment("[[:fr:Paris|Paris]] [[wikt:Wort]] [[de:Foo]]\n[[en:Berlin]]", wiki="dewiki")
    assert 'href="https://fr.wikipedia.org/wiki/Paris" title="fr:Paris" class="extiw">Paris</a>' in html
    assert 'href="https://de.wiktionary.org/wiki/Wort"' in html
    assert '<link rel="mw:PageProp/Language" href="https://en.wikipedia.org/wiki/Berlin"/>' in html
    # The wiki's own language prefix is the wiki itself.
    assert '<a rel="mw:WikiLink" href="./Foo' in html
    # The default wiki knows no interwiki prefixes.
    assert "extiw" not in fragment("[[:fr:Paris]]")
    # enwiki's project namespace is its own, not the parser tests' "Base MW".
    assert wikitext.expand("{{SITENAME}}: {{ns:4}}", wiki="enwiki") == "Wikipedia: Wikipedia"

"""DumpRenderer: one dump page to its record, with handlers of the caller's own."""

import json

import pytest

import wikitext

SITEINFO = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <dbname>enwiki</dbname>
    <base>https://en.wikipedia.org/wiki/Main_Page</base>
    <generator>MediaWiki 1.42.0</generator>
    <case>first-letter</case>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="10" case="first-letter">Template</namespace>
      <namespace key="828" case="first-letter">Module</namespace>
    </namespaces>
  </siteinfo>
</mediawiki>
"""


@pytest.fixture
def siteinfo(tmp_path):
    path = tmp_path / "siteinfo.xml"
    path.write_text(SITEINFO, encoding="utf-8")
    return str(path)


def html(record):
    return json.loads(record)["article_body"]["html"]


def test_functions_modules_and_tags_render_every_page(siteinfo):
    loaded = []

    def load(title):
        loaded.append(title)
        return {"f": lambda args, parent: "from " + title}

    renderer = wikitext.DumpRenderer(
        siteinfo,
        functions={"#shout": lambda args: args[0].upper()},
        modules=load,
        tags={"mark2": lambda name, attrs, body: "<b>marked</b>"},
    )
    first = html(renderer.record("A", "{{#shout:hi}} {{#invoke:M|f}} <mark2/>"))
    assert "HI" in first and "from Module:M" in first and ">marked</b>" in first
    second = html(renderer.record("B", "{{#invoke:M|f}}"))
    assert "from Module:M" in second
    # The loader is asked once for the renderer's life.
    assert loaded == ["Module:M"]


def test_an_exception_is_the_page_that_raised_it(siteinfo):
    class Boom(Exception):
        pass

    def shout(args):
        if args[0] == "bad":
            raise Boom("no")
        return args[0].upper()

    renderer = wikitext.DumpRenderer(siteinfo, functions={"#shout": shout})
    with pytest.raises(Boom):
        renderer.record("A", "{{#shout:bad}}")
    # The next page starts afresh.
    assert "OK" in html(renderer.record("B", "{{#shout:ok}}"))


def test_a_module_title_is_normalized_on_the_dumps_wiki(siteinfo):
    renderer = wikitext.DumpRenderer(siteinfo, modules={"m": {"f": lambda args, parent: "yes"}})
    assert "yes" in html(renderer.record("A", "{{#invoke:M|f}}"))
    with pytest.raises(TypeError):
        wikitext.DumpRenderer(siteinfo, modules={"Template:X": {}})

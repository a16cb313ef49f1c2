#!/usr/bin/env python3
"""Write the template benchmark corpus: corpus/templates/templates.xml (a
MediaWiki Special:Export 0.10 file of the templates below) and
corpus/templates/pages/*.wikitext (20 articles of about 7.5-60 KB that call
them).

Every template and every page is text written for this project (the words
come from the small invented vocabulary below); nothing is copied from a
wiki. The output is deterministic: a fixed seed and Python's
`random.Random`, whose `random()` sequence is stable across versions (only
`random()` is used, never `choice` or `randrange`).

    python3 corpus/templates/generate.py   # from anywhere; rewrites the files
"""

import hashlib
import random
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------- templates

TEMPLATES = {
    # Helpers.
    "Template:1x": "{{{1}}}<noinclude>\nEchoes its first argument.</noinclude>",
    "Template:!": "|<noinclude>\nA pipe, for table syntax inside parser functions.</noinclude>",
    "Template:Small": "<small>{{{1}}}</small>",
    "Template:Km to mi":
        "{{{1}}}&nbsp;km ({{#expr:{{{1}}}*0.621371 round {{{precision|1}}}}}&nbsp;mi)"
        "<noinclude>\nConverts kilometres to miles.</noinclude>",
    "Template:Lang":
        "<span lang=\"{{{1}}}\" title=\"{{#switch:{{{1}}}|fr=French|de=German|nl=Dutch|#default=Another language}}\">"
        "''{{{2}}}''</span>",
    "Template:Main": "<div role=\"note\" class=\"hatnote\">Main article: [[{{{1}}}]]</div>",

    # Infobox: one row template, used once per parameter.
    "Template:Infobox row":
        "{{#if:{{{value|}}}|\n{{!}}-\n! scope=\"row\" {{!}} {{{label}}}\n{{!}} {{{value}}}\n}}"
        "<noinclude>\nOne labelled row; nothing when the value is empty.</noinclude>",
    "Template:Infobox place": """{| class="infobox" style="width:22em"
|+ {{{name|{{PAGENAME}}}}}
{{#if:{{{image|}}}|{{!}}-
{{!}} colspan="2" {{!}} [[File:{{{image}}}|frameless|{{{caption|{{{name|}}}}}}]]}}
{{Infobox row|label=Kind|value={{#switch:{{{type|}}}
 |town|city=Settlement
 |river|stream=Watercourse
 |peak|mountain=Landform
 |person=Person
 |#default=Place
}}}}
{{Infobox row|label=Region|value={{{region|}}}}}
{{Infobox row|label=Founded|value={{{founded|}}}}}
{{#if:{{{founded|}}}|{{Infobox row|label=Age|value={{#expr:{{{as_of|2024}}}-{{{founded}}}}} years}}}}
{{Infobox row|label=Area|value={{#if:{{{area|}}}|{{{area}}}&nbsp;km²}}}}
{{Infobox row|label=Population|value={{#if:{{{population|}}}|{{formatnum:{{{population}}}}}}}}}
{{#if:{{{area|}}}|{{#if:{{{population|}}}|{{Infobox row|label=Density|value={{#expr:{{{population}}}/{{{area}}} round 1}}/km²}}}}}}
{{Infobox row|label=Length|value={{#if:{{{length|}}}|{{Km to mi|{{{length}}}}}}}}}
{{Infobox row|label=Elevation|value={{#if:{{{elevation|}}}|{{{elevation}}}&nbsp;m ({{#expr:{{{elevation}}}*3.28084 round 0}}&nbsp;ft)}}}}
{{Infobox row|label=Share of region|value={{#if:{{{area|}}}|{{#if:{{{region_area|}}}|{{#expr:100*{{{area}}}/{{{region_area}}} round 2}}%}}}}}}
{{Infobox row|label=Known for|value={{{known_for|}}}}}
{{Infobox row|label=Website|value={{#if:{{{website|}}}|[{{{website}}} Official site]}}}}
|}<noinclude>
Rows appear only for the parameters given; Kind comes from type=.
</noinclude>""",

    # Navbox: a group template per group.
    "Template:Navbox group":
        "{{#if:{{{list|}}}|{{!}}-\n! scope=\"row\" class=\"navbox-group\" {{!}} {{{group}}}\n"
        "{{!}} class=\"navbox-list\" {{!}}\n{{{list}}}\n}}",
    "Template:Navbox": """{| class="navbox" style="width:100%"
! colspan="2" class="navbox-title" | {{#if:{{{name|}}}|<span class="navbox-name">[[Template:{{{name}}}|v]]</span> }}{{{title}}}
{{Navbox group|group={{{group1|}}}|list={{{list1|}}}}}
{{Navbox group|group={{{group2|}}}|list={{{list2|}}}}}
{{Navbox group|group={{{group3|}}}|list={{{list3|}}}}}
{{Navbox group|group={{{group4|}}}|list={{{list4|}}}}}
{{Navbox group|group={{{group5|}}}|list={{{list5|}}}}}
{{Navbox group|group={{{group6|}}}|list={{{list6|}}}}}
{{#if:{{{below|}}}|{{!}}-
{{!}} colspan="2" class="navbox-below" {{!}} {{{below}}}}}
|}<noinclude>
Up to six groups; a group without a list is left out.
</noinclude>""",

    # Citation: optional parts built with #if and #switch chains. A branch of
    # #if is trimmed, so a space that must survive it is written &#32;, and a
    # branch starting with ";" or ":" would start a new line (T2529): &#59; &#58;.
    "Template:Cite source": "<cite class=\"citation {{#switch:{{{type|book}}}|journal=journal|web=web|#default=book}}\">"
        "{{#if:{{{author|}}}|{{{author}}}{{#if:{{{author2|}}}|&#59; {{{author2}}}}}{{#if:{{{author3|}}}|&#59; et al.}}&#32;"
        "({{#if:{{{date|}}}|{{#time:Y|{{{date}}}}}|{{{year|n.d.}}}}}).&#32;}}"
        "{{#if:{{{url|}}}|[{{{url}}} ''{{{title|Untitled}}}'']|''{{{title|Untitled}}}''}}"
        "{{#if:{{{edition|}}}|&#32;({{{edition}}}{{#switch:{{{edition}}}|1=st|2=nd|3=rd|#default=th}} ed.)}}. "
        "{{#switch:{{{type|book}}}"
        "|journal={{#if:{{{journal|}}}|''{{{journal}}}''{{#if:{{{volume|}}}|&#32;'''{{{volume}}}'''}}"
        "{{#if:{{{first_page|}}}|&#58; {{{first_page}}}{{#if:{{{last_page|}}}|–{{{last_page}}}}}}}.&#32;}}"
        "|web={{#if:{{{website|}}}|{{{website}}}.&#32;}}"
        "|#default={{#if:{{{publisher|}}}|{{{publisher}}}{{#if:{{{location|}}}|, {{{location}}}}}.&#32;}}"
        "}}"
        "{{#if:{{{first_page|}}}|{{#if:{{{last_page|}}}|{{Small|({{#expr:{{{last_page}}}-{{{first_page}}}+1}} pages)}}&#32;}}}}"
        "{{#if:{{{date|}}}|{{#if:{{{url|}}}|Published {{#time:j F Y|{{{date}}}}}.}}}}"
        "</cite><noinclude>\nAuthor (Year). ''Title''. Publisher. — with every part optional.</noinclude>",
    "Template:Cite": "#REDIRECT [[Template:Cite source]]",
}

# ---------------------------------------------------------------- pages

WORDS = (
    "the of and a in to was is for on by with as at from its were which an are be this that "
    "valley ridge harbour mill ferry orchard quarry lantern meadow causeway tannery granary "
    "beacon weir sluice terrace cooper weaver tinsmith chronicle ledger charter council guild "
    "toll market bridge canal lock moor fen spire vault cloister gable "
    "built rebuilt flooded drained charted surveyed granted sold widened restored abandoned "
    "northern southern eastern western upper lower old new little great "
    "river town village county district parish estate road path station school library"
).split()
NAMES = ("Averlin Brockwade Celmoor Dunharrow Eskvale Farrowby Glimmerford Holtstead Ivelmere "
         "Junipercross Kestrelby Larkhollow Mossbeck Nettlecombe Oakenshaw Pellridge Quillmoor "
         "Rookhaven Sallowmere Thistlewick").split()
PEOPLE = ("Ada Penrose|Ben Talloway|Cora Mendel|Dov Arkwright|Elin Sato|Felix Ortvald|Gita Rao|"
          "Hugo Brandt|Iris Kell|Jonas Vey").split("|")
PUBLISHERS = ["Fenwick Press", "Harrowgate House", "Lantern Books", "Meridian & Sons"]
JOURNALS = ["Journal of Small Rivers", "Parish Records Quarterly", "Surveys of the Fens"]
TYPES = ["town", "city", "river", "stream", "peak", "mountain", "person", "other"]
LANGS = ["fr", "de", "nl", "it"]


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.sources = []

    def num(self, lo, hi):
        return lo + int(self.rng.random() * (hi - lo + 1))

    def pick(self, seq):
        return seq[int(self.rng.random() * len(seq))]

    def words(self, n):
        return " ".join(self.pick(WORDS) for _ in range(n))

    def sentence(self):
        s = self.words(self.num(6, 16))
        r = self.rng.random()
        if r < 0.15:
            s += " {{1x|" + self.words(3) + "}}"
        elif r < 0.25:
            s += " about {{Km to mi|" + str(self.num(2, 400)) + "}} away"
        elif r < 0.32:
            s += ", called {{Lang|" + self.pick(LANGS) + "|" + self.words(2) + "}}"
        elif r < 0.45:
            s += " [[" + self.pick(NAMES) + "]]"
        return s[0].upper() + s[1:] + "."

    def cite(self):
        kind = self.pick(["book", "journal", "web", "book"])
        parts = ["title=" + self.words(4).capitalize()]
        if self.rng.random() < 0.85:
            parts.append("author=" + self.pick(PEOPLE))
            if self.rng.random() < 0.3:
                parts.append("author2=" + self.pick(PEOPLE))
            if self.rng.random() < 0.1:
                parts.append("author3=" + self.pick(PEOPLE))
        if self.rng.random() < 0.6:
            parts.append("date=%d-%02d-%02d" % (self.num(1950, 2023), self.num(1, 12), self.num(1, 28)))
        else:
            parts.append("year=%d" % self.num(1900, 2023))
        if kind != "book" or self.rng.random() < 0.5:
            parts.append("type=" + kind)
        if kind == "journal":
            parts.append("journal=" + self.pick(JOURNALS))
            parts.append("volume=%d" % self.num(1, 60))
            first = self.num(1, 400)
            parts.append("first_page=%d" % first)
            if self.rng.random() < 0.7:
                parts.append("last_page=%d" % (first + self.num(1, 40)))
        elif kind == "web":
            parts.append("url=https://example.org/%s/%d" % (self.pick(NAMES).lower(), self.num(1, 999)))
            parts.append("website=" + self.pick(NAMES) + " Archive")
        else:
            parts.append("publisher=" + self.pick(PUBLISHERS))
            if self.rng.random() < 0.5:
                parts.append("location=" + self.pick(NAMES))
            if self.rng.random() < 0.3:
                parts.append("edition=%d" % self.num(1, 5))
        name = "Cite" if self.rng.random() < 0.2 else "Cite source"
        return "{{" + name + "|" + "|".join(parts) + "}}"

    def paragraph(self):
        out = []
        for _ in range(self.num(3, 7)):
            out.append(self.sentence())
            if self.rng.random() < 0.35:
                # The renderer has no Cite extension (a ref's content is not
                # rendered), so every citation is also listed under Sources,
                # where it is expanded; some leave a ref in the text as well.
                cite = self.cite()
                self.sources.append(cite)
                if self.rng.random() < 0.3:
                    out.append("<ref>" + cite + "</ref>")
        return " ".join(out)

    def infobox(self, name):
        kind = self.pick(TYPES)
        params = ["name=" + name, "type=" + kind, "region=" + self.pick(NAMES) + "shire"]
        if self.rng.random() < 0.6:
            params.append("image=%s view.jpg" % name)
            params.append("caption=" + self.words(4))
        if self.rng.random() < 0.8:
            params.append("founded=%d" % self.num(800, 1950))
        area = self.num(2, 900)
        if self.rng.random() < 0.8:
            params.append("area=%d" % area)
            params.append("region_area=%d" % (area * self.num(3, 40)))
        if self.rng.random() < 0.8:
            params.append("population=%d" % self.num(100, 2_000_000))
        if kind in ("river", "stream"):
            params.append("length=%d" % self.num(5, 600))
        if kind in ("peak", "mountain"):
            params.append("elevation=%d" % self.num(200, 4000))
        if self.rng.random() < 0.5:
            params.append("known_for=" + self.words(3))
        if self.rng.random() < 0.4:
            params.append("website=https://example.org/" + name.lower())
        return "{{Infobox place\n| " + "\n| ".join(params) + "\n}}"

    def nav_list(self):
        items = []
        for _ in range(self.num(2, 5)):
            items.append("* [[" + self.pick(NAMES) + "]]")
            for _ in range(self.num(0, 3)):
                items.append("** [[" + self.pick(NAMES) + " " + self.pick(WORDS) + "]]")
        return "\n".join(items)

    def navbox(self, title):
        params = ["name=" + title, "title=Places near " + title]
        for g in range(1, self.num(3, 6) + 1):
            if self.rng.random() < 0.15:
                continue  # a group left out: exercises the #if
            params.append("group%d=%s" % (g, self.words(2).capitalize()))
            params.append("list%d=\n%s" % (g, self.nav_list()))
        if self.rng.random() < 0.5:
            params.append("below=See also [[" + self.pick(NAMES) + "]]")
        return "{{Navbox\n| " + "\n| ".join(params) + "\n}}"

    def page(self, name, target_bytes):
        self.sources = []
        out = [self.infobox(name), "", "'''%s''' %s" % (name, self.paragraph()), ""]
        section = 0
        while sum(len(p) + 1 for p in out) < target_bytes:
            section += 1
            out.append("== %s ==" % self.words(2).capitalize())
            if self.rng.random() < 0.3:
                out.append("{{Main|%s %s}}" % (name, self.pick(WORDS)))
            for _ in range(self.num(2, 5)):
                out.append(self.paragraph())
                out.append("")
            if self.rng.random() < 0.25:
                out.append(self.nav_list())
                out.append("")
        out.append("== Sources ==")
        out.extend("* " + cite for cite in self.sources)
        out.append("")
        out.append("== References ==")
        out.append("<references />")
        out.append("")
        for i in range(self.num(1, 3)):
            out.append(self.navbox(name if i == 0 else self.pick(NAMES)))
        return "\n".join(out) + "\n"


# ---------------------------------------------------------------- export

def mw_sha1(text):
    """MediaWiki's revision sha1: SHA-1 in base 36, 31 digits."""
    n = int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)
    digits = ""
    while n:
        n, d = divmod(n, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[d] + digits
    return digits.rjust(31, "0")


def export_xml(pages):
    out = ["""<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://www.mediawiki.org/xml/export-0.10/ http://www.mediawiki.org/xml/export-0.10.xsd" \
version="0.10" xml:lang="en">
  <siteinfo>
    <sitename>Wikitext benchmark</sitename>
    <dbname>benchwiki</dbname>
    <base>https://example.invalid/wiki/Main_Page</base>
    <generator>corpus/templates/generate.py</generator>
    <case>first-letter</case>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="10" case="first-letter">Template</namespace>
    </namespaces>
  </siteinfo>"""]
    for i, (title, text) in enumerate(pages.items(), start=1):
        redirect = ""
        if text.startswith("#REDIRECT [["):
            target = text[len("#REDIRECT [["):text.index("]]")]
            redirect = '\n    <redirect title="%s" />' % escape(target, {'"': "&quot;"})
        out.append("""  <page>
    <title>%s</title>
    <ns>10</ns>
    <id>%d</id>%s
    <revision>
      <id>%d</id>
      <timestamp>2026-01-01T00:00:00Z</timestamp>
      <contributor>
        <username>Wikitext bench</username>
        <id>1</id>
      </contributor>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text bytes="%d" xml:space="preserve">%s</text>
      <sha1>%s</sha1>
    </revision>
  </page>""" % (escape(title), i, redirect, 1000 + i, len(text.encode("utf-8")),
                escape(text, {'"': "&quot;"}), mw_sha1(text)))
    out.append("</mediawiki>\n")
    return "\n".join(out)


def main():
    (HERE / "templates.xml").write_text(export_xml(TEMPLATES), encoding="utf-8")
    pages_dir = HERE / "pages"
    pages_dir.mkdir(exist_ok=True)
    for old in pages_dir.glob("*.wikitext"):
        old.unlink()
    gen = Gen(20261204)
    for i, name in enumerate(NAMES):
        # About 5 KB to 50 KB (a page ends after the section that passes its target).
        target = 3_500 + i * 33_000 // (len(NAMES) - 1)
        (pages_dir / (name + ".wikitext")).write_text(gen.page(name, target), encoding="utf-8")


if __name__ == "__main__":
    main()

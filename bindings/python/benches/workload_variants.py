#!/usr/bin/env python3
"""More scripts against mwparserfromhell's API, run with wikitext.compat and
with mwparserfromhell 0.7.2 on every corpus page: are the results the same,
and how much CPU time does each take? (bot_workload.py is the main one;
these vary the edits and reads a bot or a researcher makes.)

    python benches/workload_variants.py [NAME ...] [--corpus DIR]

A result is what the script returns for the page (the saved text and what
it read), or the type of the exception it raised. The corpus defaults to
$WIKITEXT_SHARED/corpus (or ../shared/corpus beside the repository). Needs
``pip install mwparserfromhell==0.7.2``.
"""

import argparse
import os
import sys
import time
from pathlib import Path

import mwparserfromhell

import wikitext.compat


def parameters(mw, text):
    """Set, rename and blank parameters; positional ones too."""
    code = mw.parse(text)
    for template in code.filter_templates():
        if template.has("date"):
            template.get("date").value = " 2020-01-01 "
        if template.has("url") and template.has("title"):
            template.add("title", "X " + str(template.get("title").value).strip())
        for param in template.params:
            if str(param.name).strip() == "access-date":
                param.name = " accessdate "
        if template.has(1):
            template.add(1, "first")
        if template.has("language"):
            template.remove("language", keep_field=True)
    return str(code)


def add_styles(mw, text):
    """add() before or after a parameter, with showkey, positionally."""
    code = mw.parse(text)
    for template in code.filter_templates():
        name = str(template.name).strip().lower()
        if name.startswith("infobox"):
            if template.params:
                template.add("bot", "1", before=template.params[0])
            else:
                template.add("bot", "1")
        elif name.startswith("cite"):
            template.add("ref", "harv", showkey=True)
            if template.has("url"):
                template.add("archive-url", "http://example.org", after="url")
        elif template.params and not template.params[0].showkey:
            template.add(len([p for p in template.params if not p.showkey]) + 1, "extra")
    return str(code)


def citations(mw, text):
    """The bot workload with other names: an existing key set, another
    removed, a template renamed outright, every link given a text."""
    code = mw.parse(text)
    for template in code.filter_templates():
        name = str(template.name).strip().lower()
        if name.startswith("cite"):
            template.add("access-date", "2020-01-01")
            if template.has("url-status"):
                template.remove("url-status")
            if template.has("ref", ignore_empty=True):
                template.get("ref").value = "harv"
        elif name in ("citation needed", "cn"):
            template.name = "Citation needed"
    for link in code.filter_wikilinks():
        link.text = str(link.title).strip() if link.text is None else str(link.text).upper()
    for comment in code.filter_comments():
        code.remove(comment)
    lead = code.get_sections(include_lead=True, include_headings=False)[0].strip_code()
    return str(code), lead


def top_level(mw, text):
    """Edits of the top level only, and the sections of level 2."""
    code = mw.parse(text)
    for template in code.filter_templates():
        name = str(template.name).strip().lower()
        if name.startswith("cite web"):
            template.add("website", "Example", before="title" if template.has("title") else None)
            if template.has("accessdate"):
                template.remove("accessdate", keep_field=True)
        elif name.startswith("infobox"):
            template.name = "Infobox thing\n"
        elif name == "reflist":
            template.add(1, "30em")
    for link in code.filter_wikilinks(recursive=False):
        if str(link.title).startswith("File:"):
            link.title = "Image:" + str(link.title)[5:]
    for comment in code.filter_comments(recursive=False):
        code.remove(comment)
    heads = [section.strip_code()[:100] for section in code.get_sections(levels=[2])[:3]]
    return str(code), heads


def replace_and_insert(mw, text):
    """replace(), insert_before() and insert_after() around nodes, and the
    whole page's strip_code()."""
    code = mw.parse(text)
    for link in code.filter_wikilinks()[:20]:
        if link.text is not None:
            code.replace(link, str(link.text))
    for template in code.filter_templates(recursive=False)[:5]:
        code.insert_after(template, "<!-- after -->")
        code.insert_before(template, "\n")
    for template in code.filter_templates(matches=lambda n: str(n.name).strip().lower().startswith("citation needed")):
        code.remove(template)
    return str(code), code.strip_code()


def removals(mw, text):
    """Maintenance templates and empty refs removed, link titles trimmed."""
    code = mw.parse(text)
    unwanted = ("citation needed", "cn", "dead link", "when")
    for template in code.filter_templates(matches=lambda t: str(t.name).strip().lower() in unwanted):
        try:
            code.remove(template)
        except ValueError:
            pass  # inside one removed before
    for tag in code.filter_tags(matches=lambda t: str(t.tag) == "ref"):
        if tag.contents is not None and not str(tag.contents).strip():
            code.remove(tag)
    for link in code.filter_external_links():
        if link.title is not None:
            link.title = str(link.title).strip()
    lead = code.get_sections(include_lead=True, include_headings=False)[0].strip_code(normalize=True, collapse=True)
    return str(code), lead


def tags(mw, text):
    """Refs' names and bodies read and edited, external links given titles,
    headings rewritten."""
    code = mw.parse(text)
    found = []
    for tag in code.filter_tags(matches=lambda n: n.tag == "ref"):
        found.append((str(tag.contents)[:50], tag.has("name") and str(tag.get("name").value)))
        if tag.has("name"):
            tag.get("name").value = "n-" + str(tag.get("name").value)
    for link in code.filter_external_links():
        if link.title is None:
            link.title = "link"
    for heading in code.filter_headings():
        heading.title = " " + str(heading.title).strip().upper() + " "
    return str(code), found


def sections(mw, text):
    """A line appended to each level-2 section, every flat section's length."""
    code = mw.parse(text)
    found = []
    for section in code.get_sections(levels=[2]):
        headings = section.filter_headings()
        found.append(str(headings[0].title).strip() if headings else None)
        section.append("\n<!-- end of section -->\n")
    for section in code.get_sections(flat=True, include_lead=False):
        found.append(len(str(section)))
    return str(code), found


def text_nodes(mw, text):
    """Text nodes of the top level edited, the first nodes read."""
    code = mw.parse(text)
    for node in code.filter_text(recursive=False):
        node.value = node.value.replace(" the ", " THE ")
    return str(code), [str(node)[:30] for node in list(code.nodes)[:50]]


def nested(mw, text):
    """Templates inside the first parameter renamed, through ifilter."""
    code = mw.parse(text)
    for template in code.ifilter_templates(recursive=True):
        if template.has("1"):
            for inner in template.get("1").value.filter_templates(recursive=False):
                inner.name = str(inner.name).upper()
    for link in code.ifilter_wikilinks():
        link.title = str(link.title).replace("_", " ")
    return str(code)


def read_all(mw, text):
    """A read-only pass over every node type, and the tree."""
    code = mw.parse(text)
    found = []
    for template in code.filter_templates(recursive=True):
        found.append((
            str(template.name).strip(),
            [str(p.name).strip() for p in template.params],
            template.has("title") and str(template.get("title").value).strip(),
        ))
    found += [(str(link.title), link.text and str(link.text)) for link in code.filter_wikilinks()]
    found.append([str(comment) for comment in code.filter_comments()])
    found.append([str(tag.tag) for tag in code.filter_tags()][:200])
    found.append([str(heading.title) for heading in code.filter_headings()])
    found.append(code.get_tree()[:2000] if len(text) < 50000 else None)
    return found


WORKLOADS = [parameters, add_styles, citations, top_level, replace_and_insert, removals, tags, sections, text_nodes, nested, read_all]


def outcome(mw, workload, text):
    try:
        return ("ok", workload(mw, text))
    except Exception as error:  # the same exception counts as the same result
        return ("error", type(error).__name__)


def main() -> int:
    repo = Path(__file__).resolve().parents[3]
    default = Path(os.environ.get("WIKITEXT_SHARED", repo.parent / "shared")) / "corpus"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="run only these workloads")
    parser.add_argument("--corpus", type=Path, default=default)
    args = parser.parse_args()

    files = sorted(args.corpus.glob("*.wikitext"))
    pages = [f.read_text(encoding="utf-8") for f in files]
    if not pages:
        print(f"no pages in {args.corpus}", file=sys.stderr)
        return 1
    unknown = set(args.names) - {w.__name__ for w in WORKLOADS}
    if unknown:
        print(f"unknown workloads: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 1
    for workload in WORKLOADS:
        if args.names and workload.__name__ not in args.names:
            continue
        same, differ, ours_time, theirs_time = 0, [], 0.0, 0.0
        for f, text in zip(files, pages):
            start = time.process_time()
            ours = outcome(wikitext.compat, workload, text)
            middle = time.process_time()
            theirs = outcome(mwparserfromhell, workload, text)
            ours_time += middle - start
            theirs_time += time.process_time() - middle
            if ours == theirs:
                same += 1
            else:
                differ.append(f.stem)
        print(f"{workload.__name__:20} same on {same}/{len(pages)} pages; CPU {ours_time:.2f} s against "
              f"{theirs_time:.2f} s ({theirs_time / ours_time:.1f}x); differ: {', '.join(differ) or '-'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

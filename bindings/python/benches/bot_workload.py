#!/usr/bin/env python3
"""A bot's edits on every page of the corpus, with wikitext.compat and with
mwparserfromhell 0.7.2 in the same run: are the saved pages the same, and
how much CPU time does each take?

Per page: add a parameter to every citation template and remove another,
rename a template, give text-less wikilinks an explicit text, remove the
comments, write the page back, and take strip_code() of the lead.

With --extract, a researcher's read-only pass instead: every template's
name, the title and URL of every citation template, every link's title.

    python benches/bot_workload.py [CORPUS_DIR] [--runs N] [--extract]

CORPUS_DIR defaults to $WIKITEXT_SHARED/corpus (or ../shared/corpus beside
the repository). Needs ``pip install mwparserfromhell==0.7.2``.
"""

import argparse
import os
import sys
import time
from pathlib import Path

import mwparserfromhell

import wikitext.compat


def edit_page(mw, text):
    """The bot's edits, written once against mwparserfromhell's API."""
    code = mw.parse(text)
    for template in code.filter_templates():
        name = str(template.name).strip().lower()
        if name.startswith("cite "):
            template.add("bot-checked", "yes")
            if template.has("accessdate"):
                template.remove("accessdate")
        elif name == "reflist":
            template.name = str(template.name).replace(str(template.name).strip(), "References")
    for link in code.filter_wikilinks():
        if link.text is None and ":" not in str(link.title):
            link.text = str(link.title).strip()
    for comment in code.filter_comments():
        code.remove(comment)
    saved = str(code)
    lead = code.get_sections(include_lead=True, include_headings=False)[0].strip_code()
    return saved, lead


def extract_page(mw, text):
    """The read-only pass, written once against mwparserfromhell's API."""
    code = mw.parse(text)
    names, citations = [], []
    for template in code.filter_templates():
        name = str(template.name).strip()
        names.append(name)
        if name.lower().startswith("cite "):
            citations.append(tuple(
                str(template.get(key).value).strip() if template.has(key) else None for key in ("title", "url")
            ))
    links = [str(link.title).strip() for link in code.filter_wikilinks()]
    return names, citations, links


def run(mw, pages, workload=edit_page):
    start = time.process_time()
    results = [workload(mw, text) for text in pages]
    return results, time.process_time() - start


def main() -> int:
    repo = Path(__file__).resolve().parents[3]
    default = Path(os.environ.get("WIKITEXT_SHARED", repo.parent / "shared")) / "corpus"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=default)
    parser.add_argument("--runs", type=int, default=1, help="best of N runs for the timings")
    parser.add_argument("--show", type=int, default=0, help="print the first N differing pages' names")
    parser.add_argument("--extract", action="store_true", help="the read-only pass instead of the edits")
    args = parser.parse_args()

    files = sorted(args.corpus.glob("*.wikitext"))
    pages = [f.read_text(encoding="utf-8") for f in files]
    if not pages:
        print(f"no pages in {args.corpus}", file=sys.stderr)
        return 1

    workload = extract_page if args.extract else edit_page
    ours_time = theirs_time = float("inf")
    for _ in range(args.runs):
        ours, elapsed = run(wikitext.compat, pages, workload)
        ours_time = min(ours_time, elapsed)
        theirs, elapsed = run(mwparserfromhell, pages, workload)
        theirs_time = min(theirs_time, elapsed)

    shown = 0
    for f, a, b in zip(files, ours, theirs):
        if a[0] != b[0] and shown < args.show:
            print("differs:", f.name)
            shown += 1
    print(f"pages: {len(pages)}")
    if args.extract:
        for i, what in enumerate(("template names", "citation titles and URLs", "link titles")):
            print(f"{what} identical: {sum(a[i] == b[i] for a, b in zip(ours, theirs))}/{len(pages)}")
    else:
        print(f"saved pages byte-identical: {sum(a[0] == b[0] for a, b in zip(ours, theirs))}/{len(pages)}")
        print(f"lead strip_code() identical: {sum(a[1] == b[1] for a, b in zip(ours, theirs))}/{len(pages)}")
    print(f"CPU time: wikitext.compat {ours_time:.2f} s, mwparserfromhell {theirs_time:.2f} s, "
          f"ratio {theirs_time / ours_time:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

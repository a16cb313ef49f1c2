#!/usr/bin/env python3
"""Compare the template names and wiki-link titles our tree finds with
mwparserfromhell's, page by page, over a directory of .wikitext pages
(../shared/corpus by default).

    python3 scripts/compare-mwparserfromhell.py [DIR] [--show N]

Needs both packages importable (`pip install bindings/python mwparserfromhell`).
A page agrees when both lists are equal, in order. Names are compared as
mwparserfromhell users read them: `str(template.name).strip()`, and a
link's `str(title).strip()`.

With --compat, `wikitext.compat` (the drop-in) instead of `wikitext.parse`,
and two more comparisons of the whole tree: `get_tree()` (every node,
nested) and `strip_code()`.
"""
import argparse
import os
import sys

import mwparserfromhell
import wikitext


def ours(text, parse=None):
    code = (parse or wikitext.parse)(text)
    templates = [str(t.name).strip() for t in code.filter_templates()]
    links = [str(l.title).strip() for l in code.filter_wikilinks()]
    return templates, links


def theirs(text):
    code = mwparserfromhell.parse(text)
    templates = [str(t.name).strip() for t in code.filter_templates()]
    links = [str(l.title).strip() for l in code.filter_wikilinks()]
    return templates, links


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i, x, y
    return min(len(a), len(b)), a[len(b):len(b) + 1], b[len(a):len(a) + 1]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.environ.get("WIKITEXT_SHARED") or os.path.join(here, "..", "..", "shared")
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=os.path.join(shared, "corpus"))
    ap.add_argument("--show", type=int, default=0, help="print the first difference of N disagreeing pages")
    ap.add_argument("--compat", action="store_true", help="wikitext.compat, and get_tree() and strip_code() too")
    args = ap.parse_args()
    if args.compat:
        import wikitext.compat
    parse = wikitext.compat.parse if args.compat else None
    pages = sorted(f for f in os.listdir(args.dir) if f.endswith(".wikitext"))
    if not pages:
        sys.exit(f"no .wikitext pages in {args.dir}")
    same = {"templates": 0, "links": 0, "get_tree": 0, "strip_code": 0}
    shown = 0
    for name in pages:
        with open(os.path.join(args.dir, name), encoding="utf-8") as f:
            text = f.read()
        (ot, ol), (tt, tl) = ours(text, parse), theirs(text)
        pairs = [("templates", ot, tt), ("links", ol, tl)]
        if args.compat:
            here_code, their_code = parse(text), mwparserfromhell.parse(text)
            pairs.append(("get_tree", here_code.get_tree().split("\n"), their_code.get_tree().split("\n")))
            pairs.append(("strip_code", here_code.strip_code().split("\n"), their_code.strip_code().split("\n")))
        for kind, a, b in pairs:
            if a == b:
                same[kind] += 1
            elif shown < args.show:
                shown += 1
                i, x, y = first_difference(a, b)
                print(f"{name} {kind}: {len(a)} here, {len(b)} in mwparserfromhell; first difference at {i}: {x!r} vs {y!r}")
    n = len(pages)
    print(f"filter_templates() names equal on {same['templates']} of {n} pages")
    print(f"filter_wikilinks() titles equal on {same['links']} of {n} pages")
    if args.compat:
        print(f"get_tree() equal on {same['get_tree']} of {n} pages")
        print(f"strip_code() equal on {same['strip_code']} of {n} pages")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""How many of the real pages' media start tags we reproduce exactly.

Usage: scripts/media-start-tags.py [REALPAGES.txt] [ACTUAL.json]

REALPAGES.txt defaults to $WIKITEXT_SHARED/realpages/realPagesDev.txt;
ACTUAL.json is the output of
`wikitext parsertests REALPAGES.txt --actual-json ACTUAL.json` (run here
when not given). For each kind (`<figure>` elements, `mw:Error` elements,
galleries, inline images) the start tags of the expected HTML and of ours
are compared as multisets per page, without `data-parsoid` and `about`
(which the parser tests ignore too) and with attributes sorted.
"""
import collections
import html.parser
import json
import os
import subprocess
import sys
import tempfile


def kinds(tag, attrs):
    typeof = attrs.get("typeof", "")
    out = []
    if tag == "figure":
        out.append("figure")
    if "mw:Error" in typeof.split():
        out.append("mw:Error")
    if "mw:Extension/gallery" in typeof.split():
        out.append("gallery")
    if tag == "span" and any(t.startswith("mw:File") for t in typeof.split()):
        out.append("inline image")
    return out


class StartTags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = collections.defaultdict(collections.Counter)

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        ks = kinds(tag, d)
        if not ks:
            return
        kept = sorted((k, v) for k, v in attrs if k not in ("data-parsoid", "about"))
        key = tag + "".join(f" {k}={v!r}" for k, v in kept)
        for k in ks:
            self.tags[k][key] += 1

    handle_startendtag = handle_starttag


def start_tags(text):
    p = StartTags()
    p.feed(text)
    p.close()
    return p.tags


def expected_sections(path):
    cases, name, section, buf = {}, None, None, []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("!!"):
            if section == "html/parsoid" and name is not None:
                cases[name] = "\n".join(buf)
            word = line[2:].strip().split()[0] if line[2:].strip() else ""
            section, buf = word, []
            if word == "test":
                name = lines[i + 1]
                i += 2
                continue
        else:
            buf.append(line)
        i += 1
    return cases


def main():
    shared = os.environ.get("WIKITEXT_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    pages = sys.argv[1] if len(sys.argv) > 1 else os.path.join(shared, "realpages", "realPagesDev.txt")
    if len(sys.argv) > 2:
        actual_path = sys.argv[2]
    else:
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(os.path.dirname(__file__), "..", "target"))
        actual_path = os.path.join(tempfile.mkdtemp(), "actual.json")
        subprocess.run([os.path.join(target, "release", "wikitext"), "parsertests", pages, "--actual-json", actual_path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    with open(actual_path, encoding="utf-8") as f:
        actual = json.load(f)
    actual = next(iter(actual.values())) if len(actual) == 1 else actual
    expected = expected_sections(pages)
    totals = collections.defaultdict(lambda: [0, 0])
    misses = collections.defaultdict(collections.Counter)
    for name, html in expected.items():
        want = start_tags(html)
        got = start_tags(actual.get(name, ""))
        for kind, tags in want.items():
            hit = sum((tags & got.get(kind, collections.Counter())).values())
            totals[kind][0] += hit
            totals[kind][1] += sum(tags.values())
            misses[kind].update(tags - got.get(kind, collections.Counter()))
    for kind, (hit, total) in sorted(totals.items()):
        print(f"{kind}: {hit}/{total} start tags reproduced ({100.0 * hit / max(total, 1):.1f}%)")
    if "-v" in os.environ.get("MEDIA_TAGS_VERBOSE", "") or os.environ.get("MEDIA_TAGS_VERBOSE"):
        for kind, c in misses.items():
            print(f"== missed {kind}")
            for tag, n in c.most_common(15):
                print(f"{n:4} {tag[:400]}")


if __name__ == "__main__":
    main()

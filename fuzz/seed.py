#!/usr/bin/env python3
"""Fill fuzz/corpus/<target>/ with seed inputs, generated at run time.

Seeds come from the repository itself (corpus/example.wikitext, the grammar's
`// test` examples, fuzz/regressions/) and, when the shared material is
present ($WIKITEXT_SHARED, default ../shared beside the repository), from the
parser-test inputs and slices of the real-article corpus. Nothing generated
here is committed: fuzz/corpus/ is ignored by git.
"""
import hashlib
import os
import pathlib
import re
import sys

FUZZ = pathlib.Path(__file__).resolve().parent
REPO = FUZZ.parent
TARGETS = ["tokenize", "round_trip", "render"]
MAX_LEN = 4096  # keep seeds under the -max_len the README runs with


def grammar_examples():
    for path in sorted((REPO / "parser/src/grammar").glob("*.rs")):
        lines = path.read_text().splitlines()
        i = 0
        while i < len(lines):
            if lines[i].strip().startswith("// test "):
                body = []
                i += 1
                while i < len(lines):
                    t = lines[i].lstrip()
                    if t.startswith("// test ") or not t.startswith("//") or t.startswith("///"):
                        break
                    body.append(t[3:] if t.startswith("// ") else t[2:])
                    i += 1
                yield "\n".join(body)
            else:
                i += 1


def parsertest_inputs(shared):
    for path in sorted((shared / "parsertests").glob("*.txt")):
        text = path.read_text(errors="replace")
        for m in re.finditer(r"^!! ?wikitext\n(.*?)^!! ", text, re.S | re.M):
            yield m.group(1).rstrip("\n")


def article_slices(shared, per_article=3):
    for path in sorted((shared / "corpus").glob("*.wikitext"))[:80]:
        text = path.read_text(errors="replace")
        step = max(len(text) // per_article, 1)
        for start in range(0, len(text), step)[:per_article]:
            # Start at a line so slices begin where constructs begin.
            line = text.rfind("\n", 0, start) + 1
            yield text[line:line + MAX_LEN]


def main():
    seeds = [(REPO / "corpus/example.wikitext").read_text()]
    seeds += list(grammar_examples())
    seeds += [p.read_text() for p in sorted((FUZZ / "regressions").glob("*.wikitext"))]
    shared = pathlib.Path(os.environ.get("WIKITEXT_SHARED", REPO.parent / "shared"))
    if (shared / "parsertests").is_dir():
        seeds += list(parsertest_inputs(shared))
    if (shared / "corpus").is_dir():
        seeds += list(article_slices(shared))
    seeds = [s.encode()[:MAX_LEN].decode(errors="ignore").encode() for s in seeds if s]
    for target in TARGETS:
        out = FUZZ / "corpus" / target
        out.mkdir(parents=True, exist_ok=True)
        for data in seeds:
            (out / ("seed-" + hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)
    print(f"{len(set(seeds))} seeds in each of {', '.join(TARGETS)}", file=sys.stderr)


if __name__ == "__main__":
    main()

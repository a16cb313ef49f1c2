#!/usr/bin/env python3
"""What a parser function or a module of the caller's own costs per call
(``functions=``, ``modules=``), against a built-in parser function in the
same run: 10,000 calls on one page, expanded and rendered, best of N.

    python benches/callables.py [--runs N]
"""

import argparse
import time

import wikitext

CALLS = 10_000
PAGES = {
    "built-in {{uc:}}": ("{{uc:abc|d}} " * CALLS, {}),
    "functions=": ("{{#shout:abc|d}} " * CALLS, {"functions": {"#shout": lambda args: args[0].upper()}}),
    "modules=": ("{{#invoke:M|f|abc}} " * CALLS, {"modules": {"M": {"f": lambda args, parent: args["1"].upper()}}}),
}


def best(runs, call):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"{'µs per call':18s} {'expand':>8s} {'to_html':>8s}")
    for name, (text, options) in PAGES.items():
        expand = best(runs, lambda: wikitext.expand(text, **options))
        html = best(runs, lambda: wikitext.to_html(text, **options))
        print(f"{name:18s} {expand / CALLS * 1e6:8.2f} {html / CALLS * 1e6:8.2f}")


if __name__ == "__main__":
    main()

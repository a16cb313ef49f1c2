#!/usr/bin/env bash
# Regenerate the conformance table in README.md from the harness's own
# output (figures are never typed by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
table=$("${CARGO_TARGET_DIR:-target}/release/wikitext" parsertests --markdown | grep '^|')
run=$("${CARGO_TARGET_DIR:-target}/release/wikitext" parsertests --closeness)
total=$(echo "$run" | tail -n 1)
known=$(echo "$run" | grep "^Parsoid's known wt2html failures")
shared="${WIKITEXT_SHARED:-../shared}"
real=$("${CARGO_TARGET_DIR:-target}/release/wikitext" parsertests "$shared/realpages/realPagesDev.txt" --closeness | grep -v '^CLOSE')
identical=$(echo "$run" | grep '^IDENTICAL ')
python3 - "$table" "$total" "$real" "$known" "$identical" <<'PY'
import sys, re
table, total, real, known, identical = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
same = [re.match(r"IDENTICAL [^:]+: (\d+) of (\d+) ", l).groups() for l in identical.splitlines()]
same_line = (f"Cases equal to Parsoid's HTML as built, before the runner's normalization (`--closeness`; "
             f"data-parsoid, about ids and attribute order aside; whitespace counts): "
             f"**{sum(int(a) for a, _ in same)} of {sum(int(b) for _, b in same)}** cases with Parsoid's own HTML.")
real_total = real.strip().splitlines()[-1]
elements = [re.sub(r"(<[a-z]+>|mw:[A-Za-z]+)", r"`\1`", l.split(": ", 1)[1])
            for l in real.splitlines() if l.startswith(("ELEMENTS ", "IDENTICAL "))]
real_block = (f"Real pages (`wikitext parsertests ../shared/realpages/realPagesDev.txt --closeness`): **{real_total}**\n\n"
              + "\n".join(f"- {e}" for e in elements))
readme = open("README.md", encoding="utf-8").read()
block = ("<!-- conformance:start (scripts/update-readme-conformance.sh; do not edit) -->\n"
         f"`wikitext parsertests`: **{total}**\n\n{table}\n\n{known}.\n\n{same_line}\n\n{real_block}\n"
         "<!-- conformance:end -->")
new = re.sub(r"<!-- conformance:start.*?<!-- conformance:end -->", lambda m: block, readme, flags=re.S)
open("README.md", "w", encoding="utf-8").write(new)
PY
echo "README.md: $total"

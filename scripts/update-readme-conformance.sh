#!/usr/bin/env bash
# Regenerate the conformance table in README.md from the harness's own
# output (figures are never typed by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
table=$(./target/release/wikitext parsertests --markdown | grep '^|')
total=$(./target/release/wikitext parsertests | tail -n 1)
python3 - "$table" "$total" <<'PY'
import sys, re
table, total = sys.argv[1], sys.argv[2]
readme = open("README.md", encoding="utf-8").read()
block = ("<!-- conformance:start (scripts/update-readme-conformance.sh; do not edit) -->\n"
         f"`wikitext parsertests`: **{total}**\n\n{table}\n"
         "<!-- conformance:end -->")
new = re.sub(r"<!-- conformance:start.*?<!-- conformance:end -->", lambda m: block, readme, flags=re.S)
open("README.md", "w", encoding="utf-8").write(new)
PY
echo "README.md: $total"

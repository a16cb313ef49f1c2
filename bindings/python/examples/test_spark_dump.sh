#!/usr/bin/env bash
# The Spark example end to end, in local mode: render the shared enwiki head
# with `spark_dump.py` on local[2] and check it produced the same pages with
# the same records as `wikitext dump`. Needs Java 17 and downloads pyspark
# (about 500 MB) into bindings/python/.venv-spark once; not part of CI for
# that reason (see the README).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
shared="${WIKITEXT_SHARED:-$repo/../shared}"
dump="$shared/dumps/enwiki-head.xml.bz2"
venv="${SPARK_VENV:-$repo/bindings/python/.venv-spark}"
[ -f "$dump" ] || { echo "skipping: no $dump"; exit 0; }
command -v java >/dev/null || { echo "test_spark_dump.sh: Java 17 is needed (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import pyspark, maturin" 2>/dev/null ||
    "$venv/bin/pip" install --quiet --disable-pip-version-check pyspark maturin
export PATH="$venv/bin:$PATH"
(cd "$repo" && pip install --quiet --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps bindings/python)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$repo" && cargo build --release --quiet --bin wikitext)
"${CARGO_TARGET_DIR:-$repo/target}/release/wikitext" dump "$dump" -o "$work/expected.ndjson" --no-progress 2>/dev/null || true
PYSPARK_PYTHON="$venv/bin/python" spark-submit --master 'local[2]' "$here/spark_dump.py" "$dump" "$work/spark" 2>"$work/spark.log" ||
    { tail -30 "$work/spark.log"; exit 1; }
python3 - "$work/expected.ndjson" "$work/spark" <<'PY'
import glob, json, sys
expected = {r["identifier"]: r for r in map(json.loads, open(sys.argv[1]))}
got = {}
for part in sorted(glob.glob(sys.argv[2] + "/part-*")):
    for line in open(part):
        r = json.loads(line)
        got[r["identifier"]] = r
assert set(got) == set(expected), f"pages differ: {len(got)} from Spark, {len(expected)} from wikitext dump"
different = [i for i in expected if got[i] != expected[i]]
# Only time-dependent magic words may differ between the two runs.
assert not different, f"{len(different)} records differ, first: {expected[different[0]]['name']}"
print(f"spark: {len(got)} pages, the same records as wikitext dump")
PY

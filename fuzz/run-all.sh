#!/bin/sh
# Seed the corpora, then run every fuzz target in parallel for $1 seconds
# (default 1800), each logging to fuzz/logs/<target>.log. Needs cargo-fuzz.
set -eu
cd "$(dirname "$0")"
seconds="${1:-1800}"
python3 seed.py
RUSTC_BOOTSTRAP=1 cargo fuzz build -O
mkdir -p logs
for target in tokenize round_trip render; do
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" -- \
        -dict=wikitext.dict -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -max_total_time="$seconds" -print_final_stats=1 >"logs/$target.log" 2>&1 &
done
wait
grep -H -E "stat::number_of_executed_units|stat::average_exec_per_sec|SUMMARY|panicked" logs/*.log || true

#!/bin/sh
# Measures `ouvert serve` on a generated portal (issue 7): the time from
# saving a Markdown file to the reload event over 20 edits, the server's
# memory over 100 edits, then 200 concurrent connections with wrk.
#
#   benches/serve.sh > /tmp/serve.md
#
# Needs python3 and wrk (Debian package). The portal is generated afresh in
# ${OUVERT_BENCH_DATA:-$HOME/.cache/ouvert-bench}/serve-<N> (N is
# ${OUVERT_BENCH_DATASETS:-1000}), so every run starts from the same files.
set -eu
cd "$(dirname "$0")/.."
datasets=${OUVERT_BENCH_DATASETS:-1000}
portal=${OUVERT_BENCH_DATA:-$HOME/.cache/ouvert-bench}/serve-$datasets
command -v wrk >/dev/null || { echo "serve.sh: wrk is missing (apt-get install wrk)" >&2; exit 2; }

cargo build --release --quiet
ouvert=${CARGO_TARGET_DIR:-target}/release/ouvert
python3 benches/gen-portal.py "$portal" --datasets "$datasets" >&2

echo "### $datasets datasets, 20 edits"
echo '```text'
python3 benches/serve-latency.py "$ouvert" "$portal" --edits 20
echo '```'
echo "### $datasets datasets, 100 edits, then wrk"
echo '```text'
python3 benches/serve-latency.py "$ouvert" "$portal" --edits 100 --wrk 10
echo '```'

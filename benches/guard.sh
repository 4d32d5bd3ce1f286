#!/usr/bin/env bash
# Cost of the personal-data guard: `ouvert profile FILE` beside `ouvert
# profile FILE --personal-data`, the same reading with the scan of every row
# that `ouvert build` runs for its guard (issue 5: at most +15 %).
#
# Usage: benches/guard.sh
#
# Files: the comma and semicolon 100 MB files of benches/profile.sh (made by
# ../shared/tools/gen-csv.py when missing). Each is profiled with one thread
# and with all cores, with and without the scan, in interleaved hyperfine
# rounds (one run of each command per round), warm page cache. Prints a
# Markdown table (stdout): mean times and the scan's overhead; progress goes
# to stderr.
#
# Needs: cargo, python3, hyperfine.
# Environment: OUVERT_BENCH_DATA (default $HOME/.cache/ouvert-bench),
# OUVERT_BENCH_RUNS (rounds, default 7), OUVERT_GEN_CSV (the generator).
set -euo pipefail

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: benches/guard.sh (no arguments; see --help)" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data=${OUVERT_BENCH_DATA:-$HOME/.cache/ouvert-bench}
rounds=${OUVERT_BENCH_RUNS:-7}
gen=${OUVERT_GEN_CSV:-}
if [[ -z $gen ]]; then
  for g in "$root/../shared/tools/gen-csv.py" /work/shared/tools/gen-csv.py; do
    if [[ -f $g ]]; then gen=$g; break; fi
  done
fi

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
command -v hyperfine > /dev/null || die "hyperfine not found (apt-get install hyperfine)"

mkdir -p "$data"
log "building ouvert (release)..."
(cd "$root" && cargo build --release --quiet) || die "the release build failed"
ouvert="$root/target/release/ouvert"

files=(comma-100M semicolon-100M)
for name in "${files[@]}"; do
  file="$data/$name.csv"
  if [[ ! -f $file ]]; then
    [[ -n $gen ]] || die "$file is missing and gen-csv.py was not found (set OUVERT_GEN_CSV)"
    options=(--size 100M)
    [[ $name == semicolon-* ]] && options+=(--delimiter ';' --decimal-char ',')
    log "generating $file..."
    python3 "$gen" "$file" "${options[@]}" > /dev/null || die "cannot generate $file"
  fi
done

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); nproc: $(nproc); ouvert $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' with uncommitted changes')"
echo
echo "| file | threads | profile (s) | profile + personal-data scan (s) | overhead |"
echo "|---|---|---:|---:|---:|"
for name in "${files[@]}"; do
  file="$data/$name.csv"
  cat "$file" > /dev/null
  for jobs in 1 all; do
    flag=""
    [[ $jobs == 1 ]] && flag="--jobs 1"
    log "== $name, $jobs thread(s)"
    json=$(mktemp)
    hyperfine -N --style none --warmup 1 --runs "$rounds" --export-json "$json" \
      -n without "$ouvert profile $file --format json $flag" \
      -n with "$ouvert profile $file --format json --personal-data $flag" > /dev/null
    python3 - "$json" "$name" "$jobs" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
without, with_ = results["without"], results["with"]
overhead = with_["mean"] / without["mean"] - 1
print(f"| {sys.argv[2]} | {sys.argv[3]} | {without['mean']:.3f} ± {without['stddev']:.3f} "
      f"| {with_['mean']:.3f} ± {with_['stddev']:.3f} | {overhead * 100:+.1f} % |")
PY
    rm -f "$json"
  done
done

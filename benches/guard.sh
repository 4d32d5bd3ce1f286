#!/usr/bin/env bash
# Cost of the personal-data guard: `ouvert profile FILE` beside `ouvert
# profile FILE --personal-data`, the same reading with the scan of every row
# that `ouvert build` runs for its guard (issue 5: at most +15 %).
#
# Usage: benches/guard.sh [--instructions]
#
# Files: the comma and semicolon 100 MB files of benches/profile.sh (made by
# ../shared/tools/gen-csv.py when missing). Each is profiled with one thread
# and with all cores, with and without the scan, warm page cache, in rounds
# that run both commands back to back (which one first alternates), after
# one warm-up round: on a shared, noisy machine the two runs of a round see
# the same load. Prints a Markdown table (stdout): median times, the
# overhead as the median of the rounds' ratios, and as the ratio of the
# fastest runs (noise only ever adds time); progress goes to stderr.
#
# --instructions counts instructions instead (valgrind's callgrind, one
# thread, on the first 10 MB of each file): slow, but the same on every run,
# where times on a shared machine can vary by tens of percent.
#
# Needs: cargo, python3; valgrind for --instructions.
# Environment: OUVERT_BENCH_DATA (default $HOME/.cache/ouvert-bench),
# OUVERT_BENCH_RUNS (rounds, default 11), OUVERT_GEN_CSV (the generator).
set -euo pipefail

mode=times
case "${1:-}" in
  "") ;;
  --instructions) mode=instructions ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: benches/guard.sh [--instructions] (see --help)" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data=${OUVERT_BENCH_DATA:-$HOME/.cache/ouvert-bench}
rounds=${OUVERT_BENCH_RUNS:-11}
gen=${OUVERT_GEN_CSV:-}
if [[ -z $gen ]]; then
  for g in "$root/../shared/tools/gen-csv.py" /work/shared/tools/gen-csv.py; do
    if [[ -f $g ]]; then gen=$g; break; fi
  done
fi

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

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
if [[ $mode == instructions ]]; then
  command -v valgrind > /dev/null || die "valgrind not found (apt-get install valgrind)"
  echo "| file (first 10 MB) | profile (instructions) | profile + personal-data scan | overhead |"
  echo "|---|---:|---:|---:|"
  for name in "${files[@]}"; do
    head=$(mktemp --suffix=.csv)
    head -c 10000000 "$data/$name.csv" | sed '$d' > "$head"
    count() {
      valgrind --tool=callgrind --callgrind-out-file=/dev/null "$ouvert" profile "$head" \
        --format json --jobs 1 "$@" 2>&1 > /dev/null | sed -n 's/.*Collected : //p'
    }
    log "== $name, instructions"
    without=$(count)
    with=$(count --personal-data)
    rm -f "$head"
    python3 -c "import sys; a, b = int(sys.argv[1]), int(sys.argv[2]); print(f'| {sys.argv[3]} | {a:,} | {b:,} | {(b / a - 1) * 100:+.1f} % |')" \
      "$without" "$with" "$name"
  done
  exit 0
fi

echo "| file | threads | profile (s) | profile + personal-data scan (s) | overhead (median of rounds) | overhead (fastest runs) |"
echo "|---|---|---:|---:|---:|---:|"
for name in "${files[@]}"; do
  file="$data/$name.csv"
  cat "$file" > /dev/null
  for jobs in 1 all; do
    log "== $name, $jobs thread(s)"
    python3 - "$ouvert" "$file" "$name" "$jobs" "$rounds" <<'PY'
import statistics, subprocess, sys, time

ouvert, file, name, jobs, rounds = sys.argv[1:4] + [sys.argv[4], int(sys.argv[5])]
base = [ouvert, "profile", file, "--format", "json"] + (["--jobs", "1"] if jobs == "1" else [])
commands = {"without": base, "with": base + ["--personal-data"]}
times = {"without": [], "with": []}
for round in range(rounds + 1):
    order = ["without", "with"] if round % 2 == 0 else ["with", "without"]
    for key in order:
        start = time.perf_counter()
        subprocess.run(commands[key], stdout=subprocess.DEVNULL, check=True)
        if round > 0:
            times[key].append(time.perf_counter() - start)
ratios = [w / wo for w, wo in zip(times["with"], times["without"])]
overhead = statistics.median(ratios) - 1
without, with_ = (statistics.median(times[k]) for k in ("without", "with"))
fastest = min(times["with"]) / min(times["without"]) - 1
print(
    f"| {name} | {jobs} | {without:.3f} | {with_:.3f} | {overhead * 100:+.1f} % | {fastest * 100:+.1f} % |",
    flush=True,
)
PY
  done
done

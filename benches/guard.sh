#!/usr/bin/env bash
# Cost of the personal-data guard: `ouvert profile` with the guard (this
# tree) beside the same command built from a revision without it.
#
# Usage: benches/guard.sh [BASE]     (default BASE: f94765a, the last commit
#                                      before the guard)
#
# The guard scans every row inside the profile's reading pass, so its cost
# is the difference between the two builds on the same files, measured in
# one run: the comma and semicolon 100 MB files of benches/profile.sh
# (made by ../shared/tools/gen-csv.py when missing), one thread and all
# cores, in interleaved hyperfine rounds (one run of each command per
# round), warm page cache. The base revision is built in a git worktree
# under the data folder. Prints a Markdown table (stdout): mean times and
# the guard's overhead; progress goes to stderr.
#
# Needs: cargo, git, python3, hyperfine.
# Environment: OUVERT_BENCH_DATA (default $HOME/.cache/ouvert-bench),
# OUVERT_BENCH_RUNS (rounds, default 5), OUVERT_GEN_CSV (the generator),
# OUVERT_BASE_BIN (a release binary of BASE already built: skips its build).
set -euo pipefail

case "${1:-}" in
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
base=${1:-f94765a}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data=${OUVERT_BENCH_DATA:-$HOME/.cache/ouvert-bench}
rounds=${OUVERT_BENCH_RUNS:-5}
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
log "building ouvert (release) from this tree..."
(cd "$root" && cargo build --release --quiet) || die "the release build failed"
guarded="$root/target/release/ouvert"

unguarded=${OUVERT_BASE_BIN:-}
if [[ -z $unguarded ]]; then
  worktree="$data/guard-base-$base"
  if [[ ! -d $worktree ]]; then
    log "checking out $base into $worktree..."
    git -C "$root" worktree add --detach "$worktree" "$base" > /dev/null 2>&1 ||
      die "cannot check out $base"
  fi
  log "building ouvert (release) at $base..."
  (cd "$worktree" && CARGO_TARGET_DIR="$data/guard-base-target" cargo build --release --quiet) ||
    die "the release build of $base failed"
  unguarded="$data/guard-base-target/release/ouvert"
fi

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

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); nproc: $(nproc)"
echo "with the guard: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' with uncommitted changes'); without: $base"
echo
echo "| file | threads | without the guard (s) | with the guard (s) | overhead |"
echo "|---|---|---:|---:|---:|"
for name in "${files[@]}"; do
  file="$data/$name.csv"
  cat "$file" > /dev/null
  for jobs in 1 all; do
    flag=()
    [[ $jobs == 1 ]] && flag=(--jobs 1)
    log "== $name, $jobs thread(s)"
    json=$(mktemp)
    hyperfine -N --style none --warmup 1 --runs "$rounds" --export-json "$json" \
      -n without "$unguarded profile $file --format json ${flag[*]}" \
      -n with "$guarded profile $file --format json ${flag[*]}" > /dev/null
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

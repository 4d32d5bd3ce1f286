#!/usr/bin/env bash
# Builds generated portals of 1,000 and 10,000 datasets with ouvert, beside
# Hugo building the same datasets' Markdown as plain pages with a minimal
# layout (issue 9), in interleaved rounds (one run of each command per
# round), so that the noise of a shared machine hits both alike.
#
#   benches/build-large.sh [SIZE...] > /tmp/build-large.md    # default: 1000 10000
#
# Needs python3, hyperfine and hugo (Debian packages). Each portal is
# generated once, deterministically, in
# ${OUVERT_BENCH_DATA:-$HOME/.cache/ouvert-bench}/portal-<N>, with its Hugo
# twin beside it (benches/hugo-site.py). Cases:
#   ouvert warm: the portal's profile cache and the previous output are in
#                place, as on an editor's machine or a CI job that keeps them;
#   ouvert cold: no profile cache and no previous output, as on a fresh clone;
#   hugo:        writes over its previous output (its default).
# Before each run, `sync` writes out what the run before left in memory
# (the cold build writes 1.6 GB at 10,000 datasets), so that no run pays
# for another's writes.
# OUVERT_BENCH_RUNS rounds (default 3). Report on stdout, progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000)
rounds=${OUVERT_BENCH_RUNS:-3}
data=${OUVERT_BENCH_DATA:-$HOME/.cache/ouvert-bench}
for tool in hyperfine hugo python3; do
  command -v $tool > /dev/null || { echo "build-large.sh: $tool is missing" >&2; exit 2; }
done

cargo build --release --quiet
ouvert=$(pwd)/${CARGO_TARGET_DIR:-target}/release/ouvert
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "$("$ouvert" --version), $(hugo version | cut -d' ' -f1-2), $(nproc) cores, $rounds interleaved rounds"
for n in "${sizes[@]}"; do
  portal=$data/portal-$n out=$data/out-$n hugo_site=$data/hugo-$n hugo_out=$data/hugo-out-$n
  if [[ ! -f $portal/.ouvert-gen-portal ]]; then
    python3 benches/gen-portal.py "$portal" --datasets "$n" >&2
  fi
  python3 benches/hugo-site.py "$portal" "$hugo_site" >&2
  # Outside the timings: the cache, both previous outputs, the page cache.
  "$ouvert" build "$portal" --out "$out" > /dev/null 2>&1
  hugo --source "$hugo_site" --destination "$hugo_out" --quiet
  jsons=()
  for ((r = 1; r <= rounds; r++)); do
    echo "$n datasets, round $r/$rounds" >&2
    hyperfine -N --style none --output null --runs 1 --export-json "$work/$n-$r.json" \
      --prepare sync --prepare "rm -rf $portal/.ouvert-cache $out && sync" --prepare sync \
      -n "ouvert (warm)" "$ouvert build $portal --out $out" \
      -n "ouvert (cold)" "$ouvert build $portal --out $out" \
      -n hugo "hugo --source $hugo_site --destination $hugo_out --quiet" > /dev/null
    jsons+=("$work/$n-$r.json")
  done
  echo
  echo "### $n datasets"
  echo
  python3 - "${jsons[@]}" << 'EOF'
import json, statistics, sys
times = {}
for path in sys.argv[1:]:
    for result in json.load(open(path))["results"]:
        times.setdefault(result["command"], []).extend(result["times"])
hugo = statistics.median(times["hugo"])
print("| command | median (s) | min (s) | max (s) | ratio to hugo |")
print("|---|---:|---:|---:|---:|")
for name, values in times.items():
    median = statistics.median(values)
    print(f"| {name} | {median:.2f} | {min(values):.2f} | {max(values):.2f} | {median / hugo:.2f} |")
EOF
  echo
  echo "- ouvert: $("$ouvert" build "$portal" --out "$out" 2>&1 | tail -n 1)"
  echo "- hugo: $(find "$hugo_out" -name '*.html' | wc -l) pages, $(du -sh "$hugo_out" | cut -f1)"
done

#!/usr/bin/env bash
# Throughput and peak memory of `ouvert profile` beside `xsv stats` (issue 3).
#
# Usage: benches/profile.sh [100M|1G|all]        (default: all)
#
# For each data file (comma, and semicolon with decimal comma; 100 MB and/or
# 1 GB), in one run of this script, it measures:
#   xsv stats FILE                              (default options: one thread)
#   ouvert profile FILE --format json --jobs 1  (one thread)
#   ouvert profile FILE --format json           (all cores)
# Times come from hyperfine, in interleaved rounds (one run of each command
# per round, so machine noise hits every tool alike); peak RSS from a separate
# run of each command under GNU time. It prints a Markdown table (stdout) with
# MB/s and the ratio of each ouvert variant to xsv; progress goes to stderr.
#
# Needs: cargo, python3, hyperfine (apt-get install hyperfine), GNU time
# (/usr/bin/time, apt-get install time), xsv (cargo install xsv).
# Environment:
#   OUVERT_BENCH_DATA  data folder (default $HOME/.cache/ouvert-bench); files
#                      are generated only when missing
#   OUVERT_GEN_CSV     generator (default ../shared/tools/gen-csv.py beside
#                      the repository, else /work/shared/tools/gen-csv.py)
#   OUVERT_BENCH_RUNS  timed rounds per file (default 3)
#   XSV                xsv binary (default: xsv on PATH, else ~/.cargo/bin/xsv)
set -euo pipefail

usage() { sed -n '4p' "$0" | sed 's/^# //'; }
sizes=${1:-all}
case "$sizes" in
  100M) sizes=(100M) ;;
  1G) sizes=(1G) ;;
  all) sizes=(100M 1G) ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data=${OUVERT_BENCH_DATA:-$HOME/.cache/ouvert-bench}
gen=${OUVERT_GEN_CSV:-}
if [[ -z $gen ]]; then
  for g in "$root/../shared/tools/gen-csv.py" /work/shared/tools/gen-csv.py; do
    if [[ -f $g ]]; then gen=$g; break; fi
  done
fi
rounds=${OUVERT_BENCH_RUNS:-3}
gnu_time=/usr/bin/time
ouvert="$root/target/release/ouvert"
xsv=${XSV:-$(command -v xsv || echo "$HOME/.cargo/bin/xsv")}

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

command -v hyperfine > /dev/null || die "hyperfine not found (apt-get install hyperfine)"
command -v python3 > /dev/null || die "python3 not found"
"$gnu_time" -f '%M' true 2> /dev/null || die "GNU time not found at $gnu_time (apt-get install time)"

# --- peers -----------------------------------------------------------------
have_xsv=1
if ! "$xsv" --version > /dev/null 2>&1; then
  have_xsv=0
  log "note: xsv not found ($xsv); install it with 'cargo install xsv'. Reporting ouvert only."
fi

have_ouvert=1
ouvert_note=
log "building ouvert (release)..."
if ! (cd "$root" && cargo build --release --quiet); then
  have_ouvert=0
  ouvert_note="the release build of ouvert failed (see cargo's output above)"
elif ! "$ouvert" profile --help > /dev/null 2>&1; then
  have_ouvert=0
  ouvert_note="\`$ouvert profile --help\` failed: this build has no \`profile\` subcommand yet"
fi
if ((!have_ouvert)); then
  log "note: not measuring ouvert: $ouvert_note. Reporting xsv only."
fi
((have_xsv || have_ouvert)) || die "neither xsv nor ouvert profile can be run"

# --- data --------------------------------------------------------------------
mkdir -p "$data"
# Generates $data/NAME.csv unless it exists; written in a temporary folder and
# moved into place, so an interrupted run never leaves a truncated file.
generate() {
  local name=$1
  shift
  [[ -f $data/$name.csv ]] && return 0
  [[ -n $gen && -f $gen ]] || die "$data/$name.csv is missing and gen-csv.py was not found (set OUVERT_GEN_CSV)"
  log "generating $data/$name.csv ($*)..."
  local tmp start
  tmp=$(mktemp -d "$data/.gen.XXXXXX")
  start=$SECONDS
  python3 "$gen" "$tmp/$name.csv" "$@" || { rm -rf "$tmp"; die "gen-csv.py failed for $name"; }
  mv -f "$tmp"/* "$data"/
  rmdir "$tmp"
  log "  done in $((SECONDS - start)) s"
}
files=()
for size in "${sizes[@]}"; do
  generate "comma-$size" --size "$size"
  generate "semicolon-$size" --size "$size" --delimiter ';' --decimal-char ','
  files+=("$data/comma-$size.csv" "$data/semicolon-$size.csv")
done

# --- measurements -------------------------------------------------------------
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
manifest="$work/manifest.tsv" # file, bytes, tool, command, rss KB, cpu %, json files
: > "$manifest"
notes=()

q() { printf '%q' "$1"; }

for file in "${files[@]}"; do
  base=$(basename "$file" .csv)
  bytes=$(stat -c %s "$file")
  case "$base" in
    semicolon-*) xsv_delim="-d ';' " ;; # xsv does not sniff: without -d it sees one column
    *) xsv_delim= ;;
  esac
  # An index next to the file would make `xsv stats` run in parallel.
  if [[ -e $file.idx ]]; then
    log "note: removing $file.idx so that xsv stats stays single-threaded"
    rm -f "$file.idx"
  fi

  names=()
  cmds=()
  if ((have_xsv)); then
    names+=("xsv stats")
    cmds+=("$(q "$xsv") stats ${xsv_delim}$(q "$file")")
  fi
  if ((have_ouvert)); then
    names+=("ouvert profile --jobs 1" "ouvert profile (all cores)")
    cmds+=("$(q "$ouvert") profile $(q "$file") --format json --jobs 1"
      "$(q "$ouvert") profile $(q "$file") --format json")
  fi

  log "== $base ($((bytes / 1000000)) MB): warming the page cache"
  cat "$file" > /dev/null

  # Peak RSS (and CPU use), one run each; it also checks that the command works.
  keep_names=()
  keep_cmds=()
  rss=()
  cpu=()
  for i in "${!cmds[@]}"; do
    log "   peak RSS: ${names[$i]}"
    if eval "$(q "$gnu_time") -f '%M %P' -o $(q "$work/time") ${cmds[$i]}" > /dev/null 2> "$work/err"; then
      read -r kb pct < <(tail -n 1 "$work/time")
      keep_names+=("${names[$i]}")
      keep_cmds+=("${cmds[$i]}")
      rss+=("$kb")
      cpu+=("${pct%\%}")
    else
      log "   failed, dropped: ${cmds[$i]}"
      tail -n 5 "$work/err" | sed 's/^/     /' >&2
      notes+=("\`${cmds[$i]}\` failed on $base: $(grep -v '^Command exited' "$work/err" | tail -n 1)")
    fi
  done
  ((${#keep_cmds[@]})) || continue

  # Times: interleaved rounds, one run of each command per round.
  hf_args=()
  for i in "${!keep_cmds[@]}"; do hf_args+=(-n "${keep_names[$i]}" "${keep_cmds[$i]}"); done
  case "$base" in *-100M) warmup=1 ;; *) warmup=0 ;; esac
  jsons=()
  for ((r = 1; r <= rounds; r++)); do
    log "   round $r/$rounds"
    w=0
    ((r == 1)) && w=$warmup
    json="$work/$base-$r.json"
    hyperfine -N --style none --output null --warmup "$w" --runs 1 \
      --export-json "$json" "${hf_args[@]}" > /dev/null || die "hyperfine failed on $base"
    jsons+=("$json")
  done
  for i in "${!keep_cmds[@]}"; do
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$base" "$bytes" "${keep_names[$i]}" \
      "${keep_cmds[$i]}" "${rss[$i]}" "${cpu[$i]}" "$(IFS=:; echo "${jsons[*]}")" >> "$manifest"
  done
done

# --- report ---------------------------------------------------------------------
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); nproc: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  if rev=$(git -C "$root" rev-parse --short HEAD 2> /dev/null); then
    git -C "$root" diff --quiet HEAD 2> /dev/null || rev+=" with uncommitted changes"
  else
    rev="unknown commit"
  fi
  echo "ouvert: $rev;" \
    "xsv $( ((have_xsv)) && "$xsv" --version || echo 'absent'); $(hyperfine --version)"
} > "$work/header"

python3 - "$manifest" "$work/header" "$rounds" "${notes[@]+"${notes[@]}"}" << 'EOF'
import json, statistics, sys

manifest, header, rounds, notes = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
rows = []
for line in open(manifest, encoding="utf-8"):
    base, size, tool, cmd, kb, cpu, jsons = line.rstrip("\n").split("\t")
    times = []
    for path in jsons.split(":"):
        for res in json.load(open(path))["results"]:
            if res["command"] == tool:
                times += res["times"]
    mean = statistics.mean(times)
    sd = statistics.stdev(times) if len(times) > 1 else 0.0
    size = int(size)
    rows.append(dict(base=base, size=size, tool=tool, cmd=cmd, mean=mean, sd=sd,
                     n=len(times), mbs=size / 1e6 / mean, rss=int(kb) * 1024 / 1e6,
                     cpu=cpu))

xsv = {r["base"]: r["mbs"] for r in rows if r["tool"] == "xsv stats"}
print(open(header).read().strip().replace("\n", "  \n"))
print()
print("| file | size (MB) | tool | mean (s) | MB/s | peak RSS (MB) | CPU | × xsv |")
print("|---|---:|---|---:|---:|---:|---:|---:|")
for r in rows:
    ratio = "—" if r["tool"] == "xsv stats" or r["base"] not in xsv else f"{r['mbs'] / xsv[r['base']]:.2f}"
    print(f"| {r['base']} | {r['size'] / 1e6:.0f} | {r['tool']} | {r['mean']:.3f} ± {r['sd']:.3f} "
          f"| {r['mbs']:.1f} | {r['rss']:.1f} | {r['cpu']}% | {ratio} |")
print()
print(f"Times: hyperfine, {rounds} interleaved round{'s' if rounds != 1 else ''} (one run of each command per round), "
      "page cache warm, output discarded. MB = 10^6 bytes. Peak RSS and CPU: "
      "one separate run under GNU time (`/usr/bin/time -f '%M %P'`).")

targets = []
for r in rows:
    if r["base"] not in xsv or r["tool"] == "xsv stats":
        continue
    ratio = r["mbs"] / xsv[r["base"]]
    need = 2 if "--jobs 1" in r["tool"] else 3
    targets.append(f"- {r['base']}, {r['tool']}: {ratio:.2f}× xsv (target ≥ {need}×): "
                   + ("met" if ratio >= need else "NOT met"))
for r in rows:
    if r["tool"].startswith("ouvert") and r["base"].endswith("-1G"):
        targets.append(f"- {r['base']}, {r['tool']}: peak RSS {r['rss']:.1f} MB (target ≤ 64 MB): "
                       + ("met" if r["rss"] <= 64 else "NOT met"))
if targets:
    print()
    print("Targets:")
    print("\n".join(targets))
if notes:
    print()
    print("Notes:")
    for n in notes:
        print(f"- {n}")
print()
print("Commands:")
print()
print("```")
print("# per file, after `cat FILE > /dev/null`: peak RSS, one run per command")
print("/usr/bin/time -f '%M %P' -o TIME CMD > /dev/null")
print(f"# then {rounds} round{'s' if rounds != 1 else ''} of (warm-up 1 in the first round for 100M files only)")
print("hyperfine -N --style none --output null --warmup W --runs 1 --export-json ROUND.json -n NAME CMD ...")
print("# where CMD is each of")
seen = set()
for r in rows:
    if r["cmd"] not in seen:
        seen.add(r["cmd"])
        print(r["cmd"])
print("```")
EOF
if ((!have_ouvert)); then
  echo
  echo "ouvert was not measured: $ouvert_note."
fi

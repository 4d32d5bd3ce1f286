#!/usr/bin/env bash
# Throughput and peak memory of `ouvert validate` beside `frictionless validate`.
#
# Usage: benches/validate.sh
#
# Data: a 100 MB CSV file with 10 fields and its Table Schema with constraints
# on most fields (validate-100M.csv, validate-schema.json, and the counts of
# the errors planted in it, validate-100M.errors.json), made once by
# benches/gen-validate-data.py (deterministic) in the data folder.
# Commands, each a full validation of the file against the schema:
#   frictionless validate --json --limit-errors 1000000000 FILE --schema SCHEMA
#   ouvert validate FILE --schema SCHEMA --format json --jobs 1   (one thread)
#   ouvert validate FILE --schema SCHEMA --format json            (all cores)
# (--limit-errors: frictionless stops at 1,000 errors by default, which would
# let it skip the end of a file with more; this one has about 750.)
# Both tools exit 1 on an invalid file, as this one is: exit 1 counts as a
# run, 2 or more as a failure. The page cache is warmed, each command runs
# once under GNU time for peak RSS (frictionless' run also gives the error
# types it finds), then hyperfine times interleaved rounds, one run of each
# command per round. It prints a Markdown table (stdout) with MB/s, peak RSS
# and the ratio to frictionless; progress goes to stderr.
#
# frictionless reads about 1.5-2 MB/s, so a round takes about a minute; it is
# timed in the first round only by default. With OUVERT_FRICTIONLESS_PREFIX_MB
# set, frictionless is timed on the first N MB of the same file instead and
# its time on the whole file is EXTRAPOLATED from that throughput; the table
# then says so on every line that depends on it. Use 10 MB or more: the
# ~1.3 s that frictionless takes to start weighs on a small prefix and makes
# the extrapolated time too long (2 MB: 0.8 MB/s instead of 1.8).
#
# Needs: cargo, python3, hyperfine (apt-get install hyperfine), GNU time
# (/usr/bin/time, apt-get install time), frictionless (pip install frictionless,
# in a venv: see tests/fixtures/validation/regenerate.py).
# Environment:
#   OUVERT_BENCH_DATA     data folder (default $HOME/.cache/ouvert-bench)
#   OUVERT_BENCH_RUNS     timed rounds of ouvert (default 3)
#   OUVERT_FRICTIONLESS_RUNS  rounds that also time frictionless (default 1)
#   OUVERT_FRICTIONLESS_PREFIX_MB  time frictionless on a prefix and extrapolate
#   FRICTIONLESS          frictionless binary (default: on PATH, else
#                         ~/.cache/ouvert-tools/frictionless-venv/bin/frictionless)
set -euo pipefail

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: benches/validate.sh (no arguments; see --help)" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data=${OUVERT_BENCH_DATA:-$HOME/.cache/ouvert-bench}
gen="$root/benches/gen-validate-data.py"
rounds=${OUVERT_BENCH_RUNS:-3}
fl_rounds=${OUVERT_FRICTIONLESS_RUNS:-1}
prefix_mb=${OUVERT_FRICTIONLESS_PREFIX_MB:-}
gnu_time=/usr/bin/time
ouvert="$root/target/release/ouvert"
fl=${FRICTIONLESS:-$(command -v frictionless || echo "$HOME/.cache/ouvert-tools/frictionless-venv/bin/frictionless")}

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

command -v hyperfine > /dev/null || die "hyperfine not found (apt-get install hyperfine)"
command -v python3 > /dev/null || die "python3 not found"
"$gnu_time" -f '%M' true 2> /dev/null || die "GNU time not found at $gnu_time (apt-get install time)"
((fl_rounds <= rounds)) || rounds=$fl_rounds

# --- peers -----------------------------------------------------------------
have_fl=1
if ! fl_version=$("$fl" --version 2> /dev/null); then
  have_fl=0
  log "note: frictionless not found ($fl); install it with 'pip install frictionless' (or set FRICTIONLESS). Reporting ouvert only."
fi

have_ouvert=1
ouvert_note=
log "building ouvert (release)..."
if ! (cd "$root" && cargo build --release --quiet); then
  have_ouvert=0
  ouvert_note="the release build of ouvert failed (see cargo's output above)"
elif ! "$ouvert" validate --help > /dev/null 2>&1; then
  have_ouvert=0
  ouvert_note="\`$ouvert validate --help\` failed: this build has no \`validate\` subcommand yet"
fi
if ((!have_ouvert)); then
  log "note: not measuring ouvert: $ouvert_note. Reporting frictionless only."
fi
((have_fl || have_ouvert)) || die "neither frictionless nor ouvert validate can be run"

# --- data --------------------------------------------------------------------
mkdir -p "$data"
file="$data/validate-100M.csv"
schema="$data/validate-schema.json"
planted="$data/validate-100M.errors.json"
if [[ ! -f $file || ! -f $schema || ! -f $planted ]]; then
  log "generating $file and $schema..."
  tmp=$(mktemp -d "$data/.gen.XXXXXX")
  start=$SECONDS
  python3 "$gen" "$tmp/validate-100M.csv" --schema "$tmp/validate-schema.json" --size 100M ||
    { rm -rf "$tmp"; die "gen-validate-data.py failed"; }
  mv -f "$tmp"/* "$data"/
  rmdir "$tmp"
  log "  done in $((SECONDS - start)) s"
fi
bytes=$(stat -c %s "$file")

fl_file=$file
if [[ -n $prefix_mb ]] && ((have_fl)); then
  fl_file="$data/validate-100M.prefix-${prefix_mb}M.csv"
  if [[ ! -f $fl_file ]]; then
    log "cutting the first $prefix_mb MB of $file (whole lines) into $fl_file..."
    head -c "$((prefix_mb * 1000000))" "$file" | sed '$d' > "$fl_file.tmp"
    mv -f "$fl_file.tmp" "$fl_file"
  fi
fi
fl_bytes=$(stat -c %s "$fl_file")

# --- measurements -------------------------------------------------------------
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
manifest="$work/manifest.tsv" # tool, command, bytes measured, rss KB, cpu %, status
: > "$manifest"
notes=()

q() { printf '%q' "$1"; }

# Commands run from the data folder with relative file names: frictionless
# refuses absolute paths as unsafe (a resource-error) unless --trusted.
cd "$data"
rel_file=$(basename "$file")
rel_fl_file=$(basename "$fl_file")
rel_schema=$(basename "$schema")
names=()
cmds=()
sizes=()
if ((have_fl)); then
  names+=("frictionless validate")
  cmds+=("$(q "$fl") validate --json --limit-errors 1000000000 $(q "$rel_fl_file") --schema $(q "$rel_schema")")
  sizes+=("$fl_bytes")
fi
if ((have_ouvert)); then
  names+=("ouvert validate --jobs 1" "ouvert validate (all cores)")
  cmds+=("$(q "$ouvert") validate $(q "$rel_file") --schema $(q "$rel_schema") --format json --jobs 1"
    "$(q "$ouvert") validate $(q "$rel_file") --schema $(q "$rel_schema") --format json")
  sizes+=("$bytes" "$bytes")
fi

log "== $(basename "$file") ($((bytes / 1000000)) MB): warming the page cache"
cat "$file" > /dev/null
[[ $fl_file == "$file" ]] || cat "$fl_file" > /dev/null

# Peak RSS (and CPU use), one run each; it also checks that the command works
# (exit 0 or 1) and keeps frictionless' report for its error types.
keep=()
for i in "${!cmds[@]}"; do
  log "   peak RSS: ${names[$i]}"
  set +e
  eval "$(q "$gnu_time") -f '%M %P' -o $(q "$work/time") ${cmds[$i]}" > "$work/out-$i.json" 2> "$work/err"
  status=$?
  set -e
  # frictionless also exits 1 when it cannot read the file at all: that is no run.
  if [[ ${names[$i]} == frictionless* ]] && ((status <= 1)) &&
    ! python3 -c '
import json, sys
rep = json.load(open(sys.argv[1]))
bad = {"resource-error", "source-error", "scheme-error", "format-error", "encoding-error", "schema-error"}
errs = rep.get("errors", []) + [e for t in rep.get("tasks", []) for e in t.get("errors", [])]
sys.exit(1 if not rep.get("tasks") or any(e["type"] in bad for e in errs) else 0)
' "$work/out-$i.json" 2> /dev/null; then
    printf 'frictionless did not validate the file: %s\n' \
      "$(head -c 300 "$work/out-$i.json")" > "$work/err"
    status=3
  fi
  if ((status <= 1)); then
    read -r kb pct < <(tail -n 1 "$work/time")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${names[$i]}" "${cmds[$i]}" "${sizes[$i]}" "$kb" "${pct%\%}" \
      "$status" >> "$manifest"
    keep+=("$i")
  else
    log "   failed (exit $status), dropped: ${cmds[$i]}"
    tail -n 5 "$work/err" | sed 's/^/     /' >&2
    notes+=("\`${cmds[$i]}\` failed (exit $status): $(grep -v '^Command exited' "$work/err" | tail -n 1)")
  fi
done
((${#keep[@]})) || die "no command could be run"

# Times: interleaved rounds, one run of each command per round; frictionless
# only in the first OUVERT_FRICTIONLESS_RUNS rounds.
jsons=()
for ((r = 1; r <= rounds; r++)); do
  hf_args=()
  for i in "${keep[@]}"; do
    if [[ ${names[$i]} == frictionless* ]] && ((r > fl_rounds)); then continue; fi
    hf_args+=(-n "${names[$i]}" "${cmds[$i]}")
  done
  ((${#hf_args[@]})) || break
  log "   round $r/$rounds"
  json="$work/round-$r.json"
  hyperfine -N -i --style none --output null --warmup 0 --runs 1 \
    --export-json "$json" "${hf_args[@]}" > /dev/null 2> "$work/hf.err" ||
    { tail -n 5 "$work/hf.err" >&2; die "hyperfine failed"; }
  jsons+=("$json")
done

# --- report ---------------------------------------------------------------------
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); nproc: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  if rev=$(git -C "$root" rev-parse --short HEAD 2> /dev/null); then
    git -C "$root" diff --quiet HEAD 2> /dev/null || rev+=" with uncommitted changes"
  else
    rev="unknown commit"
  fi
  echo "ouvert: $rev; $( ((have_fl)) && echo "$fl_version" || echo 'frictionless absent'); $(hyperfine --version)"
} > "$work/header"

# Reports of the peak-RSS runs, for the error types each tool found.
outs=()
for i in "${keep[@]}"; do outs+=("${names[$i]}=$work/out-$i.json"); done

python3 - "$manifest" "$work/header" "$bytes" "$planted" "$(IFS=:; echo "${jsons[*]}")" \
  "$(IFS=$'\t'; echo "${outs[*]}")" "${notes[@]+"${notes[@]}"}" << 'EOF'
import collections, json, statistics, sys

manifest, header, full, planted, jsons, outs = sys.argv[1:7]
notes = sys.argv[7:]
outs = dict(o.split("=", 1) for o in outs.split("\t") if o)
full = int(full)
times = collections.defaultdict(list)
for path in jsons.split(":"):
    for res in json.load(open(path))["results"]:
        times[res["command"]] += res["times"]

rows = []
for line in open(manifest, encoding="utf-8"):
    tool, cmd, size, kb, cpu, status = line.rstrip("\n").split("\t")
    size = int(size)
    t = times.get(tool) or []
    if not t:
        continue
    mean = statistics.mean(t)
    sd = statistics.stdev(t) if len(t) > 1 else 0.0
    rows.append(dict(tool=tool, cmd=cmd, size=size, mean=mean, sd=sd, n=len(t), mbs=size / 1e6 / mean,
                     rss=int(kb) * 1024 / 1e6, cpu=cpu, status=status,
                     extrapolated=size != full))

fl = next((r for r in rows if r["tool"].startswith("frictionless")), None)
print(open(header).read().strip().replace("\n", "  \n"))
print()
print(f"File: validate-100M.csv, {full / 1e6:.1f} MB, 10 fields; schema validate-schema.json.")
print()
print("| tool | measured on | runs | mean (s) | time for 100 MB (s) | MB/s | peak RSS (MB) | CPU | exit | × frictionless |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    on = "whole file" if not r["extrapolated"] else f"first {r['size'] / 1e6:.1f} MB"
    whole = full / 1e6 / r["mbs"]
    whole_s = f"{whole:.3f}" if not r["extrapolated"] else f"{whole:.1f} (extrapolated)"
    ratio = "—"
    if fl is not None and r is not fl:
        ratio = f"{r['mbs'] / fl['mbs']:.1f}" + (" (vs extrapolated)" if fl["extrapolated"] else "")
    print(f"| {r['tool']} | {on} | {r['n']} | {r['mean']:.3f} ± {r['sd']:.3f} | {whole_s} "
          f"| {r['mbs']:.2f} | {r['rss']:.1f} | {r['cpu']}% | {r['status']} | {ratio} |")
print()
print("Times: hyperfine, interleaved rounds (one run of each command per round; frictionless in the "
      "first round(s) only), page cache warm, output discarded. MB = 10^6 bytes. Peak RSS and CPU: "
      "one separate run under GNU time (`/usr/bin/time -f '%M %P'`).")
if fl is not None and fl["extrapolated"]:
    print()
    print(f"**frictionless was timed on the first {fl['size'] / 1e6:.1f} MB of the file only; its time "
          "for the whole file and every ratio above are extrapolated from that throughput** "
          "(its peak RSS is that of the prefix run too).")

targets = []
if fl is not None:
    for r in rows:
        if r["tool"].startswith("ouvert"):
            ratio = r["mbs"] / fl["mbs"]
            targets.append(f"- {r['tool']}: {ratio:.1f}× frictionless (target ≥ 50×): "
                           + ("met" if ratio >= 50 else "NOT met")
                           + (" (frictionless extrapolated)" if fl["extrapolated"] else ""))
if targets:
    print()
    print("Targets:")
    print("\n".join(targets))

print()
plant = json.load(open(planted))
print(f"Planted errors ({plant['rows']} rows, seed {plant['seed']}): "
      + ", ".join(f"{k} {v}" for k, v in plant["errors"].items()) + ".")


def ouvert_counts(node):
    """Error counts in ouvert's JSON report, whatever its exact layout: an
    `error_counts` object if there is one, else the `type` of the items of
    `errors` lists."""
    if isinstance(node, dict):
        if isinstance(node.get("error_counts"), dict):
            return collections.Counter(node["error_counts"])
        found = collections.Counter()
        for key, value in node.items():
            if key == "errors" and isinstance(value, list):
                found.update(e["type"] for e in value if isinstance(e, dict) and "type" in e)
            else:
                found.update(ouvert_counts(value))
        return found
    if isinstance(node, list):
        found = collections.Counter()
        for value in node:
            found.update(ouvert_counts(value))
        return found
    return collections.Counter()


def show(counts):
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "no error"


for tool, path in outs.items():
    try:
        rep = json.load(open(path))
    except (OSError, ValueError) as exc:
        print(f"{tool}: its report could not be read as JSON ({exc}).")
        continue
    if tool.startswith("frictionless"):
        errs = [e for t in rep.get("tasks", []) for e in t.get("errors", [])] + rep.get("errors", [])
        found = collections.Counter(e["type"] for e in errs)
        stats = (rep.get("tasks") or [{}])[0].get("stats", {})
        print(f"{tool} found: {show(found)} (rows read: {stats.get('rows', '?')}"
              + (f", on the {fl['size'] / 1e6:.1f} MB prefix" if fl is not None and fl["extrapolated"] else "")
              + ").")
    else:
        found = ouvert_counts(rep)
        same = " (the planted errors exactly)" if dict(found) == plant["errors"] else ""
        print(f"{tool} found: {show(found)}{same}.")
if notes:
    print()
    print("Notes:")
    for n in notes:
        print(f"- {n}")
print()
print("Commands:")
print()
print("```")
print("# after `cat FILE > /dev/null`: peak RSS, one run per command")
print("/usr/bin/time -f '%M %P' -o TIME CMD > OUT")
print("# then rounds of")
print("hyperfine -N -i --style none --output null --warmup 0 --runs 1 --export-json ROUND.json -n NAME CMD ...")
print("# where CMD is each of")
for r in rows:
    print(r["cmd"])
print("```")
EOF
if ((!have_ouvert)); then
  echo
  echo "ouvert was not measured: $ouvert_note."
fi

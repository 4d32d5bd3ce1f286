#!/usr/bin/env bash
# Memory and time of building a portal whose one dataset is a very large
# CSV as office software writes it (Windows-1252, `;`, decimal commas):
# `benches/large-files.sh [GB]` (default 5). Prints the peak resident
# memory and the wall time of a cold build (no cache) and of a warm one;
# the figures go in BENCHMARKS.md. Needs about 5 times the file's size on
# disk (the file, its published copy, its normalised CSV and JSON copies).
set -euo pipefail
cd "$(dirname "$0")/.."
gb=${1:-5}
root=${OUVERT_BENCH_DIR:-$HOME/.cache/ouvert-bench}/large-$gb
portal=$root/portal
cargo build --release --locked --quiet
mkdir -p "$portal/datasets/gros"
cat > "$portal/ouvert.toml" <<'TOML'
title = "Gros fichier"
licence = "etalab-2.0"
contact = "donnees@test.example"

[authority]
name = "Commune de Test"
kind = "commune"
TOML
printf -- '---\ntitle: Mandats\nresources:\n  - path: mandats.csv\n---\n\nUn très gros fichier.\n' \
  > "$portal/datasets/gros/index.md"
csv=$portal/datasets/gros/mandats.csv
if [[ ! -f $csv || $(stat -c %s "$csv") -lt $((gb * 1000000000)) ]]; then
  python3 - "$csv" "$gb" <<'PY'
import sys
path, gb = sys.argv[1], int(sys.argv[2])
rows = []
for i in range(100_000):
    rows.append(f"{i};2024-{1 + i % 12:02d}-{1 + i % 28:02d};Fournisseur n°{i % 997} – équipement;{i * 37 % 100000},{i % 100:02d};{'investissement' if i % 3 else 'fonctionnement'}\n")
block = "".join(rows).encode("cp1252")
with open(path, "wb") as f:
    f.write("numero;date;objet;montant;section\n".encode("cp1252"))
    written = 0
    while written < gb * 1_000_000_000:
        f.write(block)
        written += len(block)
PY
fi
ls -l "$csv"
rm -rf "$portal/.ouvert-cache" "$root/site"
for run in cold warm; do
  /usr/bin/time -v target/release/ouvert build "$portal" --out "$root/site" 2> "$root/$run.txt" > /dev/null || {
    cat "$root/$run.txt"; exit 1; }
  echo "$run: $(grep -E 'Maximum resident' "$root/$run.txt" | sed 's/.*: //') KB peak, $(grep -E 'Elapsed' "$root/$run.txt" | sed 's/.*: //') wall"
done

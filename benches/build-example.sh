#!/usr/bin/env bash
# Times a release build of the example portal with hyperfine.
# Usage: benches/build-example.sh   (installs nothing; needs hyperfine:
#        apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 3 --runs 30 --export-markdown "$out/result.md" \
  "./target/release/ouvert build example-portal --out $out/site"
cat "$out/result.md"

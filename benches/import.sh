#!/usr/bin/env bash
# Whole-process timing of `wengao import` (issue 9 target: seed 000 under 50 ms), with hyperfine:
# the text seed, and the same report as a LibreOffice-made DOCX and as a government web page.
# Each run writes into a folder emptied before it (`--prepare`), so every run imports afresh.
# Usage: benches/import.sh   (from anywhere; builds wengao in release mode). Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || { echo "import bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
. benches/release-bin.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for input in tests/import/seeds/000.txt tests/import/docx/000.lo.docx tests/import/other/003.gov.html; do
  "$bin" import "$input" -o "$work/check" --force 2>/dev/null || { echo "import bench: $input does not import" >&2; exit 1; }
done

hyperfine -N --warmup 5 --runs 50 \
  --prepare "rm -rf $work/out" \
  --export-markdown "$work/import.md" \
  -n "seed 000 (.txt)" "$bin import tests/import/seeds/000.txt -o $work/out" \
  -n "seed 000 (.docx)" "$bin import tests/import/docx/000.lo.docx -o $work/out" \
  -n "seed 003 (.html)" "$bin import tests/import/other/003.gov.html -o $work/out" >&2
cat "$work/import.md"
/usr/bin/time -f "peak memory, seed 000 (.txt): %M KB" "$bin" import tests/import/seeds/000.txt -o "$work/mem" 2>&1 >/dev/null | tail -1

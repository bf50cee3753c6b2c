#!/usr/bin/env bash
# Batch render: N copies (default 1,000) of the 三门 2020 sample with its narrative template,
# `wengao render DIR/*.yaml --to all` (3 formats each), whole process. Prints wall time, CPU time
# (user + sys), CPU use (CPU ÷ wall: 1.0 = one core busy) and peak RSS, for each binary given,
# and, with several copy counts, how peak memory changes with the size of the batch.
#
# Usage: benches/batch.sh [N] [BIN...]
#   N     copies (default 1000)
#   BIN   wengao binaries to compare, e.g. an older build first (default: this checkout's
#         release build, built here)
# Target (issue 14): 1,000 × 3 formats in under 10 s on 2 cores, memory not growing with N.
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-1000}
shift || true
if [ $# -eq 0 ]; then
  . benches/release-bin.sh
  set -- "$bin"
fi
[ -x /usr/bin/time ] || { echo "batch: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# N inputs, each with its own copy of the narrative template (as real bureaus would have).
make_inputs() {
  local count=$1 dir=$2
  mkdir -p "$dir"
  for i in $(seq -w 1 "$count"); do
    cp data/sanmen-2020.yaml "$dir/sanmen-$i.yaml"
    sed -i "s/^  template: .*/  template: sanmen-$i.md.tera/" "$dir/sanmen-$i.yaml"
    cp data/sanmen-2020.md.tera "$dir/sanmen-$i.md.tera"
  done
}

run() {
  local bin=$1 dir=$2 out=$3
  rm -rf "$out"
  # %e wall s, %U user s, %S sys s, %M peak RSS KB. The pattern is quoted: wengao expands it
  # (an argument list of N paths would also do; quoting keeps the command the same for any N).
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" render "$dir/*.yaml" --to all -o "$out" -q \
    >/dev/null 2>"$work/stderr" || true
  if ! [ -s "$out/sanmen-$(printf "%0${#n}d" 1).docx" ]; then
    # Older builds do not expand quoted patterns: give them the list.
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" render "$dir"/*.yaml --to all -o "$out" \
      >/dev/null 2>"$work/stderr" || true
  fi
  local files
  files=$(find "$out" -type f | wc -l)
  read -r wall user sys rss <"$work/time"
  awk -v b="$bin" -v n="$4" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v f="$files" 'BEGIN {
    printf "%-40s %6d files → %5d outputs  wall %6.2f s  CPU %6.2f s  (%.2f cores)  peak RSS %6.1f MB\n",
      b, n, f, w, u + s, (u + s) / (w > 0 ? w : 1), r / 1024 }'
}

make_inputs "$n" "$work/in"
for bin in "$@"; do
  run "$bin" "$work/in" "$work/out" "$n"
done

# Memory against batch size (last binary): N/10 and N copies.
small=$((n / 10))
if [ "$small" -ge 1 ]; then
  make_inputs "$small" "$work/small"
  last=${*: -1}
  echo "memory against batch size ($last):"
  run "$last" "$work/small" "$work/out-small" "$small"
  run "$last" "$work/in" "$work/out" "$n"
fi

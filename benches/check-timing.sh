#!/usr/bin/env bash
# Whole-process timing of `wengao check` (issue 14): the generated file of 10,000 figures and
# 2,000 relations with its 1 MB catalogue (target < 50 ms), and the 三门 2020 sample (≤ 4 ms).
# Prints, per case: median and minimum wall time (hyperfine -N), mean CPU (user + sys), peak RSS,
# and, when valgrind is installed, the instructions executed (independent of the machine's load:
# compare those when other jobs share the cores).
#
# Usage: benches/check-timing.sh                 # the release build of this checkout
#        OLD=/path/to/older/wengao benches/check-timing.sh   # the same cases for another binary too
# The generated files come from the criterion bench's generator (`benches/check.rs`).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || { echo "check-timing: needs hyperfine" >&2; exit 1; }
. benches/release-bin.sh
if [ ! -s target/check-bench/big.yaml ] || [ ! -s target/check-bench/big-catalogue.yaml ]; then
  cargo bench --quiet --bench check -- --test >/dev/null
fi
runs=${RUNS:-40}
big="check target/check-bench/big.yaml --catalogue target/check-bench/big-catalogue.yaml"
sample="check data/sanmen-2020.yaml"

measure() { # binary label
  local bin=$1 label=$2 json
  for case in big sample; do
    local args=${!case}
    json=$(mktemp)
    hyperfine -N -w 5 -r "$runs" --export-json "$json" "$bin $args" >/dev/null 2>&1 || true
    python3 - "$json" "$label" "$case" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
cpu = r["user"] + r["system"]
print(f'{sys.argv[2]:>8} {sys.argv[3]:>6}: median {r["median"]*1000:7.1f} ms  min {r["min"]*1000:7.1f} ms  cpu {cpu*1000:7.1f} ms')
PY
    rm -f "$json"
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f "                peak RSS %M KB" "$bin" $args 2>&1 >/dev/null | tail -1
    fi
    if command -v valgrind >/dev/null; then
      valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" $args 2>&1 >/dev/null \
        | awk '/Collected/ { printf "                instructions %s\n", $4 }'
    fi
  done
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
measure "$bin" this
if [ -n "${OLD:-}" ]; then measure "$OLD" old; fi

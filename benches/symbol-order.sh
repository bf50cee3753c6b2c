#!/usr/bin/env bash
# Regenerates benches/symbol-order.txt: the functions a few typical runs execute (the samples'
# render to all formats and check, an annual, a half-year and a disclosure report), as mangled
# symbol names. build.rs hands the file to the linker (lld's --symbol-ordering-file) so that
# these functions sit together in the executable: a one-file run then maps 2 MB of code instead
# of 4.7 MB and takes ~40 fewer page faults (issue 14). Names that no longer exist are skipped
# by the linker, so a stale file only loses some of the gain; rerun this after large changes.
# Usage: benches/symbol-order.sh   (needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "symbol-order: needs valgrind" >&2; exit 1; }
. benches/release-bin.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
i=0
while read -r args; do
  i=$((i + 1))
  # shellcheck disable=SC2086
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/run.$i" \
    "$bin" $args -o "$work/out" >/dev/null 2>&1 || true
done <<'RUNS'
render data/sanmen-2020.yaml --to all
render data/yunxi-2020-disclosure.yaml --to all
render data/shi-2025-H1.yaml --to all
check data/sanmen-2020.yaml
check data/xian-2025-H1.yaml
check data/sample-2021-disclosure.yaml data/yunxi-2020-summary.yaml
RUNS
python3 - "$bin" "$work" benches/symbol-order.txt <<'PY'
import glob, re, sys
binary, work, out = sys.argv[1:4]
names = {}
for path in sorted(glob.glob(f"{work}/run.*")):
    objects, functions, current = {}, {}, None
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        m = re.match(r"^(c?ob)=\((\d+)\)(?: (.*))?$", line)
        if m:
            kind, i, name = m.groups()
            if name:
                objects[i] = name
            if kind == "ob":
                current = objects.get(i)
            continue
        m = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?$", line)
        if m:
            kind, i, name = m.groups()
            if name:
                functions[i] = name
            if kind == "fn" and current == binary and functions.get(i):
                names.setdefault(functions[i], None)
if len(names) < 100:
    sys.exit(f"symbol-order: only {len(names)} functions recorded; is valgrind working?")
open(out, "w").write("".join(f"{n}\n" for n in names))
print(f"symbol-order: {len(names)} functions written to {out}")
PY

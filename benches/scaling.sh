#!/usr/bin/env bash
# Scaling: whole-process `wengao render FILE --to md|html|docx` of one report 1×, 10× and 100× the
# size of the 三门 2020 sample (`data/sanmen-2020.yaml` + `data/sanmen-2020.md.tera`). Prints, per size
# and format, the median wall time, mean CPU time (user + sys), peak RSS, and the ratios
# time(10×)/time(1×) and time(100×)/time(10×) for wall and CPU.
# Target (issue 14): time grows at most linearly: 10× input ≤ 11× time.
#
# CPU TIME IS THE FIGURE TO TRUST: the machine has 2 cores shared with other engineers compiling, so
# wall times (and their ratios) carry the load of others; CPU time (user + sys) of the process does not.
#
# Copy i ≥ 2 of the report: every figure `k` of the sample becomes `k_c<i>` with the same value (and
# the same `previous:` value), declared in the file's inline `catalogue:` with the name of `k` in the
# built-in catalogue + "（第i份）" and the same unit, kind, decimals, min, max; the narrative's figure
# blocks (`summary_sections`, `plan_sections`) are repeated with `key="k"` → `key="k_c<i>"`.
# Relations of the built-in catalogue apply to copy 1 only (the copies' keys are not in any relation).
#
# Usage: benches/scaling.sh [RUNS]   (RUNS: hyperfine runs for 1× and 10×, default 20; 100× uses
#        max(RUNS/2, 10)). Builds wengao in release mode once.
#        CALLGRIND=1 benches/scaling.sh   also counts instructions (valgrind --tool=callgrind, about a
#        minute): a measure the load of others does not touch at all.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || { echo "scaling: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "scaling: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
runs=${1:-20}
big_runs=$((runs / 2 > 10 ? runs / 2 : 10))

# WENGAO=/path/to/wengao measures another build (an older one, for before/after).
if [ -n "${WENGAO:-}" ]; then bin=$WENGAO; else . benches/release-bin.sh; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ── Generate the three reports: $work/x<N>/sanmen-x<N>.yaml + sanmen-x<N>.md.tera
python3 - "$work" data/sanmen-2020.yaml data/sanmen-2020.md.tera src/catalogue/builtin_data.rs <<'PY'
import json, re, sys

work, yaml_path, tera_path, catalogue_path = sys.argv[1:5]
yaml_lines = open(yaml_path, encoding="utf-8").read().splitlines()
tera = open(tera_path, encoding="utf-8").read()
# The built-in figures from the compiled catalogue (one `Row { key: …, name: …, … }` a line;
# a bound is `Decimal::from_parts(lo, mid, hi, negative, scale)`).
row = re.compile(r'^Row \{ key: "([^"]+)", name: "([^"]+)", unit: "([^"]+)", kind: (\w+), '
                 r'decimals: (?:Some\((\d+)\)|None), min: (.*?), max: (.*?), aliases:')
def bound(text):
    m = re.fullmatch(r"Some\(Decimal::from_parts\((\d+), (\d+), (\d+), (true|false), (\d+)\)\)", text)
    if not m:
        return None
    lo, mid, hi, negative, scale = int(m[1]), int(m[2]), int(m[3]), m[4] == "true", int(m[5])
    digits = str((hi << 64) | (mid << 32) | lo).rjust(scale + 1, "0")
    text = digits[:len(digits) - scale] + ("." + digits[len(digits) - scale:] if scale else "")
    return ("-" if negative else "") + text
builtin = {}
for line in open(catalogue_path, encoding="utf-8"):
    m = row.match(line)
    if m:
        builtin[m[1]] = {"name": m[2], "unit": m[3], "kind": m[4],
                         "decimals": m[5] if m[5] is not None else "null",
                         "min": bound(m[6]), "max": bound(m[7])}
if not builtin:
    sys.exit(f"scaling: no figures read from {catalogue_path}")

# Top-level sections of the indicator file (plain text: the sample is block YAML, two-space indent).
def section(name):
    """(start, end) line indexes of the body of top-level `name:`."""
    start = next(i for i, l in enumerate(yaml_lines) if l == name + ":") + 1
    end = next((i for i in range(start, len(yaml_lines))
                if yaml_lines[i] and not yaml_lines[i].startswith((" ", "#"))), len(yaml_lines))
    return start, end

entry = re.compile(r"^  ([a-z0-9_]+): *([^#\s]*)")
def entries(name):
    if not any(l == name + ":" for l in yaml_lines):
        return []
    start, end = section(name)
    return [entry.match(l).groups() for l in yaml_lines[start:end] if entry.match(l)]

figures, previous = entries("figures"), entries("previous")
missing = [k for k, _ in figures if k not in builtin]
if missing:
    sys.exit(f"scaling: figures not in the built-in catalogue: {missing}")
assert not any(l == "catalogue:" for l in yaml_lines), "the sample already has an inline catalogue"

# The narrative's blocks that hold figure text.
blocks = ["summary_sections", "plan_sections"]
block_re = {b: re.compile(r"(\{% block " + b + r" %\})(.*?)(\{% endblock " + b + r" %\})", re.S) for b in blocks}
for b in blocks:
    assert block_re[b].search(tera), f"no block {b} in {tera_path}"
key_re = re.compile(r'key="([a-z0-9_]+)"')

def q(s):  # a YAML double-quoted scalar (JSON strings are YAML)
    return json.dumps(s, ensure_ascii=False)

def declaration(key, i):
    f = builtin[key]
    parts = [f"key: {key}_c{i}", f"name: {q(f['name'] + f'（第{i}份）')}", f"unit: {q(f['unit'])}",
             f"kind: {f['kind'].lower()}", f"decimals: {f['decimals']}"]
    for bound in ("min", "max"):
        if f.get(bound) is not None:
            parts.append(f"{bound}: {f[bound]}")
    return "    - {" + ", ".join(parts) + "}"

for n in (1, 10, 100):
    name = f"sanmen-x{n}"
    out = []
    fig_end = section("figures")[1]
    prev_end = section("previous")[1] if previous else None
    for idx, line in enumerate(yaml_lines):
        if idx == fig_end:
            out += [f"  {k}_c{i}: {v}" for i in range(2, n + 1) for k, v in figures]
        if idx == prev_end:
            out += [f"  {k}_c{i}: {v}" for i in range(2, n + 1) for k, v in previous]
        out.append(re.sub(r"^  template: \S+", f"  template: {name}.md.tera", line))
    if fig_end == len(yaml_lines):
        out += [f"  {k}_c{i}: {v}" for i in range(2, n + 1) for k, v in figures]
    if prev_end == len(yaml_lines):
        out += [f"  {k}_c{i}: {v}" for i in range(2, n + 1) for k, v in previous]
    if n > 1:
        out.append("")
        out.append("catalogue:")
        out.append("  figures:")
        out += [declaration(k, i) for i in range(2, n + 1) for k, _ in figures]

    # Copy i's text of each block is a file of its own, included where the copy goes: the 100×
    # narrative (2.3 MB in one file) is over the 1 MB a template may have (issue 12's sandbox).
    import os
    os.makedirs(f"{work}/x{n}/parts", exist_ok=True)
    total = 0
    def repeat(m, block):
        global total
        body = m.group(2)
        includes = []
        for i in range(2, n + 1):
            part = f"parts/{block}-c{i}.md.tera"
            text = key_re.sub(lambda k: f'key="{k.group(1)}_c{i}"', body)
            with open(f"{work}/x{n}/{part}", "w", encoding="utf-8") as f:
                f.write(text)
            total += len(text.encode())
            includes.append('{% include "' + part + '" %}')
        return m.group(1) + body + "".join(includes) + m.group(3)
    narrative = tera
    for b in blocks:
        narrative = block_re[b].sub(lambda m: repeat(m, b), narrative)

    with open(f"{work}/x{n}/{name}.yaml", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    with open(f"{work}/x{n}/{name}.md.tera", "w", encoding="utf-8") as f:
        f.write(narrative)
    print(f"x{n}: {len(figures) * n} figures, indicator file {os.path.getsize(f'{work}/x{n}/{name}.yaml')} B, "
          f"narrative {len(narrative.encode()) + total} B", file=sys.stderr)
PY

# ── Every generated report must check and render cleanly; its outputs must scale with it.
sizes=(1 10 100)
for n in "${sizes[@]}"; do
  f=$work/x$n/sanmen-x$n.yaml
  if ! "$bin" check "$f" >"$work/check-$n.txt" 2>&1; then
    echo "scaling: wengao check failed on the ${n}× report:" >&2
    head -40 "$work/check-$n.txt" >&2
    exit 1
  fi
  if ! "$bin" render "$f" --to all -o "$work/out-$n" >"$work/render-$n.txt" 2>&1; then
    echo "scaling: wengao render failed on the ${n}× report:" >&2
    head -40 "$work/render-$n.txt" >&2
    exit 1
  fi
done
echo "output sizes (bytes):"
for ext in md html docx; do
  s1=$(stat -c %s "$work/out-1/sanmen-x1.$ext")
  s10=$(stat -c %s "$work/out-10/sanmen-x10.$ext")
  s100=$(stat -c %s "$work/out-100/sanmen-x100.$ext")
  awk -v e="$ext" -v a="$s1" -v b="$s10" -v c="$s100" 'BEGIN {
    printf "  %-4s 1× %9d   10× %9d (%.1f× of 1×)   100× %9d (%.1f× of 10×)\n", e, a, b, b / a, c, c / b }'
done
# A 10× report must give about 10× the output (md: the text, not compressed).
awk -v a="$(stat -c %s "$work/out-1/sanmen-x1.md")" -v b="$(stat -c %s "$work/out-10/sanmen-x10.md")" \
  'BEGIN { r = b / a; if (r < 7 || r > 11) { printf "scaling: 10× Markdown is %.1f× the 1× one\n", r > "/dev/stderr"; exit 1 } }'

# ── Time: hyperfine -N (no shell), outputs overwritten run after run.
for n in "${sizes[@]}"; do
  r=$runs
  [ "$n" -eq 100 ] && r=$big_runs
  f=$work/x$n/sanmen-x$n.yaml
  hyperfine -N --warmup 3 --runs "$r" --export-json "$work/time-$n.json" \
    --command-name md "$bin render $f --to md -o $work/t-$n" \
    --command-name html "$bin render $f --to html -o $work/t-$n" \
    --command-name docx "$bin render $f --to docx -o $work/t-$n" >&2
  for fmt in md html docx; do  # peak RSS in KB, the largest of 3 runs
    m=0
    for _ in 1 2 3; do
      /usr/bin/time -o "$work/rss" -f %M "$bin" render "$f" --to "$fmt" -o "$work/t-$n" >/dev/null 2>&1
      k=$(tail -1 "$work/rss")
      [ "$k" -gt "$m" ] && m=$k
    done
    echo "$m" >"$work/rss-$n-$fmt"
  done
done

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
sizes = (1, 10, 100)
res = {n: {x["command"]: x for x in json.load(open(f"{work}/time-{n}.json"))["results"]} for n in sizes}
rss = {(n, f): int(open(f"{work}/rss-{n}-{f}").read()) for n in sizes for f in ("md", "html", "docx")}
print("CPU time (user+sys) is the figure to trust: wall time on this shared 2-core machine includes others' load.")
print(f"{'format':6} {'size':>5} {'median wall':>12} {'mean CPU':>10} {'peak RSS':>9} {'runs':>5}")
for f in ("md", "html", "docx"):
    for n in sizes:
        x = res[n][f]
        print(f"{f:6} {str(n) + '×':>5} {x['median'] * 1000:9.1f} ms {(x['user'] + x['system']) * 1000:7.1f} ms "
              f"{rss[(n, f)] / 1024:6.1f} MB {len(x['times']):5d}")
print()
print(f"{'format':6} {'wall 10×/1×':>12} {'wall 100×/10×':>14} {'CPU 10×/1×':>11} {'CPU 100×/10×':>13}   (target ≤ 11×)")
worst = 0
for f in ("md", "html", "docx"):
    w = [res[n][f]["median"] for n in sizes]
    c = [res[n][f]["user"] + res[n][f]["system"] for n in sizes]
    rc = (c[1] / c[0], c[2] / c[1])
    worst = max(worst, *rc)
    print(f"{f:6} {w[1] / w[0]:11.1f}× {w[2] / w[1]:13.1f}× {rc[0]:10.1f}× {rc[1]:12.1f}×")
print(f"\nlargest CPU ratio {worst:.1f}×: " + ("linear or better (≤ 11×)" if worst <= 11 else "SUPERLINEAR (> 11×)"))
PY

if [ "${CALLGRIND:-0}" = 1 ]; then
  command -v valgrind >/dev/null || { echo "scaling: CALLGRIND=1 needs valgrind" >&2; exit 1; }
  echo
  echo "instructions (callgrind, one run each):"
  for fmt in md docx; do
    counts=()
    for n in "${sizes[@]}"; do
      valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$bin" render "$work/x$n/sanmen-x$n.yaml" \
        --to "$fmt" -o "$work/cg-$n" >/dev/null 2>"$work/cg.err"
      counts+=("$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/cg.err")")
    done
    awk -v f="$fmt" -v a="${counts[0]}" -v b="${counts[1]}" -v c="${counts[2]}" 'BEGIN {
      printf "  %-4s 1× %6.1f M   10× %7.1f M (%.1f×)   100× %8.1f M (%.1f×)   per added copy %.1f M / %.1f M\n",
        f, a / 1e6, b / 1e6, b / a, c / 1e6, c / b, (b - a) / 9e6, (c - b) / 90e6 }'
  done
fi

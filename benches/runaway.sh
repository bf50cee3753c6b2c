#!/usr/bin/env bash
# Runaway narrative templates against the render limits (issue 12): for each, the wall time,
# peak RSS and the first diagnostic of `wengao render` (release build). Every one must stop with
# E-TEMPLATE-LIMIT in well under the 2-second render deadline, in small memory, writing nothing.
# Usage: benches/runaway.sh   (from anywhere; builds wengao in release mode)
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/release-bin.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

declare -A cases=(
  [nested-range]='{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}'
  [triple-range]='{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% for k in range(end=100000) %}x{% endfor %}{% endfor %}{% endfor %}'
  [string-doubling]='{% set s = "x" %}{% for i in range(end=64) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}'
  [output-flood]='{% set s = "x" %}{% for i in range(end=23) %}{% set_global s = s ~ s %}{% endfor %}{% for i in range(end=100000) %}{{ s }}{% endfor %}'
  [component-fan-out]='{% component c(n) %}{% if n > 0 %}{{<c n={n - 1}/>}}{{<c n={n - 1}/>}}{{<c n={n - 1}/>}}{% endif %}{% endcomponent c %}{{<c n={19}/>}}'
  [nested-comprehension]='{{ [[x for x in range(end=100000)] for y in range(end=100000)] | length }}'
  [capture-in-loop]='{% for i in range(end=100000) %}{% set t %}{% for j in range(end=100000) %}y{% endfor %}{% endset %}{% endfor %}'
)
printf '%-22s %9s %10s  %s\n' case wall peak-RSS first-diagnostic
for name in "${!cases[@]}"; do
  dir=$work/$name
  mkdir -p "$dir"
  printf 'meta:\n  agency: 某县医疗保障局\n  period: 2020\n  date: 2021-01-07\n  report: annual\n  template: t.md.tera\nfigures:\n  jumin_canbao_renshu: 311881\n' > "$dir/input.yaml"
  printf '{%% extends "annual.md.tera" %%}{%% block opening %%}%s{%% endblock opening %%}\n' "${cases[$name]}" > "$dir/t.md.tera"
  start=$(date +%s.%N)
  /usr/bin/time -o "$dir/rss" -f %M "$bin" render "$dir/input.yaml" --to md -o "$dir/out" 2> "$dir/err" || true
  end=$(date +%s.%N)
  first=$(grep -m1 -o '错误\[[A-Z-]*\]: [^，]*' "$dir/err" || echo "(no error)")
  printf '%-22s %8.3fs %8s KB  %s\n' "$name" "$(echo "$end - $start" | bc)" "$(tail -1 "$dir/rss")" "$first"
  [ ! -e "$dir/out/input.md" ] || echo "  !! $name wrote an output"
done

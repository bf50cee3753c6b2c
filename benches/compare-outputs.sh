#!/usr/bin/env bash
# Runs one wengao binary over a fixed corpus and writes everything it prints and produces into
# OUT: `check` (human and JSON) of every test and sample input, `render --draft` of every sample
# and disclosure input (Markdown, HTML, DOCX), `diff` of two samples, plus a few hand-written
# edge inputs (type errors in cells and meta). Run it with the binary before and after a change
# and `diff -r` the two folders: refactors must leave them identical.
#
#   benches/compare-outputs.sh target/x86_64-unknown-linux-gnu/debug/wengao /tmp/after
#   (builds name the host as their target, .cargo/config.toml: target/<host>/debug/wengao)
set -u
BIN=$(realpath "$1")
OUT=$(realpath -m "$2")
cd "$(dirname "$0")/.."
rm -rf "$OUT" && mkdir -p "$OUT"
EXTRA=target/corpus-extra
RENDERED=target/corpus-rendered # relative, so that the paths printed are the same for every run
rm -rf "$EXTRA" "$RENDERED" && mkdir -p "$EXTRA"
meta='meta: {agency: 某局, period: 2021, date: 2022-01-07, report: disclosure}'
printf '%s\ndisclosure:\n  shenqing:\n    xinshou: {ziranren: true}\n' "$meta" >"$EXTRA/cell-bool.yaml"
printf '%s\ndisclosure:\n  shenqing:\n    xinshou: {ziranren: {a: 1}}\n' "$meta" >"$EXTRA/cell-map.yaml"
printf '%s\ndisclosure:\n  shenqing:\n    xinshou: {ziranren: [1, 2]}\n' "$meta" >"$EXTRA/cell-list.yaml"
printf '%s\ndisclosure:\n  format: [2019]\n  blank: {a: b}\n' "$meta" >"$EXTRA/options-list.yaml"
printf '%s\ndisclosure:\n  format: true\n  blank: ~\n  shenqing: 3\n' "$meta" >"$EXTRA/options-bool.yaml"
printf '%s\ndisclosure: [1, 2]\n' "$meta" >"$EXTRA/disclosure-list.yaml"
printf 'meta: {agency: [a], period: {x: 1}, date: true, report: annual}\nfigures: {a: [1]}\n' >"$EXTRA/meta-types.yaml"
printf 'meta: {agency: 甲, period: 2020, date: 2021-01-07, report: annual}\nfigures: {jumin_canbao_renshu: true, b: {c: 1}}\n' >"$EXTRA/figure-types.yaml"

run() { # name, args...
  local name=$1; shift
  NO_COLOR=1 "$BIN" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
  echo $? >"$OUT/$name.rc"
}
i=0
for f in tests/check/*/*.yaml tests/disclosure/*.yaml tests/render/*.yaml data/*.yaml "$EXTRA"/*.yaml; do
  i=$((i + 1))
  tag=$(echo "$f" | tr '/' '_')
  run "check-$tag" check "$f"
  run "json-$tag" check --format json "$f"
  run "final-$tag" check --final "$f"
done
# Argument sets of the check tests (multi-file, catalogues, directories).
for d in tests/check/*/; do
  [ -f "$d/args" ] || continue
  tag=$(basename "$d")
  # shellcheck disable=SC2046
  (cd "$d" && NO_COLOR=1 "$BIN" check $(cat args) >"$OUT/args-$tag.out" 2>"$OUT/args-$tag.err"; echo $? >"$OUT/args-$tag.rc")
done
for f in data/*.yaml tests/disclosure/*.yaml tests/render/ok.yaml tests/render/bad.yaml "$EXTRA"/*.yaml; do
  tag=$(echo "$f" | tr '/' '_')
  run "render-$tag" render --draft -o "$RENDERED/$tag" "$f"
done
run render-templates render -o "$RENDERED/override" --templates tests/render/override data/sanmen-2020.yaml
run diff-samples diff data/sanmen-2020.yaml data/xian-2025-H1.yaml
run diff-json diff --format json data/sanmen-2020.yaml data/sanmen-2020.yaml
run diff-bad diff data/sanmen-2020.yaml tests/render/bad.yaml
mv "$RENDERED" "$OUT/rendered"
echo "$(find "$OUT" -type f | wc -l) files in $OUT"

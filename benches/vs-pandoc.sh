#!/usr/bin/env bash
# Whole-process timing: `wengao render --to html` of the 三门 2020 sample against pandoc converting
# wengao's own Markdown output of the same sample to HTML. Prints both medians and their ratio.
# Usage: benches/vs-pandoc.sh   (from anywhere; builds wengao in release mode)
set -euo pipefail
cd "$(dirname "$0")/.."

install() {
  echo "vs-pandoc: installing $*" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; fi >/dev/null
}
command -v pandoc >/dev/null || install pandoc
command -v hyperfine >/dev/null || install hyperfine

cargo build --release --quiet
bin=target/release/wengao
sample=data/sanmen-2020.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" render "$sample" --to md -o "$work/md" 2>/dev/null
md="$work/md/sanmen-2020.md"
[ -s "$md" ] || { echo "vs-pandoc: wengao produced no Markdown" >&2; exit 1; }

hyperfine --warmup 5 --min-runs 40 --export-json "$work/times.json" \
  --command-name wengao "$bin render $sample --to html -o $work/w" \
  --command-name pandoc "pandoc --quiet -f commonmark -t html5 -s --metadata title=sanmen $md -o $work/p.html"

python3 - "$work/times.json" <<'PY'
import json, sys
res = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
w, p = res["wengao"], res["pandoc"]
print(f"median wall: wengao {w['median']*1000:.2f} ms, pandoc {p['median']*1000:.2f} ms, "
      f"pandoc/wengao = {p['median']/w['median']:.1f}x")
cw, cp = w["user"] + w["system"], p["user"] + p["system"]
print(f"mean CPU (user+sys): wengao {cw*1000:.2f} ms, pandoc {cp*1000:.2f} ms, pandoc/wengao = {cp/cw:.1f}x"
      " (less sensitive to a loaded machine)")
PY

#!/usr/bin/env bash
# Whole-process timing: `wengao render --to html` and `--to docx` of the 三门 2020 sample against
# pandoc converting wengao's own Markdown output of the same sample to HTML and DOCX. Prints the
# medians (wall), mean CPU (user+sys), their ratios, and the peak RSS of every command.
# Wall times on a shared machine are noisy: compare CPU too, and run it when the machine is idle;
# the last block times both tools interleaved run by run, which a load change cannot favour.
# Usage: benches/vs-pandoc.sh   (from anywhere; builds wengao in release mode)
# Targets (issues 3 and 4): pandoc/wengao ≥ 10× for both; wengao DOCX under 30 MB peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."

install() {
  echo "vs-pandoc: installing $*" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; fi >/dev/null
}
command -v pandoc >/dev/null || install pandoc
command -v hyperfine >/dev/null || install hyperfine
[ -x /usr/bin/time ] || install time

. benches/release-bin.sh
sample=data/sanmen-2020.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" render "$sample" --to md -o "$work/md" 2>/dev/null
md="$work/md/sanmen-2020.md"
[ -s "$md" ] || { echo "vs-pandoc: wengao produced no Markdown" >&2; exit 1; }

w_html="$bin render $sample --to html -o $work/w"
p_html="pandoc --quiet -f commonmark -t html5 -s --metadata title=sanmen $md -o $work/p.html"
w_docx="$bin render $sample --to docx -o $work/w"
p_docx="pandoc --quiet -f commonmark -t docx $md -o $work/p.docx"

# -N: no shell in between; wengao's warnings on stderr are discarded by hyperfine.
# "overwrite": every run replaces the previous run's output (re-rendering into the same folder);
# "fresh": the outputs are removed before each run. Both tools are treated alike in each mode
# (on ext4, replacing a file starts its writeback: ~2 ms for wengao's rename and pandoc's truncate).
for mode in overwrite fresh; do
  prepare=()
  [ "$mode" = fresh ] && prepare=(--prepare "rm -rf $work/w $work/p.html $work/p.docx")
  hyperfine -N --warmup 5 --min-runs 40 "${prepare[@]}" --export-json "$work/$mode.json" \
    --command-name wengao-html "$w_html" --command-name pandoc-html "$p_html" \
    --command-name wengao-docx "$w_docx" --command-name pandoc-docx "$p_docx" >&2
done

peak() {  # peak RSS in KB, the largest of 5 runs
  local m=0 k
  for _ in 1 2 3 4 5; do
    /usr/bin/time -o "$work/rss" -f %M $1 >/dev/null 2>&1
    k=$(tail -1 "$work/rss")
    [ "$k" -gt "$m" ] && m=$k
  done
  echo "$m"
}
rss=$(printf '{"wengao-html": %s, "pandoc-html": %s, "wengao-docx": %s, "pandoc-docx": %s}' \
  "$(peak "$w_html")" "$(peak "$p_html")" "$(peak "$w_docx")" "$(peak "$p_docx")")

python3 - "$work" "$rss" <<'PY'
import json, sys
rss = json.loads(sys.argv[2])
for mode in ("overwrite", "fresh"):
    res = {x["command"]: x for x in json.load(open(f"{sys.argv[1]}/{mode}.json"))["results"]}
    for fmt in ("html", "docx"):
        w, p = res["wengao-" + fmt], res["pandoc-" + fmt]
        cw, cp = w["user"] + w["system"], p["user"] + p["system"]
        print(f"{fmt} ({mode}): median wall wengao {w['median']*1000:.2f} ms, pandoc {p['median']*1000:.2f} ms, "
              f"pandoc/wengao = {p['median']/w['median']:.1f}x; "
              f"mean CPU wengao {cw*1000:.2f} ms, pandoc {cp*1000:.2f} ms, = {cp/cw:.1f}x")
for fmt in ("html", "docx"):
    print(f"{fmt}: peak RSS wengao {rss['wengao-' + fmt]/1024:.1f} MB, pandoc {rss['pandoc-' + fmt]/1024:.1f} MB")
PY

# The same pairs interleaved run by run (overwrite), so both tools see the same load: on a busy
# VM this is the fairer ratio (benches/interleave.py).
for fmt in html docx; do
  w="w_$fmt" p="p_$fmt"
  echo "$fmt (interleaved, 60 runs each):"
  python3 benches/interleave.py 60 "${!w}" "${!p}" | sed 's/^/  /'
done

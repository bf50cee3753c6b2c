#!/usr/bin/env python3
"""An independent reader for wengao's DOCX files (python-docx, not wengao's own code).

Usage: python3 tests/docx_reader.py FILE.docx...

For every file: the Office 2019 schema validation (openxml-audit) must report 0 violations;
every run names an East-Asian font; headings carry outline levels (through their styles) and
numbers that match their level; table rows cover the full grid and vertical merges start
somewhere; A4 with the GB/T 9704 margins. Files named like the fixtures written by
`cargo run --example docx_fixtures -- DIR` (summary, tables, simple, centred) are also checked
against their known paragraph texts, heading levels, fonts of sample runs and table merges.
Installs python-docx and openxml-audit with pip when they are missing. Exit status 1 on any
failure.
"""
import os
import re
import shutil
import subprocess
import sys


def ensure_tools():
    try:
        import docx  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "python-docx"], check=True)
    if shutil.which("openxml-audit") is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "openxml-audit"], check=True)


ensure_tools()

import docx  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

W_VAL = qn("w:val")
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


def style_outline(style):
    """The outline level of a paragraph style, following basedOn."""
    while style is not None:
        ppr = style.element.find(qn("w:pPr"))
        if ppr is not None:
            lvl = ppr.find(qn("w:outlineLvl"))
            if lvl is not None:
                return int(lvl.get(W_VAL))
        style = style.base_style
    return None


def run_east_asia(run_el):
    rpr = run_el.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


HEADING_NUMBER = {
    1: re.compile(r"^[一二三四五六七八九十]+、"),
    2: re.compile(r"^（[一二三四五六七八九十]+）"),
    3: re.compile(r"^\d+\."),
    4: re.compile(r"^（\d+）"),
}


def audit(path):
    r = subprocess.run(["openxml-audit", "-f", "office2019", path], capture_output=True, text=True)
    out = r.stdout + r.stderr
    check("Errors: 0" in out, f"{path}: openxml-audit reports violations:\n{out.strip()}")


def generic(path, d):
    name = os.path.basename(path)
    # Every run in body, tables and footers names its East-Asian font.
    roots = [d.element.body] + [s.footer._element for s in d.sections if s.footer is not None]
    for root in roots:
        for r in root.iter(qn("w:r")):
            check(run_east_asia(r) is not None, f"{name}: a run without w:eastAsia: {r.xpath('string(.)')!r}")
    # Headings: outline level from the style, number matching the level.
    for p in d.paragraphs:
        m = re.match(r"Heading (\d)", p.style.name)
        if not m:
            continue
        level = int(m.group(1))
        check(style_outline(p.style) == level - 1, f"{name}: {p.style.name} without outline level {level - 1}")
    # Tables: every row covers the grid; a vMerge continue has a restart above it.
    for ti, t in enumerate(d.tables):
        grid = len(t._tbl.tblGrid.findall(qn("w:gridCol")))
        open_merge = {}
        for ri, tr in enumerate(t._tbl.tr_lst):
            col = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                vm = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
                if vm is not None and vm.get(W_VAL, "continue") == "continue":
                    check(open_merge.get(col) == span, f"{name}: table {ti} row {ri} col {col}: vMerge continue without restart")
                elif vm is not None:
                    open_merge[col] = span
                else:
                    open_merge.pop(col, None)
                col += span
            check(col == grid, f"{name}: table {ti} row {ri} covers {col} of {grid} grid columns")
    # Page: A4, margins 37/35/28/26 mm (portrait sections; landscape ones turned).
    for s in d.sections:
        if not check(s.page_width is not None and s.top_margin is not None, f"{name}: section without page size or margins"):
            continue
        w, h = round(s.page_width.mm), round(s.page_height.mm)
        check({w, h} == {210, 297}, f"{name}: page {w}×{h} mm is not A4")
        m = sorted(round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin))
        check(m == [26, 28, 35, 37], f"{name}: margins {m}")


def numbered_headings(name, d):
    """Each heading's number matches its level (一、 （一） 1. （1）)."""
    for p in d.paragraphs:
        m = re.match(r"Heading (\d)", p.style.name)
        if m:
            level = int(m.group(1))
            check(HEADING_NUMBER[level].match(p.text) is not None, f"{name}: level {level} heading {p.text[:20]!r}")


def texts(d):
    return [p.text for p in d.paragraphs]


def fonts_of(p):
    return [(r.text, run_east_asia(r._r)) for r in p.runs]


def summary(path, d):
    name = os.path.basename(path)
    numbered_headings(name, d)
    t = texts(d)
    check(t[0] == "三门县医疗保障服务中心\n2020年度工作总结和2021年度工作计划", f"{name}: title {t[0]!r}")
    check(d.paragraphs[0].style.name == "Title", f"{name}: title style")
    check(fonts_of(d.paragraphs[0])[0][1] == "方正小标宋简体", f"{name}: title font")
    levels = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    want = [
        ("Heading 1", "一、2020年度工作总结"),
        ("Heading 2", "（一）城乡居民参保筹资及基金使用情况"),
        ("Heading 2", "（二）加强对定点医药机构、欺诈骗保和意外伤害的稽核与管理"),
    ]
    check(levels[:3] == want, f"{name}: first headings {levels[:3]}")
    # Only headings on their own line carry a heading style (an outline level); the run-in
    # "（2）待遇稽核。我县…" is a body paragraph.
    check(sum(1 for s, _ in levels if s == "Heading 4") == 1, f"{name}: one level-4 heading")
    check(all(len(text) <= 45 for _, text in levels), f"{name}: a heading style on a long paragraph")
    body = next(p for p in d.paragraphs if p.text.startswith("2020年度城乡居民医保参保人数"))
    check(all(f == "仿宋_GB2312" for _, f in fonts_of(body)), f"{name}: body fonts {fonts_of(body)}")
    h1 = next(p for p in d.paragraphs if p.text == "一、2020年度工作总结")
    check(all(f == "黑体" for _, f in fonts_of(h1)), f"{name}: level 1 fonts")
    run_in = next(p for p in d.paragraphs if p.text.startswith("（一）力争参保扩面全覆盖。"))
    f = fonts_of(run_in)
    check(f[0] == ("（一）", "楷体_GB2312") and f[-1][1] == "仿宋_GB2312", f"{name}: run-in fonts {f}")
    i = t.index("三门县医疗保障服务中心")
    check(t[i + 1] == "2021年1月7日", f"{name}: date after agency")
    check("附件：1.2020年度收到和处理政府信息公开申请情况" in t, f"{name}: attachment note")
    check("附件1" in t and "附件2" in t, f"{name}: attachment labels")
    table_three(name, d.tables[0])
    check(len(d.tables[1].columns) == 15, f"{name}: table four has 15 columns")
    check(any(s.orientation == 1 for s in d.sections), f"{name}: a landscape section")


def table_three(name, t):
    """Merged-cell structure of 表三 (disclosure spec §2.4), through python-docx's grid."""
    check((len(t.rows), len(t.columns)) == (28, 10), f"{name}: table three is {len(t.rows)}×{len(t.columns)}")
    same = lambda a, b: t.cell(*a)._tc is t.cell(*b)._tc  # noqa: E731
    # Heads too long for their column are broken into balanced words with line breaks
    # (自然 / 人); compare the text without them.
    text = lambda r, c: t.cell(r, c).text.replace("\n", "")  # noqa: E731
    check(same((0, 0), (2, 2)), f"{name}: H1–H3 × C1–C3 merged")
    check(t.cell(0, 0).text.startswith("（本列数据的勾稽关系为"), f"{name}: note cell")
    check(same((0, 3), (0, 9)) and text(0, 3) == "申请人情况", f"{name}: 申请人情况 over C4–C10")
    check(same((1, 3), (2, 3)) and text(1, 3) == "自然人", f"{name}: 自然人 over H2–H3")
    check(same((1, 4), (1, 8)) and text(1, 4) == "法人或其他组织", f"{name}: 法人或其他组织 over C5–C9")
    check(same((1, 9), (2, 9)) and text(1, 9) == "总计", f"{name}: 总计 over H2–H3")
    check(same((5, 0), (26, 0)) and text(5, 0) == "三、本年度办理结果", f"{name}: 三、 over 22 rows")
    check(same((7, 1), (14, 1)) and text(7, 1) == "（三）不予公开", f"{name}: （三）不予公开 over 8 rows")
    check(not same((26, 0), (27, 0)), f"{name}: 四、 separate")
    check(t.cell(3, 3).paragraphs[0].alignment == 2, f"{name}: numbers right-aligned")
    header = [tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None for tr in t._tbl.tr_lst]
    check(header[:4] == [True, True, True, False], f"{name}: header rows {header[:4]}")


def tables(path, d):
    name = os.path.basename(path)
    numbered_headings(name, d)
    two = d.tables[0]
    check((len(two.rows), len(two.columns)) == (14, 4), f"{name}: table two is {len(two.rows)}×{len(two.columns)}")
    check(two.cell(6, 1)._tc is two.cell(6, 3)._tc and two.cell(6, 1).text == "96171.6", f"{name}: 行政许可 value over C2–C4")
    check(two.cell(0, 0)._tc is two.cell(0, 3)._tc, f"{name}: section row over C1–C4")
    table_three(name, d.tables[1])
    orients = [s.orientation for s in d.sections]
    check(orients == [0, 1, 0], f"{name}: sections portrait, landscape, portrait: {orients}")


def simple(path, d):
    name = os.path.basename(path)
    numbered_headings(name, d)
    t = texts(d)
    check(t[0] == "关于医保工作的简要报告", f"{name}: title")
    check(t[2] == "一、基本情况" and d.paragraphs[2].style.name == "Heading 1", f"{name}: heading")
    check(t[-2:] == ["某县医疗保障局", "2021年1月7日"], f"{name}: sign-off {t[-2:]}")
    even_odd = d.settings.odd_and_even_pages_header_footer
    check(even_odd == (name == "simple.docx"), f"{name}: evenAndOddHeaders {even_odd}")


def seed(path, d):
    name = os.path.basename(path)
    numbered_headings(name, d)
    t = texts(d)
    check(t[-2:] == ["三门县医疗保障服务中心", "2021年1月7日"], f"{name}: sign-off {t[-2:]}")


def edge(path, d):
    name = os.path.basename(path)
    t = texts(d)
    check(t[0] == "层级为零的标题", f"{name}: control character dropped: {t[0]!r}")
    check(any(x.startswith("a < b && c > d;") for x in t), f"{name}: XML-special characters kept")
    check(len(d.tables) == 2, f"{name}: the empty table is left out")
    check("附件：只有一个附件" in t, f"{name}: a single attachment is not numbered")


KNOWN = {"summary.docx": summary, "seed-000.docx": seed, "edge.docx": edge, "tables.docx": tables, "simple.docx": simple, "centred.docx": simple}


def main(paths):
    if not paths:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    for path in paths:
        before = len(failures)
        audit(path)
        d = docx.Document(path)
        generic(path, d)
        known = KNOWN.get(os.path.basename(path))
        if known:
            known(path, d)
        status = "ok" if len(failures) == before else "FAILED"
        print(f"{path}: {len(d.paragraphs)} paragraphs, {len(d.tables)} tables: {status}")
    for f in failures:
        print("  " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

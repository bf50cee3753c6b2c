#!/usr/bin/env python3
"""Rebuild the LibreOffice-made DOCX fixtures (000.lo.docx, 003.lo.docx, 004-3.lo.docx).

Each seed text is laid out as an office would type it (GB/T 9704 look: title centred in
方正小标宋简体 22pt, 一、 headings in 黑体, (一) headings in 楷体_GB2312, body in 仿宋_GB2312 16pt with
a 2-character first-line indent, sign-off right-aligned, 003's three statutory tables as real
tables), written as HTML, and converted by LibreOffice:

    soffice -env:UserInstallation=file:///tmp/… --headless --infilter="HTML (StarWriter)" \
            --convert-to docx:"MS Word 2007 XML" X.html
(a private profile, so a soffice another user already runs does not take the job over).

The text of every paragraph is the seed's text, character for character. Run from the
repository root: python3 tests/import/docx/make_lo.py   (needs soffice on PATH; not run by tests;
the output is not byte-reproducible because LibreOffice stamps dates into docProps).
"""

import html
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "seeds")

CN = "一二三四五六七八九十"
H1 = re.compile(rf"^[{CN}]+、")
H2 = re.compile(rf"^\([{CN}]+\)")
H3 = re.compile(r"^\d+[.、](?!\d)")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")

BODY = "font-family:'仿宋_GB2312';font-size:16pt;line-height:28pt;margin:0"
INDENT = "text-indent:32pt"


def esc(s):
    return html.escape(s, quote=False)


def run(text, font, bold=False):
    b = "font-weight:bold;" if bold else ""
    return f"<span style=\"{b}font-family:'{font}'\">{esc(text)}</span>"


def split_runin(line):
    """'(一)标题。正文…' → ('(一)标题。', '正文…'); a line with no body → (line, '')."""
    i = line.find("。")
    if i < 0 or i == len(line) - 1:
        return line, ""
    return line[: i + 1], line[i + 1 :]


def para(line):
    if H1.match(line) and len(line) <= 40:
        return f'<p style="{BODY};{INDENT}">{run(line, "黑体")}</p>'
    if H2.match(line):
        head, rest = split_runin(line)
        if len(head) > 40:  # a run-in heading with no clean split: the whole line is body text
            return f'<p style="{BODY};{INDENT}">{esc(line)}</p>'
        return f'<p style="{BODY};{INDENT}">{run(head, "楷体_GB2312")}{esc(rest)}</p>'
    if H3.match(line):
        head, rest = split_runin(line)
        if len(head) <= 40 and rest:
            return f'<p style="{BODY};{INDENT}">{run(head, "仿宋_GB2312", bold=True)}{esc(rest)}</p>'
    return f'<p style="{BODY};{INDENT}">{esc(line)}</p>'


def signoff(lines):
    """The sign-off (agency, date) right-aligned, the agency four characters from the margin."""
    agency, date = lines
    return [
        f'<p style="{BODY};text-align:right;margin-right:64pt;margin-top:28pt">{esc(agency)}</p>',
        f'<p style="{BODY};text-align:right;margin-right:48pt">{esc(date)}</p>',
    ]


def title(line):
    return (
        "<p style=\"font-family:'方正小标宋简体';font-size:22pt;text-align:center;"
        f'line-height:36pt;margin:0 0 28pt 0">{esc(line)}</p>'
    )


def document(parts):
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>wengao fixture</title></head>'
        "<body>\n" + "\n".join(parts) + "\n</body></html>\n"
    )


def body(lines):
    if len(lines) >= 2 and DATE.match(lines[-1]) and len(lines[-2]) <= 20:
        return [para(l) for l in lines[:-2]] + signoff(lines[-2:])
    return [para(l) for l in lines]


# ── 003: the body, then the three 2019-format statutory tables as real tables ──

CELL = "border:1px solid #000;font-family:'仿宋_GB2312';font-size:10.5pt;text-align:center"


def td(text="", rs=1, cs=1):
    a = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
    return f'<td{a} style="{CELL}">{esc(text)}</td>'


def table(rows):
    return (
        '<table style="border-collapse:collapse;width:100%" border="1" cellspacing="0">'
        + "".join("<tr>" + "".join(r) + "</tr>" for r in rows)
        + "</table>"
    )


def attachment(n, name, tbl):
    return [
        '<p style="page-break-before:always;font-family:\'黑体\';font-size:16pt;margin:0">'
        f"附件{n}</p>",
        title(name),
        tbl,
    ]


def tables_003():
    # Table 二 (2019 format), values as the seed gives them; (八)/(九) keep an empty 4th cell.
    t1 = []
    for sec, heads, rows in [
        ("第二十条第(一)项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
         [("规章", "0", "0", "0"), ("规范性文件", "1", "1", "1")]),
        ("第二十条第(五)项", ["上一年项目数量", "本年增/减", "处理决定数量"],
         [("行政许可", "0", "0", "0"), ("其他对外管理服务事项", "0", "0", "0")]),
        ("第二十条第(六)项", ["上一年项目数量", "本年增/减", "处理决定数量"],
         [("行政处罚", "0", "增1", "1"), ("行政强制", "0", "0", "0")]),
        ("第二十条第(八)项", ["上一年项目数量", "本年增/减", ""],
         [("行政事业性收费", "0", "0", "")]),
        ("第二十条第(九)项", ["采购项目数量", "采购总金额", ""],
         [("政府集中采购", "0", "0", "")]),
    ]:
        t1.append([td(sec, cs=4)])
        t1.append([td("信息内容")] + [td(h) for h in heads])
        t1 += [[td(c) for c in r] for r in rows]

    # Table 三 (2019 format): only the 总计 column is filled (0), as in the seed.
    blank = [td() for _ in range(6)] + [td("0")]
    t2 = [
        [td("(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", rs=3, cs=3),
         td("申请人情况", cs=7)],
        [td("自然人", rs=2), td("法人或其他组织", cs=5), td("总计", rs=2)],
        [td(h) for h in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]],
        [td("一、本年新收政府信息公开申请数量", cs=3)] + blank,
        [td("二、上年结转政府信息公开申请数量", cs=3)] + blank,
    ]
    groups = [
        ("(一)予以公开", []),
        ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", []),
        ("(三)不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
                      "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
                      "7.属于行政执法案卷", "8.属于行政查询事项"]),
        ("(四)无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
                      "3.补正后申请内容仍不明确"]),
        ("(五)不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                      "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"]),
        ("(六)其他处理", []),
        ("(七)总计", []),
    ]
    span = sum(max(1, len(items)) for _, items in groups)
    first = True
    for label, items in groups:
        lead = [td("三、本年度办理结果", rs=span)] if first else []
        first = False
        if not items:
            t2.append(lead + [td(label, cs=2)] + blank)
            continue
        for i, item in enumerate(items):
            row = (lead if i == 0 else []) + ([td(label, rs=len(items))] if i == 0 else [])
            t2.append(row + [td(item)] + blank)
    t2.append([td("四、结转下年度继续办理", cs=3)] + blank)

    # Table 四: all zero.
    t3 = [
        [td("行政复议", cs=5), td("行政诉讼", cs=10)],
        [td(h, rs=2) for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]]
        + [td("未经复议直接起诉", cs=5), td("复议后起诉", cs=5)],
        [td(h) for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2],
        [td("0") for _ in range(15)],
    ]
    return [
        *attachment(1, "主动公开政府信息情况", table(t1)),
        *attachment(2, "收到和处理政府信息公开申请情况", table(t2)),
        *attachment(3, "政府信息公开行政复议、行政诉讼情况", table(t3)),
    ]


def build(seed_id):
    lines = open(os.path.join(SEEDS, f"{seed_id}.txt"), encoding="utf-8").read().split("\n")
    if seed_id == "003":
        end = lines.index("附件1")  # the body ends with the sign-off before the attachments
        head = lines[:end]
        parts = [title(head[0])]
        main, sign = head[1:-2], head[-2:]
        for l in main:
            if l.startswith("附件:") or re.match(r"^\d\.(主动|收到|政府)", l):
                # the attachment list: no indent, hanging under "附件:"
                pad = "" if l.startswith("附件:") else "margin-left:48pt;"
                parts.append(f'<p style="{BODY};{pad}{INDENT if not pad else ""}">{esc(l)}</p>')
            else:
                parts.append(para(l))
        parts += signoff(sign)
        parts += tables_003()
        return document(parts)
    return document(body(lines))


def main():
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("make_lo.py: soffice not found")
    with tempfile.TemporaryDirectory() as tmp:
        for seed_id in ["000", "003", "004-3"]:
            src = os.path.join(tmp, f"{seed_id}.lo.html")
            with open(src, "w", encoding="utf-8") as f:
                f.write(build(seed_id))
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                 "--infilter=HTML (StarWriter)",
                 "--convert-to", "docx:MS Word 2007 XML", "--outdir", HERE, src],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            print("wrote", os.path.join(HERE, f"{seed_id}.lo.docx"))


if __name__ == "__main__":
    main()

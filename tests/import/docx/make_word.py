#!/usr/bin/env python3
"""Rebuild the hand-written WordprocessingML fixtures, byte for byte:

- 004-1.numbering.docx — seed 004-1 with its heading numbers 一、（一）1. as Word automatic
  numbering (numbering.xml: chineseCounting / decimal, lvlText `%1、` `（%2）` `%3.`, suff nothing);
  levels 1–2 come through the 标题 1/标题 2 paragraph styles (styles.xml w:numPr), the run-in
  levels through w:numPr on the paragraph. No number is in document.xml.
- hard.docx — the constructs of crates-2.md §8 (tracked changes, fields, content controls, text
  box, table with merges, smart tag, runs split mid-number, soft break in the title, footer).

and their *.expected.txt (written here by hand, not by a reader). Run from the repository root:
python3 tests/import/docx/make_word.py   (pure Python; not run by tests).
"""

import os
import re
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "seeds")
# The minimal theme of wengao's own writer (a theme part is what validators expect to find).
THEME = os.path.join(HERE, "..", "..", "..", "src", "render", "docx", "assets", "theme1.xml")

NS = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'mc:Ignorable="w14 wp14"'
)
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def t(text):
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:t{space}>{escape(text)}</w:t>"


def r(text, rpr="", rsid=None):
    a = f' w:rsidR="{rsid}"' if rsid else ""
    return f"<w:r{a}>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{t(text)}</w:r>"


def p(inner, ppr="", rsid="00A1C2D3"):
    return f'<w:p w:rsidR="{rsid}" w:rsidRDefault="{rsid}">{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}{inner}</w:p>'


# ── package parts shared by both files ──

def styles(numbered_headings):
    h1_num = '<w:numPr><w:numId w:val="1"/></w:numPr>' if numbered_headings else ""
    h2_num = '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>' if numbered_headings else ""
    return f"""{HEAD}<w:styles {W_NS} {R_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>\
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/><w:pPr><w:keepNext/>{h1_num}<w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>\
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/><w:pPr><w:keepNext/>{h2_num}<w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style>\
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/><w:pPr><w:spacing w:after="560" w:line="700" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>\
<w:style w:type="paragraph" w:styleId="a4"><w:name w:val="footer"/><w:basedOn w:val="a"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4153"/><w:tab w:val="right" w:pos="8306"/></w:tabs><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>\
<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="caption"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="28"/></w:rPr></w:style>\
<w:style w:type="character" w:default="1" w:styleId="a0"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
<w:style w:type="table" w:default="1" w:styleId="a6"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type="table" w:styleId="a7"><w:name w:val="Table Grid"/><w:basedOn w:val="a6"/><w:uiPriority w:val="39"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>\
</w:styles>"""


SETTINGS = f"""{HEAD}<w:settings {W_NS} {R_NS}><w:zoom w:percent="100"/><w:bordersDoNotSurroundHeader/><w:bordersDoNotSurroundFooter/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:drawingGridHorizontalSpacing w:val="160"/><w:drawingGridVerticalSpacing w:val="579"/><w:displayHorizontalDrawingGridEvery w:val="0"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:rsids><w:rsidRoot w:val="00A1C2D3"/><w:rsid w:val="00A1C2D3"/><w:rsid w:val="00B7E4F1"/><w:rsid w:val="00C9D052"/></w:rsids><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>"""

FONTS = f"""{HEAD}<w:fonts {W_NS} {R_NS}>""" + "".join(
    f'<w:font w:name="{n}"><w:charset w:val="{cs}"/><w:family w:val="{fam}"/><w:pitch w:val="variable"/></w:font>'
    for n, cs, fam in [
        ("Times New Roman", "00", "roman"), ("宋体", "86", "auto"), ("仿宋_GB2312", "86", "modern"),
        ("黑体", "86", "modern"), ("楷体_GB2312", "86", "modern"), ("方正小标宋简体", "86", "script"),
    ]
) + "</w:fonts>"


def numbering():
    """一、 / （一） / 1. / （1）: chineseCounting twice, decimal twice; no tab after the number."""
    levels = [
        (0, "chineseCounting", "%1、", '<w:pStyle w:val="1"/>'),
        (1, "chineseCounting", "（%2）", '<w:pStyle w:val="2"/>'),
        (2, "decimal", "%3.", ""),
        (3, "decimal", "（%4）", ""),
    ]
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{f}"/>{ps}<w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{txt}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        for i, f, txt, ps in levels
    )
    lvls += "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%{i + 1}."/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{420 * (i + 1)}" w:hanging="420"/></w:pPr></w:lvl>'
        for i in range(4, 9)
    )
    return (
        f'{HEAD}<w:numbering {W_NS} {R_NS}>'
        f'<w:abstractNum w:abstractNumId="0"><w:nsid w:val="5A3C2F10"/><w:multiLevelType w:val="multilevel"/>'
        f'<w:tmpl w:val="1F2E3D4C"/>{lvls}</w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


SECT = (
    '<w:sectPr w:rsidR="00A1C2D3">{footer}<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1417" w:gutter="0"/>'
    '<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>'
)


def package(path, body, title, numbered=False, footer=None, company=""):
    rels = [
        ("rId1", "styles", "styles.xml"),
        ("rId2", "settings", "settings.xml"),
        ("rId3", "fontTable", "fontTable.xml"),
        ("rId6", "theme", "theme/theme1.xml"),
    ]
    over = [
        ("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
        ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
        ("/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"),
        ("/word/fontTable.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"),
        ("/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ]
    if numbered:
        rels.append(("rId4", "numbering", "numbering.xml"))
        over.append(("/word/numbering.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"))
    if footer:
        rels.append(("rId5", "footer", "footer1.xml"))
        over.append(("/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"))
    ref = '<w:footerReference w:type="default" r:id="rId5"/>' if footer else ""
    document = f'{HEAD}<w:document {NS}><w:body>{body}{SECT.format(footer=ref)}</w:body></w:document>'
    ct = (
        f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{n}" ContentType="{c}"/>' for n, c in over)
        + "</Types>"
    )
    root_rels = (
        f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{k}" Target="{tg}"/>'
            for i, k, tg in rels
        )
        + "</Relationships>"
    )
    core = (
        f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>办公室</dc:creator><cp:lastModifiedBy>办公室</cp:lastModifiedBy>"
        '<cp:revision>3</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">2021-01-07T01:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2021-01-07T02:00:00Z</dcterms:modified></cp:coreProperties>'
    )
    app = (
        f'{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Pages>1</Pages>"
        f"<Application>wengao fixture (hand-written WordprocessingML)</Application><DocSecurity>0</DocSecurity>"
        f"<Company>{escape(company)}</Company><AppVersion>16.0000</AppVersion></Properties>"
    )
    parts = [
        ("[Content_Types].xml", ct), ("_rels/.rels", root_rels), ("docProps/core.xml", core),
        ("docProps/app.xml", app), ("word/document.xml", document),
        ("word/_rels/document.xml.rels", doc_rels), ("word/styles.xml", styles(numbered)),
        ("word/settings.xml", SETTINGS), ("word/fontTable.xml", FONTS),
        ("word/theme/theme1.xml", open(THEME, encoding="utf-8").read()),
    ]
    if numbered:
        parts.append(("word/numbering.xml", numbering()))
    if footer:
        parts.append(("word/footer1.xml", footer))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2021, 1, 7, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


def write_text(name, lines):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


# ── 004-1 with automatic numbering ──

CN = "一二三四五六七八九十"
H1 = re.compile(rf"^[{CN}]+、")
H2 = re.compile(rf"^\([{CN}]+\)")
H3 = re.compile(r"^\d+\.(?!\d)")


def numbered_004_1():
    lines = open(os.path.join(SEEDS, "004-1.txt"), encoding="utf-8").read().split("\n")
    body, expected = [], []
    num = lambda lvl: f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="1"/></w:numPr>'
    for line in lines:
        if H1.match(line):
            text = H1.sub("", line)
            body.append(p(r(text), '<w:pStyle w:val="1"/>'))
            expected.append(line)
        elif H2.match(line):
            text = H2.sub("", line)
            m = H2.match(line).group(0)
            expected.append("（" + m[1:-1] + "）" + text)
            head, _, rest = text.partition("。")
            if rest:  # run-in (一)…。正文: Normal paragraph, number on the paragraph, head in 楷体
                body.append(p(r(head + "。", '<w:rFonts w:eastAsia="楷体_GB2312"/>') + r(rest), num(1)))
            else:
                body.append(p(r(text), '<w:pStyle w:val="2"/>'))
        elif H3.match(line):
            text = H3.sub("", line)
            head, _, rest = text.partition("。")
            runs = r(head + "。", "<w:b/>") + r(rest) if rest else r(text)
            body.append(p(runs, num(2)))
            expected.append(line)
        else:
            body.append(p(r(line)))
            expected.append(line)
    package(os.path.join(HERE, "004-1.numbering.docx"), "".join(body),
            "2025年上半年工作总结和下半年工作安排", numbered=True)
    write_text("004-1.numbering.expected.txt", expected)


# ── hard.docx ──

AUTHOR = 'w:author="李明" w:date="2021-01-06T09:30:00Z"'


def hard():
    b = []
    E = []
    # Title over two lines: a soft line break (Shift+Enter), not two paragraphs.
    b.append(p(r("三门县医疗保障服务中心") + '<w:r><w:br/></w:r>' + r("2020年度工作总结和2021年度工作计划"),
               '<w:pStyle w:val="a3"/>'))
    E += ["三门县医疗保障服务中心", "2020年度工作总结和2021年度工作计划"]
    b.append(p("", '<w:ind w:firstLineChars="0" w:firstLine="0"/>'))  # an empty paragraph: not printed
    b.append(p(r("一、2020年度工作总结", '<w:rFonts w:eastAsia="黑体"/>')))
    E.append("一、2020年度工作总结")
    # A heading with its _Toc bookmark, and a proofErr inside.
    b.append(p('<w:bookmarkStart w:id="0" w:name="_Toc61234567"/>'
               + r("(一)城乡居民参保筹资及基金使用情况", '<w:rFonts w:eastAsia="楷体_GB2312"/>')
               + '<w:bookmarkEnd w:id="0"/>'))
    E.append("(一)城乡居民参保筹资及基金使用情况")
    # Runs split mid-number (311881 = 31 + 1881, 99.87 = 99. + 87), a tracked deletion and insertion.
    b.append(p(
        r("2020年度城乡居民医保参保人数为")
        + r("31", '<w:rFonts w:hint="eastAsia"/>', rsid="00B7E4F1")
        + r("1881", "", rsid="00C9D052")
        + r("人,参保率达")
        + r("99.", "", rsid="00B7E4F1") + r("87") + r("%。筹资标准从2019年度的每人每年1000元提高到1340元,其中个人缴纳480元,各级财政补助860元,总筹资额")
        + f'<w:del w:id="1" {AUTHOR}><w:r><w:delText>42900.00</w:delText></w:r></w:del>'
        + f'<w:ins w:id="2" {AUTHOR}><w:r><w:t>42905.96</w:t></w:r></w:ins>'
        + r("万元。")
    ))
    E.append("2020年度城乡居民医保参保人数为311881人,参保率达99.87%。筹资标准从2019年度的每人每年1000元提高到1340元,其中个人缴纳480元,各级财政补助860元,总筹资额42905.96万元。")
    # A chsdate smart tag (Chinese Word wraps dates in them), a proofErr, a deleted aside,
    # and a w:lastRenderedPageBreak.
    smart = (
        '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
        '<w:smartTagPr><w:attr w:name="Year" w:val="2020"/><w:attr w:name="Month" w:val="12"/>'
        '<w:attr w:name="Day" w:val="31"/><w:attr w:name="IsLunarDate" w:val="False"/>'
        '<w:attr w:name="IsROCDate" w:val="False"/></w:smartTagPr>'
        + r("2020年12月") + "</w:smartTag>"
    )
    b.append(p(
        r("截止") + smart + r("底,全县共审核")
        + '<w:proofErr w:type="gramStart"/>' + r("就诊结算") + '<w:proofErr w:type="gramEnd"/>'
        + r("228.5万人次,累计基金支出金额")
        + '<w:r><w:lastRenderedPageBreak/><w:t>31069.08</w:t></w:r>'
        + r("万元。")
        + f'<w:del w:id="3" {AUTHOR}><w:r><w:delText>(数据待财务科核对)</w:delText></w:r></w:del>'
    ))
    E.append("截止2020年12月底,全县共审核就诊结算228.5万人次,累计基金支出金额31069.08万元。")
    # A whole paragraph deleted with its paragraph mark: nothing of it is displayed.
    b.append(p(f'<w:del w:id="4" {AUTHOR}><w:r><w:delText>门诊统筹数据另行报送。</w:delText></w:r></w:del>',
               f'<w:rPr><w:del w:id="5" {AUTHOR}/></w:rPr>'))
    # A block-level content control around a heading.
    b.append(
        '<w:sdt><w:sdtPr><w:alias w:val="二级标题"/><w:tag w:val="heading2"/><w:id w:val="1183744061"/></w:sdtPr>'
        "<w:sdtContent>"
        + p(r("(二)城乡免缴对象资助参保情况", '<w:rFonts w:eastAsia="楷体_GB2312"/>'))
        + "</w:sdtContent></w:sdt>"
    )
    E.append("(二)城乡免缴对象资助参保情况")
    # An inserted paragraph (tracked), with its paragraph mark inserted.
    b.append(p(f'<w:ins w:id="6" {AUTHOR}>' + r("截止到2020年12月底,城乡免缴对象资助参保人数13451人,明细见下表。") + "</w:ins>",
               f'<w:rPr><w:ins w:id="7" {AUTHOR}/></w:rPr>'))
    E.append("截止到2020年12月底,城乡免缴对象资助参保人数13451人,明细见下表。")
    # A Word caption: "表" + SEQ field (fldSimple, result 1) + full-width space + name.
    b.append(p(
        r("表")
        + '<w:fldSimple w:instr=" SEQ 表 \\* ARABIC "><w:r><w:rPr><w:noProof/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>'
        + r("\u3000城乡免缴对象资助参保人数"),
        '<w:pStyle w:val="a5"/>'))
    E.append("表1\u3000城乡免缴对象资助参保人数")
    # A table: header, a vertically merged 备注 column, a horizontally merged total.
    def tc(text, w, extra=""):
        return (f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{extra}<w:vAlign w:val="center"/></w:tcPr>'
                + p(r(text, '<w:sz w:val="28"/>') if text else "",
                    '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>') + "</w:tc>")
    widths = (2800, 2800, 3244)
    rows = [("类别", "人数(人)", "备注")]
    data = [("特困", "167"), ("低保", "7834"), ("低边", "1731"), ("孤儿", "15"), ("优抚", "302"),
            ("困境儿童", "76"), ("重残", "3188"), ("失独", "136"), ("三老", "2")]
    trs = ['<w:tr><w:trPr><w:tblHeader/></w:trPr>' + "".join(tc(c, w) for c, w in zip(rows[0], widths)) + "</w:tr>"]
    E.append("类别 | 人数(人) | 备注")
    for i, (kind, n) in enumerate(data):
        if i == 0:
            note = tc("享受医疗救助", widths[2], '<w:vMerge w:val="restart"/>')
            E.append(f"{kind} | {n} | 享受医疗救助")
        elif i == 5:
            note = tc("仅资助参保", widths[2], '<w:vMerge w:val="restart"/>')
            E.append(f"{kind} | {n} | 仅资助参保")
        else:
            note = tc("", widths[2], "<w:vMerge/>")
            E.append(f"{kind} | {n}")
        trs.append("<w:tr>" + tc(kind, widths[0]) + tc(n, widths[1]) + note + "</w:tr>")
    trs.append("<w:tr>" + tc("合计", widths[0]) + tc("13451", widths[1] + widths[2], '<w:gridSpan w:val="2"/>') + "</w:tr>")
    E.append("合计 | 13451")
    b.append(
        '<w:tbl><w:tblPr><w:tblStyle w:val="a7"/><w:tblW w:w="8844" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>" + "".join(trs) + "</w:tbl>"
    )
    # A paragraph anchoring a text box (DrawingML in mc:Choice, VML in mc:Fallback, same text).
    box_p = p(r("注:生育保险待遇含生育医疗费用和生育津贴。", '<w:sz w:val="24"/>'),
              '<w:ind w:firstLineChars="0" w:firstLine="0"/>')
    textbox = (
        '<w:r><w:rPr><w:noProof/></w:rPr><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>800100</wp:posOffset></wp:positionV>'
        '<wp:extent cx="5400000" cy="431800"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        '<wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" cy="431800"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
        '<a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{box_p}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0">'
        "<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        '<v:shape id="文本框 1" o:spid="_x0000_s1026" type="#_x0000_t202" '
        'style="position:absolute;left:0;text-align:left;margin-left:0;margin-top:63pt;width:425.2pt;height:34pt;z-index:251659264;mso-wrap-style:square" '
        'strokeweight=".5pt">'
        f"<v:textbox><w:txbxContent>{box_p}</w:txbxContent></v:textbox>"
        '<w10:wrap type="topAndBottom"/></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    )
    b.append(p(r("2020年全县生育保险享受人数2112人,待遇支出金额1911.24万元。") + textbox))
    E += ["2020年全县生育保险享受人数2112人,待遇支出金额1911.24万元。", "注:生育保险待遇含生育医疗费用和生育津贴。"]
    b.append(p(""))
    # Sign-off: the agency in an inline plain-text content control, the date a complex field.
    right = '<w:ind w:right="1280" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>'
    b.append(p(
        '<w:sdt><w:sdtPr><w:alias w:val="发文机关"/><w:tag w:val="agency"/><w:id w:val="-1749499583"/>'
        "<w:text/></w:sdtPr><w:sdtContent>" + r("三门县医疗保障服务中心") + "</w:sdtContent></w:sdt>",
        right))
    E.append("三门县医疗保障服务中心")
    b.append(p(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> CREATEDATE  \\@ "yyyy\'年\'M\'月\'d\'日\'"  \\* MERGEFORMAT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("2021年") + r("1月7日")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        '<w:ind w:right="640" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>'))
    E.append("2021年1月7日")
    footer = (
        f'{HEAD}<w:ftr {NS}>'
        + p(r("— ") + '<w:fldSimple w:instr=" PAGE   \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple>' + r(" —"),
            '<w:pStyle w:val="a4"/><w:jc w:val="center"/>')
        + "</w:ftr>"
    )
    package(os.path.join(HERE, "hard.docx"), "".join(b), "2020年度工作总结和2021年度工作计划",
            footer=footer, company="三门县医疗保障服务中心")
    write_text("hard.expected.txt", E)


if __name__ == "__main__":
    numbered_004_1()
    hard()
    print("wrote 004-1.numbering.docx, hard.docx and their expected texts")

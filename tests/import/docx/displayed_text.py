#!/usr/bin/env python3
"""Print a DOCX's body text as Word displays it, one paragraph per line — the convention of the
`*.expected.txt` files here (see README.md). A checking aid for the fixtures, not the importer:

    python3 tests/import/docx/displayed_text.py FILE.docx > out.txt

- tracked insertions (w:ins, w:moveTo) kept; deletions (w:del, w:moveFrom, w:delText) dropped;
- fields show their result: w:fldSimple's runs; a complex field's runs between `separate` and
  `end` (its instrText code skipped);
- content controls (w:sdt), smart tags, customXml, hyperlinks: their content;
- a text box is read once (mc:Choice; mc:Fallback skipped), its paragraphs printed after the
  paragraph that anchors it;
- automatic numbering (w:numPr on the paragraph, or on its style through w:basedOn) printed as
  its computed label + w:suff (tab by default, "nothing" = no separator);
- a soft line break (w:br without w:type, w:cr) ends the printed line (a two-line title prints as
  two lines); a page break prints nothing; w:tab prints a tab;
- a table prints one line per row: its cells' text joined with " | ", a horizontally merged
  cell (w:gridSpan) once, a vertically merged cell on its first row only (continuation cells
  are left out); cells with several paragraphs join them with "/";
- empty paragraphs are not printed; headers, footers, footnotes and comments are not body text.
"""

import re
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"


def w(tag):
    return f"{{{W}}}{tag}"


def val(el, tag, default=None):
    if el is None:
        return default
    c = el.find(w(tag))
    return default if c is None else c.get(w("val"), default)


CN_DIGITS = "零一二三四五六七八九"


def chinese_counting(n):
    if n <= 0:
        return str(n)
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def roman(n):
    out = ""
    for v, s in [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                 (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]:
        while n >= v:
            out, n = out + s, n - v
    return out


def fmt(n, numfmt):
    if numfmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
                  "taiwaneseCounting", "ideographLegalTraditional", "taiwaneseCountingThousand"):
        return chinese_counting(n)
    if numfmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if numfmt == "decimalEnclosedCircle" or numfmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if numfmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if numfmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if numfmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if numfmt == "lowerRoman":
        return roman(n)
    if numfmt == "upperRoman":
        return roman(n).upper()
    if numfmt == "none":
        return ""
    return str(n)  # decimal, decimalZero-less fallbacks


class Numbering:
    def __init__(self, z):
        self.levels = {}  # abstractNumId -> {ilvl: (start, numFmt, lvlText, suff, isLgl)}
        self.nums = {}  # numId -> (abstractNumId, {ilvl: startOverride})
        self.counters = {}  # abstractNumId -> {ilvl: value}
        if "word/numbering.xml" not in z.namelist():
            return
        root = ET.fromstring(z.read("word/numbering.xml"))
        for a in root.findall(w("abstractNum")):
            lv = {}
            for l in a.findall(w("lvl")):
                lv[int(l.get(w("ilvl")))] = (
                    int(val(l, "start", "1")), val(l, "numFmt", "decimal"),
                    val(l, "lvlText", ""), val(l, "suff", "tab"), l.find(w("isLgl")) is not None,
                )
            self.levels[a.get(w("abstractNumId"))] = lv
        for n in root.findall(w("num")):
            overrides = {}
            for o in n.findall(w("lvlOverride")):
                so = o.find(w("startOverride"))
                if so is not None:
                    overrides[int(o.get(w("ilvl")))] = int(so.get(w("val")))
            self.nums[n.get(w("numId"))] = (val(n, "abstractNumId"), overrides)
        self.overridden = set()

    def label(self, num_id, ilvl):
        if num_id not in self.nums:
            return ""
        abs_id, overrides = self.nums[num_id]
        lv = self.levels.get(abs_id, {})
        if ilvl not in lv:
            return ""
        c = self.counters.setdefault(abs_id, {})
        key = (num_id, ilvl)
        if ilvl in overrides and key not in self.overridden:
            self.overridden.add(key)
            c[ilvl] = overrides[ilvl]
        elif ilvl in c:
            c[ilvl] += 1
        else:
            c[ilvl] = lv[ilvl][0]
        for deeper in [k for k in c if k > ilvl]:
            del c[deeper]
        start, numfmt, text, suff, is_lgl = lv[ilvl]

        def sub(m):
            k = int(m.group(1)) - 1
            n = c.get(k, lv.get(k, (1,))[0])
            f = lv.get(k, (1, "decimal"))[1]
            return fmt(n, "decimal" if is_lgl else f)

        sep = {"tab": "\t", "space": " "}.get(suff, "")
        return re.sub(r"%(\d)", sub, text) + sep


class Reader:
    def __init__(self, path):
        z = zipfile.ZipFile(path)
        self.doc = ET.fromstring(z.read("word/document.xml"))
        self.numbering = Numbering(z)
        self.style_num = {}
        if "word/styles.xml" in z.namelist():
            styles = ET.fromstring(z.read("word/styles.xml"))
            based, num = {}, {}
            for s in styles.findall(w("style")):
                sid = s.get(w("styleId"))
                based[sid] = val(s, "basedOn")
                np = s.find(f"{w('pPr')}/{w('numPr')}")
                if np is not None:
                    num[sid] = (val(np, "numId"), int(val(np, "ilvl", "0")))
            for sid in based:
                cur, seen = sid, set()
                while cur and cur not in num and cur not in seen:
                    seen.add(cur)
                    cur = based.get(cur)
                if cur in num:
                    self.style_num[sid] = num[cur]
        self.lines = []

    def body(self):
        self.block(self.doc.find(w("body")))
        return self.lines

    def block(self, parent):
        for el in parent:
            if el.tag == w("p"):
                self.paragraph(el)
            elif el.tag == w("tbl"):
                self.table(el)
            elif el.tag == w("sdt"):
                self.block(el.find(w("sdtContent")))
            elif el.tag == w("customXml"):
                self.block(el)

    def table(self, tbl):
        for tr in tbl.findall(w("tr")):
            cells = []
            for tc in tr.findall(w("tc")):
                vm = tc.find(f"{w('tcPr')}/{w('vMerge')}")
                if vm is not None and vm.get(w("val"), "continue") != "restart":
                    continue
                sub = Reader.__new__(Reader)
                sub.__dict__.update(self.__dict__)
                sub.lines = []
                sub.block(tc)
                cells.append("/".join(sub.lines))
            self.lines.append(" | ".join(cells))

    def paragraph(self, p):
        label = ""
        ppr = p.find(w("pPr"))
        num = None
        if ppr is not None:
            np = ppr.find(w("numPr"))
            if np is not None:
                num = (val(np, "numId"), int(val(np, "ilvl", "0")))
            elif val(ppr, "pStyle") in self.style_num:
                num = self.style_num[val(ppr, "pStyle")]
        if num and num[0] not in (None, "0"):
            label = self.numbering.label(*num)
        self.buf = [label]
        self.boxes = []
        self.fields = []  # stack of "code" / "result"
        self.inline(p)
        text = "".join(self.buf)
        for line in text.split("\n"):
            if line:
                self.lines.append(line)
        for box in self.boxes:
            sub = Reader.__new__(Reader)
            sub.__dict__.update(self.__dict__)
            sub.lines = []
            sub.block(box)
            self.lines.extend(sub.lines)

    def visible(self):
        return not self.fields or all(f == "result" for f in self.fields)

    def inline(self, el):
        for c in el:
            t = c.tag
            if t in (w("pPr"), w("rPr"), w("del"), w("moveFrom"), w("delText"), w("instrText"),
                     w("sdtPr"), w("sdtEndPr"), w("pPrChange"), w("rPrChange")):
                continue
            if t == w("fldChar"):
                kind = c.get(w("fldCharType"))
                if kind == "begin":
                    self.fields.append("code")
                elif kind == "separate" and self.fields:
                    self.fields[-1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if t == w("t"):
                if self.visible():
                    self.buf.append(c.text or "")
            elif t == w("tab"):
                if self.visible():
                    self.buf.append("\t")
            elif t in (w("br"), w("cr")):
                if self.visible() and c.get(w("type"), "textWrapping") == "textWrapping":
                    self.buf.append("\n")
            elif t == w("noBreakHyphen"):
                self.buf.append("-")
            elif t == w("sym"):
                self.buf.append(chr(int(c.get(w("char")), 16)))
            elif t == f"{{{MC}}}AlternateContent":
                choice = c.find(f"{{{MC}}}Choice")
                if choice is not None:
                    self.inline(choice)
            elif t == f"{{{WPS}}}txbx" or t == f"{{{V}}}textbox":
                content = c.find(w("txbxContent"))
                if content is not None:
                    self.boxes.append(content)
            elif t == w("sdt"):
                content = c.find(w("sdtContent"))
                if content is not None:
                    self.inline(content)
            else:
                self.inline(c)  # r, ins, moveTo, smartTag, hyperlink, fldSimple, drawing, ...


if __name__ == "__main__":
    sys.stdout.write("\n".join(Reader(sys.argv[1]).body()))

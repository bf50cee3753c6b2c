#!/usr/bin/env python3
"""Rebuild the bad-input corpus for `wengao import` (see README.md for what each file is and
what the user must be told). Run from the repository root:

    python3 tests/import/bad/make_bad.py

Needs `msoffcrypto-tool` (pip) for the encrypted file and `soffice` for the Word 97 file; both
outputs are random-salted / stamped, so those two files are not byte-reproducible. The 50 MB
input is NOT here: tests generate it.
"""

import io
import os
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DOCX = os.path.join(HERE, "..", "docx")
SEEDS = os.path.join(HERE, "..", "seeds")


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def fixed_zip(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2021, 1, 7, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def not_a_zip():
    # A text file renamed to .docx (what "save as .docx" in a plain editor gives).
    lines = open(os.path.join(SEEDS, "000.txt"), encoding="utf-8").read().split("\n")[:3]
    write("not-a-zip.docx", ("\n".join(lines) + "\n").encode("utf-8"))


def zip_not_docx():
    # A zip of the report's text and a scan: a valid zip, no [Content_Types].xml, no word/.
    text = open(os.path.join(SEEDS, "004-4.txt"), encoding="utf-8").read().split("\n")[0]
    write("zip-not-docx.docx", fixed_zip([("工作总结/说明.txt", text.encode("utf-8")),
                                           ("工作总结/扫描件.png", png())]))


def xlsx_as_docx():
    # A valid OOXML package of the wrong kind: a spreadsheet renamed to .docx.
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          "</Types>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>")
    wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
          '<sheets><sheet name="指标" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wb_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
               "</Relationships>")
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>城乡居民医保参保人数</t></is></c><c r="B1"><v>311881</v></c></row>'
             "</sheetData></worksheet>")
    write("xlsx-renamed.docx", fixed_zip([
        ("[Content_Types].xml", ct), ("_rels/.rels", rels), ("xl/workbook.xml", wb),
        ("xl/_rels/workbook.xml.rels", wb_rels), ("xl/worksheets/sheet1.xml", sheet),
    ]))


def encrypted():
    # Word's "用密码进行加密": an OLE compound file (EncryptionInfo + EncryptedPackage, agile).
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile

    src = os.path.join(DOCX, "hard.docx")
    out = io.BytesIO()
    with open(src, "rb") as f:
        OOXMLFile(f).encrypt("wengao", out)
    write("encrypted.docx", out.getvalue())
    # check: it is OLE, msoffcrypto sees it encrypted, and the password opens it again
    data = out.getvalue()
    assert data[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    f = msoffcrypto.OfficeFile(io.BytesIO(data))
    assert f.is_encrypted()
    f.load_key(password="wengao")
    plain = io.BytesIO()
    f.decrypt(plain)
    assert plain.getvalue() == open(src, "rb").read()


def empty():
    write("empty.docx", b"")
    write("empty.txt", b"")


def pdf():
    # A tiny valid PDF 1.4 (one page, "2020 annual report" in Helvetica), offsets computed.
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    stream = b"BT /F1 18 Tf 72 760 Td (2020 annual report) Tj ET"
    objs[3] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    write("report.pdf", out)


def png():
    # A 16×16 grey PNG (a "scan"), valid CRCs.
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes([200 if (x + y) % 4 else 40 for x in range(16)]) for y in range(16))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def image():
    write("scan.png", png())


def truncated():
    data = open(os.path.join(DOCX, "004-3.lo.docx"), "rb").read()
    write("truncated.docx", data[: len(data) // 2])


def malformed():
    # hard.docx with one </w:p> removed from the middle of document.xml: the XML breaks
    # several paragraphs in, after text a streaming reader has already seen.
    src = zipfile.ZipFile(os.path.join(DOCX, "hard.docx"))
    entries = []
    for info in src.infolist():
        data = src.read(info.filename)
        if info.filename == "word/document.xml":
            text = data.decode("utf-8")
            cut = 0
            for _ in range(5):
                cut = text.index("</w:p>", cut + 1)
            text = text[:cut] + text[cut + len("</w:p>"):]
            data = text.encode("utf-8")
        entries.append((info.filename, data))
    write("malformed-xml.docx", fixed_zip(entries))


def word97():
    # A Word 97-2003 .doc (OLE, WordDocument stream) saved by LibreOffice, renamed to .docx.
    soffice = shutil.which("soffice")
    if not soffice:
        raise SystemExit("make_bad.py: soffice not found (needed for word97-renamed.docx)")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "doc:MS Word 97", "--outdir", tmp,
                        os.path.join(DOCX, "hard.docx")], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "hard.doc"), os.path.join(HERE, "word97-renamed.docx"))


def utf16():
    # Windows Notepad's "Unicode": UTF-16LE with a BOM, CRLF.
    lines = open(os.path.join(SEEDS, "004-2.txt"), encoding="utf-8").read().split("\n")[-4:]
    write("utf16le-bom.txt", b"\xff\xfe" + "\r\n".join(lines).encode("utf-16-le"))


if __name__ == "__main__":
    for step in (not_a_zip, zip_not_docx, xlsx_as_docx, encrypted, empty, pdf, image, truncated,
                 malformed, word97, utf16):
        step()
    print("wrote", " ".join(sorted(f for f in os.listdir(HERE) if not f.endswith((".py", ".md")))))

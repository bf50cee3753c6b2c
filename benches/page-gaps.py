#!/usr/bin/env python3
"""page-gaps: page counts and the largest empty run of lines on each page of rendered output.

Usage:
    benches/page-gaps.py OUT_DIR [--pngs]         # every *.docx and *.html in OUT_DIR
    benches/page-gaps.py FILE.docx|FILE.html|FILE.pdf ...

What it does, per input:
  * DOCX -> PDF with LibreOffice (headless), the official 公文 font names aliased to free fonts
    with fontconfig for the rendering only (the same aliases as ../shared/tools/look-docx);
  * HTML -> PDF with headless Chromium (--print-to-pdf, --no-pdf-header-footer), i.e. what
    "print" gives a reader;
  * each PDF page -> greyscale PGM with pdftoppm (100 dpi), then row scanning: a pixel row is
    "ink" when any pixel across the text block is darker than 160/255.

Measure ("empty lines"): on every page, the vertical runs of ink-free rows inside the 版心
(between the top and bottom page margins, and only across the text block's width: the page
number lives below the bottom margin, or in the left margin of a landscape page, and is not
counted). A run of k missing body lines between two text lines is k line pitches tall plus
the normal leading between glyphs; so a run of height h pt counts as (h - LEADING) / PITCH empty
lines, with PITCH = 28.95 pt (the body line pitch, GB/T 9704 22 lines) and LEADING = 13 pt (the
gap between two consecutive 三号 lines). The run below the last ink of a page down to the bottom
margin counts the same way. Two lines are exempt by nature: the last page of the document, and
a page followed by an 附件 page (its first text line starts with 附件) or by a landscape page, and
a landscape page itself (it holds one wide table) — these are reported but marked "exempt". The target is <= 2 empty lines on every other page.

The script needs LibreOffice, Chromium and poppler-utils (pdftoppm, pdftotext); it exits with an
error naming what is missing.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

DPI = 100
PITCH = 28.95  # pt, body line pitch
LEADING = 13.0  # pt, blank between consecutive body lines
INK = 160  # a pixel darker than this is ink
MM = 72 / 25.4  # pt per mm

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  {aliases}
</fontconfig>
"""
ALIASES = {
    "仿宋_GB2312": ["FandolFang R", "Noto Serif CJK SC"],
    "FangSong_GB2312": ["FandolFang R", "Noto Serif CJK SC"],
    "仿宋": ["FandolFang R", "Noto Serif CJK SC"],
    "FangSong": ["FandolFang R", "Noto Serif CJK SC"],
    "方正小标宋简体": ["Noto Serif CJK SC"],
    "方正小标宋_GBK": ["Noto Serif CJK SC"],
    "黑体": ["Noto Sans CJK SC"],
    "SimHei": ["Noto Sans CJK SC"],
    "楷体_GB2312": ["AR PL UKai CN", "FandolKai"],
    "楷体": ["AR PL UKai CN", "FandolKai"],
    "KaiTi": ["AR PL UKai CN", "FandolKai"],
    "宋体": ["Noto Serif CJK SC"],
    "SimSun": ["Noto Serif CJK SC"],
}


def need(tool):
    if shutil.which(tool) is None:
        sys.exit(f"page-gaps: {tool} is missing (install libreoffice / chromium / poppler-utils)")


def docx_to_pdf(docx, work):
    need("soffice")
    conf = os.path.join(work, "fonts.conf")
    aliases = "\n  ".join(
        '<alias binding="same"><family>{}</family><prefer>{}</prefer></alias>'.format(
            name, "".join(f"<family>{f}</family>" for f in fams)
        )
        for name, fams in ALIASES.items()
    )
    with open(conf, "w", encoding="utf-8") as f:
        f.write(FONTS_CONF.format(aliases=aliases))
    env = dict(os.environ, FONTCONFIG_FILE=conf, HOME=work)
    src = os.path.join(work, "doc.docx")
    shutil.copy(docx, src)
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{work}/lo",
         "--convert-to", "pdf", "--outdir", work, src],
        env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return os.path.join(work, "doc.pdf")


def html_to_pdf(html, work):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("page-gaps: chromium is missing (apt-get install -y chromium)")
    pdf = os.path.join(work, "doc.pdf")
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={work}/profile", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", "file://" + os.path.abspath(html)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return pdf


def read_pgm(path):
    with open(path, "rb") as f:
        data = f.read()
    # P5 <w> <h> <max>\n<bytes>
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    if not m:
        raise ValueError(f"not a binary PGM: {path}")
    w, h = int(m.group(1)), int(m.group(2))
    return w, h, data[m.end():]


def write_png(path, w, h, rows):
    """A greyscale PNG from rows of bytes (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + r for r in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))


def contact_sheet(pdf, out, dpi=45, per_row=4, gap=12):
    """All pages of `pdf` side by side (rows of `per_row`), to look at a document at once."""
    work = tempfile.mkdtemp(prefix="page-sheet-")
    try:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", pdf, f"{work}/p"], check=True)
        names = sorted((f for f in os.listdir(work) if f.endswith(".pgm")),
                       key=lambda f: int(re.search(r"(\d+)\.pgm$", f).group(1)))
        pages = [read_pgm(os.path.join(work, n)) for n in names]
        cw = max(p[0] for p in pages) + gap
        ch = max(p[1] for p in pages) + gap
        cols = min(per_row, len(pages))
        nrows = (len(pages) + per_row - 1) // per_row
        W, H = cols * cw + gap, nrows * ch + gap
        canvas = [bytearray(b"\x80" * W) for _ in range(H)]
        for i, (w, h, px) in enumerate(pages):
            x0 = gap + (i % per_row) * cw
            y0 = gap + (i // per_row) * ch
            for y in range(h):
                canvas[y0 + y][x0:x0 + w] = px[y * w:(y + 1) * w]
        write_png(out, W, H, [bytes(r) for r in canvas])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def page_text(pdf, n):
    out = subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-"],
                         check=True, capture_output=True, text=True).stdout
    return out


def lines_of(height_pt):
    return max(0.0, (height_pt - LEADING) / PITCH)


def measure(pdf, png_dir=None):
    need("pdftoppm")
    work = tempfile.mkdtemp(prefix="page-gaps-")
    try:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", pdf, f"{work}/p"], check=True)
        if png_dir:
            os.makedirs(png_dir, exist_ok=True)
            subprocess.run(["pdftoppm", "-r", "60", "-png", pdf, f"{png_dir}/page"], check=True)
            contact_sheet(pdf, os.path.join(png_dir, "sheet.png"))
        files = sorted(
            (f for f in os.listdir(work) if f.endswith(".pgm")),
            key=lambda f: int(re.search(r"(\d+)\.pgm$", f).group(1)),
        )
        pages = []
        for i, name in enumerate(files, 1):
            w, h, px = read_pgm(os.path.join(work, name))
            pt = 72 / DPI  # pt per pixel
            landscape = w > h
            # The 版心 of the page: portrait 37/35 mm top/bottom; a landscape page (turned
            # clockwise, GB/T 9704 8) has 28 mm on top and 26 mm at the bottom.
            top_mm, bottom_mm = (28, 26) if landscape else (37, 35)
            left_mm, right_mm = (35, 37) if landscape else (28, 26)
            y0 = int(top_mm * MM / pt)
            y1 = h - int(bottom_mm * MM / pt)
            # Only the columns of the text block: a landscape page's turned page number sits in
            # its left margin and must not count as text.
            x0 = int(left_mm * MM / pt)
            x1 = w - int(right_mm * MM / pt)
            ink = [min(px[y * w + x0:y * w + x1]) < INK for y in range(y0, y1)]
            runs, start, first, last = [], None, None, None
            for y, is_ink in enumerate(ink):
                if is_ink:
                    if first is None:
                        first = y
                    elif start is not None:
                        runs.append((y - start) * pt)
                    start, last = None, y
                elif start is None:
                    start = y
            trailing = (len(ink) - 1 - last) * pt if last is not None else len(ink) * pt
            inner = max(runs, default=0.0)
            pages.append({
                "page": i,
                "landscape": landscape,
                "inner": lines_of(inner),
                "trailing": lines_of(trailing),
                "first_text": page_text(pdf, i).strip().split("\n")[0].strip(),
            })
        for p, nxt in zip(pages, pages[1:] + [None]):
            if nxt is None:
                p["exempt"] = "last page"
            elif p["landscape"]:
                p["exempt"] = "landscape table page"
            elif nxt["first_text"].startswith("附件"):
                p["exempt"] = "before 附件"
            elif nxt["landscape"] and not p["landscape"]:
                p["exempt"] = "before landscape"
            else:
                p["exempt"] = ""
        return pages
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(path, png_root=None):
    work = tempfile.mkdtemp(prefix="page-gaps-src-")
    try:
        if path.endswith(".docx"):
            pdf = docx_to_pdf(path, work)
        elif path.endswith(".html"):
            pdf = html_to_pdf(path, work)
        else:
            pdf = path
        png_dir = None
        if png_root:
            png_dir = os.path.join(png_root, os.path.basename(path).replace(".", "-"))
            os.makedirs(png_dir, exist_ok=True)
            shutil.copy(pdf, os.path.join(png_dir, "document.pdf"))
        pages = measure(pdf, png_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    worst = max(
        (max(p["inner"], p["trailing"]) for p in pages if not p["exempt"]), default=0.0
    )
    detail = " ".join(
        "p{}{}:{:.1f}/{:.1f}{}".format(
            p["page"], "L" if p["landscape"] else "", p["inner"], p["trailing"],
            "*" if p["exempt"] else "",
        )
        for p in pages
    )
    print(f"{os.path.basename(path):32} pages {len(pages):2}  worst {worst:4.1f}  {detail}")
    return len(pages), worst


def main(argv):
    pngs = "--pngs" in argv
    args = [a for a in argv if a != "--pngs"]
    if not args:
        sys.exit(__doc__)
    files = []
    for a in args:
        if os.path.isdir(a):
            files += sorted(
                os.path.join(a, f) for f in os.listdir(a) if f.endswith((".docx", ".html"))
            )
        else:
            files.append(a)
    print("file                             pages        worst  per page: inner/trailing empty"
          " lines (* = exempt: last page, before 附件 or landscape)")
    for f in files:
        png_root = os.path.join(os.path.dirname(os.path.abspath(f)), "pages") if pngs else None
        report(f, png_root)


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/python3
"""LibreOffice playing the writer, for tests/update_lo.rs and tests/redline_lo.rs.

Run with a python that has `uno` (Debian: /usr/bin/python3, package python3-uno). Starts its own
soffice.bin with a private profile on the port given (the test picks a free one, so engineers'
LibreOffice sessions never collide), runs the commands in order, and stops it.

    office.py PORT PROFILE_DIR CMD ARGS... [CMD ARGS...]...

Commands:
    edit IN.docx OUT.docx         the writer's edits on the sanmen sample (see do_edit), saved
    dump IN.docx MODE OUT.json    paragraphs and tables after MODE = accept | reject | asis
    pdf IN.docx OUT.pdf           PDF export as opened (tracked changes shown)

Adapted from ../shared/research/figure-anchors/lo_edit.py and tracked_lo.py (same UNO calls;
the port and profile are parameters, and a soffice that cannot start is an error, never another
engineer's soffice on the same port).
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK


def pv(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


class Office:
    """A private soffice.bin listening on 127.0.0.1:PORT."""

    def __init__(self, port, profile):
        self.port, self.profile = port, profile
        program = os.environ.get("LO_PROGRAM", "/usr/lib/libreoffice/program")
        self.args = [os.path.join(program, "soffice.bin"),
                     f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
                     "--headless", "--invisible", "--norestore", "--nologo",
                     f"--accept=socket,host=127.0.0.1,port={port};urp;"]
        self.proc = subprocess.Popen(self.args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        restarts = 0
        for _ in range(90):
            code = self.proc.poll()
            if code == 81 and restarts < 2:  # a fresh profile: soffice asks to be restarted
                restarts += 1
                self.proc = subprocess.Popen(self.args, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL)
                continue
            if code is not None:
                raise SystemExit(f"soffice.bin exited with {code}")
            try:
                self.ctx = resolver.resolve(
                    f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                self.desktop = self.ctx.ServiceManager.createInstanceWithContext(
                    "com.sun.star.frame.Desktop", self.ctx)
                return
            except Exception:
                time.sleep(1)
        raise SystemExit("could not connect to soffice")

    def open(self, path):
        return self.desktop.loadComponentFromURL(url(path), "_blank", 0, (pv("Hidden", True),))

    def dispatch(self, doc, cmd):
        helper = self.ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", self.ctx)
        helper.executeDispatch(doc.CurrentController.Frame, cmd, "", 0, ())

    def stop(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.kill()
            self.proc.wait()


def paragraphs(doc):
    en = doc.Text.createEnumeration()
    while en.hasMoreElements():
        p = en.nextElement()
        if p.supportsService("com.sun.star.text.Paragraph"):
            yield p


def find(doc, s):
    """A cursor selecting the first occurrence of s in a paragraph's text portions."""
    for p in paragraphs(doc):
        if s not in p.getString():
            continue
        en = p.createEnumeration()
        while en.hasMoreElements():
            portion = en.nextElement()
            txt = portion.getString()
            if portion.TextPortionType == "Text" and s in txt:
                c = portion.getText().createTextCursorByRange(portion.getStart())
                c.goRight(txt.index(s), False)
                c.goRight(len(s), True)
                return c
    raise SystemExit(f"not found: {s}")


def do_edit(doc):
    """The writer's edits on the sanmen sample, as tests/update.rs makes them in the XML."""
    text = doc.Text
    fig = next(p for p in paragraphs(doc) if "参保人数为311881" in p.getString())
    c = text.createTextCursorByRange(fig.getStart())
    text.insertString(c, "新增加的一句话。", False)          # a new paragraph before it
    text.insertControlCharacter(c, PARAGRAPH_BREAK, False)
    text.insertString(c, "据统计，", False)                 # typed at the paragraph's start
    r = find(doc, "311881")
    text.insertString(r.getText().createTextCursorByRange(r.getStart()), "约", False)
    r = find(doc, "99.87%")                                  # typed right after a figure
    r.getText().insertString(r.getText().createTextCursorByRange(r.getEnd()),
                             "（同比提高0.1个百分点）", False)
    find(doc, "98166").setPropertyValue("CharWeight", 150.0)  # bold
    gone = next(p for p in paragraphs(doc) if p.getString().startswith("2020年全县生育保险"))
    c = text.createTextCursorByRange(gone.getStart())       # a paragraph deleted
    c.gotoNextParagraph(True)
    c.setString("")
    find(doc, "44275").setString("44280")                    # a figure retyped
    copy = next(p for p in paragraphs(doc) if "598532.80" in p.getString())
    ctrl = doc.getCurrentController()                        # a sentence copied to the end
    c = text.createTextCursorByRange(copy.getStart())
    c.gotoEndOfParagraph(True)
    ctrl.select(c)
    t = ctrl.getTransferable()
    text.insertControlCharacter(text.getEnd(), PARAGRAPH_BREAK, False)
    vc = ctrl.getViewCursor()
    vc.gotoEnd(False)
    ctrl.insertTransferable(t)


def dump(doc):
    """Paragraphs and tables in document order, as {"p": text} and {"t": [cells]}."""
    out = []
    en = doc.Text.createEnumeration()
    while en.hasMoreElements():
        e = en.nextElement()
        if e.supportsService("com.sun.star.text.TextTable"):
            out.append({"t": [e.getCellByName(n).getString() for n in e.getCellNames()]})
        elif e.supportsService("com.sun.star.text.Paragraph"):
            out.append({"p": e.getString()})
    return out


def main():
    port, profile = int(sys.argv[1]), sys.argv[2]
    args = sys.argv[3:]
    office = Office(port, profile)
    try:
        while args:
            cmd = args.pop(0)
            if cmd == "edit":
                src, dst = args.pop(0), args.pop(0)
                doc = office.open(src)
                do_edit(doc)
                doc.storeToURL(url(dst), (pv("FilterName", "MS Word 2007 XML"),))
                doc.close(True)
            elif cmd == "dump":
                src, mode, dst = args.pop(0), args.pop(0), args.pop(0)
                doc = office.open(src)
                if mode == "accept":
                    office.dispatch(doc, ".uno:AcceptAllTrackedChanges")
                elif mode == "reject":
                    office.dispatch(doc, ".uno:RejectAllTrackedChanges")
                items = dump(doc)
                redlines = doc.Redlines.createEnumeration().hasMoreElements()
                with open(dst, "w") as fh:
                    json.dump({"items": items, "redlines_left": redlines}, fh, ensure_ascii=False)
                doc.close(True)
            elif cmd == "pdf":
                src, dst = args.pop(0), args.pop(0)
                doc = office.open(src)
                doc.storeToURL(url(dst), (pv("FilterName", "writer_pdf_Export"),))
                doc.close(True)
            else:
                raise SystemExit(f"unknown command {cmd}")
    finally:
        office.stop()


if __name__ == "__main__":
    main()

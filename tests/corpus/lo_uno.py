"""LibreOffice's own reading of .docx files, run headless through Python-UNO: one soffice for many files.

Usage (with the system Python that has Debian's python3-uno, not the project's virtualenv):

    /usr/bin/python3 tests/corpus/lo_uno.py JOBS.json RESULTS.json

JOBS.json is a list of {"path": ..., "action": "none" | "accept" | "reject"}. For each job the file
is opened hidden, LibreOffice's own Accept All / Reject All tracked changes command is run when
asked, and the text LibreOffice then shows is written to RESULTS.json as
{"ok": bool, "error": str, "stories": {"body": [...], "footnotes": [...], "text boxes": [...], ...},
"redlines": int, "left": int} (tracked changes before and after the command).
Nothing here knows about docgen; it is the second, independent opinion on a redline.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # noqa: F401  (Debian's python3-uno; sets up the pyuno bridge)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name: str, value) -> PropertyValue:
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe: str, soffice: subprocess.Popen, timeout: float = 90.0):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if soffice.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("soffice did not start accepting connections")
            time.sleep(0.3)


def paragraphs(text) -> list[str]:
    """The paragraphs of a text (tables cell by cell), in order, as LibreOffice shows them: each
    with the list label LibreOffice itself renders from the numbering definitions."""
    out: list[str] = []
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        part = enum.nextElement()
        if part.supportsService("com.sun.star.text.TextTable"):
            for name in part.getCellNames():
                out.extend(paragraphs(part.getCellByName(name).getText()))
        else:
            label = part.getPropertyValue("ListLabelString") if part.getPropertySetInfo().hasPropertyByName("ListLabelString") else ""
            out.append(f"[{label}] {shown(part)}" if label else shown(part))
    return out


def shown(paragraph) -> str:
    """A paragraph's text with page-number fields as '#': their value depends on where LibreOffice
    lays the page out, not on the document."""
    pieces = []
    portions = paragraph.createEnumeration()
    while portions.hasMoreElements():
        portion = portions.nextElement()
        if portion.TextPortionType == "TextField":
            fld = portion.TextField
            if fld is not None and (fld.supportsService("com.sun.star.text.TextField.PageNumber") or fld.supportsService("com.sun.star.text.TextField.PageCount")):
                pieces.append("#")
                continue
        pieces.append(portion.getString())
    return "".join(pieces)


def stories(doc) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"body": paragraphs(doc.getText())}
    found["footnotes"] = [s for n in iterate(doc.getFootnotes()) for s in paragraphs(n)]
    found["endnotes"] = [s for n in iterate(doc.getEndnotes()) for s in paragraphs(n)]
    frames = doc.getTextFrames()
    found["frames"] = sorted(s for name in frames.getElementNames() for s in paragraphs(frames.getByName(name).getText()))
    found["text boxes"] = sorted(shape_texts(doc))
    heads: set[str] = set()
    page_styles = doc.getStyleFamilies().getByName("PageStyles")
    for name in page_styles.getElementNames():
        style = page_styles.getByName(name)
        if not style.isInUse():
            continue
        for flag, prop_names in (("HeaderIsOn", ("HeaderText", "HeaderTextFirst", "HeaderTextLeft")), ("FooterIsOn", ("FooterText", "FooterTextFirst", "FooterTextLeft"))):
            if not style.getPropertyValue(flag):
                continue
            for p in prop_names:
                try:
                    text = style.getPropertyValue(p)
                except Exception:
                    continue
                if text is not None:
                    heads.add("\n".join(paragraphs(text)))
    found["headers and footers"] = sorted(heads)
    return found


def shape_texts(doc) -> list[str]:
    """The text of each drawing shape: a Word text box arrives as a shape whose text lives in a
    linked text frame (TextBoxContent), other shapes hold their text themselves."""
    out = []
    page = doc.getDrawPage()
    for i in range(page.getCount()):
        shape = page.getByIndex(i)
        info = shape.getPropertySetInfo() if hasattr(shape, "getPropertySetInfo") else None
        if info is not None and info.hasPropertyByName("TextBox") and shape.getPropertyValue("TextBox"):
            frame = shape.getPropertyValue("TextBoxContent")
            if frame is not None:
                out.append("\n".join(paragraphs(frame.getText())))
                continue
        if hasattr(shape, "getString") and shape.getString():
            out.append(shape.getString())
    return out


def iterate(index_access):
    return [index_access.getByIndex(i) for i in range(index_access.getCount())]


def run_job(desktop, dispatcher, job: dict) -> dict:
    url = uno.systemPathToFileUrl(str(Path(job["path"]).resolve()))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True), prop("ReadOnly", False)))
    if doc is None:
        return {"ok": False, "error": "LibreOffice could not open the file", "stories": {}, "redlines": 0}
    try:
        before = doc.getRedlines().getCount() if hasattr(doc, "getRedlines") else -1
        if job["action"] in ("accept", "reject"):
            frame = doc.getCurrentController().getFrame()
            command = ".uno:AcceptAllTrackedChanges" if job["action"] == "accept" else ".uno:RejectAllTrackedChanges"
            dispatcher.executeDispatch(frame, command, "", 0, ())
        after = doc.getRedlines().getCount() if hasattr(doc, "getRedlines") else -1
        return {"ok": True, "error": "", "stories": stories(doc), "redlines": before, "left": after}
    finally:
        doc.close(True)


def main(jobs_path: str, results_path: str) -> int:
    jobs = json.loads(Path(jobs_path).read_text())
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SystemExit("soffice not found")
    with tempfile.TemporaryDirectory(prefix="corpus-uno-") as tmp:
        pipe = f"corpus_uno_{os.getpid()}"
        profile = Path(tmp, "profile").as_uri()
        soffice = subprocess.Popen(
            [exe, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            ctx = connect(pipe, soffice)
            smgr = ctx.ServiceManager
            desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
            results = []
            for job in jobs:
                try:
                    results.append(run_job(desktop, dispatcher, job))
                except Exception as exc:  # one bad file must not hide the others' results
                    results.append({"ok": False, "error": f"{type(exc).__name__}: {exc}", "stories": {}, "redlines": 0})
            Path(results_path).write_text(json.dumps(results, ensure_ascii=False, indent=1))
            try:
                desktop.terminate()
            except Exception:
                pass
        finally:
            try:
                soffice.wait(timeout=30)
            except subprocess.TimeoutExpired:
                soffice.kill()
                soffice.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))

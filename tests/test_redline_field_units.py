"""A simple field (`w:fldSimple`) inserted, deleted or changed is tracked as one unit.

A revision cannot hold a `w:fldSimple`, and tracking only its result leaves the field
element behind after accept or reject: an empty DATE where it was deleted, a second PAGE
where it was changed. So the redline spells such a field as the complex field it stands for,
every run of it tracked. Each pair below is written by hand, redlined, and held to the
independent checker (tests/corpus/checker.py): accept-all gives NEW, reject-all gives OLD, in
the body, a header and a footer; docgen's own accept/reject agrees.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from corpus import checker
from corpus.wml import Doc, p, r
from docgen.ooxml.revisions import accept_all, reject_all
from docgen.readers.docx import read_docx
from docgen.transforms.compare import compare
from docgen.writers.redline_docx import write_redline

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def simple(instr: str, result: str, rpr: str = "") -> str:
    return f'<w:fldSimple w:instr=" {instr} "><w:r>{rpr and f"<w:rPr>{rpr}</w:rPr>"}<w:t>{result}</w:t></w:r></w:fldSimple>'


PAIRS = {
    "deleted": ([p(r("Date: "), simple("DATE", "1 May 2025"))], [p(r("Date: "))]),
    "inserted": ([p(r("Name: "))], [p(r("Name: "), simple("FILENAME", "report.docx"))]),
    "instruction changed": ([p(r("Date: "), simple("DATE", "1 May"))], [p(r("Date: "), simple("DATE \\@ &quot;d MMMM&quot;", "1 May"))]),
    "result changed": ([p(r("Page "), simple("PAGE", "1", "<w:b/>"))], [p(r("Page "), simple("PAGE", "2", "<w:b/>"))]),
    "paragraph deleted": ([p(r("Dear ")), p(simple("GREETINGLINE", "Dear Sir"))], [p(r("Dear "))]),
    "paragraph inserted": ([p(r("Report"))], [p(r("Report")), p(r("Title: "), simple("TITLE", "Annual"))]),
}


def stories(kind: str, body: list[str]) -> Doc:
    if kind == "body":
        return Doc(body)
    return Doc([p(r("text"))], **{kind: body})


@pytest.mark.parametrize("story", ["body", "header", "footer"])
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_a_simple_field_comes_and_goes_whole(tmp_path: Path, name: str, story: str):
    old_body, new_body = PAIRS[name]
    old = stories(story, old_body).save(tmp_path / "old.docx")
    new = stories(story, new_body).save(tmp_path / "new.docx")
    red = write_redline(compare(read_docx(old), read_docx(new)), author="t", date="2025-05-02T09:30:00Z")
    report = checker.check_redline(red, old.read_bytes(), new.read_bytes())
    assert report.all() == []
    part = {"body": "word/document.xml", "header": "word/header1.xml", "footer": "word/footer1.xml"}[story]
    with zipfile.ZipFile(io.BytesIO(red)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    tree = etree.fromstring(parts[part])
    # No simple field under a revision's result only: every fldSimple left is an untouched one.
    for fld in tree.iter(f"{{{W}}}fldSimple"):
        assert not list(fld.iter(f"{{{W}}}ins", f"{{{W}}}del")), etree.tostring(fld)
    for resolved, expected in ((accept_all(parts), new), (reject_all(parts), old)):
        assert _fields(resolved[part]) == _fields(zipfile.ZipFile(expected).read(part))


def _fields(xml: bytes) -> list[str]:
    """Each field's instruction and result text, simple or complex alike, in order."""
    out: list[str] = []
    root = etree.fromstring(xml)
    code: list[str] | None = None
    for el in root.iter(f"{{{W}}}fldSimple", f"{{{W}}}fldChar", f"{{{W}}}instrText", f"{{{W}}}t"):
        tag = etree.QName(el).localname
        if tag == "fldSimple":
            out.append(f"{{{el.get(f'{{{W}}}instr').strip()}}}")
        elif tag == "fldChar":
            kind = el.get(f"{{{W}}}fldCharType")
            if kind == "begin":
                code = []
            elif kind == "separate" and code is not None:
                out.append(f"{{{''.join(code).strip()}}}")
                code = None
        elif tag == "instrText" and code is not None:
            code.append(el.text or "")
        elif tag == "t":
            out.append(el.text or "")
    return out

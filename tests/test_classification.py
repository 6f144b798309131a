"""Every generated document carries its classification ("DCC Public") on every page: Word
documents in their footer, workbooks in each sheet's footer. Checked with python-docx and
openpyxl, which share no code with the stamping."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
from openpyxl import Workbook, load_workbook

from docgen.ooxml.markup.classification import stamp_docx
from synth.docx import DocxBuilder
from docgen.writers.workbook_stamp import stamp_workbook

WHEN = dt.datetime(2025, 2, 5)


def _plain_docx() -> bytes:
    b = DocxBuilder(title="Plain")
    b.paragraph("Body text that must not change.")
    return b.to_bytes()


def _footers(data: bytes) -> list[str]:
    d = docx.Document(io.BytesIO(data))
    return ["\n".join(p.text for p in s.footer.paragraphs) for s in d.sections]


def test_a_document_without_footers_gets_one_saying_the_classification():
    original = _plain_docx()
    stamped = stamp_docx(original, "DCC Public")
    assert all("DCC Public" in text for text in _footers(stamped))
    assert [p.text for p in docx.Document(io.BytesIO(stamped)).paragraphs] == [p.text for p in docx.Document(io.BytesIO(original)).paragraphs]
    assert stamp_docx(stamped, "DCC Public") == stamped  # once only


def test_an_existing_footer_keeps_its_content_and_gains_the_line():
    d = docx.Document()
    d.add_paragraph("Body")
    d.sections[0].footer.paragraphs[0].text = "SEC Appendix AM – Page"
    buf = io.BytesIO()
    d.save(buf)
    (text,) = _footers(stamp_docx(buf.getvalue(), "DCC Internal"))
    assert text.splitlines() == ["SEC Appendix AM – Page", "DCC Internal"]


def test_a_document_whose_header_already_says_it_is_left_alone():
    d = docx.Document()
    d.add_paragraph("Body")
    d.sections[0].header.paragraphs[0].text = "DCC Public"
    buf = io.BytesIO()
    d.save(buf)
    assert stamp_docx(buf.getvalue(), "DCC Public") == buf.getvalue()


def test_every_sheet_of_a_workbook_prints_the_classification(tmp_path: Path):
    wb = Workbook()
    wb.active["A1"] = "=1+1"
    wb.create_sheet("Second")["A1"] = "x"
    buf = io.BytesIO()
    wb.save(buf)
    stamped = stamp_workbook(buf.getvalue(), "DCC Public", WHEN)
    back = load_workbook(io.BytesIO(stamped))
    assert [ws.oddFooter.center.text for ws in back.worksheets] == ["DCC Public", "DCC Public"]
    assert back.worksheets[0]["A1"].value == "=1+1"
    assert stamp_workbook(stamped, "DCC Public", WHEN) == stamped


def test_the_workbook_redline_carries_the_classification(tmp_path: Path):
    from docgen.readers.workbook import read_workbook
    from docgen.writers.redline_xlsx import redline_workbook

    for name, value in (("old.xlsx", "SRV 1.1"), ("new.xlsx", "SRV 1.2")):
        wb = Workbook()
        wb.active.append(["S1SR Clause", "SRV"])
        wb.active.append(["18.1", value])
        wb.save(tmp_path / name)
    data = redline_workbook(read_workbook(tmp_path / "old.xlsx"), read_workbook(tmp_path / "new.xlsx"), author="DCC", date="2025-02-05T00:00:00Z", classification="DCC Public").data
    back = load_workbook(io.BytesIO(data))
    assert all(ws.oddFooter.center.text == "DCC Public" for ws in back.worksheets)

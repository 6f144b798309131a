"""Documents and workbooks built in code for the renumber and fix tests.

The Word list is numbered the way the S1SR is: level 0 the section heading ("18"), level 1
the clauses ("18.5"), level 2 the items ("(p)"), level 3 the sub-items ("(i)"), level 4 the
sub-sub-items ("(A)"). Paragraphs are written as (kind, text) pairs, so a test reads like
the outline it stands for. In a text, "[REF name|18.5(c)]" is a Word REF field to the
bookmark `name` with the cached result "18.5(c)"; a third element names the paragraph's own
bookmark.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from docgen.model import Document
from docgen.readers import read_document
from synth.docx import DocxBuilder, Level

ILVL = {"h": 0, "c": 1, "i": 2, "s": 3, "ss": 4}
_FIELD = re.compile(r"\[REF (?P<name>\w+)\|(?P<result>[^\]]+)\]")


def build_docx(paras: Sequence[tuple[str, ...]], path: Path, *, first_section: int = 18, levels: int = 5) -> Path:
    b = DocxBuilder(title="SMETS1 Supporting Requirements")
    all_levels = [
        Level(0, "decimal", "%1", pstyle="Heading1"),
        Level(1, "decimal", "%1.%2", indent_left=0),
        Level(2, "lowerLetter", "(%3)", indent_left=720),
        Level(3, "lowerRoman", "(%4)", indent_left=1440),
        Level(4, "upperLetter", "(%5)", indent_left=2160),
    ]
    b.abstract_num(1, all_levels[:levels])
    b.num(1, 1, {0: first_section} if first_section != 1 else None)
    b.style("Heading1", "heading 1", based_on="Normal", num_id=1, bold=True)
    b.style("ItemStyle", "Item", based_on="Normal", num_id=1, ilvl=2)
    for para in paras:
        kind, text = para[0], para[1]
        bookmark = para[2] if len(para) > 2 else None
        runs = _runs(text)
        if kind == "h":
            b.paragraph(text, style="Heading1")
        elif kind in ILVL:
            b.paragraph(text if runs is None else "", num_id=1, ilvl=ILVL[kind], runs=runs, bookmark=bookmark)
        elif kind == "styled":  # an item whose numbering comes from its paragraph style
            b.paragraph(text, style="ItemStyle", bookmark=bookmark)
        elif kind == "indented":  # an item with a direct indent on the paragraph
            b.raw_body_xml(
                '<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr>'
                f'<w:ind w:left="720" w:hanging="567"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
            )
        elif kind in ("t", "p"):
            b.paragraph(text if runs is None else "", runs=runs)
        else:
            raise ValueError(f"unknown paragraph kind {kind!r}")
    b.save(path)
    return path


def _runs(text: str) -> list[tuple[str, dict]] | None:
    if not _FIELD.search(text):
        return None
    runs: list[tuple[str, dict]] = []
    at = 0
    for m in _FIELD.finditer(text):
        if m.start() > at:
            runs.append((text[at : m.start()], {}))
        runs.append((m.group("result"), {"field": f"REF {m.group('name')} \\w \\h"}))
        at = m.end()
    if at < len(text):
        runs.append((text[at:], {}))
    return runs


def doc_from(paras: Sequence[tuple[str, ...]], tmp_path: Path, name: str = "doc.docx", **kw) -> Document:
    return read_document(build_docx(paras, tmp_path / name, **kw))


def refs(doc: Document) -> list[str]:
    return [c.ref for c in doc.clauses]


def refs_and_texts(doc: Document) -> list[tuple[str, str]]:
    return [(c.ref, c.text) for c in doc.clauses]


def part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


# A DMVES-like workbook: title rows, a header on row 4, one row per (ref, device, SRV), and
# formatting that a round trip through openpyxl would disturb if it were used to save it.
HEADER = ("S1SR Clause", "Manufacturer", "Device Model(s)", "EPCL GroupID", "Cohort", "SRV", "Notes")


def build_xlsx(rows: Sequence[tuple[str, str, str] | tuple[str, str, str, str]], path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "ESME"
    ws["A1"] = "SEC Appendix AM Annex A - Device Model Variations to Equivalent Steps Matrix"
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    ws.append([])
    ws.append(list(HEADER))
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFDDEBF7")
    for row in rows:
        ref, device, srv = row[0], row[1], row[2]
        note = row[3] if len(row) > 3 else ""
        ws.append([ref, device.split()[0], device, "XX", "IOC", srv, note])
    ws.column_dimensions["A"].width = 18
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())
    return path

"""Documents and workbooks built in code for the renumber and fix tests.

The documents are `lint_builders.build_docx` outlines numbered from section 18 (see there
for the paragraph kinds, REF fields and bookmarks); the workbook is a DMVES-like .xlsx.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

import lint_builders
from docgen.model import Document
from docgen.readers import read_document
from lint_builders import ILVL, Para, refs, refs_and_texts  # noqa: F401 - the renumber tests import them from here

__all__ = ["ILVL", "build_docx", "build_xlsx", "doc_from", "part", "refs", "refs_and_texts"]


def build_docx(paras: Sequence[Para], path: Path, *, first_section: int = 18, levels: int = 5) -> Path:
    return lint_builders.build_docx(paras, path, first_section=first_section, title="SMETS1 Supporting Requirements", levels=levels)


def doc_from(paras: Sequence[Para], tmp_path: Path, name: str = "doc.docx", **kw) -> Document:
    return read_document(build_docx(paras, tmp_path / name, **kw))


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

"""A security classification ("DCC Public") on every printed page of a workbook.

Excel and LibreOffice print a sheet's header and footer on each page, so that is where a
workbook carries its classification; the cells, which filters and formulas read, are not
touched. A sheet whose header or footer already shows the text is left alone.
"""

from __future__ import annotations

import datetime as _dt
import io
from typing import Any

from docgen.ooxml.sheets.workbook import workbook_bytes


def _says(ws: Any, text: str) -> bool:
    parts = []
    for hf in (ws.oddHeader, ws.oddFooter, ws.firstHeader, ws.firstFooter):
        for side in (hf.left, hf.center, hf.right):
            parts.append(side.text or "")
    return any(text in p for p in parts)


def classify_sheet(ws: Any, text: str | None) -> None:
    """`text` centred in the sheet's footer, the page number on the right, unless either is set."""
    if not text or _says(ws, text):
        return
    footer = ws.oddFooter
    if not footer.center.text:
        footer.center.text = text
        footer.center.size = 8
    elif not footer.left.text:
        footer.left.text = text
    else:
        footer.center.text = f"{footer.center.text} {text}"
    if not footer.right.text:
        footer.right.text = "Page &P of &N"


def stamp_workbook(data: bytes, text: str, when: _dt.datetime) -> bytes:
    """The workbook with `text` in every sheet's footer, written reproducibly (dated `when`)."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), data_only=False, rich_text=True, keep_vba=False, keep_links=False)
    if all(_says(ws, text) for ws in wb.worksheets):
        return data
    for ws in wb.worksheets:
        classify_sheet(ws, text)
    return workbook_bytes(wb, when)


__all__ = ["classify_sheet", "stamp_workbook"]

"""Reading an .xlsx as a plain grid of values per sheet, for the workbook redline.

The DMVES reader interprets a workbook (which column holds the clause, which the device);
the redline must not, because it has to work on any sheet and keep what it does not
understand. So this reader keeps everything that makes a sheet look like itself — values,
column widths, merged ranges, frozen panes and the handful of cell styles a matrix uses —
and nothing that needs interpreting. Formulas are read as the values Excel last saved:
a redline compares what a reader of the workbook sees. The vetted bytes are kept too, so
the redline can start from NEW's own workbook (formulas, validation, print set-up intact)
without reading the file a second time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from docgen.errors import InputError
from docgen.limits import Limits
from docgen.model import CellStyle, SheetModel, WorkbookModel
from docgen.ooxml.package import Package
from docgen.ooxml.parts import find_main_part
from docgen.ooxml.sheets.workbook import open_workbook
from docgen.refs.labels import column_index, column_letter

KIND = "Excel workbook (.xlsx)"

def read_workbook(path: str | Path, limits: Limits | None = None) -> WorkbookModel:
    path = Path(path)
    with Package(path, limits, kind=KIND) as pkg:
        if not pkg.has("xl/workbook.xml"):
            if find_main_part(pkg.parts(), pkg.limits, file=str(pkg.path)) is not None:
                raise InputError(path, "is a Word document, not an Excel workbook", "compare .docx files with .docx files")
            raise InputError(path, "has no xl/workbook.xml, so it is not an Excel workbook", "give an .xlsx saved by Excel")
        pkg.refuse_dtds()
    data = path.read_bytes()
    workbook = open_workbook(path, data, data_only=True, rich_text=False)
    try:
        model = WorkbookModel(source=str(path), title=workbook.properties.title, data=data)
        model.sheets = [_sheet(ws) for ws in workbook.worksheets]
    finally:
        workbook.close()
    return model


def _existing_cells(ws: Any) -> Iterable[Any]:
    """The cells present in the file only: iter_rows would visit every coordinate up to the
    last used row, and one formatted cell at row 1,048,576 would make that a million rows."""
    cells = getattr(ws, "_cells", None)
    if isinstance(cells, dict):
        return [cells[k] for k in sorted(cells)]
    return [cell for row in ws.iter_rows() for cell in row]


def _sheet(ws: Any) -> SheetModel:
    sheet = SheetModel(title=ws.title, hidden=ws.sheet_state != "visible")
    for cell in _existing_cells(ws):
        if type(cell).__name__ == "MergedCell":
            continue
        value = cell.value
        if isinstance(value, str) and not value.strip():
            value = None
        if value is not None:
            sheet.cells[(cell.row, cell.column)] = value
        style = _style(cell)
        if style != CellStyle() and value is not None:
            sheet.styles[(cell.row, cell.column)] = style
    for letter, dim in sorted(ws.column_dimensions.items()):
        if not dim.width:
            continue
        # One <col> element may cover a range of columns (min..max) with one width.
        first, last = dim.min or 0, dim.max or 0
        span = range(first, last + 1) if 0 < first <= last <= first + 256 else ()
        for index in span:
            sheet.column_widths[column_letter(index)] = float(dim.width)
        sheet.column_widths.setdefault(letter, float(dim.width))
    sheet.merged = sorted((r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges)
    if ws.freeze_panes:
        from openpyxl.utils.cell import coordinate_from_string

        letters, row = coordinate_from_string(ws.freeze_panes)
        sheet.freeze = (row, column_index(letters))
    return sheet


def _style(cell: Any) -> CellStyle:
    font, fill, align = cell.font, cell.fill, cell.alignment
    fill_rgb = None
    if fill is not None and fill.fill_type == "solid":
        rgb = getattr(fill.fgColor, "rgb", None)
        fill_rgb = rgb if isinstance(rgb, str) else None
    return CellStyle(
        bold=bool(font is not None and font.b),
        italic=bool(font is not None and font.i),
        size=float(font.sz) if font is not None and font.sz and float(font.sz) != 11.0 else None,
        fill=fill_rgb,
        wrap=bool(align is not None and align.wrap_text),
        vertical=align.vertical if align is not None else None,
        number_format=cell.number_format or "General",
    )

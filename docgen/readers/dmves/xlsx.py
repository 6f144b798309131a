"""Loading an .xlsx/.xlsm workbook into grids, after the package has been vetted.

openpyxl is used in normal (not read-only) mode because read-only worksheets do not expose
merged ranges, and with `rich_text=True` so that struck-through runs inside a cell can be told
from the rest. It never runs macros; `keep_vba=False` also means the VBA part is not even
kept in memory. Values are the cached results Excel saved (`data_only=True`): openpyxl does
not calculate, so a formula nobody recalculated has no value and is flagged as such.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Iterable

from docgen.ooxml.package import Package
from docgen.ooxml.sheets.workbook import open_workbook
from docgen.readers.dmves.grid import Grid, GridCell, Merge

# A formula element in sheet XML, with or without a namespace prefix.
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_DECIMALS = re.compile(r"^0\.(0+)$")


def load_xlsx_grids(pkg: Package) -> list[Grid]:
    """Every worksheet as a Grid, in workbook order (chart sheets have no cells and are left out)."""
    has_formulas = _vet_xml_parts(pkg)
    data = pkg.path.read_bytes()  # already size-checked by Package
    workbook = open_workbook(pkg.path, data, data_only=True)
    formulas = _formula_cells(pkg, data) if has_formulas else set()
    grids = []
    try:
        for ws in workbook.worksheets:
            grids.append(_sheet_grid(ws, formulas))
    finally:
        workbook.close()
    return grids


def _vet_xml_parts(pkg: Package) -> bool:
    """Refuse any part declaring a DTD, anywhere in it (a long comment can push one past a
    header check): openpyxl parses with the standard library, which expands internal
    entities, and Office never writes a DTD. Says whether any worksheet holds a formula,
    since the bytes are in hand."""
    has_formulas = False
    for name in sorted(pkg.names):
        if not name.lower().endswith((".xml", ".rels", ".vml")):
            continue
        data = pkg.read(name)
        pkg.refuse_dtd(name, data)
        if name.startswith("xl/worksheets/") and not has_formulas:
            has_formulas = bool(_FORMULA_TAG.search(data))
    return has_formulas


def _formula_cells(pkg: Package, data: bytes) -> set[tuple[str, int, int]]:
    """(sheet, row, col) of every formula; only needed to tell 'no value' from 'empty'."""
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    workbook = open_workbook(pkg.path, data, data_only=False, read_only=True)
    found: set[tuple[str, int, int]] = set()
    try:
        for ws in workbook.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if isinstance(value, (ArrayFormula, DataTableFormula)) or (
                        isinstance(value, str) and value.startswith("=")
                    ):
                        found.add((ws.title, cell.row, cell.column))
    finally:
        workbook.close()
    return found


def _existing_cells(ws: Any) -> Iterable[Any]:
    """Only the cells present in the file. Public iteration (iter_rows) materialises every
    coordinate up to max_row, and one formatted cell at row 1,048,576 would make that millions."""
    cells = getattr(ws, "_cells", None)
    if isinstance(cells, dict):
        return list(cells.values())
    return [cell for row in ws.iter_rows() for cell in row]


def _sheet_grid(ws: Any, formulas: set[tuple[str, int, int]]) -> Grid:
    from openpyxl.cell.rich_text import CellRichText

    grid = Grid(ws.title, hidden=ws.sheet_state != "visible")
    for cell in _existing_cells(ws):
        if type(cell).__name__ == "MergedCell":
            continue
        made = _grid_cell(cell, (ws.title, cell.row, cell.column) in formulas, CellRichText)
        if made is not None:
            grid.cells[(cell.row, cell.column)] = made
    merges = [Merge(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
    merges.sort(key=lambda m: (m.min_row, m.min_col))
    grid.spread_merges(merges)
    return grid


def _grid_cell(cell: Any, is_formula: bool, rich_type: type) -> GridCell | None:
    value = cell.value
    cell_struck = bool(cell.font is not None and cell.font.strike)
    if value is None:
        return GridCell("", "", uncached_formula=True) if is_formula else None
    if isinstance(value, rich_type):
        full, kept = _rich_text(value, cell_struck)
        return GridCell(full, kept)
    number = False
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, (int, float)):
        text, number = _number_text(value, cell.number_format or "General")
    elif isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        text = value.isoformat()
    else:
        text = str(value)
    return GridCell(text, "" if cell_struck else text, number=number)


def _rich_text(value: Any, cell_struck: bool) -> tuple[str, str]:
    """A run with its own properties is struck only if they say so (Excel does not merge run and
    cell fonts); a bare run takes the cell's font."""
    full: list[str] = []
    kept: list[str] = []
    for block in value:
        if isinstance(block, str):
            text, struck = block, cell_struck
        else:
            text = block.text or ""
            struck = bool(block.font is not None and block.font.strike)
        full.append(text)
        if not struck:
            kept.append(text)
    return "".join(full), "".join(kept)


def _number_text(value: int | float, number_format: str) -> tuple[str, bool]:
    """The number as Excel shows it: '0.00' keeps its decimals ('18.10'); under General a
    trailing zero is gone for good, which the caller reports for reference cells."""
    decimals = _DECIMALS.match(number_format)
    if decimals and isinstance(value, (int, float)):
        return f"{value:.{len(decimals.group(1))}f}", False
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), False
    if isinstance(value, int):
        return str(value), False
    return repr(value), True

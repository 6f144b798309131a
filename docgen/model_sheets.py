"""The matrix and workbook halves of the clause model (docgen.model names them too).

A DMVES matrix row ties a clause reference to device models and SRVs; a workbook model is
what the workbook redline compares cell by cell. Only the matrix and workbook paths make
these, so they are kept out of the module every reader imports.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class MatrixRow:
    """One DMVES row: a clause reference tied to device models and SRVs."""

    ref: str  # canonical, "18.5(p)"
    ref_as_written: str
    srv: list[str] = field(default_factory=list)
    device_models: list[str] = field(default_factory=list)
    group_ids: list[str] = field(default_factory=list)
    cohort: str | None = None
    sheet: str = ""
    cell: str = ""  # the reference cell, "C12"
    row: int = 0  # worksheet row number (1-based)
    removed: bool = False  # struck through in a redlined workbook

    @property
    def location(self) -> str:
        """Where a person finds the row: 'ESME!A12', or "'Comms Hubs'!A12" when Excel would
        quote the sheet name (every finding, impact and refusal names a row this way)."""
        sheet = self.sheet
        if sheet and not sheet.replace("_", "").isalnum():
            sheet = "'" + sheet.replace("'", "''") + "'"
        return f"{sheet}!{self.cell}" if sheet else self.cell

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "ref_as_written": self.ref_as_written,
            "srv": self.srv,
            "device_models": self.device_models,
            "group_ids": self.group_ids,
            "cohort": self.cohort,
            "sheet": self.sheet,
            "cell": self.cell,
        }


@dataclass
class Matrix:
    source: str
    format: str  # "xlsx" | "csv" | "docx"
    rows: list[MatrixRow] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "rows": [r.to_json() for r in self.rows if not r.removed],
        }


# ----- workbooks, cell by cell: what the workbook redline compares ---------------------------

Value = str | int | float | bool | _dt.datetime | _dt.date | _dt.time


@dataclass(frozen=True)
class CellStyle:
    """The cell formatting a redline carries over from NEW; everything else is left default."""

    bold: bool = False
    italic: bool = False
    size: float | None = None
    fill: str | None = None  # solid fill colour, "FFD9E1F2"
    wrap: bool = False
    vertical: str | None = None
    number_format: str = "General"


@dataclass
class SheetModel:
    title: str
    cells: dict[tuple[int, int], Value] = field(default_factory=dict)  # (row, col) 1-based, non-empty only
    styles: dict[tuple[int, int], CellStyle] = field(default_factory=dict)  # non-default only
    column_widths: dict[str, float] = field(default_factory=dict)  # "A" -> width in characters
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col
    freeze: tuple[int, int] | None = None  # top-left cell of the scrolling pane, (row, col)
    hidden: bool = False

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=0)

    def row_values(self, row: int, columns: int) -> list[Value | None]:
        return [self.cells.get((row, c)) for c in range(1, columns + 1)]


@dataclass
class WorkbookModel:
    source: str
    sheets: list[SheetModel] = field(default_factory=list)
    title: str | None = None
    data: bytes | None = field(default=None, repr=False)  # the package as read, after vetting

    def sheet(self, title: str) -> SheetModel | None:
        return next((s for s in self.sheets if s.title == title), None)


def display(value: Value | None) -> str:
    """The text a value shows as, for comparing cells and listing changes: 18.10 stays '18.1'
    if Excel stored a number, because that is what the reader of the workbook saw."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    return " ".join(str(value).split())

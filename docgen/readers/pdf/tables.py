"""Ruled tables on one page: pdfplumber's table finder run on the page's strokes.

pdfplumber finds tables from a page's edges ("lines" strategy); the reader has its own
page model (see `source`), so the edges are built here from the strokes and boxes and
handed to pdfplumber's table functions. Cells keep Word's shape: a cell merged across
columns disappears, as in the .docx XML, while one merged from above stays, empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pdfplumber import table

from docgen.readers.pdf.source import RawPage
from docgen.readers.pdf.tokens import Token

_SNAP = 3.0  # pdfplumber's default snapping and intersection tolerance for table borders


@dataclass
class PageTable:
    """A ruled table found on one page: its rows of cells, each cell a list of tokens (None: spanned)."""

    page: int
    bbox: tuple[float, float, float, float]
    columns: list[float]  # left edge of every grid column, then the right edge of the last
    rows: list[list[list[Token] | None]]
    row_lines: list[int]  # visual line number of each row's first text line (0 when empty)

    @property
    def top(self) -> float:
        return self.bbox[1]


def _edges(page: RawPage) -> list[dict[str, Any]]:
    """Table borders as pdfplumber's table finder wants them: one edge per stroke or box side."""
    out: list[dict[str, Any]] = []

    def edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> None:
        out.append({"orientation": orientation, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                    "doctop": top, "width": x1 - x0, "height": bottom - top})

    for s in page.shapes:
        width, height = s.x1 - s.x0, s.bottom - s.top
        if height <= 2.0 and width >= 1.0:
            mid = (s.top + s.bottom) / 2
            edge("h", s.x0, mid, s.x1, mid)
        elif width <= 2.0 and height >= 1.0:
            mid = (s.x0 + s.x1) / 2
            edge("v", mid, s.top, mid, s.bottom)
        elif s.kind == "rect" and width > 2.0 and height > 2.0:
            edge("h", s.x0, s.top, s.x1, s.top)
            edge("h", s.x0, s.bottom, s.x1, s.bottom)
            edge("v", s.x0, s.top, s.x0, s.bottom)
            edge("v", s.x1, s.top, s.x1, s.bottom)
    return out


def find_tables(page: RawPage) -> list[Any]:
    """pdfplumber's "lines" strategy, run on our own edges rather than on a pdfplumber page."""
    edges = _edges(page)
    if sum(1 for e in edges if e["orientation"] == "v") < 2 or sum(1 for e in edges if e["orientation"] == "h") < 2:
        return []
    merged = table.merge_edges(edges, _SNAP, _SNAP, _SNAP, _SNAP)
    merged = [e for e in merged if (e["width"] if e["orientation"] == "h" else e["height"]) >= 3]
    cells = table.intersections_to_cells(table.edges_to_intersections(merged, _SNAP, _SNAP))
    return [table.Table(None, group) for group in table.cells_to_tables(cells)]  # type: ignore[arg-type]


def column_edges(found: Any) -> list[float]:
    edges = sorted({round(c[0], 1) for c in found.cells} | {round(c[2], 1) for c in found.cells})
    merged: list[float] = []
    for x in edges:
        if not merged or x - merged[-1] > 2.0:
            merged.append(x)
    return merged


def build_table(found: Any, page: int, tokens: list[Token], line_of: dict[int, int]) -> PageTable:
    columns = column_edges(found)
    lefts = sorted({cell[0] for cell in found.cells})
    rows: list[list[list[Token] | None]] = []
    row_lines: list[int] = []
    for row in found.rows:
        cells: list[list[Token] | None] = []
        for c_i, cell in enumerate(row.cells):
            if cell is None:
                cells.append(None if _spanned_across(row.cells, c_i, lefts) else [])
                continue
            content = [t for t in tokens if inside(t, cell)]
            content.sort(key=lambda t: (line_of[id(t)], t.x0))
            cells.append(content)
        rows.append(cells)
        first = [line_of[id(t)] for cell in cells if cell for t in cell]
        row_lines.append(min(first) if first else 0)
    return PageTable(page=page, bbox=tuple(found.bbox), columns=columns, rows=rows, row_lines=row_lines)


def inside(tok: Token, bbox: tuple[float, float, float, float]) -> bool:
    cx, cy = (tok.x0 + tok.x1) / 2, (tok.top + tok.bottom) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def _spanned_across(cells: list[Any], index: int, lefts: list[float]) -> bool:
    """A missing cell covered by a neighbour in its own row (a horizontal merge) is dropped, as in
    Word's XML; one covered from above (a vertical merge) stays as an empty cell, as Word keeps it."""
    if index >= len(lefts):
        return True
    for j in range(index - 1, -1, -1):
        if cells[j] is not None:
            return cells[j][2] > lefts[index] + 1.0
    return False

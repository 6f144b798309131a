"""Loading a DMVES held as a table in a .docx, as the matrix was published before it moved to Excel.

Each body table becomes a grid titled 'Table N'. Cell text keeps its paragraph breaks (they
separate device models). Existing tracked changes are read like strikethrough: deleted text
is written but removed, so a row deleted in tracking is a removed row, exactly as a
struck-through row in a redlined workbook. How the table is spelled in WordprocessingML
(spans, vertical merges, deleted runs) is read by `docgen.ooxml.table_grid`.
"""

from __future__ import annotations

from docgen.ooxml.package import Package
from docgen.ooxml.table_grid import body_table_grids
from docgen.ooxml.table_grid import GridCell as TableCell
from docgen.readers.dmves.grid import Grid, GridCell, Merge


def load_docx_grids(pkg: Package) -> list[Grid]:
    return [_grid(cells, n) for n, cells in enumerate(body_table_grids(pkg), start=1)]


def _grid(cells: list[TableCell], number: int) -> Grid:
    grid = Grid(f"Table {number}")
    merges: list[Merge] = []
    for cell in cells:  # in (row, column) order
        if cell.written.strip():
            grid.cells[(cell.row, cell.col)] = GridCell(cell.written, cell.kept)
        if cell.merged:
            merges.append(Merge(cell.row, cell.col, cell.last_row, cell.last_col))
    grid.spread_merges(merges)
    return grid

"""A format-neutral grid of cells, so one header finder and one row reader serve xlsx, csv and docx.

Each loader (xlsx, csv, docx) reduces its format to the few facts the matrix
reader needs: the text a reader sees, the text as written including struck-through parts (a
redlined workbook strikes what it removes), and where the text came from (a merged cell, a
formula without a cached value, a number Excel may have rounded).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Rows looked at when hunting for the header; real workbooks put at most a handful of title
# and notes rows above it, and a bound keeps a 50,000-row sheet from being scanned twice.
SCAN_ROWS = 30


@dataclass(frozen=True)
class Merge:
    """The merged range a cell belongs to (1-based, inclusive)."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int


@dataclass
class GridCell:
    full: str  # every character as written, struck or not
    kept: str  # what survives once struck-through text is dropped
    merge: Merge | None = None
    uncached_formula: bool = False  # a formula whose result was never saved
    number: bool = False  # stored as a number under the General format: '18.10' reads as 18.1

    @property
    def struck(self) -> bool:
        """Entirely struck through: the redline removes this cell's content. A comma or space
        left unstruck between two struck references does not keep the cell alive."""
        return _has_word(self.full) and not _has_word(self.kept)

    @property
    def blank(self) -> bool:
        return not self.full.strip() and not self.uncached_formula


EMPTY = GridCell("", "")


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


@dataclass
class Grid:
    """One sheet (or csv file, or docx table). `cells` holds only non-empty cells, keyed (row, col)."""

    title: str
    cells: dict[tuple[int, int], GridCell] = field(default_factory=dict)
    hidden: bool = False
    # Extent, cached: the row loop asks for it on every row. Loaders fill `cells` first and
    # spread_merges (the only later change) clears the cache.
    _extent: tuple[int, int] | None = field(default=None, init=False, repr=False, compare=False)

    def _dims(self) -> tuple[int, int]:
        if self._extent is None:
            self._extent = (
                max((r for r, _ in self.cells), default=0),
                max((c for _, c in self.cells), default=0),
            )
        return self._extent

    @property
    def max_row(self) -> int:
        return self._dims()[0]

    @property
    def max_col(self) -> int:
        return self._dims()[1]

    def cell(self, row: int, col: int) -> GridCell:
        return self.cells.get((row, col), EMPTY)

    def text(self, row: int, col: int) -> str:
        return self.cell(row, col).kept

    def filled_rows(self, after: int = 0) -> list[int]:
        """Row numbers holding any non-blank cell, in order: a sheet with one stray cell at row
        1,048,576 must not cost a million iterations."""
        return sorted({r for (r, _), cell in self.cells.items() if r > after and not cell.blank})

    def spread_merges(self, merges: list[Merge]) -> None:
        """A value merged down applies to every row it covers, in the anchor's column only.

        Spreading across columns too would copy a device name into a neighbouring GroupID
        column; the merge itself is kept on each cell so banner rows can still be recognised.
        """
        last_row = self.max_row
        for m in merges:
            anchor = self.cell(m.min_row, m.min_col)
            for row in range(m.min_row, min(m.max_row, last_row) + 1):
                for col in range(m.min_col, m.max_col + 1):
                    if col == m.min_col:
                        self.cells[(row, col)] = GridCell(
                            anchor.full, anchor.kept, m, anchor.uncached_formula, anchor.number
                        )
                    else:
                        self.cells[(row, col)] = GridCell("", "", merge=m)
        self._extent = None

"""The workbook redline: NEW's workbook with every difference from OLD marked in place.

Rows are aligned by content, not position: identical rows anchor the alignment and the
rows between anchors are paired by similarity, so one inserted DMVES row is one green row
rather than every later row showing as changed. A changed cell holds both values as rich
text (old struck in red, new double-underlined in blue); removed rows come back from OLD,
struck and filled red, where they stood; added rows are filled green. A "Changes" sheet
lists everything with the cell it concerns, linked to its place in the redline.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import UsageError
from docgen.readers.dmves_grid import column_letter, where
from docgen.readers.workbook import CellStyle, SheetModel, WorkbookModel, display
from docgen.zipdet import deterministic_xlsx_bytes
from docgen.transforms.pairing import best_monotone_pairs

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

RED, BLUE = "FFC00000", "FF0033CC"
RUN_FONT = "Calibri"  # openpyxl's default cell font, so rich-text runs match plain cells
ADDED_FILL, REMOVED_FILL = "FFE2EFDA", "FFFCE4E4"
_PAIR_SIMILARITY = 0.6  # joined-row text similarity for two rows to count as one changed row
_PAIR_DP_CELLS = 2_500  # gap size (old x new rows) up to which rows are paired optimally
_CHANGES_HEADER = ("Cell", "Change", "Old", "New", "In this redline")


@dataclass(frozen=True)
class RowOp:
    op: str  # "equal", "changed", "added", "removed"
    old: int | None  # worksheet row numbers, 1-based
    new: int | None


@dataclass(frozen=True)
class Change:
    cell: str  # "Sheet!C12" in NEW (in OLD for removed rows and sheets)
    kind: str  # "changed", "row added", "row removed", "sheet added", "sheet removed"
    old: str
    new: str
    target: str | None  # the place in the redline workbook, "'Sheet'!C14"


def workbook_redline(old: WorkbookModel, new: WorkbookModel, *, author: str, date: str) -> bytes:
    """The redlined workbook as deterministic .xlsx bytes (dated `date`, an ISO 8601 string)."""
    from openpyxl import Workbook

    when = _parse_date(date)
    wb = Workbook()
    wb.remove(wb.active)
    changes: list[Change] = []
    for sheet in new.sheets:
        ws = wb.create_sheet(sheet.title)
        previous = old.sheet(sheet.title)
        if previous is None:
            _copy_sheet(ws, sheet)
            changes.append(Change(sheet.title, "sheet added", "", "", _target(sheet.title, 1, 1)))
        else:
            changes.extend(_redline_sheet(ws, previous, sheet))
    taken = {s.title for s in new.sheets}
    for sheet in old.sheets:
        if new.sheet(sheet.title) is None:
            title = _unique_title(f"{sheet.title} (removed)", taken)
            taken.add(title)
            ws = wb.create_sheet(title)
            _removed_sheet(ws, sheet)
            changes.append(Change(sheet.title, "sheet removed", "", "", _target(title, 1, 1)))
    _changes_sheet(wb.create_sheet(_unique_title("Changes", taken)), changes)
    wb.active = 0
    props = wb.properties
    props.creator = author
    props.lastModifiedBy = author
    props.title = _title(old, new)
    return deterministic_xlsx_bytes(wb, when)


def _parse_date(date: str) -> _dt.datetime:
    try:
        when = _dt.datetime.fromisoformat(date.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--date {date!r} is not an ISO 8601 date such as 2025-05-02T00:00:00Z") from None
    if when.tzinfo is not None:
        when = when.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return when


def _title(old: WorkbookModel, new: WorkbookModel) -> str:
    return f"Redline: {old.title or Path(old.source).name} to {new.title or Path(new.source).name}"


def _unique_title(wanted: str, taken: set[str]) -> str:
    """Excel sheet titles are at most 31 characters and unique regardless of case."""
    lower = {t.lower() for t in taken}
    title = wanted[:31]
    n = 1
    while title.lower() in lower:
        n += 1
        suffix = f" ({n})"
        title = wanted[: 31 - len(suffix)] + suffix
    return title


def _target(title: str, row: int, col: int) -> str:
    return where(title, row, col)


# ----- row alignment -----------------------------------------------------------------------


def _row_texts(sheet: SheetModel, columns: int) -> list[tuple[str, ...]]:
    return [tuple(display(v) for v in sheet.row_values(r, columns)) for r in range(1, sheet.max_row + 1)]


def align_rows(old: list[tuple[str, ...]], new: list[tuple[str, ...]]) -> list[RowOp]:
    """Old and new rows in redline order: NEW's order, removed rows where they stood."""
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    out: list[RowOp] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.extend(RowOp("equal", i + 1, j + 1) for i, j in zip(range(i1, i2), range(j1, j2)))
            continue
        pairs = _pair_rows(old, list(range(i1, i2)), new, list(range(j1, j2)))
        i, j = i1, j1
        for pi, pj in pairs + [(i2, j2)]:
            # Within a gap, unpaired old rows come first (where they stood), then new ones.
            out.extend(RowOp("removed", k + 1, None) for k in range(i, pi))
            out.extend(RowOp("added", None, k + 1) for k in range(j, pj))
            if pi < i2:
                out.append(RowOp("changed", pi + 1, pj + 1))
            i, j = pi + 1, pj + 1
    return out


def _joined(row: tuple[str, ...]) -> str:
    return " | ".join(row)


def _similar(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Mean similarity of the cells either row fills, column by column.

    Cell by cell rather than over the joined text, so two short rows of a matrix that
    share only punctuation and a clause prefix ("18.2 | B", "18.1A | Z") do not look alike,
    while a row with one edited cell out of seven, or a retyped title, still does.
    """
    total = 0.0
    filled = 0
    for x, y in zip(a, b):
        if not x and not y:
            continue
        filled += 1
        if x == y:
            total += 1.0
        elif x and y:
            total += difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()
    return total / filled if filled else 0.0


def _key(row: tuple[str, ...]) -> tuple[str, ...]:
    """A row's identity when gaps are too big to pair by similarity: its first two values
    (in a matrix, the clause reference and the device it applies to)."""
    return tuple(v for v in row if v)[:2]


def _pair_rows(old: list[tuple[str, ...]], old_idx: list[int], new: list[tuple[str, ...]], new_idx: list[int]) -> list[tuple[int, int]]:
    """Monotone pairs of similar rows inside one gap, best total similarity first."""
    n, m = len(old_idx), len(new_idx)
    if not n or not m:
        return []
    if n * m > _PAIR_DP_CELLS:
        return _pair_by_key(old, old_idx, new, new_idx)
    score = [[_similar(old[i], new[j]) for j in new_idx] for i in old_idx]
    for row in score:
        for y, s in enumerate(row):
            if s < _PAIR_SIMILARITY:
                row[y] = 0.0
    return best_monotone_pairs(score, old_idx, new_idx)


def _pair_by_key(old: list[tuple[str, ...]], old_idx: list[int], new: list[tuple[str, ...]], new_idx: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    y = 0
    for i in old_idx:
        key = _key(old[i])
        for k in range(y, len(new_idx)):
            if key and _key(new[new_idx[k]]) == key:
                out.append((i, new_idx[k]))
                y = k + 1
                break
    return out


# ----- writing sheets ----------------------------------------------------------------------


def _apply_style(cell: Any, style: CellStyle | None, *, fill: str | None = None, struck: bool = False) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    style = style or CellStyle()
    if style.bold or style.italic or style.size or struck:
        cell.font = Font(b=style.bold, i=style.italic, sz=style.size, strike=struck or None, color=RED if struck else None)
    colour = fill or style.fill
    if colour:
        cell.fill = PatternFill("solid", fgColor=colour)
    if style.wrap or style.vertical:
        cell.alignment = Alignment(wrap_text=style.wrap or None, vertical=style.vertical)
    if style.number_format != "General":
        cell.number_format = style.number_format


def _sheet_layout(ws: "Worksheet", sheet: SheetModel, row_map: dict[int, int]) -> None:
    """NEW's column widths, merges and frozen panes, moved to the redline's row numbers."""
    for letter, width in sorted(sheet.column_widths.items()):
        ws.column_dimensions[letter].width = width
    for r1, c1, r2, c2 in sheet.merged:
        a, b = row_map.get(r1), row_map.get(r2)
        # A merge that now has removed rows inside it would hide them; it is left unmerged.
        if a is not None and b is not None and b - a == r2 - r1:
            ws.merge_cells(start_row=a, start_column=c1, end_row=b, end_column=c2)
    if sheet.freeze is not None:
        row, col = sheet.freeze
        ws.freeze_panes = ws.cell(row=row_map.get(row, row), column=col)
    if sheet.hidden:
        ws.sheet_state = "hidden"


def _copy_sheet(ws: "Worksheet", sheet: SheetModel) -> None:
    for (r, c), value in sorted(sheet.cells.items()):
        cell = ws.cell(row=r, column=c, value=value)
        _apply_style(cell, sheet.styles.get((r, c)))
    _sheet_layout(ws, sheet, {r: r for r in range(1, sheet.max_row + 1)})


def _removed_sheet(ws: "Worksheet", sheet: SheetModel) -> None:
    columns = sheet.max_col
    for r in range(1, sheet.max_row + 1):
        for c in range(1, columns + 1):
            cell = ws.cell(row=r, column=c, value=sheet.cells.get((r, c)))
            _apply_style(cell, sheet.styles.get((r, c)), fill=REMOVED_FILL, struck=True)
    for letter, width in sorted(sheet.column_widths.items()):
        ws.column_dimensions[letter].width = width


def _both(old: str, new: str, style: CellStyle | None) -> Any:
    """Old struck in red, then new double-underlined in blue, in one rich-text cell.

    Each run names its font and size: a run without them falls back to the application's
    default font rather than the cell's, and would look out of place.
    """
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    style = style or CellStyle()
    base = {"rFont": RUN_FONT, "sz": style.size or 11, "b": style.bold or None, "i": style.italic or None}
    parts: list[Any] = []
    if old:
        parts.append(TextBlock(InlineFont(strike=True, color=RED, **base), old))
    if old and new:
        parts.append(TextBlock(InlineFont(**base), " "))
    if new:
        parts.append(TextBlock(InlineFont(u="double", color=BLUE, **base), new))
    return CellRichText(parts)


def _redline_sheet(ws: "Worksheet", old: SheetModel, new: SheetModel) -> list[Change]:
    columns = max(old.max_col, new.max_col)
    ops = align_rows(_row_texts(old, columns), _row_texts(new, columns))
    changes: list[Change] = []
    row_map: dict[int, int] = {}
    for out_row, op in enumerate(ops, 1):
        if op.new is not None:
            row_map[op.new] = out_row
        if op.op == "removed":
            values = old.row_values(op.old, columns)
            for c, value in enumerate(values, 1):
                cell = ws.cell(row=out_row, column=c, value=value)
                _apply_style(cell, old.styles.get((op.old, c)), fill=REMOVED_FILL, struck=True)
            text = _joined(tuple(display(v) for v in values)).strip(" |")
            changes.append(Change(where(old.title, op.old, 1), "row removed", text, "", where(ws.title, out_row, 1)))
            continue
        fill = ADDED_FILL if op.op == "added" else None
        for c in range(1, columns + 1):
            value = new.cells.get((op.new, c))
            style = new.styles.get((op.new, c))
            if op.op == "changed":
                before = display(old.cells.get((op.old, c)))
                after = display(value)
                if before != after:
                    cell = ws.cell(row=out_row, column=c, value=_both(before, after, style))
                    _apply_style(cell, style)
                    changes.append(Change(where(new.title, op.new, c), "changed", before, after, where(ws.title, out_row, c)))
                    continue
            if value is None and fill is None:
                continue
            cell = ws.cell(row=out_row, column=c, value=value)
            _apply_style(cell, style, fill=fill)
        if op.op == "added":
            text = _joined(tuple(display(v) for v in new.row_values(op.new, columns))).strip(" |")
            changes.append(Change(where(new.title, op.new, 1), "row added", "", text, where(ws.title, out_row, 1)))
    _sheet_layout(ws, new, row_map)
    return changes


def _changes_sheet(ws: "Worksheet", changes: list[Change]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    for c, label in enumerate(_CHANGES_HEADER, 1):
        ws.cell(row=1, column=c, value=label).font = Font(b=True)
    for r, change in enumerate(changes, 2):
        ws.cell(row=r, column=1, value=change.cell)
        ws.cell(row=r, column=2, value=change.kind)
        ws.cell(row=r, column=3, value=change.old or None)
        ws.cell(row=r, column=4, value=change.new or None)
        if change.target:
            link = ws.cell(row=r, column=5, value=change.target)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=change.target)
            link.font = Font(u="single", color="FF0563C1")
        for c in (3, 4):
            ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")
    if not changes:
        ws.cell(row=2, column=1, value="No differences.")
    for c, width in enumerate((30, 14, 50, 50, 30), 1):
        ws.column_dimensions[column_letter(c)].width = width
    ws.freeze_panes = "A2"

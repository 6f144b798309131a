"""The workbook redline: NEW's own workbook with every difference from OLD marked on it.

Respondents filter a DMVES by Device Model and formulas count its rows, so each redlined
sheet is NEW's sheet cell for cell: the same values in the same places, with NEW's formulas,
number formats, widths, merges, frozen panes and data validation. The differences are
shown around those values, never in them:

- a changed cell keeps NEW's value, is filled amber and underlined, and its comment (shown
  by Excel and LibreOffice alike) says what it was;
- an added row is filled green; a row that only moved is filled blue, its comment giving
  the row it came from;
- removed rows cannot stand in NEW's grid without shifting every formula and filter below
  them, so the row that now follows them gets a red rule above it and a comment quoting
  them; the `Changes` sheet quotes them too.

A cell whose old and new text read as the same clause references by docgen's own parser
("Clause 18.10" and "18.10") is a respelling, not a change: rows are aligned on what the
references mean, and respellings are listed apart only when asked for. Every sheet is set
to print landscape, one page wide, with its header rows repeated.
"""

from __future__ import annotations

import difflib
from copy import copy
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import UsageError
from docgen.model import CellStyle, SheetModel, WorkbookModel, display
from docgen.ooxml.sheets.workbook import open_workbook
from docgen.ooxml.tracked.dates import parse_revision_date
from docgen.refs import RefError, parse_refs
from docgen.refs.labels import column_letter, where
from docgen.transforms.pairing import best_monotone_pairs
from docgen.writers.workbook_stamp import classify_sheet
from docgen.ooxml.sheets.workbook import workbook_bytes

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

RED, BLUE = "FFC00000", "FF0033CC"
ADDED_FILL, CHANGED_FILL, MOVED_FILL, REMOVED_FILL = "FFE2EFDA", "FFFFEB9C", "FFDDEBF7", "FFFCE4E4"
_PAIR_SIMILARITY = 0.6  # row similarity for two rows to count as one changed row
_PAIR_DP_CELLS = 2_500  # gap size (old x new rows) up to which rows are paired optimally
_CHANGES_HEADER = ("Cell", "Change", "Old", "New", "In this redline")
_RESPELLINGS_HEADER = ("Cell", "Old", "New", "Reads as", "In this redline")
_KEY = (
    (ADDED_FILL, "row added"),
    (CHANGED_FILL, "cell changed: the old value is in the cell's comment"),
    (MOVED_FILL, "row moved: the comment gives the row it came from"),
    (REMOVED_FILL, "red rule above a row: rows removed there (quoted in its comment)"),
)


@dataclass(frozen=True)
class RowOp:
    op: str  # "equal", "changed", "added", "removed", "moved"
    old: int | None  # worksheet row numbers, 1-based
    new: int | None


@dataclass(frozen=True)
class Change:
    cell: str  # "Sheet!C12" in NEW (in OLD for removed rows and sheets)
    kind: str  # "changed", "row added", "row removed", "row moved", "sheet added", "sheet removed"
    old: str
    new: str
    target: str | None  # the place in the redline workbook, "'Sheet'!C14"


@dataclass(frozen=True)
class Respelling:
    cell: str  # "Sheet!A12" in NEW
    old: str
    new: str
    reads_as: str  # the canonical references both spellings stand for


@dataclass
class _Marks:
    """What one sheet's redline adds to NEW's cells, gathered before anything is written."""

    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    changed: set[tuple[int, int]] = field(default_factory=set)
    notes: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    rule_above: set[int] = field(default_factory=set)
    rule_below: set[int] = field(default_factory=set)

    def note(self, row: int, col: int, text: str) -> None:
        self.notes.setdefault((row, col), []).append(text)


@dataclass(frozen=True)
class WorkbookRedline:
    data: bytes
    changes: tuple[Change, ...]
    respellings: tuple[Respelling, ...]


def redline_workbook(
    old: WorkbookModel,
    new: WorkbookModel,
    *,
    author: str,
    date: str,
    show_respellings: bool = False,
    classification: str | None = None,
) -> WorkbookRedline:
    """The redline with the changes it shows, so a command can report what it wrote.
    `classification` ("DCC Public") goes in every sheet's footer."""
    when = parse_revision_date(date)
    wb = _open_new(new)
    changes: list[Change] = []
    respellings: list[Respelling] = []
    taken = {ws.title for ws in wb.worksheets}
    for ws in list(wb.worksheets):
        sheet = new.sheet(ws.title)
        previous = old.sheet(ws.title)
        if sheet is None:  # a sheet the reader skipped: left exactly as it is
            continue
        if previous is None:
            changes.append(Change(sheet.title, "sheet added", "", "", where(ws.title, 1, 1)))
        else:
            sheet_changes, sheet_respellings = _redline_sheet(ws, previous, sheet, author)
            changes.extend(sheet_changes)
            respellings.extend(sheet_respellings)
        _print_setup(ws, sheet)
    for sheet in old.sheets:
        if new.sheet(sheet.title) is None:
            title = _unique_title(f"{sheet.title} (removed)", taken)
            taken.add(title)
            ws = wb.create_sheet(title)
            _removed_sheet(ws, sheet)
            _print_setup(ws, sheet)
            changes.append(Change(sheet.title, "sheet removed", "", "", where(title, 1, 1)))
    changes_title = _unique_title("Changes", taken)
    taken.add(changes_title)
    _changes_sheet(wb.create_sheet(changes_title), changes)
    if show_respellings:
        _respellings_sheet(wb.create_sheet(_unique_title("Respellings", taken)), respellings)
    for ws in wb.worksheets:
        classify_sheet(ws, classification)
    wb.active = 0
    props = wb.properties
    props.creator = author
    props.lastModifiedBy = author
    props.title = _title(old, new)
    return WorkbookRedline(workbook_bytes(wb, when), tuple(changes), tuple(respellings))


def _open_new(new: WorkbookModel) -> Any:
    """NEW's workbook with its formulas (not their cached values) and everything else it holds."""
    if new.data is None:
        raise UsageError(f"{new.source}: the workbook redline builds on NEW's own package; read NEW with docgen.readers.workbook.read_workbook")
    return open_workbook(Path(new.source), new.data, data_only=False, rich_text=True)


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


# ----- what a cell says ------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _reads_as(text: str) -> str | None:
    """The canonical references a cell's text stands for, or None when it is not references."""
    if not any(ch.isdigit() for ch in text):
        return None
    try:
        refs = parse_refs(text, expand_ranges=False)
    except RefError:
        return None
    return ", ".join(r.canonical() for r in refs)


def cell_key(value: Any) -> str:
    """What a cell means for the comparison: its displayed text, except that text reading
    as clause references compares by the references, so a respelling is no change."""
    text = display(value)
    if isinstance(value, str):
        refs = _reads_as(text)
        if refs is not None:
            return "\x00ref:" + refs
    return text


def _row_keys(sheet: SheetModel, columns: int) -> list[tuple[str, ...]]:
    return [tuple(cell_key(v) for v in sheet.row_values(r, columns)) for r in range(1, sheet.max_row + 1)]


# ----- row alignment ---------------------------------------------------------------------------


def align_rows(old: list[tuple[str, ...]], new: list[tuple[str, ...]]) -> list[RowOp]:
    """Old and new rows in redline order: NEW's order, removed rows where they stood.

    Rows are anchored on identical rows and the rows between anchors paired by similarity,
    so one inserted row is one added row rather than every later row showing as changed.
    A removed row and an added row with the same content elsewhere are one moved row.
    """
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
    return _find_moves(out, old, new)


def _find_moves(ops: list[RowOp], old: list[tuple[str, ...]], new: list[tuple[str, ...]]) -> list[RowOp]:
    """Pair each removed row with an added row holding the same content, first with first."""
    removed: dict[tuple[str, ...], list[int]] = {}
    for op in ops:
        if op.op == "removed" and any(old[op.old - 1]):
            removed.setdefault(old[op.old - 1], []).append(op.old)
    moved_from: dict[int, int] = {}
    for op in ops:
        if op.op == "added":
            waiting = removed.get(new[op.new - 1])
            if waiting:
                moved_from[op.new] = waiting.pop(0)
    gone = set(moved_from.values())
    out = []
    for op in ops:
        if op.op == "removed" and op.old in gone:
            continue
        if op.op == "added" and op.new in moved_from:
            out.append(RowOp("moved", moved_from[op.new], op.new))
            continue
        out.append(op)
    return out


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


# ----- marking NEW's sheet ---------------------------------------------------------------------


def _joined(values: list[Any]) -> str:
    return " | ".join(display(v) for v in values).strip(" |")


def _redline_sheet(ws: "Worksheet", old: SheetModel, new: SheetModel, author: str) -> tuple[list[Change], list[Respelling]]:
    columns = max(old.max_col, new.max_col, 1)
    old_keys, new_keys = _row_keys(old, columns), _row_keys(new, columns)
    ops = align_rows(old_keys, new_keys)
    marks = _Marks()
    changes: list[Change] = []
    respellings: list[Respelling] = []
    pending: list[int] = []  # OLD rows removed since the last NEW row
    for op in ops:
        if op.op == "removed":
            pending.append(op.old)
            continue
        if pending:
            changes.extend(_removed_rows(marks, old, pending, op.new, above=True, ws_title=ws.title, columns=columns))
            pending = []
        if op.op == "added":
            for c in range(1, columns + 1):
                marks.fills[(op.new, c)] = ADDED_FILL
            changes.append(Change(where(new.title, op.new, 1), "row added", "", _joined(new.row_values(op.new, columns)), where(ws.title, op.new, 1)))
        elif op.op == "moved":
            for c in range(1, columns + 1):
                marks.fills[(op.new, c)] = MOVED_FILL
            marks.note(op.new, 1, f"Moved: this row was row {op.old} of the old sheet.")
            changes.append(Change(where(new.title, op.new, 1), "row moved", f"row {op.old}", _joined(new.row_values(op.new, columns)), where(ws.title, op.new, 1)))
        else:
            for c in range(1, columns + 1):
                before, after = old.cells.get((op.old, c)), new.cells.get((op.new, c))
                shown_before, shown_after = display(before), display(after)
                if shown_before == shown_after:
                    continue
                if cell_key(before) == cell_key(after):
                    respellings.append(Respelling(where(new.title, op.new, c), shown_before, shown_after, _reads_as(shown_after) or ""))
                    continue
                marks.changed.add((op.new, c))
                marks.fills[(op.new, c)] = CHANGED_FILL
                marks.note(op.new, c, f"Was: {shown_before}" if shown_before else "Was empty.")
                changes.append(Change(where(new.title, op.new, c), "changed", shown_before, shown_after, where(ws.title, op.new, c)))
    if pending:
        last = max(new.max_row, 1)
        changes.extend(_removed_rows(marks, old, pending, last, above=False, ws_title=ws.title, columns=columns))
    _apply_marks(ws, marks, columns, author)
    return changes, respellings


def _removed_rows(marks: _Marks, old: SheetModel, rows: list[int], anchor: int, *, above: bool, ws_title: str, columns: int) -> list[Change]:
    """Mark where OLD rows were removed: a red rule on the NEW row next to them and a comment
    quoting them (the grid keeps NEW's rows only, so formulas and filters stay NEW's)."""
    (marks.rule_above if above else marks.rule_below).add(anchor)
    side = "above" if above else "below"
    quoted = [f"row {r}: {_joined(old.row_values(r, columns))}" for r in rows]
    what = "Row removed" if len(rows) == 1 else f"{len(rows)} rows removed"
    marks.note(anchor, 1, f"{what} {side} this row (old sheet " + "; ".join(quoted) + ").")
    return [Change(where(old.title, r, 1), "row removed", _joined(old.row_values(r, columns)), "", where(ws_title, anchor, 1)) for r in rows]


def _apply_marks(ws: "Worksheet", marks: _Marks, columns: int, author: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill, Side

    for (r, c), colour in sorted(marks.fills.items()):
        ws.cell(row=r, column=c).fill = PatternFill("solid", fgColor=colour)
    for r, c in sorted(marks.changed):
        cell = ws.cell(row=r, column=c)
        font = copy(cell.font)
        font.color = BLUE
        font.u = "double"
        cell.font = font
    rule = Side(style="medium", color=RED)
    for r in sorted(marks.rule_above | marks.rule_below):
        for c in range(1, columns + 1):
            cell = ws.cell(row=r, column=c)
            border = copy(cell.border)
            if r in marks.rule_above:
                border.top = rule
            if r in marks.rule_below:
                border.bottom = rule
            cell.border = border
    notes: dict[tuple[int, int], list[str]] = {}
    for (r, c), texts in sorted(marks.notes.items()):
        notes.setdefault(_comment_cell(ws, r, c), []).extend(texts)
    for (r, c), texts in sorted(notes.items()):
        cell = ws.cell(row=r, column=c)
        text = "\n".join(texts)
        if cell.comment is not None and cell.comment.text:
            text = text + "\n\n" + cell.comment.text
        note = Comment(text, author)
        note.width, note.height = 320, max(60, 20 * (1 + text.count("\n") + len(text) // 50))
        cell.comment = note


def _comment_cell(ws: "Worksheet", row: int, col: int) -> tuple[int, int]:
    """Where a comment about (row, col) can go: a cell inside a merged range cannot hold one,
    so it goes on the range's top-left cell, the one Excel shows."""
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= col <= merged.max_col:
            return merged.min_row, merged.min_col
    return row, col


def _header_rows(ws: "Worksheet", sheet: SheetModel) -> int:
    """How many rows head the sheet: those above the frozen pane (0 when nothing is frozen)."""
    if sheet.freeze is not None and sheet.freeze[0] > 1:
        return sheet.freeze[0] - 1
    return 0


def _fit_to_width(ws: "Worksheet") -> None:
    """Landscape and one page wide, as many pages long as it takes."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = True


def _print_setup(ws: "Worksheet", sheet: SheetModel) -> None:
    """Landscape, one page wide, header rows on every page, and a filter on the header row
    when the source has none: what a reviewer printing or filtering the matrix needs."""
    _fit_to_width(ws)
    header = _header_rows(ws, sheet)
    if header and not ws.print_title_rows:
        ws.print_title_rows = f"1:{header}"
    last_row, last_col = sheet.max_row, sheet.max_col
    if header and last_row > header and last_col and not ws.auto_filter.ref:
        ws.auto_filter.ref = f"A{header}:{column_letter(last_col)}{last_row}"


# ----- sheets of the redline that are not NEW's ------------------------------------------------


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


def _removed_sheet(ws: "Worksheet", sheet: SheetModel) -> None:
    """A sheet only OLD has, struck through and filled red, as OLD showed it."""
    columns = sheet.max_col
    for r in range(1, sheet.max_row + 1):
        for c in range(1, columns + 1):
            cell = ws.cell(row=r, column=c, value=sheet.cells.get((r, c)))
            _apply_style(cell, sheet.styles.get((r, c)), fill=REMOVED_FILL, struck=True)
    for letter, width in sorted(sheet.column_widths.items()):
        ws.column_dimensions[letter].width = width


def _link(cell: Any, target: str) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    cell.value = target
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target)
    cell.font = Font(u="single", color="FF0563C1")


def _table_sheet(ws: "Worksheet", header: tuple[str, ...], widths: tuple[int, ...]) -> None:
    from openpyxl.styles import Font

    for c, label in enumerate(header, 1):
        ws.cell(row=1, column=c, value=label).font = Font(b=True)
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[column_letter(c)].width = width
    ws.freeze_panes = "A2"
    _fit_to_width(ws)
    ws.print_title_rows = "1:1"


def _changes_sheet(ws: "Worksheet", changes: list[Change]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    _table_sheet(ws, _CHANGES_HEADER, (30, 14, 50, 50, 30))
    for r, change in enumerate(changes, 2):
        ws.cell(row=r, column=1, value=change.cell)
        ws.cell(row=r, column=2, value=change.kind)
        ws.cell(row=r, column=3, value=change.old or None)
        ws.cell(row=r, column=4, value=change.new or None)
        if change.target:
            _link(ws.cell(row=r, column=5), change.target)
        for c in (3, 4):
            ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")
    if not changes:
        ws.cell(row=2, column=1, value="No differences.")
    ws.cell(row=1, column=7, value="Key").font = Font(b=True)
    for r, (colour, meaning) in enumerate(_KEY, 2):
        ws.cell(row=r, column=7).fill = PatternFill("solid", fgColor=colour)
        ws.cell(row=r, column=8, value=meaning)
    ws.column_dimensions["G"].width = 4
    ws.column_dimensions["H"].width = 60


def _respellings_sheet(ws: "Worksheet", respellings: list[Respelling]) -> None:
    _table_sheet(ws, _RESPELLINGS_HEADER, (30, 30, 30, 30, 30))
    for r, item in enumerate(respellings, 2):
        ws.cell(row=r, column=1, value=item.cell)
        ws.cell(row=r, column=2, value=item.old)
        ws.cell(row=r, column=3, value=item.new)
        ws.cell(row=r, column=4, value=item.reads_as)
        _link(ws.cell(row=r, column=5), item.cell)
    if not respellings:
        ws.cell(row=2, column=1, value="No references respelled.")

"""Keeping the DMVES in step with a renumbered S1SR: which cells move, and editing only them.

Which rows move
---------------
A matrix row cites a clause by number, in the numbering of whichever version of the
document its authors had in front of them. That is usually the document being renumbered,
but not always: in the 18.5p case the DMVES kept citing the intended (v11) numbering while
S1SR v12 drifted, which is exactly why the error showed. So the rule is:

    A row's reference R moves (to the renumbering's new ref for R) only when the row reads
    in the numbering of the input document: its SRV and Device Model agree with the clause
    R names in the input, and not with the clause R names in the renumbered document. A
    row that agrees with the renumbered document (and not the input) already cites the
    intended numbering and stays as it is. A row whose content cannot tell (it agrees with
    both, or with neither, or names nothing) follows the majority of the rows that can
    tell; with no evidence at all the matrix is taken to follow the document it accompanies,
    which is the ordinary case for a deliberate `docgen renumber`.

"Agrees" is the lint's own DMVES cross-check (`dmves/content-mismatch`, `dmves/unknown-
clause`), so `fix` moves exactly the rows the lint would otherwise complain about after
the correction, and a matrix that was right stays byte for byte the same.

How cells are edited
--------------------
Only the cells whose references move are changed, in the sheet XML of the package itself
(`docgen.ooxml.sheets.sheet_text`), not by loading and saving the workbook with openpyxl: a round
trip through openpyxl drops what it does not model (conditional formats, data validations,
comments' layout, themes, rich-text runs) and rewrites every cell. The new reference keeps the user's spelling ("18.5q" stays glued, "Clause 18.5 (q)"
keeps its word and space). A shared string used by other cells is not edited in place: the
cell gets a new string of its own.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from docgen.model import Document, Matrix, MatrixRow
from docgen.ooxml.sheets.sheet_text import CELL_NAME, SheetText, cell_order, cell_row
from docgen.readers.dmves.csv import csv_dialect, decode_csv
from docgen.refs import THIS_DOCUMENT, Ref, RefError, parse_ref, parse_refs, rewrite_refs
from docgen.refs.labels import column_index, column_letter
from docgen.refs.patterns import WRITTEN_NUMBER, WRITTEN_POINTS

MOVE = "document"  # the row reads in the input document's numbering: its refs move
KEEP = "intended"  # the row already cites the renumbered (intended) numbering


@dataclass
class RowDecision:
    row: MatrixRow
    view: str  # MOVE or KEEP
    evidence: bool  # False: decided by the matrix's majority (or the default)


@dataclass
class MatrixPlan:
    """What to do with one matrix: the cells to rewrite and the view prose cells follow."""

    view: str
    decisions: list[RowDecision] = field(default_factory=list)

    def cells_to_move(self) -> set[tuple[str, str]]:
        return {(d.row.sheet, d.row.cell) for d in self.decisions if d.view == MOVE}


@dataclass
class CellEdit:
    sheet: str
    cell: str
    old: str
    new: str

    @property
    def location(self) -> str:
        return f"{self.sheet}!{self.cell}"


# ------------------------------------------------------------------------------ deciding


def plan_matrix(
    matrix: Matrix,
    before: Document,
    after: Document,
    mapping: Mapping[str, str],
    disagreeing: Callable[[Document, Matrix], set[str]],
) -> MatrixPlan:
    """Decide, row by row, whether the matrix cites the input's numbering or the renumbered
    one (see the module docstring). `disagreeing` gives the cell locations ('ESME!A11')
    whose row does not fit the document: the commands pass the lint's DMVES cross-check
    (`docgen.checks.lint.matrix_disagreements`), which sits above this layer."""
    rows = [r for r in matrix.rows if not r.removed and r.ref in mapping]
    if not rows:
        return MatrixPlan(view=MOVE)
    misfit_before = disagreeing(before, matrix)
    misfit_after = disagreeing(after, matrix)
    votes: list[RowDecision] = []
    for row in rows:
        where = row.location
        fits_before, fits_after = where not in misfit_before, where not in misfit_after
        if fits_before and not fits_after:
            votes.append(RowDecision(row, MOVE, True))
        elif fits_after and not fits_before:
            votes.append(RowDecision(row, KEEP, True))
        else:
            votes.append(RowDecision(row, "", False))
    moving = sum(1 for v in votes if v.evidence and v.view == MOVE)
    keeping = sum(1 for v in votes if v.evidence and v.view == KEEP)
    view = KEEP if keeping > moving else MOVE
    for vote in votes:
        if not vote.evidence:
            vote.view = view
    return MatrixPlan(view=view, decisions=votes)


# ------------------------------------------------------------------------------ cell text


def document_names(doc: Document) -> tuple[str | None, ...]:
    """The qualifiers that mean the renumbered document: none, "this document", and its own
    name ("S1SR" for Appendix AM), so "Clause 1.4 of the TMAD" in a cell is never touched."""
    names: list[str | None] = [None, THIS_DOCUMENT]
    if doc.appendix:
        try:
            own = parse_ref(f"Appendix {doc.appendix} 1.1").doc
        except RefError:
            own = None
        if own:
            names.append(own)
    return tuple(names)


def rewrite_cell(text: str, mapping: Mapping[str, str], docs: Iterable[str | None] = (None, THIS_DOCUMENT)) -> str:
    """A reference cell with its moved refs replaced, spelled as the user spelled them.

    The cell is read leniently (as the DMVES reader reads it); a cell that is not a list of
    references is returned unchanged. The prose rewriter keeps the spelling; the result is
    read back and must cite exactly the mapped refs, else the refs are written canonically
    (a range whose members no longer run in one sequence becomes a list)."""
    allowed = set(docs)
    try:
        written = parse_refs(text, expand_ranges=True)
    except RefError:
        return text
    expected = [_mapped(ref, mapping, allowed) for ref in written]
    if expected == written:
        return text
    for candidate in (rewrite_refs(text, dict(mapping), docs=tuple(allowed)), _respelled_single(text, written, expected)):
        if candidate is not None and candidate != text and _reads_as(candidate, expected):
            return candidate
    return ", ".join(_spell(ref) for ref in expected)


def _mapped(ref: Ref, mapping: Mapping[str, str], allowed: set[str | None]) -> Ref:
    key = ref.canonical()
    if key not in mapping or ref.doc not in allowed:
        return ref
    try:
        new = parse_ref(mapping[key])
    except RefError:
        return ref
    return Ref(new.number, new.points, table=new.table, annex=new.annex, doc=ref.doc)


def _reads_as(text: str, expected: list[Ref]) -> bool:
    try:
        return parse_refs(text, expand_ranges=True) == expected
    except RefError:
        return False


def _spell(ref: Ref) -> str:
    return ref.canonical() if ref.doc in (None, THIS_DOCUMENT) else f"{ref.doc} {ref.canonical()}"


def _respelled_single(text: str, written: list[Ref], expected: list[Ref]) -> str | None:
    """One clause ref the prose scanner does not see ("18.52", "Clause 18.7f"): keep the
    words around the number and the glued, spaced or bracketed style of its points."""
    if len(written) != 1 or written[0].table is not None or written[0].annex:
        return None
    old, new = written[0], expected[0]
    found = next((m for m in WRITTEN_NUMBER.finditer(text) if m.group() == old.number), None)
    if found is None:
        return None
    rest = text[found.end():]
    glued = spaced = False
    if old.points:
        points = WRITTEN_POINTS.match(rest)
        if points is None:
            return None
        glued = not points.group("points").startswith("(")
        spaced = bool(points.group("gap"))
        rest = rest[points.end():]
    labels = list(new.points)
    out = new.number
    if glued and labels and labels[0].isalpha() and not new.number[-1].isalpha():
        out += labels.pop(0)
    elif spaced and labels:
        out += " "
    out += "".join(f"({label})" for label in labels)
    return text[: found.start()] + out + rest


# ------------------------------------------------------------------------------ xlsx


def update_xlsx(
    parts: Mapping[str, bytes],
    source: str,
    plan: MatrixPlan,
    matrix: Matrix,
    mapping: Mapping[str, str],
    docs: Iterable[str | None],
) -> tuple[dict[str, bytes], list[CellEdit], list[str]]:
    """Rewrite the moving reference cells (and, when the matrix moves, refs cited in the
    other text cells of its rows, such as notes) in the worksheet XML."""
    edits: list[CellEdit] = []
    warnings: list[str] = []
    book = SheetText(parts, source)
    allowed = tuple(docs)
    ref_cells = plan.cells_to_move()
    prose_rows: dict[str, set[int]] = {}
    if plan.view == MOVE:
        for row in matrix.rows:
            if not row.removed:
                prose_rows.setdefault(row.sheet, set()).add(row.row)
    all_ref_cells = {(r.sheet, r.cell) for r in matrix.rows}
    for sheet in sorted({s for s, _ in ref_cells} | set(prose_rows)):
        if not book.has_sheet(sheet):
            warnings.append(f"{source}: sheet {sheet!r} not found in the workbook; its references were not updated")
            continue
        for name in sorted((cell for s, cell in ref_cells if s == sheet), key=cell_order):
            if not book.has_cell(sheet, name):
                warnings.append(f"{source}: cell {sheet}!{name} not found; its reference was not updated")
                continue
            edit = book.rewrite(sheet, name, lambda t: rewrite_cell(t, mapping, allowed), warnings)
            if edit is not None:
                edits.append(CellEdit(sheet, name, *edit))
        for name in book.cell_names(sheet):
            if (sheet, name) in all_ref_cells or cell_row(name) not in prose_rows.get(sheet, set()):
                continue
            edit = book.rewrite(sheet, name, lambda t: rewrite_refs(t, dict(mapping), docs=allowed), warnings, prose=True)
            if edit is not None:
                edits.append(CellEdit(sheet, name, *edit))
    return book.updated_parts(), edits, warnings


# ------------------------------------------------------------------------------ csv


def update_csv(data: bytes, plan: MatrixPlan, matrix: Matrix, mapping: Mapping[str, str], docs: Iterable[str | None]) -> tuple[bytes, list[CellEdit]]:
    """A CSV matrix with its moving reference cells rewritten. CSV has no formatting to keep;
    records are written back in the file's own delimiter, encoding and line ending."""
    encoding, text = decode_csv(data)
    dialect = csv_dialect(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    records = list(csv.reader(io.StringIO(text, newline=""), dialect))
    wanted = plan.cells_to_move()
    allowed = tuple(docs)
    edits: list[CellEdit] = []
    for sheet, name in sorted(wanted, key=lambda sc: cell_order(sc[1])):
        match = CELL_NAME.match(name)
        if match is None:
            continue
        r, c = int(match.group(2)) - 1, column_index(match.group(1)) - 1
        if r >= len(records) or c >= len(records[r]):
            continue
        old = records[r][c]
        new = rewrite_cell(old, mapping, allowed)
        if new != old:
            records[r][c] = new
            edits.append(CellEdit(sheet, name, old, new))
    if plan.view == MOVE:
        edits.extend(_csv_prose(records, matrix, mapping, allowed))
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=dialect.delimiter, quotechar=dialect.quotechar or '"', lineterminator=newline)
    writer.writerows(records)
    return buf.getvalue().encode(encoding), edits


def _csv_prose(records: list[list[str]], matrix: Matrix, mapping: Mapping[str, str], allowed: tuple[str | None, ...]) -> list[CellEdit]:
    """Refs cited in the other cells of the matrix's rows (notes), as for a workbook."""
    edits: list[CellEdit] = []
    ref_cells = {r.cell for r in matrix.rows}
    sheet = matrix.rows[0].sheet if matrix.rows else ""
    for number in sorted({r.row for r in matrix.rows if not r.removed}):
        if not 0 < number <= len(records):
            continue
        record = records[number - 1]
        for index, old in enumerate(record):
            name = f"{column_letter(index + 1)}{number}"
            if name in ref_cells:
                continue
            new = rewrite_refs(old, dict(mapping), docs=allowed)
            if new != old:
                record[index] = new
                edits.append(CellEdit(sheet, name, old, new))
    return edits

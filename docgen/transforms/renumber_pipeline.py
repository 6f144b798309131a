"""The renumbering pipeline shared by `docgen renumber` and `docgen fix`.

Once it is known which items move: change the list levels in the package, read the result
back with the ordinary reader (so the old -> new table is the numbering Word will show, not
a guess), check every moved item landed where planned, rewrite cross-references in the text
from that table, and work out the DMVES cells whose references move. Nothing here writes a
file: the command writes every output only after all of this succeeded.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from docgen.errors import UsageError
from docgen.model import Document, Matrix, MatrixRow
from docgen.ooxml.lists.list_instances import LevelFormat
from docgen.ooxml.lists.typed_labels import TypedLabel
from docgen.refs import RefError, parse_ref
from docgen.transforms.renumber import LevelPlan, RefChange, body_clauses, check_placements, ref_table


@dataclass
class Renumbered:
    """The corrected package, the document read back from it, and what moved."""

    parts: dict[str, bytes]
    document: Document
    table: list[RefChange]
    xref_paragraphs: int = 0

    @property
    def mapping(self) -> dict[str, str]:
        return {c.old: c.new for c in self.table}


@dataclass
class MatrixOutput:
    data: bytes
    summary: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    moved: list[MatrixRow] = field(default_factory=list)  # rows whose references were rewritten


def renumber_package(source: Document, plan: LevelPlan, output: Path | str, proposed: Mapping[str, str] | None = None) -> Renumbered:
    """Apply the plan's level changes, read the package back, check every moved item landed
    where planned, and rewrite the cross-references of the refs that moved.

    With `proposed` (old ref -> new ref, the lint's proposal), moved items whose list does
    not draw the proposed numbers at their new level (pandoc's letter-only lists) are given
    a list instance of their own that does (`ooxml.lists.list_instances`), and read back again."""
    from docgen.ooxml.lists.levels import apply_levels, rewrite_xrefs
    from docgen.ooxml.word_package import document_main_part

    main = document_main_part(source)
    parts = apply_levels(source.parts, main, plan.changes, source.source)
    typed = typed_labels(source, plan, proposed or {})
    if typed:
        from docgen.ooxml.lists.typed_labels import retype

        try:
            parts = retype(parts, main, typed, source.source)
        except ValueError as exc:
            raise UsageError(f"{source.source}: cannot rewrite the typed numbers ({exc}); make this change by hand") from None
    levelled = reread(parts, output)
    if proposed:
        runs = format_runs(source, plan, levelled, proposed)
        if runs:
            from docgen.ooxml.lists.list_instances import give_own_lists

            try:
                parts = give_own_lists(parts, main, runs, source.source)
            except ValueError as exc:
                raise UsageError(f"{source.source}: cannot give the moved items the proposed numbers ({exc}); make this change by hand in Word") from None
            levelled = reread(parts, output)
    check_placements(source.source, plan, levelled)
    table = ref_table(source, levelled)
    parts, touched = rewrite_xrefs(parts, main, {c.old: c.new for c in table}, source.source)
    document = reread(parts, output) if touched else levelled
    return Renumbered(parts=parts, document=document, table=table, xref_paragraphs=touched)


def typed_labels(source: Document, plan: LevelPlan, proposed: Mapping[str, str]) -> dict[int, TypedLabel]:
    """The typed numbers to rewrite: every typed item the proposal renumbers (the moved ones,
    and the later siblings Word would renumber by itself were they a Word list)."""
    out: dict[int, TypedLabel] = {}
    for clause in body_clauses(source):
        paragraph = clause.source.paragraph
        if clause.numbering != "literal" or (clause.ref not in proposed and paragraph not in plan.typed):
            continue
        new = typed_label(clause.num, proposed.get(clause.ref, clause.ref))
        if new is None:
            raise UsageError(
                f"{source.source}: cannot retype {clause.ref} as {proposed.get(clause.ref)}: its typed number {clause.num!r} "
                "has no form docgen can rewrite; make this change by hand"
            )
        out[paragraph] = TypedLabel(clause.num, new, plan.typed.get(paragraph, 0))  # type: ignore[index]
    return out


def typed_label(old: str, new_ref: str) -> str | None:
    """The label `new_ref` is typed as, in the shape of `old`: "(q)" -> "(i)", "18.6" -> "18.7"."""
    try:
        ref = parse_ref(new_ref)
    except RefError:
        return None
    if old.startswith("(") and old.endswith(")") and ref.points:
        return f"({ref.points[-1]})"
    if old[:1].isdigit() and not ref.points:
        return ref.number
    return None


def format_runs(source: Document, plan: LevelPlan, levelled: Document, proposed: Mapping[str, str]) -> list[LevelFormat]:
    """The runs of moved paragraphs whose new level draws other numbers than the proposal's:
    consecutive moved items under the same new parent, in the same list and level, each
    with the number format and start that give exactly the proposed labels. A run no
    format can give is left out; the proposal check then names it."""
    got = {c.source.paragraph: c.ref for c in body_clauses(levelled)}
    groups: list[tuple[tuple, list[tuple[int, str]]]] = []
    for clause in body_clauses(source):
        paragraph = clause.source.paragraph
        change = plan.changes.get(paragraph)  # type: ignore[arg-type]
        wanted = proposed.get(clause.ref, clause.ref)
        if change is None or got.get(paragraph) == wanted:
            continue
        key = (plan.parents.get(paragraph), change.num_id, change.new_ilvl)  # type: ignore[arg-type]
        if groups and groups[-1][0] == key:
            groups[-1][1].append((paragraph, wanted))  # type: ignore[arg-type]
        else:
            groups.append((key, [(paragraph, wanted)]))  # type: ignore[list-item]
    runs: list[LevelFormat] = []
    for (_, num_id, ilvl), members in groups:
        found = fitting_format([last_point(ref) for _, ref in members])
        if found is not None:
            runs.append(LevelFormat(tuple(p for p, _ in members), num_id, ilvl, *found))
    return runs


def last_point(ref: str) -> str | None:
    try:
        parsed = parse_ref(ref)
    except RefError:
        return None
    return parsed.points[-1] if parsed.points else None


_FORMATS = ("lowerRoman", "lowerLetter", "decimal", "upperRoman", "upperLetter")


def fitting_format(points: list[str | None]) -> tuple[str, int] | None:
    """(numFmt, start) drawing `points` as consecutive numbers, e.g. ["i", "ii"] -> lowerRoman
    from 1. Of the formats that fit, the one counting from the lowest start: a lone "(c)" is
    the third letter, not roman 100; a lone "(i)" is roman 1, not the ninth letter."""
    from docgen.ooxml.lists.numbering import format_number

    if not points or any(p is None for p in points):
        return None
    fits: list[tuple[int, int, str]] = []
    for order, fmt in enumerate(_FORMATS):
        for start in range(1, 1000):
            if format_number(start, fmt) != points[0]:
                continue
            if all(format_number(start + k, fmt) == p for k, p in enumerate(points)):
                fits.append((start, order, fmt))
            break
    if not fits:
        return None
    start, _, fmt = min(fits)
    return fmt, start


def check_proposal(source: Document, proposed: Mapping[str, str], result: Renumbered) -> None:
    """Every proposed change made, and no other reference changed."""
    got = result.mapping
    for old in list(proposed) + [o for o in got if o not in proposed]:
        want, actual = proposed.get(old, old), got.get(old, old)
        if actual != want:
            raise UsageError(
                f"{source.source}: not fixed, nothing written: the lint proposes {old} -> {want}, but the renumbered document "
                f"reads {old} -> {actual}; make this change by hand with `docgen renumber --demote/--promote`, then lint again"
            )


def matrix_output(path: Path, source: Document, result: Renumbered, disagreeing: Callable[[Document, Matrix], set[str]]) -> MatrixOutput:
    """The matrix with the references of the rows that move rewritten; `disagreeing` is the
    lint's DMVES cross-check (see `docgen.transforms.matrix_refs.plan_matrix`)."""
    from docgen.readers import read_matrix
    from docgen.transforms.matrix_refs import MOVE, document_names, plan_matrix, update_csv, update_xlsx
    from docgen.ooxml.parts import package_bytes, read_parts

    matrix = read_matrix(path)
    original = path.read_bytes()
    if matrix.format not in ("xlsx", "csv"):
        raise UsageError(f"{path}: only .xlsx and .csv matrices can be updated, not a {matrix.format} table; update it by hand")
    mapping = result.mapping
    if not mapping:
        return MatrixOutput(original, [f"{path.name}: no clause moved, the matrix is unchanged"])
    plan = plan_matrix(matrix, source, result.document, mapping, disagreeing)
    docs = document_names(source)
    warnings: list[str] = []
    if matrix.format == "xlsx":
        parts, edits, warnings = update_xlsx(read_parts(path, kind="Excel workbook (.xlsx)"), str(path), plan, matrix, mapping, docs)
        data = package_bytes(parts) if edits else original
    else:
        data, edits = update_csv(original, plan, matrix, mapping, docs)
        data = data if edits else original
    summary = [f"{path.name} {e.location}: {e.old!r} -> {e.new!r}" for e in edits]
    if not edits:
        why = "it already cites the new numbering" if plan.view != "document" else "no reference in it moves"
        summary.append(f"{path.name}: unchanged; {why}")
    edited = {e.location for e in edits}
    moved = [d.row for d in plan.decisions if d.view == MOVE and f"{d.row.sheet}!{d.row.cell}" in edited]
    return MatrixOutput(data, summary, warnings, moved)


def reread(parts: dict[str, bytes], name: Path | str) -> Document:
    """Read a package from memory with the ordinary reader, naming it as the output."""
    from docgen.readers.docx import read_docx
    from docgen.ooxml.parts import package_bytes

    with tempfile.TemporaryDirectory(prefix="docgen-renumber-") as tmp:
        path = Path(tmp) / "renumbered.docx"
        path.write_bytes(package_bytes(parts))
        document = read_docx(path)
    document.source = str(name)
    return document


def reread_matrix(data: bytes, like: Path) -> Matrix:
    from docgen.readers import read_matrix

    with tempfile.TemporaryDirectory(prefix="docgen-renumber-") as tmp:
        path = Path(tmp) / like.name
        path.write_bytes(data)
        matrix = read_matrix(path)
    return matrix


def read_word(path: Path) -> Document:
    from docgen.readers import read_document

    document = read_document(path)
    if document.format != "docx" or not document.parts:
        raise UsageError(f"{path}: renumbering changes Word numbering, so it needs the .docx, not a {document.format}")
    return document

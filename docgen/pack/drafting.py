"""The drafting-change table (`Drafting Reference | Description`), checked against the redline.

Written by hand, this table drifts from the redline: a clause changed late never gets a row,
a row survives for a change that was dropped. Here the rows come from the comparison, so
every changed clause appears by its reference, and the pack description only supplies the
words. Both kinds of drift become warnings, printed and kept in the manifest.

A description can cover several clauses (`refs`, ranges like 18.5(q)-18.5(u)) and, with
`subclauses = true`, everything below them, which is how a renumbered run is described once.
`Annex A` in a description stands for the DMVES workbook of the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from docgen.model import Matrix
from docgen.pack.office import finish_docx, stamp_core
from docgen.pack.spec import DocumentChange, DraftingChange, PackSpec
from docgen.pack.templates import render_docx
from docgen.refs import Ref, RefError, parse_refs, read_ref
from docgen.writers.csv_table import excel_csv

CSV_COLUMNS = ("Drafting Reference", "Description", "Document", "Rationale for Change")
UNDESCRIBED = "[Description required: this clause was {kind} but the pack description does not describe it]"


@dataclass(frozen=True)
class ClauseChange:
    ref: str  # the ref in the new version (the old one for a deletion)
    old_ref: str | None
    kinds: tuple[str, ...]  # inserted, deleted, modified, moved, renumbered, reformatted
    # Where the change is when not in the clause's own text: "table 2", "footnote 1".
    stories: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftingRow:
    document: str
    display_ref: str
    description: str
    rationale: str | None = None
    changed: tuple[str, ...] = ()  # the refs of the redline this row stands for
    described: bool = True
    text: str | None = None  # the clause as written in the pack (a document without a redline)


@dataclass
class DocumentDrafting:
    document: DocumentChange
    rows: list[DraftingRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    untabled: list[str] = field(default_factory=list)  # changes outside numbered clauses
    checked: bool = True  # False when the document has no redline to check against
    # The drift itself, for the pack lint (pack/drafting-coverage) to name the keys.
    undescribed: list[ClauseChange] = field(default_factory=list)
    unchanged: list[DraftingChange] = field(default_factory=list)
    # Every clause ref of the old and new versions: a row naming none of them is a typo,
    # not a clause that "did not change".
    known_refs: tuple[str, ...] = ()


def known_refs(*documents: object) -> tuple[str, ...]:
    """The refs of every clause of the documents, in document order, each once."""
    seen: dict[str, None] = {}
    for doc in documents:
        for clause in getattr(doc, "clauses", []):
            seen.setdefault(clause.ref, None)
    return tuple(seen)


def entry_is_in(entry: DraftingChange, refs: tuple[str, ...], annex: str | None) -> bool:
    """Does the row name a clause the document has (or its DMVES annex)?"""
    targets = _entry_refs(entry)
    if not targets:
        return True  # unreadable refs were refused when the pack loaded
    have = set(refs)
    parsed = [r for r in (read_ref(x) for x in refs) if r is not None]
    for t in targets:
        c = t.canonical()
        if c in have or (annex and c == annex) or any(r == t or t.is_ancestor_of(r) for r in parsed):
            return True
    return False


# ---------------------------------------------------------------------------------------
# What changed


def clause_changes(comparison: object) -> tuple[list[ClauseChange], list[str]]:
    """Changed clauses in document order, and the changed paragraphs that belong to none.

    An unnumbered paragraph inside the body (a continuation, a note) belongs to the clause
    before it; a cell of a table with a caption belongs to that table's row step when it
    has one. Paragraphs before the first clause (cover page, version box, change history)
    belong to no clause: they are reported but never tabled.
    """
    order: list[str] = []
    kinds: dict[str, list[str]] = {}
    olds: dict[str, str | None] = {}
    untabled: list[str] = []
    last_ref: str | None = None
    for ch in comparison.changes:  # type: ignore[attr-defined]
        own = ch.new_ref or ch.old_ref
        kind = _kind(ch)
        if own is not None:
            last_ref = own
        if kind is None:
            continue
        ref = own
        if ref is None:
            para = ch.new or ch.old
            heading = bool(para is not None and para.style and "heading" in para.style.lower())
            if last_ref is None or heading or ch.op == "move_from":
                if ch.op != "move_from" and para is not None and para.text.strip():
                    untabled.append(para.text.strip()[:80])
                continue
            ref = last_ref
            kind = "modified"
        if ch.op == "move_from":
            continue  # its move_to twin carries the move
        if ref not in kinds:
            order.append(ref)
            kinds[ref] = []
            olds[ref] = ch.old_ref
        if kind not in kinds[ref]:
            kinds[ref].append(kind)
    where = _story_changes(comparison, order, kinds, olds, untabled)
    return [ClauseChange(r, olds[r], tuple(kinds[r]), tuple(where.get(r, ()))) for r in order], untabled


def _story_changes(comparison: object, order: list[str], kinds: dict[str, list[str]], olds: dict[str, str | None], untabled: list[str]) -> dict[str, list[str]]:
    """Changes in a table cell, a note or a text box belong to the clause they stand in.

    A table's cells are already in the body's changes (and so under the clause before the
    table); notes and text boxes are not, so their clause is added as modified, in document
    order. A header, a footer, or a note before the first clause belongs to no clause;
    comments are no drafting at all.
    """
    where: dict[str, list[str]] = {}
    position: dict[str, int] = {}
    old_of: dict[str, str | None] = {}
    for k, ch in enumerate(comparison.changes):  # type: ignore[attr-defined]
        for r in (ch.new_ref, ch.old_ref):
            if r is not None:
                position.setdefault(r, k)
        if ch.new_ref is not None:
            old_of.setdefault(ch.new_ref, ch.old_ref)
    added = False
    for story in getattr(comparison, "stories", []):
        if not story.changed or story.kind == "comment":
            continue  # a reviewer's comment is no drafting change
        if story.clause is None:
            text = next((p.new_text or p.old_text or "" for p in story.paragraphs if p.is_change), "").strip()
            untabled.append(f"{story.label}: {text}"[:80])
            continue
        where.setdefault(story.clause, []).append(story.label)
        if story.kind == "table":
            continue  # its cells were counted with the body's paragraphs
        if story.clause not in kinds:
            order.append(story.clause)
            kinds[story.clause] = []
            olds[story.clause] = old_of.get(story.clause, story.clause)
            added = True
        if "modified" not in kinds[story.clause]:
            kinds[story.clause].append("modified")
    if added:
        order.sort(key=lambda r: position.get(r, len(position)))
    return where


def _kind(ch: object) -> str | None:
    op = ch.op  # type: ignore[attr-defined]
    if op == "insert":
        return "inserted"
    if op == "delete":
        return "deleted"
    if op == "modify":
        return "modified"
    if op in ("move_to", "move_from"):
        return "moved"
    if ch.level_changed or (ch.old_ref and ch.new_ref and ch.old_ref != ch.new_ref):  # type: ignore[attr-defined]
        return "renumbered"
    if ch.format_changed:  # type: ignore[attr-defined]
        return "reformatted"
    return None


def matrix_changed(old: Matrix, new: Matrix) -> bool:
    """Whether the workbook's rows differ in anything a reader of Annex A would see."""

    def rows(m: Matrix) -> list[tuple]:
        return sorted((r.ref, tuple(r.srv), tuple(r.device_models), tuple(r.group_ids), r.cohort or "") for r in m.rows if not r.removed)

    return rows(old) != rows(new)


# ---------------------------------------------------------------------------------------
# Matching descriptions to changes


def _covers(entry: DraftingChange, entry_refs: list[Ref], change: ClauseChange) -> bool:
    for raw in (change.ref, change.old_ref):
        target = read_ref(raw)
        if target is None:
            if raw and any(raw == r.canonical() for r in entry_refs):
                return True
            continue
        for r in entry_refs:
            if r == target or (entry.subclauses and r.is_ancestor_of(target)):
                return True
    return False


def _entry_refs(entry: DraftingChange) -> list[Ref]:
    out: list[Ref] = []
    for raw in entry.refs:
        try:
            out.extend(parse_refs(raw))
        except RefError:
            continue  # load_pack already refused unreadable refs
    return out


def document_drafting(
    pack: PackSpec,
    document: DocumentChange,
    changes: list[ClauseChange] | None,
    *,
    matrix_did_change: bool = False,
    untabled: list[str] | None = None,
    known_refs: tuple[str, ...] = (),
) -> DocumentDrafting:
    """Rows for one document: described changes, undescribed changes, described non-changes.

    `changes` is None for a document re-designated without a redline: its descriptions are
    tabled as written and cannot be checked.
    """
    entries = [e for e in pack.drafting if e.document == document.short_name]
    result = DocumentDrafting(document, untabled=list(untabled or []), checked=changes is not None, known_refs=known_refs)
    if changes is None:
        result.rows = [DraftingRow(document.short_name, e.ref, e.description, e.rationale, text=e.text) for e in entries]
        return result
    annex = f"Annex {document.matrix.annex}" if document.matrix else None
    if annex and matrix_did_change:
        changes = changes + [ClauseChange(annex, None, ("modified",))]
    refs = {id(e): _entry_refs(e) for e in entries}
    emitted: dict[int, list[str]] = {}
    rows: list[tuple[int | None, DraftingRow]] = []
    for change in changes:
        owner = next((e for e in entries if _covers(e, refs[id(e)], change)), None)
        if owner is None:
            kind = " and ".join(change.kinds) + (f" (in {', '.join(change.stories)})" if change.stories else "")
            was = f" (was {change.old_ref})" if change.old_ref and change.old_ref != change.ref else ""
            rows.append((None, DraftingRow(document.short_name, change.ref, UNDESCRIBED.format(kind=kind), changed=(change.ref,), described=False)))
            result.undescribed.append(change)
            result.warnings.append(
                f"{document.short_name} {change.ref}{was} was {kind} in the redline but the pack describes no drafting change for it; "
                f'add [[drafting]] ref = "{change.ref}" with a description'
            )
            continue
        if id(owner) not in emitted:
            emitted[id(owner)] = []
            rows.append((id(owner), DraftingRow(document.short_name, owner.ref, owner.description, owner.rationale)))
        emitted[id(owner)].append(change.ref)
    for e in entries:
        if id(e) not in emitted:
            rows.append((id(e), DraftingRow(document.short_name, e.ref, e.description, e.rationale)))
            result.unchanged.append(e)
            what = "the workbook did not change" if annex and all(r.canonical() == annex for r in refs[id(e)]) else "that clause did not change"
            result.warnings.append(
                f"{document.short_name} drafting change {e.ref!r} is described in the pack but {what} between "
                f"v{document.version_from} and v{document.version_to}; remove it or check the reference"
            )
    result.rows = [
        DraftingRow(row.document, row.display_ref, row.description, row.rationale, tuple(emitted.get(key, [])) if key is not None else row.changed, row.described)
        for key, row in rows
    ]
    return result


# ---------------------------------------------------------------------------------------
# Outputs


def drafting_csv(tables: list[DocumentDrafting]) -> bytes:
    return excel_csv(CSV_COLUMNS, ([row.display_ref, row.description, t.document.short_name, row.rationale or ""] for t in tables for row in t.rows))


def drafting_docx(pack: PackSpec, tables: list[DocumentDrafting], moment: dt.datetime) -> bytes:
    heading = f"{pack.short_names}: Overview of Drafting Changes"
    context = {
        "heading": heading,
        "title": pack.title,
        "documents": [
            {
                "title": f"{t.document.short_name} (Appendix {t.document.appendix}) v{t.document.version_from} to v{t.document.version_to}"
                if t.document.version_from
                else f"{t.document.short_name} (Appendix {t.document.appendix})",
                "rows": [{"ref": r.display_ref, "description": r.description} for r in t.rows]
                or [{"ref": "", "description": "No drafting changes."}],
            }
            for t in tables
        ],
    }
    document = render_docx("drafting_table.docx", context)
    stamp_core(document, title=heading, moment=moment, subject=pack.title, identifier=pack.reference)
    return finish_docx(document, moment)

"""An inserted or deleted item told apart from a renumbering mistake.

A run of unchanged clauses that moved by a constant offset is a mistake when nothing
explains it (`baseline/shift`), but a drafter who adds a new 18.5(g) shifts 18.5(g)-(z) to
(h)-(aa) on purpose. When the clauses right before the run are exactly as many new texts
as the offset (or the previous version had exactly as many texts there that are gone),
the shift is that insertion (deletion): a warning saying so, with a count of the DMVES rows
that follow the new numbering and of those that do not. Each row still citing the old
number of a clause that moved (or was deleted) is an error of its own: its reference now
names other text. Whether a row "follows" is decided by evidence only: the SRVs (or, for
a row without one, the Device Models) it names are in the text at its reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping

from docgen.checks import Finding, default_severity
from docgen.checks.context import LintContext, make_finding, own_label_text
from docgen.model import Clause, Matrix, MatrixRow
from docgen.transforms.wording import clause_wording, contains_phrase, contains_srv, row_srv_numbers

INSERTED = "baseline/inserted"
DELETED = "baseline/deleted"
MOVED = "baseline/moved"
STALE = "baseline/stale-reference"
STALE_XREF = "baseline/stale-xref"


@dataclass
class Edit:
    """An insertion (`added`) or deletion (`removed`, clauses of the previous version) and
    the run of unchanged clauses it shifted, as (new, old) pairs."""

    kind: str  # INSERTED, DELETED or MOVED (`edited`: the moved clauses, as they are now)
    edited: list[Clause]
    items: list[tuple[Clause, Clause]]


def classify(
    items: list[tuple[Clause, Clause]],
    delta: int,
    moved_before: list[tuple[Clause, Clause]],
    new_before: list[Clause],
    matched_old: set[int],
) -> Edit | None:
    """The edit that explains a shift exactly, or None when it is not one."""
    if moved_before or not items:
        return None
    if delta > 0 and len(new_before) == delta:
        return Edit(INSERTED, list(new_before), items)
    if delta < 0 and not new_before:
        gone = _removed_before(items[0][1], matched_old)
        if len(gone) == -delta:
            return Edit(DELETED, gone, items)
    return None


def _removed_before(first_old: Clause, matched_old: set[int]) -> list[Clause]:
    """The old siblings right before `first_old` whose text the new version no longer has."""
    parent = first_old.parent
    if parent is None:
        return []
    siblings = parent.children
    index = next(i for i, c in enumerate(siblings) if c is first_old)
    gone: list[Clause] = []
    for clause in reversed(siblings[:index]):
        if id(clause) in matched_old:
            break
        gone.insert(0, clause)
    return gone


def span(clauses: list[Clause]) -> str:
    """'18.5(g)' or '18.5(g)-(h)': the first ref in full, the last by its own label."""
    first, last = clauses[0], clauses[-1]
    return first.ref if first is last else f"{first.ref}-{short(last)}"


def short(clause: Clause) -> str:
    label, point = own_label_text(clause)
    return f"({label})" if point else clause.ref


def edit_findings(
    ctx: LintContext, baseline: LintContext, edit: Edit, matrix: Matrix | None, old_of: Mapping[int, Clause] | None = None
) -> list[Finding]:
    """The edit's warning, then an error for each DMVES row and, given `old_of` (new clause
    id -> previous-version clause of the same text), each cross-reference left behind."""
    olds = [old for _, old in edit.items]
    news = [new for new, _ in edit.items]
    stale = list(_stale_rows(ctx, baseline, edit, matrix)) if matrix is not None else []
    xrefs = list(stale_xrefs(ctx, baseline, edit, old_of)) if old_of is not None else []
    follow = _following_rows(ctx, news, matrix) if matrix is not None else 0
    if edit.kind == MOVED:
        return _moved_findings(ctx, baseline, edit, matrix, stale + xrefs)
    verb = "inserted" if edit.kind == INSERTED else "deleted"
    where = span(edit.edited)
    anchor = edit.edited[0] if edit.kind == INSERTED else news[0]
    rows = ""
    if matrix is not None:
        rows = f"; {follow} DMVES row{'' if follow == 1 else 's'} follow{'s' if follow == 1 else ''} the new numbering"
        rows += f", {len(stale)} do{'es' if len(stale) == 1 else ''} not" if stale else ", none still cites an old number"
    was = f" (in {baseline.name})" if edit.kind == DELETED else ""
    message = (
        f"{verb.capitalize()} {where}{was} shifts {span(olds)} to {short(news[0])}-{short(news[-1])}{rows}. "
        f"If the {'insertion' if edit.kind == INSERTED else 'deletion'} is intended, update every reference to the "
        f"shifted clauses (the DMVES, other documents, cross-references) to the new numbers; if not, "
        f"{'remove the new item' if edit.kind == INSERTED else 'restore the deleted item'}."
    )
    summary = make_finding(ctx, edit.kind, anchor, message)
    for finding in stale + xrefs:
        finding.caused_by = summary.key
    return [summary, *stale, *xrefs]


def _moved_findings(ctx: LintContext, baseline: LintContext, edit: Edit, matrix: Matrix | None, left: list[Finding]) -> list[Finding]:
    moved_ids = {id(c) for c in edit.edited}
    pairs = dict((id(new), old) for new, old in edit.items)
    mover_old = [pairs[id(c)] for c in edit.edited]
    others = [(new, old) for new, old in edit.items if id(new) not in moved_ids]
    rows = ""
    if matrix is not None:
        follow = _following_rows(ctx, [new for new, _ in edit.items], matrix)
        stale = sum(1 for f in left if f.rule == STALE)
        rows = f"; {follow} DMVES row{'' if follow == 1 else 's'} follow{'s' if follow == 1 else ''} the new numbering"
        rows += f", {stale} do{'es' if stale == 1 else ''} not" if stale else ", none still cites an old number"
    message = (
        f"Moved {span(mover_old)} (in {baseline.name}) to {span(edit.edited)}, so "
        f"{span([old for _, old in others])} shift to {short(others[0][0])}-{short(others[-1][0])}{rows}. "
        "If the move is intended, update every reference to the moved and shifted clauses (the DMVES, other "
        "documents, cross-references) to the new numbers; if not, move it back."
    )
    summary = make_finding(ctx, MOVED, edit.edited[0], message)
    for finding in left:
        finding.caused_by = summary.key
    return [summary, *left]


def stale_xrefs(ctx: LintContext, baseline: LintContext, edit: Edit, old_of: Mapping[int, Clause]) -> Iterator[Finding]:
    """Cross-references in clauses whose text did not change since the previous version,
    citing a number whose text the edit moved (or deleted): they now point at other text.
    A reference the drafter did update changed its clause's text, so it is not found here."""
    from docgen.refs import THIS_DOCUMENT, find_refs

    now_at = {old.ref: new for new, old in edit.items if new.ref != old.ref}
    gone = {c.ref for c in edit.edited} if edit.kind == DELETED else set()
    for clause in ctx.doc.clauses:
        if id(clause) not in old_of or not clause.text:
            continue
        seen: set[str] = set()
        for match in find_refs(clause.text):
            if match.ref.doc not in (None, THIS_DOCUMENT):
                continue
            cited = match.ref.canonical()
            if cited in seen or (cited not in now_at and cited not in gone):
                continue
            seen.add(cited)
            moved = now_at.get(cited)
            what = (
                f"that text is now {moved.ref}; change the reference to {moved.ref}"
                if moved is not None
                else "that item was deleted; remove the reference or point it at the clause that now says it"
            )
            yield make_finding(
                ctx,
                STALE_XREF,
                clause,
                f"{clause.ref} cites \"{match.written}\", the number of the text it cited in {baseline.name}, "
                f"but {what} ({ctx.where(clause)}).",
            )


def _row_names(row: MatrixRow) -> tuple[list[str], list[str]]:
    numbers = row_srv_numbers(row)
    return numbers, list(row.device_models)


def speaks_of(clause: Clause | None, row: MatrixRow) -> bool:
    """The clause's own text (with its sub-items) names what the row names."""
    if clause is None:
        return False
    text = clause_wording(clause)
    numbers, models = _row_names(row)
    if numbers:
        return all(contains_srv(text, n) for n in numbers)
    return bool(models) and all(contains_phrase(text, m) for m in models)


def _following_rows(ctx: LintContext, news: list[Clause], matrix: Matrix) -> int:
    refs = {c.ref: c for c in news}
    return sum(1 for row in matrix.rows if not row.removed and row.ref in refs and speaks_of(refs[row.ref], row))


def _stale_rows(ctx: LintContext, baseline: LintContext, edit: Edit, matrix: Matrix) -> Iterator[Finding]:
    """Rows citing a ref whose previous-version text moved (or went), while the text now at
    that ref is not what they name."""
    now_at = {old.ref: new for new, old in edit.items}
    gone = {c.ref for c in edit.edited} if edit.kind == DELETED else set()
    old_refs = set(now_at) | gone
    matrix_name = ctx.name_of(matrix.source)
    for order, row in enumerate(matrix.rows):
        if row.removed or row.ref not in old_refs:
            continue
        old = baseline.by_ref.get(row.ref)
        current = ctx.by_ref.get(row.ref)
        if not speaks_of(old, row) or speaks_of(current, row):
            continue
        moved = now_at.get(row.ref)
        if moved is not None:
            what = f"that text is now {moved.ref}; change the row to {moved.ref}"
        else:
            what = "that item was deleted; remove the row or point it at the clause that now says it"
        position = ctx.position(current) if current is not None else (1 << 29,)
        yield Finding(
            rule=STALE,
            severity=default_severity(STALE),
            ref=row.ref,
            file=matrix.source,
            location=row.location,
            message=(
                f"The DMVES row at {row.location} in {matrix_name} cites {row.ref}, the number of the "
                f"text it describes in {baseline.name}, but {what}."
            ),
            position=position + (order,),
        )


__all__ = ["DELETED", "INSERTED", "MOVED", "STALE", "STALE_XREF", "Edit", "stale_xrefs", "classify", "edit_findings", "speaks_of"]

"""baseline/shift: unchanged clauses that carry other numbers than in the previous version.

A clause whose text is the same in both versions is the same provision, so if its number
changed, every outside reference to it (the DMVES, other appendices, guidance) now points
at something else. One such change is a drafting choice; a run of them moved by the same
offset from one point on is a renumbering, and the lint reports where it starts with the
mapping back to the old numbers.

A shift that an inserted item (text the previous version lacks) or a deleted one explains
exactly is a drafting change, not a mistake: `baseline_edits` reports it as a warning and
the matrix rows left behind by it as errors.

Texts are matched only when they occur once in each version, so boilerplate ("Not used",
"the outcome; and") never pairs the wrong clauses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from docgen.checks import Finding
from docgen.checks.context import LintContext, make_finding, rebase
from docgen.checks.baseline_edits import MOVED, Edit, classify, edit_findings
from docgen.model import Clause, Matrix
from docgen.transforms.lineage import unique_texts
from docgen.transforms.wording import normalise_text

RULE = "baseline/shift"
# A single moved clause counts as a shift only when its text is long enough to be unique.
MIN_SINGLE_TEXT = 40


@dataclass
class _Shift:
    items: list[tuple[Clause, Clause]]  # (new, old) of the constant-offset run, in order
    delta: int
    moved_before: list[tuple[Clause, Clause]]  # same-text clauses just before it that changed level
    new_before: list[Clause] = field(default_factory=list)  # clauses with no old text right before it


def check_baseline(ctx: LintContext, baseline: LintContext, matrix: Matrix | None = None) -> list[Finding]:
    new_texts = unique_texts(ctx.doc.clauses)
    old_texts = unique_texts(baseline.doc.clauses)
    old_of: dict[int, Clause] = {}
    for key, clause in new_texts.items():
        old = old_texts.get(key)
        if old is not None:
            old_of[id(clause)] = old
    matched_old = {id(old) for old in old_of.values()}
    findings: list[Finding] = []
    for group in ctx.groups:
        shifts = list(_shifts(ctx, baseline, group, old_of))
        k = 0
        while k < len(shifts):
            shift = shifts[k]
            move = _move(group, shift, shifts[k + 1]) if k + 1 < len(shifts) else None
            if move is not None:
                findings.extend(edit_findings(ctx, baseline, move, matrix, old_of))
                k += 2
                continue
            edit = classify(shift.items, shift.delta, shift.moved_before, shift.new_before, matched_old)
            if edit is not None:
                findings.extend(edit_findings(ctx, baseline, edit, matrix, old_of))
            else:
                findings.append(_finding(ctx, baseline, shift, old_of))
            k += 1
    return findings


def _move(group: list[Clause], a: _Shift, b: _Shift) -> Edit | None:
    """Two adjacent shifts that undo each other are an item moved: (c) put after (h) moves
    (d)-(h) one back and (c) five on; (h) put before (c) moves it five back and (c)-(g) one on.
    The shorter run is what moved (the later one when both are one item: a swap)."""
    if a.moved_before or b.moved_before or b.new_before:
        return None
    if a.delta * b.delta >= 0 or abs(a.delta) != len(b.items) or abs(b.delta) != len(a.items):
        return None
    position = {id(c): i for i, c in enumerate(group)}
    if position[id(b.items[0][0])] != position[id(a.items[-1][0])] + 1:
        return None
    mover = a if len(a.items) < len(b.items) else b
    return Edit(MOVED, [new for new, _ in mover.items], a.items + b.items)


def _old_parent_ref(clause: Clause, old_of: dict[int, Clause]) -> str | None:
    """What the new clause's parent was called in the old version (its own ref if unknown)."""
    parent = clause.parent
    if parent is None:
        return None
    old = old_of.get(id(parent))
    return old.ref if old is not None else parent.ref


def _shifts(ctx: LintContext, baseline: LintContext, group: list[Clause], old_of: dict[int, Clause]) -> Iterator[_Shift]:
    family = ctx.group_family(group)
    runs: list[_Shift] = []
    current: _Shift | None = None
    pending_moved: list[tuple[Clause, Clause]] = []
    unmatched: list[Clause] = []  # clauses with no old text since the last one that has one
    for clause in group:
        old = old_of.get(id(clause))
        if old is None:
            unmatched.append(clause)
            continue  # changed or new text: neither breaks nor extends a run
        new_before, unmatched = unmatched, []
        label = ctx.label(clause)
        old_label = baseline.labels.get(id(old))
        old_parent = old.parent.ref if old.parent is not None else None
        same_level = (
            old_label is not None
            and old_label.family == label.family == family
            and old_parent == _old_parent_ref(clause, old_of)
            and label.value is not None
            and old_label.value is not None
            and label.suffix == old_label.suffix
        )
        if not same_level:
            if current is not None:
                runs.append(current)
                current = None
            if old.ref != clause.ref:
                pending_moved.append((clause, old))
            else:
                pending_moved = []
            continue
        delta = label.value - old_label.value  # type: ignore[operator]
        if current is not None and delta == current.delta:
            current.items.append((clause, old))
            continue
        if current is not None:
            runs.append(current)
        current = _Shift([(clause, old)], delta, pending_moved, new_before)
        pending_moved = []
    if current is not None:
        runs.append(current)
    for run in runs:
        if run.delta == 0:
            continue
        long_enough = len(run.items) > 1 or len(normalise_text(run.items[0][0].text)) >= MIN_SINGLE_TEXT
        if long_enough:
            yield run


def _finding(ctx: LintContext, baseline: LintContext, shift: _Shift, old_of: dict[int, Clause]) -> Finding:
    mapping: dict[str, str] = {}
    for new, old in shift.moved_before + shift.items:
        mapping[new.ref] = old.ref
        for d in new.descendants():
            previous = old_of.get(id(d))
            mapping[d.ref] = previous.ref if previous is not None else rebase(d.ref, new.ref, old.ref)
    mapping = {k: v for k, v in mapping.items() if k != v}
    first_new, first_old = shift.items[0]
    last_new, last_old = shift.items[-1]
    count = len(shift.items)
    direction = "on" if shift.delta > 0 else "back"
    unit = "letter" if ctx.label(first_new).family == "letter" else "number"
    steps = f"{abs(shift.delta)} {unit}{'' if abs(shift.delta) == 1 else 's'}"
    span = (
        f"{first_new.ref} (was {first_old.ref})"
        if count == 1
        else f"{first_new.ref} to {last_new.ref} (were {first_old.ref} to {last_old.ref})"
    )
    cause = ""
    if shift.moved_before:
        a_new, a_old = shift.moved_before[0]
        z_new, z_old = shift.moved_before[-1]
        cause = (
            f" Just before them, {a_new.ref}"
            + (f" to {z_new.ref}" if len(shift.moved_before) > 1 else "")
            + f" have the text of {a_old.ref}"
            + (f" to {z_old.ref}" if len(shift.moved_before) > 1 else "")
            + f" in {baseline.name}, at another level."
        )
    return make_finding(
        ctx,
        RULE,
        first_new,
        f"From {first_new.ref} on ({ctx.at(first_new)}), {count} clause"
        f"{'' if count == 1 else 's'} with the same text as in {baseline.name} moved {steps} "
        f"{direction}: {span}.{cause} References to the old numbers (the DMVES, other "
        "documents) now point at other text. Restore the previous numbering (`docgen fix "
        f"... --baseline {baseline.file}` renumbers each clause back), or update every reference.",
        fix={"renumber": mapping},
    )


__all__ = ["check_baseline"]

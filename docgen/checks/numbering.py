"""Numbering rules: the sequence of sibling numbers, levels, and the 18.5p pattern.

Word's automatic numbering never skips or repeats a number by itself, so most of these
rules matter for typed and PDF numbers. The two that matter everywhere are the ones a
valid-looking sequence hides: sub-items promoted to their lead-in's level ((p), (q), (r)
is a perfectly good sequence) and roman sub-items sitting among the letters.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from docgen.checks import INFO, Finding
from docgen.checks.context import (
    DOTTED,
    LETTER,
    OTHER,
    ROMAN,
    STEPNO,
    LintContext,
    child_family,
    label_for,
    make_finding,
    rebase,
    scope_of,
    with_label,
)
from docgen.checks.text import (
    continues_list,
    ends_before_last,
    finishes_list,
    is_lead_in,
    is_short,
)
from docgen.checks.promoted_range import Evidence, from_baseline, from_matrix
from docgen.model import Clause, Matrix
from docgen.transforms.wording import named_models, srv_numbers


def check_numbering(
    ctx: LintContext,
    *,
    known_models: Iterable[str] = (),
    baseline: LintContext | None = None,
    matrix: Matrix | None = None,
) -> list[Finding]:
    """`baseline` and `matrix`, when given, settle where a promoted run ends (`promoted_range`)."""
    known = tuple(known_models)
    evidence = Evidence.build(ctx, baseline, matrix)
    findings: list[Finding] = list(_duplicates(ctx))
    for group in ctx.groups:
        findings.extend(_sequence(ctx, group))
        findings.extend(_literal_mixed(ctx, group))
        findings.extend(_roman_at_letter_level(ctx, group))
        findings.extend(_promoted_subitems(ctx, group, known, evidence))
    findings.extend(_level_skips(ctx))
    return findings


def _unit(family: str, n: int) -> str:
    word = {LETTER: "letter", ROMAN: "numeral"}.get(family, "number")
    return f"{n} {word}{'' if n == 1 else 's'}"


# ------------------------------------------------------------------------------ duplicates


def _duplicates(ctx: LintContext) -> Iterator[Finding]:
    first: dict[str, Clause] = {}
    for clause in ctx.doc.clauses:
        if clause.ref.startswith("("):
            continue  # a list with no numbered parent has no reference anyone can cite
        seen = first.setdefault(clause.ref, clause)
        if seen is clause:
            continue
        yield make_finding(
            ctx,
            "numbering/duplicate",
            clause,
            f"{clause.ref} is numbered twice in {ctx.name}: once {ctx.spot(seen)} and again "
            f"{ctx.spot(clause)}, so any reference to {clause.ref} (cross-references, the DMVES) "
            "is ambiguous. Renumber one of them, or restart or continue the Word list so the "
            "numbers run on.",
        )


# ----------------------------------------------------------------------------- gap, order


def _sequence(ctx: LintContext, group: list[Clause]) -> Iterator[Finding]:
    family = ctx.group_family(group)
    if family == OTHER:
        return
    previous: int | None = None
    previous_clause: Clause | None = None
    for clause in group:
        label = ctx.label(clause)
        if label.family != family or label.value is None:
            continue
        value = label.value
        if label.suffix:
            if previous is None or value != previous:
                yield make_finding(
                    ctx,
                    "numbering/order",
                    clause,
                    f"{clause.ref} is an inserted clause but does not follow the clause it is "
                    f"inserted after ({ctx.at(clause)}); move it to just after "
                    f"{clause.ref[: len(clause.ref) - len(label.suffix)]} "
                    "or correct its number.",
                )
            continue
        if previous is None:
            # Word starts a list late only when told to (startOverride), and a document may
            # be an extract starting at its section 18; a typed (b) opening a list is a slip.
            if value > 1 and clause.numbering != "auto" and clause.parent is not None:
                missing = with_label(clause.ref, label, family, 1)
                yield make_finding(
                    ctx,
                    "numbering/gap",
                    clause,
                    f"The list starts at {clause.ref} in {ctx.named(clause)}: "
                    f"{missing} is missing. Number the first item {missing}, or mark the "
                    "missing one 'Not used' so later references stay valid.",
                )
        elif value < previous:
            yield make_finding(
                ctx,
                "numbering/order",
                clause,
                f"{clause.ref} comes after {previous_clause.ref if previous_clause else '?'} in "
                f"{ctx.named(clause)}, so the numbers run backwards. Renumber it "
                "or move it into sequence.",
            )
        elif value > previous + 1:
            gap = [with_label(clause.ref, label, family, v) for v in range(previous + 1, value)]
            missing = gap[0] if len(gap) == 1 else f"{gap[0]} to {gap[-1]}"
            yield make_finding(
                ctx,
                "numbering/gap",
                clause,
                f"{clause.ref} follows {previous_clause.ref if previous_clause else '?'} in "
                f"{ctx.named(clause)}: {missing} "
                f"{'is' if len(gap) == 1 else 'are'} missing. Renumber, or keep the number "
                "with the text 'Not used' if it was deleted on purpose.",
            )
        if previous is None or value > previous:
            previous, previous_clause = value, clause


# ------------------------------------------------------------------------------ level-skip


def _root_levels(ctx: LintContext) -> dict[str, int]:
    """The shallowest level of the dotted root clauses of each scope ('' or 'Annex D')."""
    out: dict[str, int] = {}
    for clause in ctx.doc.clauses:
        label = ctx.label(clause)
        if clause.parent is None and label.family == DOTTED:
            scope = scope_of(clause)
            out[scope] = min(out.get(scope, clause.level), clause.level)
    return out


def _level_skips(ctx: LintContext) -> Iterator[Finding]:
    shallowest = _root_levels(ctx)
    for clause in ctx.doc.clauses:
        parent = clause.parent
        if parent is None:
            if ctx.label(clause).family != DOTTED:
                continue
            scope = scope_of(clause)
            if clause.level > shallowest.get(scope, 0):
                missing = clause.ref.rsplit(".", 1)[0]
                yield make_finding(
                    ctx,
                    "numbering/level-skip",
                    clause,
                    f"{clause.ref} has no clause above it in {ctx.named(clause)}: "
                    f"{missing} does not exist. Add {missing}, or number the clause at the "
                    "level it belongs to.",
                )
            continue
        if clause.level > parent.level + 1:
            yield make_finding(
                ctx,
                "numbering/level-skip",
                clause,
                f"{clause.ref} sits {clause.level - parent.level} levels below its parent "
                f"{parent.ref} in {ctx.named(clause)}; the level between them is "
                "missing. Insert the missing level or number the clause one level up.",
            )
            continue
        mine, theirs = clause.word_list, parent.word_list
        if clause.numbering != "auto" or parent.numbering != "auto" or mine is None or theirs is None:
            continue
        ilvl, parent_ilvl = mine.ilvl, theirs.ilvl
        if mine.num_id is None or mine.num_id != theirs.num_id:
            continue
        if isinstance(ilvl, int) and isinstance(parent_ilvl, int) and ilvl > parent_ilvl + 1:
            yield make_finding(
                ctx,
                "numbering/level-skip",
                clause,
                f"{clause.ref} is at Word list level {ilvl + 1} directly under {parent.ref} "
                f"(level {parent_ilvl + 1}) in {ctx.named(clause)}, so its number "
                f"'{clause.num}' belongs to a level that has no parent item. Set its list level "
                f"to {parent_ilvl + 2} (Increase/Decrease Indent in Word) or add the missing item.",
            )


# -------------------------------------------------------------------------- literal-mixed


def _literal_mixed(ctx: LintContext, group: list[Clause]) -> Iterator[Finding]:
    autos = [c for c in group if c.numbering == "auto"]
    if not autos:
        return
    auto_values = {ctx.label(c).value for c in autos}
    for clause in group:
        if clause.numbering != "literal":
            continue
        label = ctx.label(clause)
        if label.suffix and label.value in auto_values:
            base = clause.ref[: len(clause.ref) - len(label.suffix)]
            yield make_finding(
                ctx,
                "numbering/literal-mixed",
                clause,
                f"{clause.ref} is typed by hand among automatically numbered clauses in "
                f"{ctx.named(clause)}, as an inserted clause must be (Word cannot "
                f"number {clause.ref}). Nothing to do now; if {base} is ever renumbered, "
                f"renumber {clause.ref} by hand with it.",
                severity=INFO,
            )
            continue
        yield make_finding(
            ctx,
            "numbering/literal-mixed",
            clause,
            f"{clause.ref} has its number typed as text among automatically numbered siblings in "
            f"{ctx.named(clause)}; it will not follow when the list is renumbered. "
            "Apply the list's numbering to the paragraph and delete the typed number.",
        )


# ------------------------------------------------------------------ roman-at-letter-level


def _roman_at_letter_level(ctx: LintContext, group: list[Clause]) -> Iterator[Finding]:
    if ctx.group_family(group) != LETTER:
        return
    host: Clause | None = None
    run: list[Clause] = []
    for clause in group + [None]:  # type: ignore[operator]
        family = ctx.label(clause).family if clause is not None else None
        if family == ROMAN:
            run.append(clause)  # type: ignore[arg-type]
            continue
        if run:
            yield _roman_finding(ctx, host, run)
            run = []
        if family == LETTER:
            host = clause


def _roman_finding(ctx: LintContext, host: Clause | None, run: list[Clause]) -> Finding:
    first, last = run[0], run[-1]
    span = first.ref if len(run) == 1 else f"{first.ref} to {last.ref}"
    if host is None:
        return make_finding(
            ctx,
            "numbering/roman-at-letter-level",
            first,
            f"{span} {'is' if len(run) == 1 else 'are'} numbered with roman numerals among "
            f"lettered items in {ctx.named(first)}. Make them sub-items of the "
            "item they belong to, or letter them.",
        )
    mapping: dict[str, str] = {}
    for n, clause in enumerate(run, 1):
        target = f"{host.ref}({label_for(ROMAN, n)})"
        mapping[clause.ref] = target
        for d in clause.descendants():
            mapping[d.ref] = rebase(d.ref, clause.ref, target)
    return make_finding(
        ctx,
        "numbering/roman-at-letter-level",
        first,
        f"{span} {'is' if len(run) == 1 else 'are'} numbered ({ctx.label(first).text}) at the "
        f"level of the lettered items, after {host.ref}, in {ctx.named(first)}; "
        f"as letters the sequence makes no sense, so they are {host.ref}'s sub-items. Indent "
        f"them one level, under {host.ref}: {first.ref} becomes {mapping[first.ref]}.",
        fix={"renumber": mapping},
    )


# ---------------------------------------------------------------------- promoted-subitems


@dataclass
class _Run:
    lead: int  # index in the group's items of the lead-in
    items: list[Clause]  # the promoted fragments, in order
    source: str = "text"  # what set the range: "text", "grammar", "baseline" or "matrix"
    uncertain: list[Clause] = field(default_factory=list)  # after the run; may belong to it


def _own_names(text: str, lead_text: str, known: tuple[str, ...]) -> bool:
    """Whether a fragment names an SRV or Device Model its lead-in does not: then it is a
    provision of its own, not a continuation of the lead-in's sentence."""
    if srv_numbers(text) - srv_numbers(lead_text):
        return True
    return bool(named_models(text, known) - named_models(lead_text, known))


def _fragment(clause: Clause, lead: Clause, known: tuple[str, ...]) -> bool:
    text = clause.text
    if not text or not is_short(text) or not (continues_list(text) or finishes_list(text)):
        return False
    return not _own_names(text, lead.text, known)


def _find_runs(items: list[Clause], known: tuple[str, ...], evidence: Evidence) -> list[_Run]:
    """Runs of promoted items: from the previous version where it knows the lead-in and
    gave it sub-items, else from the text pattern (lead-in ':' then short fragments)."""
    runs: list[_Run] = []
    i = 0
    while i < len(items):
        lead = items[i]
        if lead.children:
            i += 1
            continue
        aligned = from_baseline(items, i, evidence)
        if aligned is not None:
            if aligned:
                runs.append(_Run(i, aligned, "baseline"))
            i += len(aligned) + 1
            continue
        if not is_lead_in(lead.text):
            i += 1
            continue
        run: list[Clause] = []
        for candidate in items[i + 1:]:
            if not _fragment(candidate, lead, known):
                break
            run.append(candidate)
            if not continues_list(candidate.text):
                break  # "." closes the list
        if run and continues_list(run[0].text):
            end = _grammatical_end(run)
            runs.append(_Run(i, run[:end], "grammar", run[end:]) if end is not None else _Run(i, run))
            i += len(run) + 1
        else:
            i += 1
    return runs


def _grammatical_end(run: list[Clause]) -> int | None:
    """Where the run ends by its own grammar though more short fragments follow: one item
    after the only fragment ending '; and' / '; or'. The fragments after that read like
    sub-items but the sentence has finished, so they are uncertain, never moved. None when
    no single conjunction marks the last-but-one item (some drafters put one on every
    item), or when the run already ends right after it."""
    marked = [k for k, clause in enumerate(run) if ends_before_last(clause.text)]
    if len(marked) != 1 or marked[0] + 2 >= len(run):
        return None
    return marked[0] + 2


def _new_refs(ctx: LintContext, items: list[Clause], runs: list[_Run], family: str) -> dict[int, str]:
    """One corrected numbering for the whole group (item index -> corrected ref)."""
    new_ref: dict[int, str] = {}
    demoted = 0
    promoted_at: dict[int, tuple[int, int]] = {}  # item index -> (lead index, n-th sub-item)
    for run in runs:
        for n in range(1, len(run.items) + 1):
            promoted_at[run.lead + n] = (run.lead, n)
    sub_family = child_family(family)
    for k, clause in enumerate(items):
        if k in promoted_at:
            lead_index, n = promoted_at[k]
            new_ref[k] = f"{new_ref[lead_index]}({label_for(sub_family, n)})"
            demoted += 1
            continue
        label = ctx.label(clause)
        assert label.value is not None
        new_ref[k] = with_label(clause.ref, label, family, label.value - demoted) if demoted else clause.ref
    return new_ref


def _settle_by_matrix(ctx: LintContext, items: list[Clause], runs: list[_Run], family: str, evidence: Evidence) -> None:
    """Cut each text-pattern run to the length the DMVES rows support (`from_matrix`)."""
    for r, run in enumerate(runs):
        if run.source != "text" or not continues_list(run.items[-1].text):
            continue  # a run whose last fragment ends '.' is closed by its own text

        def refs_for(n: int, r: int = r) -> dict[str, Clause]:
            trial = [replace(x, items=x.items[:n]) if k == r else x for k, x in enumerate(runs)]
            return {ref: items[k] for k, ref in _new_refs(ctx, items, trial, family).items()}

        settled = from_matrix(run.items, refs_for, evidence)
        if settled is not None:
            run.items, run.uncertain, run.source = settled.items, settled.uncertain, settled.source


def _promoted_subitems(ctx: LintContext, group: list[Clause], known: tuple[str, ...], evidence: Evidence) -> Iterator[Finding]:
    family = ctx.group_family(group)
    if family in (OTHER, STEPNO):
        return
    items = [c for c in group if ctx.label(c).family == family and ctx.label(c).value is not None and not ctx.label(c).suffix]
    runs = _find_runs(items, known, evidence)
    if not runs:
        return
    _settle_by_matrix(ctx, items, runs, family, evidence)
    # Each finding carries the part of the one corrected numbering from its first promoted
    # item up to the next run, so the union of the fixes is consistent.
    new_ref = _new_refs(ctx, items, runs, family)
    for r, run in enumerate(runs):
        start = run.lead + 1
        stop = runs[r + 1].lead + 1 if r + 1 < len(runs) else len(items)
        mapping: dict[str, str] = {}
        for k in range(start, stop):
            clause = items[k]
            if new_ref[k] == clause.ref:
                continue
            mapping[clause.ref] = new_ref[k]
            for d in clause.descendants():
                mapping[d.ref] = rebase(d.ref, clause.ref, new_ref[k])
        yield _promoted_finding(ctx, items, run, family, mapping, evidence)
        if run.uncertain:
            yield _uncertain_finding(ctx, items, run, mapping)


def _uncertain_finding(ctx: LintContext, items: list[Clause], run: _Run, mapping: dict[str, str]) -> Finding:
    lead = items[run.lead]
    first, last = run.uncertain[0], run.uncertain[-1]
    one = first is last
    span = first.ref if one else f"{first.ref} to {last.ref}"
    fixed_first, fixed_last = mapping.get(first.ref, first.ref), mapping.get(last.ref, last.ref)
    fixed_lead = mapping.get(lead.ref, lead.ref)
    fixed_file = str(Path(ctx.file).with_name(Path(ctx.file).stem + ".fixed.docx"))
    command = _demote_command(fixed_file, fixed_first, fixed_last, suffix=".demoted.docx")
    it = "it" if one else "them"
    if run.source == "grammar":
        before_last = run.items[-2]
        why = (
            f"but {before_last.ref} ends '{before_last.text.strip()[-5:].strip()}', which makes {run.items[-1].ref} "
            f"the last sub-item, so the proposed fix leaves {'it an item' if one else 'them items'}"
        )
    else:
        why = f"and the DMVES rows fit equally well with or without {it}, so the proposed fix leaves {'it an item' if one else 'them items'}"
    return make_finding(
        ctx,
        UNCERTAIN,
        first,
        f"{span} may also {'be a sub-item' if one else 'be sub-items'} of {lead.ref}: {'its text reads' if one else 'their texts read'} "
        f"like the sub-items before {it}, {why} "
        f"({first.ref} becomes {fixed_first}). If {'it finishes' if one else 'they finish'} {lead.ref}'s sentence, "
        f"demote {it} under {fixed_lead} in the fixed document with `{command}`; otherwise nothing is to do.",
    )


UNCERTAIN = "numbering/uncertain-run-end"


def _unsettled_end(run: _Run, last: Clause, evidence: Evidence) -> str:
    """What the finding owes its reader when only the text pattern set the run's end and
    the text does not close it: a short real item after the run would read the same."""
    if run.source != "text" or not continues_list(last.text):
        return ""
    settle = [flag for flag, given in (("--baseline PREVIOUS", evidence.old_of), ("--dmves MATRIX", evidence.matrix)) if not given]
    how = f"; `{' or '.join(settle)}` settles it" if settle else ""
    return (
        f" The run's end is read from the text alone ({last.ref} ends ';', not '.'): check that {last.ref} is a sub-item "
        f"and not a real item as short{how}."
    )


def _demote_command(path: str, first: str, last: str, suffix: str = ".fixed.docx") -> str:
    """The command that makes the fix, ready to paste into a shell."""
    import shlex

    target = Path(path).with_name(Path(path).stem + suffix).name
    span = first if first == last else f"{first}..{last}"
    return f"docgen renumber {shlex.quote(path)} --demote {shlex.quote(span)} -o {shlex.quote(target)}"


def _promoted_finding(ctx: LintContext, items: list[Clause], run: _Run, family: str, mapping: dict[str, str], evidence: Evidence) -> Finding:
    lead = items[run.lead]
    first, last = run.items[0], run.items[-1]
    n = len(run.items)
    ending = lead.text.strip()[-30:]
    later = [c for c in items[run.lead + n + 1:] if c.ref in mapping]
    parent = lead.parent.ref if lead.parent is not None else "the list"
    shifted = ""
    if later:
        shifted = (
            f" Every later item of {parent} is therefore {_unit(family, n)} too far on: "
            f"{later[0].ref} should be {mapping[later[0].ref]}"
            + (f" and {later[-1].ref} should be {mapping[later[-1].ref]}" if len(later) > 1 else "")
            + "; cross-references and DMVES rows citing them now point at other text."
        )
    command = _demote_command(ctx.file, first.ref, last.ref)
    why = {
        "baseline": f"{n} items whose texts were {lead.ref}'s sub-items in {evidence.baseline_name}",
        "matrix": f"{n} short items ending ';', as many as the DMVES rows fit",
        "grammar": f"{n} short items ending ';', the last after the one ending '; and' or '; or'",
    }.get(run.source, f"{n} short items ending ';'")
    finding = make_finding(
        ctx,
        "numbering/promoted-subitems",
        first,
        f"{first.ref} to {last.ref} ({why}) read as sub-items of "
        f"{lead.ref}, whose text ends '…{ending}' and which has no sub-items of its own, but they "
        f"are numbered at its level ({ctx.at(first)}).{shifted} Demote "
        f"{first.ref}–{last.ref} under {lead.ref} as {mapping.get(first.ref, '?')}–"
        f"{mapping.get(last.ref, '?')} and renumber the items after them: "
        f"`{command}` makes all {len(mapping)} changes (`docgen fix` also corrects the DMVES)."
        + _unsettled_end(run, last, evidence),
        fix={"renumber": mapping},
    )
    finding.command = command
    return finding


__all__ = ["check_numbering"]

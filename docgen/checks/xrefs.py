"""xref/unresolved: references in the text to provisions the document does not have.

Only references that point inside the document are checked: "Clause 1.4 of the TMAD" or
"Section A2.13 of the SEC" belong to other documents and the lint cannot see those. An
annex counts as present when the document has its heading; the S1SR's Annex A (the DMVES)
is published as a separate workbook, so it is present by definition for that appendix.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Iterable, Iterator

from docgen.checks import Finding, default_severity
from docgen.checks.context import LintContext
from docgen.model import SUMMARY_HEADING, Clause
from docgen.refs import THIS_DOCUMENT, Ref, RefError, expand_range, find_refs
from docgen.refs.patterns import ANNEX_HEADING, LAST_POINT

RULE = "xref/unresolved"
# Annexes that live outside the document body, by SEC appendix: the S1SR's Annex A is the
# DMVES workbook.
_EXTERNAL_ANNEXES = MappingProxyType({"AM": frozenset({"A"})})
_OWN_NAMES = MappingProxyType({"AM": "S1SR", "AL": "TMAD", "AK": "SVTAD", "Z": "CPL"})
_MAX_RANGE_CHECK = 200


def _known_refs(ctx: LintContext) -> set[str]:
    """Every clause ref plus what encloses it, so 'Clause 18' resolves even when section
    headings are not numbered clauses."""
    known: set[str] = set()
    for clause in ctx.doc.clauses:
        ref = clause.ref
        while ref and ref not in known:
            known.add(ref)
            if LAST_POINT.search(ref):
                ref = LAST_POINT.sub("", ref)
            elif "." in ref and " " not in ref:
                ref = ref.rsplit(".", 1)[0]
            else:
                break
    for table in ctx.doc.tables:
        if table.label:
            known.add(f"Table {table.label}")
    return known


def _annexes(ctx: LintContext, external: Iterable[str], matrix_given: bool) -> set[str]:
    letters = set(_EXTERNAL_ANNEXES.get(ctx.doc.appendix or "", ()))
    if matrix_given:
        letters.add("A")  # the matrix being linted alongside is Annex A
    for paragraph in ctx.doc.paragraphs:
        m = ANNEX_HEADING.match(paragraph.text)
        if m:
            letters.add(m.group(1))
    for clause in ctx.doc.clauses:
        m = ANNEX_HEADING.match(clause.ref)
        if m:
            letters.add(m.group(1))
    for ref in external:
        m = ANNEX_HEADING.match(ref)
        if m:
            letters.add(m.group(1))
    return letters


def _cited(match_ref: Ref, range_from: Ref | None) -> list[Ref]:
    if range_from is None:
        return [match_ref]
    try:
        refs = expand_range(range_from, match_ref)
    except RefError:
        return [range_from, match_ref]
    return refs[1:] if len(refs) <= _MAX_RANGE_CHECK else [match_ref]


def _texts(ctx: LintContext) -> Iterator[tuple[str, Clause | None, int | None]]:
    """(text, the clause it belongs to, paragraph index) for every paragraph, in order."""
    if ctx.doc.paragraphs:
        current: Clause | None = None
        skip = _change_summary(ctx.doc.paragraphs) if ctx.doc.metadata.get("redline") else range(0)
        for position, paragraph in enumerate(ctx.doc.paragraphs):
            if paragraph.clause is not None:
                current = paragraph.clause
            if paragraph.text and position not in skip:
                yield paragraph.text, current, paragraph.index
        return
    for clause in ctx.doc.clauses:  # a reader that keeps no paragraphs (PDF)
        yield clause.text, clause, None


_SUMMARY_LEGEND_END = "marks every changed paragraph"
_SUMMARY_SEARCH = 5  # the heading follows the title on the first page


def _change_summary(paragraphs: list) -> range:
    """The paragraphs of the change summary that opens a docgen redline PDF: they list old
    refs ('18.5(w)–18.5(aa) renumbered as ...') that are gone from the new text on purpose."""
    start = next((i for i, p in enumerate(paragraphs[:_SUMMARY_SEARCH]) if p.text.strip() == SUMMARY_HEADING), None)
    if start is None:
        return range(0)
    for end in range(start + 1, len(paragraphs)):
        p = paragraphs[end]
        if _SUMMARY_LEGEND_END in p.text:
            return range(start, end + 1)
        if p.clause is not None:
            return range(start, end)
    return range(start, start + 1)


def check_xrefs(ctx: LintContext, *, external: Iterable[str] = (), matrix_given: bool = False) -> list[Finding]:
    external = tuple(external)
    known = _known_refs(ctx) | set(external)
    annexes = _annexes(ctx, external, matrix_given)
    own = {None, THIS_DOCUMENT, _OWN_NAMES.get(ctx.doc.appendix or "")}
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for text, clause, paragraph in _texts(ctx):
        location = (paragraph, id(clause)) if paragraph is None else (paragraph, 0)
        for match in find_refs(text):
            if match.ref.doc not in own:
                continue
            for ref in _cited(match.ref, match.range_from):
                if ref.annex:
                    if ref.number in annexes:
                        continue
                    canonical = ref.canonical()
                else:
                    canonical = ref.canonical()
                    if canonical in known:
                        continue
                if (location, canonical) in seen:
                    continue
                seen.add((location, canonical))
                findings.append(_finding(ctx, clause, paragraph, match.written, canonical))
    return findings


def _finding(ctx: LintContext, clause: Clause | None, paragraph: int | None, written: str, canonical: str) -> Finding:
    who = clause.ref if clause is not None else "Text"
    what = "no such annex" if canonical.startswith("Annex ") else f"no {canonical}"
    location = ctx.where(clause, paragraph)
    return Finding(
        rule=RULE,
        severity=default_severity(RULE),
        ref=clause.ref if clause is not None else "",
        file=ctx.file,
        location=location,
        message=(
            f"{who} cites \"{written}\" but {ctx.name} has {what} ({location}). Correct the "
            "reference (a renumbering may have left it behind) or add the missing provision; "
            "if it points into another document, say which (e.g. '... of the TMAD')."
        ),
        position=ctx.position(clause) if clause is not None else (-1,),
        **ctx.place(clause, paragraph),
    )


__all__ = ["check_xrefs"]

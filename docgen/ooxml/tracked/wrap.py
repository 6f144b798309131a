"""Putting whole paragraphs, runs, equations and table rows under revision marks.

Word spells "this paragraph was inserted" as its runs wrapped in `w:ins` plus a `w:ins` in
the paragraph mark's run properties (`w:pPr/w:rPr`), and "this row was inserted" as a
`w:ins` in the row's `w:trPr`; each element has its place in the schema's sequence, which
these helpers keep so Word opens the result without repairing it.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from docgen.ooxml.content import FLD_SIMPLE, OMATH, OMATH_PARA, RUN_CONTAINERS
from docgen.ooxml.element import Element, insert_before
from docgen.ooxml.markup.fields import as_complex_field
from docgen.ooxml.ns import W, qn
from docgen.ooxml.tracked.marks import DEL, DEL_INSTR, DEL_TEXT, INS, PPR_CHANGE, PPR_CHANGE_SKIP, Marks, property_change

_TBL_PR_EX, _TR_PR_CHANGE = qn("w:tblPrEx"), qn("w:trPrChange")


def wrap_runs(container: Element, make: Callable[[], Element], *, deleted: bool = False) -> None:
    """Wrap every run and equation of a paragraph (inside hyperlinks too) in revision containers.

    Runs next to each other share one container; a deletion also turns w:t into w:delText,
    as Word requires of deleted text (moved-away text keeps w:t). An equation is wrapped
    whole: w:ins and w:del may hold m:oMath, so it comes and goes as one unit. A simple
    field becomes the complex field it stands for, whose every run is wrapped: wrapping only
    its result would leave the w:fldSimple itself behind, empty, after accept or reject.
    """
    group: list[Element] = []

    def flush() -> None:
        if not group:
            return
        wrap = make()
        group[0].addprevious(wrap)
        for r in group:
            wrap.append(r)
        group.clear()

    children = list(container)
    while children:
        child = children.pop(0)
        if child.tag == FLD_SIMPLE:
            runs = as_complex_field(child)
            for node in runs:
                child.addprevious(node)
            container.remove(child)
            children[:0] = runs
            continue
        if child.tag == W.r or child.tag in (OMATH, OMATH_PARA):
            if deleted:
                mark_deleted_text(child)
            group.append(child)
            continue
        flush()
        if child.tag in RUN_CONTAINERS:
            wrap_runs(child, make, deleted=deleted)
    flush()


def wrap_in(el: Element, wrapper: Element) -> Element:
    """Put `el` inside `wrapper`, which takes `el`'s place in the tree; returns the wrapper."""
    el.addprevious(wrapper)
    wrapper.append(el)
    return wrapper


def mark_deleted_text(el: Element) -> None:
    """w:t -> w:delText and w:instrText -> w:delInstrText under `el` (deleted content)."""
    for t in el.iter(W.t):
        t.tag = DEL_TEXT
    for t in el.iter(W.instrText):
        t.tag = DEL_INSTR


def mark_paragraph(p: Element, marks: Marks, tag: str) -> None:
    """The whole paragraph inserted or deleted (`tag` w:ins, w:del, w:moveTo, w:moveFrom):
    its runs and its paragraph mark."""
    wrap_runs(p, lambda: marks.make(tag), deleted=tag == DEL)
    ensure_mark_rpr(p).insert(0, marks.make(tag))


def mark_inserted(p: Element) -> bool:
    """Whether the paragraph's mark is already marked inserted."""
    return p.find(f"{W.pPr}/{W.rPr}/{INS}") is not None


def mark_table_rows(tbl: Element, marks: Marks, tag: str) -> None:
    """Every row of a table (nested tables' too) inserted or deleted, with its paragraphs."""
    for tr in tbl.iter(W.tr):
        mark_row(tr, marks.make(tag))
    for p in tbl.iter(W.p):
        mark_paragraph(p, marks, tag)


def mark_row(tr: Element, mark: Element, *, replace: bool = True) -> None:
    """The row inserted or deleted: `mark` in its w:trPr, before any w:trPrChange. With
    `replace`, an insertion or deletion mark the row already holds goes first."""
    trpr = tr.find(W.trPr)
    if trpr is None:
        trpr = etree.Element(W.trPr)
        tr.insert(1 if tr.find(_TBL_PR_EX) is not None else 0, trpr)
    if replace:
        for old in trpr.findall(INS) + trpr.findall(DEL):
            trpr.remove(old)
    insert_before(trpr, mark, {_TR_PR_CHANGE})


def add_ppr_change(marks: Marks, p: Element, old_ppr: Element | None) -> None:
    """Give paragraph `p` a w:pPrChange holding OLD's paragraph properties (last in its pPr)."""
    ensure_ppr(p).append(property_change(marks, PPR_CHANGE, W.pPr, old_ppr, PPR_CHANGE_SKIP))


def ensure_ppr(p: Element) -> Element:
    """The paragraph's w:pPr, made first in the paragraph if it has none."""
    ppr = p.find(W.pPr)
    if ppr is None:
        ppr = etree.Element(W.pPr)
        p.insert(0, ppr)
    return ppr


def ensure_mark_rpr(p: Element) -> Element:
    """The paragraph mark's run properties (w:pPr/w:rPr), made where the schema puts them."""
    ppr = ensure_ppr(p)
    rpr = ppr.find(W.rPr)
    if rpr is None:
        rpr = etree.Element(W.rPr)
        insert_before(ppr, rpr, {W.sectPr, PPR_CHANGE})
    return rpr

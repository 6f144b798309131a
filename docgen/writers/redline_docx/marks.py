"""Revision marks and the small tree edits every part of the redline makes with them.

Ids are unique across the whole redline (all stories), dates come from `--date`,
SOURCE_DATE_EPOCH or the clock, and the wrapping helpers put runs, equations, paragraph
marks and table rows under `w:ins`/`w:del` the way Word writes them.
"""

from __future__ import annotations

import copy
import datetime as _dt
import os
from dataclasses import dataclass
from typing import Callable

from lxml import etree

from docgen.errors import UsageError
from docgen.ooxml.content import FLD_SIMPLE, OMATH, OMATH_PARA, RUN_CONTAINERS
from docgen.ooxml.ns import W, qn

INS, DEL = qn("w:ins"), qn("w:del")
MOVE_FROM, MOVE_TO = qn("w:moveFrom"), qn("w:moveTo")
PPR_CHANGE, RPR_CHANGE = qn("w:pPrChange"), qn("w:rPrChange")
DEL_TEXT, DELINSTR = W.delText, qn("w:delInstrText")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Revision elements that carry an id of the revision sequence.
_REVISION_TAGS = {INS, DEL, MOVE_FROM, MOVE_TO, PPR_CHANGE, RPR_CHANGE, qn("w:moveFromRangeStart"), qn("w:moveToRangeStart")}


# ----- dates --------------------------------------------------------------------------------


def revision_date(date: str | None = None) -> str:
    """The revisions' date: `--date`, else SOURCE_DATE_EPOCH, else now; UTC, no microseconds."""
    if date:
        try:
            when = _dt.datetime.fromisoformat(date.strip().replace("Z", "+00:00"))
        except ValueError:
            raise UsageError(f"--date {date!r} is not an ISO 8601 date (e.g. 2025-03-31 or 2025-03-31T12:00:00Z)") from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=_dt.timezone.utc)
    elif os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        raw = os.environ["SOURCE_DATE_EPOCH"].strip()
        try:
            when = _dt.datetime.fromtimestamp(int(raw), _dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={raw!r} is not a whole number of seconds") from None
    else:
        when = _dt.datetime.now(_dt.timezone.utc)
    return when.astimezone(_dt.timezone.utc).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


# ----- revision marks -------------------------------------------------------------------------


@dataclass
class Marks:
    """Makes revision elements with unique ids, in the order the redline is written."""

    author: str
    date: str
    next_id: int = 1

    def attrs(self) -> dict[str, str]:
        out = {W.id: str(self.next_id), W.author: self.author, W.date: self.date}
        self.next_id += 1
        return out

    def make(self, tag: str) -> etree._Element:
        el = etree.Element(tag)
        for k, v in self.attrs().items():
            el.set(k, v)
        return el

    def renumber(self, el: etree._Element) -> None:
        """Fresh ids for the revisions inside a copy (a text box's fallback twin)."""
        for node in el.iter(*_REVISION_TAGS):
            if node.get(W.id) is not None:
                node.set(W.id, str(self.next_id))
                self.next_id += 1


def property_change(marks: "Marks", change_tag: str, props_tag: str, old: etree._Element | None, skip) -> etree._Element:
    """A property-change mark (w:pPrChange, w:rPrChange) holding a copy of OLD's properties,
    less the children that a change cannot carry (`skip`)."""
    change = marks.make(change_tag)
    inner = etree.SubElement(change, props_tag)
    if old is not None:
        for c in old:
            if isinstance(c.tag, str) and c.tag not in skip:
                inner.append(copy.deepcopy(c))
    return change


def clean_rpr(rpr: etree._Element) -> etree._Element:
    twin = copy.deepcopy(rpr)
    for c in list(twin):
        if c.tag in (RPR_CHANGE, INS, DEL, MOVE_FROM, MOVE_TO):
            twin.remove(c)
    return twin


# ----- whole-paragraph wrapping -------------------------------------------------------------


def wrap_runs(container: etree._Element, make: Callable[[], etree._Element], *, deleted: bool = False) -> None:
    """Wrap every run and equation of a paragraph (inside hyperlinks too) in revision containers.

    Runs next to each other share one container; a deletion also turns w:t into w:delText,
    as Word requires of deleted text (moved-away text keeps w:t). An equation is wrapped
    whole: w:ins and w:del may hold m:oMath, so it comes and goes as one unit.
    """
    group: list[etree._Element] = []

    def flush() -> None:
        if not group:
            return
        wrap = make()
        group[0].addprevious(wrap)
        for r in group:
            wrap.append(r)
        group.clear()

    for child in list(container):
        if child.tag == W.r or child.tag in (OMATH, OMATH_PARA):
            if deleted:
                mark_deleted_text(child)
            group.append(child)
            continue
        flush()
        if child.tag in RUN_CONTAINERS or child.tag == FLD_SIMPLE:
            wrap_runs(child, make, deleted=deleted)
    flush()


def mark_deleted_text(el: etree._Element) -> None:
    """w:t -> w:delText and w:instrText -> w:delInstrText under `el` (deleted content)."""
    for t in el.iter(W.t):
        t.tag = DEL_TEXT
    for t in el.iter(W.instrText):
        t.tag = DELINSTR


def mark_paragraph(p: etree._Element, marks: "Marks", tag: str) -> None:
    """The whole paragraph inserted or deleted: its runs and its paragraph mark."""
    wrap_runs(p, lambda: marks.make(tag), deleted=tag == DEL)
    ensure_mark_rpr(p).insert(0, marks.make(tag))


def mark_table_rows(tbl: etree._Element, marks: "Marks", tag: str) -> None:
    """Every row of a table (nested tables' too) inserted or deleted, with its paragraphs."""
    for tr in tbl.iter(W.tr):
        mark_row(tr, marks.make(tag))
    for p in tbl.iter(W.p):
        mark_paragraph(p, marks, tag)


# ----- small tree helpers ---------------------------------------------------------------------


def ancestor(el: etree._Element, tag: str) -> etree._Element | None:
    cur = el.getparent()
    while cur is not None and cur.tag != tag:
        cur = cur.getparent()
    return cur


def outer_table(el: etree._Element) -> etree._Element:
    """The table that is a direct block of the body (or of a block-level sdt) holding `el`."""
    top = el if el.tag == W.tbl else ancestor(el, W.tbl)
    cur = top
    while cur is not None:
        cur = ancestor(cur, W.tbl)
        if cur is not None:
            top = cur
    return top if top is not None else el


def row_in(el: etree._Element, tbl: etree._Element) -> etree._Element | None:
    cur = el
    while cur is not None:
        parent = cur.getparent()
        if cur.tag == W.tr and parent is tbl:
            return cur
        cur = parent
    return None


def ensure_ppr(p: etree._Element) -> etree._Element:
    ppr = p.find(W.pPr)
    if ppr is None:
        ppr = etree.Element(W.pPr)
        p.insert(0, ppr)
    return ppr


def ensure_mark_rpr(p: etree._Element) -> etree._Element:
    ppr = ensure_ppr(p)
    rpr = ppr.find(W.rPr)
    if rpr is None:
        rpr = etree.Element(W.rPr)
        insert_before(ppr, rpr, {W.sectPr, PPR_CHANGE})
    return rpr


def insert_before(parent: etree._Element, el: etree._Element, before: set[str]) -> None:
    for i, c in enumerate(parent):
        if c.tag in before:
            parent.insert(i, el)
            return
    parent.append(el)


def mark_row(tr: etree._Element, mark: etree._Element) -> None:
    trpr = tr.find(W.trPr)
    if trpr is None:
        trpr = etree.Element(W.trPr)
        tr.insert(1 if tr.find(qn("w:tblPrEx")) is not None else 0, trpr)
    for old in trpr.findall(INS) + trpr.findall(DEL):
        trpr.remove(old)
    insert_before(trpr, mark, {qn("w:trPrChange")})


def same_bytes(a: etree._Element | None, b: etree._Element | None) -> bool:
    """The cheap test first: properties serialised identically are the same properties."""
    if a is None or b is None:
        return a is b
    return etree.tostring(a) == etree.tostring(b)


"""What every step of the publication copy shares: revision marks, the body's paragraphs in
both versions, element names and WordprocessingML's child order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from lxml import etree

from docgen.ooxml.ns import W, qn

if TYPE_CHECKING:
    pass


# The revisions' author and date when the caller gives no redline (tests, previews): fixed,
# so the bytes never depend on the clock.
DEFAULT_AUTHOR = "docgen"
DEFAULT_DATE = "2000-01-01T00:00:00Z"
RED, BLUE, GREEN = "C00000", "0033CC", "00803A"

INS, DEL = qn("w:ins"), qn("w:del")
MOVE_FROM, MOVE_TO = qn("w:moveFrom"), qn("w:moveTo")
PPR_CHANGE = qn("w:pPrChange")
FLD_CHAR, INSTR, DEL_INSTR, FLD_SIMPLE = qn("w:fldChar"), W.instrText, qn("w:delInstrText"), qn("w:fldSimple")
BOOKMARK_START, BOOKMARK_END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
RANGE_STARTS = {qn("w:moveFromRangeStart"), qn("w:moveToRangeStart")}
CONTAINERS = {W.sdt, qn("w:sdtContent"), qn("w:customXml"), INS, MOVE_TO}
REVISION_MARKS = {INS, DEL, MOVE_FROM, MOVE_TO, qn("w:rPrChange")}
# Schema order of w:pPr, w:rPr and w:sectPr children (ECMA-376 Part 1, 17.3.1.26, 17.3.2.28,
# 17.6.17): Word refuses a document whose properties are out of order, LibreOffice does not.
PPR_ORDER = [qn(f"w:{n}") for n in (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()]
RPR_ORDER = [qn(f"w:{n}") for n in (
    "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
    "vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
).split()]
SECT_ORDER = [qn(f"w:{n}") for n in (
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType "
    "cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange"
).split()]


# ----- the paragraphs of the body, in both versions -------------------------------------------


@dataclass
class Para:
    """A body paragraph of the redline and where it stands in each version."""

    el: etree._Element
    in_new: bool  # present once every revision is accepted
    in_old: bool  # present once every revision is rejected
    new_index: int | None = None  # its index among NEW's paragraphs (the reader's numbering)
    old_index: int | None = None


def walk_paragraphs(body: etree._Element) -> Iterator[Para]:
    """Every paragraph of the main story in order, table cells and tracked rows included.

    A paragraph whose mark is deleted runs on into the next one when accepted, so it takes
    no number in NEW (the reader does the same); an inserted mark likewise in OLD.
    """
    counts = {"new": 0, "old": 0}

    def walk(container: etree._Element, row_ins: bool, row_del: bool) -> Iterator[Para]:
        for child in container:
            if child.tag == W.p:
                mark = child.find(f"{W.pPr}/{W.rPr}")
                mark_ins = mark is not None and (mark.find(INS) is not None or mark.find(MOVE_TO) is not None)
                mark_del = mark is not None and (mark.find(DEL) is not None or mark.find(MOVE_FROM) is not None)
                para = Para(child, in_new=not (mark_del or row_del), in_old=not (mark_ins or row_ins))
                if not row_del:
                    para.new_index = counts["new"]
                    counts["new"] += 1
                if not row_ins:
                    para.old_index = counts["old"]
                    counts["old"] += 1
                yield para
            elif child.tag == W.tbl:
                for tr in child.findall(W.tr):
                    trpr = tr.find(W.trPr)
                    ins = row_ins or (trpr is not None and trpr.find(INS) is not None)
                    dele = row_del or (trpr is not None and trpr.find(DEL) is not None)
                    for tc in tr.findall(W.tc):
                        yield from walk(tc, ins, dele)
            elif child.tag in CONTAINERS:
                yield from walk(child, row_ins, row_del)

    yield from walk(body, False, False)


# ----- revision marks -------------------------------------------------------------------------


@dataclass
class Marks:
    """New w:ins/w:del elements, with the redline's own author and date and fresh ids."""

    author: str
    date: str
    next_id: int

    @classmethod
    def from_document(cls, root: etree._Element, author: str, date: str) -> "Marks":
        top = 0
        for el in root.iter():  # revisions and move ranges share one id space; any w:id counts
            value = el.get(W.id, "")
            if value.isdigit():
                top = max(top, int(value))
        first = next(root.iter(INS, DEL), None)
        if first is not None:
            author, date = first.get(W.author, author), first.get(W.date, date)
        return cls(author, date, top + 1)

    def make(self, tag: str) -> etree._Element:
        el = etree.Element(tag)
        el.set(W.id, str(self.next_id))
        el.set(W.author, self.author)
        if self.date:
            el.set(W.date, self.date)
        self.next_id += 1
        return el


# ----- XML helpers ------------------------------------------------------------------------------------


def ensure(parent: etree._Element, tag: str, order: list[str], *, first: bool = False) -> etree._Element:
    el = parent.find(tag)
    if el is None:
        el = etree.Element(tag)
        if first:
            parent.insert(0, el)
        else:
            place(parent, el, order)
    return el


def place(parent: etree._Element, el: etree._Element, order: list[str]) -> None:
    """Insert `el` among `parent`'s children where the schema order puts it."""
    rank = order.index(el.tag) if el.tag in order else len(order)
    for i, child in enumerate(parent):
        if child.tag in order and order.index(child.tag) > rank:
            parent.insert(i, el)
            return
    parent.append(el)


def sort(el: etree._Element, order: list[str]) -> None:
    children = list(el)
    children.sort(key=lambda c: order.index(c.tag) if c.tag in order else len(order))
    for c in children:
        el.append(c)

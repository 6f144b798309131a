"""Where a property element goes among its siblings: the schema's child order.

Word refuses a document whose paragraph, run or section properties are out of order
(ECMA-376 Part 1, 17.3.1.26 w:pPr, 17.3.2.28 w:rPr, 17.6.17 w:sectPr); LibreOffice does
not, so a mistake here would pass every conversion test and still break in Word. Code that
adds a property asks this module where it goes instead of appending it.
"""

from __future__ import annotations

from docgen.ooxml.element import Element, make
from docgen.ooxml.ns import qn


def _names(spaced: str) -> list[str]:
    return [qn(f"w:{n}") for n in spaced.split()]


PPR_ORDER = _names(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
RPR_ORDER = _names(
    "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
    "vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
)
SECT_ORDER = _names(
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType "
    "cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange"
)


def ensure(parent: Element, tag: str, order: list[str], *, first: bool = False) -> Element:
    """`parent`'s `tag` child, added where the order puts it (or first) when missing."""
    el = parent.find(tag)
    if el is None:
        el = make(tag)
        if first:
            parent.insert(0, el)
        else:
            place(parent, el, order)
    return el


def place(parent: Element, el: Element, order: list[str]) -> None:
    """Insert `el` among `parent`'s children where the schema order puts it."""
    rank = order.index(el.tag) if el.tag in order else len(order)
    for i, child in enumerate(parent):
        if child.tag in order and order.index(child.tag) > rank:
            parent.insert(i, el)
            return
    parent.append(el)


def sort_children(el: Element, order: list[str]) -> None:
    """Reorder `el`'s children into the schema order (unknown ones last, in their order)."""
    children = list(el)
    children.sort(key=lambda c: order.index(c.tag) if c.tag in order else len(order))
    for c in children:
        el.append(c)

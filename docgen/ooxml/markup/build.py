"""Building the runs and simple paragraphs docgen writes from scratch.

Writers say what text goes where (a heading, a link, a struck old number); how Word spells
a run, its text element and the space-preserving flag lives here, so every writer spells it
the same way and none of them needs the XML library.
"""

from __future__ import annotations

from docgen.ooxml.element import XML_NS, Element, clone, make, sub
from docgen.ooxml.ns import W

XML_SPACE = XML_NS + "space"


def text_element(text: str, *, deleted: bool = False) -> Element:
    """A w:t (w:delText inside a deletion) keeping its spaces, as Word would drop edge spaces."""
    t = make(W.delText if deleted else W.t, text=text)
    t.set(XML_SPACE, "preserve")
    return t


def run(*children: Element, rpr: Element | None = None) -> Element:
    """A w:r holding `children`; `rpr` (copied, and only when it says something) comes first."""
    r = make(W.r)
    if rpr is not None and len(rpr):
        r.append(clone(rpr))
    for child in children:
        r.append(child)
    return r


def text_run(text: str, rpr: Element | None = None, *, deleted: bool = False) -> Element:
    return run(text_element(text, deleted=deleted), rpr=rpr)


def tab_run(rpr: Element | None = None) -> Element:
    return run(make(W.tab), rpr=rpr)


def page_break_paragraph() -> Element:
    """A paragraph holding only a page break."""
    p = make(W.p)
    sub(sub(p, W.r), W.br, {W.type: "page"})
    return p


def run_props(*, color: str | None = None, strike: bool = False, underline: bool = False) -> Element:
    """A w:rPr with the few properties docgen's own text uses, in the schema's order."""
    rpr = make(W.rPr)
    if strike:
        sub(rpr, "w:strike")
    if color:
        sub(rpr, "w:color", {"w:val": color})
    if underline:
        sub(rpr, "w:u", {"w:val": "single"})
    return rpr


def hyperlink(anchor: str, *runs: Element) -> Element:
    """A link to a bookmark of the same document (w:history: Word's back button returns)."""
    link = make(W.hyperlink, {"w:anchor": anchor, "w:history": "1"})
    for r in runs:
        link.append(r)
    return link


def paragraph(*children: Element, style: str | None = None, unlisted: bool = False, align: str | None = None) -> Element:
    """A w:p holding `children`, in `style` if given.

    `unlisted` switches off what a heading style may bring besides its look, a list number
    and a page break before, for headings of docgen's own that are neither.
    """
    p = make(W.p)
    if style or align:
        ppr = sub(p, W.pPr)
        if style:
            sub(ppr, W.pStyle, {"w:val": style})
        if unlisted:
            sub(ppr, "w:pageBreakBefore", {"w:val": "0"})
            sub(sub(ppr, W.numPr), W.numId, {"w:val": "0"})
        if align:
            sub(ppr, "w:jc", {"w:val": align})
    for child in children:
        p.append(child)
    return p


def bordered_table(widths: list[int], rows: list[list[Element]], *, border_color: str) -> Element:
    """A table of fixed column widths (twentieths of a point) with thin borders all round
    and between cells; each row gives one paragraph per cell."""
    tbl = make(W.tbl)
    tblpr = sub(tbl, W.tblPr)
    sub(tblpr, "w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"})
    borders = sub(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sub(borders, f"w:{side}", {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": border_color})
    grid = sub(tbl, W.tblGrid)
    for width in widths:
        sub(grid, W.gridCol, {"w:w": str(width)})
    for cells in rows:
        tr = sub(tbl, W.tr)
        for width, content in zip(widths, cells):
            tc = sub(tr, W.tc)
            sub(sub(tc, W.tcPr), W.tcW, {"w:w": str(width), "w:type": "dxa"})
            tc.append(content)
    return tbl


def insert_first(parent: Element, children: list[Element]) -> None:
    """Put `children`, in order, before everything `parent` holds."""
    for offset, child in enumerate(children):
        parent.insert(offset, child)

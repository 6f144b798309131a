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

"""Where a WordprocessingML document keeps its stories besides the body's paragraphs.

A story is a sequence of blocks (paragraphs and tables), possibly inside block-level
content controls or custom XML. Headers and footers are parts each section refers to by
kind and type (§17.10); notes live in their own parts, reached by reference; a text box's
story sits in its drawing, and a drawing written with markup compatibility (`mc:Choice`
for Word 2010+, `mc:Fallback` as VML for older readers) holds the same story twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from docgen.ooxml.content import ALTERNATE, ENDNOTE_REF, FOOTNOTE_REF, TXBX_CONTENT, text_boxes
from docgen.ooxml.element import Element
from docgen.ooxml.ns import NS, W, qn

_BLOCK_CONTAINERS = frozenset({W.sdt, qn("w:sdtContent"), qn("w:customXml")})
_MC_CHOICE, _MC_FALLBACK = f"{{{NS['mc']}}}Choice", f"{{{NS['mc']}}}Fallback"
_HF_REFS = {qn("w:headerReference"): "header", qn("w:footerReference"): "footer"}
_R_ID = f"{{{NS['r']}}}id"


def blocks(container: Element) -> Iterator[Element]:
    """The paragraphs and tables of a story in order, through block-level content controls."""
    for child in container:
        if child.tag in (W.p, W.tbl):
            yield child
        elif child.tag in _BLOCK_CONTAINERS:
            yield from blocks(child)


def has_stories(p: Element) -> bool:
    """Whether a paragraph holds note references or text boxes: stories of their own."""
    return next(p.iter(FOOTNOTE_REF, ENDNOTE_REF, TXBX_CONTENT), None) is not None


def primary_text_boxes(el: Element) -> list[Element]:
    """The text box contents of a drawing; of its `mc:Choice` when it has alternatives."""
    if el.tag == ALTERNATE:
        choice = el.find(_MC_CHOICE)
        return text_boxes(choice) if choice is not None else []
    return text_boxes(el)


def fallback_text_boxes(el: Element) -> list[Element]:
    """The `mc:Fallback` copies of a drawing's text boxes (none without alternatives)."""
    if el.tag != ALTERNATE:
        return []
    fallback = el.find(_MC_FALLBACK)
    return text_boxes(fallback) if fallback is not None else []


def section_parts(root: Element, rels: Mapping[str, str]) -> list[dict[tuple[str, str], str]]:
    """For each section in order: (header|footer, default|first|even) -> part name, through
    `rels` (the main part's relationship ids -> part names)."""
    out = []
    for sect in root.iter(W.sectPr):
        refs = {}
        for ref in sect:
            kind = _HF_REFS.get(ref.tag)
            if kind is None:
                continue
            part = rels.get(ref.get(_R_ID) or "")
            if part is not None:
                refs[(kind, ref.get(W.type) or "default")] = part
        out.append(refs)
    return out

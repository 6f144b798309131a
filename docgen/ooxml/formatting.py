"""What a paragraph's formatting is, as comparable strings: the WordprocessingML half of the
comparison's facts.

Two paragraphs whose text matches may still differ in how they look (bold added, indent
changed, a different list). Properties elements are turned into canonical signatures (children
sorted, attributes sorted, bookkeeping left out) so "same formatting" is string equality and
the comparison never looks at markup itself.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from lxml import etree

from docgen.ooxml.body import iter_paragraphs
from docgen.ooxml.content import paragraph_items, reader_char
from docgen.ooxml.element import child
from docgen.ooxml.ns import DEL, INS, MOVE_FROM, MOVE_TO, PPR_CHANGE, RPR_CHANGE, W, qn

# Run properties that do not change what a reader sees (proofing language, spell-check state)
# or that are revision bookkeeping rather than formatting.
_RPR_IGNORED = {qn("w:lang"), qn("w:noProof"), RPR_CHANGE, INS, DEL, MOVE_FROM, MOVE_TO, qn("w:webHidden")}
# Paragraph properties compared elsewhere (numbering, the mark's run formatting) or not at all.
_PPR_IGNORED = {W.rPr, W.sectPr, PPR_CHANGE, W.numPr}


def canonical(el: etree._Element | None, ignored: set[str]) -> str:
    """A stable string for a properties element: children sorted, ignored ones left out."""
    if el is None:
        return ""
    parts = []
    for child in el:
        if not isinstance(child.tag, str) or child.tag in ignored:
            continue
        attrs = ",".join(f"{k}={v}" for k, v in sorted(child.attrib.items()))
        inner = canonical(child, set()) if len(child) else ""
        parts.append(f"{etree.QName(child).localname}[{attrs}]{{{inner}}}")
    return ";".join(sorted(parts))


def rpr_signature(rpr: etree._Element | None) -> str:
    return sys.intern(canonical(rpr, _RPR_IGNORED))


def ppr_signature(ppr: etree._Element | None) -> str:
    return sys.intern(canonical(ppr, _PPR_IGNORED))


def raw_segments(p: etree._Element) -> list[tuple[str, str]]:
    """(text, run-format signature) pieces of a paragraph's visible text, uncollapsed.

    Read with the shared content walk (`docgen.ooxml.content`) as the reader reads a
    paragraph, so positions agree with the reader's text once whitespace is collapsed.
    """
    out: list[tuple[str, str]] = []
    sigs: dict[etree._Element, str] = {}
    for item in paragraph_items(p, fields_as_units=False, per_char=False, identify=False):
        text = reader_char(item)
        if not text:
            continue
        run = item.run
        sig = sigs.get(run) if run is not None else ""
        if sig is None:
            sig = sigs[run] = rpr_signature(run.find(W.rPr))
        out.append((text, sig))
    return out


@dataclass
class ParagraphFormat:
    """One body paragraph's formatting, keyed by the body walk's paragraph index."""

    index: int
    cell: tuple[int, int, int] | None  # (table, row, cell) for a paragraph in a table
    ppr: str  # canonical paragraph properties without numbering and mark formatting
    numpr: tuple[str | None, int | None]  # (numId, ilvl) as written on the paragraph
    segments: list[tuple[str, str]]  # raw_segments of the paragraph
    section_break: bool = False  # the paragraph's mark ends a section (w:pPr/w:sectPr)


def body_formats(body: etree._Element) -> Iterator[ParagraphFormat]:
    """Formatting of every paragraph `iter_paragraphs` yields, in the same order and indexing."""
    for bp in iter_paragraphs(body):
        p = bp.el
        ppr, numpr = paragraph_properties(p)
        cell = (bp.table, bp.row or 0, bp.cell or 0) if bp.table is not None else None
        yield ParagraphFormat(bp.index, cell, ppr, numpr, raw_segments(p), ends_section(p))


def paragraph_properties(p: etree._Element) -> tuple[str, tuple[str | None, int | None]]:
    """A paragraph's properties signature and its (numId, ilvl) as written on it."""
    ppr = child(p, W.pPr)
    numpr = child(ppr, W.numPr) if ppr is not None else None
    num_id = ilvl = None
    if numpr is not None:
        nid, lvl = child(numpr, W.numId), child(numpr, W.ilvl)
        num_id = nid.get(W.val) if nid is not None else None
        ilvl = int(lvl.get(W.val)) if lvl is not None and (lvl.get(W.val) or "").isdigit() else None
    return ppr_signature(ppr), (num_id, ilvl)


def ends_section(p: etree._Element) -> bool:
    """Whether the paragraph's mark ends a section (w:pPr/w:sectPr)."""
    ppr = child(p, W.pPr)
    return ppr is not None and child(ppr, W.sectPr) is not None


def document_body(parts: Mapping[str, bytes], main: str, source: str) -> etree._Element | None:
    """The `w:body` of a main document part, from the tree the reader already parsed (read
    only); None when the part has no body."""
    from docgen.ooxml.package_parts import as_parsed_parts

    return as_parsed_parts(parts, source).tree(main).find(W.body)

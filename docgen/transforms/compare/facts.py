"""What a paragraph's formatting is, read once per side so aligned paragraphs can be told
apart by their properties as well as their text."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Sequence

from lxml import etree

from docgen.model import Document
from docgen.ooxml.body import iter_paragraphs
from docgen.ooxml.content import paragraph_items, reader_char
from docgen.ooxml.ns import W, qn


# ----- formatting facts -------------------------------------------------------------------

# Run properties that do not change what a reader sees (proofing language, spell-check state).
_RPR_IGNORED = {qn("w:lang"), qn("w:noProof"), qn("w:rPrChange"), qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo"), qn("w:webHidden")}
_PPR_IGNORED = {W.rPr, W.sectPr, qn("w:pPrChange"), W.numPr}
_T, _R, _P, _RPR, _PPR = W.t, W.r, W.p, W.rPr, W.pPr
_NUMPR, _NUMID, _ILVL = W.numPr, W.numId, W.ilvl


@dataclass
class ParaFacts:
    """What an aligned pair is compared on beyond its text: cell position and formatting."""

    cell: tuple[int, int, int] | None
    ppr: str  # canonical paragraph properties without numbering and mark formatting
    numpr: tuple[str | None, int | None]
    # Run formatting over the collapsed text: (length, signature) runs; None when unknown.
    fmt: list[tuple[int, str]] | None


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
            sig = sigs[run] = rpr_signature(run.find(_RPR))
        out.append((text, sig))
    return out


def collapsed_formats(segments: Sequence[tuple[str, str]]) -> list[tuple[int, str]]:
    """Run formats over the collapsed text (" ".join(text.split())), as (length, signature) runs.

    A run of whitespace becomes one space carrying the format of its first character, as
    the collapsed text keeps one space; leading and trailing whitespace is dropped.
    """
    out: list[tuple[int, str]] = []
    pending: str | None = None

    def put(n: int, sig: str) -> None:
        if out and out[-1][1] == sig:
            out[-1] = (out[-1][0] + n, sig)
        else:
            out.append((n, sig))

    for text, sig in segments:
        words = text.split()
        if not words:
            if out and pending is None:
                pending = sig
            continue
        if text[0].isspace() and out and pending is None:
            pending = sig
        if pending is not None:
            put(1, pending)
            pending = None
        put(sum(map(len, words)) + len(words) - 1, sig)
        if text[-1].isspace():
            pending = sig
    return out


def expand_formats(rle: list[tuple[int, str]]) -> list[str]:
    out: list[str] = []
    for n, s in rle:
        out.extend([s] * n)
    return out


def paragraph_facts(doc: Document) -> list[ParaFacts | None]:
    """Facts for each of `doc.paragraphs` (same positions); all None without package parts."""
    main = doc.metadata.get("main_part", "word/document.xml")
    data = doc.parts.get(main) if doc.parts else None
    if data is None:
        return [None] * len(doc.paragraphs)
    from docgen.limits import Limits
    from docgen.ooxml.package import parse_xml

    root = parse_xml(data, f"{doc.source} [{main}]", Limits.from_env())
    body = root.find(W.body)
    if body is None:
        return [None] * len(doc.paragraphs)
    by_index: dict[int, ParaFacts] = {}
    for bp in iter_paragraphs(body):
        p = bp.el
        ppr = p.find(_PPR)
        numpr = ppr.find(_NUMPR) if ppr is not None else None
        num_id = ilvl = None
        if numpr is not None:
            nid, lvl = numpr.find(_NUMID), numpr.find(_ILVL)
            num_id = nid.get(W.val) if nid is not None else None
            ilvl = int(lvl.get(W.val)) if lvl is not None and (lvl.get(W.val) or "").isdigit() else None
        cell = (bp.table, bp.row or 0, bp.cell or 0) if bp.table is not None else None
        by_index[bp.index] = ParaFacts(cell, ppr_signature(ppr), (num_id, ilvl), collapsed_formats(raw_segments(p)))
    out: list[ParaFacts | None] = []
    for para in doc.paragraphs:
        facts = by_index.get(para.index)
        if facts is not None and facts.fmt is not None and sum(n for n, _ in facts.fmt) != len(para.text):
            facts.fmt = None  # text merged from a deleted paragraph mark: formats do not line up
        out.append(facts)
    return out

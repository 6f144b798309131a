"""What a paragraph's formatting is, read once per side so aligned paragraphs can be told
apart by their properties as well as their text (signatures come from `docgen.ooxml.formatting`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from docgen.model import Document
from docgen.ooxml.formatting import body_formats, canonical, document_body, ppr_signature, raw_segments, rpr_signature
from docgen.ooxml.word_package import document_main_part

__all__ = ["ParaFacts", "canonical", "collapsed_formats", "expand_formats", "paragraph_facts", "ppr_signature", "raw_segments", "rpr_signature"]


@dataclass
class ParaFacts:
    """What an aligned pair is compared on beyond its text: cell position and formatting."""

    cell: tuple[int, int, int] | None
    ppr: str  # canonical paragraph properties without numbering and mark formatting
    numpr: tuple[str | None, int | None]
    # Run formatting over the collapsed text: (length, signature) runs; None when unknown.
    fmt: list[tuple[int, str]] | None
    section_break: bool = False  # the paragraph's mark ends a section


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
    main = document_main_part(doc)
    if not doc.parts or main not in doc.parts:
        return [None] * len(doc.paragraphs)
    body = document_body(doc.parts, main, doc.source)
    if body is None:
        return [None] * len(doc.paragraphs)
    by_index = {
        f.index: ParaFacts(f.cell, f.ppr, f.numpr, collapsed_formats(f.segments), f.section_break) for f in body_formats(body)
    }
    out: list[ParaFacts | None] = []
    for para in doc.paragraphs:
        facts = by_index.get(para.index)
        if facts is not None and facts.fmt is not None and sum(n for n, _ in facts.fmt) != len(para.text):
            facts.fmt = None  # text merged from a deleted paragraph mark: formats do not line up
        out.append(facts)
    return out

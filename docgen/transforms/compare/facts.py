"""What a paragraph's formatting is, read once per side so aligned paragraphs can be told
apart by their properties as well as their text (signatures come from `docgen.ooxml.formatting`)."""

from __future__ import annotations

from typing import Sequence

from docgen.model import Document
from docgen.ooxml.element import Element, markup
from docgen.ooxml.formatting import body_formats, canonical, document_body, ends_section, paragraph_properties, ppr_signature, raw_segments, rpr_signature
from docgen.ooxml.word_package import document_main_part

__all__ = ["ParaFacts", "canonical", "collapsed_formats", "expand_formats", "paragraph_facts", "ppr_signature", "raw_segments", "rpr_signature", "same_markup", "shared_markup"]


class ParaFacts:
    """What an aligned pair is compared on beyond its text: cell position and formatting.

    Made from the reader's handle on the paragraph (`Paragraph.element`), so nothing walks
    the body again; the formatting is worked out when the comparison first asks for it,
    which for most paragraphs is never (an aligned pair whose markup is identical cannot
    differ in formatting, see `same_markup`)."""

    __slots__ = ("cell", "element", "_length", "_props", "_fmt", "_fmt_known", "_break")

    def __init__(self, cell: tuple[int, int, int] | None, element: Element | None = None, length: int = 0, *, ppr: str | None = None, numpr: tuple[str | None, int | None] | None = None, fmt: list[tuple[int, str]] | None = None, section_break: bool | None = None):
        self.cell = cell
        self.element = element
        self._length = length  # the reader's text length, which the formats must cover
        self._props = (ppr, numpr) if ppr is not None and numpr is not None else None
        self._fmt = fmt
        self._fmt_known = element is None
        self._break = section_break if element is None else None

    @property
    def section_break(self) -> bool:
        """The paragraph's mark ends a section."""
        if self._break is None:
            self._break = self.element is not None and ends_section(self.element)
        return self._break

    @property
    def ppr(self) -> str:
        """Canonical paragraph properties without numbering and mark formatting."""
        return self._properties()[0]

    @property
    def numpr(self) -> tuple[str | None, int | None]:
        return self._properties()[1]

    def _properties(self) -> tuple[str, tuple[str | None, int | None]]:
        if self._props is None:
            assert self.element is not None
            self._props = paragraph_properties(self.element)
        return self._props

    @property
    def fmt(self) -> list[tuple[int, str]] | None:
        """Run formatting over the collapsed text: (length, signature) runs; None when
        unknown (text merged from a deleted paragraph mark: formats do not line up)."""
        if not self._fmt_known:
            assert self.element is not None
            fmt = collapsed_formats(raw_segments(self.element))
            self._fmt = fmt if sum(n for n, _ in fmt) == self._length else None
            self._fmt_known = True
        return self._fmt


def same_markup(a: ParaFacts | None, b: ParaFacts | None) -> bool:
    """Whether two paragraphs are written alike, so every fact of one is the other's."""
    return shared_markup(a, b) not in (None, False)


def shared_markup(a: ParaFacts | None, b: ParaFacts | None) -> bytes | bool | None:
    """The markup (without tails) two paragraphs share when written alike; False when they
    are not; None when either has no element to serialise (not compared by markup).

    The bytes go on to the redline writer (`ParaChange.markup`), which would otherwise
    serialise the same pair again to decide whether it can be copied untouched."""
    if a is None or b is None or a.element is None or b.element is None:
        return None
    written = markup(a.element, with_tail=False)
    return written if written == markup(b.element, with_tail=False) else False


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
    """Facts for each of `doc.paragraphs` (same positions); all None without package parts.

    From the reader's handles when every paragraph has one; otherwise (a model built
    without them) from a walk of the kept body, by paragraph index."""
    main = document_main_part(doc)
    if not doc.parts or main not in doc.parts:
        return [None] * len(doc.paragraphs)
    if doc.paragraphs and all(p.element is not None for p in doc.paragraphs):
        return [ParaFacts(p.cell, p.element, len(p.text)) for p in doc.paragraphs]
    body = document_body(doc.parts, main, doc.source)
    if body is None:
        return [None] * len(doc.paragraphs)
    by_index = {f.index: f for f in body_formats(body)}
    out: list[ParaFacts | None] = []
    for para in doc.paragraphs:
        f = by_index.get(para.index)
        if f is None:
            out.append(None)
            continue
        fmt = collapsed_formats(f.segments)
        out.append(ParaFacts(f.cell, None, ppr=f.ppr, numpr=f.numpr, fmt=fmt if sum(n for n, _ in fmt) == len(para.text) else None, section_break=f.section_break))
    return out

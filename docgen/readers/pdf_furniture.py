"""Page furniture a PDF repeats or adds that the .docx body does not hold as clause text.

Running headers and footers ("DCC Public", "Page 3 of 40", a bare page number) are found
by repetition: the same text, digits aside, at the same height on most pages. A table of
contents is found by its dot leaders ending in a page number; leaders elsewhere are
dropped as decoration.
"""

from __future__ import annotations

import re

from docgen.readers.pdf_labels import parse_label
from docgen.readers.pdf_layout import Line, PageContent

_MARGIN_BAND = 0.12  # fraction of the page height at the top and at the bottom
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}\s*$|…{2,}\s*\d{1,4}\s*$")
_LEADER = re.compile(r"(?:\.\s?){5,}|…{2,}")
_DIGITS = re.compile(r"\d+")
_SHORT_LINE = 6  # tokens


def _in_margin(line: Line, page: PageContent) -> bool:
    return line.top < page.height * _MARGIN_BAND or line.bottom > page.height * (1 - _MARGIN_BAND)


def _key(line: Line) -> tuple[int, str]:
    """Height and text with digits as one ("Page 3 of 40"); but a long line that opens with a
    clause label must repeat verbatim, so clauses that happen to open several pages alike
    ("5.1 Clause 1: ...", "5.4 Clause 4: ...") are not taken for a running head."""
    text = " ".join(line.text.lower().split())
    first = parse_label(line.tokens[0].text)
    if first is None or first.style not in ("dotted", "paren") or len(line.tokens) <= _SHORT_LINE:
        text = _DIGITS.sub("#", text)
    return round(line.top / 2), text


def is_toc_entry(text: str) -> bool:
    return bool(_TOC_ENTRY.search(text))


def strip_furniture(pages: list[PageContent]) -> dict[str, int]:
    """Remove running headers/footers, page numbers and contents lines in place; say how many went."""
    seen: dict[tuple[int, str], set[int]] = {}
    for page in pages:
        for line in page.lines:
            if _in_margin(line, page):
                seen.setdefault(_key(line), set()).add(page.number)
    needed = max(2, (len(pages) + 1) // 2)
    running = {key for key, on in seen.items() if len(on) >= needed}
    removed = {"running": 0, "toc": 0}
    for page in pages:
        kept: list[Line] = []
        toc_flags = [is_toc_entry(line.text) for line in page.lines]
        for i, line in enumerate(page.lines):
            if _in_margin(line, page) and (_key(line) in running or _PAGE_NUMBER.match(line.text.strip())):
                removed["running"] += 1
                continue
            between_entries = 0 < i < len(page.lines) - 1 and toc_flags[i - 1] and toc_flags[i + 1]
            if toc_flags[i] or between_entries:
                removed["toc"] += 1
                continue
            kept.append(_without_leaders(line))
        page.lines = [line for line in kept if line.tokens]
    return removed


def _without_leaders(line: Line) -> Line:
    """Dot leaders outside a contents list carry no text; a token that is only leader goes."""
    if "...." not in line.text and "…" not in line.text:
        return line
    tokens = []
    for tok in line.tokens:
        cleaned = _LEADER.sub("", tok.text).strip()
        if cleaned:
            tok.text = cleaned
            tokens.append(tok)
    return Line(page=line.page, number=line.number, tokens=tokens)

"""Page furniture a PDF repeats or adds that the .docx body does not hold as clause text.

Running headers and footers ("DCC Public", "Page 3 of 40", a bare page number) are found
by repetition: the same text, digits aside, at the same height on most pages. They are
looked for only in the page's margin bands, from the page edge inwards, and stop at the
first line of body text: a run of furniture ends where the next line carries on at the
body's line pitch, since a header is set apart from the body while the lines of a
paragraph follow one another; and a repeated line at a height where other pages have
body text that does not repeat is body text too. So a clause that opens a page keeps its
continuation lines even when the same boilerplate stands at the same height on other
pages. A table of
contents is found by its dot leaders ending in a page number; leaders elsewhere are
dropped as decoration. Footnotes (small print under the last body line, opening with a
number) and the raised reference marks pointing at them are not paragraph text in Word
either, and would otherwise split a clause that runs on to the next page.
"""

from __future__ import annotations

import re

from docgen.readers.pdf.labels import parse_label
from docgen.readers.pdf.layout import PageContent
from docgen.readers.pdf.tokens import Line

_MARGIN_BAND = 0.12  # fraction of the page height at the top and at the bottom
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}\s*$|…{2,}\s*\d{1,4}\s*$")
_LEADER = re.compile(r"(?:\.\s?){5,}|…{2,}")
_DIGITS = re.compile(r"\d+")
_ROMAN_PAGE = re.compile(r"\bpage\s+[ivxlc]{1,7}\b")  # front matter numbered i, ii, iii
_FOOTNOTE_MARK = re.compile(r"^(?:\d{1,3}|[*†‡§])$")
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
        text = _DIGITS.sub("#", _ROMAN_PAGE.sub("page #", text))
    return round(line.top / 2), text


def is_toc_entry(text: str) -> bool:
    return bool(_TOC_ENTRY.search(text))


def _line_pitch(pages: list[PageContent]) -> dict[float, float]:
    """The usual step from one line to the next of the same size: the lines of a paragraph."""
    steps: dict[float, dict[float, int]] = {}
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:]):
            step = b.top - a.top
            if abs(a.size - b.size) < 0.3 and 0.8 * a.size < step < 3 * a.size:
                bins = steps.setdefault(round(a.size, 1), {})
                bins[round(step * 2) / 2] = bins.get(round(step * 2) / 2, 0) + 1
    return {size: max(bins.items(), key=lambda kv: (kv[1], -kv[0]))[0] for size, bins in steps.items()}


def _runs_on(outer: Line, inner: Line, pitch: dict[float, float]) -> bool:
    """Whether `inner` follows `outer` as the next line of the same text block would."""
    if abs(outer.size - inner.size) >= 0.3:
        return False
    step = abs(inner.top - outer.top)
    usual = pitch.get(round(outer.size, 1), 1.2 * outer.size)
    return step <= usual + 0.25 * outer.size


def _furniture(page: PageContent, running: set[tuple[int, str]], pitch: dict[float, float]) -> set[int]:
    """Indexes of the page's running-head and footer lines: the repeated lines (or page numbers)
    met walking in from the top and from the bottom edge inside the margin band, up to the first
    body line; a repeated line that the next line carries on from is body text, and so is
    everything past it."""
    lines = page.lines

    def furniture_like(line: Line, top: bool) -> bool:
        in_band = line.top < page.height * _MARGIN_BAND if top else line.bottom > page.height * (1 - _MARGIN_BAND)
        return in_band and (_key(line) in running or bool(_PAGE_NUMBER.match(line.text.strip())))

    found: set[int] = set()
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        run: list[int] = []
        for i in order:
            if i in found or not furniture_like(lines[i], order.step > 0):
                break
            run.append(i)
        # The first line past the run is body; a furniture-like line it carries on from is too.
        while run:
            last = run[-1]
            step = 1 if order.step > 0 else -1
            nxt = last + step
            if 0 <= nxt < len(lines) and _runs_on(lines[last], lines[nxt], pitch):
                run.pop()
                continue
            break
        found.update(run)
    return found


def _inside_the_body(pages: list[PageContent], running: set[tuple[int, str]]) -> set[tuple[int, str]]:
    """Repeated lines standing where other pages have body text: the body's first or last line.

    A running head sits above the body on every page; a line that merely repeats at the top
    of the body ("the Device." ending a clause carried over from the page before) stands
    where, on other pages, text that does not repeat starts, inside the page (not its
    outermost line)."""
    body_heights: set[int] = set()
    for page in pages:
        # The outermost line of a page may be its own furniture ("Page i" on a title page).
        for line in page.lines[1:-1]:
            if _in_margin(line, page) and _key(line) not in running and not _PAGE_NUMBER.match(line.text.strip()):
                body_heights.add(round(line.top / 2))
    return {key for key in running if {key[0] - 1, key[0], key[0] + 1} & body_heights}


def strip_furniture(pages: list[PageContent]) -> dict[str, int]:
    """Remove running headers/footers, page numbers and contents lines in place; say how many went."""
    seen: dict[tuple[int, str], set[int]] = {}
    for page in pages:
        for line in page.lines:
            if _in_margin(line, page):
                seen.setdefault(_key(line), set()).add(page.number)
    needed = max(2, (len(pages) + 1) // 2)
    running = {key for key, on in seen.items() if len(on) >= needed}
    running -= _inside_the_body(pages, running)
    pitch = _line_pitch(pages)
    removed = {"running": 0, "toc": 0}
    for page in pages:
        kept: list[Line] = []
        toc_flags = [is_toc_entry(line.text) for line in page.lines]
        furniture = _furniture(page, running, pitch)
        for i, line in enumerate(page.lines):
            if i in furniture:
                removed["running"] += 1
                continue
            between_entries = 0 < i < len(page.lines) - 1 and toc_flags[i - 1] and toc_flags[i + 1]
            if toc_flags[i] or between_entries:
                removed["toc"] += 1
                continue
            kept.append(_without_leaders(line))
        page.lines = [line for line in kept if line.tokens]
    body = _body_size(pages)
    for page in pages:
        removed["footnotes"] = removed.get("footnotes", 0) + _drop_footnotes(page, body)
        page.lines = [_without_reference_marks(line) for line in page.lines]
    return removed


def _body_size(pages: list[PageContent]) -> float:
    weights: dict[float, int] = {}
    for page in pages:
        for line in page.lines:
            for tok in line.tokens:
                weights[round(tok.size, 1)] = weights.get(round(tok.size, 1), 0) + len(tok.text)
    return max(weights.items(), key=lambda kv: (kv[1], -kv[0]))[0] if weights else 11.0


def _drop_footnotes(page: PageContent, body: float) -> int:
    """Small print after the page's last body-size line, from a line that opens with a number."""
    last_body = max((i for i, line in enumerate(page.lines) if line.size >= body - 0.5), default=-1)
    for i in range(last_body + 1, len(page.lines)):
        line = page.lines[i]
        if line.size < body - 1.0 and _FOOTNOTE_MARK.match(line.tokens[0].text):
            tail = page.lines[i:]
            if all(ln.size < body - 1.0 for ln in tail):
                page.lines = page.lines[:i]
                return len(tail)
            break
    return 0


def _without_reference_marks(line: Line) -> Line:
    """Drop raised footnote marks ("behaviour¹"): small digits or daggers above the baseline."""
    size = line.size
    main = [t for t in line.tokens if abs(t.size - size) < 0.3]
    if not main or len(main) == len(line.tokens):
        return line
    bottom = max(t.bottom for t in main)
    tokens = [
        t for t in line.tokens
        if not (t.size <= 0.8 * size and t.bottom < bottom - 0.15 * size and _FOOTNOTE_MARK.match(t.text))
    ]
    return line if len(tokens) == len(line.tokens) or not tokens else Line(page=line.page, number=line.number, tokens=tokens)


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

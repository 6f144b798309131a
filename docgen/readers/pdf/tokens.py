"""Words as the PDF reader uses them: tokens that know their look and their redline marks.

Paragraphs, labels and tables all want words that know their font size, boldness, colour
and whether a rule crosses them. Characters are grouped into words once, split wherever
font, size or colour changes (so a red "s" glued to a black "clause" is its own piece);
only words that a horizontal rule actually touches are looked at character by character
for strike-throughs and underlines. Tokens sharing a baseline make a visual line.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Callable

from docgen.readers.pdf.source import RawChar, RawPage

# Where a horizontal rule sits relative to a character, in font sizes below its baseline:
# a strike-through crosses the x-height, an underline hugs the baseline from below.
_STRIKE_BAND = (-0.62, -0.1)
_UNDERLINE_BAND = (-0.1, 0.4)
_RULE_THICKNESS = 1.6  # points; anything thicker is a shaded box, not a rule
_WORD_GAP = 0.15  # a gap wider than this many font sizes separates two words
_ROW_TOLERANCE = 3.0  # points between the tops of characters on one printed line
_BOLD_HINTS = ("bold", "black", "heavy", "semibold", "demi")
_BREAK_AFTER = "-–—/"  # a line may break after these inside a word, adding no space


@dataclass(eq=False)
class Token:
    """A word, or the part of one that shares the same look and the same redline mark."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    tint: str = "black"  # "black" (also grey), "red", "blue" or "colour"
    rgb: tuple[float, float, float] | None = None  # the exact text colour, rounded
    struck: bool = False
    underlined: bool = False
    rule_tint: str = "black"  # colour of the underline, which tells an insertion from emphasis
    mark: str = ""  # "", "deleted" or "inserted", settled once the whole document is seen


@dataclass
class Line:
    """Tokens that share a baseline, left to right; `number` counts visual lines on the page."""

    page: int
    number: int
    tokens: list[Token]

    @property
    def x0(self) -> float:
        return self.tokens[0].x0

    @property
    def x1(self) -> float:
        return self.tokens[-1].x1

    @property
    def top(self) -> float:
        return min(t.top for t in self.tokens)

    @property
    def bottom(self) -> float:
        return max(t.bottom for t in self.tokens)

    @property
    def size(self) -> float:
        """The size most of the line's text is set in (a footnote mark does not count)."""
        weights: dict[float, int] = {}
        for t in self.tokens:
            key = round(t.size, 1)
            weights[key] = weights.get(key, 0) + len(t.text)
        return max(weights.items(), key=lambda kv: (kv[1], kv[0]))[0]

    @property
    def bold(self) -> bool:
        return all(t.bold for t in self.tokens)

    @property
    def text(self) -> str:
        return join_tokens(self.tokens)


def _spaced(a: Token, b: Token) -> bool:
    """Whether the page shows a word space between two neighbouring tokens.

    A line or page break counts as a space, except where the line was broken after a
    hyphen, dash or slash inside a word ("SMETS1-" / "based", "18.5(q)–" / "18.5(z)",
    "and/" / "or"): those break opportunities carry no space of their own.
    """
    if b.top >= a.bottom - 0.2 * a.size or b.x0 < a.x1 - 1.0:
        glued = (
            len(a.text) > 1
            and a.text[-1] in _BREAK_AFTER
            and (a.text[-2].isalnum() or a.text[-2] == ")")
            and (b.text[:1].isalnum() or b.text[:1] == "(")
        )
        return not glued
    return b.x0 - a.x1 >= 0.08 * min(a.size, b.size)


def join_tokens(tokens: list[Token], keep: Callable[[Token], bool] | None = None) -> str:
    """Text of neighbouring tokens, leaving out those `keep` refuses.

    A space goes where the page shows a gap, none where a word was only split by a change of
    style. Where dropped tokens stood between two kept ones, there is a space if either side
    of the dropped run had one ("the [old] new", "clause[s] apply"), except before closing
    punctuation the run was glued to ("element[ or the GPF]." reads "element.").
    """
    out: list[str] = []
    previous: Token | None = None  # last kept token
    last: Token | None = None  # last token seen, kept or not
    left: bool | None = None  # the gap that opened a dropped run, None when nothing was dropped
    for tok in tokens:
        spaced = last is not None and _spaced(last, tok)
        if keep is not None and not keep(tok):
            if previous is not None and left is None:
                left = spaced
            last = tok
            continue
        if previous is not None:
            if left is None:
                sep = spaced
            else:
                sep = left or spaced
                if not spaced and tok.text[:1] in ".,;:)]":
                    sep = False
                if not left and previous.text[-1:] in "([":
                    sep = False
            if sep:
                out.append(" ")
        out.append(tok.text)
        previous = last = tok
        left = None
    return "".join(out)


def first_word_width(tokens: list[Token]) -> float:
    """Width of the first printed word: tokens split only by a change of style stay one word."""
    end = tokens[0].x1
    for a, b in zip(tokens, tokens[1:]):
        if _spaced(a, b):
            break
        end = b.x1
    return end - tokens[0].x0


def tint_of(colour: Any) -> str:
    """Classify a PDF colour (grey, RGB or CMYK tuple) the way a reader of a redline would."""
    rgb = _rgb(colour)
    if rgb is None:
        return "black"
    r, g, b = rgb
    if max(rgb) - min(rgb) < 0.2:
        return "black"
    if r > 0.5 and g < 0.4 and b < 0.4:
        return "red"
    if b > 0.4 and r < 0.4:
        return "blue"
    return "colour"


def rgb_key(colour: Any) -> tuple[float, float, float] | None:
    rgb = _rgb(colour)
    return None if rgb is None else (round(rgb[0], 2), round(rgb[1], 2), round(rgb[2], 2))


def _rgb(colour: Any) -> tuple[float, float, float] | None:
    if not isinstance(colour, (tuple, list)):
        if isinstance(colour, (int, float)):
            return (float(colour),) * 3
        return None
    try:
        values = [float(v) for v in colour]
    except (TypeError, ValueError):
        return None  # a pattern name or other non-numeric colour
    if len(values) == 1:
        return (values[0],) * 3
    if len(values) == 3:
        return values[0], values[1], values[2]
    if len(values) == 4:
        c, m, y, k = values
        return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    return None


def is_bold(fontname: str) -> bool:
    name = fontname.split("+", 1)[-1].lower()
    return any(hint in name for hint in _BOLD_HINTS)


@dataclass(frozen=True)
class _Rule:
    y: float
    x0: float
    x1: float
    tint: str


def _rules_of(page: RawPage) -> list[_Rule]:
    """Horizontal strokes and hairline boxes: the candidates for strike-throughs and underlines."""
    out: list[_Rule] = []
    for shape in page.shapes:
        if shape.bottom - shape.top <= _RULE_THICKNESS and shape.x1 - shape.x0 > 0.5:
            colour = shape.fill_colour if shape.fill and not shape.stroke else shape.stroke_colour
            out.append(_Rule((shape.top + shape.bottom) / 2, shape.x0, shape.x1, tint_of(colour)))
    out.sort(key=lambda r: r.y)
    return out


def _char_marks(char: RawChar, rules: list[_Rule]) -> tuple[bool, bool, str]:
    size = char.size or (char.bottom - char.top) or 1.0
    centre = (char.x0 + char.x1) / 2
    struck = underlined = False
    rule_tint = "black"
    for rule in rules:
        if not (rule.x0 - 0.5 <= centre <= rule.x1 + 0.5):
            continue
        offset = (rule.y - char.baseline) / size
        if _STRIKE_BAND[0] <= offset < _STRIKE_BAND[1]:
            struck = True
        elif _UNDERLINE_BAND[0] <= offset <= _UNDERLINE_BAND[1]:
            underlined = True
            if rule.tint != "black":
                rule_tint = rule.tint
    return struck, underlined, rule_tint


@dataclass
class _Word:
    chars: list[RawChar]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)


def _words(chars: list[RawChar]) -> list[_Word]:
    """Characters into words: split at spaces, at gaps wider than `_WORD_GAP` sizes (PDFs
    without space characters), and wherever font, size or colour changes (one look per word)."""
    out: list[_Word] = []
    for row in _rows(chars):
        current: _Word | None = None
        previous: RawChar | None = None
        for ch in row:
            if not ch.text.strip():
                current, previous = None, None
                continue
            if (
                current is not None
                and previous is not None
                and ch.x0 - previous.x1 <= _WORD_GAP * max(ch.size, 1.0)
                and ch.x0 >= previous.x0
                and (ch.fontname, ch.size, ch.colour) == (previous.fontname, previous.size, previous.colour)
            ):
                current.chars.append(ch)
            else:
                current = _Word([ch])
                out.append(current)
            previous = ch
    return out


def _rows(chars: list[RawChar]) -> list[list[RawChar]]:
    """Characters whose tops lie within a few points of each other, each row left to right."""
    ordered = sorted(chars, key=lambda c: c.top)
    rows: list[list[RawChar]] = []
    last_top = None
    for ch in ordered:
        if last_top is None or ch.top - last_top > _ROW_TOLERANCE:
            rows.append([])
        rows[-1].append(ch)
        last_top = ch.top
    for row in rows:
        row.sort(key=lambda c: c.x0)
    return rows


def _tokens_of_word(word: _Word, rules: list[_Rule], ys: list[float]) -> list[Token]:
    first = word.chars[0]
    size = first.size
    x0 = min(c.x0 for c in word.chars)
    x1 = max(c.x1 for c in word.chars)
    top = min(c.top for c in word.chars)
    bottom = max(c.bottom for c in word.chars)
    lo = bisect.bisect_left(ys, top)
    hi = bisect.bisect_right(ys, bottom + _UNDERLINE_BAND[1] * size)
    near = [r for r in rules[lo:hi] if r.x1 >= x0 and r.x0 <= x1]
    base = Token(
        text=word.text,
        x0=x0,
        x1=x1,
        top=top,
        bottom=bottom,
        size=size,
        bold=is_bold(first.fontname),
        tint=tint_of(first.colour),
        rgb=rgb_key(first.colour),
    )
    if not near:
        return [base]
    pieces: list[Token] = []
    for char in word.chars:
        struck, underlined, rule_tint = _char_marks(char, near)
        last = pieces[-1] if pieces else None
        if last is not None and (last.struck, last.underlined, last.rule_tint) == (struck, underlined, rule_tint):
            last.text += char.text
            last.x1 = char.x1
            continue
        pieces.append(
            Token(
                text=char.text,
                x0=char.x0,
                x1=char.x1,
                top=base.top,
                bottom=base.bottom,
                size=size,
                bold=base.bold,
                tint=base.tint,
                rgb=base.rgb,
                struck=struck,
                underlined=underlined,
                rule_tint=rule_tint,
            )
        )
    return pieces


def group_lines(tokens: list[Token], page: int) -> list[Line]:
    """Cluster tokens into visual lines by vertical overlap, then order each line left to right."""
    ordered = sorted(tokens, key=lambda t: (t.top, t.x0))
    groups: list[list[Token]] = []
    bottom = top = 0.0
    for tok in ordered:
        if groups:
            overlap = min(bottom, tok.bottom) - max(top, tok.top)
            if overlap > 0.5 * min(bottom - top, tok.bottom - tok.top):
                groups[-1].append(tok)
                top, bottom = min(top, tok.top), max(bottom, tok.bottom)
                continue
        groups.append([tok])
        top, bottom = tok.top, tok.bottom
    return [Line(page=page, number=i + 1, tokens=sorted(g, key=lambda t: t.x0)) for i, g in enumerate(groups)]


def page_tokens(raw: RawPage) -> list[Token]:
    """Every token of a page, with strike-through and underline marks read off its rules."""
    rules = _rules_of(raw)
    ys = [r.y for r in rules]
    out: list[Token] = []
    for word in _words(raw.chars):
        out.extend(_tokens_of_word(word, rules, ys))
    return out

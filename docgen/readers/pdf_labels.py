"""Clause labels as a PDF shows them, and the letter-or-roman question they raise.

A PDF keeps only the drawn label: "(i)" may be the ninth letter or the first roman numeral,
"(v)" the twenty-second letter or five, "(c)" three or a hundred. Word knew which from the
list level's numFmt; here the answer comes from the neighbours at the same indentation:
the previous sibling ("(i)" after "(h)" is a letter), else the next one ("(i)" before
"(ii)" is roman), else the smaller value, since lists start at the beginning ("(i)" as a
first child is roman, "(c)" is a letter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.refs import RefError, letter_value, roman_value

DECIMAL = "decimal"
LOWER_LETTER, UPPER_LETTER = "lowerLetter", "upperLetter"
LOWER_ROMAN, UPPER_ROMAN = "lowerRoman", "upperRoman"

_DOTTED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)([A-Z]{0,2})\.?$")
_BARE = re.compile(r"^(\d{1,3})\.?$")
_PAREN = re.compile(r"^\(([A-Za-z]{1,6}|\d{1,3})\)$")
_SUFFIX = re.compile(r"^([A-Za-z]{1,6}|\d{1,3})[.)]$")
# LibreOffice draws the number of a list item touched by tracked changes in brackets.
_BRACKETED = re.compile(r"^\[(.+)\]$")


@dataclass(frozen=True)
class Label:
    """A token that can number a clause; `style` keeps "(a)" lists apart from "a." lists."""

    text: str  # as it will be recorded: "18.5", "(p)", "a."
    style: str  # "dotted" | "bare" | "paren" | "suffix"
    core: str  # "18.5", "18", "p", "a"
    candidates: tuple[tuple[str, int], ...]  # every (num_format, num_value) the core can mean

    def family(self) -> tuple[str, bool]:
        """Labels that can be siblings: same bracket style and same letter case."""
        return self.style, self.core.isupper()


def parse_label(token: str) -> Label | None:
    """The label a token spells, or None when it is ordinary text ("(or)", "4.8.x")."""
    bracketed = _BRACKETED.match(token)
    if bracketed:
        token = bracketed.group(1)
    m = _DOTTED.match(token)
    if m:
        last = m.group(1).rsplit(".", 1)[-1]
        return Label(token, "dotted", m.group(1) + m.group(2), ((DECIMAL, int(last)),))
    m = _BARE.match(token)
    if m:
        return Label(token, "bare", m.group(1), ((DECIMAL, int(m.group(1))),))
    for style, pattern in (("paren", _PAREN), ("suffix", _SUFFIX)):
        m = pattern.match(token)
        if m:
            core = m.group(1)
            candidates = _candidates(core)
            return Label(token, style, core, candidates) if candidates else None
    return None


def _candidates(core: str) -> tuple[tuple[str, int], ...]:
    if core.isdigit():
        return ((DECIMAL, int(core)),)
    if not (core.islower() or core.isupper()):
        return ()
    low = core.lower()
    upper = core.isupper()
    out: list[tuple[str, int]] = []
    try:
        out.append((UPPER_LETTER if upper else LOWER_LETTER, letter_value(low)))
    except RefError:
        pass
    try:
        out.append((UPPER_ROMAN if upper else LOWER_ROMAN, roman_value(low)))
    except RefError:
        pass
    return tuple(out)


def successor_matches(fmt: str, value: int, following: Label) -> bool:
    """Whether `following` reads as the item right after (fmt, value) in the same list."""
    return any(f == fmt and v == value + 1 for f, v in following.candidates)


def resolve_format(
    label: Label,
    previous: tuple[str, int] | None = None,
    following: Label | None = None,
) -> tuple[str, int]:
    """The (num_format, num_value) a label most likely has.

    `previous` is the resolved format and value of the previous sibling (same indentation,
    same parent, same label family), `following` the next sibling's label, when known.
    """
    options = label.candidates
    if len(options) == 1:
        return options[0]
    if previous is not None:
        for fmt, value in options:
            if fmt == previous[0] and value == previous[1] + 1:
                return fmt, value
    if following is not None:
        for fmt, value in options:
            if successor_matches(fmt, value, following):
                return fmt, value
    if previous is not None:
        for fmt, value in options:
            if fmt == previous[0]:
                return fmt, value
    # A list starts at its beginning: "(i)", "(v)", "(x)" alone are roman, "(c)", "(d)" letters.
    return min(options, key=lambda option: (option[1], option[0] not in (LOWER_LETTER, UPPER_LETTER)))

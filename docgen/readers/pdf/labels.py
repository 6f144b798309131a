"""Clause labels as a PDF shows them, and the letter-or-roman question they raise.

A PDF keeps only the drawn label: "(i)" may be the ninth letter or the first roman numeral,
"(v)" the twenty-second letter or five, "(c)" three or a hundred. Word knew which from the
list level's numFmt; here the answer comes from the neighbours at the same indentation:
the previous sibling ("(i)" after "(h)" is a letter), else the next one ("(i)" before
"(ii)" is roman), else the smaller value, since lists start at the beginning ("(i)" as a
first child is roman, "(c)" is a letter).
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.refs.labels import DECIMAL, follows, point_candidates, read_point
from docgen.refs.patterns import BRACKETED_LABEL, PDF_BARE_LABEL, PDF_DOTTED_LABEL, PDF_PAREN_LABEL, PDF_PREFIXED_LABEL, PDF_SUFFIX_LABEL



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
    bracketed = BRACKETED_LABEL.match(token)
    if bracketed:
        token = bracketed.group(1)
    m = PDF_DOTTED_LABEL.match(token)
    if m:
        last = m.group(1).rsplit(".", 1)[-1]
        return Label(token, "dotted", m.group(1) + m.group(2), ((DECIMAL, int(last)),))
    m = PDF_BARE_LABEL.match(token)
    if m:
        return Label(token, "bare", m.group(1), ((DECIMAL, int(m.group(1))),))
    m = PDF_PREFIXED_LABEL.match(token)
    if m:
        last = m.group(2).rsplit(".", 1)[-1]
        core = m.group(1) + m.group(2) + m.group(3)
        # Without a dot it reads like a bare number ("A2  Interpretation"): a heading or a tab must follow.
        return Label(token, "dotted" if "." in m.group(2) else "bare", core, ((DECIMAL, int(last)),))
    for style, pattern in (("paren", PDF_PAREN_LABEL), ("suffix", PDF_SUFFIX_LABEL)):
        m = pattern.match(token)
        if m:
            core = m.group(1)
            candidates = point_candidates(core)
            return Label(token, style, core, candidates) if candidates else None
    return None


def successor_matches(fmt: str, value: int, following: Label) -> bool:
    """Whether `following` reads as the item right after (fmt, value) in the same list."""
    return follows((fmt, value), following.candidates)


def resolve_format(
    label: Label,
    previous: tuple[str, int] | None = None,
    following: Label | None = None,
) -> tuple[str, int]:
    """The (num_format, num_value) a label most likely has, by the one rule in
    `docgen.refs.labels.read_point`: `previous` is the resolved reading of the previous
    sibling (same indentation, parent and label family), `following` the next sibling."""
    reading = read_point(label.candidates, previous=previous, following=following.candidates if following else None)
    assert reading is not None  # parse_label only makes labels that have a reading
    return reading

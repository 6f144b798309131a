"""Reading clause wording the way the lint needs: lead-ins, list fragments, SRVs, Device Models.

These are judgements about drafting style, kept apart from the rules that use them so the
thresholds live in one place and the tests of the rules can cite them.
"""

from __future__ import annotations

import re
from typing import Iterable

from docgen.checks.context import normalise_text

# "... the following:", "... as follows —", "... applies the following constraints:"
_LEAD_IN_END = re.compile(r"(?::|[—–]|\b(?:the\s+following|as\s+follows))\s*\Z", re.IGNORECASE)
_FOLLOWING_TAIL = re.compile(r"\b(?:the\s+following(?:\s+\w+){0,3}|as\s+follows)\s*[:—–.]?\s*\Z", re.IGNORECASE)
# How a list item that continues a sentence ends: ";", "; and", "; or", ", and" ...
_CONTINUES = re.compile(r"(?:;|;\s*(?:and|or)|,\s*(?:and|or))\s*\Z", re.IGNORECASE)
_FINISHES = re.compile(r"\.\s*\Z")
# A fragment is a sub-item only while it is short; a long sentence is a clause of its own.
MAX_FRAGMENT_WORDS = 30
SRV_NUMBER = re.compile(r"\bSRVs?\s+(\d+(?:\.\d+)*)", re.IGNORECASE)
_DEVICE_TYPES = r"ESME|GSME|CHF|PPMID|IHD|HCALCS|ALCS|PPMD"
# A named Device Model: a capitalised maker or model name right before the device type
# ("Secure Liberty 200 ESME", "L+G E470 ESME"), not "the ESME" or "each GSME".
_GENERIC_BEFORE = frozenset(
    "the a an each every any no that this its their and or of to for by smets1 smets2 smets2+ "
    "same other another one two imported export import".split()
)
_DEVICE_NAME = re.compile(rf"(?P<before>[\w+&/-]+)\s+(?:{_DEVICE_TYPES})\b")


def is_lead_in(text: str) -> bool:
    """A sentence that announces a list: ends with ':' or a dash, or with 'the following'."""
    stripped = text.strip()
    return bool(_LEAD_IN_END.search(stripped) or _FOLLOWING_TAIL.search(stripped))


def continues_list(text: str) -> bool:
    return bool(_CONTINUES.search(text.strip()))


def finishes_list(text: str) -> bool:
    return bool(_FINISHES.search(text.strip()))


def is_short(text: str) -> bool:
    return len(text.split()) <= MAX_FRAGMENT_WORDS


def srv_numbers(text: str) -> set[str]:
    """The SRV numbers a text names: 'SRV 4.8.1 or SRV 4.8.2' -> {'4.8.1', '4.8.2'}."""
    return {m.group(1) for m in SRV_NUMBER.finditer(text)}


def named_models(text: str, known: Iterable[str] = (), *, guess: bool = True) -> set[str]:
    """Device Models a text names: the matrix's own names, plus (with `guess`) anything
    shaped like a model name, for when no matrix says which models exist."""
    low = normalise_text(text)
    found = {name for name in known if name and contains_phrase(low, name)}
    if not guess:
        return found
    for m in _DEVICE_NAME.finditer(text):
        before = m.group("before")
        if before.lower() not in _GENERIC_BEFORE and (before[0].isupper() or before[0].isdigit()):
            found.add(normalise_text(m.group(0)))
    return found


def contains_phrase(normalised_text: str, phrase: str) -> bool:
    """`phrase` (any case/spacing) as whole words in an already normalised text."""
    needle = normalise_text(phrase)
    if not needle:
        return False
    start = normalised_text.find(needle)
    while start >= 0:
        end = start + len(needle)
        before_ok = start == 0 or not normalised_text[start - 1].isalnum()
        after_ok = end == len(normalised_text) or not normalised_text[end].isalnum()
        if before_ok and after_ok:
            return True
        start = normalised_text.find(needle, start + 1)
    return False


def contains_srv(normalised_text: str, number: str) -> bool:
    """SRV `number` in a normalised text, not as part of a longer number (4.8.1 in 4.8.10)."""
    pattern = rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)"
    return re.search(pattern, normalised_text) is not None

"""Reading clause wording the way the lint needs: lead-ins and list fragments.

These are judgements about drafting style, kept apart from the rules that use them so the
thresholds live in one place and the tests of the rules can cite them.
"""

from __future__ import annotations

import re

# "... the following:", "... as follows —", "... applies the following constraints:"
_LEAD_IN_END = re.compile(r"(?::|[—–]|\b(?:the\s+following|as\s+follows))\s*\Z", re.IGNORECASE)
_FOLLOWING_TAIL = re.compile(r"\b(?:the\s+following(?:\s+\w+){0,3}|as\s+follows)\s*[:—–.]?\s*\Z", re.IGNORECASE)
# How a list item that continues a sentence ends: ";", "; and", "; or", ", and" ...
_CONTINUES = re.compile(r"(?:;|;\s*(?:and|or)|,\s*(?:and|or))\s*\Z", re.IGNORECASE)
_FINISHES = re.compile(r"\.\s*\Z")
# How a list's last-but-one item ends: "...; and", "..., or". Drafters put the conjunction
# there and nowhere else, so the item after it is the list's last.
_PENULTIMATE = re.compile(r"[;,]\s*(?:and|or)\s*\Z", re.IGNORECASE)
# A fragment is a sub-item only while it is short; a long sentence is a clause of its own.
MAX_FRAGMENT_WORDS = 30


def is_lead_in(text: str) -> bool:
    """A sentence that announces a list: ends with ':' or a dash, or with 'the following'."""
    stripped = text.strip()
    return bool(_LEAD_IN_END.search(stripped) or _FOLLOWING_TAIL.search(stripped))


def continues_list(text: str) -> bool:
    return bool(_CONTINUES.search(text.strip()))


def finishes_list(text: str) -> bool:
    return bool(_FINISHES.search(text.strip()))


def ends_before_last(text: str) -> bool:
    return bool(_PENULTIMATE.search(text.strip()))


def is_short(text: str) -> bool:
    return len(text.split()) <= MAX_FRAGMENT_WORDS

"""What a clause's words name: SRV numbers and Device Models, and what "the same text" means.

The DMVES cross-check of the lint, the baseline checks and `docgen impact` all ask one
question of a clause (does it name the Device Models and SRVs a matrix row or another
document names?), so they read wording the same way, here, below both of them.
"""

from __future__ import annotations

import re
from typing import Iterable

from docgen.model import Clause, MatrixRow

SRV_NUMBER = re.compile(r"\bSRVs?\s+(\d+(?:\.\d+)*)", re.IGNORECASE)
# In a matrix's SRV cell every number is an SRV: "SRV 4.8.1 / 4.8.2", "8.8.1".
_CELL_NUMBER = re.compile(r"\d+(?:\.\d+)*")
_DEVICE_TYPES = r"ESME|GSME|CHF|PPMID|IHD|HCALCS|ALCS|PPMD"
# A named Device Model: a capitalised maker or model name right before the device type
# ("Secure Liberty 200 ESME", "L+G E470 ESME"), not "the ESME" or "each GSME".
_GENERIC_BEFORE = frozenset(
    "the a an each every any no that this its their and or of to for by smets1 smets2 smets2+ "
    "same other another one two imported export import".split()
)
_DEVICE_NAME = re.compile(rf"(?P<before>[\w+&/-]+)\s+(?:{_DEVICE_TYPES})\b")


def normalise_text(text: str) -> str:
    """Case and whitespace folded: what 'the same text' means across versions and cells."""
    return " ".join(text.replace("\u00a0", " ").split()).lower()


def clause_wording(clause: Clause, *, lead_in: bool = False) -> str:
    """The clause with its sub-items (and with `lead_in` the sentence of its parent that
    introduces it), normalised: what a matrix row or a citing document may name of it."""
    parts = [clause.text] + [d.text for d in clause.descendants()]
    if lead_in and clause.parent is not None:
        parts.append(clause.parent.text)
    return normalise_text(" ".join(parts))


def srv_numbers(text: str) -> set[str]:
    """The SRV numbers a text names: 'SRV 4.8.1 or SRV 4.8.2' -> {'4.8.1', '4.8.2'}."""
    return {m.group(1) for m in SRV_NUMBER.finditer(text)}


def cell_srv_numbers(cell: str) -> list[str]:
    """The SRV numbers of one matrix cell: in an SRV column every number is an SRV."""
    return _CELL_NUMBER.findall(cell)


def row_srv_numbers(row: MatrixRow) -> list[str]:
    """The SRV numbers of a matrix row, in cell order."""
    return [n for cell in row.srv for n in cell_srv_numbers(cell)]


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

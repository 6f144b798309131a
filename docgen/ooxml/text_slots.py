"""Rewriting text that Word or Excel has split over several runs, without losing the runs.

A reference such as "Clause 18.5(z)" is often spread over runs: "Clause " in one, the
cached result "18.5(z)" of a REF field in another. Rewriting the joined text and putting it
back into one run would drop the field and the formatting; so the rewrite is diffed against
the joined text and every unchanged character stays in the node it came from, while each
changed stretch lands in the node that held its first character.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Callable

from lxml import etree

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class TextSlot:
    """One piece of the joined text: an editable text element, or a fixed separator (a tab)."""

    text: str
    node: etree._Element | None = None  # None: read-only (tab, break) and must survive as is

    @property
    def editable(self) -> bool:
        return self.node is not None


def spread_rewrite(slots: list[TextSlot], rewrite: Callable[[str], str]) -> bool:
    """Apply `rewrite` to the joined text of `slots`, editing the slots' nodes in place.

    Returns False, touching nothing, when the text is unchanged or when the change would
    have to remove a read-only slot (the caller then leaves that paragraph alone rather
    than break its structure).
    """
    old = "".join(s.text for s in slots)
    new = rewrite(old)
    if new == old:
        return False
    owner: list[int] = []
    for index, slot in enumerate(slots):
        owner.extend([index] * len(slot.text))
    pieces: list[list[str]] = [[] for _ in slots]
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            for k in range(i1, i2):
                pieces[owner[k]].append(old[k])
            continue
        if any(not slots[owner[k]].editable for k in range(i1, i2)):
            return False
        target = _target_slot(slots, owner, i1, i2)
        if target is None:
            return False
        pieces[target].append(new[j1:j2])
    for slot, piece in zip(slots, pieces):
        if slot.node is None:
            continue
        text = "".join(piece)
        if text != slot.text:
            slot.node.text = text
            if text != text.strip():
                slot.node.set(XML_SPACE, "preserve")
    return True


def _target_slot(slots: list[TextSlot], owner: list[int], i1: int, i2: int) -> int | None:
    """Where a changed stretch goes: the node of its first replaced character; for a pure
    insertion, the node before the insertion point (so text typed after a run joins it)."""
    if i2 > i1:
        return owner[i1]
    candidates = []
    if i1 > 0:
        candidates.append(owner[i1 - 1])
    if i1 < len(owner):
        candidates.append(owner[i1])
    candidates.extend(range(len(slots)))  # an empty text: the first editable slot
    return next((c for c in candidates if slots[c].editable), None)

"""Rewriting numbers that are typed text ("(q)\tthe ...", "18.5  The ...").

Word draws no number for such a paragraph: the label is the first characters of its text
and the level is where the paragraph is indented (the reader reads both). So a renumbering
of typed items rewrites the label in place (the runs and their formatting stay; the
shared `spread_rewrite` edits the w:t nodes) and, for an item that changes level, moves its
direct left indent by a level's width. Only the label is touched: the text after it, and
every other paragraph, stay byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from lxml import etree

from docgen.ooxml.body import planned_paragraphs
from docgen.ooxml.lists.levels import paragraph_slots
from docgen.ooxml.markup.schema_order import PPR_ORDER, ensure
from docgen.ooxml.ns import W
from docgen.ooxml.parts import serialise, xml_part
from docgen.ooxml.text_slots import spread_rewrite

LEVEL_WIDTH = 720  # twips: half an inch, the step Word's own outline levels use
DEFAULT_ITEM_INDENT = 1440  # where the reader places a typed "(a)" with no indent of its own


@dataclass(frozen=True)
class TypedLabel:
    old: str  # the label as typed, "(q)"
    new: str  # the label it must read, "(i)"
    levels: int = 0  # levels the item moves: +1 one deeper, -1 one shallower


def retype(parts: Mapping[str, bytes], main_part: str, changes: Mapping[int, TypedLabel], source: str) -> dict[str, bytes]:
    """The package with each paragraph's typed label rewritten (by body-walk index).
    Raises ValueError, naming the paragraph, when its text does not start with the label."""
    out = dict(parts)
    if not changes:
        return out
    root = xml_part(parts, main_part, source)
    for index, p in planned_paragraphs(root, changes, main_part):
        change = changes[index]
        if change.old != change.new and not spread_rewrite(paragraph_slots(p), lambda text: _relabel(text, change)):
            raise ValueError(f"paragraph {index} does not start with the typed label {change.old!r}")
        if change.levels:
            _indent(p, change.levels * LEVEL_WIDTH)
    out[main_part] = serialise(root)
    return out


def _relabel(text: str, change: TypedLabel) -> str:
    stripped = text.lstrip()
    if not stripped.startswith(change.old):
        return text
    lead = len(text) - len(stripped)
    return text[:lead] + change.new + stripped[len(change.old) :]


def _indent(p: etree._Element, delta: int) -> None:
    ppr = ensure(p, W.pPr, PPR_ORDER, first=True)
    ind = ensure(ppr, W.ind, PPR_ORDER)
    for attr in (W.left, W.start):
        value = ind.get(attr)
        if value is not None and value.lstrip("-").isdigit():
            ind.set(attr, str(max(0, int(value) + delta)))
            return
    ind.set(W.left, str(max(0, DEFAULT_ITEM_INDENT + delta)))



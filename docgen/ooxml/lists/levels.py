"""Carrying a renumbering into the .docx itself: list levels and cross-reference text.

Only the Word numbering changes (each moved paragraph's `w:ilvl`), never typed text, so Word
draws the new numbers itself and keeps them right through later edits. Cross-references in
the text ("see 18.5(t)", the cached result of a REF field) are rewritten in place across
runs; the field codes and bookmarks stay, so an F9 in Word gives the same text. Every part
that does not change is kept byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from lxml import etree

from docgen.ooxml.lists.numbering import NumberingDefs, paragraph_numpr
from docgen.ooxml.body import planned_paragraphs
from docgen.ooxml.content import paragraph_items, reader_char
from docgen.ooxml.ns import W, qn
from docgen.refs import rewrite_refs
from docgen.ooxml.parts import related_part, serialise, xml_part
from docgen.ooxml.text_slots import TextSlot, spread_rewrite

# pPr children that CT_PPrBase puts before numPr; a new numPr goes after the last of them.
_BEFORE_NUMPR = {qn(f"w:{n}") for n in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")}
_NOTE_PARTS = ("footnotes", "endnotes")


@dataclass(frozen=True)
class LevelChange:
    """One paragraph's new list level; the numbering instance is kept."""

    paragraph: int
    ref: str  # the clause's ref before the change
    num_id: str
    old_ilvl: int
    new_ilvl: int


def numbering_defs(parts: Mapping[str, bytes], main_part: str, source: str) -> NumberingDefs:
    numbering = related_part(parts, main_part, "numbering")
    styles = related_part(parts, main_part, "styles")
    return NumberingDefs.from_xml(
        xml_part(parts, numbering, source) if numbering else None,
        xml_part(parts, styles, source) if styles else None,
    )


def apply_levels(parts: Mapping[str, bytes], main_part: str, changes: Mapping[int, LevelChange], source: str) -> dict[str, bytes]:
    """The package with each changed paragraph's list level set; paragraphs are found by
    their index in the shared body walk, the same index the reader gave the clause."""
    out = dict(parts)
    if not changes:
        return out
    defs = numbering_defs(parts, main_part, source)
    root = xml_part(parts, main_part, source)
    for index, p in planned_paragraphs(root, changes, main_part):
        _set_level(p, changes[index], defs)
    out[main_part] = serialise(root)
    return out


def _set_level(p: etree._Element, change: LevelChange, defs: NumberingDefs) -> None:
    ppr = p.find(W.pPr)
    if ppr is None:
        ppr = etree.SubElement(p, W.pPr)
        p.remove(ppr)
        p.insert(0, ppr)
    _, _, style = paragraph_numpr(p)
    old_level = defs.level(change.num_id, change.old_ilvl)
    new_level = defs.level(change.num_id, change.new_ilvl)
    linked = old_level is not None and new_level is not None and old_level.pstyle and new_level.pstyle and old_level.pstyle == style
    numpr = ppr.find(W.numPr)
    if linked and numpr is None:
        # The level comes from a style linked to the list level: Word demotes such a
        # paragraph by giving it the next level's style, so do the same.
        ppr.find(W.pStyle).set(W.val, new_level.pstyle)  # type: ignore[union-attr]
    else:
        if linked:
            ppr.find(W.pStyle).set(W.val, new_level.pstyle)  # type: ignore[union-attr]
        if numpr is None:
            numpr = etree.Element(W.numPr)
            insert_numpr(ppr, numpr)
        ilvl = numpr.find(W.ilvl)
        if ilvl is None:
            ilvl = etree.Element(W.ilvl)
            numpr.insert(0, ilvl)
        ilvl.set(W.val, str(change.new_ilvl))
        if numpr.find(W.numId) is None:
            etree.SubElement(numpr, W.numId).set(W.val, change.num_id)
    _shift_indent(ppr, old_level.indent_left if old_level else None, new_level.indent_left if new_level else None)


def insert_numpr(ppr: etree._Element, numpr: etree._Element) -> None:
    position = 0
    for i, child in enumerate(ppr):
        if child.tag in _BEFORE_NUMPR:
            position = i + 1
    ppr.insert(position, numpr)


def _shift_indent(ppr: etree._Element, old: int | None, new: int | None) -> None:
    """A direct indent on the paragraph would pin it where it was; move it by the distance
    between the two levels' indents so the item still sits at its level."""
    ind = ppr.find(W.ind)
    if ind is None or old is None or new is None:
        return
    for attr in (W.left, W.start):
        value = ind.get(attr)
        if value is not None and value.lstrip("-").isdigit():
            ind.set(attr, str(max(0, int(value) + new - old)))


def rewrite_xrefs(parts: Mapping[str, bytes], main_part: str, mapping: Mapping[str, str], source: str) -> tuple[dict[str, bytes], int]:
    """The package with references to moved clauses rewritten in the main text and the
    foot/endnotes, and how many paragraphs changed. References qualified with another
    document ("Clause 1.4 of the TMAD") are left alone by `rewrite_refs`."""
    out = dict(parts)
    if not mapping:
        return out, 0
    table = dict(mapping)
    changed = 0
    names = [main_part] + [n for n in (related_part(parts, main_part, k) for k in _NOTE_PARTS) if n]
    for name in names:
        root = xml_part(parts, name, source)
        touched = 0
        for p in root.iter(W.p):
            if spread_rewrite(paragraph_slots(p), lambda text: rewrite_refs(text, table)):
                touched += 1
        if touched:
            out[name] = serialise(root)
            changed += touched
    return out, changed


def paragraph_slots(p: etree._Element) -> list[TextSlot]:
    """The paragraph's text as the reader reads it (the shared content walk, field results
    as text): each w:t editable in place, tabs and breaks fixed separators."""
    slots: list[TextSlot] = []
    for item in paragraph_items(p, fields_as_units=False, per_char=False, identify=False):
        text = reader_char(item)
        if not text:
            continue
        node = item.nodes[0]
        slots.append(TextSlot(text, node) if node.tag == W.t else TextSlot(text))
    return slots

"""Giving a run of list paragraphs a numbering instance of its own, with one level's format set.

Moving a paragraph one level down in its list is enough when the list's next level draws
the numbers the drafting wants ("(a)" items over "(i)" sub-items). Lists written by other
tools often do not: pandoc gives every level of an "(a)" list the letter format and writes
sub-lists as separate lists, LibreOffice keeps that on a re-save. There the demoted items
would read "(p)(a)". Word itself solves this with a separate list: this module adds to
numbering.xml a copy of the paragraphs' abstractNum whose one level draws `fmt` from
`start`, and a w:num for it, and points the run's paragraphs at the new w:num. A copy per
run keeps its counter its own (a second run under another parent starts again at "(i)"),
and the other paragraphs of the original list keep their numbers.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from lxml import etree

from docgen.ooxml.body import planned_paragraphs
from docgen.ooxml.lists.levels import insert_numpr, numbering_defs
from docgen.ooxml.markup.schema_order import PPR_ORDER, ensure
from docgen.ooxml.ns import W
from docgen.ooxml.parts import related_part, serialise, xml_part


@dataclass(frozen=True)
class LevelFormat:
    """The paragraphs (body-walk indexes) of one run, the list they are in now and the level
    whose numbers must become `fmt` counted from `start`."""

    paragraphs: tuple[int, ...]
    num_id: str
    ilvl: int
    fmt: str
    start: int


def give_own_lists(parts: Mapping[str, bytes], main_part: str, runs: Sequence[LevelFormat], source: str) -> dict[str, bytes]:
    """The package with each run in a new list instance drawing its level as asked.
    Raises ValueError when a run's list cannot be copied (no numbering part, unknown list)."""
    out = dict(parts)
    if not runs:
        return out
    name = related_part(parts, main_part, "numbering")
    if name is None:
        raise ValueError("the document has no numbering part")
    defs = numbering_defs(parts, main_part, source)
    numbering = xml_part(parts, name, source)
    root = xml_part(parts, main_part, source)
    by_paragraph: dict[int, tuple[str, int]] = {}
    next_abstract = _next_id(numbering, W.abstractNum, W.abstractNumId)
    next_num = _next_id(numbering, W.num, W.numId)
    for run in runs:
        abstract = defs.resolve_abstract(run.num_id)
        if abstract is None:
            raise ValueError(f"list {run.num_id} has no abstractNum")
        original = _find(numbering, W.abstractNum, W.abstractNumId, abstract.abstract_id)
        num = _find(numbering, W.num, W.numId, run.num_id)
        if original is None or num is None:
            raise ValueError(f"list {run.num_id} is not in numbering.xml")
        clone = copy.deepcopy(original)
        clone.set(W.abstractNumId, str(next_abstract))
        for link in (W.numStyleLink, W.styleLink):
            for el in clone.findall(link):
                clone.remove(el)  # the copy is a list of its own, not a style's definition
        nsid = clone.find(W.nsid)
        if nsid is not None:
            nsid.set(W.val, f"{0x6D000000 + next_abstract:08X}")  # Word tells lists apart by nsid
        _set_format(_level(clone, run.ilvl), run.ilvl, run.fmt, run.start)
        new_num = etree.Element(W.num)
        new_num.set(W.numId, str(next_num))
        etree.SubElement(new_num, W.abstractNumId).set(W.val, str(next_abstract))
        for override in num.findall(W.lvlOverride):
            if override.get(W.ilvl) == str(run.ilvl):
                lvl = override.find(W.lvl)
                if lvl is None:
                    continue  # a startOverride here would undo `start`
                override = copy.deepcopy(override)
                for start in override.findall(W.startOverride):
                    override.remove(start)
                _set_format(override.find(W.lvl), run.ilvl, run.fmt, run.start)
                new_num.append(override)
            else:
                new_num.append(copy.deepcopy(override))
        _insert_after_last(numbering, W.abstractNum, clone)
        _insert_after_last(numbering, W.num, new_num)
        for paragraph in run.paragraphs:
            by_paragraph[paragraph] = (str(next_num), run.ilvl)
        next_abstract += 1
        next_num += 1
    for index, p in planned_paragraphs(root, by_paragraph, main_part):
        _point_at(p, *by_paragraph[index])
    out[name] = serialise(numbering)
    out[main_part] = serialise(root)
    return out


def _point_at(p: etree._Element, num_id: str, ilvl: int) -> None:
    """The paragraph's own numPr names the new list; a paragraph numbered by its style gets
    a numPr of its own, which Word lets override the style's."""
    ppr = ensure(p, W.pPr, PPR_ORDER, first=True)
    numpr = ppr.find(W.numPr)
    if numpr is None:
        numpr = etree.Element(W.numPr)
        insert_numpr(ppr, numpr)
    for tag, value in ((W.ilvl, str(ilvl)), (W.numId, num_id)):
        el = numpr.find(tag)
        if el is None:
            el = etree.SubElement(numpr, tag)
        el.set(W.val, value)
    ilvl_el = numpr.find(W.ilvl)
    numpr.remove(ilvl_el)
    numpr.insert(0, ilvl_el)  # CT_NumPr: ilvl before numId


def _set_format(lvl: etree._Element | None, ilvl: int, fmt: str, start: int) -> None:
    if lvl is None:
        raise ValueError(f"the list defines no level {ilvl + 1}")
    # A w14 number format sits in mc:AlternateContent; the plain w:numFmt now says it all.
    for alternate in [c for c in lvl if etree.QName(c).localname == "AlternateContent"]:
        lvl.remove(alternate)
    start_el = lvl.find(W.start)
    if start_el is None:
        start_el = etree.Element(W.start)
        lvl.insert(0, start_el)
    start_el.set(W.val, str(start))
    num_fmt = lvl.find(W.numFmt)
    if num_fmt is None:
        num_fmt = etree.Element(W.numFmt)
        start_el.addnext(num_fmt)
    for attr in list(num_fmt.attrib):
        del num_fmt.attrib[attr]
    num_fmt.set(W.val, fmt)
    text = lvl.find(W.lvlText)
    placeholder = f"%{ilvl + 1}"
    if text is None:
        text = etree.Element(W.lvlText)
        num_fmt.addnext(text)
    # The copy counts only this level, so a text drawing other levels too ("%1.%2") would
    # show their unused counters; then the number is drawn alone, in brackets.
    written = text.get(W.val) or ""
    if placeholder not in written or set(_PLACEHOLDER.findall(written)) != {placeholder}:
        text.set(W.val, f"({placeholder})")


_PLACEHOLDER = re.compile(r"%[1-9]")


def _level(abstract: etree._Element, ilvl: int) -> etree._Element | None:
    return next((lvl for lvl in abstract.findall(W.lvl) if lvl.get(W.ilvl) == str(ilvl)), None)


def _find(root: etree._Element, tag: str, attr: str, value: str) -> etree._Element | None:
    return next((el for el in root.findall(tag) if el.get(attr) == value), None)


def _next_id(root: etree._Element, tag: str, attr: str) -> int:
    ids = [int(v) for v in (el.get(attr) for el in root.findall(tag)) if v is not None and v.isdigit()]
    return max(ids, default=0) + 1


def _insert_after_last(root: etree._Element, tag: str, el: etree._Element) -> None:
    """Schema order: every w:abstractNum before every w:num."""
    same = root.findall(tag)
    if same:
        same[-1].addnext(el)
    elif tag == W.abstractNum and root.find(W.num) is not None:
        root.find(W.num).addprevious(el)  # type: ignore[union-attr]
    else:
        root.append(el)

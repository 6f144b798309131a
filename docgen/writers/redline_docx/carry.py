"""What OLD content needs to live in NEW's package: list definitions, relationships and the
parts they reach, notes, and ids that must not clash.

Deleted text, rows and paragraphs of the redline are copies of OLD's XML, but the redline is
NEW's package: OLD's numIds, r:ids and note ids mean nothing there until translated.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from typing import Callable

from docgen.limits import Limits
from docgen.ooxml.content import ENDNOTE_REF, FOOTNOTE_REF
from docgen.ooxml.element import Element, child, clone, is_element
from docgen.ooxml.lists.list_import import import_list, list_drawings, paragraph_num_ids
from docgen.ooxml.ns import NS, W, qn
from docgen.ooxml.package_parts import tree_to_edit
from docgen.ooxml.parts import PartImporter, related_part, serialise

_R_NS = NS["r"]
_W14 = NS["w14"]
# Annotations that belong to OLD's package and cannot travel into NEW's: their ids would
# clash with or dangle in NEW's (comments are carried, not compared: OLD's marks go).
_STRIP_FROM_OLD = {
    qn("w:bookmarkStart"),
    qn("w:bookmarkEnd"),
    qn("w:commentRangeStart"),
    qn("w:commentRangeEnd"),
    qn("w:permStart"),
    qn("w:permEnd"),
}
_RUNS_TO_DROP_FROM_OLD = {qn("w:commentReference")}
_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_DOCPR_ID = re.compile(rb"<(?:\w+:)?docPr\b[^>]*?\sid=\"(\d{1,9})\"")


class Carrier:
    """Makes copies of OLD content safe to live in NEW's package."""

    def __init__(self, old_parts: dict[str, bytes], target: dict[str, bytes], numbering: "Numbering", limits: Limits):
        self.importer = PartImporter(old_parts, target, limits)
        self.numbering = numbering
        # Drawing object ids (wp:docPr/@id) must be unique in a document, or Word reports
        # unreadable content: OLD's drawings get ids above every one NEW uses.
        used = [int(m) for name, data in target.items() if name.startswith("word/") and name.endswith(".xml") and b"docPr" in data for m in _DOCPR_ID.findall(data)]
        self.next_drawing_id = max(used + [0]) + 1
        # (kind, old note id) -> id of the note copied into NEW's notes part; set by the notes story.
        self.carry_note: Callable[[str, str], str | None] | None = None

    def copy(self, el: Element, old_part: str, new_part: str) -> Element:
        twin = clone(el)
        self.adopt(twin, old_part, new_part)
        return twin

    def adopt(self, twin: Element, old_part: str, new_part: str) -> None:
        """Translate, in place, a copy of OLD content from `old_part` for `new_part`."""
        for tag in _STRIP_FROM_OLD:
            for x in list(twin.iter(tag)):
                _remove(x)
        for r in list(twin.iter(W.r)):
            if any(r.find(t) is not None for t in _RUNS_TO_DROP_FROM_OLD):
                _remove(r)
        for ref in list(twin.iter(FOOTNOTE_REF, ENDNOTE_REF)):
            kind = "footnote" if ref.tag == FOOTNOTE_REF else "endnote"
            new_id = self.carry_note(kind, ref.get(W.id) or "") if self.carry_note is not None else None
            if new_id is None:
                _remove(ref)  # OLD's note cannot be found: a reference to nothing would be worse
            else:
                ref.set(W.id, new_id)
        for p in twin.iter(W.p):
            for attr in ("paraId", "textId"):
                p.attrib.pop(f"{{{_W14}}}{attr}", None)
            sect = p.find(f"{W.pPr}/{W.sectPr}")
            if sect is not None:
                sect.getparent().remove(sect)
        for pr in twin.iter(_DOCPR):
            pr.set("id", str(self.next_drawing_id))
            self.next_drawing_id += 1
        self.numbering.map_tree(twin)
        self.import_refs(twin, old_part, new_part)

    def import_refs(self, el: Element, old_part: str, new_part: str) -> None:
        for node in el.iter():
            if not is_element(node):
                continue
            for attr, value in list(node.attrib.items()):
                if attr.startswith(f"{{{_R_NS}}}"):
                    node.set(attr, self.importer.rel_id(old_part, value, new_part))

    def write(self) -> None:
        self.importer.write()


class Numbering:
    """Old numIds in carried-over OLD properties, translated to NEW's lists (or imported).

    An OLD list maps onto a NEW list only when the two draw the same numbers (same num and
    abstractNum definitions); when the definition changed between the versions, OLD's
    definition travels into the redline under fresh ids, so the w:pPrChange of each of its
    paragraphs points at it and rejecting every change draws OLD's numbers exactly.
    """

    def __init__(self, old_parts: dict[str, bytes], old_main: str, new_parts: dict[str, bytes], new_main: str, pairs: list[tuple[Element, Element]], roots: tuple[Element, Element], limits: Limits):
        """`pairs` are aligned (OLD, NEW) paragraphs of the main parts' trees `roots`."""
        self.old_part = _numbering_part(old_parts, old_main)
        self.new_part = _numbering_part(new_parts, new_main)
        self.old_xml = tree_to_edit(old_parts, self.old_part, limits) if self.old_part in old_parts else None
        self.new_xml = tree_to_edit(new_parts, self.new_part, limits) if self.new_part in new_parts else None
        self.changed = False
        self.map: dict[str, str] = {}
        self.own: dict[Element, str | None] = {}  # the numId each OLD paragraph's own properties give
        if self.old_xml is None or self.new_xml is None:
            return
        old_defs = list_drawings(self.old_xml)
        new_defs = list_drawings(self.new_xml)
        by_def: dict[str, str] = {}
        for nid, d in new_defs.items():
            by_def.setdefault(d, nid)
        votes: dict[str, Counter] = {}
        own = self.own = paragraph_num_ids(roots[0])
        theirs = paragraph_num_ids(roots[1])
        for old_p, new_p in pairs:
            o = own.get(old_p)
            n = theirs.get(new_p)
            if o is not None and n is not None:
                tally = votes.get(o)
                if tally is None:
                    tally = votes[o] = Counter()
                tally[n] += 1
        for nid, d in old_defs.items():
            voted = [n for n, _ in votes[nid].most_common()] if nid in votes else []
            # The list its paragraphs went to, else the same numId, when it draws the same numbers.
            same = [n for n in [*voted, nid] if new_defs.get(n) == d]
            if same:
                self.map[nid] = same[0]
            elif d in by_def:
                self.map[nid] = by_def[d]

    def keeps_ppr(self, old_p: Element) -> bool:
        """Whether `mapped_ppr` gives OLD paragraph `old_p`'s own properties back as they are
        (no numId, or one that maps to itself), from the numIds read for the vote. It asks
        `_target` what `mapped_ppr` would ask first, so lists are imported in the same order."""
        if self.old_xml is None or self.new_xml is None:
            return True
        v = self.own.get(old_p)
        return v is None or v == "0" or self._target(v) == v

    def mapped_ppr(self, ppr: Element | None) -> Element | None:
        """OLD's paragraph properties with NEW's numIds; the element itself when nothing maps."""
        if ppr is None:
            return None
        numpr = child(ppr, W.numPr)
        num_id = child(numpr, W.numId) if numpr is not None else None
        v = num_id.get(W.val) if num_id is not None else None
        if v is None or v == "0" or self._target(v) == v:
            return ppr
        twin = clone(ppr)
        self.map_tree(twin)
        return twin

    def map_tree(self, el: Element) -> None:
        for num_id in el.iter(W.numId):
            v = num_id.get(W.val)
            if v is None or v == "0":
                continue
            num_id.set(W.val, self._target(v))

    def _target(self, old_id: str) -> str:
        if old_id in self.map:
            return self.map[old_id]
        if self.old_xml is None or self.new_xml is None:
            return old_id
        self.map[old_id] = self._import(old_id)
        return self.map[old_id]

    def _import(self, old_id: str) -> str:
        """Copy an OLD list definition NEW lacks, under fresh ids, so rejected text keeps its numbers."""
        new_id = import_list(self.old_xml, self.new_xml, old_id)
        if new_id is None:
            return old_id
        self.changed = True
        return new_id

    def write(self, parts: dict[str, bytes]) -> None:
        if self.changed and self.new_xml is not None:
            parts[self.new_part] = serialise(self.new_xml)


def _remove(el: Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _numbering_part(parts: dict[str, bytes], main: str) -> str:
    return related_part(parts, main, "numbering") or posixpath.join(posixpath.dirname(main), "numbering.xml")

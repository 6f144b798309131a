"""Revision elements: their names, their id/author/date attributes, property changes and
move ranges.

Ids are unique across a whole package (Word pairs range starts with their ends by id, and
refuses a document whose annotation ids clash), so one `Marks` hands them out for every
story of a redline, starting above every id the package already uses.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from lxml import etree

from docgen.ooxml.element import XML_NS, Element, clone
from docgen.ooxml.ns import DEL, DEL_INSTR, DEL_TEXT, INS, MOVE_FROM, MOVE_TO, NS, PPR_CHANGE, RPR_CHANGE, W, qn

# INS, DEL, MOVE_FROM, ... are declared in docgen.ooxml.ns; the writers take them from here too.
XML_SPACE = XML_NS + "space"
# Revision elements that carry an id of the revision sequence.
_REVISION_TAGS = (INS, DEL, MOVE_FROM, MOVE_TO, PPR_CHANGE, RPR_CHANGE, qn("w:moveFromRangeStart"), qn("w:moveToRangeStart"))
# What a property change cannot hold (§17.13.5.29, §17.13.5.31): the mark's own run
# properties, section properties (they have their own w:sectPrChange) and nested changes.
PPR_CHANGE_SKIP = frozenset({W.rPr, W.sectPr, PPR_CHANGE})
_RPR_CHANGE_SKIP = frozenset({RPR_CHANGE, INS, DEL})
# Revision children a run's properties may hold that a copy of them must not repeat.
_RPR_REVISIONS = (RPR_CHANGE, INS, DEL, MOVE_FROM, MOVE_TO)


@dataclass
class Marks:
    """Makes revision elements with unique ids, in the order the redline is written."""

    author: str
    date: str
    next_id: int = 1

    def attrs(self) -> dict[str, str]:
        out = {W.id: str(self.next_id), W.author: self.author, W.date: self.date}
        self.next_id += 1
        return out

    def make(self, tag: str) -> Element:
        el = etree.Element(tag)
        for k, v in self.attrs().items():
            el.set(k, v)
        return el

    def renumber(self, el: Element) -> None:
        """Fresh ids for the revisions inside a copy (a text box's fallback twin)."""
        for node in el.iter(*_REVISION_TAGS):
            if node.get(W.id) is not None:
                node.set(W.id, str(self.next_id))
                self.next_id += 1


def largest_id(root: Element) -> int:
    """The largest numeric w:id anywhere in the tree (0 if none): revision ids start above it."""
    values = root.xpath("//@w:id", namespaces={"w": NS["w"]})
    return max((int(v) for v in values if v.isdigit()), default=0)


def property_change(marks: Marks, change_tag: str, props_tag: str, old: Element | None, skip: Collection[str]) -> Element:
    """A property-change mark (w:pPrChange, w:rPrChange) holding a copy of OLD's properties,
    less the children that a change cannot carry (`skip`)."""
    change = marks.make(change_tag)
    inner = etree.SubElement(change, props_tag)
    if old is not None:
        for c in old:
            if isinstance(c.tag, str) and c.tag not in skip:
                inner.append(clone(c))
    return change


def rpr_change(marks: Marks, old_rpr: Element | None) -> Element:
    """A w:rPrChange holding OLD's run properties."""
    return property_change(marks, RPR_CHANGE, W.rPr, old_rpr, _RPR_CHANGE_SKIP)


def clean_rpr(rpr: Element) -> Element:
    """A copy of run properties without the revisions they hold, for a run made from them."""
    twin = clone(rpr)
    for c in list(twin):
        if c.tag in _RPR_REVISIONS:
            twin.remove(c)
    return twin


def mark_move_range(marks: Marks, first: Element, last: Element, side: str, name: str) -> None:
    """Range markers around the paragraphs `first`..`last` of a move (`side` "from" or "to"),
    named as Word names them ("move1"), so the two ends of a move pair up."""
    start = marks.make(qn(f"w:move{side.capitalize()}RangeStart"))
    start.set(W.name, name)
    end = etree.Element(qn(f"w:move{side.capitalize()}RangeEnd"))
    end.set(W.id, start.get(W.id))
    ppr = first.find(W.pPr)
    if ppr is not None:
        ppr.addnext(start)
    else:
        first.insert(0, start)
    last.append(end)

"""Tracked insertion, deletion and moves of a content control's (or custom XML element's) own
markup: the `w:customXml{Ins,Del,MoveFrom,MoveTo}RangeStart`/`End` pairs of ECMA-376 Part 1
§17.13.5.

A content control's start and end tags cannot sit inside one `w:del`, so Word marks a removed
control by a range that encloses its start tag (and one that encloses its end tag, or a single
range around the whole control). The range says nothing about the control's content, which
keeps its own `w:ins`/`w:del` marks; it says that the markup itself went (or came). So
accepting a deletion, or rejecting an insertion, takes the control away and leaves what it
held in its place; the opposite keeps the control and only the markers go. Word writes these
ranges for content controls as well as for custom XML elements (MS-OI29500 §2.1.321).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from docgen.ooxml.ns import W, qn
from docgen.ooxml.revisions.elements import drop_element, keep_tail

_CUSTOM_XML = qn("w:customXml")
_WRAPPERS = (W.sdt, _CUSTOM_XML)
_KINDS = ("Ins", "Del", "MoveFrom", "MoveTo")
_STARTS = {qn(f"w:customXml{k}RangeStart"): k for k in _KINDS}
_ENDS = {qn(f"w:customXml{k}RangeEnd"): k for k in _KINDS}
# Which kinds of range take the markup away: a deletion (or the old place of a move) once
# accepted, an insertion (or the new place of a move) once rejected.
_REMOVED_ON_ACCEPT = {"Del", "MoveFrom"}
_REMOVED_ON_REJECT = {"Ins", "MoveTo"}


@dataclass(frozen=True)
class _Range:
    kind: str
    start: int  # document-order position of the start marker
    end: int  # ...and of its end marker


def tracked_markup(root: etree._Element, *, accept: bool) -> bool:
    """Apply every custom XML markup range under `root`; True when any marker was found.

    Wrappers whose start or end tag lies inside a range that removes markup are unwrapped
    (their content stays where it was); every marker goes. A marker without its partner is
    dropped and taken to mark nothing, which the standard allows for an unmatched end and
    is the cautious reading for an unmatched start.
    """
    order = {el: i for i, el in enumerate(root.iter())}
    markers = [el for el in root.iter(*_STARTS, *_ENDS)]
    if not markers:
        return False
    removing = _REMOVED_ON_ACCEPT if accept else _REMOVED_ON_REJECT
    ranges = [r for r in _pair(markers, order) if r.kind in removing]
    if ranges:
        last = _last_positions(root, order)
        going = [el for el in root.iter(*_WRAPPERS) if any(_covers(r, order[el], last[el]) for r in ranges)]
        for el in reversed(going):  # innermost first: an outer wrapper unwraps what it then holds
            _unwrap_markup(el)
    for el in markers:
        drop_element(el)
    return True


def _pair(markers: list[etree._Element], order: dict[etree._Element, int]) -> list[_Range]:
    """Each start with the first later end of the same kind and id, in document order."""
    open_starts: dict[tuple[str, str | None], list[int]] = {}
    ranges: list[_Range] = []
    for el in markers:
        key = (_STARTS.get(el.tag) or _ENDS[el.tag], el.get(qn("w:id")))
        if el.tag in _STARTS:
            open_starts.setdefault(key, []).append(order[el])
        elif open_starts.get(key):
            ranges.append(_Range(key[0], open_starts[key].pop(0), order[el]))
    return ranges


def _last_positions(root: etree._Element, order: dict[etree._Element, int]) -> dict[etree._Element, int]:
    """For each wrapper, the position of the last node inside it: its end tag comes just after."""
    last: dict[etree._Element, int] = {}
    for el in root.iter(*_WRAPPERS):
        final = el
        while len(final):
            final = final[-1]
        last[el] = order[final]
    return last


def _covers(r: _Range, start_tag: int, last_inside: int) -> bool:
    """The range holds the wrapper's start tag, or its end tag (just after `last_inside`)."""
    return r.start < start_tag < r.end or r.start <= last_inside < r.end


def _unwrap_markup(el: etree._Element) -> None:
    """Put what the content control (or custom XML element) holds in its place, without it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tag == W.sdt:
        content = el.find(W.sdtContent)
        children = list(content) if content is not None else []
    else:
        children = [c for c in el if c.tag != qn("w:customXmlPr")]
    idx = parent.index(el)
    for child in children:
        parent.insert(idx, child)
        idx += 1
    keep_tail(el)
    parent.remove(el)

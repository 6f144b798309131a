"""Counting the tracked changes a version already holds, before the redline accepts them.

The redline compares versions, not drafts, so pending revisions in OLD or NEW are accepted
first and the command says how many there were. The count is of revisions a reader would
see as changes (§17.13.5): insertions, deletions, moves, property changes and cell
insertions or deletions, a content control's markup inserted or deleted, in any story, not the `w:ins` a list's numbering properties may hold.
"""

from __future__ import annotations

from collections.abc import Mapping

from docgen.limits import Limits
from docgen.ooxml.ns import CELL_DEL, CELL_INS, SECT_PR_CHANGE, W, qn
from docgen.ooxml.package_parts import ParsedParts, shared_tree
from docgen.ooxml.revisions import revision_parts
from docgen.ooxml.tracked.marks import DEL, INS, MOVE_FROM, MOVE_TO, PPR_CHANGE, RPR_CHANGE

_PENDING = (
    INS,
    DEL,
    MOVE_FROM,
    MOVE_TO,
    PPR_CHANGE,
    RPR_CHANGE,
    SECT_PR_CHANGE,
    qn("w:tblPrChange"),
    qn("w:trPrChange"),
    qn("w:tcPrChange"),
    CELL_INS,
    CELL_DEL,
    # a content control's own markup inserted, deleted or moved: the start of its range
    qn("w:customXmlInsRangeStart"),
    qn("w:customXmlDelRangeStart"),
    qn("w:customXmlMoveFromRangeStart"),
    qn("w:customXmlMoveToRangeStart"),
)
# A revision element always has attributes (w:id, w:author), so its start tag has a space.
_HINTS = (b":ins ", b":del ", b"PrChange ", b":moveFrom ", b":cellIns ", b":cellDel ", b"RangeStart ")


def pending_revisions(parts: Mapping[str, bytes], limits: Limits | None = None) -> int:
    """How many tracked changes a version already holds in its stories."""
    limits = limits or Limits.from_env()
    count = 0
    kept = parts if isinstance(parts, ParsedParts) else None
    for name in revision_parts(parts):
        # A tree already parsed is asked first: lxml skips tags no parsed document named, so
        # a part without a revision element costs nothing, where the hints scan its bytes.
        tree = kept.tree(name) if kept is not None and kept.parsed(name) else None
        if tree is not None and next(tree.iter(*_PENDING), None) is None:
            continue  # nothing to count, whatever the bytes mention
        data = parts[name]
        if not any(mark in data for mark in _HINTS):
            continue
        root = tree if tree is not None else shared_tree(parts, name, limits)  # read only: the reader's tree when it kept one
        count += sum(1 for el in root.iter(*_PENDING) if el.getparent() is None or el.getparent().tag != W.numPr)
    return count

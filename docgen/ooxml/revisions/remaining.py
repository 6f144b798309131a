"""Finding tracked-change markup left anywhere in a WordprocessingML package.

`docgen accept` and `docgen reject` check their own output with this before writing it:
after accepting or rejecting everything, no revision element may remain in any part. The
list is ECMA-376 Part 1 §17.13 (annotations) read on its own, deliberately not the
transform's tables, so a part or an element the transform overlooks is caught here rather
than shipped as a "clean" document that still holds tracked changes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Mapping

from docgen.limits import Limits
from docgen.ooxml.ns import NS
from docgen.ooxml.package import parse_xml

# §17.13.5 (revisions) plus the deleted-text elements of §17.3.3, which only a deletion holds.
REVISION_ELEMENTS = frozenset(
    {
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
        "pPrChange",
        "rPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
        "tblGridChange",
        "tblPrExChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
        "delText",
        "delInstrText",
    }
)

# A cheap first look, so parts without any candidate name are never parsed.
_CANDIDATE = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(?:" + b"|".join(n.encode() for n in sorted(REVISION_ELEMENTS, key=len, reverse=True)) + rb")[\s/>]"
)


@dataclass(frozen=True)
class LeftRevision:
    """Tracked-change elements of one kind still present in one part."""

    part: str
    element: str  # "w:ins", "w:cellMerge", ...
    count: int


def remaining_revisions(parts: Mapping[str, bytes], limits: Limits | None = None) -> list[LeftRevision]:
    """Every revision element still present in any XML part of the package, by part and kind."""
    limits = limits or Limits.from_env()
    w = NS["w"]
    found: list[LeftRevision] = []
    for name in sorted(parts):
        data = parts[name]
        if not _looks_like_xml(name, data) or _CANDIDATE.search(data) is None:
            continue
        root = parse_xml(data, name, limits)
        counts: Counter[str] = Counter()
        for el in root.iter():
            tag = el.tag
            if isinstance(tag, str) and tag.startswith("{" + w + "}"):
                local = tag[len(w) + 2 :]
                if local in REVISION_ELEMENTS:
                    counts[local] += 1
        found.extend(LeftRevision(name, f"w:{local}", n) for local, n in sorted(counts.items()))
    return found


def _looks_like_xml(name: str, data: bytes) -> bool:
    return name.lower().endswith((".xml", ".rels")) or data.lstrip()[:5] == b"<?xml"


def describe(left: list[LeftRevision], limit: int = 4) -> str:
    """'word/document.xml: 2 w:cellMerge; word/header1.xml: 1 w:ins' (first few kinds)."""
    shown = "; ".join(f"{r.part}: {r.count} {r.element}" for r in left[:limit])
    more = len(left) - limit
    return shown + (f"; and {more} more" if more > 0 else "")

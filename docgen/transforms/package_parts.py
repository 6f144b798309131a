"""Office packages as name -> bytes maps, for the transforms that edit a few parts.

The package format itself lives in `docgen.ooxml.parts`; these names are kept for the
transforms that import them from here, with the `source` argument naming the file in errors.
"""

from __future__ import annotations

from typing import Mapping

from docgen.ooxml import parts as _opc
from docgen.ooxml.parts import CONTENT_TYPES, PACKAGE_RELS, package_bytes, read_parts, serialise, xml_part

__all__ = ["CONTENT_TYPES", "PACKAGE_RELS", "package_bytes", "part_relationships", "read_parts", "related_part", "serialise", "xml_part"]


def part_relationships(parts: Mapping[str, bytes], part: str, source: str) -> dict[str, str]:
    """Relationship id -> target part name for one part (targets resolved against its folder)."""
    return _opc.part_relationships(parts, part)


def related_part(parts: Mapping[str, bytes], part: str, kind: str, source: str) -> str | None:
    """The part a relationship of type `.../kind` (numbering, styles, footnotes) points at."""
    return _opc.related_part(parts, part, kind)

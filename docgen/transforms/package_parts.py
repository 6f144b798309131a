"""Office packages as name -> bytes maps: read safely, edited part by part, zipped reproducibly.

Transforms that change a few XML parts of a .docx or .xlsx keep every other part byte for
byte, which is what keeps Word's and Excel's own formatting, themes and settings intact.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path
from typing import Mapping

from lxml import etree

from docgen.limits import Limits
from docgen.ooxml.ns import NS
from docgen.ooxml.package import Package, parse_xml
from docgen.zipdet import normalise_zip

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"


def read_parts(path: str | Path, *, kind: str, limits: Limits | None = None) -> dict[str, bytes]:
    """Every file entry of a package, through the vetted reader (zip bombs, unsafe names...)."""
    with Package(Path(path), limits, kind=kind) as pkg:
        return {name: pkg.read(name) for name in sorted(pkg.names) if not name.endswith("/")}


def package_bytes(parts: Mapping[str, bytes]) -> bytes:
    """The package zipped in a fixed order (content types first, as Office writes them)."""
    first = [n for n in (CONTENT_TYPES, PACKAGE_RELS) if n in parts]
    order = first + sorted(n for n in parts if n not in first)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in order:
            zf.writestr(name, parts[name])
    return normalise_zip(buf.getvalue())


def xml_part(parts: Mapping[str, bytes], name: str, source: str) -> etree._Element:
    return parse_xml(parts[name], f"{source} [{name}]", Limits.from_env())


_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def serialise(root: etree._Element) -> bytes:
    """A part as Office writes it: UTF-8 with the standalone declaration."""
    return _DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


def part_relationships(parts: Mapping[str, bytes], part: str, source: str) -> dict[str, str]:
    """Relationship id -> target part name for one part (targets resolved against its folder)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    out: dict[str, str] = {}
    if rels_name not in parts:
        return out
    for rel in xml_part(parts, rels_name, source).iter(f"{{{NS['rel']}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = resolved
    return out


def related_part(parts: Mapping[str, bytes], part: str, kind: str, source: str) -> str | None:
    """The part a relationship of type `.../kind` (numbering, styles, footnotes) points at."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in parts:
        return None
    for rel in xml_part(parts, rels_name, source).iter(f"{{{NS['rel']}}}Relationship"):
        if rel.get("Type", "").rsplit("/", 1)[-1] == kind and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            return resolved if resolved in parts else None
    return None

"""Opening a Word document's package: the main part, its body, numbering, styles and core
properties, found through relationships the way Word finds them.

Readers want "the body, the numbering definitions, the title" and not how a package names
them: the main part is wherever `_rels/.rels` points (document-management systems rename it),
numbering and styles wherever the main part's relationships point. Each part is inflated
once; the bytes parsed are the ones kept in `parts`, so the model holds exactly what was read.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docgen.errors import InputError
from docgen.limits import Limits
from docgen.ooxml.ns import NS, WORD_DOC_REL, W, qn
from docgen.ooxml.package import Package, parse_xml
from docgen.ooxml.parts import xml_part

_CORE_PROPERTIES = (("title", "dc:title"), ("subject", "dc:subject"), ("creator", "dc:creator"))


@dataclass
class WordPackage:
    main: str  # the main document part's name
    body: etree._Element  # its w:body
    numbering: etree._Element | None  # the numbering part's root, when there is one
    styles: etree._Element | None
    properties: dict[str, str]  # title, subject, creator from docProps/core.xml, when set
    parts: dict[str, bytes]  # every part of the package, by name, in name order


def open_word_package(path: Path, limits: Limits | None = None) -> WordPackage:
    """Read a .docx; InputError (with what to do) when it is not a Word document."""
    with Package(path, limits, kind="Word document (.docx)") as pkg:
        main = _main_part(pkg)
        read: dict[str, bytes] = {}
        body_root = _xml(pkg, main, read)
        rels = _part_rels(pkg, main)
        numbering = _optional_xml(pkg, rels.get("numbering", "word/numbering.xml"), read)
        styles = _optional_xml(pkg, rels.get("styles", "word/styles.xml"), read)
        core = _optional_xml(pkg, "docProps/core.xml", read)
        parts = {name: read[name] if name in read else pkg.read(name) for name in sorted(pkg.names) if not name.endswith("/")}
    body = body_root.find(W.body)
    if body is None:
        raise InputError(path, f"{main} has no w:body", "the file is not a Word document or is corrupt")
    return WordPackage(main, body, numbering, styles, _core_properties(core), parts)


def last_modified(parts: Mapping[str, bytes], source: str) -> str | None:
    """docProps/core.xml's dcterms:modified as written (ISO 8601), or None."""
    if "docProps/core.xml" not in parts:
        return None
    modified = xml_part(parts, "docProps/core.xml", source).find(qn("dcterms:modified"))
    text = (modified.text or "").strip() if modified is not None else ""
    return text or None


def main_document_part(pkg: Package) -> str | None:
    """The part `_rels/.rels` names as the main document, else word/document.xml if present."""
    if pkg.has("_rels/.rels"):
        for rel in pkg.xml("_rels/.rels").iter(f"{{{NS['rel']}}}Relationship"):
            if rel.get("Type") == WORD_DOC_REL:
                target = rel.get("Target", "").lstrip("/")
                if pkg.has(target):
                    return target
    return "word/document.xml" if pkg.has("word/document.xml") else None


def _main_part(pkg: Package) -> str:
    main = main_document_part(pkg)
    if main is not None:
        return main
    if pkg.has("xl/workbook.xml"):
        raise InputError(pkg.path, "is an Excel workbook, not a Word document", "use it with --dmves or parse it as .xlsx")
    raise InputError(pkg.path, "has no word/document.xml, so it is not a Word document", "give a .docx saved by Word")


def _part_rels(pkg: Package, part: str) -> dict[str, str]:
    """Relationship type suffix ('numbering', 'styles') -> part name, for parts not at their usual names."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    out: dict[str, str] = {}
    if not pkg.has(rels_name):
        return out
    for rel in pkg.xml(rels_name).iter(f"{{{NS['rel']}}}Relationship"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        out.setdefault(kind, posixpath.normpath(posixpath.join(folder, target)).lstrip("/"))
    return out


def _xml(pkg: Package, name: str, read: dict[str, bytes]) -> etree._Element:
    """`pkg.xml(name)`, remembering the inflated bytes in `read`."""
    data = read[name] if name in read else pkg.read(name)
    read[name] = data
    return parse_xml(data, f"{pkg.path} [{name}]", pkg.limits)


def _optional_xml(pkg: Package, name: str, read: dict[str, bytes]) -> etree._Element | None:
    return _xml(pkg, name, read) if pkg.has(name) else None


def _core_properties(core: etree._Element | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if core is None:
        return out
    for key, tag in _CORE_PROPERTIES:
        el = core.find(qn(tag))
        if el is not None and el.text:
            out[key] = el.text.strip()
    return out

"""Opening a Word document's package: the main part, its body, numbering, styles and core
properties, found through relationships the way Word finds them.

Readers want "the body, the numbering definitions, the title" and not how a package names
them: the main part is wherever `_rels/.rels` points (document-management systems rename it),
numbering and styles wherever the main part's relationships point. Each part is inflated
once and parsed at most once: `parts` keeps the bytes and the trees parsed here, so the model
holds exactly what was read and later stages reuse the trees (docgen/ooxml/package_parts.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from docgen.errors import InputError
from docgen.limits import Limits
from docgen.ooxml.ns import STRICT_NS_PREFIX, W, qn
from docgen.ooxml.package import Package
from docgen.ooxml.package_parts import ParsedParts
from docgen.ooxml.parts import find_main_part, main_part, related_part, xml_part

if TYPE_CHECKING:
    from docgen.model import Document

_CORE_PROPERTIES = (("title", "dc:title"), ("subject", "dc:subject"), ("creator", "dc:creator"))


@dataclass
class WordPackage:
    """What a reader needs of an opened .docx, found the way Word finds it."""

    main: str  # the main document part's name
    body: etree._Element  # its w:body
    numbering: etree._Element | None  # the numbering part's root, when there is one
    styles: etree._Element | None
    properties: dict[str, str]  # title, subject, creator from docProps/core.xml, when set
    parts: ParsedParts  # every part of the package, by name, in name order, with the trees parsed here


def open_word_package(path: Path, limits: Limits | None = None) -> WordPackage:
    """Read a .docx; InputError (with what to do) when it is not a Word document."""
    with Package(path, limits, kind="Word document (.docx)") as pkg:
        view, file = pkg.parts(), str(pkg.path)
        main = _main_part(pkg, view)
        numbering_name = related_part(view, main, "numbering", pkg.limits, file=file) or "word/numbering.xml"
        styles_name = related_part(view, main, "styles", pkg.limits, file=file) or "word/styles.xml"
        parts = ParsedParts({name: view[name] for name in view}, file, pkg.limits)
    body_root = parts.tree(main)
    numbering = _optional_xml(parts, numbering_name)
    styles = _optional_xml(parts, styles_name)
    core = _optional_xml(parts, "docProps/core.xml")
    body = body_root.find(W.body)
    if body is None:
        if "xl/workbook.xml" in parts:
            raise InputError(path, "is an Excel workbook, not a Word document", "use it with --dmves or parse it as .xlsx")
        if body_root.tag.startswith("{" + STRICT_NS_PREFIX):
            # ISO/IEC 29500 Strict: the same markup under other namespace names, which Word
            # writes only when asked ("Strict Open XML Document") and docgen does not read.
            raise InputError(path, "is saved as Strict Open XML, which docgen does not read", "open it in Word and save it as 'Word Document (*.docx)'")
        raise InputError(path, f"{main} has no w:body", "the file is not a Word document or is corrupt")
    return WordPackage(main, body, numbering, styles, _core_properties(core), parts)


def document_main_part(doc: Document) -> str:
    """The main part of a document read from a .docx: the one the reader found (kept in the
    model's metadata), else looked up again in its parts."""
    return str(doc.metadata.get("main_part") or main_part(doc.parts or {}))


def last_modified(parts: Mapping[str, bytes], source: str) -> str | None:
    """docProps/core.xml's dcterms:modified as written (ISO 8601), or None."""
    if "docProps/core.xml" not in parts:
        return None
    modified = xml_part(parts, "docProps/core.xml", source).find(qn("dcterms:modified"))
    text = (modified.text or "").strip() if modified is not None else ""
    return text or None


def _main_part(pkg: Package, view: Mapping[str, bytes]) -> str:
    main = find_main_part(view, pkg.limits, file=str(pkg.path))
    if main is not None:
        return main
    if pkg.has("xl/workbook.xml"):
        raise InputError(pkg.path, "is an Excel workbook, not a Word document", "use it with --dmves or parse it as .xlsx")
    raise InputError(pkg.path, "has no word/document.xml, so it is not a Word document", "give a .docx saved by Word")


def _optional_xml(parts: ParsedParts, name: str) -> etree._Element | None:
    return parts.tree(name) if name in parts else None


def _core_properties(core: etree._Element | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if core is None:
        return out
    for key, tag in _CORE_PROPERTIES:
        el = core.find(qn(tag))
        if el is not None and el.text:
            out[key] = el.text.strip()
    return out

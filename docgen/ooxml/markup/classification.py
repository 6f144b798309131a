"""A security classification ("DCC Public") in the footer of every page of a .docx.

Published documents carry their classification on every page, in Word and in the PDF
made from it. The footer is the place readers look for it and the one place Word repeats
on every page without touching the body, so the text a lint or a redline reads is left
exactly as it was. Footers the document already has keep their content and get the
classification as one more paragraph; a document without footers gets one, referenced
from its first section (later sections inherit it, as Word does). A document whose header
or footer already shows the classification, and one stamped before, is left as it is.
"""

from __future__ import annotations

import posixpath
from typing import Mapping

from lxml import etree

from docgen.ooxml.ns import NS, qn

FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
FOOTER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
_NEW_FOOTER = "word/footer-classification.xml"
_NEW_REL_ID = "rIdDocgenClassification"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False)
    return etree.fromstring(data, parser)


def _serialise(root: etree._Element) -> bytes:
    return _DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


def _paragraph(text: str) -> etree._Element:
    """A centred paragraph in a small grey font: the classification line."""
    p = etree.Element(qn("w:p"))
    ppr = etree.SubElement(p, qn("w:pPr"))
    etree.SubElement(ppr, qn("w:jc")).set(qn("w:val"), "center")
    r = etree.SubElement(p, qn("w:r"))
    rpr = etree.SubElement(r, qn("w:rPr"))
    etree.SubElement(rpr, qn("w:color")).set(qn("w:val"), "595959")
    etree.SubElement(rpr, qn("w:sz")).set(qn("w:val"), "16")
    t = etree.SubElement(r, qn("w:t"))
    t.text = text
    return p


def _text_of(root: etree._Element) -> str:
    return "".join(t.text or "" for t in root.iter(qn("w:t")))


def _targets(rels: etree._Element) -> dict[str, str]:
    out = {}
    for rel in rels.iter(f"{{{NS['rel']}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        out[rel.get("Id", "")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("word", target))
    return out


def stamp_classification(parts: Mapping[str, bytes], text: str) -> dict[str, bytes]:
    """The package's parts with `text` in the footer of every page (see the module docstring)."""
    out = dict(parts)
    if not text or DOCUMENT not in out:
        return out
    document = _parse(out[DOCUMENT])
    rels = _parse(out[DOCUMENT_RELS]) if DOCUMENT_RELS in out else etree.Element(f"{{{NS['rel']}}}Relationships", nsmap={None: NS["rel"]})
    targets = _targets(rels)
    if _already_carries(out, rels, targets, text):
        return out
    stamped: set[str] = set()
    has_default = False
    changed_document = False
    sections = list(document.iter(qn("w:sectPr")))
    for sect in sections:
        refs = sect.findall(qn("w:footerReference"))
        for ref in refs:
            part = targets.get(ref.get(qn("r:id")) or "")
            if part is None or part not in out or part in stamped:
                continue
            footer = _parse(out[part])
            if text not in _text_of(footer):
                footer.append(_paragraph(text))
                out[part] = _serialise(footer)
            stamped.add(part)
        if any((ref.get(qn("w:type")) or "default") == "default" for ref in refs):
            has_default = True
        elif not has_default and sect is sections[0]:
            _add_footer(out, rels, sect, text)
            changed_document = True
            has_default = True
    if not sections:  # a body without sectPr: give it one, holding the footer
        body = document.find(qn("w:body"))
        if body is not None:
            sect = etree.SubElement(body, qn("w:sectPr"))
            _add_footer(out, rels, sect, text)
            changed_document = True
    if changed_document:
        out[DOCUMENT] = _serialise(document)
        out[DOCUMENT_RELS] = _serialise(rels)
    return out


def _already_carries(parts: Mapping[str, bytes], rels: etree._Element, targets: dict[str, str], text: str) -> bool:
    """A header or footer already says it (the source documents put it in their header)."""
    kinds = (FOOTER_REL, FOOTER_REL.replace("footer", "header"))
    for rel in rels.iter(f"{{{NS['rel']}}}Relationship"):
        part = targets.get(rel.get("Id", ""))
        if rel.get("Type") in kinds and part in parts and text in _text_of(_parse(parts[part])):
            return True
    return False


def _add_footer(parts: dict[str, bytes], rels: etree._Element, sect: etree._Element, text: str) -> None:
    footer = etree.Element(qn("w:ftr"), nsmap={"w": NS["w"], "r": NS["r"]})
    footer.append(_paragraph(text))
    parts[_NEW_FOOTER] = _serialise(footer)
    rel = etree.SubElement(rels, f"{{{NS['rel']}}}Relationship")
    rel.set("Id", _NEW_REL_ID)
    rel.set("Type", FOOTER_REL)
    rel.set("Target", posixpath.basename(_NEW_FOOTER))
    ref = etree.Element(qn("w:footerReference"))
    ref.set(qn("w:type"), "default")
    ref.set(qn("r:id"), _NEW_REL_ID)
    # Header and footer references come first in sectPr (ECMA-376 17.6.17).
    leading = 0
    for child in sect:
        if child.tag in (qn("w:headerReference"), qn("w:footerReference")):
            leading += 1
        else:
            break
    sect.insert(leading, ref)
    types = _parse(parts[CONTENT_TYPES])
    name = "/" + _NEW_FOOTER
    if not any(o.get("PartName") == name for o in types.iter(f"{{{NS['ct']}}}Override")):
        override = etree.SubElement(types, f"{{{NS['ct']}}}Override")
        override.set("PartName", name)
        override.set("ContentType", FOOTER_CT)
        parts[CONTENT_TYPES] = _serialise(types)


def stamp_docx(data: bytes, text: str) -> bytes:
    """`stamp_classification` on .docx bytes, entry order kept, entry times fixed."""
    import io
    import zipfile

    from docgen.ooxml.parts import normalise_zip

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = [i.filename for i in zf.infolist() if not i.filename.endswith("/")]
        parts = {n: zf.read(n) for n in names}
    stamped = stamp_classification(parts, text)
    if stamped == parts:
        return data
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in names + sorted(set(stamped) - set(names)):
            zf.writestr(name, stamped[name])
    return normalise_zip(buf.getvalue())


__all__ = ["stamp_classification", "stamp_docx"]

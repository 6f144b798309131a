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

from typing import Mapping

from lxml import etree

from docgen.ooxml.ns import NS, qn
from docgen.ooxml.parts import ContentTypes, Relationships, find_main_part, serialise, xml_part

FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
FOOTER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
_NEW_FOOTER = "footer-classification.xml"  # beside the main part
_NEW_REL_ID = "rIdDocgenClassification"
_SOURCE = "the classified document"  # docgen's own output: named so in a parse error


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


def stamp_classification(parts: Mapping[str, bytes], text: str) -> dict[str, bytes]:
    """The package's parts with `text` in the footer of every page (see the module docstring)."""
    out = dict(parts)
    main = find_main_part(out)
    if not text or main is None:
        return out
    document = xml_part(out, main, _SOURCE)
    rels = Relationships.of(out, main)
    targets = {r.id: r.part for r in rels.all() if r.part is not None}
    if _already_carries(out, rels, text):
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
            footer = xml_part(out, part, _SOURCE)
            if text not in _text_of(footer):
                footer.append(_paragraph(text))
                out[part] = serialise(footer)
            stamped.add(part)
        if any((ref.get(qn("w:type")) or "default") == "default" for ref in refs):
            has_default = True
        elif not has_default and sect is sections[0]:
            _add_footer(out, main, rels, sect, text)
            changed_document = True
            has_default = True
    if not sections:  # a body without sectPr: give it one, holding the footer
        body = document.find(qn("w:body"))
        if body is not None:
            sect = etree.SubElement(body, qn("w:sectPr"))
            _add_footer(out, main, rels, sect, text)
            changed_document = True
    if changed_document:
        out[main] = serialise(document)
        rels.write(out)
    return out


def _already_carries(parts: Mapping[str, bytes], rels: Relationships, text: str) -> bool:
    """A header or footer already says it (the source documents put it in their header)."""
    for rel in rels.all():
        if rel.type in (FOOTER_REL, HEADER_REL) and rel.part in parts and text in _text_of(xml_part(parts, rel.part, _SOURCE)):
            return True
    return False


def _add_footer(parts: dict[str, bytes], main: str, rels: Relationships, sect: etree._Element, text: str) -> None:
    footer = etree.Element(qn("w:ftr"), nsmap={"w": NS["w"], "r": NS["r"]})
    footer.append(_paragraph(text))
    folder = main.rsplit("/", 1)[0] + "/" if "/" in main else ""
    parts[folder + _NEW_FOOTER] = serialise(footer)
    rel_id = rels.add(FOOTER_REL, _NEW_FOOTER, wanted_id=_NEW_REL_ID)
    ref = etree.Element(qn("w:footerReference"))
    ref.set(qn("w:type"), "default")
    ref.set(qn("r:id"), rel_id)
    # Header and footer references come first in sectPr (ECMA-376 17.6.17).
    leading = 0
    for child in sect:
        if child.tag in (qn("w:headerReference"), qn("w:footerReference")):
            leading += 1
        else:
            break
    sect.insert(leading, ref)
    types = ContentTypes.of(parts)
    types.declare(folder + _NEW_FOOTER, FOOTER_CT)
    types.write(parts)


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

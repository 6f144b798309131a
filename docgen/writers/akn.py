"""Akoma Ntoso (OASIS LegalDocML) rendering of the clause tree, for `docgen parse --format akn`.

Only the parts of AKN the model carries: hierarchy elements with num, heading and content,
eId on every element and wId where a clause was renumbered.
"""

from __future__ import annotations

from lxml import etree

from docgen.model import Clause, Document

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_ELEMENT = {"section": "section", "clause": "paragraph", "item": "point", "subitem": "point", "subsubitem": "point", "step": "point"}


def _e(tag: str, **attrs: str) -> etree._Element:
    return etree.Element(f"{{{AKN}}}{tag}", {k: v for k, v in attrs.items() if v}, nsmap={None: AKN})


def _clause(c: Clause) -> etree._Element:
    el = _e(_ELEMENT.get(c.kind, "hcontainer"), eId=c.eid, wId=c.wid or "")
    num = etree.SubElement(el, f"{{{AKN}}}num")
    num.text = c.num
    if c.heading:
        h = etree.SubElement(el, f"{{{AKN}}}heading")
        h.text = c.heading
        if c.children:
            for child in c.children:
                el.append(_clause(child))
        return el
    if c.children:
        intro = etree.SubElement(el, f"{{{AKN}}}intro")
        etree.SubElement(intro, f"{{{AKN}}}p").text = c.text
        for child in c.children:
            el.append(_clause(child))
    else:
        content = etree.SubElement(el, f"{{{AKN}}}content")
        etree.SubElement(content, f"{{{AKN}}}p").text = c.text
    return el


def document_akn(doc: Document) -> str:
    root = _e("akomaNtoso")
    act = etree.SubElement(root, f"{{{AKN}}}doc", name=(doc.appendix or "document"))
    meta = etree.SubElement(act, f"{{{AKN}}}meta")
    ident = etree.SubElement(meta, f"{{{AKN}}}identification", source="#docgen")
    etree.SubElement(ident, f"{{{AKN}}}FRBRWork").text = doc.title or ""
    body = etree.SubElement(act, f"{{{AKN}}}mainBody")
    for c in doc.roots:
        body.append(_clause(c))
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")

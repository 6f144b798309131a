"""Custom document properties (docProps/custom.xml): named strings a package carries unseen.

Word and LibreOffice keep them when a user saves the file, which is why a response template
uses them to say which pack it belongs to. The part's XML lives here; python-docx, which
writes the rest of the template, has no API for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

from docgen.ooxml.ns import CUSTOM_PROPS_CT, CUSTOM_PROPS_FMTID, CUSTOM_PROPS_REL, NS, qn

CUSTOM_PART = "docProps/custom.xml"


def custom_properties_xml(values: Mapping[str, str]) -> bytes:
    """The part's bytes: string properties in the given order (pids 0 and 1 are reserved)."""
    items = []
    for pid, (name, value) in enumerate(values.items(), start=2):
        items.append(
            f'<property fmtid="{CUSTOM_PROPS_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
            f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{NS["cup"]}" xmlns:vt="{NS["vt"]}">{"".join(items)}</Properties>'
    )
    return xml.encode("utf-8")


def attach_custom_properties(document: Any, values: Mapping[str, str]) -> None:
    """Give a python-docx document a custom properties part (replacing any it had)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == CUSTOM_PROPS_REL:
            del package.rels[rel.rId]
    part = Part(PackURI("/" + CUSTOM_PART), CUSTOM_PROPS_CT, custom_properties_xml(values), package)
    package.relate_to(part, CUSTOM_PROPS_REL)


def read_custom_properties(root: Any) -> dict[str, str]:
    """Name -> text of the string-like custom properties in a parsed docProps/custom.xml."""
    out: dict[str, str] = {}
    for prop in root.findall(qn("cup:property")):
        name = prop.get("name")
        if not name:
            continue
        value = next(iter(prop), None)
        out[name] = (value.text or "") if value is not None else ""
    return out

"""Finishing Word packages the pack writes: fixed properties, custom markers, fixed zip times.

python-docx keeps whatever created/modified stamps the template carried and docxtpl adds
nothing of its own, so pinning the core properties to the build moment and normalising the
zip is all it takes for two builds to give the same bytes. Custom document properties are
how a response template says which pack it belongs to: Word and LibreOffice keep them when a
respondent saves the form, and they are invisible to the respondent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.sax.saxutils import escape

from docgen.ooxml.ns import CUSTOM_PROPS_CT, CUSTOM_PROPS_FMTID, CUSTOM_PROPS_REL, NS, qn
from docgen.pack.dates import zip_time
from docgen.pack.templates import docx_bytes
from docgen.zipdet import normalise_zip

CUSTOM_PART = "docProps/custom.xml"


def stamp_core(document: Any, *, title: str, moment: dt.datetime, subject: str = "", identifier: str = "") -> None:
    props = document.core_properties
    props.title = title
    props.subject = subject
    props.identifier = identifier
    props.author = "docgen"
    props.last_modified_by = "docgen"
    props.comments = ""
    props.revision = 1
    props.created = moment
    props.modified = moment


def add_custom_properties(document: Any, values: dict[str, str]) -> None:
    """Attach docProps/custom.xml with string properties, in the given order."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == CUSTOM_PROPS_REL:
            del package.rels[rel.rId]
    items = []
    for pid, (name, value) in enumerate(values.items(), start=2):  # pids 0 and 1 are reserved
        items.append(
            f'<property fmtid="{CUSTOM_PROPS_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
            f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{NS["cup"]}" xmlns:vt="{NS["vt"]}">{"".join(items)}</Properties>'
    )
    part = Part(PackURI("/" + CUSTOM_PART), CUSTOM_PROPS_CT, xml.encode("utf-8"), package)
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


def finish_docx(document: Any, moment: dt.datetime) -> bytes:
    """Serialise with fixed zip entry times (the core properties are stamped by the caller)."""
    return normalise_zip(docx_bytes(document), zip_time(moment))

"""Every XML namespace and element name docgen uses, in one place (python-docx's layering).

Code elsewhere writes `W.p` or `qn("w:p")` rather than spelling Clark names by hand, so a
typo is an AttributeError at import time instead of a silent miss in an XPath.
"""

from __future__ import annotations

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "ss": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "cup": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}

WORD_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
CUSTOM_PROPS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_PROPS_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
# The property-set id Word writes for user-defined document properties.
CUSTOM_PROPS_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def qn(tag: str) -> str:
    """'w:p' -> '{http://...main}p'."""
    prefix, local = tag.split(":", 1)
    return "{%s}%s" % (NS[prefix], local)


class _Names:
    """Attribute access to Clark names of one namespace: W.p == qn('w:p')."""

    def __init__(self, prefix: str):
        self._uri = NS[prefix]

    def __getattr__(self, local: str) -> str:
        if local.startswith("__"):
            raise AttributeError(local)
        name = "{%s}%s" % (self._uri, local)
        # Kept on the instance: later lookups are plain attribute reads, not this method
        # (readers and writers look names up in per-element loops).
        setattr(self, local, name)
        return name


W = _Names("w")
R = _Names("r")

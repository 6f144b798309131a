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

# ISO/IEC 29500 Strict puts the same markup under these namespace names instead.
STRICT_NS_PREFIX = "http://purl.oclc.org/ooxml/"

# The main part's content type in a .docx, and in the files Word saves with macros or as a
# template (.docm, .dotx, .dotm), which Word will not open under a .docx name.
DOCUMENT_MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
OTHER_MAIN_CTS = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
VBA_PROJECT_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"

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
    """Clark names of one namespace by attribute, W.p == qn('w:p'), for the listed names only.

    The names are explicit so that a typo (`W.pPR`) is an AttributeError where it is written,
    not a silent new element or an XPath that matches nothing. Add a name here when a new
    element or attribute is needed.
    """

    def __init__(self, prefix: str, names: tuple[str, ...]):
        uri = NS[prefix]
        for local in names:
            setattr(self, local, "{%s}%s" % (uri, local))


# WordprocessingML elements and attributes used through `W.` (the rest go through `qn`).
_W_NAMES = (
    "abstractNum", "abstractNumId", "alignment", "ascii", "author", "b", "basedOn", "body", "br", "caps", "char",
    "color", "cr", "customXml", "date", "default", "delText", "docDefaults", "dstrike", "fldChar",
    "fldCharType", "fldSimple", "format", "gridAfter", "gridBefore", "gridCol", "gridSpan",
    "fill", "hAnsi", "highlight", "hyperlink", "id", "ilvl", "ind", "instr", "instrText", "isLgl", "lang", "leader", "left",
    "lvl", "lvlOverride", "lvlRestart", "lvlText", "moveFrom", "multiLevelType", "name", "nsid",
    "noBreakHyphen", "num", "numFmt", "numId", "numPr", "numStyleLink", "outlineLvl", "p", "pPr",
    "pStyle", "pos", "ptab", "r", "relativeTo", "rFonts", "rPr", "rPrDefault", "sdt", "sdtContent", "sdtEndPr", "sdtPr",
    "sectPr", "shd", "start", "startOverride", "strike", "style", "styleId", "styleLink", "suff", "t",
    "tab", "tabs", "tbl", "tblGrid", "tblPr", "tblW", "tc", "tcPr", "tcW", "tr", "trPr", "type", "u",
    "vMerge", "val", "vanish", "w",
)

W = _Names("w", _W_NAMES)

# The tracked-change elements, declared once here for every module that reads or writes them
# (`del` is a Python keyword, so they are constants rather than `W.` names).
INS, DEL = qn("w:ins"), qn("w:del")
MOVE_FROM, MOVE_TO = W.moveFrom, qn("w:moveTo")
PPR_CHANGE, RPR_CHANGE, SECT_PR_CHANGE = qn("w:pPrChange"), qn("w:rPrChange"), qn("w:sectPrChange")
CELL_INS, CELL_DEL = qn("w:cellIns"), qn("w:cellDel")
DEL_TEXT, DEL_INSTR = W.delText, qn("w:delInstrText")

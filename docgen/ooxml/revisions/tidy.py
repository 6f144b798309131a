"""What Word tidies once the revisions are gone: emptied content controls and hyperlinks,
field codes left outside any field, hollow tables, containers without a closing paragraph."""

from __future__ import annotations

from lxml import etree

from docgen.ooxml.ns import DEL_INSTR, W, qn
from docgen.ooxml.revisions.elements import drop_element
from docgen.ooxml.revisions.tables import row_cells, table_rows

# ----- what Word tidies once the revisions are gone ---------------------------------------

# Markup that is not content: a content control holding only these is empty.
_NOT_CONTENT = {
    qn(f"w:{n}")
    for n in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "proofErr", "permStart", "permEnd")
}


# Wrappers that mean nothing once empty: content controls, hyperlinks, smart tags, custom
# XML. Their own property elements are not content.
_WRAPPERS = (W.sdt, W.hyperlink, qn("w:smartTag"), qn("w:customXml"))
_WRAPPER_PROPS = {W.sdtPr, W.sdtEndPr, qn("w:smartTagPr"), qn("w:customXmlPr")}


def filled_wrappers(root: etree._Element) -> list[etree._Element]:
    """Wrappers that hold something, noted before the revisions are applied."""
    return [el for el in root.iter(*_WRAPPERS) if _has_content(el)]


def _has_content(wrapper: etree._Element) -> bool:
    content = wrapper.find(W.sdtContent) if wrapper.tag == W.sdt else wrapper
    return content is not None and any(isinstance(c.tag, str) and c.tag not in _NOT_CONTENT and c.tag not in _WRAPPER_PROPS for c in content)


def emptied_wrappers(filled: list[etree._Element]) -> None:
    """A content control whose whole content was an insertion now rejected, or a deletion now
    accepted, goes with it, as in Word; one kept empty would show its placeholder instead.
    So does a hyperlink, smart tag or custom XML element left with nothing in it. Innermost
    first, so an outer wrapper emptied by removing an inner one goes too."""
    for el in reversed(filled):
        if el.getparent() is not None and not _has_content(el):
            drop_element(el)


def orphan_field_codes(root: etree._Element) -> None:
    """Field codes and field characters left outside any field once its begin or end went.

    A field is begin, code (w:instrText), separate, result, end, possibly nested. Deleting a
    field in Word marks its characters deleted; a code run the deletion did not cover (Word
    often writes ` \\* MERGEFORMAT ` as a run of its own) would otherwise be left as stray
    text. Accepting or rejecting in Word leaves no such run, so neither does this.
    """
    open_fields: list[list[str]] = []  # one entry per open field: its phase, "code" or "result"
    orphans: list[etree._Element] = []
    for el in root.iter(W.fldChar, W.instrText, DEL_INSTR):
        if el.tag != W.fldChar:
            if not open_fields or open_fields[-1][0] != "code":
                orphans.append(el)
            continue
        kind = el.get(W.fldCharType)
        if kind == "begin":
            open_fields.append(["code"])
        elif kind == "separate":
            if open_fields:
                open_fields[-1][0] = "result"
            else:
                orphans.append(el)
        elif kind == "end":
            if open_fields:
                open_fields.pop()
            else:
                orphans.append(el)
    for el in orphans:
        run = el.getparent()
        drop_element(el)
        if run is not None and run.tag == W.r and not any(isinstance(c.tag, str) and c.tag != W.rPr for c in run):
            drop_element(run)


def hollow_tables(root: etree._Element) -> None:
    """Rows left without cells, then tables left without rows (an emptied content control
    can have held them), go: Word cannot open a table with nothing in it."""
    for tr in [tr for tr in root.iter(W.tr) if not row_cells(tr)]:
        drop_element(tr)
    for tbl in [tbl for tbl in root.iter(W.tbl) if not table_rows(tbl)]:
        drop_element(tbl)


# Containers whose content must end with a paragraph (a cell, a note, a comment, a header...).
_NEEDS_PARAGRAPH = {W.tc, qn("w:footnote"), qn("w:endnote"), qn("w:comment"), qn("w:hdr"), qn("w:ftr"), qn("w:txbxContent")}


def containers_end_with_paragraph(root: etree._Element) -> None:
    """A cell (or note, comment, header...) that lost its last paragraph, or now ends with a
    nested table, gets an empty paragraph, without which Word reports the file as corrupt."""
    for box in root.iter(*_NEEDS_PARAGRAPH):
        blocks = [c for c in box if isinstance(c.tag, str) and c.tag != W.tcPr]
        if not blocks or blocks[-1].tag == W.tbl:
            box.append(etree.Element(W.p))

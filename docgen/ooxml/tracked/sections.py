"""Section changes: page layout in `w:sectPrChange`, and header/footer parts only OLD had.

A section's properties (page size and orientation, margins, columns, title page, line
numbering) are one element, `w:sectPr`. Word records a change to them as a `w:sectPrChange`
holding OLD's properties (§17.13.5.32), last in the section's properties; rejecting restores
them. The record holds no header or footer references (CT_SectPrBase has none): which stories
a section shows is tracked through the stories' own content instead. A header or footer that
only OLD had therefore comes into the redline as OLD's content, deleted, so rejecting brings
it back and accepting leaves nothing to see.
"""

from __future__ import annotations

from docgen.ooxml.element import Element, make
from docgen.ooxml.formatting import canonical
from docgen.ooxml.ns import NS, SECT_PR_CHANGE, W, qn
from docgen.ooxml.tracked.marks import DEL, Marks, property_change
from docgen.ooxml.tracked.wrap import mark_paragraph, mark_table_rows, wrap_runs

HEADER_REF, FOOTER_REF = qn("w:headerReference"), qn("w:footerReference")
# What a section-properties change neither compares nor records.
_NOT_LAYOUT = frozenset({HEADER_REF, FOOTER_REF, SECT_PR_CHANGE})
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_TYPES = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def layout_differs(old_sect: Element | None, new_sect: Element) -> bool:
    """True when the two sections are laid out differently (references aside)."""
    return canonical(old_sect, set(_NOT_LAYOUT)) != canonical(new_sect, set(_NOT_LAYOUT))


def track_layout_change(marks: Marks, old_sect: Element | None, new_sect: Element) -> bool:
    """Record OLD's layout in NEW's section properties when it differs; True when recorded."""
    if new_sect.find(SECT_PR_CHANGE) is not None or not layout_differs(old_sect, new_sect):
        return False
    new_sect.append(property_change(marks, SECT_PR_CHANGE, W.sectPr, old_sect, _NOT_LAYOUT))
    return True


def story_relationship(kind: str) -> str:
    """The relationship type of a 'header' or 'footer' part."""
    return _RELS + kind


def story_content_type(kind: str) -> str:
    return _TYPES + kind + "+xml"


def story_root(kind: str) -> Element:
    """An empty header or footer part's root element."""
    return make("w:hdr" if kind == "header" else "w:ftr", nsmap={"w": NS["w"], "r": NS["r"]})


def mark_story_deleted(root: Element, marks: Marks) -> None:
    """Every block of a story (a copy of OLD's) deleted, except the final paragraph's mark.

    A story must end with a paragraph and its last paragraph mark cannot be deleted (Word and
    LibreOffice both keep it on reject and on accept), so that mark stays as it is: rejecting
    gives OLD's story exactly, accepting leaves one empty paragraph, which shows nothing.
    """
    children = [c for c in root if isinstance(c.tag, str)]
    if not children or children[-1].tag != W.p:
        root.append(make("w:p"))
        children = [c for c in root if isinstance(c.tag, str)]
    last = children[-1]
    for block in children:
        if block is last:
            wrap_runs(block, lambda: marks.make(DEL), deleted=True)
        elif block.tag == W.p:
            mark_paragraph(block, marks, DEL)
        else:  # a table, or a content control around blocks: every row and paragraph in it
            mark_table_rows(block, marks, DEL)


def add_story_reference(sect: Element, kind: str, type_: str, rel_id: str) -> None:
    """A w:headerReference or w:footerReference in a section; references come first in
    CT_SectPr, so the new one goes after the last existing one."""
    ref = make(HEADER_REF if kind == "header" else FOOTER_REF, {"w:type": type_, "r:id": rel_id})
    existing = [c for c in sect if c.tag in (HEADER_REF, FOOTER_REF)]
    if existing:
        existing[-1].addnext(ref)
    else:
        sect.insert(0, ref)

"""Document sections: where a body's first section is set, and a section of its own for
pages put in front of the body (Word keeps a section's settings in the w:sectPr that ends it:
in the last paragraph's properties, or at the end of the body for the last section)."""

from __future__ import annotations

from docgen.ooxml.element import Element, clone, make, sub
from docgen.ooxml.ns import SECT_PR_CHANGE, W, qn
from docgen.ooxml.markup.schema_order import SECT_ORDER, place

_PG_NUM_TYPE = qn("w:pgNumType")


def first_section(body: Element) -> Element | None:
    """The w:sectPr of the body's first section, or None for a document without one."""
    for p in body.iter(W.p):
        sect = p.find(f"{W.pPr}/{W.sectPr}")
        if sect is not None:
            return sect
    return body.find(W.sectPr)


def number_pages(sect: Element, *, start: str, fmt: str | None = None) -> None:
    """Restart the section's page numbers at `start`, in `fmt` ('lowerRoman', ...) if given."""
    pg = sect.find(_PG_NUM_TYPE)
    if pg is None:
        pg = make(_PG_NUM_TYPE)
        place(sect, pg, SECT_ORDER)
    pg.set(qn("w:start"), start)
    if fmt:
        pg.set(qn("w:fmt"), fmt)


def section_end_like(sect: Element, *, page_start: str, page_format: str | None = None) -> Element:
    """A paragraph ending a section with `sect`'s page setup, headers and footers, its pages
    numbered from `page_start` in `page_format`.

    The copy drops the distinct first page (a cover's blank header would recur), the
    section's start type and any tracked change to the section: the new section is plain.
    """
    copy = clone(sect)
    for el in copy.findall(qn("w:titlePg")) + copy.findall(W.type) + copy.findall(SECT_PR_CHANGE):
        copy.remove(el)
    number_pages(copy, start=page_start, fmt=page_format)
    p = make(W.p)
    sub(p, W.pPr).append(copy)
    return p

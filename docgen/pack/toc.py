"""A real table of contents: a Word TOC field whose entries already point at the headings.

A TOC field Word has never updated is empty, and LibreOffice prints the cached result as
it is, so a generated PDF would show no contents. Here the field's result is written out:
one entry per heading, each a hyperlink to a bookmark on its heading with a PAGEREF field
for its page. LibreOffice prints the PAGEREF results as cached too, so the numbers are
written from a layout (below); Word rebuilds the whole field on "Update field" as usual.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable

from docgen.ooxml.markup import toc as word_toc

TOC_INSTRUCTION = word_toc.toc_instruction(1, 2)
ENTRY_STYLES = {"Heading 1": "toc 1", "Heading 2": "toc 2"}


def insert_toc(document: Any, marker: str, *, dirty: bool = False) -> int:
    """Replace the paragraph whose text is `marker` by the TOC of the headings after it.

    Returns the number of entries. The headings are the paragraphs styled Heading 1 and
    Heading 2 that follow the marker; each gets a bookmark `_TocNNNN` (the name Word gives
    its own TOC bookmarks, numbered in document order so rebuilds are identical).
    `dirty` asks Word to rebuild the field on opening, for a document no layout numbered.
    """
    paragraphs = list(document.paragraphs)
    at = next((i for i, p in enumerate(paragraphs) if p.text.strip() == marker), None)
    if at is None:
        return 0
    style_names = [s.name for s in document.styles]
    entries: list[word_toc.TocEntry] = []
    for p in paragraphs[at + 1 :]:
        style = p.style.name if p.style is not None else ""
        if style not in ENTRY_STYLES or not p.text.strip():
            continue
        name = word_toc.bookmark_heading(p._p, len(entries) + 1)
        entry_style = ENTRY_STYLES[style]
        style_id = document.styles[entry_style].style_id if entry_style in style_names else entry_style
        entries.append(word_toc.TocEntry(style_id, p.text.strip(), name))
    word_toc.replace_paragraph(paragraphs[at]._p, word_toc.toc_paragraphs(entries, TOC_INSTRUCTION, dirty=dirty))
    return len(entries)


# ---------------------------------------------------------------------------------------
# Page numbers from a layout
#
# LibreOffice prints a PAGEREF field's cached result rather than working it out on
# conversion, so the build lays the document out, reads on which page each heading landed,
# writes those numbers into the entries, and converts again, until the numbers hold (a
# contents page that grows by a line can push every heading after it).
#
# Where a heading landed is read from the PDF's outline: LibreOffice writes one bookmark per
# heading with the page its layout put it on. Searching the page texts for the heading's
# words instead finds the first line that *starts* with them, and "Attachment 1 of this
# consultation document ..." in Next Steps starts with "Attachment 1": the contents gave
# page 6 for a heading on page 8. The text search is kept only for headings the outline
# lacks (a PDF without one), and then a heading must be whole lines of its own.

MAX_LAYOUTS = 2  # layouts after the first: one with the numbers, one more if they moved the text


@dataclass(frozen=True)
class PdfHeading:
    """One bookmark of a PDF's outline: the heading's text and the page (1-based) it is on."""

    level: int
    title: str
    page: int


def entries(document: Any) -> list[tuple[str, str]]:
    """(bookmark, heading text) of each TOC entry, in order."""
    return word_toc.toc_links(document.element.body)


def set_pages(document: Any, pages: dict[str, int]) -> bool:
    """Write each entry's page number into its PAGEREF field's result; whether any changed."""
    return word_toc.set_pages(document.element.body, pages)


def pdf_outline(pdf: bytes) -> list[PdfHeading]:
    """The PDF's bookmarks in order, each with the page its destination is on."""
    import io

    from pdfminer.pdfdocument import PDFDocument, PDFNoOutlines
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    doc = PDFDocument(PDFParser(io.BytesIO(pdf)))
    page_of = {page.pageid: n for n, page in enumerate(PDFPage.create_pages(doc), start=1)}
    out: list[PdfHeading] = []
    try:
        outline = list(doc.get_outlines())
    except PDFNoOutlines:
        return out
    for level, title, dest, action, _ in outline:
        target = resolve1(dest) if dest is not None else None
        if target is None and action is not None:
            target = resolve1(resolve1(action).get("D"))
        if isinstance(target, (bytes, str)):
            try:
                target = resolve1(doc.get_dest(target))
            except KeyError:
                continue
        if isinstance(target, dict):
            target = resolve1(target.get("D"))
        if isinstance(target, list) and target and getattr(target[0], "objid", None) in page_of:
            out.append(PdfHeading(level, str(title), page_of[target[0].objid]))
    return out


# A heading numbered by a list has its number in the bookmark, not in its text: "4.1 ".
_LIST_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[a-z]\.|\(?[a-z0-9]+\))\s+")


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def outline_pages(outline: list[PdfHeading], headings: list[tuple[str, str]]) -> dict[str, int]:
    """Each entry's page from the outline, entries and bookmarks matched in document order by
    their text (two headings with one text are told apart by their order)."""
    out: dict[str, int] = {}
    at = 0
    for name, heading in headings:
        wanted = _norm(heading)
        for i in range(at, len(outline)):
            title = _norm(outline[i].title)
            if title == wanted or _LIST_NUMBER.sub("", title, count=1) == wanted:
                out[name] = outline[i].page
                at = i + 1
                break
    return out


def text_pages(page_texts: list[str], headings: list[tuple[str, str]]) -> dict[str, int]:
    """For a PDF without an outline: the page (1-based) after the contents on which the
    heading stands as whole lines of its own (it may wrap over up to three), in order."""
    toc_page = next((i for i, text in enumerate(page_texts) if "table of contents" in text.lower()), 0)
    out: dict[str, int] = {}
    page = toc_page + 1
    for name, heading in headings:
        wanted = _norm(heading)
        for p in range(page, len(page_texts)):
            lines = [_norm(line) for line in page_texts[p].splitlines()]
            if any(" ".join(lines[i : i + k]) == wanted for i in range(len(lines)) for k in (1, 2, 3)):
                out[name] = p + 1
                page = p
                break
    return out


def rendered_pages(document: Any, pdf: bytes) -> dict[str, int]:
    """Where each TOC entry's heading is in `pdf`, a layout of `document`."""
    import io

    import pdfplumber

    headings = entries(document)
    found = outline_pages(pdf_outline(pdf), headings)
    if len(found) == len(headings):
        return found
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        texts = [page.extract_text() or "" for page in doc.pages]
    # Headings the outline lacks (none at all without one) are looked for in the text.
    return {**text_pages(texts, headings), **found}


def with_page_numbers(docx: bytes, pdf: bytes, moment: dt.datetime) -> bytes | None:
    """`docx` with its contents' page numbers taken from `pdf`, a layout of it, or None when
    they are already those (then `pdf` is the final one)."""
    import io

    from docx import Document

    from docgen.pack.office import finish_docx

    document = Document(io.BytesIO(docx))
    if not set_pages(document, rendered_pages(document, pdf)):
        return None
    return finish_docx(document, moment)


def settle_pages(docx: bytes, pdf: bytes, moment: dt.datetime, convert: Callable[[bytes], bytes]) -> tuple[bytes, bytes, bool]:
    """(docx, its PDF, whether the numbers held): numbers from the layout, laid out again
    until the PDF shows each heading on the page its contents entry gives."""
    for layout in range(MAX_LAYOUTS + 1):
        fixed = with_page_numbers(docx, pdf, moment)
        if fixed is None:
            return docx, pdf, True
        if layout == MAX_LAYOUTS:
            break
        docx, pdf = fixed, convert(fixed)
    return docx, pdf, False


def lay_out(docx: bytes, moment: dt.datetime) -> bytes:
    """`docx` with the page numbers of its LibreOffice layout in its contents (for a
    document the pack publishes as Word only: the conclusion); unchanged without soffice."""
    import tempfile
    from pathlib import Path

    from docgen import soffice

    if not soffice.available():
        return docx
    with tempfile.TemporaryDirectory(prefix="docgen-toc-") as tmp:
        work = Path(tmp)

        def convert(data: bytes) -> bytes:
            src = work / "document.docx"
            src.write_bytes(data)
            return soffice.convert([src], "pdf", work / "pdf")[0].read_bytes()

        laid, _, _ = settle_pages(docx, convert(docx), moment, convert)
    return laid

"""A real table of contents: a Word TOC field whose entries already point at the headings.

A TOC field Word has never updated is empty, and LibreOffice prints the cached result as
it is, so a generated PDF would show no contents. Here the field's result is written out:
one entry per heading, each a hyperlink to a bookmark on its heading with a PAGEREF field
for its page. LibreOffice works the page numbers out when it lays the document out (so the
PDF has them right), and Word rebuilds the whole field on "Update field" as usual.
"""

from __future__ import annotations

from typing import Any

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
# Page numbers from a first layout
#
# LibreOffice prints a PAGEREF field's cached result rather than working it out on
# conversion, so the build lays the document out once, reads on which page each heading
# landed, writes those numbers into the entries, and converts again.


def entries(document: Any) -> list[tuple[str, str]]:
    """(bookmark, heading text) of each TOC entry, in order."""
    return word_toc.toc_links(document.element.body)


def set_pages(document: Any, pages: dict[str, int]) -> bool:
    """Write each entry's page number into its PAGEREF field's result; whether any changed."""
    return word_toc.set_pages(document.element.body, pages)


def heading_pages(page_texts: list[str], headings: list[tuple[str, str]]) -> dict[str, int]:
    """The page (1-based) each heading starts on: the first page after the contents whose
    lines begin with the heading, searched in document order."""

    def norm(s: str) -> str:
        return " ".join(s.split()).lower()

    toc_page = next((i for i, text in enumerate(page_texts) if "table of contents" in text.lower()), 0)
    out: dict[str, int] = {}
    page = toc_page + 1
    for name, heading in headings:
        wanted = norm(heading)[:40]
        for p in range(page, len(page_texts)):
            lines = [norm(line) for line in page_texts[p].splitlines()]
            if any(line.startswith(wanted) for line in lines):
                out[name] = p + 1
                page = p
                break
    return out

"""A table of contents as Word writes one: a TOC field whose result already lists the entries.

A TOC field Word has never updated is empty, and LibreOffice prints the cached result as
it is, so the result is written out here: one paragraph per entry, each a hyperlink to a
bookmark on its heading with a PAGEREF field for its page. Word rebuilds the whole field on
"Update field" as usual. The caller decides which headings are entries; this module knows
the field codes, the bookmarks Word names `_Toc...` and where the page numbers sit.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.ooxml.markup.build import hyperlink, tab_run, text_run
from docgen.ooxml.element import Element, make, sub
from docgen.ooxml.markup.fields import field_char, instruction
from docgen.ooxml.ns import W, qn

BOOKMARK_PREFIX = "_Toc"  # the prefix Word gives its own TOC bookmarks
# Bookmark ids for the headings start here, well above the few a template carries.
_FIRST_BOOKMARK_ID = 9000


@dataclass(frozen=True)
class TocEntry:
    """One line of the contents: the entry paragraph's style id, its text and its target."""

    style: str
    text: str
    bookmark: str


def toc_instruction(first_level: int, last_level: int) -> str:
    """The TOC field code for outline levels first..last, entries as hyperlinks (\\h),
    tab leaders and page numbers hidden in web view (\\z), outline levels used (\\u)."""
    return f' TOC \\o "{first_level}-{last_level}" \\h \\z \\u '


def bookmark_heading(p: Element, n: int) -> str:
    """Put the n-th (1-based, in document order) TOC bookmark around heading `p`; its name.

    Names and ids follow document order, so rebuilding the same document gives the same bytes."""
    name = f"{BOOKMARK_PREFIX}{n:08d}"
    bid = str(_FIRST_BOOKMARK_ID + n - 1)
    start = make("w:bookmarkStart", {"w:id": bid, "w:name": name})
    end = make("w:bookmarkEnd", {"w:id": bid})
    ppr = p.find(W.pPr)
    p.insert(0 if ppr is None else 1, start)
    p.append(end)
    return name


def toc_paragraphs(entries: list[TocEntry], code: str, *, dirty: bool = False) -> list[Element]:
    """The field as paragraphs: the first opens the TOC field, the last closes it.

    Each entry's PAGEREF result is left empty until a layout gives its page (`set_pages`).
    `dirty` asks Word to rebuild the field on opening, for a document no layout numbered.
    """
    out = []
    for i, entry in enumerate(entries):
        p = make(W.p)
        sub(sub(p, W.pPr), W.pStyle, {"w:val": entry.style})
        if i == 0:
            p.append(field_char("begin", dirty=dirty))
            p.append(instruction(code))
            p.append(field_char("separate"))
        link = hyperlink(entry.bookmark, text_run(entry.text), tab_run())
        link.append(field_char("begin"))
        link.append(instruction(f" PAGEREF {entry.bookmark} \\h "))
        link.append(field_char("separate"))
        link.append(text_run(""))
        link.append(field_char("end"))
        p.append(link)
        if i == len(entries) - 1:
            p.append(field_char("end"))
        out.append(p)
    return out


def replace_paragraph(old: Element, new: list[Element]) -> None:
    """Put `new` where `old` stands, and remove `old`."""
    parent = old.getparent()
    index = parent.index(old)
    parent.remove(old)
    for offset, p in enumerate(new):
        parent.insert(index + offset, p)


def toc_links(body: Element) -> list[tuple[str, str]]:
    """(bookmark, heading text) of each TOC entry, in order."""
    out = []
    for link in body.iter(W.hyperlink):
        anchor = link.get(qn("w:anchor")) or ""
        if anchor.startswith(BOOKMARK_PREFIX):
            texts = [t.text or "" for t in link.iter(W.t)]
            out.append((anchor, texts[0] if texts else ""))
    return out


def set_pages(body: Element, pages: dict[str, int]) -> bool:
    """Write each entry's page number as the cached result of its PAGEREF field; whether
    any number changed."""
    changed = False
    for link in body.iter(W.hyperlink):
        anchor = link.get(qn("w:anchor")) or ""
        if anchor in pages:
            texts = list(link.iter(W.t))
            if len(texts) >= 2 and texts[-1].text != str(pages[anchor]):
                texts[-1].text = str(pages[anchor])
                changed = True
    return changed

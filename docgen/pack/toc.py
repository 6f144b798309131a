"""A real table of contents: a Word TOC field whose entries already point at the headings.

A TOC field Word has never updated is empty, and LibreOffice prints the cached result as
it is, so a generated PDF would show no contents. Here the field's result is written out:
one entry per heading, each a hyperlink to a bookmark on its heading with a PAGEREF field
for its page. LibreOffice works the page numbers out when it lays the document out (so the
PDF has them right), and Word rebuilds the whole field on "Update field" as usual.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from docgen.ooxml.ns import qn

TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '
ENTRY_STYLES = {"Heading 1": "toc 1", "Heading 2": "toc 2"}
BOOKMARK_PREFIX = "_Toc"


def _el(tag: str, **attrs: str) -> etree._Element:
    el = etree.Element(qn(tag))
    for k, v in attrs.items():
        el.set(qn(k), v)
    return el


def _run(*children: etree._Element) -> etree._Element:
    r = _el("w:r")
    for c in children:
        r.append(c)
    return r


def _text(value: str) -> etree._Element:
    t = _el("w:t")
    t.text = value
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


def _instr(value: str) -> etree._Element:
    t = _el("w:instrText")
    t.text = value
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


def _fld(kind: str) -> etree._Element:
    return _run(_el("w:fldChar", **{"w:fldCharType": kind}))


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
    place = paragraphs[at]._p
    entries: list[tuple[str, str, str]] = []  # (style, text, bookmark)
    for n, p in enumerate(paragraphs[at + 1 :], start=1):
        style = p.style.name if p.style is not None else ""
        if style not in ENTRY_STYLES or not p.text.strip():
            continue
        name = f"{BOOKMARK_PREFIX}{len(entries) + 1:08d}"
        bid = str(9000 + len(entries))
        start = _el("w:bookmarkStart", **{"w:id": bid, "w:name": name})
        end = _el("w:bookmarkEnd", **{"w:id": bid})
        ppr = p._p.find(qn("w:pPr"))
        p._p.insert(0 if ppr is None else 1, start)
        p._p.append(end)
        entries.append((ENTRY_STYLES[style], p.text.strip(), name))
    parent = place.getparent()
    index = parent.index(place)
    parent.remove(place)
    new = []
    for i, (style, text, name) in enumerate(entries):
        p = _el("w:p")
        ppr = _el("w:pPr")
        ppr.append(_el("w:pStyle", **{"w:val": document.styles[style].style_id if style in [s.name for s in document.styles] else style}))
        p.append(ppr)
        if i == 0:
            begin = _fld("begin")
            if dirty:
                begin[0].set(qn("w:dirty"), "true")
            p.append(begin)
            p.append(_run(_instr(TOC_INSTRUCTION)))
            p.append(_fld("separate"))
        link = _el("w:hyperlink", **{"w:anchor": name, "w:history": "1"})
        link.append(_run(_text(text)))
        link.append(_run(_el("w:tab")))
        link.append(_fld("begin"))
        link.append(_run(_instr(f" PAGEREF {name} \\h ")))
        link.append(_fld("separate"))
        link.append(_run(_text("")))  # no page until a layout gives one (set_pages)
        link.append(_fld("end"))
        p.append(link)
        if i == len(entries) - 1:
            p.append(_fld("end"))
        new.append(p)
    for offset, p in enumerate(new):
        parent.insert(index + offset, p)
    return len(entries)


# ---------------------------------------------------------------------------------------
# Page numbers from a first layout
#
# LibreOffice prints a PAGEREF field's cached result rather than working it out on
# conversion, so the build lays the document out once, reads on which page each heading
# landed, writes those numbers into the entries, and converts again.


def entries(document: Any) -> list[tuple[str, str]]:
    """(bookmark, heading text) of each TOC entry, in order."""
    out = []
    for link in document.element.body.iter(qn("w:hyperlink")):
        anchor = link.get(qn("w:anchor")) or ""
        if anchor.startswith(BOOKMARK_PREFIX):
            texts = [t.text or "" for t in link.iter(qn("w:t"))]
            out.append((anchor, texts[0] if texts else ""))
    return out


def set_pages(document: Any, pages: dict[str, int]) -> bool:
    """Write each entry's page number as the cached result of its PAGEREF field; whether
    any number changed."""
    changed = False
    for link in document.element.body.iter(qn("w:hyperlink")):
        anchor = link.get(qn("w:anchor")) or ""
        if anchor in pages:
            texts = list(link.iter(qn("w:t")))
            if len(texts) >= 2 and texts[-1].text != str(pages[anchor]):
                texts[-1].text = str(pages[anchor])
                changed = True
    return changed


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

"""The change summary that opens the publication copy, in the document's own styles."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from lxml import etree

from docgen.ooxml.ns import NS, W, qn
from docgen.writers.publication_docx.common import (
    BLUE,
    BOOKMARK_END,
    BOOKMARK_START,
    GREEN,
    RED,
    SECT_ORDER,
    Para,
    place,
)
from docgen.writers.redline_view import (
    SUMMARY_HEADING,
    SUMMARY_KEY,
    RedlineView,
    change_anchors,
)

if TYPE_CHECKING:
    from docgen.transforms.compare import Comparison


# ----- the change summary -------------------------------------------------------------------------------


@dataclass
class StyleNames:
    """The document's own style ids for the summary's title, headings and body text."""

    title: str | None
    heading1: str | None
    heading2: str | None

    @classmethod
    def of(cls, styles: etree._Element | None) -> "StyleNames":
        by_name: dict[str, str] = {}
        if styles is not None:
            for st in styles.findall(W.style):
                if st.get(W.type) != "paragraph":
                    continue
                name = st.find(W.name)
                if name is not None and st.get(W.styleId):
                    by_name.setdefault((name.get(W.val) or "").lower(), st.get(W.styleId))
        h1 = by_name.get("heading 1")
        return cls(title=by_name.get("title") or h1, heading1=h1, heading2=by_name.get("heading 2") or h1)


class Bookmarks:
    """Bookmarks for the summary's links, with ids and names that clash with none of NEW's."""

    def __init__(self, root: etree._Element):
        ids = [int(b.get(W.id)) for b in root.iter(BOOKMARK_START) if (b.get(W.id) or "").isdigit()]
        self.next_id = max(ids, default=0) + 1
        self.names = {b.get(W.name) for b in root.iter(BOOKMARK_START)}

    def add(self, p: etree._Element, anchor: str) -> str:
        base = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
        base = ("c" + base if not base[:1].isalpha() else base)[:36]
        name, n = base, 1
        while name in self.names:
            n += 1
            name = f"{base}_{n}"
        self.names.add(name)
        start = etree.Element(BOOKMARK_START)
        start.set(W.id, str(self.next_id))
        start.set(W.name, name)
        end = etree.Element(BOOKMARK_END)
        end.set(W.id, str(self.next_id))
        self.next_id += 1
        ppr = p.find(W.pPr)
        at = list(p).index(ppr) + 1 if ppr is not None else 0
        p.insert(at, start)
        p.append(end)
        return name


def link_targets(comparison: "Comparison", view: RedlineView, paragraphs: list[Para], bookmarks: Bookmarks) -> dict[str, str]:
    """Summary anchor -> bookmark placed on that change's paragraph in the redline."""
    wanted = {e.anchor for _, entries in view.groups for e in entries if e.anchor}
    by_new = {p.new_index: p for p in paragraphs if p.in_new and p.new_index is not None}
    by_old = {p.old_index: p for p in paragraphs if p.in_old and p.old_index is not None}
    out: dict[str, str] = {}
    for change, anchor in zip(comparison.changes, change_anchors(list(comparison.changes))):
        if anchor not in wanted or anchor in out:
            continue
        para = None
        if change.new is not None:
            para = by_new.get(change.new.index)
        elif change.old is not None:
            para = by_old.get(change.old.index)
        if para is not None:
            out[anchor] = bookmarks.add(para.el, anchor)
    return out


def insert_summary(body: etree._Element, view: RedlineView, styles: StyleNames, targets: dict[str, str]) -> None:
    first_sect = _first_section(body)
    xml = [_para(view.title, styles.title), _para(SUMMARY_HEADING, styles.heading1)]
    rows = [("Inserted", view.counts["inserted"]), ("Deleted", view.counts["deleted"]), ("Modified", view.counts["modified"]),
            ("Moved", view.counts["moved"]), ("Renumbered", view.counts["renumbered"])]
    xml.append(_counts_table(rows))
    if not view.groups:
        xml.append(_para("No differences."))
    for heading, entries in view.groups:
        xml.append(_para(heading, styles.heading2))
        links = [_link(e.label, targets.get(e.anchor or "")) for e in entries]
        if heading == "Renumbered":
            xml.extend(f"<w:p>{link}</w:p>" for link in links)
        else:
            xml.append("<w:p>" + _text_run(", ").join(links) + "</w:p>")
    xml.append(
        "<w:p>" + _text_run(SUMMARY_KEY + " deleted text is ") + _text_run("struck through in red", strike=RED)
        + _text_run(", inserted text is ") + _text_run("underlined in blue", underline=BLUE)
        + _text_run(", moved text is ") + _text_run("green", color=GREEN)
        + _text_run("; a bar in the margin marks each changed line, and a clause whose number changed shows its old number struck beside the new one.")
        + "</w:p>"
    )
    wrapper = etree.fromstring(f'<w:body xmlns:w="{NS["w"]}" xmlns:r="{NS["r"]}">{"".join(xml)}</w:body>')
    summary = list(wrapper)
    closing = etree.Element(W.p)
    if first_sect is not None:
        # The summary's own section: NEW's page setup and headers/footers, numbered i, ii,
        # ...; the body's first section then starts on a new page at page 1.
        sect = copy.deepcopy(first_sect)
        for el in sect.findall(qn("w:titlePg")) + sect.findall(W.type) + sect.findall(qn("w:sectPrChange")):
            sect.remove(el)
        _page_numbers(sect, start="1", fmt="lowerRoman")
        etree.SubElement(closing, W.pPr).append(sect)
        _page_numbers(first_sect, start="1", fmt=None)
    else:  # a document without section properties: a plain page break will do
        etree.SubElement(etree.SubElement(closing, W.r), W.br).set(W.type, "page")
    summary.append(closing)
    for offset, el in enumerate(summary):
        body.insert(offset, el)


def _first_section(body: etree._Element) -> etree._Element | None:
    for p in body.iter(W.p):
        sect = p.find(f"{W.pPr}/{W.sectPr}")
        if sect is not None:
            return sect
    return body.find(W.sectPr)


def _page_numbers(sect: etree._Element, *, start: str, fmt: str | None) -> None:
    pg = sect.find(qn("w:pgNumType"))
    if pg is None:
        pg = etree.Element(qn("w:pgNumType"))
        place(sect, pg, SECT_ORDER)
    pg.set(qn("w:start"), start)
    if fmt:
        pg.set(qn("w:fmt"), fmt)


def _para(text: str, style: str | None = None) -> str:
    # A heading style may be numbered or start a page; the summary wants neither.
    ppr = f'<w:pStyle w:val="{escape(style)}"/><w:pageBreakBefore w:val="0"/><w:numPr><w:numId w:val="0"/></w:numPr>' if style else ""
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{_text_run(text)}</w:p>"


def _text_run(text: str, *, strike: str | None = None, underline: str | None = None, color: str | None = None) -> str:
    props = ""
    if strike:
        props = f'<w:strike/><w:color w:val="{strike}"/>'
    elif underline:
        props = f'<w:color w:val="{underline}"/><w:u w:val="single"/>'
    elif color:
        props = f'<w:color w:val="{color}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""


def _link(label: str, bookmark: str | None) -> str:
    run = _text_run(label)
    return f'<w:hyperlink w:anchor="{escape(bookmark)}" w:history="1">{run}</w:hyperlink>' if bookmark else run


def _counts_table(rows: list[tuple[str, int]]) -> str:
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="3402" w:type="dxa"/><w:tblBorders>{border}</w:tblBorders></w:tblPr>',
           '<w:tblGrid><w:gridCol w:w="2268"/><w:gridCol w:w="1134"/></w:tblGrid>']
    for label, value in rows:
        out.append(
            f'<w:tr><w:tc><w:tcPr><w:tcW w:w="2268" w:type="dxa"/></w:tcPr><w:p>{_text_run(label)}</w:p></w:tc>'
            f'<w:tc><w:tcPr><w:tcW w:w="1134" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="right"/></w:pPr>{_text_run(str(value))}</w:p></w:tc></w:tr>'
        )
    out.append("</w:tbl><w:p/>")
    return "".join(out)

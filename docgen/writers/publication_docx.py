"""The publication redline as a plain .docx: every mark drawn as ordinary formatting.

This document is the input LibreOffice turns into the published PDF. It holds no tracked
changes and no Word list numbering: numbers are typed text and revisions are run colours,
strikes and double underlines, because LibreOffice's own display of tracked changes
misprints list numbers next to deleted paragraphs. What is marked, and how, comes from
`redline_view`, which the HTML shares.

Layout: each body paragraph starts its first line at the left margin and reaches its
number and text through tab stops, with a hanging indent for the wrapped lines. That looks
like ordinary indentation, but it puts every paragraph's left border (the change bar) at
the same place, the margin, whatever the clause's level.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docgen.synth.docx import DocxBuilder, esc
from docgen.writers.redline_view import (
    DEL,
    INS,
    MOVED_FROM,
    MOVED_TO,
    RedlineView,
    Span,
    ViewParagraph,
    ViewTable,
    build_view,
)

if TYPE_CHECKING:
    from docgen.transforms.compare import Comparison

TEXT_WIDTH = 9026  # A4 less the builder's 1-inch margins, in twips
LEVEL_STEP = 567  # 1 cm further in for each clause level
NUMBER_GAP = 850  # from a number's tab stop to its text's
RED, BLUE, GREEN, BAR = "C00000", "0033CC", "00803A", "000000"
ROW_FILL = {"inserted": "E7F5EB", "deleted": "FBE9E9"}
CHANGE_BAR = f'<w:left w:val="single" w:sz="12" w:space="6" w:color="{BAR}"/>'
# Core-properties date of the generated package: fixed so the bytes never depend on the clock.
CORE_DATE = "2000-01-01T00:00:00Z"


def publication_docx(comparison: "Comparison", *, title: str | None = None) -> bytes:
    """The publication redline as .docx bytes, ready for `docgen.soffice.convert`."""
    return view_docx(build_view(comparison, title))


def view_docx(view: RedlineView) -> bytes:
    builder = DocxBuilder(title=view.title, core_date=CORE_DATE)
    builder.header_footer(view.title, "Page {PAGE}")
    linked = {e.anchor for _, entries in view.groups for e in entries if e.anchor}
    writer = _BodyWriter(linked)
    body = [_summary_page(view, linked)]
    for block in view.blocks:
        body.append(writer.table(block) if isinstance(block, ViewTable) else writer.paragraph(block))
    builder.raw_body_xml("".join(body))  # one call: the builder checks each fragment by parsing it
    return builder.to_bytes()


def bookmark_name(anchor: str) -> str:
    """Word bookmark names are letters, digits and '_', start with a letter, at most 40 long."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    if not name[:1].isalpha():
        name = "c" + name
    return name[:40]


# ----- runs ------------------------------------------------------------------------------


def _rpr(kind: str, *, bold: bool = False, italic: bool = False, size: int | None = None, color: str | None = None) -> str:
    # Children in the schema's order: b, i, strike, color, sz, u.
    parts = []
    if bold:
        parts.append("<w:b/>")
    if italic:
        parts.append("<w:i/>")
    if kind in (DEL, MOVED_FROM):
        parts.append("<w:strike/>")
    mark_color = {DEL: RED, INS: BLUE, MOVED_FROM: GREEN, MOVED_TO: GREEN}.get(kind, color)
    if mark_color:
        parts.append(f'<w:color w:val="{mark_color}"/>')
    if size:
        parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    if kind in (INS, MOVED_TO):
        parts.append(f'<w:u w:val="double" w:color="{mark_color}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def _run(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>' if text else ""


def _spans(spans: list[Span], *, bold: bool = False) -> str:
    return "".join(_run(s.text, _rpr(s.kind, bold=bold)) for s in spans)


def _tab() -> str:
    return "<w:r><w:tab/></w:r>"


# ----- summary page ----------------------------------------------------------------------


def _plain(text: str, *, style: str | None = None, bold: bool = False, size: int | None = None, keep_next: bool = False) -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:keepNext/>" if keep_next else "")
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{_run(text, _rpr('same', bold=bold, size=size))}</w:p>"


def _link(label: str, anchor: str | None, linked: set[str]) -> str:
    run = _run(label)
    if anchor and anchor in linked:
        return f'<w:hyperlink w:anchor="{bookmark_name(anchor)}" w:history="1">{run}</w:hyperlink>'
    return run


def _summary_page(view: RedlineView, linked: set[str]) -> str:
    out = [_plain(view.title, style="Title"), _plain("Change summary", style="Heading1")]
    rows = [("Inserted", view.counts["inserted"]), ("Deleted", view.counts["deleted"]),
            ("Modified", view.counts["modified"]), ("Moved", view.counts["moved"]),
            ("Renumbered", view.counts["renumbered"])]
    out.append(_counts_table(rows))
    out.append("<w:p/>")
    if not view.groups:
        out.append(_plain("No differences."))
    for heading, entries in view.groups:
        out.append(_plain(heading, style="Heading2", keep_next=True))
        if heading == "Renumbered":
            out.extend(f"<w:p>{_link(e.label, e.anchor, linked)}</w:p>" for e in entries)
        else:
            sep = _run(", ")
            out.append("<w:p>" + sep.join(_link(e.label, e.anchor, linked) for e in entries) + "</w:p>")
    legend = [
        _run("Deleted text is "), _run("struck through in red", _rpr(DEL)), _run(", inserted text "),
        _run("double-underlined in blue", _rpr(INS)), _run(", moved text "), _run("green", _rpr(MOVED_TO)),
        _run("; a bar in the left margin marks every changed paragraph."),
    ]
    out.append('<w:p><w:pPr><w:spacing w:before="240"/></w:pPr>' + "".join(legend) + "</w:p>")
    out.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    return "".join(out)


def _counts_table(rows: list[tuple[str, int]]) -> str:
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="999999"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="3402" w:type="dxa"/><w:tblBorders>{border}</w:tblBorders></w:tblPr>',
           '<w:tblGrid><w:gridCol w:w="2268"/><w:gridCol w:w="1134"/></w:tblGrid>']
    for label, value in rows:
        out.append(
            "<w:tr>"
            f'<w:tc><w:tcPr><w:tcW w:w="2268" w:type="dxa"/></w:tcPr><w:p>{_run(label, _rpr("same", bold=True))}</w:p></w:tc>'
            f'<w:tc><w:tcPr><w:tcW w:w="1134" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="right"/></w:pPr>{_run(str(value))}</w:p></w:tc>'
            "</w:tr>"
        )
    out.append("</w:tbl>")
    return "".join(out)


# ----- body ------------------------------------------------------------------------------


class _BodyWriter:
    """Body paragraphs and tables; numbers bookmarks uniquely across the document."""

    def __init__(self, linked: set[str]):
        self.linked = linked
        self.bookmark_id = 0

    def _bookmarked(self, anchor: str | None, content: str) -> str:
        if not anchor or anchor not in self.linked:
            return content
        self.bookmark_id += 1
        n = self.bookmark_id
        return f'<w:bookmarkStart w:id="{n}" w:name="{bookmark_name(anchor)}"/>{content}<w:bookmarkEnd w:id="{n}"/>'

    def _tail(self, p: ViewParagraph) -> str:
        notes = "".join(_run(f" [{note}]", _rpr("same", italic=True, size=16, color="666666")) for note in p.notes)
        return _spans(p.text, bold=p.heading) + notes

    def paragraph(self, p: ViewParagraph) -> str:
        ppr = []
        if p.heading:
            ppr.append("<w:keepNext/>")
        if p.changed:
            ppr.append(f"<w:pBdr>{CHANGE_BAR}</w:pBdr>")
        number_at = p.level * LEVEL_STEP
        text_at = number_at + NUMBER_GAP
        indented = bool(p.number) or p.level > 0
        if indented:
            stops = ([f'<w:tab w:val="left" w:pos="{number_at}"/>'] if number_at else []) + [f'<w:tab w:val="left" w:pos="{text_at}"/>']
            ppr.append(f"<w:tabs>{''.join(stops)}</w:tabs>")
            if p.heading:
                ppr.append('<w:spacing w:before="240"/>')
            ppr.append(f'<w:ind w:left="{text_at}" w:hanging="{text_at}"/>')
        elif p.heading:
            ppr.append('<w:spacing w:before="240"/>')
        content = []
        if indented:
            if number_at:
                content.append(_tab())
            content.append(_spans(p.number, bold=p.heading))
            content.append(_tab())
        content.append(self._tail(p))
        return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{self._bookmarked(p.anchor, ''.join(content))}</w:p>"

    def _cell_paragraph(self, p: ViewParagraph) -> str:
        number = _spans(p.number, bold=p.heading)
        gap = _run(" ") if p.number and p.text else ""
        return f"<w:p>{self._bookmarked(p.anchor, number + gap + self._tail(p))}</w:p>"

    def table(self, t: ViewTable) -> str:
        columns = max(t.columns, 1)
        width = TEXT_WIDTH // columns
        border = "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        out = [
            f'<w:tbl><w:tblPr><w:tblW w:w="{width * columns}" w:type="dxa"/><w:tblBorders>{border}</w:tblBorders>'
            '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>',
            f'<w:gridCol w:w="{width}"/>' * columns,
            "</w:tblGrid>",
        ]
        for row in t.rows:
            out.append("<w:tr>")
            for c in range(columns):
                paragraphs = row.cells[c] if c < len(row.cells) else []
                tcpr = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
                if c == 0 and row.changed:
                    tcpr.append(f'<w:tcBorders><w:left w:val="single" w:sz="18" w:space="0" w:color="{BAR}"/></w:tcBorders>')
                fill = ROW_FILL.get(row.status)
                if fill:
                    tcpr.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
                body = "".join(self._cell_paragraph(p) for p in paragraphs) or "<w:p/>"
                out.append(f"<w:tc><w:tcPr>{''.join(tcpr)}</w:tcPr>{body}</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        # A paragraph after every table keeps two adjacent tables from merging into one.
        out.append('<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>')
        return "".join(out)

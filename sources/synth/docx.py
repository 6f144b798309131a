"""A small WordprocessingML writer for synthetic SEC documents and numbering fixtures.

We write the package by hand (zipfile + string joins, lxml only to order numbering.xml and
to vet raw fragments) rather than starting from python-docx's default template because the
tests need exact control of numbering.xml (shared abstractNums, startOverride, style-linked
levels, numPr without ilvl, numId 0...) and the bundled sources must be byte-identical on
every run. Paragraphs are turned into XML text once, as they are added, so a 30,000
paragraph benchmark document costs one join at the end rather than a tree re-serialisation.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from lxml import etree

from docgen.ooxml.ns import NS

# Revision marks need an author and date; fixed so the same input gives the same bytes.
REVISION_AUTHOR = "docgen-synth"
REVISION_DATE = "2020-01-01T00:00:00Z"
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
HANGING = 567  # twips; the gap Word leaves between a list number and the text
PAGE_TOKEN = "{PAGE}"  # in header/footer text: replaced by a PAGE field
# Table cells that are not cells of their own: the cell to the left spans this grid column
# (w:gridSpan), or the cell above continues down into this row (w:vMerge).
SPAN_LEFT = "<<span-left>>"
MERGE_UP = "<<merge-up>>"
EMU_PER_CM = 360000

_REL_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PKG_REL_TYPES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
_CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_CT_PKG = "application/vnd.openxmlformats-package."
_CT_EXT = "application/vnd.openxmlformats-officedocument.extended-properties+xml"

_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_W_DECL = f'xmlns:w="{NS["w"]}" xmlns:r="{NS["r"]}"'
_DRAWING_DECL = (
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
# Characters XML 1.0 forbids; benchmark and property-test text may contain them.
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_RUN_PROPS = ("bold", "italic", "underline", "strike", "vanish")
# numbering.xml children must appear in this order (CT_Numbering); unknown ones go last.
_NUMBERING_ORDER = {"numPicBullet": 0, "abstractNum": 1, "num": 2, "numIdMacAtCleanup": 3}


def esc(text: str) -> str:
    """Escape text for element content and attribute values (double-quoted)."""
    text = _BAD_XML_CHARS.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@dataclass
class Level:
    """One w:lvl of an abstractNum; None fields leave the element out so Word's default applies."""

    ilvl: int
    fmt: str = "decimal"
    text: str = "%1."
    start: int | None = 1
    restart: int | None = None
    is_lgl: bool = False
    suff: str | None = None
    pstyle: str | None = None
    indent_left: int | None = None
    vanish: bool = False

    def to_xml(self) -> str:
        parts = [f'<w:lvl w:ilvl="{self.ilvl}">']
        if self.start is not None:
            parts.append(f'<w:start w:val="{self.start}"/>')
        parts.append(f'<w:numFmt w:val="{esc(self.fmt)}"/>')
        if self.restart is not None:
            parts.append(f'<w:lvlRestart w:val="{self.restart}"/>')
        if self.pstyle:
            parts.append(f'<w:pStyle w:val="{esc(self.pstyle)}"/>')
        if self.is_lgl:
            parts.append("<w:isLgl/>")
        if self.suff:
            parts.append(f'<w:suff w:val="{esc(self.suff)}"/>')
        parts.append(f'<w:lvlText w:val="{esc(self.text)}"/><w:lvlJc w:val="left"/>')
        if self.indent_left is not None:
            parts.append(f"<w:pPr>{_ind(self.indent_left)}</w:pPr>")
        if self.vanish:
            parts.append("<w:rPr><w:vanish/></w:rPr>")
        parts.append("</w:lvl>")
        return "".join(parts)


def _ind(left: int) -> str:
    """A hanging indent whose number starts `HANGING` left of the text (never left of the margin)."""
    return f'<w:ind w:left="{left}" w:hanging="{min(HANGING, max(left, 0))}"/>'


def _heading_level(style_id: str) -> int | None:
    """"Heading3" -> 2: user-defined heading styles keep Word's outline level."""
    match = re.fullmatch(r"Heading([1-9])", style_id)
    return int(match.group(1)) - 1 if match else None


def _num_pr(num_id: int | None, ilvl: int | None) -> str:
    if num_id is None:
        return ""
    lvl = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
    return f'<w:numPr>{lvl}<w:numId w:val="{num_id}"/></w:numPr>'


def _text_runs(text: str, rpr: str, *, deleted: bool = False) -> str:
    """One run per line of `text`: tabs become w:tab, newlines w:br, as Word stores them."""
    tag = "w:delText" if deleted else "w:t"
    pieces: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<{tag} xml:space="preserve">{esc(chunk)}</{tag}>')
    if not pieces:
        return ""
    return f"<w:r>{rpr}{''.join(pieces)}</w:r>"


def _run_rpr(props: dict) -> str:
    unknown = set(props) - set(_RUN_PROPS) - {"field", "footnote"}
    if unknown:
        raise ValueError(f"unknown run properties: {sorted(unknown)}")
    inner = []
    if props.get("bold"):
        inner.append("<w:b/>")
    if props.get("italic"):
        inner.append("<w:i/>")
    if props.get("strike"):
        inner.append("<w:strike/>")
    if props.get("vanish"):
        inner.append("<w:vanish/>")
    if props.get("underline"):
        inner.append('<w:u w:val="single"/>')
    return f"<w:rPr>{''.join(inner)}</w:rPr>" if inner else ""


def _field_runs(instr: str, result: str, rpr: str) -> str:
    """A complex field (PAGE, REF ...) with a cached result, the way Word saves one."""
    return (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_text_runs(result, rpr)}"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def _with_page_fields(text: str) -> str:
    pieces = text.split(PAGE_TOKEN)
    out = [_text_runs(pieces[0], "")]
    for piece in pieces[1:]:
        out.append(_field_runs("PAGE", "1", ""))
        out.append(_text_runs(piece, ""))
    return "".join(out)


class DocxBuilder:
    """Accumulates body, numbering and styles; `to_bytes` assembles a deterministic .docx."""

    def __init__(
        self,
        *,
        title: str | None = None,
        core_date: str = "2020-01-01T00:00:00Z",
        subject: str | None = None,
    ):
        self.title = title
        self.subject = subject
        self.core_date = core_date
        self._body: list[str] = []
        self._numbering: list[str] = []  # serialised abstractNum/num/raw children, call order
        self._styles: dict[str, str] = {}  # user styles by id, replacing built-ins of that id
        self._header: str | None = None
        self._footer: str | None = None
        self._revision_id = 0
        self._bookmark_id = 0
        self._last_is_table = False
        self._footnotes: list[str] = []  # note texts; note n has w:id n (1-based)
        self._media: list[bytes] = []  # PNG images; image n is word/media/image{n}.png
        self._drawing_id = 0

    # ----- numbering -------------------------------------------------------------
    def abstract_num(
        self,
        abstract_id: int,
        levels: list[Level],
        *,
        multi_level_type: str = "multilevel",
        num_style_link: str | None = None,
        style_link: str | None = None,
    ) -> None:
        parts = [
            f'<w:abstractNum w:abstractNumId="{abstract_id}">',
            f'<w:nsid w:val="{0x1A2B0000 + abstract_id:08X}"/>',
            f'<w:multiLevelType w:val="{esc(multi_level_type)}"/>',
        ]
        if style_link:
            parts.append(f'<w:styleLink w:val="{esc(style_link)}"/>')
        if num_style_link:
            parts.append(f'<w:numStyleLink w:val="{esc(num_style_link)}"/>')
        parts.extend(level.to_xml() for level in sorted(levels, key=lambda lv: lv.ilvl))
        parts.append("</w:abstractNum>")
        self._numbering.append("".join(parts))

    def num(self, num_id: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> None:
        parts = [f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>']
        for ilvl, start in sorted((start_overrides or {}).items()):
            parts.append(
                f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            )
        parts.append("</w:num>")
        self._numbering.append("".join(parts))

    def raw_numbering_xml(self, xml: str) -> None:
        """Append children of w:numbering verbatim; `to_bytes` puts abstractNums before nums."""
        _vet_fragment(xml, "w:numbering")
        self._numbering.append(xml)

    # ----- styles ----------------------------------------------------------------
    def style(
        self,
        style_id: str,
        name: str,
        *,
        based_on: str | None = None,
        num_id: int | None = None,
        ilvl: int | None = None,
        kind: str = "paragraph",
        bold: bool = False,
        size_half_points: int | None = None,
        indent_left: int | None = None,
    ) -> None:
        if kind not in ("paragraph", "character", "numbering", "table"):
            raise ValueError(f"unknown style kind {kind!r}")
        # Redefining a built-in (Heading1...) must not mark it custom, or Word renames it.
        custom = "" if style_id in _BUILTIN_STYLES else ' w:customStyle="1"'
        parts = [f'<w:style w:type="{kind}"{custom} w:styleId="{esc(style_id)}">']
        parts.append(f'<w:name w:val="{esc(name)}"/>')
        if based_on:
            parts.append(f'<w:basedOn w:val="{esc(based_on)}"/>')
        if kind == "paragraph":
            parts.append('<w:next w:val="Normal"/>')
        parts.append("<w:qFormat/>")
        heading_level = _heading_level(style_id) if kind == "paragraph" else None
        ppr = "<w:keepNext/>" if heading_level is not None else ""  # CT_PPrBase order matters
        ppr += _num_pr(num_id, ilvl)
        if heading_level is not None:
            ppr += '<w:spacing w:before="240" w:after="120"/>'
        if indent_left is not None:
            ppr += _ind(indent_left)
        if heading_level is not None:
            ppr += f'<w:outlineLvl w:val="{heading_level}"/>'
        if ppr and kind in ("paragraph", "numbering"):
            parts.append(f"<w:pPr>{ppr}</w:pPr>")
        rpr = ("<w:b/>" if bold else "") + (
            f'<w:sz w:val="{size_half_points}"/>' if size_half_points else ""
        )
        if rpr and kind in ("paragraph", "character"):
            parts.append(f"<w:rPr>{rpr}</w:rPr>")
        parts.append("</w:style>")
        self._styles[style_id] = "".join(parts)

    # ----- body ------------------------------------------------------------------
    def paragraph(
        self,
        text: str = "",
        *,
        style: str | None = None,
        num_id: int | None = None,
        ilvl: int | None = None,
        vanish_number: bool = False,
        deleted: bool = False,
        inserted: bool = False,
        runs: list[tuple[str, dict]] | None = None,
        page_break_before: bool = False,
        bookmark: str | None = None,
    ) -> None:
        """Add one body paragraph.

        `runs` replaces `text` when given; a run whose props hold "field" (an instruction such
        as "REF _Ref1 \\w \\h") becomes a field whose cached result is the run's text, and one
        whose props hold "footnote" is followed by a reference to a new footnote of that text.
        `bookmark` wraps the paragraph's content in a named bookmark, the target of REF fields.
        """
        if deleted and inserted:
            raise ValueError("a paragraph is either deleted or inserted, not both")
        self._body.append(
            self._paragraph_xml(
                text,
                style=style,
                num_id=num_id,
                ilvl=ilvl,
                vanish_number=vanish_number,
                deleted=deleted,
                inserted=inserted,
                runs=runs,
                page_break_before=page_break_before,
                bookmark=bookmark,
            )
        )
        self._last_is_table = False

    def _next_revision(self) -> str:
        self._revision_id += 1
        return f'w:id="{self._revision_id}" w:author="{REVISION_AUTHOR}" w:date="{REVISION_DATE}"'

    def _paragraph_xml(
        self,
        text: str,
        *,
        style: str | None = None,
        num_id: int | None = None,
        ilvl: int | None = None,
        vanish_number: bool = False,
        deleted: bool = False,
        inserted: bool = False,
        runs: list[tuple[str, dict]] | None = None,
        page_break_before: bool = False,
        bookmark: str | None = None,
    ) -> str:
        ppr = []
        if style:
            ppr.append(f'<w:pStyle w:val="{esc(style)}"/>')
        if page_break_before:
            ppr.append("<w:pageBreakBefore/>")
        ppr.append(_num_pr(num_id, ilvl))
        mark = []
        if inserted:
            mark.append(f"<w:ins {self._next_revision()}/>")
        if deleted:
            mark.append(f"<w:del {self._next_revision()}/>")
        if vanish_number:
            mark.append("<w:vanish/>")
        if mark:
            ppr.append(f"<w:rPr>{''.join(mark)}</w:rPr>")
        ppr_xml = "".join(ppr)
        out = ["<w:p>"]
        if ppr_xml:
            out.append(f"<w:pPr>{ppr_xml}</w:pPr>")
        if bookmark:
            self._bookmark_id += 1
            out.append(f'<w:bookmarkStart w:id="{self._bookmark_id}" w:name="{esc(bookmark)}"/>')
        content = []
        for run_text, props in runs if runs is not None else [(text, {})]:
            rpr = _run_rpr(props)
            if props.get("field"):
                content.append(_field_runs(props["field"], run_text, rpr))
            else:
                content.append(_text_runs(run_text, rpr, deleted=deleted))
            if props.get("footnote"):
                self._footnotes.append(props["footnote"])
                content.append(
                    '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                    f'<w:footnoteReference w:id="{len(self._footnotes)}"/></w:r>'
                )
        content_xml = "".join(content)
        if content_xml and deleted:
            content_xml = f"<w:del {self._next_revision()}>{content_xml}</w:del>"
        elif content_xml and inserted:
            content_xml = f"<w:ins {self._next_revision()}>{content_xml}</w:ins>"
        out.append(content_xml)
        if bookmark:
            out.append(f'<w:bookmarkEnd w:id="{self._bookmark_id}"/>')
        out.append("</w:p>")
        return "".join(out)

    def table(
        self,
        rows: list[list[str]],
        *,
        num_id: int | None = None,
        ilvl: int = 0,
        numbered_column: int | None = None,
        header: bool = True,
        style: str | None = None,
    ) -> None:
        if not rows:
            raise ValueError("a table needs at least one row")
        ncols = max(len(r) for r in rows)
        width = 9000 // ncols
        border = "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        out = [
            "<w:tbl><w:tblPr>",
            f'<w:tblStyle w:val="{esc(style or "TableGrid")}"/>',
            '<w:tblW w:w="0" w:type="auto"/>',
            f"<w:tblBorders>{border}</w:tblBorders>",
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>',
            "</w:tblPr><w:tblGrid>",
            f'<w:gridCol w:w="{width}"/>' * ncols,
            "</w:tblGrid>",
        ]
        for r, row in enumerate(rows):
            is_header = header and r == 0
            out.append("<w:tr>")
            if is_header:
                out.append("<w:trPr><w:tblHeader/></w:trPr>")
            cells = [row[c] if c < len(row) else "" for c in range(ncols)]
            for c, cell in enumerate(cells):
                if cell == SPAN_LEFT:
                    continue
                span = 1
                while c + span < ncols and cells[c + span] == SPAN_LEFT:
                    span += 1
                below = rows[r + 1][c] if r + 1 < len(rows) and c < len(rows[r + 1]) else ""
                tcpr = f'<w:tcW w:w="{width * span}" w:type="dxa"/>'
                if span > 1:
                    tcpr += f'<w:gridSpan w:val="{span}"/>'
                if cell == MERGE_UP:
                    tcpr += "<w:vMerge/>"
                    cell = ""
                elif below == MERGE_UP:
                    tcpr += '<w:vMerge w:val="restart"/>'
                numbered = (
                    num_id is not None and numbered_column == c and not is_header
                )
                runs = [(cell, {"bold": True} if is_header else {})]
                para = self._paragraph_xml(
                    cell,
                    num_id=num_id if numbered else None,
                    ilvl=ilvl if numbered else None,
                    runs=runs,
                )
                out.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{para}</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self._body.append("".join(out))
        self._last_is_table = True

    def picture(self, png: bytes, *, name: str, width_cm: float, height_cm: float, descr: str = "") -> None:
        """A centred paragraph holding one inline picture, stored as word/media/imageN.png."""
        self._media.append(png)
        self._drawing_id += 1
        n, shape = len(self._media), self._drawing_id
        cx, cy = round(width_cm * EMU_PER_CM), round(height_cm * EMU_PER_CM)
        self._body.append(
            '<w:p><w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr><w:r><w:drawing>'
            f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{shape}" name="{esc(name)}" descr="{esc(descr)}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            f'<pic:nvPicPr><pic:cNvPr id="{shape}" name="image{n}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="rIdImage{n}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing></w:r></w:p>"
        )
        self._last_is_table = False

    def toc(self, entries: list[tuple[str, str, int]], *, heading: str = "Contents", levels: str = "1-1") -> None:
        """A table of contents as Word saves one: a TOC field whose cached result is one "TOC 1"
        paragraph per entry (number, title, page), the field opening in the first entry and
        closing in the last. The page numbers are the cached ones; Word updates them on F9."""
        if not entries:
            raise ValueError("a table of contents needs at least one entry")
        self._styles.setdefault("TOCHeading", _TOC_HEADING_STYLE)
        self._styles.setdefault("TOC1", _TOC1_STYLE)
        self.paragraph(heading, style="TOCHeading", page_break_before=True)
        instr = f'TOC \\o "{levels}" \\z \\u'
        last = len(entries) - 1
        for i, (number, title, page) in enumerate(entries):
            runs = []
            if i == 0:
                runs.append('<w:r><w:fldChar w:fldCharType="begin"/></w:r>')
                runs.append(f'<w:r><w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>')
                runs.append('<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
            runs.append(_text_runs(f"{number}\t{title}\t{page}" if number else f"{title}\t{page}", ""))
            if i == last:
                runs.append('<w:r><w:fldChar w:fldCharType="end"/></w:r>')
            self._body.append(f'<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>{"".join(runs)}</w:p>')
        self._last_is_table = False

    def raw_body_xml(self, xml: str) -> None:
        """Append w: markup to the body as is (checked to be well-formed, nothing more)."""
        _vet_fragment(xml, "w:body")
        self._body.append(xml)
        self._last_is_table = xml.rstrip().endswith("</w:tbl>")

    def header_footer(self, header: str | None, footer: str | None) -> None:
        """Default header/footer text; "{PAGE}" in either becomes a PAGE field."""
        self._header = header
        self._footer = footer

    # ----- package ---------------------------------------------------------------
    def to_bytes(self) -> bytes:
        parts = self._parts()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in parts:
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                zf.writestr(info, data)
        return buf.getvalue()

    def save(self, path: str | Path) -> None:
        Path(path).write_bytes(self.to_bytes())

    def _parts(self) -> list[tuple[str, bytes]]:
        has_header = self._header is not None
        has_footer = self._footer is not None
        if self._footnotes:
            self._styles.setdefault("FootnoteText", _FOOTNOTE_TEXT_STYLE)
            self._styles.setdefault("FootnoteReference", _FOOTNOTE_REFERENCE_STYLE)
        parts: list[tuple[str, str | bytes]] = [
            ("[Content_Types].xml", self._content_types(has_header, has_footer)),
            ("_rels/.rels", self._package_rels()),
            ("word/document.xml", self._document_xml(has_header, has_footer)),
            ("word/_rels/document.xml.rels", self._document_rels(has_header, has_footer)),
            ("word/styles.xml", self._styles_xml()),
            ("word/numbering.xml", self._numbering_xml()),
            ("word/settings.xml", _settings(bool(self._footnotes))),
        ]
        if has_header:
            parts.append(("word/header1.xml", self._hdr_ftr("hdr", self._header or "")))
        if has_footer:
            parts.append(("word/footer1.xml", self._hdr_ftr("ftr", self._footer or "")))
        if self._footnotes:
            parts.append(("word/footnotes.xml", self._footnotes_xml()))
        for n, image in enumerate(self._media, 1):
            parts.append((f"word/media/image{n}.png", image))
        parts.append(("docProps/core.xml", self._core_xml()))
        parts.append(("docProps/app.xml", _APP))
        return [(name, data if isinstance(data, bytes) else data.encode("utf-8")) for name, data in parts]

    def _content_types(self, has_header: bool, has_footer: bool) -> str:
        overrides = [
            ("/word/document.xml", _CT_WML + "document.main+xml"),
            ("/word/styles.xml", _CT_WML + "styles+xml"),
            ("/word/numbering.xml", _CT_WML + "numbering+xml"),
            ("/word/settings.xml", _CT_WML + "settings+xml"),
            ("/docProps/core.xml", _CT_PKG + "core-properties+xml"),
            ("/docProps/app.xml", _CT_EXT),
        ]
        if has_header:
            overrides.append(("/word/header1.xml", _CT_WML + "header+xml"))
        if has_footer:
            overrides.append(("/word/footer1.xml", _CT_WML + "footer+xml"))
        if self._footnotes:
            overrides.append(("/word/footnotes.xml", _CT_WML + "footnotes+xml"))
        body = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
        png = '<Default Extension="png" ContentType="image/png"/>' if self._media else ""
        return (
            f'{_XML_DECL}<Types xmlns="{NS["ct"]}">'
            f'<Default Extension="rels" ContentType="{_CT_PKG}relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{png}'
            f"{body}</Types>"
        )

    @staticmethod
    def _package_rels() -> str:
        rels = [
            ("rId1", _REL_TYPES + "officeDocument", "word/document.xml"),
            ("rId2", _PKG_REL_TYPES + "core-properties", "docProps/core.xml"),
            ("rId3", _REL_TYPES + "extended-properties", "docProps/app.xml"),
        ]
        return _rels_xml(rels)

    def _document_rels(self, has_header: bool, has_footer: bool) -> str:
        rels = [
            ("rId1", _REL_TYPES + "styles", "styles.xml"),
            ("rId2", _REL_TYPES + "numbering", "numbering.xml"),
            ("rId3", _REL_TYPES + "settings", "settings.xml"),
        ]
        if has_header:
            rels.append(("rId4", _REL_TYPES + "header", "header1.xml"))
        if has_footer:
            rels.append(("rId5", _REL_TYPES + "footer", "footer1.xml"))
        if self._footnotes:
            rels.append(("rId6", _REL_TYPES + "footnotes", "footnotes.xml"))
        for n in range(1, len(self._media) + 1):
            rels.append((f"rIdImage{n}", _REL_TYPES + "image", f"media/image{n}.png"))
        return _rels_xml(rels)

    def _footnotes_xml(self) -> str:
        """Word's two separator notes (ids -1 and 0), then one note per reference, in order."""
        notes = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            "<w:r><w:separator/></w:r></w:p></w:footnote>",
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>",
        ]
        for n, text in enumerate(self._footnotes, 1):
            notes.append(
                f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                f"{_text_runs(' ' + text, '')}</w:p></w:footnote>"
            )
        return f"{_XML_DECL}<w:footnotes {_W_DECL}>{''.join(notes)}</w:footnotes>"

    def _document_xml(self, has_header: bool, has_footer: bool) -> str:
        refs = ""
        if has_header:
            refs += '<w:headerReference w:type="default" r:id="rId4"/>'
        if has_footer:
            refs += '<w:footerReference w:type="default" r:id="rId5"/>'
        # Word wants a paragraph between a table and the section properties.
        tail = "<w:p/>" if self._last_is_table or not self._body else ""
        sect = (
            f"<w:sectPr>{refs}"
            '<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
            'w:header="708" w:footer="708" w:gutter="0"/>'
            "</w:sectPr>"
        )
        decl = _W_DECL + (_DRAWING_DECL if self._media else "")
        return f"{_XML_DECL}<w:document {decl}><w:body>{''.join(self._body)}{tail}{sect}</w:body></w:document>"

    def _hdr_ftr(self, tag: str, text: str) -> str:
        style = "Header" if tag == "hdr" else "Footer"
        paragraph = f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{_with_page_fields(text)}</w:p>'
        return f"{_XML_DECL}<w:{tag} {_W_DECL}>{paragraph}</w:{tag}>"

    def _styles_xml(self) -> str:
        styles = dict(_BUILTIN_STYLES)
        styles.update(self._styles)
        return (
            f"{_XML_DECL}<w:styles {_W_DECL}>{_DOC_DEFAULTS}"
            f"{''.join(styles[k] for k in styles)}</w:styles>"
        )

    def _numbering_xml(self) -> str:
        if not self._numbering:
            return f"{_XML_DECL}<w:numbering {_W_DECL}/>"
        root = etree.fromstring(f"<w:numbering {_W_DECL}>{''.join(self._numbering)}</w:numbering>")
        children = list(root)
        children.sort(key=lambda el: _NUMBERING_ORDER.get(etree.QName(el).localname, 9))
        for el in children:  # re-append in the schema's order (a stable sort keeps call order)
            root.append(el)
        return _XML_DECL + etree.tostring(root, encoding="unicode")

    def _core_xml(self) -> str:
        title = f"<dc:title>{esc(self.title)}</dc:title>" if self.title else ""
        subject = f"<dc:subject>{esc(self.subject)}</dc:subject>" if self.subject else ""
        date = esc(self.core_date)
        return (
            f'{_XML_DECL}<cp:coreProperties xmlns:cp="{NS["cp"]}" xmlns:dc="{NS["dc"]}" '
            f'xmlns:dcterms="{NS["dcterms"]}" xmlns:xsi="{NS["xsi"]}">'
            f"{title}{subject}<dc:creator>{REVISION_AUTHOR}</dc:creator>"
            f"<cp:lastModifiedBy>{REVISION_AUTHOR}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>'
            "</cp:coreProperties>"
        )


def _vet_fragment(xml: str, parent: str) -> None:
    """Fail at the call that added a broken fragment, not later inside Word."""
    try:
        etree.fromstring(f"<{parent} {_W_DECL}>{xml}</{parent}>")
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"raw XML for {parent} is not well-formed: {exc}") from None


def _rels_xml(rels: Iterable[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in rels)
    return f'{_XML_DECL}<Relationships xmlns="{NS["rel"]}">{body}</Relationships>'


def _builtin_styles() -> dict[str, str]:
    """Styles every generated document has; `DocxBuilder.style` replaces any of them by id."""

    def heading(n: int, size: int) -> str:
        return (
            f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/>'
            '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
            f'<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="{n - 1}"/></w:pPr>'
            f'<w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr></w:style>'
        )

    def simple(kind: str, sid: str, name: str, extra: str = "", default: bool = False) -> str:
        flag = ' w:default="1"' if default else ""
        return f'<w:style w:type="{kind}"{flag} w:styleId="{sid}"><w:name w:val="{name}"/>{extra}</w:style>'

    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return {
        "Normal": simple("paragraph", "Normal", "Normal", "<w:qFormat/>", default=True),
        "DefaultParagraphFont": simple(
            "character", "DefaultParagraphFont", "Default Paragraph Font", "<w:uiPriority w:val=\"1\"/><w:semiHidden/>", True
        ),
        "TableNormal": simple(
            "table",
            "TableNormal",
            "Normal Table",
            '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
            '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
            True,
        ),
        "NoList": simple("numbering", "NoList", "No List", "<w:semiHidden/>", True),
        "Title": simple(
            "paragraph", "Title", "Title",
            '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
            '<w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="48"/></w:rPr>',
        ),
        "Heading1": heading(1, 32),
        "Heading2": heading(2, 26),
        "Heading3": heading(3, 24),
        "Caption": simple(
            "paragraph", "Caption", "caption",
            '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
            '<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="18"/></w:rPr>',
        ),
        "Header": simple("paragraph", "Header", "header", '<w:basedOn w:val="Normal"/>'),
        "Footer": simple("paragraph", "Footer", "footer", '<w:basedOn w:val="Normal"/>'),
        "TableGrid": simple(
            "table", "TableGrid", "Table Grid",
            f'<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr>',
        ),
    }


_BUILTIN_STYLES = _builtin_styles()

_DOC_DEFAULTS = (
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>'
    '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    '<w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
)

def _settings(footnotes: bool) -> str:
    """settings.xml; with footnotes, the footnotePr naming the separator notes, as Word writes."""
    notes = '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' if footnotes else ""
    return (
        f"{_XML_DECL}<w:settings {_W_DECL}>"
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
        f'<w:characterSpacingControl w:val="doNotCompress"/>{notes}'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        "</w:settings>"
    )


# Styles added only to documents that use them, so every other fixture keeps its bytes.
_TOC_HEADING_STYLE = (
    '<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/>'
    '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>'
)
_TOC1_STYLE = (
    '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
    '<w:pPr><w:tabs><w:tab w:val="left" w:pos="567"/><w:tab w:val="right" w:leader="dot" w:pos="9016"/></w:tabs>'
    '<w:spacing w:after="60"/></w:pPr></w:style>'
)
_FOOTNOTE_TEXT_STYLE = (
    '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
    '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>'
)
_FOOTNOTE_REFERENCE_STYLE = (
    '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
    '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
)


def png_image(width: int, height: int, pixel) -> bytes:
    """A truecolour PNG drawn by `pixel(x, y) -> (r, g, b)`.

    Written with zlib and struct rather than Pillow so that the bundled sources' bytes depend on
    nothing but this function (an image library's encoder settings change between releases).
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


_APP = (
    f'{_XML_DECL}<Properties xmlns="{NS["ep"]}">'
    "<Application>docgen-synth</Application><DocSecurity>0</DocSecurity>"
    "<AppVersion>1.0</AppVersion></Properties>"
)


REF_MARK = re.compile(r"\[\[ref:([^\]]+)\]\]")


def ref_runs(text: str, targets: dict[str, tuple[str, str]]) -> list[tuple[str, dict]]:
    """Runs for `text` in which each "[[ref:KEY]]" becomes a REF field to the bookmark of KEY.

    `targets` maps KEY to (bookmark name, the number Word shows as the field's cached result):
    the way Word stores a "Clause 13.2" cross-reference inserted with Insert > Cross-reference.
    """
    runs: list[tuple[str, dict]] = []
    at = 0
    for match in REF_MARK.finditer(text):
        bookmark, shown = targets[match.group(1)]
        runs.append((text[at : match.start()], {}))
        runs.append((shown, {"field": f"REF {bookmark} \\w \\h"}))
        at = match.end()
    runs.append((text[at:], {}))
    return [(t, props) for t, props in runs if t or props]


def plain_refs(text: str, targets: dict[str, tuple[str, str]]) -> str:
    """`text` with each "[[ref:KEY]]" replaced by the number it shows."""
    return REF_MARK.sub(lambda m: targets[m.group(1)][1], text)


def appendix_cover(title: str, appendix: str, version: str, date: str, core_date: str) -> DocxBuilder:
    """A builder started the way every SEC appendix starts: properties, running head, cover lines.

    The footer names the version, as SEC appendices do, so it changes from version to version."""
    b = DocxBuilder(title=f"{title} v{version}", subject=f"SEC Appendix {appendix} version {version}", core_date=core_date)
    b.header_footer("DCC Public", f"SEC Appendix {appendix} – {title}\tVersion {version}\tPage {{PAGE}}")
    b.paragraph(title, style="Title")
    b.paragraph(f"SEC Appendix {appendix}")
    b.paragraph(f"Version {version}")
    b.paragraph(f"Date: {date}")
    return b

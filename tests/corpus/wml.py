"""Hand-written WordprocessingML, the way Word itself lays out each construct: the tests' one
builder of hand-made packages.

A document is a `Doc`: body paragraphs as XML text, plus whichever stories (header, footer,
first-page header, footnotes, endnotes, comments), numbering, media and other parts (a chart, a
SmartArt diagram) it needs. The markup is written out literally so that a reader of a test sees
exactly what docgen is given; the helpers only save repeating the boilerplate (runs, pictures,
text boxes) that Word writes around it. The main part may be renamed and the content types
spelt as .NET packaging spells them. Nothing here imports docgen: the redline, accept and reject
are tested on packages docgen did not make.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
}
_DECLS = " ".join(f'xmlns:{k}="{v}"' for k, v in NAMESPACES.items()) + ' mc:Ignorable="w14 wp14"'
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_DRAWING_CT = "application/vnd.openxmlformats-officedocument.drawingml."


# --------------------------------------------------------------------------- snippets
def r(text: str, rpr: str = "") -> str:
    """A run of plain text (xml:space kept, so leading/trailing and no-break spaces survive);
    `rpr` is the run properties' markup."""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*content: str, style: str | None = None, num: tuple[int, int] | None = None, ppr: str = "") -> str:
    """A paragraph; plain strings become runs, strings starting with '<' are markup as is.
    `num` is (numId, ilvl); `ppr` is further paragraph properties' markup, after style and numPr."""
    inner = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        inner += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    inner += ppr
    props = f"<w:pPr>{inner}</w:pPr>" if inner else ""
    runs = "".join(c if c.startswith("<") else r(c) for c in content)
    return f"<w:p>{props}{runs}</w:p>"


def note_ref(kind: str, note_id: int) -> str:
    """The reference mark in the text (kind 'footnote' or 'endnote')."""
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    return f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r>'


def sym(font: str, char: str) -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def table(rows: list[list[str]], widths: int = 2400) -> str:
    """A bordered table; each cell is paragraph markup (or plain text for one paragraph)."""
    cols = max(len(row) for row in rows)
    grid = "".join(f'<w:gridCol w:w="{widths}"/>' for _ in range(cols))
    body = []
    for row in rows:
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{widths}" w:type="dxa"/></w:tcPr>{c if c.startswith("<") else p(c)}</w:tc>' for c in row
        )
        body.append(f"<w:tr>{cells}</w:tr>")
    borders = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(body)}</w:tbl>'


def _inline(shape_id: int, name: str, size: tuple[int, int], frame_pr: str, uri: str, graphic: str) -> str:
    """A run holding an inline DrawingML graphic frame, as Word writes one."""
    cx, cy = size
    return (
        f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{shape_id}" name="{name} {shape_id}"/>{frame_pr}'
        f'<a:graphic><a:graphicData uri="{uri}">{graphic}</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )


def picture(rid: str, shape_id: int = 1, name: str = "Picture") -> str:
    """An inline DrawingML picture whose image is the part `rid` points to."""
    pic = (
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{shape_id}" name="image{shape_id}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="457200" cy="457200"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
    )
    locks = '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
    return _inline(shape_id, name, (457200, 457200), locks, "http://schemas.openxmlformats.org/drawingml/2006/picture", pic)


def chart(rid: str, shape_id: int = 9) -> str:
    """An inline chart frame pointing at the chart part `rid` (see `chart_parts`)."""
    c = 'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
    return _inline(shape_id, "Chart", (5486400, 3200400), "<wp:cNvGraphicFramePr/>", "http://schemas.openxmlformats.org/drawingml/2006/chart", f'<c:chart {c} r:id="{rid}"/>')


SMARTART_RIDS = ("rIdDm1", "rIdLo1", "rIdQs1", "rIdCs1")  # the relationships `smartart_parts` makes


def smartart(shape_id: int = 11, rids: tuple[str, str, str, str] = SMARTART_RIDS) -> str:
    """An inline SmartArt graphic frame pointing at its data, layout, style and colour parts."""
    dm, lo, qs, cs = rids
    ids = f'<dgm:relIds r:dm="{dm}" r:lo="{lo}" r:qs="{qs}" r:cs="{cs}"/>'
    return _inline(shape_id, "Diagram", (5486400, 1371600), "<wp:cNvGraphicFramePr/>", "http://schemas.openxmlformats.org/drawingml/2006/diagram", ids)


def text_box(*paragraphs: str, shape_id: int = 5) -> str:
    """A floating text box as Word 2010+ saves it: wps:txbx in mc:Choice, the same text in a VML
    v:textbox in mc:Fallback for older readers."""
    content = "".join(paragraphs)
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" '
        f'relativeHeight="{251659264 + shape_id}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>3200400</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2286000" cy="685800"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>'
        f'<wp:docPr id="{shape_id}" name="Text Box {shape_id}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2286000" cy="685800"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
        '<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t"><a:noAutofit/></wps:bodyPr>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape id="TextBox{shape_id}" o:spid="_x0000_s{1025 + shape_id}" type="#_x0000_t202" '
        'style="position:absolute;margin-left:252pt;margin-top:0;width:180pt;height:54pt;z-index:251659264" '
        'strokeweight=".75pt"><v:textbox>'
        f"<w:txbxContent>{content}</w:txbxContent></v:textbox><w10:wrap type=\"square\"/></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def equation(*texts: str) -> str:
    """An inline OMML equation of one math run per text."""
    return "<m:oMath>" + "".join(f"<m:r><m:t>{escape(text)}</m:t></m:r>" for text in texts) + "</m:oMath>"


def ref_field(bookmark: str, result: str) -> str:
    """A complex REF field to `bookmark` showing `result`."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> REF {bookmark} \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{escape(result)}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def png(rgb: tuple[int, int, int], size: int = 4) -> bytes:
    """A tiny solid-colour PNG; written by hand (zlib + CRCs) so its bytes are the same everywhere."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * size, 9)) + chunk(b"IEND", b"")


def story(tag: str, inner: str) -> bytes:
    """A WordprocessingML part's bytes: `inner` XML under a w:`tag` root (hdr, ftr, footnotes, styles...)."""
    return f"{_HEAD}<w:{tag} {_DECLS}>{inner}</w:{tag}>".encode()


# --------------------------------------------------------------------------- parts
@dataclass
class Part:
    """A part beside the main one: its name relative to the main part's folder, content type,
    bytes, the relationship from the main part (`rid` None: not related from it, e.g. a chart's
    embedded workbook) and its own relationships as (id, type URI, target)."""

    name: str
    content_type: str
    data: bytes
    rid: str | None
    rel_type: str = ""
    rels: list[tuple[str, str, str]] = field(default_factory=list)


def chart_parts(chart_xml: bytes, rid: str = "rIdChart") -> list[Part]:
    """A chart part related as `rid`, with the embedded workbook Word keeps its data in (the
    workbook's bytes are a stand-in: the redline copies them, nothing opens them)."""
    workbook = b"PK-not-really-a-workbook-" + chart_xml[-16:]
    return [
        Part("charts/chart1.xml", _DRAWING_CT + "chart+xml", chart_xml, rid, "chart", [("rId1", _REL + "package", "../embeddings/Workbook1.xlsx")]),
        Part("embeddings/Workbook1.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook, None),
    ]


def smartart_parts(steps: tuple[str, ...] = ("Enrol", "Migrate", "Commission")) -> list[Part]:
    """A SmartArt process diagram of `steps`: its data, layout, style and colour parts (related
    as `SMARTART_RIDS`) and the pre-rendered drawing Word saves beside them."""
    a = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    dgm = 'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"'
    points = ['<dgm:pt modelId="{00000000-0000-0000-0000-000000000000}" type="doc"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p></dgm:t></dgm:pt>']
    links = []
    for i, step in enumerate(steps, 1):
        mid = f"{{00000000-0000-0000-0000-00000000000{i}}}"
        points.append(f'<dgm:pt modelId="{mid}"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB"/><a:t>{step}</a:t></a:r></a:p></dgm:t></dgm:pt>')
        links.append(f'<dgm:cxn modelId="{{10000000-0000-0000-0000-00000000000{i}}}" srcId="{{00000000-0000-0000-0000-000000000000}}" destId="{mid}" srcOrd="{i - 1}" destOrd="0"/>')
    # Word names the pre-rendered drawing of the diagram from the data part's extension list by a
    # plain relId attribute that resolves in the *document's* relationships, not the data part's.
    ext = (
        '<dgm:extLst><a:ext uri="http://schemas.microsoft.com/office/drawing/2008/diagram">'
        '<dsp:dataModelExt xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" relId="rIdDd1" minVer="http://schemas.openxmlformats.org/drawingml/2006/diagram"/>'
        "</a:ext></dgm:extLst>"
    )
    data = f'{_HEAD}<dgm:dataModel {dgm} {a}><dgm:ptLst>{"".join(points)}</dgm:ptLst><dgm:cxnLst>{"".join(links)}</dgm:cxnLst><dgm:bg/><dgm:whole/>{ext}</dgm:dataModel>'
    drawing = (
        f'{_HEAD}<dsp:drawing xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" {dgm} {a}>'
        '<dsp:spTree><dsp:nvGrpSpPr><dsp:cNvPr id="0" name=""/><dsp:cNvGrpSpPr/></dsp:nvGrpSpPr><dsp:grpSpPr/>'
        + "".join(
            f'<dsp:sp modelId="{{00000000-0000-0000-0000-00000000000{i}}}"><dsp:nvSpPr><dsp:cNvPr id="{i}" name=""/><dsp:cNvSpPr/></dsp:nvSpPr>'
            f'<dsp:spPr><a:xfrm><a:off x="{(i - 1) * 1900000}" y="0"/><a:ext cx="1600000" cy="960000"/></a:xfrm><a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom></dsp:spPr>'
            f'<dsp:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB"/><a:t>{step}</a:t></a:r></a:p></dsp:txBody></dsp:sp>'
            for i, step in enumerate(steps, 1)
        )
        + "</dsp:spTree></dsp:drawing>"
    )
    layout = f'{_HEAD}<dgm:layoutDef {dgm} {a} uniqueId="urn:microsoft.com/office/officeart/2005/8/layout/process1"><dgm:title val=""/><dgm:desc val=""/><dgm:catLst><dgm:cat type="process" pri="1000"/></dgm:catLst><dgm:layoutNode name="Name0"/></dgm:layoutDef>'
    style = f'{_HEAD}<dgm:styleDef {dgm} {a} uniqueId="urn:microsoft.com/office/officeart/2005/8/quickstyle/simple1"><dgm:title val=""/><dgm:desc val=""/><dgm:catLst><dgm:cat type="simple" pri="10100"/></dgm:catLst></dgm:styleDef>'
    colors = f'{_HEAD}<dgm:colorsDef {dgm} {a} uniqueId="urn:microsoft.com/office/officeart/2005/8/colors/accent1_2"><dgm:title val=""/><dgm:desc val=""/><dgm:catLst><dgm:cat type="accent1" pri="11200"/></dgm:catLst></dgm:colorsDef>'
    dm, lo, qs, cs = SMARTART_RIDS
    return [
        Part("diagrams/data1.xml", _DRAWING_CT + "diagramData+xml", data.encode(), dm, _REL + "diagramData"),
        Part("diagrams/layout1.xml", _DRAWING_CT + "diagramLayout+xml", layout.encode(), lo, _REL + "diagramLayout"),
        Part("diagrams/quickStyle1.xml", _DRAWING_CT + "diagramStyle+xml", style.encode(), qs, _REL + "diagramQuickStyle"),
        Part("diagrams/colors1.xml", _DRAWING_CT + "diagramColors+xml", colors.encode(), cs, _REL + "diagramColors"),
        Part("diagrams/drawing1.xml", "application/vnd.ms-office.drawingml.diagramDrawing+xml", drawing.encode(), "rIdDd1", "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing"),
    ]


# --------------------------------------------------------------------------- packages
Story = str | list[str]  # a string: one paragraph in Word's style for the story; a list: paragraphs as written


@dataclass
class _Parts:
    """The parts beside the main one as they are added: bytes by name under the main part's
    folder, their content types (an Override per .xml part, a Default per other extension)
    and the main part's relationships to them as (id, type, target)."""

    folder: str
    files: dict[str, bytes] = field(default_factory=dict)
    overrides: list[tuple[str, str]] = field(default_factory=list)
    defaults: dict[str, str] = field(default_factory=dict)
    rels: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, name: str, data: bytes, content_type: str | None = None, rel: tuple[str, str] | None = None) -> None:
        path = posixpath.join(self.folder, name)
        self.files[path] = data
        if content_type is not None and name.endswith(".xml"):
            self.overrides.append((path, content_type))
        elif content_type is not None:  # Word types media and embeddings by their extension
            self.defaults[name.rsplit(".", 1)[1]] = content_type
        if rel is not None:
            self.rels.append((rel[0], rel[1], name))


@dataclass
class Doc:
    """A .docx from hand-written XML.

    A story given as a string (header, footer, a note, a comment) is the content of the one
    paragraph Word writes for it (its style, a note's number mark first; plain text becomes a run,
    markup starting with '<' is kept as is); given as a list, it is those paragraphs exactly."""

    body: list[str]
    footnotes: dict[int, Story] = field(default_factory=dict)
    endnotes: dict[int, Story] = field(default_factory=dict)
    header: Story | None = None
    footer: Story | None = None
    numbering: str | None = None  # the w:numbering children
    media: dict[str, bytes] = field(default_factory=dict)  # rId -> PNG bytes, related from the main part
    related: list[Part] = field(default_factory=list)  # any other part: styles, a chart, a diagram ...
    first_header: Story | None = None  # a first-page header (w:titlePg), as title pages have
    header_media: dict[str, bytes] = field(default_factory=dict)  # rId -> PNG, related from the header
    links: dict[str, str] = field(default_factory=dict)  # rId -> external hyperlink target
    comments: dict[int, Story] = field(default_factory=dict)  # id -> comment (author "Reviewer")
    landscape: bool = False  # an A4 page turned (w:orient and swapped sizes), narrower margins
    title_page: bool | None = None  # w:titlePg; by default present exactly when first_header is
    section_change: str = ""  # markup closing the w:sectPr (a hand-written w:sectPrChange)
    main: str = "word/document.xml"  # the main part's name (document-management systems rename it)
    # "override": an Override per part, as Word writes; "default": as .NET packaging writes, the
    # main part typed by one `Default Extension="XML"` rule and the package relationship to it absolute.
    content_types: str = "override"
    # Only what a package must hold, as .NET packagers and document-management exports often
    # write: no styles or settings part, and a section without page size or margins.
    bare: bool = False

    def parts(self) -> dict[str, bytes]:
        """Every part of the package by name, in the order they are zipped."""
        folder, main_name = posixpath.split(self.main)
        pkg = _Parts(folder)
        given = {part.name for part in self.related}  # a test's own styles or settings replace Word's
        settings = _settings(bool(self.footnotes), bool(self.endnotes))
        for name, rid, tag, inner in (("styles.xml", "rId1", "styles", _STYLES), ("settings.xml", "rId2", "settings", settings)):
            if name not in given and not self.bare:
                pkg.add(name, story(tag, inner), f"{_CT}{tag}+xml", (rid, tag))
        if self.numbering is not None:
            pkg.add("numbering.xml", story("numbering", self.numbering), _CT + "numbering+xml", ("rId3", "numbering"))
        for kind, notes, rid in (("footnote", self.footnotes, "rId4"), ("endnote", self.endnotes, "rId5")):
            if notes:
                pkg.add(f"{kind}s.xml", story(f"{kind}s", _notes(kind, notes)), f"{_CT}{kind}s+xml", (rid, f"{kind}s"))
        sect = ""
        stories = (("header", "default", self.header, "rId6", "header1"), ("footer", "default", self.footer, "rId7", "footer1"), ("header", "first", self.first_header, "rId8", "header2"))
        for kind, kind_type, content, rid, name in stories:
            if content is not None:
                tag = "hdr" if kind == "header" else "ftr"
                pkg.add(f"{name}.xml", story(tag, _paragraphs(content, kind.capitalize())), f"{_CT}{kind}+xml", (rid, kind))
                sect += f'<w:{kind}Reference w:type="{kind_type}" r:id="{rid}"/>'
        if self.comments:
            items = "".join(f'<w:comment w:id="{i}" w:author="Reviewer" w:initials="R">{_paragraphs(c)}</w:comment>' for i, c in sorted(self.comments.items()))
            pkg.add("comments.xml", story("comments", items), _CT + "comments+xml", ("rId9", "comments"))
        if self.header_media:
            pkg.add("_rels/header1.xml.rels", _rels([(i, _REL + "image", f"media/header-{i}.png") for i in sorted(self.header_media)]))
            for rid, data in sorted(self.header_media.items()):
                pkg.add(f"media/header-{rid}.png", data)
        for rid, url in sorted(self.links.items()):
            pkg.rels.append((rid, "hyperlink", url))
        for rid, data in sorted(self.media.items()):
            pkg.add(f"media/{rid}.png", data, rel=(rid, "image"))
        for part in self.related:
            pkg.add(part.name, part.data, part.content_type, None if part.rid is None else (part.rid, part.rel_type))
            if part.rels:
                part_folder, base = posixpath.split(part.name)
                pkg.add(posixpath.join(part_folder, "_rels", f"{base}.rels"), _rels(part.rels))
        wants_title_page = self.first_header is not None if self.title_page is None else self.title_page
        title_page = "<w:titlePg/>" if wants_title_page else ""
        page = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' if self.landscape else '<w:pgSz w:w="11906" w:h="16838"/>'
        margin = "1134" if self.landscape else "1440"
        setup = "" if self.bare else (
            f'{page}<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" w:left="{margin}" w:header="708" w:footer="708" w:gutter="0"/>'
        )
        sect_pr = f"<w:sectPr>{sect}{setup}{title_page}{self.section_change}</w:sectPr>"
        document = story("document", f"<w:body>{''.join(self.body)}{sect_pr}</w:body>")
        dotnet = self.content_types == "default"  # then the main part has no Override: the Default types it
        overrides = pkg.overrides if dotnet else [(self.main, _CT + "document.main+xml"), *pkg.overrides]
        rels = [(i, typ if typ.startswith("http") else _REL + typ, target) for i, typ, target in pkg.rels]
        return {
            "[Content_Types].xml": _content_types(overrides, pkg.defaults, main_default=dotnet),
            "_rels/.rels": _rels([("rId1", _REL + "officeDocument", "/" + self.main if dotnet else self.main)]),
            self.main: document,
            posixpath.join(folder, "_rels", f"{main_name}.rels"): _rels(rels),
            **pkg.files,
        }

    def to_bytes(self) -> bytes:
        return package(self.parts())

    def save(self, path: Path) -> Path:
        path.write_bytes(self.to_bytes())
        return path


def package(parts: dict[str, bytes]) -> bytes:
    """The zip of `parts` in their order, every entry dated 1980-01-01 so the bytes are the same every run."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def _paragraphs(content: Story, style: str | None = None) -> str:
    return "".join(content) if isinstance(content, list) else p(content, style=style)


def _notes(kind: str, notes: dict[int, Story]) -> str:
    """Separator notes (ids -1 and 0, typed as Word writes them), then each note: a string is
    Word's one paragraph (note style, the note's own number mark, a space, the text), a list its
    paragraphs as given."""
    style = "FootnoteText" if kind == "footnote" else "EndnoteText"
    ref_style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    out = [
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>',
    ]
    for note_id, content in sorted(notes.items()):
        if isinstance(content, list):
            out.append(f'<w:{kind} w:id="{note_id}">{"".join(content)}</w:{kind}>')
            continue
        mark = f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:{kind}Ref/></w:r>'
        runs = content if content.startswith("<") else r(" " + content)  # markup (a tracked change) as is
        out.append(f'<w:{kind} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{mark}{runs}</w:p></w:{kind}>')
    return "".join(out)


def _rels(rels: list[tuple[str, str, str]]) -> bytes:
    def mode(target: str) -> str:
        return ' TargetMode="External"' if "://" in target else ""

    body = "".join(f'<Relationship Id="{i}" Type="{typ}" Target="{escape(target)}"{mode(target)}/>' for i, typ, target in rels)
    return f'{_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'.encode()


def _content_types(overrides: list[tuple[str, str]], defaults: dict[str, str], main_default: bool) -> bytes:
    xml = f'<Default Extension="XML" ContentType="{_CT}document.main+xml"/>' if main_default else '<Default Extension="xml" ContentType="application/xml"/>'
    items = "".join(f'<Default Extension="{ext}" ContentType="{kind}"/>' for ext, kind in defaults.items())
    items += "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in overrides)
    return (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'{xml}<Default Extension="png" ContentType="image/png"/>'
        f"{items}</Types>"
    ).encode()


def _settings(footnotes: bool, endnotes: bool) -> str:
    notes = ""
    if footnotes:
        notes += '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    if endnotes:
        notes += '<w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>'
    return f'<w:defaultTabStop w:val="720"/>{notes}<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'


def _style(kind: str, sid: str, name: str, extra: str = "", default: bool = False) -> str:
    flag = ' w:default="1"' if default else ""
    return f'<w:style w:type="{kind}"{flag} w:styleId="{sid}"><w:name w:val="{name}"/>{extra}</w:style>'


_STYLES = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>'
    + _style("paragraph", "Normal", "Normal", default=True)
    + _style("character", "DefaultParagraphFont", "Default Paragraph Font", default=True)
    + _style("table", "TableNormal", "Normal Table", default=True)
    + _style("paragraph", "Heading1", "heading 1", '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr>')
    + _style("paragraph", "Header", "header", '<w:basedOn w:val="Normal"/>')
    + _style("paragraph", "Footer", "footer", '<w:basedOn w:val="Normal"/>')
    + _style("paragraph", "FootnoteText", "footnote text", '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr>')
    + _style("character", "FootnoteReference", "footnote reference", '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>')
    + _style("paragraph", "EndnoteText", "endnote text", '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr>')
    + _style("character", "EndnoteReference", "endnote reference", '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>')
)

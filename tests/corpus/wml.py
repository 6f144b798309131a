"""Hand-written WordprocessingML, the way Word itself lays out each construct, one package at a time.

Each corpus document is a `Doc`: body paragraphs as XML text, plus whichever of footnotes,
endnotes, header, footer, numbering, media and extra parts (SmartArt) it needs. The markup is
written out literally so that a reader of a test sees exactly what docgen is given; the helpers
only save repeating the boilerplate (runs, pictures, text boxes) that Word writes around it.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
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


# --------------------------------------------------------------------------- snippets
def t(text: str) -> str:
    """A run of plain text (xml:space kept, so leading/trailing and no-break spaces survive)."""
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*content: str, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    """A paragraph; plain strings become runs, strings starting with '<' are markup as is."""
    ppr = ""
    if style or num:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num:
            inner += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr = f"<w:pPr>{inner}</w:pPr>"
    runs = "".join(c if c.startswith("<") else t(c) for c in content)
    return f"<w:p>{ppr}{runs}</w:p>"


def note_ref(kind: str, note_id: int) -> str:
    """The reference mark in the text (kind 'footnote' or 'endnote')."""
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    return f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r>'


def sym(font: str, char: str) -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def table(rows: list[list[str]], widths: int = 2400) -> str:
    """A bordered table; each cell is paragraph markup (or plain text for one paragraph)."""
    cols = max(len(r) for r in rows)
    grid = "".join(f'<w:gridCol w:w="{widths}"/>' for _ in range(cols))
    body = []
    for row in rows:
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{widths}" w:type="dxa"/></w:tcPr>{c if c.startswith("<") else p(c)}</w:tc>' for c in row
        )
        body.append(f"<w:tr>{cells}</w:tr>")
    borders = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(body)}</w:tbl>'


def picture(rid: str, shape_id: int, name: str = "Picture") -> str:
    """An inline DrawingML picture whose image is the part `rid` points to."""
    return (
        f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="457200" cy="457200"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{shape_id}" name="{name} {shape_id}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        f'<pic:nvPicPr><pic:cNvPr id="{shape_id}" name="image{shape_id}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="457200" cy="457200"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r>"
    )


def text_box(shape_id: int, *paragraphs: str) -> str:
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


def smartart(shape_id: int, rids: tuple[str, str, str, str]) -> str:
    """An inline SmartArt graphic frame pointing at its data, layout, style and colour parts."""
    dm, lo, qs, cs = rids
    return (
        f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5486400" cy="1371600"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{shape_id}" name="Diagram {shape_id}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
        f'<dgm:relIds r:dm="{dm}" r:lo="{lo}" r:qs="{qs}" r:cs="{cs}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def png(rgb: tuple[int, int, int], size: int = 4) -> bytes:
    """A tiny solid-colour PNG; written by hand (zlib + CRCs) so its bytes are the same everywhere."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * size, 9)) + chunk(b"IEND", b"")


# --------------------------------------------------------------------------- packages
@dataclass
class Part:
    """A part related from the main document: name under word/, content type, relationship."""

    name: str
    content_type: str
    data: bytes
    rid: str
    rel_type: str
    rels: list[tuple[str, str, str]] = field(default_factory=list)  # (id, type, target) of its own


@dataclass
class Doc:
    body: list[str]
    footnotes: dict[int, str] = field(default_factory=dict)
    endnotes: dict[int, str] = field(default_factory=dict)
    header: str | None = None
    footer: str | None = None
    numbering: str | None = None
    media: dict[str, bytes] = field(default_factory=dict)  # rId -> PNG bytes
    parts: list[Part] = field(default_factory=list)
    first_header: str | None = None  # a first-page header (w:titlePg), as title pages have
    header_media: dict[str, bytes] = field(default_factory=dict)  # rId -> PNG, related from the header
    links: dict[str, str] = field(default_factory=dict)  # rId -> external hyperlink target
    landscape: bool = False  # an A4 page turned (w:orient and swapped sizes), narrower margins
    title_page: bool | None = None  # w:titlePg; by default present exactly when first_header is
    section_change: str = ""  # markup closing the w:sectPr (a hand-written w:sectPrChange)

    def to_bytes(self) -> bytes:
        files: list[tuple[str, bytes]] = []
        overrides = [("word/document.xml", "document.main+xml"), ("word/styles.xml", "styles+xml"), ("word/settings.xml", "settings+xml")]
        rels = [("rId1", "styles", "styles.xml"), ("rId2", "settings", "settings.xml")]
        if self.numbering is not None:
            files.append(("word/numbering.xml", _xml("numbering", self.numbering)))
            overrides.append(("word/numbering.xml", "numbering+xml"))
            rels.append(("rId3", "numbering", "numbering.xml"))
        for kind, notes, rid in (("footnote", self.footnotes, "rId4"), ("endnote", self.endnotes, "rId5")):
            if notes:
                files.append((f"word/{kind}s.xml", _xml(f"{kind}s", _notes(kind, notes))))
                overrides.append((f"word/{kind}s.xml", f"{kind}s+xml"))
                rels.append((rid, f"{kind}s", f"{kind}s.xml"))
        sect = ""
        stories = (("header", "default", self.header, "rId6", "header1"), ("footer", "default", self.footer, "rId7", "footer1"), ("header", "first", self.first_header, "rId8", "header2"))
        for kind, kind_type, text, rid, name in stories:
            if text is not None:
                tag = "hdr" if kind == "header" else "ftr"
                files.append((f"word/{name}.xml", _xml(tag, p(text, style=kind.capitalize()))))
                overrides.append((f"word/{name}.xml", f"{kind}+xml"))
                rels.append((rid, kind, f"{name}.xml"))
                sect += f'<w:{kind}Reference w:type="{kind_type}" r:id="{rid}"/>'
        if self.header_media:
            files.append(("word/_rels/header1.xml.rels", _rels([(r, _REL + "image", f"media/header-{r}.png") for r in sorted(self.header_media)])))
            files.extend((f"word/media/header-{r}.png", data) for r, data in sorted(self.header_media.items()))
        for rid, url in sorted(self.links.items()):
            rels.append((rid, "hyperlink", url))
        for n, (rid, data) in enumerate(sorted(self.media.items()), 1):
            files.append((f"word/media/{rid}.png", data))
            rels.append((rid, "image", f"media/{rid}.png"))
        extra_types = []
        for part in self.parts:
            files.append((f"word/{part.name}", part.data))
            extra_types.append((f"word/{part.name}", part.content_type))
            rels.append((part.rid, part.rel_type, part.name))
            if part.rels:
                folder, base = part.name.rsplit("/", 1) if "/" in part.name else ("", part.name)
                files.append((f"word/{folder + '/' if folder else ''}_rels/{base}.rels", _rels(part.rels)))
        wants_title_page = self.first_header is not None if self.title_page is None else self.title_page
        title_page = "<w:titlePg/>" if wants_title_page else ""
        page = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' if self.landscape else '<w:pgSz w:w="11906" w:h="16838"/>'
        margin = "1134" if self.landscape else "1440"
        sect_pr = (
            f"<w:sectPr>{sect}{page}"
            f'<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" w:left="{margin}" w:header="708" w:footer="708" w:gutter="0"/>{title_page}{self.section_change}</w:sectPr>'
        )
        document = _xml("document", f"<w:body>{''.join(self.body)}{sect_pr}</w:body>")
        files[:0] = [
            ("[Content_Types].xml", _content_types(overrides, extra_types)),
            ("_rels/.rels", _rels([("rId1", _REL + "officeDocument", "word/document.xml")])),
            ("word/document.xml", document),
            ("word/_rels/document.xml.rels", _rels([(i, typ if typ.startswith("http") else _REL + typ, target) for i, typ, target in rels])),
            ("word/styles.xml", _xml("styles", _STYLES)),
            ("word/settings.xml", _xml("settings", _settings(bool(self.footnotes), bool(self.endnotes)))),
        ]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in files:
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)
        return buf.getvalue()


def _xml(tag: str, inner: str) -> bytes:
    return f"{_HEAD}<w:{tag} {_DECLS}>{inner}</w:{tag}>".encode()


def _notes(kind: str, notes: dict[int, str]) -> str:
    """Separator notes (ids -1 and 0, as Word writes them), then each note with its own number mark."""
    style = "FootnoteText" if kind == "footnote" else "EndnoteText"
    ref_style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    out = [
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>',
    ]
    for note_id, text in sorted(notes.items()):
        mark = f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:{kind}Ref/></w:r>'
        runs = text if text.startswith("<") else t(" " + text)  # markup (a tracked change) as is
        out.append(f'<w:{kind} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{mark}{runs}</w:p></w:{kind}>')
    return "".join(out)


def _rels(rels: list[tuple[str, str, str]]) -> bytes:
    def mode(target: str) -> str:
        return ' TargetMode="External"' if "://" in target else ""

    body = "".join(f'<Relationship Id="{i}" Type="{typ}" Target="{escape(target)}"{mode(target)}/>' for i, typ, target in rels)
    return f'{_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'.encode()


def _content_types(overrides: list[tuple[str, str]], extra: list[tuple[str, str]]) -> bytes:
    items = "".join(f'<Override PartName="/{name}" ContentType="{_CT}{kind}"/>' for name, kind in overrides)
    items += "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in extra)
    return (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
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

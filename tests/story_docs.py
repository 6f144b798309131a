"""Small Word packages written as XML by hand: the tests' one builder of hand-made packages.

Each document is the minimum Word needs (content types, relationships, a body) plus
whatever story a test is about: a header and footer, footnotes and endnotes, pictures
(media parts), a chart with its embedded workbook, numbering, any other part related from
the main one. The main part may be renamed and the content types spelt as .NET packaging
spells them (one Default rule typing every .xml part). Nothing here goes through docgen's
writers, so the redline and accept/reject are tested on packages docgen did not make.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
NSDECL = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:m="{M_NS}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable=""'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_CT = {
    "document": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "footnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "endnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
    "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
}


def p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{ppr and '<w:pPr>' + ppr + '</w:pPr>'}{''.join(runs)}</w:p>"


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr and "<w:rPr>" + rpr + "</w:rPr>"}<w:t xml:space="preserve">{text}</w:t></w:r>'


def note_ref(kind: str, note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="{kind.capitalize()}Reference"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r>'


def picture(rid: str, pid: int = 1) -> str:
    return (
        f'<w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="{pid}" name="Picture {pid}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{pid}" name="p{pid}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill><pic:spPr/></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def chart(rid: str) -> str:
    return (
        '<w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="9" name="Chart 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )


def smartart() -> str:
    return (
        '<w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="11" name="Diagram 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
        '<dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
        'r:dm="rIdDm" r:lo="rIdLo" r:qs="rIdQs" r:cs="rIdCs"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )


def text_box(*paras: str) -> str:
    """A DrawingML text box with its VML fallback, as Word writes it."""
    body = "".join(paras)
    return (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><wp:docPr id=\"5\" name=\"Text Box 5\"/>"
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        f"<wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"<w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def equation(*texts: str) -> str:
    return "<m:oMath>" + "".join(f"<m:r><m:t>{t}</m:t></m:r>" for t in texts) + "</m:oMath>"


def ref_field(bookmark: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> REF {bookmark} \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{result}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


@dataclass
class Doc:
    """A .docx from hand-written story XML."""

    body: list[str]
    header: list[str] | None = None
    footer: list[str] | None = None
    footnotes: dict[int, list[str]] = field(default_factory=dict)
    endnotes: dict[int, list[str]] = field(default_factory=dict)
    media: dict[str, bytes] = field(default_factory=dict)  # rId -> png bytes (word/media/<rId>.png)
    chart: bytes | None = None  # chart XML bytes, related as rIdChart, with an embedded workbook
    numbering: str | None = None  # the w:numbering children
    diagram: bool = False  # SmartArt parts (data, layout, style, colours, drawing) for smartart()
    layout: str = ""  # the section's page set-up after its references (w:pgSz, w:pgMar, ...)
    main: str = "word/document.xml"  # the main part's name (document-management systems rename it)
    # "override": an Override per part, as Word writes; "default": as .NET packaging writes,
    # every .xml part typed by one `Default Extension="XML"` rule and the package relationship
    # to the main part absolute.
    content_types: str = "override"
    # part name -> (relationship type, content type suffix after "wordprocessingml.", bytes),
    # each related from the main part: styles, comments, a header nothing else adds ...
    related: dict[str, tuple[str, str, bytes]] = field(default_factory=dict)

    def parts(self) -> dict[str, bytes]:
        rels: list[tuple[str, str, str]] = []
        overrides = {"/" + self.main: _CT["document"]}
        out: dict[str, bytes] = {}
        folder, main_name = posixpath.split(self.main)
        sect = ""
        if self.header is not None:
            rels.append(("rIdH1", "header", "header1.xml"))
            overrides[f"/{folder}/header1.xml"] = _CT["header"]
            out[f"{folder}/header1.xml"] = _story("hdr", self.header)
            sect += '<w:headerReference w:type="default" r:id="rIdH1"/>'
        if self.footer is not None:
            rels.append(("rIdF1", "footer", "footer1.xml"))
            overrides[f"/{folder}/footer1.xml"] = _CT["footer"]
            out[f"{folder}/footer1.xml"] = _story("ftr", self.footer)
            sect += '<w:footerReference w:type="default" r:id="rIdF1"/>'
        for kind, notes in (("footnote", self.footnotes), ("endnote", self.endnotes)):
            if not notes:
                continue
            rels.append((f"rId{kind}s", f"{kind}s", f"{kind}s.xml"))
            overrides[f"/{folder}/{kind}s.xml"] = _CT[f"{kind}s"]
            items = "".join(
                f'<w:{kind} w:id="{i}">{"".join(paras)}</w:{kind}>'
                for i, paras in [(-1, [p(r(""))]), (0, [p(r(""))])] + sorted(notes.items())
            )
            out[f"{folder}/{kind}s.xml"] = (_DECL + f"<w:{kind}s {NSDECL}>{items}</w:{kind}s>").encode()
        for rid, data in sorted(self.media.items()):
            rels.append((rid, "image", f"media/{rid}.png"))
            out[f"{folder}/media/{rid}.png"] = data
        if self.chart is not None:
            rels.append(("rIdChart", "chart", "charts/chart1.xml"))
            overrides[f"/{folder}/charts/chart1.xml"] = _CT["chart"]
            out[f"{folder}/charts/chart1.xml"] = self.chart
            out[f"{folder}/charts/_rels/chart1.xml.rels"] = (
                _DECL + f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{REL}/package" Target="../embeddings/Workbook1.xlsx"/></Relationships>'
            ).encode()
            out[f"{folder}/embeddings/Workbook1.xlsx"] = b"PK-not-really-a-workbook-" + self.chart[-16:]
        if self.diagram:
            dgm = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
            for rid, kind, name, ct in (
                ("rIdDm", "diagramData", "data1", "diagramData"),
                ("rIdLo", "diagramLayout", "layout1", "diagramLayout"),
                ("rIdQs", "diagramQuickStyle", "quickStyle1", "diagramStyle"),
                ("rIdCs", "diagramColors", "colors1", "diagramColors"),
                ("rIdDr", "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing", "drawing1", "drawingml.diagramDrawing"),
            ):
                rels.append((rid, kind, f"diagrams/{name}.xml"))
                overrides[f"/{folder}/diagrams/{name}.xml"] = f"application/vnd.openxmlformats-officedocument.{ct}+xml" if "." in ct else f"application/vnd.openxmlformats-officedocument.drawingml.{ct}+xml"
                body_xml = f'<dgm:dataModel xmlns:dgm="{dgm}"><dgm:extLst><dsp:dataModelExt xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" relId="rIdDr"/></dgm:extLst></dgm:dataModel>' if name == "data1" else f'<x xmlns="{dgm}">{name}</x>'
                out[f"{folder}/diagrams/{name}.xml"] = (_DECL + body_xml).encode()
        if self.numbering is not None:
            rels.append(("rIdNum", "numbering", "numbering.xml"))
            overrides[f"/{folder}/numbering.xml"] = _CT["numbering"]
            out[f"{folder}/numbering.xml"] = (_DECL + f"<w:numbering {NSDECL}>{self.numbering}</w:numbering>").encode()
        for i, (part, (rel_type, ct, data)) in enumerate(sorted(self.related.items())):
            out[part] = data
            rels.append((f"rId{i + 10}", rel_type, posixpath.relpath(part, folder)))
            overrides["/" + part] = f"{_WML}.{ct}"
        body = "".join(self.body) + f"<w:sectPr>{sect}{self.layout}</w:sectPr>"
        out[self.main] = (_DECL + f"<w:document {NSDECL}><w:body>{body}</w:body></w:document>").encode()
        out[f"{folder}/_rels/{main_name}.rels"] = (
            _DECL
            + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="{i}" Type="{t if t.startswith("http") else REL + "/" + t}" Target="{tg}"/>' for i, t, tg in rels)
            + "</Relationships>"
        ).encode()
        out["_rels/.rels"] = (
            _DECL
            + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="{"/" + self.main if self.content_types == "default" else self.main}"/></Relationships>'
        ).encode()
        if self.content_types == "default":  # the main part has no Override: the Default types it
            xml_default = f'<Default Extension="XML" ContentType="{_CT["document"]}"/>'
            overrides.pop("/" + self.main)
        else:
            xml_default = '<Default Extension="xml" ContentType="application/xml"/>'
        out["[Content_Types].xml"] = (
            _DECL
            + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            + xml_default
            + ('<Default Extension="png" ContentType="image/png"/>' if self.media else "")
            + ('<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>' if self.chart else "")
            + "".join(f'<Override PartName="{n}" ContentType="{c}"/>' for n, c in overrides.items())
            + "</Types>"
        ).encode()
        return out

    def save(self, path: Path) -> Path:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in self.parts().items():
                z.writestr(name, data)
        path.write_bytes(buf.getvalue())
        return path


def _story(tag: str, paras: list[str]) -> bytes:
    return story(tag, "".join(paras))


def story(tag: str, inner: str) -> bytes:
    """A story part's bytes: `inner` XML under a w:`tag` root (hdr, ftr, footnotes, styles...)."""
    return (_DECL + f"<w:{tag} {NSDECL}>{inner}</w:{tag}>").encode()


def hand_package(path: Path, body_xml: str, *, main: str = "word/document.xml", declare: str = "default", stories: dict[str, tuple[str, str, bytes]] | None = None) -> Path:
    """A .docx of one body, written by hand; by default the way .NET packaging writes one
    (`declare="default"`, see `Doc.content_types`). `stories`: part name -> (relationship
    type, content type suffix, bytes), related from the main part."""
    return Doc([body_xml], main=main, content_types=declare, related=dict(stories or {})).save(path)


def png(seed: int) -> bytes:
    """Distinct small 'image' bytes (the redline compares bytes; nothing decodes them)."""
    return b"\x89PNG\r\n\x1a\n" + bytes([seed]) * 32

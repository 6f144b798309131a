"""OLD/NEW pairs written by other programs: pandoc, LibreOffice and python-docx.

These are the documents docgen did not write and so cannot have been shaped to suit it: pandoc's
OMML equations and footnotes, LibreOffice's text frames, endnotes and page-style headers, and
python-docx's default template with merged cells and pictures. Each pair is described here as the
writer's own input (Markdown, flat ODF XML, python-docx calls); `corpus.generate` runs the writers,
every LibreOffice conversion in one soffice process.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from .wml import png

RED, BLUE, GREEN = png((200, 30, 30)), png((30, 30, 200)), png((30, 160, 30))


# --------------------------------------------------------------------------- pandoc
def pandoc_markdown(version: str) -> tuple[str, dict[str, bytes]]:
    """A consultation annex in Markdown: footnotes, an equation, a picture and a pipe table."""
    new = version == "new"
    images = {"chf.png": BLUE if new else RED}
    note = "As defined in Section A and Section H of the Code." if new else "As defined in Section A of the Code."
    power = "3" if new else "2"
    window = "01:00-05:00" if new else "00:30-05:30"
    extra_note = "[^2]" if new else ""
    text = f"""---
title: Annex F - Pre-Migration configuration
---

# Scope

This Annex applies to every SMETS1 Installation.[^1] The Supplier shall configure each Device
before it is Migrated{extra_note}.

The clock tolerance is $E = t^{power}$ seconds, and the retry interval is

$$ r = \\frac{{n}}{{2}} $$

![The CHF in its enclosure](chf.png)

| Cohort | Window        | Devices |
|--------|---------------|---------|
| FOC    | {window}   | ESME    |
| MOC    | 00:30-05:30   | GSME    |

[^1]: {note}
"""
    if new:
        text += "[^2]: Migration follows the DMCT Process.\n"
    return text, images


def run_pandoc(markdown: str, images: dict[str, bytes], out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="corpus-pandoc-") as tmp:
        folder = Path(tmp)
        for name, data in images.items():
            (folder / name).write_bytes(data)
        (folder / "in.md").write_text(markdown, encoding="utf-8")
        subprocess.run(
            ["pandoc", "-f", "markdown", "-t", "docx", "--resource-path", str(folder), "-o", str(out), str(folder / "in.md")],
            check=True,
            capture_output=True,
            timeout=120,
        )


# --------------------------------------------------------------------------- LibreOffice
_FODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)


@dataclass(frozen=True)
class Fodt:
    """A flat ODF text document: body markup plus the page style's header and footer."""

    body: str
    header: str = "DCC Public"
    footer: str = "SEC Appendix AL version 4.0"

    def to_bytes(self) -> bytes:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document {_FODT_NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
            "<office:automatic-styles>"
            '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" '
            'fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>'
            "<style:header-style/><style:footer-style/></style:page-layout>"
            '<style:style style:name="fr1" style:family="graphic"><style:graphic-properties style:wrap="right" '
            'fo:border="0.06pt solid #000000" fo:padding="0.1cm"/></style:style>'
            "</office:automatic-styles>"
            '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">'
            f"<style:header><text:p>{escape(self.header)}</text:p></style:header>"
            f"<style:footer><text:p>{escape(self.footer)}</text:p></style:footer>"
            "</style:master-page></office:master-styles>"
            f"<office:body><office:text>{self.body}</office:text></office:body></office:document>"
        ).encode()


def frame(name: str, *paragraphs: str) -> str:
    """A Writer text frame anchored to its paragraph (LibreOffice saves it as a Word text box)."""
    inner = "".join(f"<text:p>{escape(x)}</text:p>" for x in paragraphs)
    return (
        f'<draw:frame draw:style-name="fr1" draw:name="{name}" text:anchor-type="paragraph" svg:x="9cm" svg:y="0cm" '
        f'svg:width="7cm" draw:z-index="0"><draw:text-box fo:min-height="1.5cm">{inner}</draw:text-box></draw:frame>'
    )


def note(kind: str, note_id: str, text: str) -> str:
    return (
        f'<text:note text:id="{note_id}" text:note-class="{kind}"><text:note-citation>1</text:note-citation>'
        f"<text:note-body><text:p>{escape(text)}</text:p></text:note-body></text:note>"
    )


def lo_textbox_and_footer(version: str) -> Fodt:
    new = version == "new"
    box = frame("Frame1", "Note: FOC and MOC devices only." if new else "Note: FOC devices only.")
    body = (
        "<text:h text:outline-level=\"1\">Transition and Migration</text:h>"
        f"<text:p>{box}Cohorts are migrated in the order set by the DCC.</text:p>"
        "<text:p>The DCC shall publish the Migration schedule.</text:p>"
    )
    return Fodt(body, footer="SEC Appendix AL version 4.1" if new else "SEC Appendix AL version 4.0")


def lo_notes(version: str) -> Fodt:
    new = version == "new"
    endnote = note("endnote", "edn1", "See the DMVES, version 12.2." if new else "See the DMVES, version 12.")
    extra = note("footnote", "ftn2", "Including an Export Supplier.") if new else ""
    body = (
        "<text:h text:outline-level=\"1\">Alerts</text:h>"
        f"<text:p>Alerts are sent to the Import Supplier{note('footnote', 'ftn1', 'As defined in Section A.')}.</text:p>"
        f"<text:p>Device behaviour is listed in the DMVES{endnote} and its Supplier{extra} is told.</text:p>"
        "<text:p>The DCC shall keep this document under review.</text:p>"
    )
    return Fodt(body, header="DCC Controlled" if new else "DCC Public")


def lo_frame_added(version: str) -> Fodt:
    box = frame("Frame1", "Note: MOC devices are migrated last.") if version == "new" else ""
    body = (
        "<text:h text:outline-level=\"1\">Cohorts</text:h>"
        f"<text:p>{box}FOC, IOC and MOC are the three Cohorts.</text:p>"
        "<text:p>The DCC shall keep this document under review.</text:p>"
    )
    return Fodt(body)


def soffice_to_docx(sources: list[Path], outdir: Path) -> None:
    """Convert every source to .docx in one LibreOffice process (a start costs seconds)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise FileNotFoundError("soffice")
    with tempfile.TemporaryDirectory(prefix="corpus-lo-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), *map(str, sources)],
            check=True,
            capture_output=True,
            timeout=300,
        )


# --------------------------------------------------------------------------- python-docx
def python_docx(version: str) -> bytes:
    """A short appendix from python-docx's default template: numbered list, merged-cell annex
    table, picture, footer with the version."""
    from docx import Document
    from docx.shared import Inches

    new = version == "new"
    doc = Document()
    doc.core_properties.author = "python-docx corpus"
    doc.add_heading("Annex G – Device Model Combinations", level=1)
    doc.add_paragraph("The DCC adds a Device Model Combination as follows:")
    doc.add_paragraph("the DCC confirms the combination has passed the DMCT Process;", style="List Number")
    doc.add_paragraph("the DCC allocates an EPCL GroupID; and" if not new else "the DCC allocates an EPCL GroupID and a Cohort; and", style="List Number")
    doc.add_paragraph("the DCC publishes the updated table.", style="List Number")
    table = doc.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    head = table.cell(0, 0).merge(table.cell(0, 2))
    head.text = "Table G1 – EPCL GroupIDs"
    for r, row in enumerate((("GroupID", "Manufacturer", "Cohort"), ("0x0101", "Secure", "MOC" if new else "FOC"))):
        for c, value in enumerate(row):
            table.cell(r + 1, c).text = value
    doc.add_paragraph("The enclosure is shown below.")
    doc.add_picture(io.BytesIO(GREEN if new else RED), width=Inches(0.5))
    doc.add_paragraph("The DCC shall keep this Annex under review.")
    section = doc.sections[0]
    section.footer.paragraphs[0].text = f"SEC Appendix AM version {'12.2' if new else '12.0'}"
    section.header.paragraphs[0].text = "DCC Public"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()

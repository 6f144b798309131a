"""S1SR-like section 18 appendices written by tools other than docgen.

The outline is the S1SR's 18.5 in full: items (a) to (z), item (p) a lead-in whose six
sub-items (i) to (vi) finish its sentence, and a DMVES matrix row for every behaviour. The
clause texts are terse in the way real ones are: 18.4 names its SRV but leaves the Device
Model to the matrix. Variants change the outline (sub-items promoted to item level, an item
inserted or deleted) and the writers put it into Word the way a user's tool would:

* `python_docx_appendix`: python-docx paragraphs numbered from a numbering.xml written by
  hand here (one abstractNum, levels "18", "18.1", "(a)", "(i)"), the part python-docx
  ships replaced in the saved package;
* `pandoc_appendix`: markdown with typed "18.5" clause numbers and fancy (a)/(i) lists,
  converted by pandoc (each list is a numbering instance of its own);
* `style_numbered_appendix`: clauses in a hand-made Word list, items numbered by their
  paragraph style (the style's numPr names a second list that, like pandoc's, draws letters
  on every level) and sub-items in a third, roman list;
* `typed_appendix`: python-docx paragraphs whose every number is typed text ("18.5\t...",
  "(q)\t..."), the level only in the indentation, as in a document pasted from plain text;
* `libreoffice_resave`: any of them opened and saved again by LibreOffice.
"""

from __future__ import annotations

import io
import shutil
import string
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from renumber_builders import build_xlsx

HEADING = "Device Specific Behaviours"
MAKERS = ("Secure Liberty", "Landis Orbit", "Aclara Vega", "Elster Polaris", "Geo Solo", "Itron Crest", "Kaifa Halo")
TYPES = ("ESME", "GSME", "PPMID", "CHF")
SUB_ITEMS = (
    "no more than 48 half-hour periods are returned in one response;",
    "periods before the last change of supplier are not returned;",
    "values are not scaled;",
    "a request for more than 13 months is rejected;",
    "an empty period is returned as zero;",
    "the response is sent in one message;",
)
# Items whose text leaves the Device Model to the matrix; (q), right after the sub-items of
# (p), is one, so a promoted run is followed by a short item that reads like a sub-item.
TERSE = frozenset({3, 8, 13, 16, 18, 23})
# A real item as short and nameless as a sub-item: after a promoted run, only the previous
# version or the matrix can tell it is not the run's seventh sub-item.
NAMELESS = "the S1SP logs the rejection;"
INSERTED = "the Zenith Prime 9 ESME, on receipt of SRV 7.7, rejects the command until it has rejoined;"


@dataclass(frozen=True)
class Item:
    """One paragraph of the outline: level 0 the section, 1 a clause, 2 an item, 3 a sub-item.
    `model` and `srv` are what its DMVES row says (None: no row)."""

    level: int
    text: str
    model: str | None = None
    srv: str | None = None


def item_model(n: int) -> str:
    return f"{MAKERS[n % len(MAKERS)]} {100 + n} {TYPES[n % len(TYPES)]}"


def item_srv(n: int) -> str:
    return f"SRV {4 + n // 10}.{n % 10 + 1}.{n + 1}"


def good_outline(*, lead_in_at: int = 15, nameless_after: bool = False) -> list[Item]:
    """The correct appendix; `lead_in_at` is the index of the item with sub-items (15: (p));
    with `nameless_after` the item after it reads `NAMELESS` (its DMVES row unchanged)."""
    out = [
        Item(0, HEADING),
        Item(1, "This section lists the Device Models that deviate from GBCS."),
        Item(1, "Each deviation applies until the Device's firmware is upgraded."),
        Item(1, "The S1SP records every deviation it applies in its audit log."),
        Item(1, "On receipt of SRV 4.8.1, the S1SP returns zero values.", "Secure Liberty 100 ESME", "SRV 4.8.1"),
        Item(1, "The following Device Models behave as described:"),
    ]
    for n in range(26):
        model, srv = item_model(n), item_srv(n)
        if n == lead_in_at:
            out.append(Item(2, f"the {model}, on receipt of {srv}, applies the following constraints:", model, srv))
            out.extend(Item(3, text) for text in SUB_ITEMS)
        elif nameless_after and n == lead_in_at + 1:
            out.append(Item(2, NAMELESS, model, srv))
        elif n in TERSE:  # the model is left to the matrix
            out.append(Item(2, f"on receipt of {srv}, returns an empty log;", model, srv))
        else:
            end = "." if n == 25 else ";"
            out.append(Item(2, f"the {model}, on receipt of {srv}, rejects the command{end}", model, srv))
    return out


def promoted(outline: Sequence[Item]) -> list[Item]:
    """The drafting error: the sub-items lost a level, so the items after them shift."""
    return [Item(2, i.text) if i.level == 3 else i for i in outline]


def inserted(outline: Sequence[Item], at: int = 6) -> list[Item]:
    """A new item before the `at`-th item (6: a new 18.5(g))."""
    items = [k for k, i in enumerate(outline) if i.level == 2]
    k = items[at]
    return list(outline[:k]) + [Item(2, INSERTED, "Zenith Prime 9 ESME", "SRV 7.7")] + list(outline[k:])


def deleted(outline: Sequence[Item], at: int = 6) -> list[Item]:
    items = [k for k, i in enumerate(outline) if i.level == 2]
    k = items[at]
    return list(outline[:k]) + list(outline[k + 1 :])


def citing(outline: Sequence[Item], ref: str) -> list[Item]:
    """The outline with clause 18.2 ending with a cross-reference to `ref`."""
    out = list(outline)
    k = next(i for i, item in enumerate(out) if item.text.startswith("Each deviation applies"))
    out[k] = Item(1, f"Each deviation applies until the Device's firmware is upgraded, except as 18.5({ref}) provides.")
    return out


def moved(outline: Sequence[Item], source: int = 2, before: int = 8) -> list[Item]:
    """The `source`-th item (2: (c)) moved to just before the `before`-th (8: (i))."""
    items = [k for k, i in enumerate(outline) if i.level == 2]
    k, to = items[source], items[before]
    out = list(outline)
    item = out.pop(k)
    out.insert(to - 1 if to > k else to, item)
    return out


def refs_of(outline: Sequence[Item]) -> list[tuple[str, Item]]:
    """The reference each paragraph of the outline carries, as Word would number it."""
    out: list[tuple[str, Item]] = []
    counters = [17, 0, 0, 0]
    for item in outline:
        counters[item.level] += 1
        for deeper in range(item.level + 1, 4):
            counters[deeper] = 0
        ref = str(counters[0])
        if item.level >= 1:
            ref += f".{counters[1]}"
        if item.level >= 2:
            ref += f"({_letters(counters[2])})"
        if item.level >= 3:
            ref += f"({_roman(counters[3])})"
        out.append((ref, item))
    return out


def matrix_rows(outline: Sequence[Item]) -> list[tuple[str, str, str]]:
    return [(ref, i.model, i.srv) for ref, i in refs_of(outline) if i.model and i.srv]


def write_matrix(outline: Sequence[Item], path: Path) -> Path:
    return build_xlsx(matrix_rows(outline), path)


def _letters(n: int) -> str:
    letter = string.ascii_lowercase[(n - 1) % 26]
    return letter * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    return ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")[n - 1]


# --------------------------------------------------------------------------- python-docx

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_LEVELS = (("decimal", "%1", 0, 18), ("decimal", "%1.%2", 0, 1), ("lowerLetter", "(%3)", 720, 1), ("lowerRoman", "(%4)", 1440, 1))


def hand_made_numbering() -> bytes:
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left + 720}" w:hanging="720"/></w:pPr></w:lvl>'
        for k, (fmt, text, left, start) in enumerate(_LEVELS)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {_W}>'
        f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()


def python_docx_appendix(outline: Sequence[Item], path: Path) -> Path:
    document = docx.Document()
    for item in outline:
        paragraph = document.add_paragraph(item.text)
        ppr = paragraph._p.get_or_add_pPr()
        numpr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), str(item.level))
        num_id = OxmlElement("w:numId")
        num_id.set(qn("w:val"), "1")
        numpr.append(ilvl)
        numpr.append(num_id)
        ppr.append(numpr)
        if item.level == 0:
            paragraph.runs[0].bold = True
    buf = io.BytesIO()
    document.save(buf)
    path.write_bytes(_replace_part(buf.getvalue(), "word/numbering.xml", hand_made_numbering()))
    return path


def _replace_part(package: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, data if info.filename == name else src.read(info.filename))
    return out.getvalue()


_STYLES_END = b"</w:styles>"


def style_numbered_appendix(outline: Sequence[Item], path: Path) -> Path:
    document = docx.Document()
    for item in outline:
        paragraph = document.add_paragraph(item.text)
        ppr = paragraph._p.get_or_add_pPr()
        if item.level == 2:
            style = OxmlElement("w:pStyle")
            style.set(qn("w:val"), "DrItem")
            ppr.insert(0, style)
            continue
        numpr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", str(min(item.level, 1))), ("w:numId", "3" if item.level == 3 else "1")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), value)
            numpr.append(el)
        ppr.append(numpr)
    buf = io.BytesIO()
    document.save(buf)
    package = _replace_part(buf.getvalue(), "word/numbering.xml", _style_numbering())
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        styles = z.read("word/styles.xml")
    item_style = (
        f'<w:style {_W} w:type="paragraph" w:customStyle="1" w:styleId="DrItem"><w:name w:val="Drafting Item"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
    ).encode()
    path.write_bytes(_replace_part(package, "word/styles.xml", styles.replace(_STYLES_END, item_style + _STYLES_END)))
    return path


def _style_numbering() -> bytes:
    def lvl(k: int, fmt: str, text: str, left: int, start: int = 1) -> str:
        return (f'<w:lvl w:ilvl="{k}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left}" w:hanging="720"/></w:pPr></w:lvl>')

    clauses = lvl(0, "decimal", "%1", 720, 18) + lvl(1, "decimal", "%1.%2", 720)
    letters = "".join(lvl(k, "lowerLetter", f"(%{k + 1})", 1440 + 720 * k) for k in range(3))
    romans = lvl(0, "lowerRoman", "(%1)", 1440) + lvl(1, "lowerRoman", "(%2)", 2160)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {_W}>'
        f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{clauses}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>{letters}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/>{romans}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num></w:numbering>'
    ).encode()


def typed_appendix(outline: Sequence[Item], path: Path) -> Path:
    document = docx.Document()
    for ref, item in refs_of(outline):
        label = ref if item.level < 2 else "(" + ref.rsplit("(", 1)[1]
        if item.level == 0:
            document.add_heading(f"{label}\t{item.text}", level=1)
            continue
        paragraph = document.add_paragraph(f"{label}\t{item.text}")
        paragraph.paragraph_format.left_indent = docx.shared.Twips(720 * item.level)
    document.save(path)
    return path


# --------------------------------------------------------------------------- pandoc

def markdown(outline: Sequence[Item]) -> str:
    """Typed clause numbers ("18.5 The following ..."); items and sub-items as pandoc lists."""
    lines: list[str] = []
    previous = -1
    for ref, item in refs_of(outline):
        if item.level == 0:
            lines += [f"# {ref} {item.text}", ""]
        elif item.level == 1:
            if previous >= 2:
                lines.append("")
            lines += [f"{ref}\u00a0\u00a0{item.text}", ""]
        elif item.level == 2:
            if previous == 3:
                lines.append("")
            # Pandoc numbers a list from its first marker only; later markers are written
            # "(a)" too, since "(i)", "(v)" or "(cc)" would be read as roman and start a list.
            lines.append(f"(a) {item.text}")
        else:
            if previous == 2:
                lines.append("")
            lines.append(f"    (i) {item.text}")
        previous = item.level
    return "\n".join(lines) + "\n"


def pandoc_appendix(outline: Sequence[Item], path: Path) -> Path:
    source = path.with_suffix(".md")
    source.write_text(markdown(outline), encoding="utf-8")
    subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", str(path), str(source)], check=True, timeout=120)
    return path


def libreoffice_resave(path: Path, out_dir: Path) -> Path:
    """Open `path` in LibreOffice and save it as .docx again (its own numbering.xml)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / ".lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(path)],
        check=True,
        timeout=180,
        capture_output=True,
    )
    return out_dir / path.name


def have(tool: str) -> bool:
    return shutil.which(tool) is not None

"""Reading a returned response form: its markers, its tables, and what the respondent ticked.

Respondents fill the form in Word, LibreOffice or something else, and tick boxes in many
ways: clicking the check box content control (Word sets w14:checked and swaps the glyph),
typing X over the box, pasting ☒ or ☑, inserting a Wingdings symbol, deleting the options
they do not choose, or simply typing "Agree". `docgen.ooxml.forms` turns each table cell into plain
text in which every box is ☐ or ☒; this module reads a choice from that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docgen.errors import InputError
from docgen.ooxml.content import TICKED_GLYPHS
from docgen.ooxml.custom_properties import CUSTOM_PART, read_custom_properties
from docgen.ooxml.forms import CellText, document_paragraphs, document_tables
from docgen.ooxml.package import Package
from docgen.ooxml.parts import find_main_part
from docgen.pack.positions import EMPTY_GLYPHS

# Glyphs people use for a ticked box (TICKED_GLYPHS, shared with the content walk) or an
# empty one (EMPTY_GLYPHS, shared with the position reading); "x"/"X" only counts when it
# stands alone before an option.
AGREEMENT = ("Agree", "Disagree", "No opinion")
YES_NO = ("Yes", "No")


@dataclass
class FormFile:
    """What a .docx offers collation: its docgen markers and its tables as rows of cell text."""

    path: Path
    markers: dict[str, str]
    tables: list[list[list[str]]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # text outside the tables (a letter's prose)


def read_form(path: Path) -> FormFile:
    """Open a returned form through the defensive package reader (raises InputError).

    The template invites returns "in PDF or similar format", so a PDF (printed from Word or
    exported by LibreOffice) is read too: its tables through pdfplumber's table finder, and
    its docgen markers from the document information when the exporter kept them.
    """
    if Path(path).suffix.lower() == ".pdf":
        return _read_pdf_form(Path(path))
    with Package(path, kind="Word document") as pkg:
        markers = read_custom_properties(pkg.xml(CUSTOM_PART)) if pkg.has(CUSTOM_PART) else {}
        main = find_main_part(pkg.parts(), pkg.limits, file=str(pkg.path))
        if main is None:
            raise InputError(path, "is not a Word document (no word/document.xml)", "send the .docx response form")
        root = pkg.xml(main)
    return FormFile(Path(path), markers, document_tables(root), document_paragraphs(root))


# ---------------------------------------------------------------------------------------
# Choices


@dataclass(frozen=True)
class Choice:
    value: str | None  # one of the options, or None when nothing (or too much) was chosen
    problem: str | None = None


def read_choice(text: str, options: tuple[str, ...], emphasised: tuple[str, ...] = ()) -> Choice:
    """Which option a cell chooses.

    An option counts as chosen when the box just before it is ticked (☒, ☑, ✓, a lone X, [x]),
    when it is the one option made bold or highlighted (`emphasised`: the cell's emphasised
    stretches, see docgen.ooxml.forms.CellText), or when it stands with no box at all (typed
    "Agree", or the template's boxes deleted). If every box is left empty but only one
    option is left in the cell, the respondent deleted the others, and that one is the choice.
    """
    marked = _unique([_canonical(m, options) for m in (s.strip(f" .:;-{EMPTY_GLYPHS}{TICKED_GLYPHS}") for s in emphasised) if any(m.lower() == o.lower() for o in options)])
    if len(marked) > 1:
        return Choice(None, f"marks more than one of {' / '.join(options)} in bold or highlight ({', '.join(marked)})")
    pattern = re.compile(r"\b(" + "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True)) + r")\b", re.IGNORECASE)
    found = []  # (option, state) where state is "ticked", "empty" or "bare"
    previous_end = 0
    for m in pattern.finditer(text):
        gap = text[previous_end : m.start()]
        found.append((_canonical(m.group(1), options), _box_state(gap)))
        previous_end = m.end()
    ticked = _unique([o for o, s in found if s == "ticked"])
    bare = _unique([o for o, s in found if s == "bare"])
    present = _unique([o for o, _ in found])
    if len(ticked) == 1:
        if marked and marked[0] != ticked[0]:
            return Choice(None, f"has {ticked[0]} ticked but {marked[0]} marked in bold or highlight")
        return Choice(ticked[0])
    if len(ticked) > 1:
        return Choice(None, f"ticked more than one of {' / '.join(options)} ({', '.join(ticked)})")
    if marked:
        return Choice(marked[0])
    if len(bare) == 1:
        return Choice(bare[0])
    if len(bare) > 1:
        return Choice(None, f"the answer names more than one of {' / '.join(options)} ({', '.join(bare)})")
    if len(present) == 1 and len(options) > 1:
        return Choice(present[0])
    return Choice(None)


def _canonical(word: str, options: tuple[str, ...]) -> str:
    return next(o for o in options if o.lower() == " ".join(word.split()).lower())


def _box_state(gap: str) -> str:
    tail = gap[-6:]  # only what sits right before the option belongs to it
    if any(g in tail for g in TICKED_GLYPHS) or re.search(r"(^|\s|\[)[xX](\]|\s|$)", tail):
        return "ticked"
    if any(g in tail for g in EMPTY_GLYPHS) or re.search(r"\[\s*\]", tail):
        return "empty"
    return "bare"


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _pdf_cell(page, bbox, text: str | None) -> str:
    """A table cell of a PDF form: its lines as the form's, and (as in a .docx) the words set
    in bold where only some of the cell's are: a respondent who made "Agree" bold in Word
    and printed the form keeps that mark."""
    text = text or ""
    joined = " ".join(text.split()) if "\n" not in text else "\n".join(" ".join(line.split()) for line in text.splitlines())
    if bbox is None or not joined:
        return joined
    words = page.crop(bbox).extract_words(extra_attrs=["fontname"])
    stretches: list[str] = []
    current: list[str] = []
    plain = False
    for word in words:
        if "bold" in str(word.get("fontname", "")).lower():
            current.append(word["text"])
            continue
        if word["text"].strip(EMPTY_GLYPHS + TICKED_GLYPHS):
            plain = True
        if current:
            stretches.append(" ".join(current))
        current = []
    if current:
        stretches.append(" ".join(current))
    return CellText.of(joined, tuple(stretches) if plain else ())


def _read_pdf_form(path: Path) -> FormFile:
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as pdf:
            info = {str(k): v for k, v in (pdf.metadata or {}).items()}
            tables = []
            lines: list[str] = []
            for page in pdf.pages:
                found = page.find_tables()
                if not found:
                    lines.extend((page.extract_text() or "").splitlines() + [""])
                for table in found:
                    rows = [
                        [_pdf_cell(page, bbox, text) for bbox, text in zip(row.cells, texts)]
                        for row, texts in zip(table.rows, table.extract())
                    ]
                    tables.append([row for row in rows if any(row)])
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        raise InputError(path, f"is not a readable PDF ({type(exc).__name__})", "send the form as .docx, or export the PDF again") from None
    markers = {k: v if isinstance(v, str) else v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for k, v in info.items() if k.startswith("docgen.")}
    return FormFile(path, markers, [t for t in tables if t], lines)

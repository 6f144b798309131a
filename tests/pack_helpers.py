"""Fixtures for the pack tests: pack descriptions written as TOML text, and response forms
filled in the ways respondents fill them (Word's check box, a pasted ☒, a typed X, the
word "Agree" typed over the boxes).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Callable

from docx import Document
from docx.oxml.ns import qn

REPO = Path(__file__).resolve().parents[1]
# The moment the response templates of the form tests are made at.
MOMENT = dt.datetime(2025, 2, 5)
W14_CHECKED = "{http://schemas.microsoft.com/office/word/2010/wordml}checked"
W14_VAL = "{http://schemas.microsoft.com/office/word/2010/wordml}val"

HEADER = """\
title = "{title}"
reference = "{reference}"
published = {published}
respond_by = {respond_by}
contact = "consultations@example.org"
{extra}
"""

DOCUMENT = """\
[[documents]]
short_name = "{short}"
name = "{name}"
appendix = "{appendix}"
{files}
"""

QUESTIONS = """\
[[questions]]
id = "T Q1"
text = "Do you agree with the proposed change?"

[[questions]]
id = "T Q2"
text = "Do you agree with the proposed date?"

[[questions]]
id = "T Q3"
text = "Any other comments?"
kind = "open"
"""


def pack_text(
    *,
    reference: str = "test-pack",
    title: str = "Test consultation",
    published: str = "2025-02-05",
    respond_by: str = "2025-03-05T16:00:00",
    documents: list[tuple[str, str, str]] | None = None,
    files: dict[str, str] | None = None,
    extra: str = "",
    questions: str = QUESTIONS,
    tail: str = "",
) -> str:
    """A pack description; `documents` are (short name, name, appendix), `files` the TOML
    lines (old/new/versions) to put under the document of that short name."""
    documents = documents or [("S1SR", "SMETS1 Supporting Requirements", "AM")]
    parts = [HEADER.format(title=title, reference=reference, published=published, respond_by=respond_by, extra=extra)]
    for short, name, appendix in documents:
        parts.append(DOCUMENT.format(short=short, name=name, appendix=appendix, files=(files or {}).get(short, "")))
    parts.append(questions)
    parts.append(tail)
    return "\n".join(parts)


def write_pack(folder: Path, text: str, name: str = "pack.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------
# Filling forms


def blank_form(pack) -> bytes:
    """The pack's response template, as a respondent receives it."""
    from docgen.pack.response_template import response_template_docx

    return response_template_docx(pack, MOMENT)


def filled_form(folder: Path, blank: bytes, name: str, fill: Callable) -> Path:
    """A returned form: the blank template, filled by `fill` (python-docx), saved as `name`."""
    document = open_form(blank)
    fill(document)
    return save_form(document, folder / name)


def csv_rows(path: Path) -> list[dict[str, str]]:
    """A CSV docgen wrote (UTF-8 with a byte-order mark, for Excel) as dicts by header."""
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def open_form(data: bytes):
    return Document(io.BytesIO(data))


def save_form(document, path: Path) -> Path:
    document.save(str(path))
    return path


def _table_starting(document, first_cell: str):
    for table in document.tables:
        if table.rows and table.rows[0].cells[0].text.strip() == first_cell:
            return table
    raise AssertionError(f"no table starting with {first_cell!r}")


def _row(table, label: str):
    for row in table.rows:
        if row.cells[0].text.strip().lower().startswith(label.lower()):
            return row
    raise AssertionError(f"no row {label!r}")


def type_in(cell, text: str) -> None:
    """Type into an answer box the way Word leaves it: one paragraph per line."""
    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def fill_details(document, *, name: str = "", organisation: str = "", contact: str = "") -> None:
    table = _table_starting(document, "Respondent name")
    type_in(_row(table, "Respondent name").cells[1], name)
    type_in(_row(table, "Organisation").cells[1], organisation)
    type_in(_row(table, "Contact").cells[1], contact)


def tick(cell, label: str, how: str = "click") -> None:
    """Mark the box before `label` in a choice cell.

    click: what Word does (w14:checked and the ☒ glyph); glyph: only the glyph pasted over;
    x: the box replaced by a typed X; typed: the whole cell replaced by the word.
    """
    if how == "typed":
        for p in cell.paragraphs[1:]:
            p._p.getparent().remove(p._p)
        cell.paragraphs[0].text = label
        return
    sdts = list(cell._tc.iter(qn("w:sdt")))
    labels = [r.text.strip() for r in cell._tc.iter(qn("w:t")) if r.text and r.text.strip() not in ("\u2610", "\u2612")]
    index = labels.index(label)
    sdt = sdts[index]
    glyph = next(sdt.iter(qn("w:t")))
    if how == "click":
        next(sdt.iter(W14_CHECKED)).set(W14_VAL, "1")
        glyph.text = "\u2612"
    elif how == "glyph":
        glyph.text = "\u2612"
    elif how == "x":
        glyph.text = "X"
    else:
        raise ValueError(how)


def answer(document, question_id: str, *, view: str | None = None, rationale: str = "", how: str = "click") -> None:
    table = _table_starting(document, question_id)
    if view is not None:
        tick(_row(table, "Your view").cells[1], view, how)
    if rationale:
        type_in(_row(table, "Rationale").cells[1], rationale)


def confidential(document, yes: bool, how: str = "click") -> None:
    table = _table_starting(document, "Do you want your response to be treated as confidential?")
    tick(table.rows[0].cells[1], "Yes" if yes else "No", how)


def drop_markers(path: Path) -> Path:
    """The form re-saved by a tool that loses custom properties (e.g. copied into a new file)."""
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(data, "w") as dst:
        for item in src.infolist():
            if item.filename == "docProps/custom.xml":
                continue
            body = src.read(item.filename)
            if item.filename in ("_rels/.rels", "[Content_Types].xml"):
                text = body.decode("utf-8")
                text = "".join(
                    part for part in _split_tags(text) if "custom-properties" not in part and "custom.xml" not in part
                )
                body = text.encode("utf-8")
            dst.writestr(item, body)
    path.write_bytes(data.getvalue())
    return path


def _split_tags(xml: str) -> list[str]:
    out, start = [], 0
    while True:
        i = xml.find("<", start + 1)
        if i == -1:
            out.append(xml[start:])
            return out
        out.append(xml[start:i])
        start = i

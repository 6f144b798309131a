"""`docgen responses collate --pdf`: the conclusion and the letter printed by LibreOffice, the
conclusion's contents with the pages the headings landed on, and the confidentiality check
run again over what the PDFs show before anything is written. Also the -o contract.

Forms are the pack's template filled with python-docx; PDFs are read back with pdfplumber.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from docx import Document

from docgen import soffice
from docgen.commands import responses as collate_command
from docgen.commands.responses import CONCLUSION_NAME, RECOMMENDATION_NAME, run
from docgen.errors import DocgenError, UsageError
from docgen.pack import disclosure
from docgen.pack.load import load_pack
from docgen.pack.response_template import response_template_docx
from pack_helpers import REPO, answer, confidential, fill_details, open_form, pack_text, save_form, write_pack

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_soffice = pytest.mark.skipif(not soffice.available(), reason="LibreOffice (soffice) is not installed")


@pytest.fixture()
def pack_path(tmp_path: Path) -> Path:
    return write_pack(tmp_path, pack_text(extra="report_by = 2025-04-02\nredesignation = 2025-04-30"))


def _forms(folder: Path, pack_path: Path, other_comment: str = "We agree.") -> list[Path]:
    blank = response_template_docx(load_pack(pack_path), dt.datetime(2025, 2, 5))
    out = []

    def secret(d):
        fill_details(d, name="Ruth Cole", organisation="Hushwater Energy Ltd", contact="ruth@hushwater.example")
        confidential(d, True)
        answer(d, "T Q1", view="Agree", rationale="Our 900 meters need this.")

    def open_one(d):
        fill_details(d, name="Sam Hill", organisation="Plain Power plc")
        confidential(d, False)
        answer(d, "T Q1", view="Agree", rationale=other_comment)
        answer(d, "T Q2", view="Disagree", rationale="The date is too early.")

    for name, fill in (("secret", secret), ("open", open_one)):
        document = open_form(blank)
        fill(document)
        out.append(save_form(document, folder / f"{name}.docx"))
    return out


def _pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@needs_soffice
def test_pdfs_are_written_and_the_contents_give_the_pages_the_headings_are_on(tmp_path, pack_path):
    out = tmp_path / "out"
    assert run(_forms(tmp_path, pack_path), out, pack_path, pdf=True) == 0
    pages = _pages((out / "conclusion.pdf").read_bytes())
    assert (out / "recommendation-letter.pdf").exists()
    contents = next(i for i, p in enumerate(pages) if "Table of Contents" in p)
    entries = re.findall(r"^(\d+(?:\.\d+)*\. .+?)\.{2,}\s*(\d+)$", pages[contents], re.M)
    assert len(entries) >= 8, pages[contents]
    for heading, page in entries:
        landed = next(i + 1 for i, p in enumerate(pages) if i > contents and any(line.startswith(heading) for line in p.splitlines()))
        assert int(page) == landed, (heading, page, landed)
    # the .docx carries the same numbers in its PAGEREF results
    document = Document(str(out / CONCLUSION_NAME))
    results = [t.text for h in document.element.body.iter(f"{W}hyperlink") for t in h.iter(f"{W}t")]
    assert [p for _, p in entries] == [r for r in results if r.isdigit()]
    assert "Hushwater" not in "\n".join(pages) + "\n".join(_pages((out / "recommendation-letter.pdf").read_bytes()))


def test_a_name_hidden_by_an_invisible_character_is_redacted_in_the_docx(tmp_path, pack_path):
    """'Hush\\u00adwater' (a soft hyphen, as pasted from the web) shows as 'Hushwater'."""
    out = tmp_path / "out"
    assert run(_forms(tmp_path, pack_path, "Unlike Hush\u00adwater we agree."), out, pack_path) == 0
    text = "\n".join(p.text for t in Document(str(out / CONCLUSION_NAME)).tables for row in t.rows for c in row.cells for p in c.paragraphs)
    assert "Unlike [name withheld] we agree." in text


@needs_soffice
def test_a_name_only_the_pdf_shows_stops_everything(tmp_path, pack_path, monkeypatch):
    """The PDF check on its own: with the invisible-character handling switched off, the
    redaction and the .docx check miss 'Hush\\u00adwater', but the printed PDF shows
    'Hushwater', and its text is checked before anything is written."""
    monkeypatch.setattr(disclosure, "visible", lambda text: text)
    out = tmp_path / "out"
    forms = _forms(tmp_path, pack_path, "Unlike Hush\u00adwater we agree.")
    with pytest.raises(DocgenError) as caught:
        run(forms, out, pack_path, pdf=True)
    message = str(caught.value)
    assert message.startswith("conclusion.pdf: would name a respondent who asked for confidentiality ('Hushwater', a form of the respondent of secret.docx) in the section on T Q1")
    assert "nothing was written" in message and "\n" not in message
    assert not out.exists()


def test_pdf_without_libreoffice_is_a_one_line_error(tmp_path, pack_path, monkeypatch):
    monkeypatch.setattr(collate_command.soffice, "available", lambda: False)
    with pytest.raises(UsageError, match="--pdf needs LibreOffice"):
        run(_forms(tmp_path, pack_path), tmp_path / "out", pack_path, pdf=True)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("where", ["file", "inside-file"])
def test_output_that_is_a_file_is_a_one_line_error_and_nothing_is_written(tmp_path, pack_path, where):
    forms = _forms(tmp_path, pack_path)
    existing = tmp_path / "notes.txt"
    existing.write_text("keep me\n", encoding="utf-8")
    target = existing if where == "file" else existing / "out"
    before = sorted(p.name for p in tmp_path.iterdir())
    done = subprocess.run(
        [sys.executable, "-m", "docgen", "responses", "collate", *map(str, forms), "-o", str(target), "--pack", str(pack_path)],
        capture_output=True, text=True, cwd=REPO,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a folder" in lines[0] and str(target) in lines[0], done.stderr
    assert existing.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_name_in_the_documents_properties_stops_everything(tmp_path, pack_path, monkeypatch):
    """A restyled template (DOCGEN_TEMPLATES) still carrying a respondent's name in its
    keywords, which Word shows in File > Info and a KEYWORDS field prints."""
    from docgen.pack.templates import BUNDLED

    folder = tmp_path / "templates"
    folder.mkdir()
    template = Document(str(BUNDLED / "conclusion.docx"))
    template.core_properties.keywords = "Hushwater Energy Ltd; response 2024"
    template.save(str(folder / "conclusion.docx"))
    monkeypatch.setenv("DOCGEN_TEMPLATES", str(folder))
    out = tmp_path / "out"
    with pytest.raises(DocgenError) as caught:
        run(_forms(tmp_path, pack_path), out, pack_path)
    assert str(caught.value).startswith("conclusion.docx: would name a respondent who asked for confidentiality ('Hushwater Energy Ltd', a form of the respondent of secret.docx)")
    assert not out.exists()


@needs_soffice
def test_without_pdf_the_conclusion_s_contents_still_have_page_numbers(tmp_path, pack_path):
    out = tmp_path / "out"
    assert run(_forms(tmp_path, pack_path), out, pack_path) == 0
    assert not (out / "conclusion.pdf").exists()
    document = Document(str(out / CONCLUSION_NAME))
    results = [t.text for h in document.element.body.iter(f"{W}hyperlink") for t in h.iter(f"{W}t") if t.text.strip().isdigit()]
    headings = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert len(results) == len(headings) and results[0] == "3" and results == sorted(results, key=int)

"""Every summary of a redline counts and lists the changes of every story, per story.

A change only in a footnote, a table cell, a header, a text box (or a comment, an endnote)
used to be in the tracked-change .docx and in no summary. Each pair here differs in one
story only, and the test reads that change back from each place a summary appears: the
line on stderr, `--summary json` (counts per story), the HTML (notes printed with their
marks), the PDF's summary page (through pdftotext) and the pack's drafting table.

The pairs come from other tools than docgen: hand-written XML (tests/corpus/wml.py, with
the typed separator notes Word writes), python-docx, and LibreOffice re-saves.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from corpus.wml import Doc, note_ref, p, r, text_box
from docgen import soffice
from docgen.pack.drafting import clause_changes
from docgen.readers.docx import read_docx
from docgen.transforms.compare import compare, summary_lines
from docgen.writers.redline_html import render_html

needs_pdf = pytest.mark.skipif(not soffice.available() or shutil.which("pdftotext") is None, reason="LibreOffice and pdftotext are needed for the PDF")

CLAUSE = "1.1 The Supplier shall keep the register of Devices"
LATER = "1.2 The register shall be kept for seven years"


def commented(text: str, comment_id: int) -> str:
    return (
        f'<w:p><w:commentRangeStart w:id="{comment_id}"/>{r(text)}<w:commentRangeEnd w:id="{comment_id}"/>'
        f'<w:r><w:commentReference w:id="{comment_id}"/></w:r></w:p>'
    )


@dataclass
class Outputs:
    line: str
    summary: dict
    html: str
    pdf_text: str | None


def redline(tmp_path: Path, old: Path, new: Path, *, pdf: bool = False) -> Outputs:
    out, html, pdf_path = tmp_path / "red.docx", tmp_path / "red.html", tmp_path / "red.pdf"
    args = [sys.executable, "-m", "docgen", "redline", str(old), str(new), "-o", str(out), "--html", str(html), "--date", "2025-01-01", "--summary", "json"]
    if pdf:
        args += ["--pdf", str(pdf_path)]
    run = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    (line,) = [x for x in run.stderr.splitlines() if x.startswith("docgen redline:")]
    pdf_text = None
    if pdf:
        pdf_text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    return Outputs(line, json.loads(run.stdout), html.read_text(encoding="utf-8"), pdf_text)


def only(summary: dict, story: str, kind: str = "modified", n: int = 1) -> None:
    """The story (and no other) counts `n` paragraphs of `kind`; no clause of the body changed."""
    for key, counts in summary["stories"].items():
        expected = n if key == story else 0
        assert counts[kind] == expected, (key, summary["stories"])
        assert sum(counts.values()) == expected, (key, summary["stories"])
    assert summary["inserted"] == summary["deleted"] == summary["modified"] == summary["moved"] == []


def _footnote_pair(tmp_path: Path) -> tuple[Path, Path]:
    body = [p(r(CLAUSE), note_ref("footnote", 1)), p(r(LATER))]
    old = Doc(body, footnotes={1: [p(r("Devices of the Secure Liberty range are listed first."))]})
    new = Doc(body, footnotes={1: [p(r("Devices of the Secure Liberty range are listed last."))]})
    return old.save(tmp_path / "old.docx"), new.save(tmp_path / "new.docx")


@needs_pdf
def test_a_change_only_in_a_footnote_is_in_every_summary_and_the_html_prints_the_note(tmp_path: Path):
    old, new = _footnote_pair(tmp_path)
    got = redline(tmp_path, old, new, pdf=True)
    assert got.line.endswith("; paragraphs changed by story: footnotes 1"), got.line
    only(got.summary, "footnotes")
    assert got.summary["story_changes"] == [
        {"story": "footnotes", "label": "footnote 1", "clause": "1.1", "status": "modified", "inserted": 0, "deleted": 0, "modified": 1, "moved": 0}
    ]
    # The HTML: the summary links to the note, printed after the body with its marks.
    assert '<a href="#fn-new-1">footnote 1 (in 1.1): 1 paragraph modified</a>' in got.html
    note = got.html[got.html.index('id="fn-new-1"') :]
    assert "Devices of the Secure Liberty range are listed <del>first</del><ins>last</ins>." in note
    assert "<h2>Footnotes</h2>" in got.html and "<p>No differences.</p>" not in got.html
    assert f'{CLAUSE.split(" ", 1)[1]}<sup class="ref" title="footnote 1"><a href="#fn-new-1">1</a></sup>' in got.html
    # The PDF: its summary page counts the footnote; the note itself is printed with its change.
    assert got.pdf_text is not None
    assert re.search(r"Footnotes\s+0\s+0\s+1\s+0", got.pdf_text), got.pdf_text
    assert "footnote 1 (in 1.1): 1 paragraph modified" in got.pdf_text
    assert "Devices of the Secure Liberty range are listed" in got.pdf_text.split("Key:")[1]


def _python_docx(path: Path, *, cell: str = "Secure Liberty 100", header: str = "SEC Appendix AM version 11") -> Path:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = header
    d.add_paragraph(CLAUSE)
    table = d.add_table(rows=2, cols=2)
    for (i, j), text in {(0, 0): "Device Model", (0, 1): "SRV", (1, 0): cell, (1, 1): "8.1"}.items():
        table.cell(i, j).text = text
    d.add_paragraph(LATER)
    d.save(str(path))
    return path


@needs_pdf
def test_a_change_only_in_a_table_cell_is_counted_under_tables_with_its_clause(tmp_path: Path):
    old = _python_docx(tmp_path / "old.docx")
    new = _python_docx(tmp_path / "new.docx", cell="Secure Liberty 200")
    got = redline(tmp_path, old, new, pdf=True)
    assert got.line.endswith("; paragraphs changed by story: tables 1"), got.line
    only(got.summary, "tables")
    (change,) = got.summary["story_changes"]
    assert change["label"] == "table 1" and change["clause"] == "1.1"
    assert "table 1 (in 1.1): 1 paragraph modified</a>" in got.html
    assert "Secure Liberty <del>100</del><ins>200</ins>" in got.html
    assert got.pdf_text is not None and re.search(r"Tables\s+0\s+0\s+1\s+0", got.pdf_text)
    assert "table 1 (in 1.1): 1 paragraph modified" in got.pdf_text


@needs_pdf
def test_a_change_only_in_a_header_is_counted_under_headers(tmp_path: Path):
    old = _python_docx(tmp_path / "old.docx")
    new = _python_docx(tmp_path / "new.docx", header="SEC Appendix AM version 12")
    got = redline(tmp_path, old, new, pdf=True)
    assert got.line.endswith("; paragraphs changed by story: headers 1"), got.line
    only(got.summary, "headers")
    (change,) = got.summary["story_changes"]
    assert change["label"] == "header (section 1)" and change["clause"] is None
    assert '<a href="#hdr-new-1">header (section 1): 1 paragraph modified</a>' in got.html and 'id="hdr-new-1"' in got.html
    assert "SEC Appendix AM version <del>11</del><ins>12</ins>" in got.html
    assert got.pdf_text is not None and "header (section 1): 1 paragraph modified" in got.pdf_text


@needs_pdf
def test_a_change_only_in_a_text_box_is_counted_under_text_boxes(tmp_path: Path):
    def doc(words: str) -> Doc:
        return Doc([p(r(CLAUSE)), p(r("See the box."), text_box(p(r(words)))), p(r(LATER))])

    old = doc("Read with Annex A of the Appendix").save(tmp_path / "old.docx")
    new = doc("Read with Annex B of the Appendix").save(tmp_path / "new.docx")
    got = redline(tmp_path, old, new, pdf=True)
    assert got.line.endswith("; paragraphs changed by story: text boxes 1"), got.line
    only(got.summary, "text_boxes")
    assert got.summary["story_changes"][0]["clause"] == "1.1"
    assert "Read with Annex <del>A</del><ins>B</ins> of the Appendix" in got.html
    assert got.pdf_text is not None and "text box 1 (in 1.1): 1 paragraph modified" in got.pdf_text


def test_a_libreoffice_resave_keeps_the_footnote_change_in_the_summary(tmp_path: Path):
    if not soffice.available():
        pytest.skip("LibreOffice (soffice) is not installed")
    old, new = _footnote_pair(tmp_path)
    resaved = soffice.convert([old, new], "docx", tmp_path / "lo")
    assert [p.name for p in resaved] == ["old.docx", "new.docx"]
    got = redline(tmp_path, *resaved)
    only(got.summary, "footnotes")
    assert "Devices of the Secure Liberty range are listed <del>first</del><ins>last</ins>." in got.html
    assert "Footnotes: footnote 1 (in 1.1): 1 paragraph modified" in summary_lines(compare(read_docx(resaved[0]), read_docx(resaved[1])))


def test_a_deleted_endnote_and_an_added_comment_are_counted(tmp_path: Path):
    old = Doc([p(r(CLAUSE), note_ref("endnote", 1)), p(r(LATER))], endnotes={1: [p(r("As designated in 2021."))]})
    new = Doc([p(r(CLAUSE)), commented(LATER, 1)], comments={1: "Check the period with DCC."})
    comparison = compare(read_docx(old.save(tmp_path / "old.docx")), read_docx(new.save(tmp_path / "new.docx")))
    summary = comparison.summary()
    assert summary["stories"]["endnotes"]["deleted"] == 1 and summary["stories"]["comments"]["inserted"] == 1
    labels = {c["label"]: c for c in summary["story_changes"]}
    assert labels["endnote 1 of the old version"]["status"] == "deleted" and labels["endnote 1 of the old version"]["clause"] == "1.1"
    assert labels["comment 1"]["clause"] == "1.2" and labels["comment 1"]["status"] == "inserted"
    html = render_html(comparison)
    assert '<sup class="ref" title="endnote 1 of the old version"><del><a href="#en-old-1">1</a></del></sup>' in html
    assert '<div class="story deleted" id="en-old-1">' in html and "<del>As designated in 2021.</del>" in html
    assert "<h2>Comments</h2>" in html and "<ins>Check the period with DCC.</ins>" in html


def test_the_drafting_table_names_the_clause_a_note_or_cell_change_stands_in(tmp_path: Path):
    old, new = _footnote_pair(tmp_path)
    changes, untabled = clause_changes(compare(read_docx(old), read_docx(new)))
    assert [(c.ref, c.kinds, c.stories) for c in changes] == [("1.1", ("modified",), ("footnote 1",))]
    assert untabled == []

    old = _python_docx(tmp_path / "t-old.docx")
    new = _python_docx(tmp_path / "t-new.docx", cell="Secure Liberty 200", header="SEC Appendix AM version 12")
    changes, untabled = clause_changes(compare(read_docx(old), read_docx(new)))
    assert [(c.ref, c.kinds, c.stories) for c in changes] == [("1.1", ("modified",), ("table 1",))]
    assert untabled == ["header (section 1): SEC Appendix AM version 12"]


def test_an_unchanged_pair_says_no_differences_in_every_story(tmp_path: Path):
    old, _ = _footnote_pair(tmp_path)
    comparison = compare(read_docx(old), read_docx(old))
    summary = comparison.summary()
    assert summary["story_changes"] == [] and all(not any(c.values()) for c in summary["stories"].values())
    assert summary_lines(comparison) == ["0 inserted, 0 deleted, 0 modified, 0 moved, 0 renumbered"]


def test_the_consultation_row_shows_a_clause_changed_only_in_its_footnote(tmp_path: Path):
    from docgen.pack.consultation import row_text
    from docgen.pack.drafting import DraftingRow

    old, new = _footnote_pair(tmp_path)
    comparison = compare(read_docx(old), read_docx(new))
    xml = str(row_text(DraftingRow("S1SR", "1.1", "Footnote corrected.", changed=("1.1",)), comparison))
    assert "Footnote 1: " in xml
    struck = re.search(r"<w:strike/>.*?<w:t[^>]*>([^<]*)</w:t>", xml, re.S)
    assert struck is not None and struck.group(1) == "first"
    assert "further changed paragraphs" not in xml

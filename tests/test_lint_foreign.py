"""The lint on S1SR-like appendices that other tools wrote (tests/foreign_appendix.py).

A correct appendix must lint clean, so a CI job on it passes; each drafting change must be
named for what it is: a promotion is an error with its fix, an insertion a warning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.checks.lint import lint
from docgen.readers import read_document, read_matrix
from foreign_appendix import good_outline, have, libreoffice_resave, pandoc_appendix, python_docx_appendix, refs_of, write_matrix

WRITERS = ["python-docx", "pandoc", "python-docx+libreoffice", "pandoc+libreoffice"]


def write(writer: str, outline, path: Path) -> Path:
    """`outline` as the named tool chain writes it; skips when the tool is missing."""
    tool, _, resave = writer.partition("+")
    if tool == "pandoc" and not have("pandoc"):
        pytest.skip("pandoc is not installed")
    if resave and not have("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    made = (pandoc_appendix if tool == "pandoc" else python_docx_appendix)(outline, path)
    return libreoffice_resave(made, path.parent / "resaved") if resave else made


@pytest.mark.parametrize("writer", WRITERS)
def test_a_correct_appendix_with_terse_clauses_lints_clean(writer, tmp_path):
    outline = good_outline()
    doc = read_document(write(writer, outline, tmp_path / "good.docx"))
    assert [c.ref for c in doc.clauses] == [ref for ref, _ in refs_of(outline)]
    report = lint(doc, matrix=read_matrix(write_matrix(outline, tmp_path / "dmves.xlsx")))
    assert report.errors == [] and report.warnings == []
    assert report.exit_code == 0
    # 18.4 names its SRV but leaves the Device Model to the matrix: a note, never an error.
    notes = {f.ref: f for f in report.infos if f.rule == "dmves/content-mismatch"}
    assert "18.4" in notes and "Secure Liberty 100 ESME" in notes["18.4"].message
    assert "no other Device Model or SRV" in notes["18.4"].message


def test_a_row_whose_clause_names_another_model_and_srv_is_still_an_error(tmp_path):
    outline = good_outline()
    doc = read_document(python_docx_appendix(outline, tmp_path / "good.docx"))
    rows = read_matrix(write_matrix(outline, tmp_path / "dmves.xlsx"))
    row = next(r for r in rows.rows if r.ref == "18.5(b)")
    row.ref = row.ref_as_written = "18.5(c)"  # 18.5(c) names its own model and SRV
    report = lint(doc, matrix=rows)
    errors = [f for f in report.errors if f.rule == "dmves/content-mismatch"]
    assert [f.ref for f in errors] == ["18.5(c)"]
    assert "names Aclara Vega 102 PPMID, SRV 4.3.3 instead" in errors[0].message

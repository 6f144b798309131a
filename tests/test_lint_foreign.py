"""The lint on S1SR-like appendices that other tools wrote (tests/foreign_appendix.py).

A correct appendix must lint clean, so a CI job on it passes; each drafting change must be
named for what it is: a promotion is an error with its fix, an insertion a warning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.checks.lint import lint
from docgen.readers import read_document, read_matrix
from foreign_appendix import deleted, good_outline, have, inserted, libreoffice_resave, pandoc_appendix, python_docx_appendix, refs_of, style_numbered_appendix, typed_appendix, write_matrix

WRITERS = ["python-docx", "pandoc", "python-docx+libreoffice", "pandoc+libreoffice", "typed", "style"]


def write(writer: str, outline, path: Path) -> Path:
    """`outline` as the named tool chain writes it; skips when the tool is missing."""
    tool, _, resave = writer.partition("+")
    if tool == "pandoc" and not have("pandoc"):
        pytest.skip("pandoc is not installed")
    if resave and not have("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    made = {"pandoc": pandoc_appendix, "typed": typed_appendix, "style": style_numbered_appendix}.get(tool, python_docx_appendix)(outline, path)
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


@pytest.mark.parametrize("writer", ["python-docx", "pandoc+libreoffice"])
def test_an_insertion_with_its_matrix_updated_is_a_warning_and_lints_with_exit_0(writer, tmp_path):
    good = good_outline()
    baseline = read_document(write(writer, good, tmp_path / "v1.docx"))
    new = inserted(good)  # a new 18.5(g)
    doc = read_document(write(writer, new, tmp_path / "v2.docx"))
    report = lint(doc, matrix=read_matrix(write_matrix(new, tmp_path / "dmves.xlsx")), baseline=baseline)
    (warning,) = report.warnings
    assert warning.message.startswith("Inserted 18.5(g) shifts 18.5(g)-(z) to (h)-(aa); 20 DMVES rows follow the new numbering, none still cites an old number.")
    assert report.errors == [] and report.exit_code == 0


def test_an_insertion_the_matrix_did_not_follow_names_every_stale_row(tmp_path):
    good = good_outline()
    baseline = read_document(python_docx_appendix(good, tmp_path / "v1.docx"))
    doc = read_document(python_docx_appendix(inserted(good), tmp_path / "v2.docx"))
    report = lint(doc, matrix=read_matrix(write_matrix(good, tmp_path / "dmves.xlsx")), baseline=baseline)
    (warning,) = [f for f in report.warnings if f.rule == "baseline/inserted"]
    assert "0 DMVES rows follow the new numbering, 20 do not" in warning.message
    stale = [f for f in report.errors if f.rule == "baseline/stale-reference"]
    assert len(stale) == 20 and {f.rule for f in report.errors} == {"baseline/stale-reference"}
    assert stale[0].ref == "18.5(g)" and "that text is now 18.5(h); change the row to 18.5(h)" in stale[0].message


@pytest.mark.parametrize("writer", ["python-docx", "pandoc+libreoffice"])
def test_a_deletion_is_a_warning_and_the_rows_still_citing_old_numbers_are_errors(writer, tmp_path):
    good = good_outline()
    baseline = read_document(write(writer, good, tmp_path / "v1.docx"))
    doc = read_document(write(writer, deleted(good), tmp_path / "v2.docx"))  # 18.5(g) deleted
    report = lint(doc, matrix=read_matrix(write_matrix(good, tmp_path / "dmves.xlsx")), baseline=baseline)
    (warning,) = [f for f in report.warnings if f.rule == "baseline/deleted"]
    assert warning.message.startswith("Deleted 18.5(g) (in v1.docx) shifts 18.5(h)-(z) to (g)-(y); 0 DMVES rows follow the new numbering, 20 do not.")
    stale = {f.ref: f.message for f in report.errors if f.rule == "baseline/stale-reference"}
    assert "that item was deleted" in stale["18.5(g)"] and "change the row to 18.5(y)" in stale["18.5(z)"]
    assert len(stale) == len(report.errors) == 20  # each row once: no dmves/* error restating it

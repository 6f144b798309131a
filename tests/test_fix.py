"""`docgen fix`: apply the lint's renumbering, keeping the matrix only where it really moves."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from docgen.checks.lint import lint
from docgen.commands.renumber import run_fix
from docgen.errors import UsageError
from docgen.readers import read_document, read_matrix
from renumber_builders import build_docx, build_xlsx, part, refs, refs_and_texts

SOURCES = Path(__file__).resolve().parents[1] / "sources" / "documents"

# 18.2(c)..(e) are the sub-items of 18.2(b) given letters of their own: the 18.5p error in small.
WRONG = [
    ("h", "Device Specific Behaviours"),
    ("c", "The L+G E470 ESME records a Tariff change made by SRV 1.1.1 in its Event Log."),
    ("c", "The following Device Models behave as described when they receive the Service Request Variants listed:"),
    ("i", "the Alpha ESME (EPCL GroupID AA, IOC), on receipt of SRV 1.1, applies the new Tariff from the next midnight;"),
    ("i", "the Beta ESME (EPCL GroupID BB, MOC), on receipt of SRV 4.8.3, is read by the S1SP from the export profile, with the following constraints:"),
    ("i", "no more than 48 half-hour periods are returned in one response;"),
    ("i", "periods with no recorded export are returned as zero; and"),
    ("i", "a request spanning more than 13 months is rejected."),
    ("i", "the Gamma GSME (EPCL GroupID CC, FOC), on receipt of SRV 4.14, returns an empty log;"),
    ("i", "the Delta CHF (EPCL GroupID DD, IOC), on receipt of SRV 8.3, removes the Device.", "_RefD"),
    ("c", "Where the Delta CHF has removed a Device as described in Clause [REF _RefD|18.2(g)], the S1SP rejects SRV 8.7.1."),
]
RIGHT = WRONG[:5] + [("s", text) for _, text in WRONG[5:8]] + WRONG[8:10] + [
    ("c", "Where the Delta CHF has removed a Device as described in Clause [REF _RefD|18.2(d)], the S1SP rejects SRV 8.7.1."),
]
COMMON_ROWS = [("18.1", "L+G E470 ESME", "SRV 1.1.1"), ("18.2(a)", "Alpha ESME", "SRV 1.1"), ("18.2(b)", "Beta ESME", "SRV 4.8.3")]
INTENDED_ROWS = COMMON_ROWS + [("18.2(c)", "Gamma GSME", "SRV 4.14"), ("18.2d", "Delta CHF", "SRV 8.3"), ("18.3", "Delta CHF", "SRV 8.7.1")]
AS_DOCUMENT_ROWS = COMMON_ROWS + [("18.2(f)", "Gamma GSME", "SRV 4.14"), ("18.2g", "Delta CHF", "SRV 8.3"), ("18.3", "Delta CHF", "SRV 8.7.1")]


def _fix(tmp_path: Path, rows, *, paras=WRONG, **kw) -> tuple[int, Path, Path, Path]:
    doc = build_docx(paras, tmp_path / "wrong.docx")
    dmves = build_xlsx(rows, tmp_path / "dmves.xlsx")
    out, out_x = tmp_path / "fixed.docx", tmp_path / "fixed.xlsx"
    code = run_fix(doc, dmves, out, out_x, kw.get("baseline"), kw.get("table"), kw.get("redline"))
    return code, dmves, out, out_x


def test_the_bundled_v12_is_corrected_into_v12_2_and_its_matrix_left_as_it_was(tmp_path):
    out, out_x, table = tmp_path / "S1SR.docx", tmp_path / "DMVES.xlsx", tmp_path / "table.csv"
    dmves = SOURCES / "DMVES-v12.2.xlsx"
    code = run_fix(SOURCES / "S1SR-v12.docx", dmves, out, out_x, None, table, None)
    assert code == 0
    fixed = read_document(out)
    assert refs_and_texts(fixed) == refs_and_texts(read_document(SOURCES / "S1SR-v12.2.docx"))
    assert fixed.by_ref()["18.9"].text.startswith("Where the Geo Solo PPMID has been unjoined as described in Clause 18.5(t),")
    # The DMVES cites the v11/v12.2 numbering already: not one reference moves.
    assert out_x.read_bytes() == dmves.read_bytes()
    assert lint(fixed, matrix=read_matrix(out_x)).exit_code == 0
    lines = table.read_text().splitlines()
    assert lines[1] == "18.5(q),18.5(p)(i)" and lines[-1] == "18.5(aa),18.5(u)" and len(lines) == 12


def test_a_matrix_citing_the_intended_numbering_is_not_touched(tmp_path):
    code, dmves, out, out_x = _fix(tmp_path, INTENDED_ROWS)
    assert code == 0
    fixed = read_document(out)
    right = read_document(build_docx(RIGHT, tmp_path / "right.docx"))
    assert refs_and_texts(fixed) == refs_and_texts(right)
    assert out_x.read_bytes() == dmves.read_bytes()
    assert lint(fixed, matrix=read_matrix(out_x)).exit_code == 0


def test_a_matrix_citing_the_documents_own_numbering_moves_with_it_in_its_own_spelling(tmp_path):
    code, dmves, out, out_x = _fix(tmp_path, AS_DOCUMENT_ROWS)
    assert code == 0
    rows = read_matrix(out_x).rows
    assert [r.ref_as_written for r in rows] == ["18.1", "18.2(a)", "18.2(b)", "18.2(c)", "18.2d", "18.3"]
    assert part(out_x, "xl/styles.xml") == part(dmves, "xl/styles.xml")
    assert lint(read_document(out), matrix=read_matrix(out_x)).exit_code == 0


def test_with_nothing_to_fix_the_outputs_are_the_inputs(tmp_path, capsys):
    code, dmves, out, out_x = _fix(tmp_path, INTENDED_ROWS, paras=RIGHT)
    assert code == 0
    assert out.read_bytes() == (tmp_path / "wrong.docx").read_bytes()
    assert out_x.read_bytes() == dmves.read_bytes()
    assert "proposes no renumbering" in capsys.readouterr().err  # messages on stderr, stdout is for data


def test_errors_the_fix_cannot_correct_leave_exit_code_1(tmp_path, capsys):
    code, _, out, out_x = _fix(tmp_path, INTENDED_ROWS + [("18.9", "Omega ESME", "SRV 9.9")])
    assert code == 1
    assert out.exists() and out_x.exists()
    assert "dmves/unknown-clause" in capsys.readouterr().err


def test_the_baseline_agrees_with_the_lead_in_rule(tmp_path):
    baseline = build_docx(RIGHT, tmp_path / "previous.docx")
    code, _, out, _ = _fix(tmp_path, INTENDED_ROWS, baseline=baseline)
    assert code == 0
    assert refs(read_document(out)) == refs(read_document(baseline))


def test_a_redline_of_the_correction_shows_the_level_changes_as_revisions(tmp_path):
    pytest.importorskip("docgen.writers.redline_docx")
    redline = tmp_path / "fix.redline.docx"
    code, _, _, _ = _fix(tmp_path, INTENDED_ROWS, redline=redline)
    assert code == 0
    xml = part(redline, "word/document.xml").decode()
    assert xml.count("<w:pPrChange") == 3  # the three sub-items changed level
    again = tmp_path / "again"
    again.mkdir()
    _fix(again, INTENDED_ROWS, redline=again / "fix.redline.docx")
    assert (again / "fix.redline.docx").read_bytes() == redline.read_bytes()


def test_without_the_redline_writer_redline_fails_before_writing_anything(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "docgen.writers.redline_docx", None)  # import now fails
    with pytest.raises(UsageError, match="--redline needs docgen's redline writer"):
        _fix(tmp_path, INTENDED_ROWS, redline=tmp_path / "r.docx")
    assert not (tmp_path / "fixed.docx").exists() and not (tmp_path / "fixed.xlsx").exists()
    assert not (tmp_path / "r.docx").exists()

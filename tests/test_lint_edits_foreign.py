"""Insertions, deletions and moves against a baseline, on appendices other tools wrote.

A drafting change is a warning; what it leaves behind (a DMVES row or a cross-reference
still citing the old number of shifted text) is an error naming the number to use. `docgen
fix --baseline` does not block on the change itself.
"""

from __future__ import annotations

import pytest

from docgen.checks.lint import lint
from docgen.commands.renumber import run_fix
from docgen.readers import read_document, read_matrix
from foreign_appendix import citing, deleted, good_outline, inserted, moved, write_matrix
from test_cli import docgen
from test_lint_foreign import WRITERS, write


def versions(writer, old, new, tmp_path):
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    return write(writer, old, tmp_path / "v1" / "s1sr.docx"), write(writer, new, tmp_path / "v2" / "s1sr.docx")


@pytest.mark.parametrize("writer", WRITERS)
def test_fix_with_a_baseline_does_not_block_on_an_insertion(writer, tmp_path):
    good = citing(good_outline(), "k")
    new = citing(inserted(good), "l")  # the drafter updated the cross-reference too
    baseline, document = versions(writer, good, new, tmp_path)
    dmves = write_matrix(new, tmp_path / "dmves.xlsx")
    out, out_x = tmp_path / "fixed.docx", tmp_path / "fixed.xlsx"
    assert run_fix(document, dmves, out, out_x, baseline, None, None) == 0
    assert out.read_bytes() == document.read_bytes() and out_x.read_bytes() == dmves.read_bytes()


@pytest.mark.parametrize("writer", ["python-docx", "pandoc+libreoffice"])
def test_a_cross_reference_left_behind_by_an_insertion_is_an_error(writer, tmp_path):
    good = citing(good_outline(), "k")
    new = inserted(good)  # 18.2 still cites 18.5(k), whose text is now 18.5(l)
    baseline, document = versions(writer, good, new, tmp_path)
    report = lint(read_document(document), matrix=read_matrix(write_matrix(new, tmp_path / "dmves.xlsx")), baseline=read_document(baseline))
    (error,) = report.errors
    assert (error.rule, error.ref) == ("baseline/stale-xref", "18.2")
    assert '18.2 cites "18.5(k)", the number of the text it cited in s1sr.docx, but that text is now 18.5(l)' in error.message
    assert [f.rule for f in report.warnings] == ["baseline/inserted"]


@pytest.mark.parametrize("target, says", [("g", "that item was deleted"), ("k", "that text is now 18.5(j); change the reference to 18.5(j)")])
def test_a_deletion_reports_the_rows_and_cross_references_still_citing_old_numbers(target, says, tmp_path):
    good = citing(good_outline(), target)
    baseline, document = versions("pandoc", good, deleted(good), tmp_path)  # 18.5(g) deleted
    dmves = write_matrix(good, tmp_path / "dmves.xlsx")  # not updated
    report = lint(read_document(document), matrix=read_matrix(dmves), baseline=read_document(baseline))
    assert [f.rule for f in report.warnings] == ["baseline/deleted"]
    xref = [f for f in report.errors if f.rule == "baseline/stale-xref"]
    assert len(xref) == 1 and says in xref[0].message
    assert len([f for f in report.errors if f.rule == "baseline/stale-reference"]) == 20
    # The fix renumbers nothing here: the outputs are written, the errors remain (exit 1).
    out, out_x = tmp_path / "fixed.docx", tmp_path / "fixed.xlsx"
    assert run_fix(document, dmves, out, out_x, baseline, None, None) == 1
    assert out_x.read_bytes() == dmves.read_bytes()


@pytest.mark.parametrize("writer", ["python-docx", "pandoc", "pandoc+libreoffice"])
def test_a_moved_item_is_a_warning_and_the_rows_left_behind_are_errors(writer, tmp_path):
    good = good_outline()
    new = moved(good)  # 18.5(c) now after 18.5(h): (d)-(h) are (c)-(g), it is (h)
    baseline, document = versions(writer, good, new, tmp_path)
    doc, previous = read_document(document), read_document(baseline)
    followed = lint(doc, matrix=read_matrix(write_matrix(new, tmp_path / "new.xlsx")), baseline=previous)
    (warning,) = followed.warnings
    assert warning.rule == "baseline/moved" and warning.ref == "18.5(h)"
    assert warning.message.startswith("Moved 18.5(c) (in s1sr.docx) to 18.5(h), so 18.5(d)-(h) shift to (c)-(g); 6 DMVES rows follow")
    assert followed.exit_code == 0
    left = lint(doc, matrix=read_matrix(write_matrix(good, tmp_path / "old.xlsx")), baseline=previous)
    stale = {f.ref: f.message for f in left.errors}
    assert {f.rule for f in left.errors} == {"baseline/stale-reference"} and len(stale) == 6
    assert "that text is now 18.5(h); change the row to 18.5(h)" in stale["18.5(c)"]
    # With the matrix updated, the fix does not undo the move.
    out, out_x = tmp_path / "fixed.docx", tmp_path / "fixed.xlsx"
    assert run_fix(document, tmp_path / "new.xlsx", out, out_x, baseline, None, None) == 0
    assert out.read_bytes() == document.read_bytes()


def test_the_exit_1_hint_names_only_lint_options_and_the_baseline(tmp_path):
    """After an insertion whose matrix was not updated, fix without --baseline leaves errors
    the baseline would explain; the hint says how to see them and to give --baseline."""
    good = good_outline()
    baseline, document = versions("python-docx", good, inserted(good), tmp_path)
    dmves = write_matrix(good, tmp_path / "dmves.xlsx")
    args = ["fix", str(document), "--dmves", str(dmves), "-o", str(tmp_path / "f.docx"), "--dmves-out", str(tmp_path / "f.xlsx")]
    without = docgen(*args)
    assert without.returncode == 1
    hint = without.stderr.strip().splitlines()[-1]
    assert f"see `docgen lint {tmp_path / 'f.docx'} --dmves {tmp_path / 'f.xlsx'}`" in hint
    assert "give --baseline with the previous version" in hint
    (tmp_path / "f.docx").unlink()
    (tmp_path / "f.xlsx").unlink()
    with_baseline = docgen(*args, "--baseline", str(baseline), "-q")
    assert with_baseline.returncode == 1
    hint = with_baseline.stderr.strip().splitlines()[-1]
    assert f"--baseline {baseline}`" in hint and "baseline/stale-reference" in hint
    # The command the hint gives runs as given: every option exists, and it shows the errors.
    command = hint.split("see `", 1)[1].split("`", 1)[0].split()
    shown = docgen(*command[1:])
    assert shown.returncode == 1 and "baseline/stale-reference" in shown.stdout + shown.stderr

"""Where a promoted run ends when the next real item reads like one more sub-item.

In `good_outline(nameless_after=True)` the item after (p)'s six sub-items is "the S1SP logs
the rejection;": short, ending ';', naming nothing. Once the sub-items are promoted, the
text pattern alone would take it for a seventh sub-item and shift every later item once
more. The previous version (aligned text by text) or the DMVES rows settle the range.
"""

from __future__ import annotations

import pytest

from docgen.checks.lint import lint
from docgen.commands.renumber import run_fix
from docgen.readers import read_document, read_matrix
from foreign_appendix import NAMELESS, good_outline, matrix_rows, promoted, refs_of, write_matrix
from renumber_builders import build_xlsx
from test_lint_foreign import write


def expected_mapping(good, bad) -> dict[str, str]:
    """Old ref -> good ref for every paragraph the promotion renumbered."""
    return {old: new for (old, _), (new, _) in zip(refs_of(bad), refs_of(good)) if old != new}


@pytest.mark.parametrize("writer", ["python-docx", "pandoc"])
def test_with_a_baseline_the_run_is_the_items_that_were_sub_items(writer, tmp_path):
    good = good_outline(nameless_after=True)
    bad = promoted(good)
    baseline = read_document(write(writer, good, tmp_path / "v1.docx"))
    doc = read_document(write(writer, bad, tmp_path / "v2.docx"))
    report = lint(doc, baseline=baseline)  # no matrix: the alignment alone decides
    assert report.renumber_mapping() == expected_mapping(good, bad)
    (finding,) = [f for f in report.errors if f.rule == "numbering/promoted-subitems"]
    assert "6 items whose texts were 18.5(p)'s sub-items in v1.docx" in finding.message
    assert not [f for f in report.findings if f.rule == "numbering/uncertain-run-end"]


@pytest.mark.parametrize("with_baseline", [False, True])
def test_the_fix_leaves_the_short_real_item_an_item_and_the_matrix_as_it_was(with_baseline, tmp_path):
    good = good_outline(nameless_after=True)
    bad = write("python-docx", promoted(good), tmp_path / "bad.docx")
    (tmp_path / "v1").mkdir()
    baseline = write("python-docx", good, tmp_path / "v1" / "good.docx") if with_baseline else None
    dmves = write_matrix(good, tmp_path / "dmves.xlsx")
    out, out_x = tmp_path / "fixed.docx", tmp_path / "fixed.xlsx"
    assert run_fix(bad, dmves, out, out_x, baseline, None, None) == 0
    fixed = read_document(out)
    assert [c.ref for c in fixed.clauses] == [ref for ref, _ in refs_of(good)]
    assert fixed.by_ref()["18.5(q)"].text == NAMELESS
    assert out_x.read_bytes() == dmves.read_bytes()


@pytest.mark.parametrize("lead_in_at", [15, 24], ids=["middle", "before-the-last"])
def test_without_a_baseline_the_matrix_rows_decide_the_range(lead_in_at, tmp_path):
    """Before the last item, the nameless (z) is the list's end: its row citing 18.5(z), which
    a seven-item run would leave without a clause, is what tells."""
    good = good_outline(lead_in_at=lead_in_at, nameless_after=True)
    bad = promoted(good)
    doc = read_document(write("python-docx", bad, tmp_path / "bad.docx"))
    report = lint(doc, matrix=read_matrix(write_matrix(good, tmp_path / "dmves.xlsx")))
    assert report.renumber_mapping() == expected_mapping(good, bad)
    (finding,) = [f for f in report.errors if f.rule == "numbering/promoted-subitems"]
    assert "as many as the DMVES rows fit" in finding.message


def test_rows_that_fit_two_run_lengths_equally_leave_the_end_uncertain_and_unfixed(tmp_path):
    """Half the later rows cite the numbers a six-item run gives, half a seven-item run's:
    the shorter run is proposed and the seventh item is named in a warning, never moved."""
    good = good_outline(nameless_after=True)
    bad = promoted(good)
    doc = read_document(write("python-docx", bad, tmp_path / "bad.docx"))
    rows = matrix_rows(good)
    before = [r for r in rows if r[0] <= "18.5(p)" or not r[0].startswith("18.5(")]
    r_row = next(r for r in rows if r[0] == "18.5(r)")
    t_row = next(r for r in rows if r[0] == "18.5(t)")
    # (r) as a six-item run numbers it; (t)'s text as a seven-item run would number it, (s).
    matrix = read_matrix(build_xlsx(before + [r_row, ("18.5(s)",) + t_row[1:]], tmp_path / "dmves.xlsx"))
    report = lint(doc, matrix=matrix)
    mapping = report.renumber_mapping()
    assert mapping["18.5(v)"] == "18.5(p)(vi)" and mapping["18.5(w)"] == "18.5(q)"
    (uncertain,) = [f for f in report.warnings if f.rule == "numbering/uncertain-run-end"]
    assert uncertain.ref == "18.5(w)" and uncertain.caused_by is None  # not something the fix corrects
    assert uncertain.message.startswith("18.5(w) may also be a sub-item of 18.5(p): its text reads like the sub-items before it")
    assert "bad.fixed.docx --demote '18.5(q)' -o bad.fixed.demoted.docx`" in uncertain.message


@pytest.mark.parametrize("with_matrix", [False, True], ids=["no-matrix", "matrix"])
@pytest.mark.parametrize("with_baseline", [False, True], ids=["no-baseline", "baseline"])
@pytest.mark.parametrize("lead_in_at", [15, 25], ids=["middle", "end"])
@pytest.mark.parametrize("writer", ["python-docx", "pandoc", "pandoc+libreoffice", "typed", "style"])
def test_the_proposed_range_is_exact_on_every_writer(writer, lead_in_at, with_baseline, with_matrix, tmp_path):
    good = good_outline(lead_in_at=lead_in_at)
    bad = promoted(good)
    (tmp_path / "v1").mkdir()
    doc = read_document(write(writer, bad, tmp_path / "bad.docx"))
    baseline = read_document(write(writer, good, tmp_path / "v1" / "good.docx")) if with_baseline else None
    matrix = read_matrix(write_matrix(good, tmp_path / "dmves.xlsx")) if with_matrix else None
    report = lint(doc, matrix=matrix, baseline=baseline)
    assert report.renumber_mapping() == expected_mapping(good, bad)
    assert not [f for f in report.findings if f.rule == "numbering/uncertain-run-end"]

"""Where a promoted run ends when the next real item reads like one more sub-item.

In `good_outline(nameless_after=True)` the item after (p)'s six sub-items is "the S1SP logs
the rejection;": short, ending ';', naming nothing. Once the sub-items are promoted, the
text pattern alone would take it for a seventh sub-item and shift every later item once
more. The previous version (aligned text by text) or the DMVES rows settle the range.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from docgen.checks.lint import lint
from docgen.commands.renumber import run_fix
from docgen.readers import read_document, read_matrix
from foreign_appendix import NAMELESS, good_outline, matrix_rows, promoted, refs_of, write_matrix
from renumber_builders import build_xlsx
from test_lint_foreign import write


REPO = Path(__file__).resolve().parents[1]


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


def _with_conjunction(outline, before_last: int) -> list:
    """The outline with its `before_last`-th sub-item (0-based) ending '; and', as drafters
    mark a list's last-but-one item."""
    out, k = [], 0
    for item in outline:
        if item.level == 3:
            if k == before_last:
                item = replace(item, text=item.text.rstrip(";") + "; and")
            k += 1
        out.append(item)
    return out


@pytest.mark.parametrize("writer", ["python-docx", "pandoc"])
def test_without_evidence_the_conjunction_ends_the_run_and_names_the_short_item_after_it(writer, tmp_path):
    """'; and' on the fifth sub-item makes the sixth the last: the nameless item after it,
    which the text pattern alone would take as a seventh, stays an item and is named."""
    good = _with_conjunction(good_outline(nameless_after=True), before_last=4)
    bad = promoted(good)
    doc = read_document(write(writer, bad, tmp_path / "bad.docx"))
    report = lint(doc)  # neither a baseline nor a matrix
    assert report.renumber_mapping() == expected_mapping(good, bad)
    (finding,) = [f for f in report.errors if f.rule == "numbering/promoted-subitems"]
    assert "the last after the one ending '; and' or '; or'" in finding.message
    (uncertain,) = [f for f in report.warnings if f.rule == "numbering/uncertain-run-end"]
    assert uncertain.ref == "18.5(w)"
    assert "but 18.5(u) ends '; and', which makes 18.5(v) the last sub-item" in uncertain.message
    assert "--demote '18.5(q)'" in uncertain.message


def test_a_conjunction_on_every_sub_item_says_nothing_about_the_end(tmp_path):
    good = good_outline()
    every = [replace(i, text=i.text.rstrip(";") + "; and") if i.level == 3 else i for i in good]
    bad = promoted(every)
    report = lint(read_document(write("python-docx", bad, tmp_path / "bad.docx")))
    assert report.renumber_mapping() == expected_mapping(every, bad)
    assert not [f for f in report.findings if f.rule == "numbering/uncertain-run-end"]


def test_a_run_whose_end_only_the_text_pattern_set_says_how_to_settle_it(tmp_path):
    """Without evidence the nameless item is taken as a seventh sub-item (the text cannot
    tell), and the finding says so and names the options that would settle it."""
    good = good_outline(nameless_after=True)
    doc = read_document(write("python-docx", promoted(good), tmp_path / "bad.docx"))
    (finding,) = [f for f in lint(doc).errors if f.rule == "numbering/promoted-subitems"]
    assert "The run's end is read from the text alone (18.5(w) ends ';', not '.')" in finding.message
    assert "`--baseline PREVIOUS or --dmves MATRIX` settles it." in finding.message
    matrix = read_matrix(write_matrix(good, tmp_path / "dmves.xlsx"))
    (settled,) = [f for f in lint(doc, matrix=matrix).errors if f.rule == "numbering/promoted-subitems"]
    assert "read from the text alone" not in settled.message  # the rows decided


def test_a_run_closed_by_its_own_full_stop_needs_no_such_note():
    doc = read_document(REPO / "sources" / "documents" / "S1SR-v12.docx")
    (finding,) = [f for f in lint(doc).errors if f.rule == "numbering/promoted-subitems"]
    assert "read from the text alone" not in finding.message

"""The DMVES cross-check on small documents and matrices built in the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_builders import doc_from, matrix

from docgen.checks.lint import lint
from docgen.checks.config import LintConfig
from docgen.model import Matrix, MatrixRow

SECTION_18 = [
    ("h", "Device Specific Behaviours"),
    ("c", "Where the Alpha One ESME receives SRV 6.8, the S1SP sets a daily billing period."),
    ("c", "The following Device Models behave as described when they receive the SRVs listed:"),
    ("i", "the Beta Two GSME, on receipt of SRV 4.8.1, returns ten days of data;"),
    ("i", "the Gamma Three ESME, on receipt of SRV 4.8.3, applies the following constraints:"),
    ("s", "no more than 48 periods are returned;"),
    ("s", "values are not scaled."),
    ("i", "the Delta Four GSME, on receipt of SRV 4.14, returns an empty log."),
]
GOOD_ROWS = (
    ("18.1", "Alpha One ESME", "SRV 6.8"),
    ("18.2(a)", "Beta Two GSME", "SRV 4.8.1"),
    ("18.2(b)", "Gamma Three ESME", "SRV 4.8.3"),
    ("18.2(c)", "Delta Four GSME", "SRV 4.14"),
)


@pytest.fixture()
def s1sr(tmp_path: Path):
    return doc_from(SECTION_18, tmp_path, first_section=18)


def found(report, rule: str) -> list[tuple[str, str]]:
    return [(f.ref, f.location if f.paragraph is None else f.paragraph) for f in report.findings if f.rule == rule]


def test_matching_matrix_is_clean(s1sr):
    report = lint(s1sr, matrix=matrix(*GOOD_ROWS))
    assert report.findings == [] and report.exit_code == 0


def test_row_whose_srv_and_model_the_clause_never_mentions(s1sr):
    rows = GOOD_ROWS[:3] + (("18.2(c)", "Epsilon Five CHF", "SRV 8.3"),)
    report = lint(s1sr, matrix=matrix(*rows, source="DMVES.xlsx"))
    mismatch = [f for f in report.findings if f.rule == "dmves/content-mismatch"]
    assert [(f.ref, f.location, f.file) for f in mismatch] == [("18.2(c)", "ESME!A8", "DMVES.xlsx")]
    assert "Epsilon Five CHF" in mismatch[0].message and "SRV 8.3" in mismatch[0].message
    assert report.exit_code == 1


def test_only_the_srv_is_wrong(s1sr):
    rows = GOOD_ROWS[:3] + (("18.2(c)", "Delta Four GSME", "SRV 4.1"),)
    assert found(lint(s1sr, matrix=matrix(*rows)), "dmves/content-mismatch") == [("18.2(c)", "ESME!A8")]


def test_srv_number_must_not_match_inside_a_longer_one(tmp_path: Path):
    doc = doc_from([("h", "Behaviours"), ("c", "The Alpha One ESME rejects SRV 4.8.10 and SRV 14.8.1.")], tmp_path, first_section=18)
    assert found(lint(doc, matrix=matrix(("18.1", "Alpha One ESME", "SRV 4.8.1"))), "dmves/content-mismatch") == [("18.1", "ESME!A5")]


def test_names_in_the_lead_in_count_and_case_and_spacing_are_ignored(s1sr):
    # The sub-item names nothing; its lead-in (the parent item) names both.
    rows = GOOD_ROWS + (("18.2(b)(i)", "gamma  three esme", "srv 4.8.3"),)
    assert lint(s1sr, matrix=matrix(*rows)).findings == []


def test_row_citing_a_clause_the_document_lacks(s1sr):
    report = lint(s1sr, matrix=matrix(*GOOD_ROWS, ("18.2(d)", "Delta Four GSME", "SRV 4.14")))
    assert found(report, "dmves/unknown-clause") == [("18.2(d)", "ESME!A9")]
    assert report.exit_code == 1


def test_behaviour_clause_no_row_covers(s1sr):
    report = lint(s1sr, matrix=matrix(*GOOD_ROWS[:3]))
    assert found(report, "dmves/unmapped-clause") == [("18.2(c)", 7)]
    assert report.exit_code == 0  # a warning by default


def test_unmapped_message_points_at_a_row_naming_the_same(s1sr):
    rows = GOOD_ROWS[:3] + (("18.2(d)", "Delta Four GSME", "SRV 4.14"),)
    report = lint(s1sr, matrix=matrix(*rows))
    unmapped = [f for f in report.findings if f.rule == "dmves/unmapped-clause"]
    assert len(unmapped) == 1 and "18.2(d)" in unmapped[0].message


def test_row_for_an_item_covers_its_sub_items_but_a_clause_row_covers_no_items(tmp_path: Path):
    paras = [
        ("h", "Behaviours"),
        ("c", "On receipt of SRV 2.3, the S1SP applies the following to the Alpha One ESME:"),
        ("i", "the S1SP reads the debt values first, as for SRV 4.13;"),
        ("s", "including those set by SRV 2.1;"),
        ("s", "and no others."),
    ]
    doc = doc_from(paras, tmp_path, first_section=18)
    item_row = lint(doc, matrix=matrix(("18.1(a)", "", "SRV 4.13")))
    assert found(item_row, "dmves/unmapped-clause") == []  # 18.1 is covered through its item
    clause_row = lint(doc, matrix=matrix(("18.1", "Alpha One ESME", "SRV 2.3")))
    assert found(clause_row, "dmves/unmapped-clause") == [("18.1(a)", 2), ("18.1(a)(i)", 3)]


def test_only_the_configured_sections_must_be_covered(tmp_path: Path):
    paras = [("h", "Processing"), ("c", "On receipt of SRV 1.1.1 the S1SP translates the Tariff.")]
    doc = doc_from(paras, tmp_path, first_section=4)
    assert lint(doc, matrix=matrix()).findings == []
    config = LintConfig(dmves_sections=("4",))
    assert found(lint(doc, matrix=matrix(), config=config), "dmves/unmapped-clause") == [("4.1", 1)]


def test_struck_rows_are_not_checked(s1sr):
    m = matrix(*GOOD_ROWS)
    m.rows.append(MatrixRow(ref="18.9", ref_as_written="18.9", sheet="ESME", cell="A20", row=20, removed=True))
    assert lint(s1sr, matrix=m).findings == []


def test_unreadable_reference_cell_reported_by_the_reader(s1sr):
    m = Matrix(source="d.xlsx", format="xlsx", rows=list(matrix(*GOOD_ROWS).rows), metadata={"warnings": ["ESME!A30: 'see above' is not a clause reference; row skipped"]})
    report = lint(s1sr, matrix=m)
    assert [(f.rule, f.location, f.severity) for f in report.findings] == [("dmves/unknown-clause", "ESME!A30", "error")]


def test_sheet_names_with_spaces_are_quoted_like_excel(s1sr):
    m = matrix(("18.2(d)", "X", "SRV 1.1"))
    m.rows[0].sheet = "Comms Hubs and PPMIDs"
    assert found(lint(s1sr, matrix=m), "dmves/unknown-clause") == [("18.2(d)", "'Comms Hubs and PPMIDs'!A5")]

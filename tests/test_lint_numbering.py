"""The numbering rules on small documents: each rule fires where it should, and the near
misses a correct appendix is full of do not."""

from __future__ import annotations

from pathlib import Path

from lint_builders import doc_from

from docgen.checks.lint import lint

SECTION = ("h", "Device Specific Behaviours")
LEAD = ("c", "The following Device Models behave as described when they receive the SRVs listed:")


def rules(report) -> list[tuple[str, str]]:
    return [(f.rule, f.ref) for f in report.findings]


def only(report, rule: str):
    return [f for f in report.findings if f.rule == rule]


# ------------------------------------------------------------------- promoted-subitems

PROMOTED = [
    SECTION,
    LEAD,
    ("i", "the Alpha One ESME, on receipt of SRV 1.1.1, applies the Tariff at midnight;"),
    ("i", "the Beta Two GSME, on receipt of SRV 4.8.1, returns ten days of data;"),
    ("i", "the Gamma Three ESME, on receipt of SRV 4.8.3, is read by the S1SP, which applies the following constraints:"),
    ("i", "no more than 48 periods are returned in one response;"),
    ("i", "periods before the change of supplier are not returned; and"),
    ("i", "a request spanning more than 13 months is rejected."),
    ("i", "the Delta Four GSME, on receipt of SRV 4.14, returns an empty log;"),
    ("i", "the Epsilon Five CHF, on receipt of SRV 8.3, removes the Device late."),
]


def test_promoted_subitems_reported_at_the_first_promoted_item(tmp_path: Path):
    report = lint(doc_from(PROMOTED, tmp_path))
    found = only(report, "numbering/promoted-subitems")
    assert len(found) == 1
    f = found[0]
    assert (f.ref, f.severity, f.paragraph) == ("1.1(d)", "error", 5)
    assert "1.1(c)" in f.message and "doc.docx" in f.message and "Demote" in f.message
    assert f.fix == {
        "renumber": {
            "1.1(d)": "1.1(c)(i)",
            "1.1(e)": "1.1(c)(ii)",
            "1.1(f)": "1.1(c)(iii)",
            "1.1(g)": "1.1(d)",
            "1.1(h)": "1.1(e)",
        }
    }
    assert report.exit_code == 1


def test_fix_mapping_is_the_inverse_of_the_error(tmp_path: Path):
    """Built correctly, the same texts carry the numbers the fix proposes."""
    wrong = doc_from(PROMOTED, tmp_path, "wrong.docx")
    right_paras = [(("s" if 5 <= i <= 7 else k), t) for i, (k, t) in enumerate(PROMOTED)]
    right = doc_from(right_paras, tmp_path, "right.docx")
    mapping = lint(wrong).renumber_mapping()
    assert lint(right).findings == []
    fixed = {c.text: mapping.get(c.ref, c.ref) for c in wrong.clauses}
    assert fixed == {c.text: c.ref for c in right.clauses}


def test_lead_in_ending_with_a_dash_or_the_following(tmp_path: Path):
    for lead in ("is read subject to the following", "is read as follows —"):
        paras = [SECTION, LEAD, ("i", f"the Alpha One ESME, on receipt of SRV 1.1.1, {lead}"), ("i", "first constraint;"), ("i", "second constraint."), ("i", "the Beta Two GSME, on receipt of SRV 2.2, fails.")]
        found = only(lint(doc_from(paras, tmp_path)), "numbering/promoted-subitems")
        assert [f.ref for f in found] == ["1.1(b)"], lead


def test_near_miss_lead_in_followed_by_full_clauses(tmp_path: Path):
    paras = [
        ("h", "Scope"),
        ("c", "The following clauses apply to every Service Request addressed to a SMETS1 Device:"),
        ("c", "The DCC shall process the Service Request as it would for a SMETS2+ Device until the Service Request is passed to the S1SP."),
        ("c", "The S1SP shall translate the Service Request into one or more Commands in the form the Device understands."),
        ("c", "Where the S1SP cannot translate a Service Request for a Device Model, it shall reject the Service Request."),
    ]
    assert lint(doc_from(paras, tmp_path)).findings == []


def test_near_miss_items_that_name_their_own_srv(tmp_path: Path):
    paras = [
        SECTION,
        ("c", "Where the following Device Models receive the SRVs listed:"),
        ("c", "the Alpha One ESME, for SRV 6.4.1;"),
        ("c", "the Beta Two GSME, for SRV 2.5; and"),
        ("c", "the Gamma Three ESME, for SRV 1.2.1."),
    ]
    assert only(lint(doc_from(paras, tmp_path)), "numbering/promoted-subitems") == []


def test_near_miss_lead_in_with_its_own_sub_items(tmp_path: Path):
    paras = [SECTION, LEAD, ("i", "the Alpha One ESME, on receipt of SRV 1.1.1, is read as follows:"), ("s", "first;"), ("s", "second."), ("i", "short item;"), ("i", "another short item.")]
    assert only(lint(doc_from(paras, tmp_path)), "numbering/promoted-subitems") == []


def test_two_promoted_runs_give_one_consistent_mapping(tmp_path: Path):
    paras = [
        SECTION,
        LEAD,
        ("i", "the Alpha One ESME, on receipt of SRV 1.1.1, applies the following:"),
        ("i", "one;"),
        ("i", "two."),
        ("i", "the Beta Two GSME, on receipt of SRV 2.2, applies the following:"),
        ("i", "three;"),
        ("i", "four."),
        ("i", "the Gamma Three ESME, on receipt of SRV 3.1, shows nothing."),
    ]
    report = lint(doc_from(paras, tmp_path))
    assert [f.ref for f in only(report, "numbering/promoted-subitems")] == ["1.1(b)", "1.1(e)"]
    assert report.renumber_mapping() == {
        "1.1(b)": "1.1(a)(i)",
        "1.1(c)": "1.1(a)(ii)",
        "1.1(d)": "1.1(b)",
        "1.1(e)": "1.1(b)(i)",
        "1.1(f)": "1.1(b)(ii)",
        "1.1(g)": "1.1(c)",
    }


# ------------------------------------------------------------------- roman-at-letter-level


def test_roman_items_typed_among_letters(tmp_path: Path):
    paras = [SECTION, ("c", "The S1SP shall:"), ("t", "(a)\tread the Device;"), ("t", "(b)\tcheck the result, in that:"), ("t", "(i)\tthe value is set;"), ("t", "(ii)\tthe time is set; and"), ("t", "(c)\treport the outcome.")]
    report = lint(doc_from(paras, tmp_path))
    assert rules(report) == [("numbering/roman-at-letter-level", "1.1(i)")]
    assert report.findings[0].fix == {"renumber": {"1.1(i)": "1.1(b)(i)", "1.1(ii)": "1.1(b)(ii)"}}
    assert report.exit_code == 1


def test_a_lone_roman_item_typed_among_letters(tmp_path: Path):
    paras = [SECTION, ("c", "The S1SP shall:"), ("t", "(a)\tread the Device;"), ("t", "(b)\tcheck the result, in that:"), ("t", "(i)\tthe value is set; and"), ("t", "(c)\treport the outcome.")]
    report = lint(doc_from(paras, tmp_path))
    assert rules(report) == [("numbering/roman-at-letter-level", "1.1(i)")]
    assert report.findings[0].fix == {"renumber": {"1.1(i)": "1.1(b)(i)"}}


def test_near_miss_genuine_letter_i_after_h(tmp_path: Path):
    typed = [("t", f"({c})\titem {c};") for c in "abcdefghij"]
    auto = [("i", f"item {c};") for c in "abcdefghij"]
    for items in (typed, auto):
        report = lint(doc_from([SECTION, ("c", "The S1SP shall:"), *items], tmp_path))
        assert report.findings == [], items[0]


# ------------------------------------------------------------------ gap, order, duplicate


def test_gap_in_typed_letters(tmp_path: Path):
    paras = [SECTION, ("c", "The S1SP shall:"), ("t", "(a)\tone;"), ("t", "(b)\ttwo;"), ("t", "(e)\tfive.")]
    report = lint(doc_from(paras, tmp_path))
    assert rules(report) == [("numbering/gap", "1.1(e)")]
    assert "1.1(c) to 1.1(d) are missing" in report.findings[0].message
    assert report.findings[0].severity == "warning" and report.exit_code == 0


def test_list_starting_late_is_a_gap(tmp_path: Path):
    paras = [SECTION, ("c", "The S1SP shall:"), ("t", "(b)\tone;"), ("t", "(c)\ttwo.")]
    assert rules(lint(doc_from(paras, tmp_path))) == [("numbering/gap", "1.1(b)")]


def test_numbers_running_backwards(tmp_path: Path):
    paras = [SECTION, ("c", "The S1SP shall:"), ("t", "(a)\tone;"), ("t", "(c)\tthree;"), ("t", "(b)\ttwo.")]
    assert rules(lint(doc_from(paras, tmp_path))) == [("numbering/gap", "1.1(c)"), ("numbering/order", "1.1(b)")]


def test_duplicate_reference(tmp_path: Path):
    paras = [SECTION, ("c", "The S1SP shall:"), ("t", "(a)\tone;"), ("t", "(b)\ttwo;"), ("t", "(b)\tthree.")]
    report = lint(doc_from(paras, tmp_path))
    assert rules(report) == [("numbering/duplicate", "1.1(b)")]
    assert "once after 1.1(a) and again after 1.1(b)" in report.findings[0].message  # where Word shows them
    assert report.findings[0].paragraph == 4
    assert report.exit_code == 1


def test_typed_dotted_clauses_in_sequence_are_clean(tmp_path: Path):
    paras = [("t", "1.1\tFirst."), ("t", "1.2\tSecond."), ("t", "1.2A\tInserted."), ("t", "1.3\tThird.")]
    assert lint(doc_from(paras, tmp_path)).findings == []


def test_inserted_clause_out_of_place(tmp_path: Path):
    paras = [("t", "1.1\tFirst."), ("t", "1.2\tSecond."), ("t", "1.3\tThird."), ("t", "1.2A\tInserted.")]
    assert rules(lint(doc_from(paras, tmp_path))) == [("numbering/order", "1.2A")]


# ------------------------------------------------------------------------------ level-skip


def test_sub_item_level_directly_under_a_clause(tmp_path: Path):
    paras = [SECTION, ("c", "The S1SP shall:"), ("s", "read the Device;"), ("s", "report.")]
    report = lint(doc_from(paras, tmp_path))
    assert rules(report) == [("numbering/level-skip", "1.1(i)"), ("numbering/level-skip", "1.1(ii)")]
    assert "level 4" in report.findings[0].message and report.findings[0].severity == "warning"


def test_dotted_number_skipping_a_level(tmp_path: Path):
    paras = [("t", "1.1\tFirst."), ("t", "1.1.1\tDeeper."), ("t", "1.2.1.1\tMuch deeper.")]
    assert rules(lint(doc_from(paras, tmp_path))) == [("numbering/level-skip", "1.2.1.1")]


# --------------------------------------------------------------------------- literal-mixed


def test_typed_number_among_automatic_ones(tmp_path: Path):
    paras = [SECTION, ("c", "First."), ("c", "Second."), ("t", "1.3\tTyped third.")]
    report = lint(doc_from(paras, tmp_path))
    assert [(f.rule, f.ref, f.severity) for f in report.findings] == [("numbering/literal-mixed", "1.3", "warning")]


def test_inserted_a_clause_among_automatic_ones_is_only_a_note(tmp_path: Path):
    paras = [SECTION, ("c", "First."), ("c", "Second."), ("t", "1.2A\tInserted after the second."), ("c", "Third.")]
    report = lint(doc_from(paras, tmp_path))
    assert [(f.rule, f.ref, f.severity) for f in report.findings] == [("numbering/literal-mixed", "1.2A", "info")]
    assert report.exit_code == 0 and report.summary() == {"errors": 0, "warnings": 0}


def test_promoted_clauses_at_clause_level_become_lettered_items(tmp_path: Path):
    paras = [
        ("h", "Retries"),
        ("c", "The S1SP shall retry a Command to which no response has been received:"),
        ("c", "up to three times;"),
        ("c", "at intervals of not less than five minutes; and"),
        ("c", "only within the target response time."),
        ("c", "A Service Response shall carry the Request ID of the Service Request it answers."),
    ]
    (f,) = lint(doc_from(paras, tmp_path)).findings
    assert (f.rule, f.ref) == ("numbering/promoted-subitems", "1.2")
    assert f.fix == {"renumber": {"1.2": "1.1(a)", "1.3": "1.1(b)", "1.4": "1.1(c)", "1.5": "1.2"}}


def test_later_siblings_take_their_sub_items_with_them(tmp_path: Path):
    paras = [
        SECTION,
        LEAD,
        ("i", "the Alpha One ESME, on receipt of SRV 1.1.1, applies the following:"),
        ("i", "one;"),
        ("i", "two."),
        ("i", "the Beta Two GSME, on receipt of SRV 2.3, the S1SP:"),
        ("s", "reads the debt first;"),
        ("s", "then applies the change."),
    ]
    (f,) = lint(doc_from(paras, tmp_path)).findings
    assert f.fix == {"renumber": {"1.1(b)": "1.1(a)(i)", "1.1(c)": "1.1(a)(ii)", "1.1(d)": "1.1(b)", "1.1(d)(i)": "1.1(b)(i)", "1.1(d)(ii)": "1.1(b)(ii)"}}

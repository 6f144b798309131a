"""baseline/shift: unchanged texts under new numbers, against the previous version."""

from __future__ import annotations

from pathlib import Path

from lint_builders import doc_from

from docgen.checks.lint import lint

ITEMS = [
    "the Alpha One ESME, on receipt of SRV 1.1.1, applies the Tariff at midnight;",
    "the Beta Two GSME, on receipt of SRV 4.8.1, returns ten days of data;",
    "the Gamma Three ESME, on receipt of SRV 4.8.3, is read from the export buffer;",
    "the Delta Four GSME, on receipt of SRV 4.14, returns an empty log;",
    "the Epsilon Five CHF, on receipt of SRV 8.3, removes the Device late.",
]
HEAD = [("h", "Behaviours"), ("c", "The following Device Models behave as described:")]


def shifts(report):
    return [f for f in report.findings if f.rule == "baseline/shift"]


def test_an_inserted_item_is_a_warning_naming_the_shift_not_an_error(tmp_path: Path):
    old = doc_from(HEAD + [("i", t) for t in ITEMS], tmp_path, "v1.docx")
    new_items = ITEMS[:1] + ["the Zeta Six PPMID, on receipt of SRV 3.1, shows nothing;"] + ITEMS[1:]
    new = doc_from(HEAD + [("i", t) for t in new_items], tmp_path, "v2.docx")
    report = lint(new, baseline=old)
    assert shifts(report) == []
    (f,) = [f for f in report.findings if f.rule == "baseline/inserted"]
    assert (f.ref, f.severity, f.paragraph) == ("1.1(b)", "warning", 3)
    assert f.message.startswith("Inserted 1.1(b) shifts 1.1(b)-(e) to (c)-(f).")
    assert f.fix is None  # nothing for `docgen fix` to undo
    assert report.exit_code == 0


def test_a_shift_that_new_texts_do_not_explain_is_still_an_error(tmp_path: Path):
    old = doc_from(HEAD + [("i", t) for t in ITEMS], tmp_path, "v1.docx")
    # Two new items, but the old items moved by one letter only: no insertion explains it.
    new_items = ["the Zeta Six PPMID, on receipt of SRV 3.1, shows nothing;", "the Eta Seven PPMID shows a blank;"] + ITEMS[1:]
    new = doc_from(HEAD + [("i", t) for t in new_items], tmp_path, "v2.docx")
    report = lint(new, baseline=old)
    (f,) = shifts(report)
    assert (f.ref, f.severity) == ("1.1(c)", "error")
    assert "v1.docx" in f.message and "1 letter on" in f.message
    assert f.fix == {"renumber": {"1.1(c)": "1.1(b)", "1.1(d)": "1.1(c)", "1.1(e)": "1.1(d)", "1.1(f)": "1.1(e)"}}
    assert report.exit_code == 1


def test_same_numbers_or_only_additions_at_the_end_are_no_shift(tmp_path: Path):
    old = doc_from(HEAD + [("i", t) for t in ITEMS], tmp_path, "v1.docx")
    same = doc_from(HEAD + [("i", t) for t in ITEMS], tmp_path, "same.docx")
    longer = doc_from(HEAD + [("i", t) for t in ITEMS] + [("i", "the Zeta Six PPMID, on receipt of SRV 3.1, shows nothing.")], tmp_path, "longer.docx")
    assert shifts(lint(same, baseline=old)) == []
    assert shifts(lint(longer, baseline=old)) == []


def test_reworded_clauses_are_not_a_shift(tmp_path: Path):
    old = doc_from(HEAD + [("i", t) for t in ITEMS], tmp_path, "v1.docx")
    reworded = [t.replace("the ", "each ", 1) for t in ITEMS]
    new = doc_from(HEAD + [("i", "an inserted item;")] + [("i", t) for t in reworded], tmp_path, "v2.docx")
    assert shifts(lint(new, baseline=old)) == []


def test_a_deleted_clause_is_a_warning_naming_the_shift_back(tmp_path: Path):
    clauses = [f"Clause text number {n} long enough to be told apart from the others." for n in range(1, 6)]
    old = doc_from([("h", "Scope")] + [("c", t) for t in clauses], tmp_path, "v1.docx")
    new = doc_from([("h", "Scope")] + [("c", t) for t in clauses[:1] + clauses[2:]], tmp_path, "v2.docx")
    report = lint(new, baseline=old)
    assert shifts(report) == []
    (f,) = [f for f in report.findings if f.rule == "baseline/deleted"]
    assert (f.ref, f.severity, f.fix) == ("1.2", "warning", None)
    assert f.message.startswith("Deleted 1.2 (in v1.docx) shifts 1.3-1.5 to 1.2-1.4.")


def test_sub_items_of_a_moved_clause_come_along_in_the_mapping(tmp_path: Path):
    body = [("c", "First clause, long enough to stand alone."), ("c", "Second clause announces:"), ("i", "its first point;"), ("i", "its second point."), ("c", "Third clause, long enough to stand alone.")]
    old = doc_from([("h", "Scope")] + body, tmp_path, "v1.docx")
    # The first clause reworded and a new one before it: one shift, but two new texts.
    new_body = [("c", "A new first clause."), ("c", "First clause, reworded to stand alone.")] + body[1:]
    new = doc_from([("h", "Scope")] + new_body, tmp_path, "v2.docx")
    (f,) = shifts(lint(new, baseline=old))
    assert f.fix == {"renumber": {"1.3": "1.2", "1.3(a)": "1.2(a)", "1.3(b)": "1.2(b)", "1.4": "1.3"}}


def test_repeated_or_short_texts_never_pair_clauses(tmp_path: Path):
    old = doc_from([("h", "Scope"), ("c", "Not used."), ("c", "Not used."), ("c", "Real text of some length here.")], tmp_path, "v1.docx")
    new = doc_from([("h", "Scope"), ("c", "Not used."), ("c", "Real text of some length here."), ("c", "Not used.")], tmp_path, "v2.docx")
    assert shifts(lint(new, baseline=old)) == []

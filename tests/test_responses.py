"""Collating returned response forms: filled as respondents fill them, read back, counted.

Every form here starts as the response template `docgen build` makes, is filled with
python-docx the way Word leaves a filled form (text typed in the boxes, boxes ticked by
click, by pasted glyph, by typed X, or the choice typed as a word), and is collated.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from docgen.commands.responses import CONCLUSION_NAME, CSV_NAME, run
from docgen.errors import InputError
from docgen.pack.conclusion import comments_sentence, counts_sentence, number
from docgen.pack.form_reader import AGREEMENT, YES_NO, read_choice
from docgen.pack.responses import collate
from docgen.pack.load import load_pack
from pack_helpers import answer, blank_form, confidential, csv_rows, drop_markers, fill_details, filled_form, pack_text, write_pack

DRAFTING = """
[[drafting]]
ref = "18.5(p)"
description = "Sub-items renumbered."
rationale = "Aligns the S1SR with the DMVES."
"""


@pytest.fixture()
def pack(tmp_path: Path):
    return load_pack(write_pack(tmp_path, pack_text(tail=DRAFTING)))


@pytest.fixture()
def blank(pack) -> bytes:
    return blank_form(pack)


def _three_forms(tmp_path: Path, blank: bytes) -> list[Path]:
    def first(d):
        fill_details(d, name="Ann Smith", organisation="Energy Co", contact="ann@energy.example")
        confidential(d, False)
        answer(d, "T Q1", view="Agree", rationale="We support the correction.\nIt removes the mismatch.")
        answer(d, "T Q2", view="Agree", how="glyph")
        answer(d, "T Q3", rationale="Please publish the DMVES as CSV too.")

    def second(d):
        fill_details(d, name="Bob Jones", organisation="Supplier Ltd")
        confidential(d, True, how="x")
        answer(d, "T Q1", view="Agree", how="x", rationale="Agree, subject to testing.")
        answer(d, "T Q2", view="No opinion")

    def third(d):
        fill_details(d, organisation="Meter Group")
        answer(d, "T Q1", view="Disagree", how="typed", rationale="The change comes too late.")

    return [
        filled_form(tmp_path, blank, "energy-co.docx", first),
        filled_form(tmp_path, blank, "supplier.docx", second),
        filled_form(tmp_path, blank, "meter-group.docx", third),
    ]


# ---------------------------------------------------------------------------------------
# Reading choices


@pytest.mark.parametrize(
    "text, expected",
    [
        ("\u2612 Agree \u2610 Disagree \u2610 No opinion", "Agree"),
        ("\u2610 Agree \u2611 Disagree \u2610 No opinion", "Disagree"),
        ("\u2610 Agree \u2610 Disagree X No opinion", "No opinion"),
        ("[x] Agree [ ] Disagree [ ] No opinion", "Agree"),
        ("Disagree", "Disagree"),
        ("agree", "Agree"),
        ("\u2610 Agree \u2610 Disagree \u2610 No opinion Disagree", "Disagree"),
        ("\u2610 Disagree", "Disagree"),  # the other options deleted
        ("\u2610 Agree \u2610 Disagree \u2610 No opinion", None),
        ("", None),
    ],
)
def test_a_choice_is_read_however_it_was_marked(text, expected):
    assert read_choice(text, AGREEMENT).value == expected


def test_two_ticked_boxes_are_no_choice_and_say_why():
    choice = read_choice("\u2612 Agree \u2612 Disagree \u2610 No opinion", AGREEMENT)
    assert choice.value is None
    assert "more than one" in choice.problem


def test_disagree_is_not_read_as_agree():
    assert read_choice("\u2610 Agree \u2612 Disagree", AGREEMENT).value == "Disagree"
    assert read_choice("\u2612 Yes \u2610 No", YES_NO).value == "Yes"


# ---------------------------------------------------------------------------------------
# Counts sentences


def test_numbers_are_words_up_to_ten():
    assert [number(n) for n in (1, 2, 10, 11)] == ["one", "two", "ten", "11"]


@pytest.mark.parametrize(
    "counts, sentence",
    [
        ((2, 0, 1), "Two respondents agreed while one did not express an opinion."),
        ((1, 1, 1), "One respondent agreed while one disagreed and one did not express an opinion."),
        ((3, 0, 0), "All three respondents agreed."),
        ((0, 12, 0), "All 12 respondents disagreed."),
        ((0, 0, 2), "Neither respondent expressed an opinion."),
        ((0, 0, 3), "None of the three respondents expressed an opinion."),
        ((2, 0, 0), "Both respondents agreed."),
        ((0, 2, 0), "Both respondents disagreed."),
        ((1, 0, 0), "The respondent agreed."),
        ((0, 2, 3), "Two respondents disagreed while three did not express an opinion."),
        ((0, 0, 0), "No responses were received to this question."),
    ],
)
def test_counts_sentence_reads_like_a_conclusion(counts, sentence):
    assert counts_sentence(*counts) == sentence


def test_open_questions_count_comments():
    assert comments_sentence(1, 3) == "One respondent commented while two did not."
    assert comments_sentence(0, 3) == "No respondent commented on this question."
    assert comments_sentence(2, 2) == "Both respondents commented."
    assert comments_sentence(3, 3) == "All three respondents commented."


def test_no_counts_sentence_says_all_two():
    for agreed in range(4):
        for disagreed in range(4):
            for silent in range(4):
                assert "all two" not in counts_sentence(agreed, disagreed, silent).lower()


# ---------------------------------------------------------------------------------------
# Collating filled forms


def test_filled_forms_are_collated_with_choices_comments_and_confidentiality(tmp_path, pack, blank):
    files = _three_forms(tmp_path, blank)
    result = collate(files, pack)
    assert [p.message for p in result.problems if p.rejected] == []
    assert [r.display_name for r in result.responses] == ["Energy Co", "Supplier Ltd", "Meter Group"]
    first, second, third = result.responses
    assert first.name == "Ann Smith" and first.contact == "ann@energy.example"
    assert (first.confidential, second.confidential, third.confidential) == ("no", "full", "unstated")
    assert [r.answer("T Q1").position for r in result.responses] == ["Agree", "Agree", "Disagree"]
    assert [r.answer("T Q2").position for r in result.responses] == ["Agree", "No view", "Not answered"]
    assert [r.answer("T Q3").position for r in result.responses] == [None, None, None], "an open question takes no position"
    assert first.answer("T Q1").comment == "We support the correction.\nIt removes the mismatch."
    assert first.answer("T Q3").comment == "Please publish the DMVES as CSV too."


def test_responses_csv_has_one_row_per_respondent_and_question(tmp_path, pack, blank):
    files = _three_forms(tmp_path, blank)
    out = tmp_path / "out"
    assert run(files, out, pack.path) == 0
    rows = csv_rows(out / CSV_NAME)
    assert len(rows) == 3 * 3
    assert [(r["organisation"], r["question_id"], r["view"]) for r in rows[:3]] == [
        ("Energy Co", "T Q1", "Agree"),
        ("Energy Co", "T Q2", "Agree"),
        ("Energy Co", "T Q3", ""),
    ]
    supplier_q1 = next(r for r in rows if r["organisation"] == "Supplier Ltd" and r["question_id"] == "T Q1")
    assert supplier_q1["confidential"] == "full"
    assert supplier_q1["comment"] == "Agree, subject to testing."
    assert supplier_q1["question"] == "Do you agree with the proposed change?"
    meter_q2 = next(r for r in rows if r["organisation"] == "Meter Group" and r["question_id"] == "T Q2")
    assert meter_q2["view"] == "Not answered"
    assert meter_q2["confidential"] == "unstated"


def _docx_text(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    document = Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


def test_conclusion_counts_comments_and_never_names_confidential_respondents(tmp_path, pack, blank):
    out = tmp_path / "out"
    assert run(_three_forms(tmp_path, blank), out, pack.path) == 0
    paragraphs, tables = _docx_text(out / CONCLUSION_NAME)
    text = "\n".join(paragraphs)
    assert "DCC received three responses to the consultation." in text
    assert "Two respondents agreed while one disagreed." in text
    assert "One respondent agreed while two did not express an opinion." in text
    assert "One respondent commented while two did not." in text
    assert (
        "One respondent asked for their response to be kept confidential and one did not say whether their response could be published."
        in text
    )
    comment_tables = [t for t in tables if t[0] == ["Comment", "DCC Response"]]
    assert len(comment_tables) == 2  # Q1 and Q3; Q2 drew no comment
    q1 = comment_tables[0]
    assert [row[0] for row in q1[1:]] == ["We support the correction.\nIt removes the mismatch.", "The change comes too late."]
    assert all(row[1] == "" for row in q1[1:])  # DCC's response is left to the author
    everything = text + " ".join(cell for t in tables for row in t for cell in row)
    for secret in ("Supplier Ltd", "Bob Jones", "Meter Group", "subject to testing"):  # confidential, and not stated
        assert secret not in everything
    assert "Energy Co" not in " ".join(row[0] for t in comment_tables for row in t), "comments are not attributed"
    respondents = next(t for t in tables if t[0] == ["Respondent", "Organisation", "Confidentiality"])
    assert respondents[1] == ["Ann Smith", "Energy Co", "Not confidential"]
    assert respondents[2] == ["A respondent (confidential)", "[withheld]", "Confidential"]
    assert respondents[3][2] == "Not stated (not named)"
    assert "4. Summary of Changes made after consultation" in paragraphs
    assert any("names no final version" in p for p in paragraphs), "without `final` the author is asked for the list"


def test_without_pack_the_forms_own_markers_identify_the_pack(tmp_path, blank):
    out = tmp_path / "out"
    assert run(_three_forms(tmp_path, blank), out, None) == 0
    paragraphs, tables = _docx_text(out / CONCLUSION_NAME)
    assert "Conclusion on Test consultation" in paragraphs
    questions = next(t for t in tables if t[0] == ["Number", "Question"])
    assert [row[0] for row in questions[1:]] == ["T Q1", "T Q2", "T Q3"]
    assert "Two respondents agreed while one disagreed." in "\n".join(paragraphs)


def test_files_that_are_not_filled_forms_of_this_pack_are_skipped_with_a_reason(tmp_path, pack, blank, capsys):
    good = _three_forms(tmp_path, blank)[:1]
    other_pack = load_pack(write_pack(tmp_path, pack_text(reference="other-pack"), name="other.toml"))
    foreign = filled_form(tmp_path, blank_form(other_pack), "foreign.docx", lambda d: answer(d, "T Q1", view="Agree"))
    unfilled = tmp_path / "unfilled.docx"
    unfilled.write_bytes(blank)
    letter = tmp_path / "letter.docx"
    Document().save(str(letter))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip")
    files = good + [foreign, unfilled, letter, broken]
    result = collate(files, pack)
    assert len(result.responses) == 1
    reasons = {p.path.name: p.message for p in result.problems if p.rejected}
    assert set(reasons) == {"foreign.docx", "unfilled.docx", "letter.docx", "broken.docx"}
    assert "pack 'other-pack', not 'test-pack'" in reasons["foreign.docx"]
    assert "unfilled" in reasons["unfilled.docx"]
    assert "not a response template of pack 'test-pack'" in reasons["letter.docx"]
    assert "cannot be read" in reasons["broken.docx"]

    assert run(files, tmp_path / "out", pack.path) == 0
    err = capsys.readouterr().err
    assert "skipped: " in err and "foreign.docx" in err and "collated 1 response" in err


def test_no_collatable_form_exits_2(tmp_path, pack, blank):
    letter = tmp_path / "letter.docx"
    Document().save(str(letter))
    assert run([letter], tmp_path / "out", pack.path) == 2
    assert run([letter], tmp_path / "out", None) == 2
    assert not (tmp_path / "out" / CSV_NAME).exists()


def test_a_form_that_lost_its_marker_is_recognised_by_its_questions_with_pack(tmp_path, pack, blank):
    form = _three_forms(tmp_path, blank)[0]
    drop_markers(form)
    result = collate([form], pack)
    assert len(result.responses) == 1
    assert any("no docgen marker" in p.message and not p.rejected for p in result.problems)
    assert collate([form], None).responses == []


def test_two_ticks_are_an_answer_to_review_not_a_guess(tmp_path, pack, blank):
    def both(d):
        fill_details(d, organisation="Undecided plc")
        answer(d, "T Q1", view="Agree")
        answer(d, "T Q1", view="Disagree")

    result = collate([filled_form(tmp_path, blank, "both.docx", both)], pack)
    answer_ = result.responses[0].answer("T Q1")
    assert answer_.position is None and answer_.under_review
    assert "more than one box is ticked (Agree, Disagree)" in answer_.review


def test_collation_is_deterministic(tmp_path, pack, blank):
    files = _three_forms(tmp_path, blank)
    run(files, tmp_path / "a", pack.path)
    run(files, tmp_path / "b", pack.path)
    for name in (CSV_NAME, CONCLUSION_NAME):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_cli_collates_and_reports_per_file(tmp_path, pack, blank):
    import subprocess
    import sys

    files = _three_forms(tmp_path, blank)
    stray = tmp_path / "notes.docx"
    Document().save(str(stray))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "docgen", "responses", "collate", *map(str, files), str(stray), "-o", str(out), "--pack", str(pack.path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"skipped: {stray}:" in proc.stderr
    assert (out / CSV_NAME).exists() and (out / CONCLUSION_NAME).exists()


def test_a_folder_stands_for_the_forms_in_it_in_name_order(tmp_path, pack, blank):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for form in _three_forms(tmp_path, blank):
        form.rename(inbox / form.name)
    (inbox / "~$lock.docx").write_bytes(b"Word's lock file")
    (inbox / "covering note.txt").write_text("not a form")
    out = tmp_path / "out"
    assert run([inbox], out, pack.path) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["collated"] == sorted(p.name for p in inbox.glob("*.docx") if not p.name.startswith("~$"))


def test_a_folder_without_forms_is_refused(tmp_path, pack):
    empty = tmp_path / "inbox"
    empty.mkdir()
    with pytest.raises(InputError, match="no .docx or .pdf response"):
        run([empty], tmp_path / "out", pack.path)
    assert not (tmp_path / "out").exists()

"""Collation that can be published: counted once, settled by a person where unclear, and
keeping every confidence.

Forms are the pack's response template filled with python-docx the way respondents fill it
(ticked boxes, typed words, sentences), plus a letter written with python-docx that answers
"Q1: ..." without the template, and a LibreOffice re-save. Published outputs are read back
as the raw text of every XML part, so a name cannot hide in a header, a table or a run split.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document

from docgen import soffice
from docgen.commands.responses import COLLATION_NAME, CONCLUSION_NAME, CSV_NAME, REVIEW_NAME, run
from docgen.pack.disclosure import find_leak, name_forms, redactor
from docgen.pack.letters import rejoin_lines
from docgen.pack.load import load_pack
from docgen.pack.responses import collate
from docgen.pack.tally import is_comment
from pack_helpers import answer, blank_form, confidential, csv_rows, fill_details, filled_form, pack_text, type_in, write_pack

@pytest.fixture()
def pack(tmp_path: Path):
    return load_pack(write_pack(tmp_path, pack_text()))


@pytest.fixture()
def blank(pack) -> bytes:
    return blank_form(pack)


def _typed_view(document, question_id: str, words: str) -> None:
    """The respondent typed their view over the boxes."""
    answer(document, question_id, view=words, how="typed")


def _part(document, text: str) -> None:
    for table in document.tables:
        for row in table.rows:
            if row.cells[0].text.strip().lower().startswith("if only part"):
                type_in(row.cells[1], text)
                return
    raise AssertionError("no 'if only part' row")


def _all_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return " ".join(re.sub(r"<[^>]+>", "", zf.read(n).decode("utf-8")) for n in zf.namelist() if n.endswith(".xml"))


def _seven_views(tmp_path: Path, blank: bytes) -> list[Path]:
    """Q1 as respondents answered it: four agree, two disagree, one partly."""
    views = [
        ("ticked", None),
        ("typed", "Yes."),
        ("typed", "We support this"),
        ("typed", "Agreed"),
        ("typed", "I do not agree"),
        ("typed", "Not agree"),
        ("typed", "Disagree in part"),
    ]
    files = []
    for i, (how, words) in enumerate(views):
        def fill(d, i=i, how=how, words=words):
            fill_details(d, name=f"Person {i}", organisation=f"Org {i}")
            confidential(d, False)
            if how == "ticked":
                answer(d, "T Q1", view="Agree")
            else:
                _typed_view(d, "T Q1", words)
            answer(d, "T Q2", rationale="No further comments.")

        files.append(filled_form(tmp_path, blank, f"org{i}.docx", fill))
    return files


# ---------------------------------------------------------------------------------------
# One source of counts


def test_positions_are_counted_once_and_every_output_agrees(tmp_path, pack, blank):
    out = tmp_path / "out"
    assert run(_seven_views(tmp_path, blank), out, pack.path) == 0
    summary = json.loads((out / COLLATION_NAME).read_text(encoding="utf-8"))
    assert summary["responses"] == 7
    q1 = next(q for q in summary["questions"] if q["id"] == "T Q1")
    assert q1["positions"] == {"Agree": 4, "Disagree": 2, "Partly agree": 1, "No view": 0, "Not answered": 0, "to be reviewed": 0}
    views = [r["view"] for r in csv_rows(out / CSV_NAME) if r["question_id"] == "T Q1"]
    assert views == ["Agree"] * 4 + ["Disagree"] * 2 + ["Partly agree"]
    text = _all_text(out / CONCLUSION_NAME)
    assert "DCC received seven responses to the consultation." in text
    assert "Four respondents agreed while two disagreed and one partly agreed." in text
    q2 = next(q for q in summary["questions"] if q["id"] == "T Q2")
    assert q2["comments"] == 0, '"No further comments." is not a comment'
    assert "No further comments" not in text


def test_the_letter_counts_the_same_as_the_conclusion(tmp_path):
    """Both read the one tally: the letter's topic sentence and collation.json's topic agree."""
    from pack_helpers import REPO

    text = (REPO / "sources" / "packs" / "tmad-unblocking-1.toml").read_text(encoding="utf-8").replace('"sources/', f'"{REPO.as_posix()}/sources/')
    pack_path = tmp_path / "tmad.toml"
    pack_path.write_text(text, encoding="utf-8")
    pack = load_pack(pack_path)
    blank = blank_form(pack)
    words = ["Agreed", "We do not support this", "Partially agree"]
    files = []
    for i, view in enumerate(words):
        def fill(d, i=i, view=view):
            fill_details(d, organisation=f"Supplier {i}")
            confidential(d, False)
            _typed_view(d, pack.questions[0].id, view)

        files.append(filled_form(tmp_path, blank, f"s{i}.docx", fill))
    out = tmp_path / "out"
    assert run(files, out, pack_path) == 0
    summary = json.loads((out / COLLATION_NAME).read_text(encoding="utf-8"))
    topic = summary["topics"][0]
    assert (topic["responses"], topic["agreed"], topic["disagreed"], topic["partly_agreed"]) == (3, 1, 1, 1)
    letter = _all_text(out / "recommendation-letter.docx")
    assert "DCC received three responses to this part of the consultation: one of which supported the proposals, one of which did not and one of which supported them in part." in letter


# ---------------------------------------------------------------------------------------
# Needs review, and decisions


def _contradicted(tmp_path: Path, blank: bytes) -> list[Path]:
    def ticked_but_not(d):
        fill_details(d, organisation="Mixed Signals plc")
        confidential(d, False)
        answer(d, "T Q1", view="Agree", rationale="We do not agree with the proposed date.")

    def plain(d):
        fill_details(d, organisation="Plain Energy")
        confidential(d, False)
        answer(d, "T Q1", view="Agree")

    return [filled_form(tmp_path, blank, "mixed.docx", ticked_but_not), filled_form(tmp_path, blank, "plain.docx", plain)]


def test_an_answer_that_needs_review_is_listed_counted_as_such_and_exits_1(tmp_path, pack, blank, capsys):
    out = tmp_path / "out"
    assert run(_contradicted(tmp_path, blank), out, pack.path) == 1
    err = capsys.readouterr().err
    assert "review: mixed.docx: T Q1: the Agree box is ticked but the comment says disagree" in err
    review = csv_rows(out / REVIEW_NAME)
    assert review == [{"file": "mixed.docx", "question": "T Q1", "read": review[0]["read"], "why": "the Agree box is ticked but the comment says disagree"}]
    text = _all_text(out / CONCLUSION_NAME)
    assert "One respondent agreed; one to be reviewed." in text
    assert "One answer is to be reviewed" in text
    assert json.loads((out / COLLATION_NAME).read_text(encoding="utf-8"))["to_review"] == 1


def test_decisions_settle_the_answers_to_review(tmp_path, pack, blank):
    files = _contradicted(tmp_path, blank)
    first = tmp_path / "first"
    run(files, first, pack.path)
    rows = csv_rows(first / REVIEW_NAME)
    decisions = tmp_path / "decisions.csv"
    with decisions.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*rows[0], "position"])
        writer.writeheader()
        writer.writerows({**r, "position": "Disagree"} for r in rows)
    out = tmp_path / "out"
    assert run(files, out, pack.path, decisions) == 0
    assert csv_rows(out / REVIEW_NAME) == []
    assert "One respondent agreed while one disagreed." in _all_text(out / CONCLUSION_NAME)
    assert [r["view"] for r in csv_rows(out / CSV_NAME) if r["question_id"] == "T Q1"] == ["Disagree", "Agree"]


def test_what_excel_would_run_as_a_formula_is_written_as_text_and_read_back_as_written(tmp_path, pack, blank):
    """A respondent's '=HYPERLINK(...)' must not become a live formula when DCC opens the
    CSVs in Excel; the decisions file, re-saved with those cells, still matches its forms."""
    link = '=HYPERLINK("http://evil.example","Open")'

    def hostile(d):
        fill_details(d, organisation=link, contact="+44 20 7946 0000")
        confidential(d, False)
        answer(d, "T Q1", view="Agree", rationale="We do not agree with the proposed date.")

    files = [filled_form(tmp_path, blank, "@form.docx", hostile)]
    first = tmp_path / "first"
    run(files, first, pack.path)
    raw = (first / CSV_NAME).read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in raw and "'+44 20" in raw and "'@form.docx" in raw
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in csv.reader(raw.splitlines()) for cell in row)
    (item,) = csv_rows(first / REVIEW_NAME)
    assert item["file"] == "'@form.docx"
    decisions = tmp_path / "decisions.csv"
    with decisions.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*item, "position"])
        writer.writeheader()
        writer.writerow({**item, "position": "Disagree"})
    out = tmp_path / "out"
    assert run(files, out, pack.path, decisions) == 0
    assert [r["view"] for r in csv_rows(out / CSV_NAME) if r["question_id"] == "T Q1"] == ["Disagree"]
    assert link in _all_text(out / CONCLUSION_NAME)  # the guard is the CSVs' alone


def test_a_decision_that_is_not_a_position_is_a_one_line_error(tmp_path, pack, blank):
    files = _contradicted(tmp_path, blank)
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("file,question,read,why,position\nmixed.docx,T Q1,,,Maybe\n", encoding="utf-8")
    from docgen.errors import InputError

    with pytest.raises(InputError, match=r"line 2: 'Maybe' is not a position \(write one of Agree, Disagree, Partly agree, No view, Not answered\)"):
        run(files, tmp_path / "out", pack.path, decisions)
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------------------
# Confidentiality


def test_a_partial_request_is_recorded_and_those_answers_are_withheld(tmp_path, pack, blank):
    def partial(d):
        fill_details(d, name="Pat Lee", organisation="Partway Energy Ltd", contact="pat@partway.example")
        confidential(d, True)
        _part(d, "Only our answer to question 2 is confidential (commercial reasons).")
        answer(d, "T Q1", view="Agree", rationale="The correction is overdue.")
        answer(d, "T Q2", view="Disagree", rationale="Our rollout plan depends on a later date.")

    out = tmp_path / "out"
    assert run([filled_form(tmp_path, blank, "partway.docx", partial)], out, pack.path) == 0
    rows = csv_rows(out / CSV_NAME)
    assert {(r["confidential"], r["confidential_questions"]) for r in rows} == {("partial", "T Q2")}
    text = _all_text(out / CONCLUSION_NAME)
    assert "The correction is overdue." in text
    assert "rollout plan" not in text
    assert "One respondent asked for part of their response to be kept confidential." in text
    assert "Partway" not in text and "Pat Lee" not in text


@pytest.mark.parametrize(
    "part, questions",
    [("Q2", "T Q2"), ("question 2", "T Q2"), ("our answer to T Q1", "T Q1"), ("Questions 1 and 2", "T Q1; T Q2")],
)
def test_the_part_is_read_as_question_ids(tmp_path, pack, blank, part, questions):
    def fill(d):
        fill_details(d, organisation="Partway Energy Ltd")
        confidential(d, True)
        _part(d, part)
        answer(d, "T Q1", view="Agree")

    response = collate([filled_form(tmp_path, blank, "p.docx", fill)], pack).responses[0]
    assert (response.confidential, "; ".join(response.confidential_questions), response.confidential_review) == ("partial", questions, "")


def test_a_part_that_names_no_question_needs_review_and_is_withheld_meanwhile(tmp_path, pack, blank):
    def fill(d):
        fill_details(d, organisation="Vague Power")
        confidential(d, True)
        _part(d, "The commercial bits")
        answer(d, "T Q1", view="Agree", rationale="Our volumes are 4,000 a month.")

    out = tmp_path / "out"
    assert run([filled_form(tmp_path, blank, "vague.docx", fill)], out, pack.path) == 1
    review = csv_rows(out / REVIEW_NAME)
    assert review[0]["question"] == "confidentiality" and "names no question" in review[0]["why"]
    assert "4,000" not in _all_text(out / CONCLUSION_NAME)


def _hushwater(d):
    fill_details(d, name="David Jones", organisation="Hushwater Energy Ltd", contact="david.jones@hushwater.co.uk")
    confidential(d, True)
    answer(d, "T Q1", view="Disagree", rationale="Hushwater cannot meet this date.")


def test_every_form_of_a_confidential_name_is_found(tmp_path, pack, blank):
    response = collate([filled_form(tmp_path, blank, "hush.docx", _hushwater)], pack).responses[0]
    forms = name_forms(response)
    for form in ("Hushwater Energy Ltd", "Hushwater Energy", "Hushwater", "David Jones", "Mr Jones", "Dr Jones", "david.jones@hushwater.co.uk", "hushwater.co.uk"):
        assert form in forms
    redact = redactor([response])
    assert redact("Unlike Hushwater, and as Mr  Jones said, we agree.") == "Unlike [name withheld], and as [name withheld] said, we agree."
    assert find_leak("x.docx", "Write to HUSHWATER.CO.UK for details", [response]).form == "hushwater.co.uk"
    assert find_leak("x.docx", "Mr Jonesborough agreed", [response]) is None


def test_other_respondents_comments_are_redacted_and_the_confidential_words_withheld(tmp_path, pack, blank):
    def other(d):
        fill_details(d, name="Ann Smith", organisation="Open Energy")
        confidential(d, False)
        answer(d, "T Q1", view="Agree", rationale="We spoke to Mr Jones of Hushwater and agree.")

    out = tmp_path / "out"
    assert run([filled_form(tmp_path, blank, "hush.docx", _hushwater), filled_form(tmp_path, blank, "open.docx", other)], out, pack.path) == 0
    text = _all_text(out / CONCLUSION_NAME)
    assert "We spoke to [name withheld] of [name withheld] and agree." in text
    assert "cannot meet this date" not in text
    assert "hushwater" not in text.lower() and "jones" not in text.lower()
    assert "One respondent asked for their response to be kept confidential." in text


# ---------------------------------------------------------------------------------------
# Letters, PDFs and other tools


def _letter(path: Path, paragraphs: list[str]) -> Path:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_a_letter_answering_q1_without_the_template_is_counted(tmp_path, pack, blank):
    letter = _letter(
        tmp_path / "letter.docx",
        [
            "Dear DCC,",
            "Organisation: Letter Energy",
            "Our response is not confidential and may be published.",
            "Q1: Do you agree with the proposed change?",
            "We do not agree. The change should wait for the DMVES release.",
            "Question 2 - Yes.",
            "T Q3. None.",
            "Yours faithfully,",
        ],
    )
    form = filled_form(tmp_path, blank, "form.docx", lambda d: (fill_details(d, organisation="Form Co"), confidential(d, False), answer(d, "T Q1", view="Agree")))
    result = collate([letter, form], pack)
    assert [p.message for p in result.problems if p.rejected] == []
    response = result.responses[0]
    assert (response.organisation, response.confidential) == ("Letter Energy", "no")
    q1, q2, q3 = (response.answer(q) for q in ("T Q1", "T Q2", "T Q3"))
    assert (q1.position, q2.position) == ("Disagree", "Agree")
    assert q1.comment.startswith("We do not agree. The change should wait")
    assert not is_comment(q3.comment)
    out = tmp_path / "out"
    assert run([letter, form], out, pack.path) == 0
    assert "One respondent agreed while one disagreed." in _all_text(out / CONCLUSION_NAME)


def test_a_letter_is_counted_without_a_pack_when_another_form_names_it(tmp_path, pack, blank):
    letter = _letter(tmp_path / "letter.docx", ["Organisation: Letter Energy", "Q1: Agreed."])
    form = filled_form(tmp_path, blank, "form.docx", lambda d: (fill_details(d, organisation="Form Co"), answer(d, "T Q1", view="Agree")))
    assert len(collate([letter, form], None).responses) == 2


@pytest.mark.parametrize(
    "text, rejoined",
    [
        ("We support the change but the date\nshould move to June.", "We support the change but the date should move to June."),
        ("First point.\nSecond point.", "First point.\nSecond point."),
        ("A heading\n\nA paragraph", "A heading\nA paragraph"),
        ("The roll-\nout plan", "The rollout plan"),
    ],
)
def test_pdf_lines_are_rejoined_into_paragraphs(text, rejoined):
    assert rejoin_lines(text) == rejoined


@pytest.mark.parametrize("text", ["No further comments", "None", "N/A", "none.", "No comment", "We have no further comments to add."])
def test_non_comments_are_not_comments(text):
    assert not is_comment(text)


def test_a_form_resaved_by_libreoffice_reads_the_same(tmp_path, pack, blank):
    if not soffice.available():
        pytest.skip("LibreOffice (soffice) is not installed")
    files = _seven_views(tmp_path, blank)[4:]
    resaved = soffice.convert(files, "docx", tmp_path / "resaved")
    before = collate(files, pack)
    after = collate(resaved, pack)
    assert [r.answer("T Q1").position for r in after.responses] == [r.answer("T Q1").position for r in before.responses] == ["Disagree", "Disagree", "Partly agree"]


def test_a_letter_printed_to_pdf_is_read_with_its_paragraphs_rejoined(tmp_path, pack):
    if not soffice.available():
        pytest.skip("LibreOffice (soffice) is not installed")
    long_answer = (
        "We do not agree with the proposed change because the timing of the release is far too close to the winter "
        "freeze and suppliers would need to retest their systems."
    )
    letter = _letter(tmp_path / "letter.docx", ["Organisation: PDF Letter Energy", "Dear DCC,", f"Q1: {long_answer}", "Q2: Agreed.", "Kind regards,", "Jo Bloggs"])
    pdf = soffice.convert([letter], "pdf", tmp_path / "pdf")[0]
    response = collate([pdf], pack).responses[0]
    assert response.organisation == "PDF Letter Energy"
    q1, q2 = response.answer("T Q1"), response.answer("T Q2")
    assert (q1.position, q1.comment) == ("Disagree", long_answer), "the PDF's line breaks inside the sentence are gone"
    assert (q2.position, q2.comment) == ("Agree", "")


def test_a_confidentiality_decision_settles_what_is_withheld(tmp_path, pack, blank):
    def fill(d):
        fill_details(d, organisation="Vague Power")
        confidential(d, True)
        _part(d, "The commercial bits")
        answer(d, "T Q1", view="Agree", rationale="Our volumes are 4,000 a month.")
        answer(d, "T Q2", view="Agree", rationale="The date suits us.")

    form = filled_form(tmp_path, blank, "vague.docx", fill)
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("file,question,read,why,position\nvague.docx,confidentiality,,,partial Q1\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run([form], out, pack.path, decisions) == 0
    text = _all_text(out / CONCLUSION_NAME)
    assert "4,000" not in text and "The date suits us." in text
    assert {r["confidential_questions"] for r in csv_rows(out / CSV_NAME)} == {"T Q1"}

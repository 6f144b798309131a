"""On a realistic, varied set of returned forms, at most 10% of answers need review and no
position is read wrongly (a wrong reading is worse than a review).

The set is built here as respondents return forms: most click a box (some paste ☒ or type X),
some type their view over the boxes in their own words, some make the option bold or delete
the others, some leave the box and start the rationale with their view, a few write a letter
("Q1: ..."), and a few answers are genuinely unclear (a box ticked against a sentence saying
the opposite). Each answer carries the position a careful reader would record, or None where a
person must decide.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from docgen.pack.load import load_pack
from docgen.pack.positions import AGREE, DISAGREE, NO_VIEW, NOT_ANSWERED, PARTLY
from docgen.pack.response_template import response_template_docx
from docgen.pack.responses import collate
from pack_helpers import _row, _table_starting, answer, confidential, fill_details, open_form, pack_text, save_form, write_pack

WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_REVIEW_RATE = 0.10


def _bold(document, qid: str, label: str) -> None:
    """The option's word selected and made bold (Word splits the run)."""
    cell = _row(_table_starting(document, qid), "Your view").cells[1]
    run = next(r for r in cell._tc.iter(qn("w:r")) if (t := r.find(qn("w:t"))) is not None and (t.text or "").strip() == label)
    text = run.find(qn("w:t")).text
    i = text.index(label)
    parent, at = run.getparent(), run.getparent().index(run)
    parent.remove(run)
    for k, (piece, bold) in enumerate(((text[:i], False), (label, True), (text[i + len(label):], False))):
        new = copy.deepcopy(run)
        t = new.find(qn("w:t"))
        t.text = piece
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if bold:
            rpr = new.find(qn("w:rPr"))
            if rpr is None:
                rpr = parse_xml(f'<w:rPr xmlns:w="{WNS}"/>')
                new.insert(0, rpr)
            rpr.append(parse_xml(f'<w:b xmlns:w="{WNS}"/>'))
        parent.insert(at + k, new)


def _keep_only(document, qid: str, label: str) -> None:
    """The other options deleted, with their boxes."""
    cell = _row(_table_starting(document, qid), "Your view").cells[1]
    sdts = list(cell._tc.iter(qn("w:sdt")))
    for option, sdt in zip(("Agree", "Disagree", "No opinion"), sdts):
        if option == label:
            continue
        run = next(r for r in cell._tc.iter(qn("w:r")) if (t := r.find(qn("w:t"))) is not None and (t.text or "").strip() == option)
        run.getparent().remove(run)
        sdt.getparent().remove(sdt)


# (how, what, rationale, expected) per answer. how: click/glyph/x tick the option `what`;
# typed: `what` typed over the boxes; bold: the option made bold; only: the other options
# deleted; none: the view cell left alone (the rationale may state the view).
Answer = tuple[str, str, str, "str | None"]

RESPONDENTS: list[tuple[Answer, Answer]] = [
    (("click", "Agree", "", AGREE), ("click", "Agree", "", AGREE)),
    (("click", "Agree", "We support the correction; it restores the alignment with the DMVES.", AGREE), ("click", "Agree", "", AGREE)),
    (("click", "Disagree", "The renumbering will cost us a release.", DISAGREE), ("click", "Agree", "", AGREE)),
    (("click", "No opinion", "", NO_VIEW), ("click", "No opinion", "", NO_VIEW)),
    (("glyph", "Agree", "", AGREE), ("glyph", "Disagree", "Too soon.", DISAGREE)),
    (("x", "Agree", "", AGREE), ("x", "Agree", "No further comments.", AGREE)),
    # a tick is the choice; conditions in the rationale are its comment (the template has no "partly" box)
    (("click", "Agree", "We agree, subject to the DMVES being published at the same time.", AGREE), ("click", "Agree", "", AGREE)),
    (("typed", "Agree", "", AGREE), ("typed", "Agree", "", AGREE)),
    (("typed", "Yes.", "", AGREE), ("typed", "Yes", "", AGREE)),
    (("typed", "Agreed", "", AGREE), ("typed", "AGREE", "", AGREE)),
    (("typed", "We support this", "", AGREE), ("typed", "Support", "", AGREE)),
    (("typed", "No objection", "", AGREE), ("typed", "No objections.", "", AGREE)),
    (("typed", "I do not agree", "It should wait.", DISAGREE), ("typed", "Disagree", "", DISAGREE)),
    (("typed", "Not agree", "", DISAGREE), ("typed", "We don't agree", "", DISAGREE)),
    (("typed", "Do not agree", "", DISAGREE), ("typed", "We cannot support this", "", DISAGREE)),
    (("typed", "Partially agree", "", PARTLY), ("typed", "Disagree in part", "", PARTLY)),
    (("typed", "Agree in principle", "", PARTLY), ("typed", "Agree with reservations", "", PARTLY)),
    (("typed", "N/A", "", NO_VIEW), ("typed", "No view", "", NO_VIEW)),
    (("typed", "No comment", "", NO_VIEW), ("typed", "no opinion", "", NO_VIEW)),
    (("typed", "agree", "", AGREE), ("typed", "disagree", "The date clashes with our freeze.", DISAGREE)),
    (("bold", "Agree", "", AGREE), ("bold", "Disagree", "", DISAGREE)),
    (("bold", "No opinion", "", NO_VIEW), ("bold", "Agree", "", AGREE)),
    (("only", "Agree", "", AGREE), ("only", "Disagree", "", DISAGREE)),
    (("only", "No opinion", "", NO_VIEW), ("click", "Agree", "", AGREE)),
    (("none", "", "We agree with the proposal.", AGREE), ("none", "", "We do not agree with the proposed date.", DISAGREE)),
    (("none", "", "Yes. This is sensible.", AGREE), ("none", "", "", NOT_ANSWERED)),
    (("none", "", "", NOT_ANSWERED), ("click", "Agree", "", AGREE)),
    (("click", "Agree", "", AGREE), ("click", "Disagree", "We do not agree: our systems need until June.", DISAGREE)),
    (("click", "Agree", "We welcome this.", AGREE), ("click", "Agree", "Happy with the date.", AGREE)),
    (("click", "Disagree", "", DISAGREE), ("click", "Disagree", "", DISAGREE)),
    (("click", "Agree", "", AGREE), ("click", "No opinion", "", NO_VIEW)),
    (("click", "Agree", "", AGREE), ("click", "Agree", "", AGREE)),
    (("typed", "Yes, we agree.", "", AGREE), ("typed", "Yes - happy with this date.", "", AGREE)),
    (("click", "Agree", "", AGREE), ("typed", "Agree, but not with the date of 30 April.", "", PARTLY)),
    # genuinely unclear: a person must decide
    (("click", "Agree", "We do not agree with the proposed change.", None), ("click", "Agree", "", AGREE)),
    (("typed", "Agree however we cannot support the timing", "", None), ("click", "Agree", "", AGREE)),
    (("click", "Agree", "", AGREE), ("click", "Agree", "", AGREE)),
    (("click", "Agree", "", AGREE), ("glyph", "Agree", "", AGREE)),
]

LETTERS: list[tuple[list[str], str | None, str | None]] = [
    (["Dear DCC,", "Organisation: Letter One Ltd", "Our response is not confidential.", "Q1: We agree with the proposed change.", "Q2: We do not agree with the date.", "Yours faithfully,"], AGREE, DISAGREE),
    (["Organisation: Letter Two", "Q1: Agreed.", "Q2: No objection.", "Kind regards,"], AGREE, AGREE),
    (["Organisation: Letter Three", "Question 1 - Yes.", "Question 2 - We support the date in principle.", "Regards,"], AGREE, PARTLY),
]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The forms and letters as files, with the position each answer should read as."""
    tmp = tmp_path_factory.mktemp("rate")
    pack = load_pack(write_pack(tmp, pack_text()))
    blank = response_template_docx(pack, dt.datetime(2025, 2, 5))
    files: list[Path] = []
    expected: dict[str, tuple[str | None, str | None]] = {}
    for i, answers in enumerate(RESPONDENTS):
        document = open_form(blank)
        fill_details(document, name=f"Person {i}", organisation=f"Respondent {i:02d}")
        confidential(document, False)
        for qid, (how, what, rationale, _) in zip(("T Q1", "T Q2"), answers):
            if how in ("click", "glyph", "x"):
                answer(document, qid, view=what, rationale=rationale, how=how)
            elif how == "typed":
                answer(document, qid, view=what, rationale=rationale, how="typed")
            else:
                if how == "bold":
                    _bold(document, qid, what)
                elif how == "only":
                    _keep_only(document, qid, what)
                answer(document, qid, rationale=rationale)
        name = f"r{i:02d}.docx"
        files.append(save_form(document, tmp / name))
        expected[name] = (answers[0][3], answers[1][3])
    for i, (paragraphs, q1, q2) in enumerate(LETTERS):
        letter = Document()
        for text in paragraphs:
            letter.add_paragraph(text)
        name = f"letter{i}.docx"
        letter.save(str(tmp / name))
        files.append(tmp / name)
        expected[name] = (q1, q2)
    return pack, files, expected


@pytest.fixture(scope="module")
def collated(made):
    pack, files, expected = made
    return collate(files, pack), expected


def test_every_form_is_collated(collated):
    result, expected = collated
    assert sorted(r.path.name for r in result.responses) == sorted(expected)


def _score(result, expected) -> tuple[list, int, int]:
    """(answers read wrongly, answers to review, answers)."""
    wrong, reviews, total = [], 0, 0
    for response in result.responses:
        for qid, wanted in zip(("T Q1", "T Q2"), expected[response.path.name]):
            a = response.answer(qid)
            total += 1
            if a.under_review:
                reviews += 1
                continue
            if wanted is None or a.position != wanted:
                wrong.append((response.path.name, qid, a.read, a.position, wanted))
    return wrong, reviews, total


def test_no_position_is_read_wrongly_and_at_most_ten_percent_need_review(collated):
    result, expected = collated
    wrong, reviews, total = _score(result, expected)
    assert wrong == []
    assert reviews / total <= MAX_REVIEW_RATE, f"{reviews} of {total} answers need review"
    # the unclear ones, and only they, went to review
    unclear = {(name, qid) for name, views in expected.items() for qid, v in zip(("T Q1", "T Q2"), views) if v is None}
    flagged = {(r.path.name, q) for r in result.responses for q in ("T Q1", "T Q2") if r.answer(q).under_review}
    assert flagged == unclear


@pytest.mark.parametrize("target", ["docx", "pdf"])
def test_the_same_set_resaved_or_printed_by_libreoffice(made, tmp_path, target):
    """The same forms re-saved by LibreOffice, or printed to PDF by it: still no wrong reading
    and at most 10% to review."""
    from docgen import soffice

    if not soffice.available():
        pytest.skip("LibreOffice (soffice) is not installed")
    pack, files, expected = made
    converted = soffice.convert(files, target, tmp_path / target)
    by_stem = {Path(name).stem: views for name, views in expected.items()}
    result = collate(converted, pack)
    renamed = {r.path.name: by_stem[r.path.stem] for r in result.responses}
    assert len(result.responses) == len(files), [p.message for p in result.problems]
    wrong, reviews, total = _score(result, renamed)
    assert wrong == []
    assert reviews / total <= MAX_REVIEW_RATE, f"{reviews} of {total} answers need review"

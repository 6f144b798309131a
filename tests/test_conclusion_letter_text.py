"""The conclusion and the letter of both bundled packs read like the real ones (seeds 001 and 002).

Each pack's own response template is filled with python-docx as respondents fill it (ticked
boxes, typed words, a confidential response) and collated; the facts are then checked in the
text of the built .docx files (body and tables, in document order), and every count against
collation.json, the one tally both are rendered from.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document

from docgen.commands.responses import COLLATION_NAME, CONCLUSION_NAME, RECOMMENDATION_NAME, run
from docgen.pack.dates import build_moment
from docgen.pack.load import load_pack
from docgen.pack.response_template import response_template_docx
from pack_helpers import REPO, answer, confidential, fill_details, open_form, save_form

PACKS = REPO / "sources" / "packs"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DMVES_CLEAN = "SEC Appendix AM Annex A Device Model Variations to Equivalent Steps Matrix v12.2 clean"
DMVES_REDLINE = "SEC Appendix AM Annex A Device Model Variations to Equivalent Steps Matrix v12.2 redlined"


def _pack(tmp: Path, name: str) -> Path:
    text = (PACKS / name).read_text(encoding="utf-8").replace('"sources/', f'"{REPO.as_posix()}/sources/')
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def _text(path: Path) -> str:
    """Every paragraph of the body, tables included, one a line, in document order."""
    document = Document(str(path))
    lines = []
    for p in document.element.body.iter(f"{W}p"):
        line = "".join(t.text or "" for t in p.iter(f"{W}t"))
        if line.strip():
            lines.append(" ".join(line.split()))
    return "\n".join(lines)


def _collate(tmp: Path, pack_name: str, answers: list[tuple[str, bool, dict[str, tuple[str, str]]]]) -> tuple[Path, dict]:
    """Forms (organisation, confidential, {question: (view, rationale)}) collated with the pack."""
    pack_path = _pack(tmp, pack_name)
    pack = load_pack(pack_path)
    blank = response_template_docx(pack, build_moment(pack.published))
    forms = []
    for i, (organisation, secret, views) in enumerate(answers):
        document = open_form(blank)
        fill_details(document, name=f"Contact {i}", organisation=organisation, contact=f"c{i}@org{i}.example")
        confidential(document, secret)
        for qid, (view, rationale) in views.items():
            if view == "typed":
                answer(document, qid, view=rationale, how="typed")
            else:
                answer(document, qid, view=view or None, rationale=rationale)
        forms.append(save_form(document, tmp / f"form{i}.docx"))
    out = tmp / "out"
    assert run(forms, out, pack_path) == 0
    return out, json.loads((out / COLLATION_NAME).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def s1sr(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("s1sr")
    return _collate(
        tmp,
        "s1sr-2025-correction.toml",
        [
            ("Northern Supply Ltd", False, {"S1SR Q1": ("Agree", "We welcome the correction."), "S1SR Q2": ("Agree", ""), "S1SR Q3": ("Agree", "")}),
            ("Meter Works plc", False, {"S1SR Q1": ("typed", "Agreed"), "S1SR Q2": ("typed", "We support this"), "S1SR Q3": ("Disagree", "The date is too soon for our systems.")}),
            ("Quiet Energy Ltd", True, {"S1SR Q1": ("Agree", ""), "S1SR Q2": ("Disagree", "The Kamstrup row is wrong.")}),
            ("Grid Folk", False, {"S1SR Q1": ("No opinion", ""), "S1SR Q2": ("Agree", ""), "S1SR Q3": ("Agree", ""), "S1SR Q4": ("", "No further comments.")}),
            ("Volt Ltd", False, {"S1SR Q1": ("Disagree", "Renumbering again confuses our staff."), "S1SR Q2": ("Agree", ""), "S1SR Q3": ("Agree", "")}),
        ],
    )


@pytest.fixture(scope="module")
def tmad(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tmad")
    return _collate(
        tmp,
        "tmad-unblocking-1.toml",
        [
            ("Alpha Energy", False, {"Unblocking 1 Q1": ("Agree", ""), "Unblocking 1 Q2": ("Agree", ""), "Unblocking 1 Q3": ("Agree", ""), "Unblocking 1 Q4": ("Agree", ""), "Unblocking 1 Q5": ("Agree", "")}),
            ("Beta Gas Ltd", False, {"Unblocking 1 Q1": ("Agree", ""), "Unblocking 1 Q2": ("Disagree", "72 hours hides faults."), "Unblocking 1 Q4": ("Disagree", "Too early: our release is in August."), "Unblocking 1 Q5": ("Agree", "")}),
            ("Gamma Power", False, {"Unblocking 1 Q1": ("typed", "Yes."), "Unblocking 1 Q3": ("Agree", ""), "Unblocking 1 Q5": ("Agree", "")}),
        ],
    )


# ---------------------------------------------------------------------------------------
# The conclusion (seed 001)


def test_s1sr_conclusion_says_in_the_past_tense_what_dcc_consulted_on(s1sr):
    out, _ = s1sr
    text = _text(out / CONCLUSION_NAME)
    assert "DCC's conclusion on proposed changes to the S1SR and DMVES" in text
    assert "On 5 February 2025, DCC consulted on proposed changes to the S1SR and DMVES:\nCorrection of the clause 18.5 references\nAdditional Device behaviours in the DMVES" in text
    assert "This document provides DCC's responses to the points raised, and concludes this consultation." in text
    # the pack's introduction speaks of the consultation in the present: those sentences are not repeated
    assert "is consulting on them" not in text and "Once it has considered the responses" not in text
    assert "Annex A of the S1SR, the Device Model Variations to Equivalent Steps Matrix (DMVES), records" in text, "the background is kept"


def test_s1sr_conclusion_attaches_every_changed_document_with_the_dmves(s1sr):
    out, _ = s1sr
    document = Document(str(out / CONCLUSION_NAME))
    attachments = [p.text for p in document.paragraphs if p.text.startswith("Attachment ")]
    assert attachments == [
        "Attachment 1: SEC Appendix AM SMETS1 Supporting Requirements v12.2 clean",
        "Attachment 2: SEC Appendix AM SMETS1 Supporting Requirements v12.2 redlined",
        f"Attachment 3: {DMVES_CLEAN}",
        f"Attachment 4: {DMVES_REDLINE}",
    ]
    text = _text(out / CONCLUSION_NAME)
    assert "DCC proposes that the S1SR and DMVES be re-designated on 30 April 2025" in text
    assert "DCC will submit the updated S1SR and DMVES to the Secretary of State on 2 April 2025." in text


def test_the_conclusion_has_a_table_of_contents_of_every_heading(s1sr):
    out, _ = s1sr
    document = Document(str(out / CONCLUSION_NAME))
    body = document.element.body
    instructions = "".join(t.text or "" for t in body.iter(f"{W}instrText"))
    assert "TOC \\o" in instructions and "PAGEREF _Toc" in instructions
    anchors = [h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink")]
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    headings = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert len(anchors) == len(headings) and set(anchors) <= bookmarks
    assert "7. Attachments" in headings and "3.2. Comments relating to question S1SR Q2" in headings


def test_s1sr_conclusion_counts_are_collation_json_s(s1sr):
    out, summary = s1sr
    positions = {q["id"]: q["positions"] for q in summary["questions"]}
    assert positions["S1SR Q1"]["Agree"] == 3 and positions["S1SR Q1"]["Disagree"] == 1 and positions["S1SR Q1"]["No view"] == 1
    assert positions["S1SR Q3"]["Agree"] == 3 and positions["S1SR Q3"]["Disagree"] == 1 and positions["S1SR Q3"]["Not answered"] == 1
    text = _text(out / CONCLUSION_NAME)
    assert "DCC received five responses to the consultation." in text
    assert "Three respondents agreed while one disagreed and one did not express an opinion." in text  # Q1 and Q3
    assert "One respondent asked for their response to be kept confidential." in text
    assert "The Kamstrup row is wrong." not in text, "the confidential respondent's words are not published"
    assert "No further comments" not in text


# ---------------------------------------------------------------------------------------
# The letter (seed 002)


def test_s1sr_letter_names_the_s1sr_and_the_dmves_and_when_the_conclusions_were_published(s1sr):
    out, summary = s1sr
    text = _text(out / RECOMMENDATION_NAME)
    assert "DCC recently consulted on the below proposed amendments to the S1SR and DMVES:" in text
    assert f"DCC received five responses to the consultation and on 2 April 2025, DCC published its conclusions." in text
    assert summary["responses"] == 5
    assert "updated versions of the S1SR and DMVES that we consider appropriate for the Department to designate" in text
    provided = text.split("appropriate for the Department to designate:")[1].split("Yours sincerely,")[0].strip().split("\n")
    assert provided == [
        "SEC Appendix AM SMETS1 Supporting Requirements v12.2 clean",
        "SEC Appendix AM SMETS1 Supporting Requirements v12.2 redlined",
        DMVES_CLEAN,
        DMVES_REDLINE,
    ]


def test_s1sr_letter_has_a_paragraph_per_topic_with_its_outcome_and_recommendation(s1sr):
    out, summary = s1sr
    text = _text(out / RECOMMENDATION_NAME)
    first, second = summary["topics"]
    assert (first["responses"], first["agreed"], first["disagreed"], first["no_view"]) == (5, 3, 1, 1)
    assert (second["responses"], second["agreed"], second["disagreed"]) == (5, 4, 1)
    assert re.search(
        r"^Correction of the clause 18\.5 references \u2013 DCC received five responses to this part of the consultation: three of which supported the proposals, "
        r"one of which did not and one of which did not state a view\. \[State the concern raised and DCC's response\.\] On this basis DCC recommends to the Secretary of State "
        r"that DCC's proposed amendments should be implemented, including through their designation into the S1SR\. Further details are provided in Appendix A\.$",
        text,
        re.M,
    )
    assert re.search(
        r"^Additional Device behaviours in the DMVES \u2013 DCC received five responses to this part of the consultation: four of which supported the proposals and one of which did not\. "
        r".*designation into the S1SR and DMVES\. Further details are provided in Appendix B\.$",
        text,
        re.M,
    )


def test_s1sr_letter_states_the_objection_to_the_re_designation_date_and_next_steps(s1sr):
    out, _ = s1sr
    text = _text(out / RECOMMENDATION_NAME)
    assert (
        "Proposed re-designation date \u2013 DCC proposed that the S1SR and DMVES be re-designated on 30 April 2025 (S1SR Q3). "
        "Three respondents agreed while one disagreed and one did not express an opinion. One respondent objected to the proposed date." in text
    )
    steps = text.split("\nNext steps\n")[1].split("We have separately provided")[0]
    assert "Correction of the clause 18.5 references: we recommend that the Secretary of State designate these proposed changes into the S1SR on 30 April 2025" in steps
    assert "Additional Device behaviours in the DMVES: we recommend that the Secretary of State designate these proposed changes into the S1SR and DMVES on 30 April 2025" in steps
    assert "We have separately provided copies of the consultation responses received" in text


# ---------------------------------------------------------------------------------------
# The TMAD pack: two documents, two dates, no DMVES


def test_tmad_conclusion_and_letter(tmad):
    out, summary = tmad
    conclusion = _text(out / CONCLUSION_NAME)
    assert "On 24 June 2021, DCC consulted on proposed changes to the TMAD and SMETS1 SVTAD:" in conclusion
    assert "This consultation proposes" not in conclusion and "the following sections" not in conclusion
    assert "Attachment 3: SEC Appendix AK SEC Variation Testing Approach Document for SMETS1 Services" in conclusion
    assert "DMVES" not in conclusion
    letter = _text(out / RECOMMENDATION_NAME)
    assert "DCC received three responses to the consultation and on 22 July 2021, DCC published its conclusions." in letter
    assert summary["responses"] == 3
    assert "DCC proposed that the TMAD and SMETS1 SVTAD be re-designated on 29 July 2021 (Unblocking 1 Q4). One respondent agreed while one disagreed and one did not express an opinion. One respondent objected to the proposed date." in letter
    assert "DCC proposed that the TMAD be re-designated on 12 October 2021 (Unblocking 1 Q5). All three respondents agreed. No respondent objected to the proposed date." in letter
    assert "SMETS1 PPMID definition change \u2013 no change to DCC Systems \u2013 DCC received three responses to this part of the consultation, all of which supported the proposals." in letter
    assert "updated versions of the TMAD and SMETS1 SVTAD" in letter and "DMVES" not in letter.split("Appendix A")[0]
    assert letter.count("Further details are provided in Appendix") == 3


def test_both_outputs_show_no_attributed_comment(s1sr):
    """Comments are listed without the organisation that made them."""
    out, _ = s1sr
    with zipfile.ZipFile(out / CONCLUSION_NAME) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    assert "Renumbering again confuses our staff." in xml
    text = _text(out / CONCLUSION_NAME)
    comments = text.split("3. Analysis of Responses")[2]
    for organisation in ("Volt Ltd", "Meter Works plc", "Northern Supply Ltd"):
        assert organisation not in comments


# ---------------------------------------------------------------------------------------
# Which documents are handed over


def test_the_dmves_is_handed_over_only_where_it_changes(tmp_path):
    import dataclasses

    from docgen.pack.designation import attachment_titles, documents_phrase, handed_over, matrix_rows_differ
    from docgen.readers import read_matrix

    pack = load_pack(_pack(tmp_path, "s1sr-2025-correction.toml"))
    doc = pack.documents[0]
    old, new = read_matrix(doc.matrix.old), read_matrix(doc.matrix.new)
    assert matrix_rows_differ(old, new) and not matrix_rows_differ(old, read_matrix(doc.matrix.old))
    assert documents_phrase(handed_over(pack, {"S1SR": (old, new)})) == "S1SR and DMVES"
    # the Annex A row alone says the DMVES changes, even before the workbooks are compared
    assert documents_phrase(handed_over(pack, {})) == "S1SR and DMVES"
    unchanged = dataclasses.replace(
        pack,
        drafting=tuple(e for e in pack.drafting if e.ref != "Annex A"),
        documents=(dataclasses.replace(doc, matrix=dataclasses.replace(doc.matrix, new=doc.matrix.old)),),
    )
    handed = handed_over(unchanged, {"S1SR": (old, old)})
    assert documents_phrase(handed) == "S1SR"
    assert not any("Matrix" in t for t in attachment_titles(handed))


def test_s1sr_letter_has_the_device_models_affected_by_manufacturer(s1sr, tmp_path):
    """Issue 26 item 3: the table is the pack's impact (docgen.pack.impact_tables), grouped by manufacturer."""
    from docgen.pack.impact_tables import pack_impact, read_changed

    out, _ = s1sr
    document = Document(str(out / RECOMMENDATION_NAME))
    table = next(t for t in document.tables if [c.text for c in t.rows[0].cells] == ["Manufacturer", "Device Models"])
    rows = [(r.cells[0].text, r.cells[1].text) for r in table.rows[1:]]
    impact = pack_impact(read_changed(load_pack(_pack(tmp_path, "s1sr-2025-correction.toml"))))
    wanted: dict[str, list[str]] = {}
    for row in impact.models:
        wanted.setdefault(row.manufacturer, []).extend(m for m in row.device_models if m not in wanted.get(row.manufacturer, []))
    assert rows == [(maker, ", ".join(models)) for maker, models in wanted.items()]
    assert ("Ampy", "Ampy Vantage ESME") in rows and ("Elster", "Elster Polaris GSME") in rows
    text = _text(out / RECOMMENDATION_NAME)
    assert "Device Models affected\nThe proposed changes to the S1SR affect the DMVES rows of the following Device Models:" in text


def test_tmad_letter_has_no_device_models_table(tmad):
    out, _ = tmad
    document = Document(str(out / RECOMMENDATION_NAME))
    assert not any(t.rows and t.rows[0].cells[0].text == "Manufacturer" for t in document.tables)
    assert "Device Models affected" not in _text(out / RECOMMENDATION_NAME)

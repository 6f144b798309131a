"""The pack lint as a linter: every problem inside a pack is a finding at its TOML line.

Each test writes a pack description carrying one of the seeds' kinds of error and lints it
through `docgen lint PACK.toml`; the finding is read back both from the JSON report and
from the SARIF log (validated against the SARIF 2.1.0 schema), which must agree on the
rule, the key and the line. Only a file that is no pack description at all is exit 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from docgen.commands.lint import run as lint_run
from docgen.errors import InputError
from docgen.pack.toml_lines import key_lines, line_of
from pack_helpers import REPO, pack_text, write_pack

SCHEMA = json.loads((REPO / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
DATE_QUESTION = '[[questions]]\nid = "S1SR Q{n}"\ntext = "Do you agree with the proposed re-designation date of 30 April 2025 for S1SR version 12.2?"\n'
S1SR_FILES = {"S1SR": 'version_from = "12"\nversion_to = "12.2"\n'}


def questions(*texts: str, date: bool = True) -> str:
    """Questions S1SR Q1.. with these texts, then (by default) the re-designation question."""
    out = [f'[[questions]]\nid = "S1SR Q{n}"\ntext = "{t}"\n' for n, t in enumerate(texts, start=1)]
    if date:
        out.append(DATE_QUESTION.format(n=len(texts) + 1))
    return "\n".join(out)


def pack(tmp_path: Path, *, extra: str = "redesignation = 2025-04-30", qs: str | None = None, tail: str = "", files=None, contact: str | None = None, **kw) -> Path:
    text = pack_text(extra=extra, questions=qs if qs is not None else questions("Do you agree with the change?"), tail=tail, files=files, **kw)
    if contact is not None:
        text = text.replace('contact = "consultations@example.org"', f'contact = "{contact}"')
    return write_pack(tmp_path, text)


def lint(tmp_path: Path, path: Path, fmt: str) -> tuple[int, str]:
    out = tmp_path / f"report.{fmt}"
    code = lint_run(path, None, None, fmt, None, out)
    return code, out.read_text(encoding="utf-8")


def findings(tmp_path: Path, path: Path) -> list[dict]:
    """The JSON findings, each checked against its SARIF result (rule, key, line)."""
    code, text = lint(tmp_path, path, "json")
    report = json.loads(text)["findings"]
    assert code == (1 if any(f["severity"] == "error" for f in report) else 0)
    code_sarif, sarif_text = lint(tmp_path, path, "sarif")
    assert code_sarif == code
    log = json.loads(sarif_text)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == len(report)
    for f, r in zip(report, results):
        assert r["ruleId"] == f["rule"] and r["message"]["text"] == f["message"]
        assert r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == f["ref"]
        region = r["locations"][0]["physicalLocation"].get("region")
        assert (region or {}).get("startLine") == f.get("line")
        assert "\n" not in f["message"] and "(fix: " in f["message"]
    return report


def only(report: list[dict], rule: str) -> dict:
    mine = [f for f in report if f["rule"] == rule]
    assert len(mine) == 1, report
    return mine[0]


def line_in(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line)


# ---------------------------------------------------------------------------------------
# Problems that used to stop the lint


def test_a_question_id_used_twice_is_a_finding_not_a_load_error(tmp_path):
    path = pack(tmp_path, qs=questions("Do you agree with A?", "Do you agree with B?").replace('id = "S1SR Q2"', 'id = "S1SR Q1"', 1))
    finding = only(findings(tmp_path, path), "pack/question-id")
    assert finding["ref"] == "questions[1].id"
    assert "'S1SR Q1' is used twice (questions[0] has it too)" in finding["message"]
    assert finding["line"] == [n for n, line in enumerate(path.read_text().splitlines(), start=1) if line == 'id = "S1SR Q1"'][1]


def test_a_closing_date_before_publication_is_a_finding(tmp_path):
    path = pack(tmp_path, respond_by="2025-02-01T16:00:00")
    finding = only(findings(tmp_path, path), "pack/dates")
    assert finding["ref"] == "respond_by" and finding["line"] == line_in(path, "respond_by =")
    assert "closes on 1 February 2025, not after publication on 5 February 2025" in finding["message"]


def test_problems_of_the_description_itself_are_findings_with_the_rest(tmp_path):
    tail = '[[drafting]]\nref = "18.5"\ndescription = "TBC"\n\n[[questions]]\nid = "S1SR Q9"\n'
    path = pack(tmp_path, extra='redesignation = 2025-04-30\ncolour = "red"', tail=tail)
    report = findings(tmp_path, path)
    unknown = next(f for f in report if f["ref"] == "colour")
    assert unknown["rule"] == "pack/description" and unknown["line"] == line_in(path, "colour =")
    missing = next(f for f in report if f["ref"] == "questions[2].text")
    assert missing["rule"] == "pack/description" and "is missing" in missing["message"]
    assert missing["line"] == line_in(path, 'id = "S1SR Q9"') - 1  # its [[questions]] header
    assert any(f["rule"] == "pack/placeholder" for f in report), "the rest of the pack is still checked"


def test_a_missing_publication_date_is_a_finding_too(tmp_path):
    path = write_pack(tmp_path, 'title = "T"\nreference = "t"\ncontact = "a@b.org"\n')
    report = findings(tmp_path, path)
    assert only(report, "pack/dates")["ref"] == "published"


@pytest.mark.parametrize("text", ['x = "y"\n[lint]\nseverity = {}\n', "title = \n", ""])
def test_a_file_that_is_no_pack_description_is_exit_2(tmp_path, text):
    path = write_pack(tmp_path, text)
    with pytest.raises(InputError):
        lint_run(path, None, None, "json", None, tmp_path / "out.json")
    assert not (tmp_path / "out.json").exists()


def test_every_format_carries_the_findings(tmp_path):
    path = pack(tmp_path, respond_by="2025-02-01T16:00:00")
    line = line_in(path, "respond_by =")
    code, text = lint(tmp_path, path, "text")
    assert code == 1 and f"pack.toml line {line}" in text and "pack/dates" in text
    code, github = lint(tmp_path, path, "github")
    assert code == 1 and f",line={line}," in github and github.startswith("::error file=")
    code, junit = lint(tmp_path, path, "junit")
    assert code == 1 and 'type="pack/dates"' in junit


# ---------------------------------------------------------------------------------------
# The text rules


def test_placeholder_text_in_a_drafting_description(tmp_path):
    path = pack(tmp_path, tail='[[drafting]]\nref = "18.5"\ndescription = "TBC"\n')
    finding = only(findings(tmp_path, path), "pack/placeholder")
    assert finding["ref"] == "drafting[0].description" and "'TBC'" in finding["message"]
    assert finding["line"] == line_in(path, 'description = "TBC"')


@pytest.mark.parametrize("words", ["TBD", "[...]", "XX", "[insert date]"])
def test_other_placeholders_in_a_question(tmp_path, words):
    path = pack(tmp_path, qs=questions(f"Do you agree with the change to clause {words}?"))
    assert only(findings(tmp_path, path), "pack/placeholder")["ref"] == "questions[0].text"


def test_a_placeholder_in_the_markdown_names_its_file_and_line(tmp_path):
    (tmp_path / "intro.md").write_text("# Introduction\n\nThe change is described in [...].\n", encoding="utf-8")
    path = pack(tmp_path, extra='redesignation = 2025-04-30\nintroduction = "intro.md"')
    finding = only(findings(tmp_path, path), "pack/placeholder")
    assert finding["ref"] == "introduction" and finding["file"].endswith("intro.md") and finding["line"] == 3
    assert finding["location"] == "line 3"


def test_a_question_proposing_another_date_than_redesignation(tmp_path):
    qs = questions("Do you agree with the change?", date=False) + '\n[[questions]]\nid = "S1SR Q2"\ntext = "Do you agree with the proposed re-designation date of 14 May 2025?"\n'
    path = pack(tmp_path, qs=qs)
    finding = only(findings(tmp_path, path), "pack/redesignation")
    assert finding["ref"] == "questions[1].text"
    assert "proposes re-designation on 14 May 2025 but the pack proposes 30 April 2025" in finding["message"]
    assert finding["fix"]["value"] == "30 April 2025"


def test_no_question_about_the_redesignation_date(tmp_path):
    path = pack(tmp_path, qs=questions("Do you agree with the change?", date=False))
    finding = only(findings(tmp_path, path), "pack/redesignation")
    assert finding["ref"] == "questions" and "no question asks respondents about the proposed re-designation date" in finding["message"]
    assert "30 April 2025" in finding["message"]


def test_a_date_in_prose_that_is_none_of_the_packs(tmp_path):
    (tmp_path / "intro.md").write_text("Please respond by 1600 on 7 March 2025.\n", encoding="utf-8")
    path = pack(tmp_path, extra='redesignation = 2025-04-30\nintroduction = "intro.md"')
    finding = only(findings(tmp_path, path), "pack/dates")
    assert finding["severity"] == "warning" and "7 March 2025, which is none of the pack's dates" in finding["message"]


def test_version_from_after_version_to(tmp_path):
    path = pack(tmp_path, files={"S1SR": 'version_from = "12.2"\nversion_to = "12"\n'})
    finding = only(findings(tmp_path, path), "pack/versions")
    assert finding["ref"] == "documents[0].version_to" and finding["line"] == line_in(path, "version_to =")
    assert "from version 12.2 to version 12, which is not later" in finding["message"]


def test_a_question_naming_another_version(tmp_path):
    path = pack(tmp_path, files=S1SR_FILES, qs=questions("Do you agree with the changes made in S1SR version 12.1?"))
    finding = only(findings(tmp_path, path), "pack/versions")
    assert finding["ref"] == "questions[0].text"
    assert "names 'version 12.1' but the pack changes S1SR from version 12 to 12.2" in finding["message"]


def test_earlier_versions_are_history_not_errors(tmp_path):
    path = pack(tmp_path, files=S1SR_FILES, qs=questions("Should the references return to those of S1SR version 11 (SEC v35.0)?"))
    assert not [f for f in findings(tmp_path, path) if f["rule"] == "pack/versions"]


def test_beis_in_a_question_of_a_desnz_pack(tmp_path):
    path = pack(tmp_path, qs=questions("Do you agree that BEIS should re-designate the S1SR?"))
    finding = only(findings(tmp_path, path), "pack/department")
    assert finding["ref"] == "questions[0].text" and "names 'BEIS' but the pack's department is DESNZ" in finding["message"]


@pytest.mark.parametrize(
    "written, published, right",
    [
        ("Department for Energy Security & Net Zero", "2025-02-05", "Department for Energy Security and Net Zero"),
        ("Department for Business Energy and Industrial Strategy", "2021-06-24", "Department for Business, Energy and Industrial Strategy"),
    ],
)
def test_a_department_spelt_another_way(tmp_path, written, published, right):
    (tmp_path / "intro.md").write_text(f"DCC will report to the {written}.\n", encoding="utf-8")
    path = pack(tmp_path, published=published, respond_by=f"{published[:4]}-09-01T16:00:00", extra=f"redesignation = {published[:4]}-12-01\nintroduction = \"intro.md\"",
                qs=questions("Do you agree?", date=False) + '\n[[questions]]\nid = "S1SR Q2"\ntext = "Do you agree with the proposed re-designation date?"\n')
    finding = only(findings(tmp_path, path), "pack/department")
    assert f"spells the department {written!r}" in finding["message"] and finding["fix"]["value"] == right


def test_a_misspelt_web_address(tmp_path):
    (tmp_path / "intro.md").write_text("The guidance note is at <https://www.smartdccc.co.uk/document-centre/>.\n", encoding="utf-8")
    path = pack(tmp_path, contact="consultations@smartdcc.co.uk", extra='redesignation = 2025-04-30\nintroduction = "intro.md"')
    finding = only(findings(tmp_path, path), "pack/contact")
    assert "'smartdccc.co.uk', a misspelling of 'smartdcc.co.uk'" in finding["message"]


@pytest.mark.parametrize(
    "address, words",
    [
        ("consultation@smartdcc.co.uk", "but the pack's contact is 'consultations@smartdcc.co.uk'"),
        ("consultations@smartdccc.co.uk", "a misspelling of the contact"),
        ("consultations@smartdcc", "is not well formed"),
    ],
)
def test_e_mail_addresses_in_the_text(tmp_path, address, words):
    path = pack(tmp_path, contact="consultations@smartdcc.co.uk", qs=questions(f"Do you agree? Write to {address}."))
    finding = only(findings(tmp_path, path), "pack/contact")
    assert finding["ref"] == "questions[0].text" and words in finding["message"]


def test_a_contact_that_is_no_address(tmp_path):
    path = pack(tmp_path, contact="the consultations team")
    assert only(findings(tmp_path, path), "pack/contact")["ref"] == "contact"


def test_a_consequential_change_not_starting_with_to(tmp_path):
    tail = '[[direction.consequential]]\ntarget = "Section A (Definitions and Interpretation)"\nchange = "Change the definition of SMETS1 PPMID"\n'
    path = pack(tmp_path, tail=tail)
    finding = only(findings(tmp_path, path), "pack/consequential")
    assert finding["ref"] == "direction.consequential[0].change" and finding["line"] == line_in(path, "change =")
    assert finding["fix"]["value"] == "to change the definition of SMETS1 PPMID"


def test_a_clean_pack_has_no_findings(tmp_path):
    path = pack(tmp_path, files=S1SR_FILES, contact="consultations@smartdcc.co.uk")
    assert findings(tmp_path, path) == []


# ---------------------------------------------------------------------------------------
# Drafting rows against the document


def _tmad(tmp_path: Path, edit) -> Path:
    text = (REPO / "sources" / "packs" / "tmad-unblocking-1.toml").read_text(encoding="utf-8")
    text = text.replace('"sources/', f'"{REPO.as_posix()}/sources/')
    return write_pack(tmp_path, edit(text))


def test_a_drafting_ref_the_document_does_not_have(tmp_path):
    path = _tmad(tmp_path, lambda t: t.replace('ref = "1.10"', 'ref = "1.11"').replace('drafting = ["3.1(g)", "20.5A", "1.10"]', 'drafting = ["3.1(g)", "20.5A", "1.11"]'))
    report = findings(tmp_path, path)
    finding = next(f for f in report if f["ref"] == "drafting[0].ref")
    assert "1.11 is not a clause of TMAD v4.1 (nor of v4.0)" in finding["message"] and "did you mean '1.10'?" in finding["message"]
    assert "did not change" not in finding["message"]
    assert finding["line"] == line_in(path, 'ref = "1.11"')


def test_a_drafting_row_given_twice(tmp_path):
    path = _tmad(tmp_path, lambda t: t.replace("# Sections of the consultation document.", '[[drafting]]\nref = "Table A3 Step 4"\ndescription = "Again."\n\n# Sections of the consultation document.'))
    finding = next(f for f in findings(tmp_path, path) if f["ref"] == "drafting[5].ref")
    assert "'Table A3 Step 4' is a duplicate of drafting[2]" in finding["message"] and "did not change" not in finding["message"]


# ---------------------------------------------------------------------------------------
# Lines from the TOML source


def test_key_lines_follow_headers_and_array_entries():
    source = 'title = "t"\n\n[[documents]]\nshort_name = "A"\n[documents.matrix]\nold = "x"\n\n[[documents]]\nshort_name = "B"\n\n[direction]\n[[direction.consequential]]\nchange = """\nto\n"""\ntarget = "S"\n'
    lines = key_lines(source)
    assert lines["title"] == 1 and lines["documents[0].short_name"] == 4 and lines["documents[0].matrix.old"] == 6
    assert lines["documents[1].short_name"] == 9 and lines["direction.consequential[0].change"] == 13
    assert lines["direction.consequential[0].target"] == 16, "a multi-line string is skipped whole"
    assert line_of(lines, "documents[1].version_to") == 8, "an absent key is placed at its table"
    assert line_of(lines, "direction.consequential") == 12


def test_a_row_of_a_document_without_a_redline_needs_the_clause_text(tmp_path):
    """The SVTAD 20.5A row of seed 004: no redline of the SVTAD, so the text must be given."""
    path = pack(tmp_path, tail='[[drafting]]\nref = "20.5A"\ndescription = "New clause on reclassifying a SMETS1 PPMID."\n')
    finding = only(findings(tmp_path, path), "pack/document-text")
    assert finding["ref"] == "drafting[0].text" and finding["line"] == line_in(path, 'ref = "20.5A"') - 1
    assert "S1SR has no old/new files, so the consultation would publish neither its redline nor the text of 20.5A" in finding["message"]
    given = pack(tmp_path, tail='[[drafting]]\nref = "20.5A"\ndescription = "New clause."\ntext = "Where the DCC determines that a Device Model is a SMETS1 IHD, it says so."\n')
    assert findings(tmp_path, given) == []


def test_the_consultation_row_shows_the_given_clause_text():
    from docgen.pack.consultation import row_text
    from docgen.pack.drafting import DraftingRow

    rich = row_text(DraftingRow("SMETS1 SVTAD", "20.5A", "New clause.", text="Where the DCC determines ..."), None)
    xml = str(rich)
    assert "New clause." in xml and "20.5A Where the DCC determines ..." in xml

"""`docgen lint PACK.toml`: the mistakes of the hand-made consultation documents, caught.

Each seed error of issue 14 is written into a pack description and linted through the
command line; the finding must be one line naming the key of the description and the fix.
The bundled packs lint clean, and `docgen build` refuses a pack with pack-lint errors
unless the pack allows them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from docgen import soffice
from docgen.commands.build import run as build
from docgen.pack.lint import version_date
from pack_helpers import REPO, pack_text, write_pack

PACKS = REPO / "sources" / "packs"


def _questions(*ids: str) -> str:
    return "\n".join(f'[[questions]]\nid = "{qid}"\ntext = "Do you agree with change {n} and its proposed date?"\n' for n, qid in enumerate(ids, start=1))


def _lint(path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", "lint", str(path), *args], capture_output=True, text=True, cwd=REPO)


def _findings(path) -> list[dict]:
    done = _lint(path, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["findings"]


def _one(findings: list[dict], rule: str) -> dict:
    mine = [f for f in findings if f["rule"] == rule]
    assert len(mine) == 1, findings
    assert "\n" not in mine[0]["message"]
    return mine[0]


def test_seed_004_a_question_prefix_spelled_differently(tmp_path):
    pack = write_pack(tmp_path, pack_text(questions=_questions("Unblocking 1 Q1", "Unblocking 1 Q2", "Unlocking 1 Q3")))
    finding = _one(_findings(pack), "pack/question-id")
    assert finding["ref"] == "questions[2].id"
    assert finding["message"].startswith("`questions[2].id`:")
    assert "'Unlocking 1'" in finding["message"] and "'Unblocking 1'" in finding["message"]
    assert 'fix: id = "Unblocking 1 Q3"' in finding["message"]
    assert finding["fix"] == {"key": "questions[2].id", "value": "Unblocking 1 Q3"}


def test_seed_003_a_question_number_missing(tmp_path):
    pack = write_pack(tmp_path, pack_text(questions=_questions("PPMIDs Q1", "PPMIDs Q2", "PPMIDs Q3", "PPMIDs Q4", "PPMIDs Q6")))
    finding = _one(_findings(pack), "pack/question-id")
    assert finding["ref"] == "questions[4].id"
    assert "'PPMIDs Q6' follows 'PPMIDs Q4': PPMIDs Q5 is missing" in finding["message"]
    assert 'fix: id = "PPMIDs Q5"' in finding["message"]


def test_seed_000_a_drafting_row_without_description(tmp_path):
    tail = '[[drafting]]\nref = "18.22(i)"\ndescription = "Dormant FOC Devices push their profile data overnight."\n\n[[drafting]]\nref = "18.24(f)"\ndescription = ""\n'
    pack = write_pack(tmp_path, pack_text(tail=tail))
    finding = _one(_findings(pack), "pack/drafting-description")
    assert finding["ref"] == "drafting[1].description"
    assert "'18.24(f)' has no description" in finding["message"]
    assert 'fix: add description = "..."' in finding["message"]


def test_a_drafting_row_with_the_description_key_left_out_is_the_same_finding(tmp_path):
    pack = write_pack(tmp_path, pack_text(tail='[[drafting]]\nref = "18.24(f)"\n'))
    assert _one(_findings(pack), "pack/drafting-description")["ref"] == "drafting[0].description"


def test_seed_001_a_question_id_written_in_another_style(tmp_path):
    pack = write_pack(tmp_path, pack_text(questions=_questions("S1SR Question 1", "S1SR Question 2", "S1SR Question3")))
    finding = _one(_findings(pack), "pack/question-id")
    assert finding["ref"] == "questions[2].id"
    assert "'S1SR Question3' is written differently" in finding["message"]
    assert 'fix: id = "S1SR Question 3"' in finding["message"]


def test_repeated_and_out_of_order_numbers(tmp_path):
    # An id repeated exactly is refused when the pack loads; a repeated *number* is the lint's.
    pack = write_pack(tmp_path, pack_text(questions=_questions("T Q1", "T Q2", "T Q 2")))
    findings = [f for f in _findings(pack) if f["rule"] == "pack/question-id"]
    assert [f["ref"] for f in findings] == ["questions[2].id", "questions[2].id"]
    assert any("repeats the number 2" in f["message"] for f in findings)


def test_text_report_is_one_line_per_finding_and_exit_code_1(tmp_path):
    pack = write_pack(tmp_path, pack_text(questions=_questions("S1SR Q1", "S1SR Q3")))
    done = _lint(pack)
    assert done.returncode == 1
    assert "pack/question-id" in done.stdout and "1 error" in done.stdout
    github = _lint(pack, "--format", "github")
    assert github.stdout.startswith("::error file=")
    sarif = json.loads(_lint(pack, "--format", "sarif").stdout)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "pack/question-id"


@pytest.mark.parametrize(
    "extra, key, words",
    [
        ('report_by = 2025-03-01\nredesignation = 2025-04-30', "report_by", "not after the closing date"),
        ('report_by = 2025-03-20\nredesignation = 2025-03-10', "redesignation", "not after `report_by`"),
        ('department = "BEIS"', "department", 'department = "DESNZ"'),
    ],
)
def test_dates_and_department_against_each_other(tmp_path, extra, key, words):
    pack = write_pack(tmp_path, pack_text(extra=extra))
    findings = [f for f in _findings(pack) if f["ref"] == key]
    assert findings and words in findings[0]["message"], findings


def test_a_department_in_the_prose_that_the_date_rules_out(tmp_path):
    (tmp_path / "intro.md").write_text("DCC will submit the S1SR to BEIS for re-designation.\n", encoding="utf-8")
    pack = write_pack(tmp_path, pack_text(extra='introduction = "intro.md"'))
    finding = _one(_findings(pack), "pack/department")
    assert finding["ref"] == "introduction" and "intro.md line 1 names 'BEIS'" in finding["message"]


def test_drafting_coverage_against_the_redline(tmp_path):
    """The bundled TMAD pack with one description pointing at a clause that did not change,
    and without the row for Table 5.10 Step 5.10.17."""
    text = (PACKS / "tmad-unblocking-1.toml").read_text(encoding="utf-8")
    text = text.replace('"sources/', f'"{REPO.as_posix()}/sources/')
    text = text.replace('ref = "Table 5.10 Step 5.10.17"', 'ref = "3.1(f)"')
    pack = write_pack(tmp_path, text)
    findings = [f for f in _findings(pack) if f["rule"] == "pack/drafting-coverage"]
    messages = " | ".join(f["message"] for f in findings)
    assert "TMAD '3.1(f)' did not change between v4.0 and v4.1" in messages
    assert "TMAD Table 5.10 Step 5.10.17 was modified" in messages and 'add [[drafting]] ref = "Table 5.10 Step 5.10.17"' in messages


def test_the_bundled_packs_lint_clean():
    packs = sorted(PACKS.glob("*.toml"))
    assert len(packs) >= 2, f"the bundled pack descriptions are missing from {PACKS}"
    for pack in packs:
        done = _lint(pack)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "no problems found" in done.stdout


def test_build_refuses_a_pack_with_pack_lint_errors_unless_allowed(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(soffice, "available", lambda: False)
    pack = write_pack(tmp_path, pack_text(questions=_questions("T Q1", "T Q3")))
    out = tmp_path / "out"
    assert build([pack], out) == 1
    assert not (out / "test-pack").exists()
    err = capsys.readouterr().err
    assert "pack/question-id" in err and "allow_lint_errors" in err
    allowed = write_pack(tmp_path, pack_text(questions=_questions("T Q1", "T Q3"), extra="allow_lint_errors = true"), name="allowed.toml")
    assert build([allowed], out) == 0
    assert (out / "test-pack" / "test-pack.zip").exists()


def test_a_docgen_toml_beside_the_pack_sets_severities_and_ignores_keys(tmp_path):
    pack = write_pack(tmp_path, pack_text(questions=_questions("S1SR Q1", "S1SR Q3")))
    (tmp_path / "docgen.toml").write_text('[lint]\nseverity = { "pack/question-id" = "warning" }\n', encoding="utf-8")
    done = _lint(pack, "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert [f["severity"] for f in json.loads(done.stdout)["findings"]] == ["warning"]
    (tmp_path / "docgen.toml").write_text(
        '[[lint.ignore]]\nref = "questions[1].id"\nrule = "pack/question-id"\nreason = "Q2 was withdrawn before publication"\n',
        encoding="utf-8",
    )
    done = _lint(pack, "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout)["findings"] == []


def test_build_follows_the_pack_lint_configuration(tmp_path, monkeypatch):
    monkeypatch.setattr(soffice, "available", lambda: False)
    pack = write_pack(tmp_path, pack_text(questions=_questions("T Q1", "T Q3")))
    (tmp_path / "docgen.toml").write_text('[lint]\nseverity = { "pack/question-id" = "off" }\n', encoding="utf-8")
    assert build([pack], tmp_path / "out") == 0
    assert (tmp_path / "out" / "test-pack" / "test-pack.zip").exists()


def test_version_date_is_read_from_the_version_box():
    assert str(version_date(["SMETS1 Supporting Requirements", "Version 12.2", "Date: 2 May 2025"])) == "2025-05-02"
    assert version_date(["No date here"]) is None


def test_the_nearest_siblings_follow_word_order_past_z():
    from docgen.pack.lint import nearest_refs

    assert nearest_refs("18.5(aa)", ("18.5(z)", "18.5(bb)", "18.6", "18.5(z)(i)")) == ["18.5(z)", "18.5(bb)"]
    assert nearest_refs("1.11", ("1.9", "1.10", "2.1", "1.10(a)")) == ["1.10"]
    assert nearest_refs("not a ref", ("1.1",)) == []

"""`docgen lint` on the bundled sources: it catches the 18.5p error in S1SR v12 from every
side, proposes exactly the renumbering that undoes it, and finds nothing wrong with the
correct documents (v11, v12.2, both TMAD versions)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from docgen.checks.lint import lint
from docgen.readers import read_document, read_matrix

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "sources" / "documents"


def docgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def docs():
    names = ("S1SR-v11", "S1SR-v12", "S1SR-v12.2", "TMAD-v4.0", "TMAD-v4.1")
    return {n: read_document(DOCS / f"{n}.docx") for n in names}


@pytest.fixture(scope="module")
def matrices():
    return {v: read_matrix(DOCS / f"DMVES-v{v}.xlsx") for v in ("12", "12.2")}


def test_v12_with_dmves_and_baseline_fails_on_every_rule_of_the_18_5p_error():
    run = docgen("lint", str(DOCS / "S1SR-v12.docx"), "--dmves", str(DOCS / "DMVES-v12.2.xlsx"), "--baseline", str(DOCS / "S1SR-v11.docx"), "--format", "json")
    assert run.returncode == 1, run.stderr
    data = json.loads(run.stdout)
    by_rule: dict[str, list[str]] = {}
    for f in data["findings"]:
        by_rule.setdefault(f["rule"], []).append(f["ref"])
    assert by_rule["numbering/promoted-subitems"] == ["18.5(q)"]
    assert sorted(by_rule["dmves/content-mismatch"]) == ["18.5(q)", "18.5(r)", "18.5(s)", "18.5(t)", "18.5(u)"]
    # The promoted sub-items name no Device Model or SRV at all: no positive evidence, so the
    # rows citing them are notes; the numbering and baseline errors carry the failure.
    assert {f["severity"] for f in data["findings"] if f["rule"] == "dmves/content-mismatch"} == {"info"}
    assert by_rule["dmves/unmapped-clause"] == ["18.5(w)", "18.5(x)", "18.5(y)", "18.5(z)", "18.5(aa)"]
    assert by_rule["baseline/shift"] == ["18.5(w)"]
    assert set(by_rule) == {"numbering/promoted-subitems", "dmves/content-mismatch", "dmves/unmapped-clause", "baseline/shift"}
    assert data["summary"] == {"errors": 2, "warnings": 5}
    promoted = next(f for f in data["findings"] if f["rule"] == "numbering/promoted-subitems")
    assert promoted["paragraph"] == 351 and promoted["heading"] == "18 Device Specific Behaviours" and promoted["file"].endswith("S1SR-v12.docx")


def test_v12_alone_still_fails_on_the_promoted_items(docs):
    report = lint(docs["S1SR-v12"])
    assert [(f.rule, f.ref) for f in report.findings] == [("numbering/promoted-subitems", "18.5(q)")]
    assert report.exit_code == 1


def test_the_fix_turns_v12_refs_back_into_v11_refs(docs, matrices):
    v11, v12 = docs["S1SR-v11"], docs["S1SR-v12"]
    for report in (lint(v12), lint(v12, matrix=matrices["12.2"], baseline=v11)):
        mapping = report.renumber_mapping()
        assert mapping["18.5(q)"] == "18.5(p)(i)" and mapping["18.5(aa)"] == "18.5(u)" and len(mapping) == 11
        texts_v11 = Counter(c.text for c in v11.clauses)
        ref_v11 = {c.text: c.ref for c in v11.clauses if texts_v11[c.text] == 1}
        texts_v12 = Counter(c.text for c in v12.clauses)
        compared = 0
        for clause in v12.clauses:
            if texts_v12[clause.text] == 1 and clause.text in ref_v11:
                assert mapping.get(clause.ref, clause.ref) == ref_v11[clause.text], clause.text
                compared += 1
        assert compared > 400  # every unchanged clause of the document, not just the 11 moved ones
        assert set(mapping.values()) <= {c.ref for c in v11.clauses}


@pytest.mark.parametrize(
    "name, dmves",
    [("S1SR-v11", "12"), ("S1SR-v12.2", "12.2"), ("TMAD-v4.0", None), ("TMAD-v4.1", None)],
)
def test_correct_documents_have_no_errors_and_no_warnings(docs, matrices, name, dmves):
    report = lint(docs[name], matrix=matrices[dmves] if dmves else None)
    assert report.errors == [] and report.warnings == [] and report.exit_code == 0
    # The only note is TMAD's typed 20.5A, which Word cannot number automatically.
    assert [(f.rule, f.ref) for f in report.infos] == ([("numbering/literal-mixed", "20.5A")] if name.startswith("TMAD") else [])


def test_correct_documents_against_their_previous_version(docs, matrices):
    assert lint(docs["S1SR-v12.2"], matrix=matrices["12.2"], baseline=docs["S1SR-v11"]).findings == []
    assert lint(docs["TMAD-v4.1"], baseline=docs["TMAD-v4.0"]).errors == []


def test_v11_with_the_newer_matrix_reports_the_rows_for_clauses_added_later(docs, matrices):
    report = lint(docs["S1SR-v11"], matrix=matrices["12.2"])
    assert [(f.rule, f.ref) for f in report.findings] == [("dmves/unknown-clause", "18.7(f)"), ("dmves/unknown-clause", "18.62")]


def test_cli_exit_codes_for_clean_documents_and_bad_input(tmp_path: Path):
    clean = docgen("lint", str(DOCS / "S1SR-v12.2.docx"), "--dmves", str(DOCS / "DMVES-v12.2.xlsx"))
    assert clean.returncode == 0, clean.stderr
    assert "0 errors, 0 warnings" in clean.stdout
    tmad = docgen("lint", str(DOCS / "TMAD-v4.1.docx"), "--format", "sarif", "--output", str(tmp_path / "tmad.sarif"))
    assert tmad.returncode == 0 and tmad.stdout == ""
    assert json.loads((tmp_path / "tmad.sarif").read_text())["version"] == "2.1.0"
    missing = docgen("lint", str(tmp_path / "nope.docx"))
    assert missing.returncode == 2 and "nope.docx" in missing.stderr and "Traceback" not in missing.stderr
    workbook = docgen("lint", str(DOCS / "DMVES-v12.xlsx"))
    assert workbook.returncode == 2 and "--dmves" in workbook.stderr
    bad = tmp_path / "docgen.toml"
    bad.write_text('[lint]\nseverity = { "numbering/nope" = "error" }\n')
    config = docgen("lint", str(DOCS / "TMAD-v4.0.docx"), "--config", str(bad))
    assert config.returncode == 2 and "docgen.toml" in config.stderr and "numbering/nope" in config.stderr
    usage = docgen("lint", str(DOCS / "TMAD-v4.0.docx"), "--format", "xml")
    assert usage.returncode == 2

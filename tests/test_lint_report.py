"""Report formats: the JSON contract, SARIF valid against the 2.1.0 schema, JUnit XML,
GitHub annotations and the text table, all deterministic."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from lint_builders import doc_from, matrix

from docgen.checks.lint import lint
from docgen.checks.config import Ignore, LintConfig
from docgen.writers.lint_report import render

SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
PARAS = [
    ("h", "Behaviours"),
    ("c", "The following Device Models behave as described:"),
    ("i", "the Alpha One ESME, on receipt of SRV 1.1.1, applies the following:"),
    ("i", "one;"),
    ("i", "two."),
    ("i", "the Beta Two GSME, on receipt of SRV 2.2, fails, as Clause 1.9 says."),
    ("t", "18.1A\tAn inserted clause."),
]


@pytest.fixture()
def report(tmp_path: Path):
    doc = doc_from(PARAS, tmp_path, first_section=18)
    rows = matrix(("18.1(a)", "Alpha One ESME", "SRV 1.1.1"), ("18.1(b)", "Beta Two GSME", "SRV 2.2"), ("18.7", "Gamma ESME", "SRV 9.9"))
    return lint(doc, matrix=rows)


def test_json_contract(report):
    data = json.loads(render(report, "json"))
    assert set(data) == {"findings", "summary"}
    assert data["summary"] == {"errors": len(report.errors), "warnings": len(report.warnings)} and data["summary"]["errors"] >= 3
    optional = {"fix", "command", "paragraph", "heading", "page", "caused_by"}
    for finding in data["findings"]:
        assert set(finding) - optional == {"rule", "severity", "ref", "file", "location", "message"}
    promoted = next(f for f in data["findings"] if f["rule"] == "numbering/promoted-subitems")
    assert promoted["fix"]["renumber"]["18.1(b)"] == "18.1(a)(i)"
    assert "fix" not in next(f for f in data["findings"] if f["rule"] == "xref/unresolved")
    assert next(f for f in data["findings"] if f["rule"] == "dmves/unknown-clause")["location"] == "ESME!A7"


def test_sarif_is_valid_2_1_0(report):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(render(report, "sarif"))
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == len(report.findings)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels["numbering/promoted-subitems"] == "error" and levels["numbering/literal-mixed"] == "note"


def test_sarif_keeps_suppressed_findings_as_suppressions(tmp_path: Path):
    config = LintConfig(ignore=(Ignore(ref="18.1(*)", reason="approved"),))
    report = lint(doc_from(PARAS, tmp_path, first_section=18), config=config)
    log = json.loads(render(report, "sarif"))
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    suppressed = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert suppressed and suppressed[0]["suppressions"] == [{"kind": "external", "justification": "approved"}]


def test_sarif_for_a_clean_document_is_valid(tmp_path: Path):
    clean = lint(doc_from([("h", "Scope"), ("c", "Nothing to see.")], tmp_path))
    log = json.loads(render(clean, "sarif"))
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    assert log["runs"][0]["results"] == []


def test_junit_xml(report):
    root = ET.fromstring(render(report, "junit"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(failures) == len(report.errors) == int(suite.get("failures"))
    assert int(suite.get("tests")) == len(cases)
    first = failures[0].find("failure")
    assert first.get("type") == "numbering/promoted-subitems" and "fix:" in first.text
    passed = {c.get("classname") for c in cases if c.get("name") == "no findings"}
    assert "docgen.lint.numbering.gap" in passed and "docgen.lint.baseline.shift" not in passed  # no baseline given


def test_github_annotations(report):
    lines = render(report, "github").splitlines()
    assert lines[0].startswith("::error file=") and ",title=numbering/promoted-subitems at 18.1(b)::" in lines[0]
    assert any(line.startswith("::notice ") for line in lines)  # the inserted 18.1A
    assert lines[-1].startswith("docgen lint: ")
    assert all("\n" not in line for line in lines)


def test_github_escapes_newlines_and_property_separators():
    from docgen.checks import Finding
    from docgen.checks.lint import LintReport

    f = Finding("xref/unresolved", "error", "1.1", "a,b:c.docx", "paragraph 1", "line one\nline two 100%")
    text = render(LintReport(document="a,b:c.docx", findings=[f]), "github")
    assert text.splitlines()[0] == "::error file=a%2Cb%3Ac.docx,title=xref/unresolved at 1.1::line one%0Aline two 100%25 [paragraph 1]"


def test_text_groups_consequences_under_their_root_cause(report):
    text = render(report, "text", width=160)
    lines = text.splitlines()
    assert lines[0].startswith("docgen lint: ")
    root = next(i for i, line in enumerate(lines) if line.startswith("18.1(b)  error  numbering/promoted-subitems"))
    assert lines[root + 1].startswith("    ")  # the message, indented under it
    fix_line = next(i for i, line in enumerate(lines) if "Fix this one thing" in line)
    assert root < fix_line and lines[fix_line + 1].strip().startswith("docgen fix ")
    # "one;" names no Device Model: the row citing it is a note, grouped under its cause too.
    caused = [line for line in lines if line.startswith("    18.1(b)  info  dmves/")]
    assert caused and all(lines.index(line) > fix_line for line in caused)
    assert "fix.renumber" not in text  # a JSON key means nothing to a reader of the text
    assert lines[-1].startswith(f"{len(report.errors)} errors") and "follow from 1 root cause" in lines[-1]
    assert "\x1b[" not in text  # no colour unless asked


def test_json_and_sarif_link_each_consequence_to_its_cause(report):
    findings = json.loads(render(report, "json"))["findings"]
    root = next(f for f in findings if f["rule"] == "numbering/promoted-subitems")
    caused = [f for f in findings if f.get("caused_by") == {"rule": root["rule"], "ref": root["ref"]}]
    assert caused and all(f["ref"] in root["fix"]["renumber"] for f in caused)
    assert "caused_by" not in root and root["paragraph"] == 3 and root["heading"] == "18 Behaviours"
    results = json.loads(render(report, "sarif"))["runs"][0]["results"]
    sarif_root = next(r for r in results if r["ruleId"] == "numbering/promoted-subitems")
    assert len(sarif_root["relatedLocations"]) == len(caused)
    for r in results:
        if r.get("properties", {}).get("caused_by"):
            assert r["relatedLocations"][0]["message"]["text"].startswith("caused by numbering/promoted-subitems at 18.1(b)")


@pytest.mark.parametrize("width", [60, 80, 120])
def test_text_follows_the_width_it_is_given(report, width):
    lines = render(report, "text", width=width).splitlines()
    long = [line for line in lines if len(line) > width and not line.lstrip().startswith("docgen fix ")]
    assert long == []  # only the paste-ready command may run on
    assert all(line == line.rstrip() for line in lines)


def test_no_message_starts_with_otherwise(report, tmp_path: Path):
    from lint_builders import matrix as rows_of

    doc = doc_from(PARAS, tmp_path, first_section=18)
    findings = lint(doc, matrix=rows_of(("18.7", "Gamma ESME", "SRV 9.9"))).findings + report.findings
    # The rules whose messages give a conditional fix ("if ..., restore ...; otherwise ...").
    assert {"dmves/unknown-clause", "dmves/unmapped-clause", "xref/unresolved", "numbering/promoted-subitems"} <= {f.rule for f in findings}
    for f in findings:
        for sentence in f.message.split(". "):
            assert not sentence.startswith("Otherwise"), f.message


def test_every_format_is_deterministic(report, tmp_path: Path):
    # A second report built from scratch on the same input (the document written again at the
    # same path): rendering must not depend on object identity or the time of day.
    doc = doc_from(PARAS, tmp_path, first_section=18)
    rows = matrix(("18.1(a)", "Alpha One ESME", "SRV 1.1.1"), ("18.1(b)", "Beta Two GSME", "SRV 2.2"), ("18.7", "Gamma ESME", "SRV 9.9"))
    second = lint(doc, matrix=rows)
    for fmt in ("text", "json", "sarif", "junit", "github"):
        first_text = render(report, fmt)
        assert first_text.strip(), fmt
        assert first_text == render(second, fmt), fmt


def test_unknown_format_is_refused(report):
    with pytest.raises(ValueError):
        render(report, "xml")

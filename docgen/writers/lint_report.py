"""`docgen lint` reports: text (a rich table grouped by clause), JSON, SARIF 2.1.0, JUnit XML
and GitHub workflow annotations, all from one LintReport.

Every format is deterministic: findings come in document order, nothing depends on the
clock, and the text table has a fixed width unless a terminal asks for colour. Paths are
written relative to the working directory when they lie under it, which is what CI
annotation and code-scanning tools resolve against.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable
from urllib.parse import quote

from docgen import __version__
from docgen.checks import ERROR, INFO, RULES, WARNING, Finding
from docgen.checks.lint import LintReport

FORMATS = ("text", "json", "sarif", "junit", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "docgen lint"
TEXT_WIDTH = 140
_SARIF_LEVEL = MappingProxyType({ERROR: "error", WARNING: "warning", INFO: "note"})
_GITHUB_COMMAND = MappingProxyType({ERROR: "error", WARNING: "warning", INFO: "notice"})


def render(report: LintReport, fmt: str, *, color: bool = False, width: int | None = None) -> str:
    writers: dict[str, Callable[[LintReport], str]] = {
        "json": to_json,
        "sarif": to_sarif,
        "junit": to_junit,
        "github": to_github,
    }
    if fmt == "text":
        return to_text(report, color=color, width=width)
    if fmt not in writers:
        raise ValueError(f"unknown lint report format {fmt!r}; use one of {', '.join(FORMATS)}")
    return writers[fmt](report)


def display_path(path: str) -> str:
    """`path` relative to the working directory when it is under it, with '/' separators."""
    p = Path(path)
    if p.is_absolute():
        try:
            return p.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return p.as_posix()
    return p.as_posix()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(report: LintReport) -> str:
    parts = [_plural(len(report.errors), "error"), _plural(len(report.warnings), "warning")]
    if report.infos:
        parts.append(_plural(len(report.infos), "note"))
    line = ", ".join(parts)
    if report.suppressed:
        line += f" ({len(report.suppressed)} ignored by configuration)"
    return line


# ---------------------------------------------------------------------------------- text


def to_text(report: LintReport, *, color: bool = False, width: int | None = None) -> str:
    import io

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or TEXT_WIDTH,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    inputs = [display_path(report.document)]
    if report.matrix:
        inputs.append(f"DMVES {display_path(report.matrix)}")
    if report.baseline:
        inputs.append(f"baseline {display_path(report.baseline)}")
    console.print(Text(f"docgen lint: {'; '.join(inputs)}", style="bold"))
    if report.findings:
        table = Table(box=box.SIMPLE_HEAD, show_lines=False, expand=False, pad_edge=False)
        table.add_column("Clause", no_wrap=True, style="bold")
        table.add_column("Severity", no_wrap=True)
        table.add_column("Rule", no_wrap=True)
        table.add_column("Where", overflow="fold", max_width=30)
        table.add_column("Message", overflow="fold", ratio=1)
        styles = {ERROR: "red", WARNING: "yellow", INFO: "cyan"}
        groups = _grouped(report.findings)
        for g, (ref, findings) in enumerate(groups):
            for i, f in enumerate(findings):
                where = f.location if f.file == report.document else f"{Path(f.file).name} {f.location}"
                table.add_row(
                    (ref or "-") if i == 0 else "",
                    Text(f.severity, style=styles.get(f.severity, "")),
                    f.rule,
                    where,
                    f.message,
                    end_section=i == len(findings) - 1 and g < len(groups) - 1,
                )
        console.print(table)
    mapping = report.renumber_mapping()
    if mapping:
        console.print(f"Proposed renumbering: {_plural(len(mapping), 'reference')} (see --format json, or apply with docgen fix).")
    console.print(summary_line(report) + ("" if report.findings else ": no problems found"))
    return buffer.getvalue()


def _grouped(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by clause, groups in the order their clause first appears."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.ref, []).append(f)
    return list(groups.items())


# ---------------------------------------------------------------------------------- json


def to_json(report: LintReport) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------------- sarif


def _artifact_uri(path: str) -> str:
    shown = display_path(path)
    if Path(shown).is_absolute():
        return Path(shown).as_uri()
    return quote(shown, safe="/")


def _fingerprint(finding: Finding) -> str:
    key = "\x1f".join((finding.rule, display_path(finding.file), finding.ref, finding.location))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _sarif_result(finding: Finding, rule_index: dict[str, int], reason: str | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": _artifact_uri(finding.file)}},
        "message": {"text": finding.location},
    }
    if finding.ref:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.ref, "kind": "member"}]
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": _SARIF_LEVEL.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {"docgenFinding/v1": _fingerprint(finding)},
        "properties": {"ref": finding.ref, "location": finding.location},
    }
    if finding.fix:
        result["properties"]["fix"] = finding.fix
    if reason is not None:
        result["suppressions"] = [{"kind": "external", "justification": reason}]
    return result


def to_sarif(report: LintReport) -> str:
    rules = list(RULES.values())
    rule_index = {r.id: i for i, r in enumerate(rules)}
    results = [_sarif_result(f, rule_index) for f in report.findings]
    results += [_sarif_result(f, rule_index, ignore.reason) for f, ignore in report.suppressed]
    artifacts = [report.document] + [p for p in (report.matrix, report.baseline) if p]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": __version__,
                        "rules": [
                            {
                                "id": r.id,
                                "shortDescription": {"text": r.summary},
                                "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                            }
                            for r in rules
                        ],
                    }
                },
                "artifacts": [{"location": {"uri": _artifact_uri(p)}} for p in artifacts],
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------------- junit


def to_junit(report: LintReport) -> str:
    """One test case per finding (errors fail, warnings and notes pass with their text) and
    one passing case per rule that found nothing, so dashboards show what was checked."""
    from xml.etree import ElementTree as ET

    errors = len(report.errors)
    found_rules = {f.rule for f in report.findings}
    clean_rules = [r for r in report.rules_run if r not in found_rules]
    tests = len(report.findings) + len(clean_rules)
    name = f"{TOOL_NAME}: {display_path(report.document)}"
    suites = ET.Element("testsuites", {"name": TOOL_NAME, "tests": str(tests), "failures": str(errors), "errors": "0"})
    suite = ET.SubElement(
        suites,
        "testsuite",
        {"name": name, "tests": str(tests), "failures": str(errors), "errors": "0", "skipped": "0"},
    )
    for f in report.findings:
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "classname": f"docgen.lint.{f.rule.replace('/', '.')}",
                "name": f"{f.ref or '-'} ({f.location})",
                "file": display_path(f.file),
            },
        )
        body = f.message
        if f.fix:
            body += "\nfix: " + json.dumps(f.fix, ensure_ascii=False)
        if f.severity == ERROR:
            failure = ET.SubElement(case, "failure", {"type": f.rule, "message": f.message})
            failure.text = body
        else:
            out = ET.SubElement(case, "system-out")
            out.text = f"{f.severity}: {body}"
    for rule in clean_rules:
        ET.SubElement(suite, "testcase", {"classname": f"docgen.lint.{rule.replace('/', '.')}", "name": "no findings"})
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


# -------------------------------------------------------------------------------- github


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(report: LintReport) -> str:
    lines = []
    for f in report.findings:
        command = _GITHUB_COMMAND.get(f.severity, "warning")
        title = f"{f.rule} at {f.ref}" if f.ref else f.rule
        props = f"file={_escape_property(display_path(f.file))},title={_escape_property(title)}"
        message = f"{f.message} [{f.location}]"
        lines.append(f"::{command} {props}::{_escape_data(message)}")
    lines.append(f"docgen lint: {summary_line(report)}")
    return "\n".join(lines) + "\n"


def wants_color(stream: Any) -> bool:
    """Colour only for an interactive terminal, and never when NO_COLOR is set."""
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


__all__ = ["FORMATS", "display_path", "render", "summary_line", "to_github", "to_json", "to_junit", "to_sarif", "to_text", "wants_color"]

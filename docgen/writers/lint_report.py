"""`docgen lint` reports: text (a rich table grouped by clause), JSON, SARIF 2.1.0, JUnit XML
and GitHub workflow annotations, all from one LintReport.

Every format is deterministic: findings come in document order, nothing depends on the
clock, and text wraps at a fixed width for files and at the terminal's width on a terminal. Paths are
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
TEXT_WIDTH = 100  # for files; a terminal gets its own width
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


def fix_command(report: LintReport, root: Finding) -> str | None:
    """The one command that fixes `root` and everything caused by it, ready to paste."""
    import shlex

    if report.matrix and (root.fix or {}).get("renumber"):
        doc, matrix = Path(report.document), Path(report.matrix)
        parts = ["docgen", "fix", report.document, "--dmves", report.matrix]
        if report.baseline:
            parts += ["--baseline", report.baseline]
        parts += ["-o", f"{doc.stem}.fixed.docx", "--dmves-out", f"{matrix.stem}.fixed{matrix.suffix if matrix.suffix == '.xlsx' else '.xlsx'}"]
        return " ".join(shlex.quote(p) for p in parts)
    return root.command


def to_text(report: LintReport, *, color: bool = False, width: int | None = None) -> str:
    """Findings as blocks that wrap at `width` (the terminal's, or TEXT_WIDTH for files):
    a heading line per finding, its message indented below, and the findings a root cause
    explains nested under it with the one command that fixes them all."""
    import io

    from rich.console import Console
    from rich.padding import Padding
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(40, width or TEXT_WIDTH),
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    inputs = [display_path(report.document)]
    if report.matrix:
        inputs.append(f"DMVES {display_path(report.matrix)}")
    if report.baseline:
        inputs.append(f"baseline {display_path(report.baseline)}")
    console.print(Text(f"docgen lint: {'; '.join(inputs)}", style="bold"))
    styles = {ERROR: "red", WARNING: "yellow", INFO: "cyan"}

    def block(f: Finding, indent: int, show_ref: bool) -> None:
        where = f.location if f.file == report.document else f"{Path(f.file).name} {f.location}"
        head = Text()
        head.append(f.ref or "-", style="bold")
        head.append("  ")
        head.append(f.severity, style=styles.get(f.severity, ""))
        head.append(f"  {f.rule}  ({where})")
        if not show_ref:
            head = Text("  ") + head
        console.print(Padding(head, (0, 0, 0, indent), expand=False))
        console.print(Padding(Text(f.message), (0, 0, 0, indent + 4), expand=False))

    for f in report.findings:
        if f.caused_by is not None:
            continue
        console.print()
        block(f, 0, True)
        caused = report.consequences(f)
        if not caused:
            continue
        command = fix_command(report, f)
        lead = f"Fix this one thing and the {_plural(len(caused), 'finding')} below go{'es' if len(caused) == 1 else ''} with it"
        console.print(Padding(Text(lead + (":" if command else "."), style="bold"), (0, 0, 0, 4), expand=False))
        if command:  # never wrapped, so it pastes into a shell as one line
            console.print(" " * 8 + command, soft_wrap=True)
        for c in caused:
            block(c, 4, True)
    console.print()
    mapping = report.renumber_mapping()
    if mapping:
        console.print(f"Proposed renumbering: {_plural(len(mapping), 'reference')} (--format json lists them; docgen fix applies them).")
    line = summary_line(report)
    roots = report.roots()
    if roots:
        explained = sum(len(report.consequences(r)) for r in roots)
        line += f"; {explained} of them follow from {_plural(len(roots), 'root cause')}"
    console.print(line + ("" if report.findings else ": no problems found"))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


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


def _sarif_location(finding: Finding, text: str | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _artifact_uri(finding.file)}}
    if finding.line is not None:
        physical["region"] = {"startLine": finding.line}
    location: dict[str, Any] = {"physicalLocation": physical, "message": {"text": text or finding.location}}
    if finding.ref:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.ref, "kind": "member"}]
    return location


def _sarif_result(finding: Finding, rule_index: dict[str, int], reason: str | None = None, report: LintReport | None = None) -> dict[str, Any]:
    location = _sarif_location(finding)
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": _SARIF_LEVEL.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {"docgenFinding/v1": _fingerprint(finding)},
        "properties": {"ref": finding.ref, "location": finding.location},
    }
    for name in ("paragraph", "heading", "page", "line"):
        if getattr(finding, name) is not None:
            result["properties"][name] = getattr(finding, name)
    if finding.fix:
        result["properties"]["fix"] = finding.fix
    if report is not None:
        related = _related(finding, report)
        if related:
            result["relatedLocations"] = related
        if finding.caused_by is not None:
            result["properties"]["caused_by"] = {"rule": finding.caused_by[0], "ref": finding.caused_by[1]}
    if reason is not None:
        result["suppressions"] = [{"kind": "external", "justification": reason}]
    return result


def _related(finding: Finding, report: LintReport) -> list[dict[str, Any]]:
    """A consequence points at its root cause; a root cause at everything it explains."""
    out: list[dict[str, Any]] = []
    if finding.caused_by is not None:
        root = next((f for f in report.findings if f.key == finding.caused_by), None)
        if root is not None:
            out.append(_sarif_location(root, f"caused by {root.rule} at {root.ref} ({root.location}): fix that one thing"))
    for consequence in report.consequences(finding) if finding.caused_by is None else []:
        out.append(_sarif_location(consequence, f"{consequence.rule} at {consequence.ref} follows from this ({consequence.location})"))
    for i, item in enumerate(out):
        item["id"] = i
    return out


def to_sarif(report: LintReport) -> str:
    rules = list(RULES.values())
    rule_index = {r.id: i for i, r in enumerate(rules)}
    results = [_sarif_result(f, rule_index, report=report) for f in report.findings]
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
        if f.caused_by is not None:
            body += f"\ncaused by: {f.caused_by[0]} at {f.caused_by[1]} (fix that one thing)"
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
        props = f"file={_escape_property(display_path(f.file))}"
        if f.line is not None:
            props += f",line={f.line}"
        props += f",title={_escape_property(title)}"
        message = f"{f.message} [{f.location}]"
        if f.caused_by is not None:
            message += f" (follows from {f.caused_by[0]} at {f.caused_by[1]}: fix that one thing)"
        lines.append(f"::{command} {props}::{_escape_data(message)}")
    lines.append(f"docgen lint: {summary_line(report)}")
    return "\n".join(lines) + "\n"


def wants_color(stream: Any) -> bool:
    """Colour only for an interactive terminal, and never when NO_COLOR is set."""
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


__all__ = ["FORMATS", "display_path", "render", "summary_line", "to_github", "to_json", "to_junit", "to_sarif", "to_text", "wants_color"]

"""`lint`: run every rule family over a document and apply the configuration.

The result is a `LintReport`, plain data every writer (text, JSON, SARIF, JUnit, GitHub)
renders the same way, and the one place that decides the exit code: 1 when any finding is
an error after the configuration's severities and ignores are applied, else 0.

One numbering mistake shows up under several rules (promoted sub-items shift later items,
so DMVES rows point at other text and the baseline sees a shift). The report links each
such consequence to its root cause (`caused_by`), so every format can say "fix this one
thing" instead of listing a dozen unrelated-looking problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from collections.abc import Iterable
from typing import Any

from docgen.checks import ERROR, INFO, OFF, RULES, WARNING, Finding
from docgen.checks.baseline import check_baseline
from docgen.checks.baseline_edits import STALE
from docgen.checks.context import build_context
from docgen.checks.dmves import MISMATCH, UNKNOWN, check_dmves, matrix_models
from docgen.checks.numbering import check_numbering
from docgen.checks.xrefs import check_xrefs
from docgen.checks.config import Ignore, LintConfig
from docgen.model import Document, Matrix

_RULE_ORDER = MappingProxyType({rule: i for i, rule in enumerate(RULES)})
# Rules whose renumbering fix also removes the findings at the refs it renumbers, strongest
# first: a structural numbering error explains a baseline shift, not the other way round.
ROOT_RULES = ("numbering/promoted-subitems", "numbering/roman-at-letter-level", "baseline/shift")
# Findings the root cause's fix deliberately leaves for the user, even at a ref it renumbers.
NOT_FIXED_BY_ROOT = frozenset({"numbering/uncertain-run-end"})


@dataclass
class LintReport:
    document: str
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[tuple[Finding, Ignore]] = field(default_factory=list)
    matrix: str | None = None
    baseline: str | None = None
    rules_run: list[str] = field(default_factory=list)  # rule ids checked, in RULES order

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def infos(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == INFO]

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def summary(self) -> dict[str, int]:
        return {"errors": len(self.errors), "warnings": len(self.warnings)}

    def renumber_mapping(self) -> dict[str, str]:
        """Every proposed renumbering (old ref -> new ref), in document order; where two
        findings propose a change for the same ref, the first one's stands."""
        out: dict[str, str] = {}
        for finding in self.findings:
            renumber = (finding.fix or {}).get("renumber") or {}
            for old, new in renumber.items():
                out.setdefault(old, new)
        return out

    def consequences(self, root: Finding) -> list[Finding]:
        return [f for f in self.findings if f.caused_by == root.key]

    def roots(self) -> list[Finding]:
        """Findings that other findings follow from, in document order."""
        causes = {f.caused_by for f in self.findings if f.caused_by is not None}
        return [f for f in self.findings if f.key in causes and f.caused_by is None]

    def to_json(self) -> dict[str, Any]:
        return {"findings": [f.to_json() for f in self.findings], "summary": self.summary()}


def lint(
    doc: Document,
    *,
    matrix: Matrix | None = None,
    baseline: Document | None = None,
    config: LintConfig | None = None,
    pages: dict[str, int] | None = None,
) -> LintReport:
    """`pages` maps refs to the page a PDF of the document shows them on, when known."""
    config = config or LintConfig()
    ctx = build_context(doc, pages)
    models = matrix_models(matrix) if matrix is not None else ()
    base_ctx = build_context(baseline) if baseline is not None else None
    raw: list[Finding] = check_numbering(ctx, known_models=models, baseline=base_ctx, matrix=matrix)
    raw.extend(check_xrefs(ctx, external=config.external, matrix_given=matrix is not None))
    if matrix is not None:
        raw.extend(check_dmves(ctx, matrix, sections=config.dmves_sections))
    if baseline is not None:
        raw.extend(check_baseline(ctx, base_ctx, matrix))  # type: ignore[arg-type]
        raw = _without_restated_rows(raw)
    report = LintReport(
        document=doc.source,
        matrix=matrix.source if matrix is not None else None,
        baseline=baseline.source if baseline is not None else None,
        rules_run=_rules_run(config, matrix is not None, baseline is not None),
    )
    apply_config(report, sorted(raw, key=_order), config)
    link_causes(report.findings)
    return report


def matrix_disagreements(doc: Document, matrix: Matrix) -> set[str]:
    """Cells ('ESME!A11') whose row the lint finds citing a missing clause or one about
    something else: what the matrix update of `renumber` and `fix` decides by."""
    report = lint(doc, matrix=matrix)
    return {f.location for f in report.findings if f.rule in (MISMATCH, UNKNOWN)}


def apply_config(report: LintReport, findings: Iterable[Finding], config: LintConfig) -> None:
    """Add `findings` to the report as the configuration has them: a severity changed or
    turned off, a finding at an ignored ref kept aside with its reason. The same for a
    document's lint and a pack's, so one docgen.toml governs both."""
    for finding in findings:
        if finding.rule in config.severity:
            level = config.severity[finding.rule]
            if level == OFF:
                continue
            finding.severity = level
        ignore = config.ignored(finding.rule, finding.ref)
        if ignore is not None:
            report.suppressed.append((finding, ignore))
            continue
        report.findings.append(finding)


def link_causes(findings: list[Finding]) -> None:
    """Set `caused_by` on every finding at a ref that a root cause's renumbering changes."""
    roots = [f for rule in ROOT_RULES for f in findings if f.rule == rule and (f.fix or {}).get("renumber")]
    for root in roots:
        if root.caused_by is not None:
            continue
        renumbered = set(root.fix["renumber"])  # type: ignore[index]
        for finding in findings:
            if finding is root or finding.caused_by is not None or finding.key == root.key or finding.rule in NOT_FIXED_BY_ROOT:
                continue
            if finding.ref in renumbered:
                finding.caused_by = root.key


def _without_restated_rows(findings: list[Finding]) -> list[Finding]:
    """A matrix row the baseline shows to cite a shifted number is reported once, as
    baseline/stale-reference (which says where its text went), not again by the DMVES rules."""
    stale = {(f.file, f.location) for f in findings if f.rule == STALE}
    return [f for f in findings if not (f.rule.startswith("dmves/") and (f.file, f.location) in stale)]


def _rules_run(config: LintConfig, with_matrix: bool, with_baseline: bool) -> list[str]:
    out = []
    for rule in RULES:
        if rule.startswith("pack/"):
            continue  # the pack lint's own rules
        if rule.startswith("dmves/") and not with_matrix:
            continue
        if rule.startswith("baseline/") and not with_baseline:
            continue
        if config.severity.get(rule) == OFF:
            continue
        out.append(rule)
    return out


def _order(finding: Finding) -> tuple:
    return (finding.position, _RULE_ORDER.get(finding.rule, 99), finding.location, finding.message)


__all__ = ["LintReport", "apply_config", "link_causes", "lint", "matrix_disagreements"]

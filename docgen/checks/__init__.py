"""Checks over the clause model: what `docgen lint` reports, as plain data.

A check never prints and never decides an exit code: it yields `Finding`s with the default
severity of its rule. `docgen.checks.lint.lint` applies the user's configuration (severity
overrides, ignored refs) and the writers turn the result into text, JSON, SARIF, JUnit or
GitHub annotations. Keeping findings as data is what lets one run feed all five formats
and lets `docgen fix` reuse the proposed renumbering without parsing any report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
OFF = "off"  # a configuration value, never the severity of a reported finding


@dataclass(frozen=True)
class Rule:
    """A rule id (part of the CLI contract) with its default severity and a one-line summary."""

    id: str
    severity: str
    summary: str


_RULE_LIST = (
    Rule("numbering/gap", WARNING, "A number is missing from a run of sibling clauses."),
    Rule("numbering/duplicate", ERROR, "Two clauses carry the same reference."),
    Rule("numbering/order", ERROR, "A clause number is lower than the one before it."),
    Rule("numbering/level-skip", WARNING, "A clause sits more than one level below its parent."),
    Rule("numbering/literal-mixed", WARNING, "A number typed as text among automatically numbered siblings."),
    Rule(
        "numbering/promoted-subitems",
        ERROR,
        "A lead-in's sub-items are numbered at its own level, shifting every later sibling.",
    ),
    Rule(
        "numbering/uncertain-run-end",
        WARNING,
        "Items after a promoted run that may be sub-items too; the evidence does not settle it, so the fix leaves them.",
    ),
    Rule(
        "numbering/roman-at-letter-level",
        ERROR,
        "Items numbered (i), (ii), ... sit among lettered items and only make sense as sub-items.",
    ),
    Rule("xref/unresolved", ERROR, "A cross-reference points at no clause of the document."),
    Rule("dmves/unknown-clause", ERROR, "A DMVES row cites a clause the document does not have."),
    Rule("dmves/unmapped-clause", WARNING, "A section-18 behaviour clause that no DMVES row covers."),
    Rule(
        "dmves/content-mismatch",
        ERROR,
        "A DMVES row names an SRV or Device Model its clause (and lead-in) never mentions; an error when the clause names another instead, else info.",
    ),
    Rule(
        "baseline/shift",
        ERROR,
        "Against the previous version, unchanged clauses moved by a constant offset from one point on.",
    ),
    Rule("baseline/inserted", WARNING, "A new item shifts the numbers of the unchanged items after it."),
    Rule("baseline/deleted", WARNING, "A deleted item shifts the numbers of the unchanged items after it."),
    Rule("baseline/moved", WARNING, "An item moved elsewhere in its list shifts the numbers of the items it passed."),
    Rule(
        "baseline/stale-reference",
        ERROR,
        "A DMVES row still cites the number its text had before an insertion or deletion shifted it.",
    ),
    Rule(
        "baseline/stale-xref",
        ERROR,
        "A cross-reference in an unchanged clause still cites the number its target had before an insertion or deletion shifted it.",
    ),
    # `docgen lint PACK.toml` (docgen/pack/lint.py): the consultation pack as a whole.
    Rule("pack/description", ERROR, "A key of the pack description missing, unknown, of the wrong type or naming a file that is not there."),
    Rule("pack/question-id", ERROR, "Question ids out of sequence, missing, repeated or written in another style."),
    Rule("pack/drafting-description", ERROR, "A drafting-change row without a description."),
    Rule("pack/drafting-coverage", ERROR, "A changed clause no drafting row describes, or a row whose clause did not change."),
    Rule("pack/document-text", ERROR, "A drafting row of a document without a redline that does not give the clause's text: nothing of the change would be attached."),
    Rule("pack/dates", ERROR, "Publication, closing, report and re-designation dates out of order, or a version dated against them."),
    Rule("pack/department", ERROR, "BEIS or DESNZ named against the date of the consultation, or a department's name misspelt."),
    Rule("pack/placeholder", ERROR, "Placeholder text (TBC, TBD, [...], XX) left in a text the pack publishes."),
    Rule("pack/redesignation", ERROR, "No question about the re-designation date, or a text proposing another date than the pack."),
    Rule("pack/versions", ERROR, "version_from not before version_to, or a text naming another version of the document."),
    Rule("pack/contact", ERROR, "An e-mail or web address malformed, misspelt, or another contact than the pack's."),
    Rule("pack/consequential", ERROR, "A consequential amendment whose change does not start with 'to'."),
)

RULES: Mapping[str, Rule] = MappingProxyType({r.id: r for r in _RULE_LIST})


def default_severity(rule: str) -> str:
    return RULES[rule].severity


@dataclass
class Finding:
    """One problem: what (rule, message), where (file, ref, location) and a fix when known.

    `fix` is a small JSON-ready dict, e.g. {"renumber": {"18.5(q)": "18.5(p)(i)", ...}}
    (current ref -> corrected ref). `location` is what a person can find: the page and
    nearest heading in a document, the cell in a matrix; `paragraph` (the body paragraph
    index), `heading` and `page` are kept apart for tools. `caused_by` names the finding
    (rule, ref) whose fix also removes this one. `position` orders findings in document
    order and is not part of any output.
    """

    rule: str
    severity: str
    ref: str
    file: str
    location: str
    message: str
    fix: dict[str, Any] | None = None
    position: tuple[int, ...] = field(default=(1 << 30,), repr=False, compare=False)
    paragraph: int | None = None
    heading: str | None = None
    page: int | None = None
    caused_by: tuple[str, str] | None = None
    command: str | None = None  # the docgen command that makes `fix`, when one does
    line: int | None = None  # a line of a text file (a pack description's TOML, its Markdown)

    @property
    def key(self) -> tuple[str, str]:
        """How another finding names this one in `caused_by`."""
        return (self.rule, self.ref)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "ref": self.ref,
            "file": self.file,
            "location": self.location,
            "message": self.message,
        }
        for name in ("paragraph", "heading", "page", "line"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.fix:
            out["fix"] = self.fix
        if self.command:
            out["command"] = self.command
        if self.caused_by is not None:
            out["caused_by"] = {"rule": self.caused_by[0], "ref": self.caused_by[1]}
        return out


__all__ = [
    "ERROR",
    "INFO",
    "OFF",
    "RULES",
    "SEVERITIES",
    "WARNING",
    "Finding",
    "Rule",
    "default_severity",
]

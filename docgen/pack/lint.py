"""`docgen lint PACK.toml`: the pack as a whole, checked the way a reviewer reads it.

Hand-made consultation documents carry the same few mistakes (the seeds show each one): a
question numbered "Unlocking 1 Q3" among "Unblocking 1" questions, a fifth question with no
id so the numbers jump from Q4 to Q6, a drafting row with no description, "S1SR Question3"
among "S1SR Question 1" and "S1SR Question 2"; and dates or a department that do not agree
with each other. Each becomes a `Finding` with a `pack/...` rule, so the report has the same
formats and exit codes as the document lint, and `docgen build` can refuse a pack with
errors before it writes anything.

Every finding names the key of the pack description (`questions[2].id`) and says what to
write instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.checks import ERROR, OFF, WARNING, Finding
from docgen.checks.lint import LintReport, apply_config
from docgen.checks.config import LintConfig
from docgen.errors import DocgenError
from docgen.pack.dates import long_date
from docgen.pack.load import PackProblem, load_for_lint
from docgen.pack.spec import DESNZ_FROM, PackSpec, department_for
from docgen.pack.text_rules import (
    RULE_CONSEQUENTIAL,
    RULE_CONTACT,
    RULE_PLACEHOLDER,
    RULE_REDESIGNATION,
    RULE_VERSIONS,
    text_findings,
)
from docgen.pack.toml_lines import key_lines, line_of
from docgen.refs import Ref, read_ref, sort_key

if TYPE_CHECKING:
    from docgen.readers.once import ReadOnce

RULE_FORMAT = "pack/description"
RULE_QUESTION_ID = "pack/question-id"
RULE_DESCRIPTION = "pack/drafting-description"
RULE_COVERAGE = "pack/drafting-coverage"
RULE_DATES = "pack/dates"
RULE_DEPARTMENT = "pack/department"
RULE_DOCUMENT_TEXT = "pack/document-text"
PACK_RULES = (
    RULE_FORMAT,
    RULE_QUESTION_ID,
    RULE_DESCRIPTION,
    RULE_COVERAGE,
    RULE_DOCUMENT_TEXT,
    RULE_DATES,
    RULE_DEPARTMENT,
    RULE_PLACEHOLDER,
    RULE_REDESIGNATION,
    RULE_VERSIONS,
    RULE_CONTACT,
    RULE_CONSEQUENTIAL,
)
# DESNZ was created on 7 February 2023; in the week before, either name can be right.
DESNZ_CREATED = dt.date(2023, 2, 7)
# A re-designation may slip "as soon as reasonably practicable within one month thereafter".
GRACE = dt.timedelta(days=31)

# "S1SR Q1", "Unblocking 1 Q2", "S1SR Question 3", "S1SR Question3", "PPMIDs Q6"
_QUESTION_ID = re.compile(r"^(?P<prefix>.*?)(?P<sep1>\s*)(?P<word>Q|Question)(?P<sep2>\s*)(?P<n>\d+)$", re.IGNORECASE)
_VERSION_DATE = re.compile(r"^\s*(?:Date|Version date|Effective date)\s*:?\s*(\d{1,2}\s+[A-Za-z]+\s+\d{4})\s*$", re.IGNORECASE)
_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"), start=1)}


@dataclass(frozen=True)
class _IdParts:
    prefix: str
    sep1: str
    word: str
    sep2: str
    number: int

    @property
    def style(self) -> tuple[str, str, str, str]:
        return (self.prefix, self.sep1, self.word, self.sep2)

    def with_number(self, n: int) -> str:
        return f"{self.prefix}{self.sep1}{self.word}{self.sep2}{n}"


def _parts(qid: str) -> _IdParts | None:
    m = _QUESTION_ID.match(qid)
    if m is None:
        return None
    return _IdParts(m["prefix"], m["sep1"], m["word"], m["sep2"], int(m["n"]))


class _Findings:
    """Collects findings for one pack file, in the order of the keys they name."""

    def __init__(self, pack: PackSpec | None, shown: str):
        self.pack = pack
        self.file = shown
        self.items: list[Finding] = []

    def add(self, rule: str, severity: str, key: str, problem: str, fix: str, *, order: int, value: Any = None, file: str | None = None, location: str | None = None, line: int | None = None) -> None:
        fix_data: dict[str, Any] = {"key": key}
        if value is not None:
            fix_data["value"] = value
        self.items.append(
            Finding(
                rule=rule,
                severity=severity,
                ref=key,
                file=file or self.file,
                location=location or Path(self.file).name,
                message=f"`{key}`: {problem} (fix: {fix})",
                fix=fix_data,
                position=(order,),
                line=line,
            )
        )


# ---------------------------------------------------------------------------------------
# The rules


def check_question_ids(pack: PackSpec, out: _Findings) -> None:
    """Ids in one style ("<prefix> Q<n>"), numbered 1, 2, 3 ... in the order asked."""
    parsed = [(i, q.id, _parts(q.id)) for i, q in enumerate(pack.questions)]
    readable = [(i, qid, p) for i, qid, p in parsed if p is not None]
    for i, qid, p in parsed:
        if p is None:
            example = readable[0][2].with_number(i + 1) if readable else f"Q{i + 1}"
            out.add(RULE_QUESTION_ID, ERROR, f"questions[{i}].id", f"{qid!r} has no question number", f'write it like the others, e.g. id = "{example}"', order=100 + i, value=example)
    if not readable:
        return
    styles: dict[tuple[str, str, str, str], int] = {}
    for _, _, p in readable:
        styles[p.style] = styles.get(p.style, 0) + 1
    # The style most questions use; on a tie, the first question's.
    usual = max(styles, key=lambda s: (styles[s], -next(k for k, (_, _, p) in enumerate(readable) if p.style == s)))
    model = next(p for _, _, p in readable if p.style == usual)
    for i, qid, p in readable:
        if p.style == usual:
            continue
        wanted = model.with_number(p.number)
        if p.prefix.strip().lower() != model.prefix.strip().lower():
            problem = f"{qid!r} has the prefix {p.prefix.strip()!r} where the other questions have {model.prefix.strip()!r}"
        else:
            problem = f"{qid!r} is written differently from the other questions ({model.with_number(model.number)!r})"
        out.add(RULE_QUESTION_ID, ERROR, f"questions[{i}].id", problem, f'id = "{wanted}"', order=100 + i, value=wanted)
    seen: dict[int, int] = {}
    expected = 1
    first_use: dict[str, int] = {}
    for i, q in enumerate(pack.questions):
        k = q.id.strip().lower()
        if k in first_use:
            wanted = model.with_number(max(x.number for _, _, x in readable) + 1)
            out.add(RULE_QUESTION_ID, ERROR, f"questions[{i}].id", f"{q.id!r} is used twice (questions[{first_use[k]}] has it too)", f'give each question its own id, e.g. id = "{wanted}"', order=100 + i, value=wanted)
        first_use.setdefault(k, i)
    for i, qid, p in readable:
        if qid.strip().lower() in first_use and first_use[qid.strip().lower()] != i:
            expected += 1  # said above: the id is used twice, and stands for the next number
            continue
        if p.number in seen:
            wanted = model.with_number(expected)
            out.add(
                RULE_QUESTION_ID,
                ERROR,
                f"questions[{i}].id",
                f"{qid!r} repeats the number {p.number} of questions[{seen[p.number]}]",
                f'number the questions 1, 2, 3 ... in the order they are asked: id = "{wanted}"',
                order=100 + i,
                value=wanted,
            )
        elif p.number != expected:
            wanted = model.with_number(expected)
            if p.number > expected:
                missing = ", ".join(model.with_number(n) for n in range(expected, p.number))
                problem = (f"{qid!r} follows {pack.questions[i - 1].id!r}" if i else f"{qid!r} is the first question") + f": {missing} is missing"
            else:
                problem = f"{qid!r} is out of sequence (after {pack.questions[i - 1].id!r})"
            out.add(RULE_QUESTION_ID, ERROR, f"questions[{i}].id", problem, f'id = "{wanted}", and renumber the questions after it', order=100 + i, value=wanted)
        if p.number not in seen:
            seen[p.number] = i
            expected = max(expected, p.number + 1)


def check_descriptions(pack: PackSpec, out: _Findings) -> None:
    for i, entry in enumerate(pack.drafting):
        if not entry.description.strip():
            out.add(
                RULE_DESCRIPTION,
                ERROR,
                f"drafting[{i}].description",
                f"the drafting row {entry.ref!r} has no description",
                'add description = "..." saying what the change does (the table would show an empty cell)',
                order=300 + i,
            )


def check_coverage(pack: PackSpec, tables: list[Any], out: _Findings) -> None:
    """Against the redline: every changed clause described, every description a change."""
    index = {id(e): i for i, e in enumerate(pack.drafting)}
    for table in tables:
        doc = table.document
        for change in table.undescribed:
            was = f" (was {change.old_ref})" if change.old_ref and change.old_ref != change.ref else ""
            kinds = " and ".join(change.kinds)
            out.add(
                RULE_COVERAGE,
                ERROR,
                "drafting",
                f"{doc.short_name} {change.ref}{was} was {kinds} between v{doc.version_from} and v{doc.version_to} but no [[drafting]] entry describes it",
                f'add [[drafting]] ref = "{change.ref}"' + (f' document = "{doc.short_name}"' if len(pack.documents) > 1 else "") + ' description = "..."',
                order=400,
                value=change.ref,
            )
        for entry in table.unchanged:
            i = index.get(id(entry), 0)
            problem, fix = _unchanged_row(pack, table, entry, i)
            out.add(RULE_COVERAGE, ERROR, f"drafting[{i}].ref", problem, fix, order=300 + i)
    if pack.topics:
        placed = {r for t in pack.topics for r in t.drafting}
        for i, entry in enumerate(pack.drafting):
            if entry.ref not in placed:
                out.add(
                    RULE_COVERAGE,
                    ERROR,
                    f"drafting[{i}]",
                    f"the drafting row {entry.ref!r} belongs to no topic, so the consultation document would not show it",
                    f'add "{entry.ref}" to the drafting list of a [[topics]] table',
                    order=300 + i,
                )
        refs = [e.ref for e in pack.drafting]
        ids = [q.id for q in pack.questions]
        for t_i, topic in enumerate(pack.topics):
            for ref in topic.drafting:
                if ref not in refs:
                    out.add(RULE_COVERAGE, ERROR, f"topics[{t_i}].drafting", f"{ref!r} is not the ref of any [[drafting]] entry", f"use a ref from [[drafting]]: {', '.join(repr(r) for r in refs)}", order=500 + t_i)
            for qid in topic.questions:
                if qid not in ids:
                    out.add(RULE_QUESTION_ID, ERROR, f"topics[{t_i}].questions", f"{qid!r} is not the id of any [[questions]] entry", f"use an id from [[questions]]: {', '.join(repr(q) for q in ids)}", order=500 + t_i)


def check_document_texts(pack: PackSpec, out: _Findings) -> None:
    """Every change a pack proposes is attached: by its document's redline (`old`/`new`),
    or, for a document re-designated without a redline, by the clause as it will read
    (`text`), which the build attaches as the document's changed clauses. A row with neither
    puts out a change no respondent can read (the seed's SVTAD 20.5A)."""
    for i, entry in enumerate(pack.drafting):
        doc = pack.document(entry.document or "")
        if doc is None or doc.has_redline or (entry.text or "").strip():
            continue
        k = pack.documents.index(doc)
        out.add(
            RULE_DOCUMENT_TEXT,
            ERROR,
            f"drafting[{i}].text",
            f"{doc.short_name} has no old/new files, so the consultation would publish neither its redline nor the text of {entry.ref}",
            f"add old, new, version_from and version_to to documents[{k}], or give the clause as it will read, as published (never made up): text = \"...\"",
            order=300 + i,
        )


def _unchanged_row(pack: PackSpec, table: Any, entry: Any, i: int) -> tuple[str, str]:
    """Why a row matched no change: a second row for the same clauses, a ref the document
    does not have (a typo: the nearest refs are suggested), or a clause that did not change."""
    import difflib

    from docgen.pack.drafting import entry_is_in

    doc = table.document
    for k, other in enumerate(pack.drafting[:i]):
        if other.document == entry.document and set(other.refs) == set(entry.refs):
            return (f"{doc.short_name} {entry.ref!r} is a duplicate of drafting[{k}], which already describes it", f"merge the two descriptions into drafting[{k}] and remove drafting[{i}]")
    annex = f"Annex {doc.matrix.annex}" if doc.matrix else None
    if table.known_refs and not entry_is_in(entry, table.known_refs, annex):
        near = nearest_refs(entry.refs[0], table.known_refs) or difflib.get_close_matches(entry.refs[0], list(table.known_refs), n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(repr(r) for r in near)}?" if near else "give the reference of a clause of the document"
        return (f"{entry.ref} is not a clause of {doc.short_name} v{doc.version_to} (nor of v{doc.version_from})", hint)
    return (f"{doc.short_name} {entry.ref!r} did not change between v{doc.version_from} and v{doc.version_to}", "correct the reference to the clause that changed, or remove the entry")


def nearest_refs(ref: str, known: tuple[str, ...]) -> list[str]:
    """The siblings either side of a ref the document lacks: "1.11" -> "1.10" (and "1.12"
    when there is one), so a typo's fix is the clause the author meant. Siblings and their
    order are the reference grammar's (18.5(z) comes before 18.5(aa))."""
    mine = read_ref(ref)
    if mine is None:
        return []
    siblings = []
    for text in known:
        other = read_ref(text)
        if other is not None and other != mine and _siblings(mine, other):
            siblings.append((sort_key(other), text))
    below = [s for s in siblings if s[0] < sort_key(mine)]
    above = [s for s in siblings if s[0] > sort_key(mine)]
    return ([max(below)[1]] if below else []) + ([min(above)[1]] if above else [])


def _siblings(a: Ref, b: Ref) -> bool:
    """Numbered under the same parent, at the same depth, in the same table or annex."""
    same_place = (a.table, a.annex, a.doc, len(a.points)) == (b.table, b.annex, b.doc, len(b.points))
    if not same_place or a.parent() != b.parent():
        return False
    return a.parent() is not None or a.number.count(".") == b.number.count(".")


def check_dates(pack: PackSpec, new_dates: dict[str, dt.date], out: _Findings) -> None:
    """published < respond_by < report_by < re-designation; each new version dated for it."""
    respond = pack.respond_by.date()
    if respond <= pack.published:
        out.add(RULE_DATES, ERROR, "respond_by", f"closes on {long_date(respond)}, not after publication on {long_date(pack.published)}", "give respondents time: a closing date after `published`", order=10)
    if pack.report_by is not None and pack.report_by <= respond:
        out.add(RULE_DATES, ERROR, "report_by", f"{long_date(pack.report_by)} is not after the closing date {long_date(respond)}", "DCC reports after the consultation closes: set report_by after respond_by", order=11)
    proposals: list[tuple[str, dt.date, int]] = []
    if pack.redesignation is not None:
        proposals.append(("redesignation", pack.redesignation, 12))
    for i, t in enumerate(pack.topics):
        if t.redesignation is not None:
            proposals.append((f"topics[{i}].redesignation", t.redesignation, 500 + i))
    floor = pack.report_by or respond
    floor_key = "report_by" if pack.report_by is not None else "respond_by"
    for key, day, order in proposals:
        if day <= floor:
            out.add(RULE_DATES, ERROR, key, f"re-designation on {long_date(day)} is not after `{floor_key}` ({long_date(floor)})", f"propose a re-designation date after {long_date(floor)}", order=order)
    if pack.direction.effective is not None and pack.topic_dates() and pack.direction.effective not in pack.topic_dates():
        proposed = " or ".join(long_date(d) for d in pack.topic_dates())
        out.add(RULE_DATES, WARNING, "direction.effective", f"{long_date(pack.direction.effective)} is not the proposed re-designation date ({proposed})", "make them agree, or explain the change in the consultation", order=600)
    for i, doc in enumerate(pack.documents):
        day = new_dates.get(doc.short_name)
        wanted = _latest_date_for(pack, doc.short_name)
        if day is None or wanted is None:
            continue
        if day < wanted:
            out.add(RULE_DATES, ERROR, f"documents[{i}].new", f"{doc.short_name} v{doc.version_to} is dated {long_date(day)}, before its proposed re-designation on {long_date(wanted)}", f"date the new version {long_date(wanted)}, or correct the proposed date", order=200 + i)
        elif day > wanted + GRACE:
            out.add(RULE_DATES, WARNING, f"documents[{i}].new", f"{doc.short_name} v{doc.version_to} is dated {long_date(day)}, more than a month after its proposed re-designation on {long_date(wanted)}", "make the version's date and the proposed re-designation date agree", order=200 + i)


def _latest_date_for(pack: PackSpec, short_name: str) -> dt.date | None:
    """The last date a topic proposes for the document: the version carries every change."""
    dates = []
    for t in pack.topics:
        docs = t.documents or tuple({e.document for e in pack.drafting if e.ref in t.drafting and e.document})
        if short_name in docs and (t.redesignation or pack.redesignation):
            dates.append(t.redesignation or pack.redesignation)
    if not pack.topics and pack.redesignation:
        dates.append(pack.redesignation)
    return max(dates) if dates else None


def check_department(pack: PackSpec, out: _Findings) -> None:
    """BEIS before February 2023, DESNZ from its creation (the prose: text_rules)."""
    derived = department_for(pack.published)
    if pack.department_given and pack.department != derived:
        in_first_week = DESNZ_FROM <= pack.published < DESNZ_CREATED
        if not in_first_week:
            why = "DESNZ was created on 7 February 2023" if pack.department == "DESNZ" else "BEIS's energy brief passed to DESNZ in February 2023"
            out.add(RULE_DEPARTMENT, ERROR, "department", f"{pack.department!r} did not sponsor the SEC on {long_date(pack.published)} ({why})", f'department = "{derived}", or leave it out to derive it from `published`', order=5, value=derived)


# ---------------------------------------------------------------------------------------


def version_date(paragraphs: list[str]) -> dt.date | None:
    """The date a version box prints ("Date: 2 May 2025") near the top of a document."""
    for text in paragraphs[:15]:
        m = _VERSION_DATE.match(text)
        if m is None:
            continue
        day, month, year = m.group(1).split()
        if month.lower() in _MONTHS:
            try:
                return dt.date(int(year), _MONTHS[month.lower()], int(day))
            except ValueError:
                return None
    return None


def pack_lint(
    pack: PackSpec,
    tables: list[Any] | None = None,
    new_dates: dict[str, dt.date] | None = None,
    config: LintConfig | None = None,
    problems: list[PackProblem] | None = None,
    reads: ReadOnce | None = None,
) -> LintReport:
    """Lint a loaded pack. `tables` are the DocumentDrafting of its redlined documents and
    `new_dates` their versions' dates; both are worked out here when not given (the build
    passes the ones it already made, so documents are compared once). `config` (severities,
    ignored keys) is the docgen.toml a document's lint would use. `problems` are what the
    lenient loading met (`lint_pack_file`), reported as findings with the others. `reads`
    keeps the documents read, for a command (the build) that uses them again."""
    config = config or LintConfig()
    out = _Findings(pack, str(pack.path))
    for problem in problems or []:
        _add_problem(out, problem)
    if tables is None or new_dates is None:
        tables, new_dates = drafting_against_redlines(pack, out, reads)
    check_department(pack, out)
    check_dates(pack, new_dates, out)
    check_question_ids(pack, out)
    check_descriptions(pack, out)
    check_coverage(pack, tables, out)
    check_document_texts(pack, out)
    for f in text_findings(pack):
        file = str(f.file) if f.file is not None else None
        location = f"line {f.line}" if f.file is not None else None
        out.add(f.rule, f.severity, f.key, f.problem, f.fix, order=_order_of(f.key), value=f.value, file=file, location=location, line=f.line)
    return _report(str(pack.path), out.items, config)


def lint_pack_file(path: Path, config: LintConfig | None = None) -> LintReport:
    """`docgen lint PACK.toml`: as much of the pack as can be read, every problem a finding.

    Only a file that is no pack description at all (missing, not TOML, no pack keys) raises
    an InputError (exit 2)."""
    config = config or LintConfig()
    pack, problems = load_for_lint(path)
    if pack is not None:
        return pack_lint(pack, config=config, problems=problems)
    out = _Findings(None, str(path))
    for problem in problems:
        _add_problem(out, problem)
    return _report(str(path), out.items, config)


def _add_problem(out: _Findings, problem: PackProblem) -> None:
    head = problem.key.split("[", 1)[0].split(".", 1)[0]
    rule = {"published": RULE_DATES, "respond_by": RULE_DATES, "report_by": RULE_DATES, "redesignation": RULE_DATES, "department": RULE_DEPARTMENT}.get(head, RULE_FORMAT)
    if problem.key.endswith(".redesignation"):
        rule = RULE_DATES
    out.add(rule, ERROR, problem.key, problem.what, problem.fix.removeprefix("fix: "), order=_order_of(problem.key))


def _order_of(key: str) -> int:
    """Findings in the order of the description's sections."""
    head = key.split("[", 1)[0].split(".", 1)[0]
    base = {"documents": 200, "questions": 100, "drafting": 300, "topics": 500, "direction": 600}.get(head, 10)
    m = re.search(r"\[(\d+)\]", key)
    return base + (int(m.group(1)) if m else 0)


def _report(shown: str, findings: list[Finding], config: LintConfig) -> LintReport:
    """The report, each finding about the description placed at the line of its key."""
    try:
        lines = key_lines(Path(shown).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        lines = {}
    placed = []
    for f in findings:
        if f.file == shown and f.line is None:
            line = line_of(lines, f.ref)
            if line is not None:
                f.line = line
                f.location = f"{Path(shown).name} line {line}"
        placed.append(f)
    report = LintReport(document=shown, rules_run=[r for r in PACK_RULES if config.severity.get(r) != OFF])
    apply_config(report, sorted(placed, key=lambda f: (f.position, f.rule, f.message)), config)
    return report


def drafting_against_redlines(pack: PackSpec, out: _Findings | None = None, reads: ReadOnce | None = None) -> tuple[list[Any], dict[str, dt.date]]:
    """The drafting table of each redlined document; a document that cannot be read is a
    finding at its key when `out` is given (the lint goes on), else its InputError."""
    from docgen.pack.drafting import clause_changes, document_drafting, known_refs, matrix_changed
    from docgen.readers.once import ReadOnce
    from docgen.transforms.compare import compare

    reads = reads or ReadOnce()

    tables = []
    dates: dict[str, dt.date] = {}
    for doc in pack.documents:
        if not doc.has_redline:
            continue
        assert doc.old is not None and doc.new is not None
        try:
            old, new = reads.document(doc.old), reads.document(doc.new)
            changes, untabled = clause_changes(compare(old, new))
            did_change = doc.matrix is not None and matrix_changed(reads.matrix(doc.matrix.old), reads.matrix(doc.matrix.new))
        except DocgenError as exc:
            if out is None:
                raise
            i = pack.documents.index(doc)
            out.add(RULE_FORMAT, ERROR, f"documents[{i}]", f"{doc.short_name} cannot be compared: {exc}", "give readable .docx files for old and new", order=200 + i)
            continue
        known = known_refs(old, new)
        tables.append(document_drafting(pack, doc, changes, matrix_did_change=did_change, untabled=untabled, known_refs=known))
        day = version_date([p.text for p in new.paragraphs])
        if day is not None:
            dates[doc.short_name] = day
    return tables, dates

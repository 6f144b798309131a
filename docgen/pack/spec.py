"""The pack description: one TOML file per consultation pack, read into plain dataclasses.

Users write these by hand, so every mistake is reported as one line naming the file, the key
and what to write instead (`InputError`), never as a traceback or a silent default. The
format is documented with a full example in docs/packs.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from docgen.publisher import CLASSIFICATION, ORGANISATION

# DESNZ took over BEIS's energy brief in February 2023; before that the Secretary of State
# who signs SEC directions sat in BEIS.
DESNZ_FROM = dt.date(2023, 2, 1)
DEPARTMENTS = {
    "BEIS": "Department for Business, Energy and Industrial Strategy",
    "DESNZ": "Department for Energy Security and Net Zero",
}
QUESTION_KINDS = ("agree", "open")
DEFAULT_RESPOND_TIME = dt.time(16, 0)


@dataclass(frozen=True)
class MatrixChange:
    """The DMVES workbook (Annex A of the S1SR) that travels with a document."""

    old: Path
    new: Path
    name: str = "Device Model Variations to Equivalent Steps Matrix"
    annex: str = "A"


@dataclass(frozen=True)
class DocumentChange:
    """One SEC document the pack re-designates; `old`/`new` are absent when no redline is published."""

    short_name: str  # "S1SR", "TMAD", "SMETS1 SVTAD"
    name: str  # "SMETS1 Supporting Requirements"
    appendix: str  # "AM"
    version_from: str | None = None
    version_to: str | None = None
    old: Path | None = None
    new: Path | None = None
    matrix: MatrixChange | None = None
    # What the numbering lint compares the new version with (default: `old`). A correction
    # pack points it at the version whose numbering it restores (S1SR v11 for v12.2).
    baseline: Path | None = None
    # The version after the consultation (for the conclusion): what DCC submits.
    final: Path | None = None
    version_final: str | None = None

    @property
    def has_redline(self) -> bool:
        return self.old is not None and self.new is not None


@dataclass(frozen=True)
class Question:
    id: str  # "S1SR Q1"
    text: str
    kind: str = "agree"  # "agree": Agree / Disagree / No opinion plus rationale; "open": rationale only

    @property
    def asks_for_choice(self) -> bool:
        return self.kind == "agree"


@dataclass(frozen=True)
class DraftingChange:
    """A row the author writes for the drafting table; `refs` are what it covers in the redline."""

    ref: str  # as displayed: "18.63(d) 18.65(e)", "Table A3 Step 4"
    description: str
    refs: tuple[str, ...] = ()
    document: str | None = None  # short name of the document it belongs to
    rationale: str | None = None
    subclauses: bool = False  # also covers every change below the refs (a renumbered run)
    # The clause as it will read, for a document re-designated without old/new files: the
    # consultation shows it under the description, as it shows a redlined clause.
    text: str | None = None


@dataclass(frozen=True)
class Topic:
    """One section of the consultation document: its prose, its drafting rows, its questions.

    `drafting` holds the `ref` (as written) of the [[drafting]] entries it presents, and
    `questions` the ids of the questions asked after its table. A topic may propose its own
    re-designation date (seed 004: one change on 29 July 2021, the others on 12 October
    2021); the direction then re-designates per date.
    """

    title: str
    text: Path | None = None  # Markdown prose
    questions: tuple[str, ...] = ()
    drafting: tuple[str, ...] = ()
    redesignation: dt.date | None = None
    documents: tuple[str, ...] = ()  # short names; default: those of its drafting rows


@dataclass(frozen=True)
class ConsequentialAmendment:
    """A change to another part of the SEC made in consequence of the re-designation (X5.6)."""

    target: str  # "Section A (Definitions and Interpretation)"
    change: str  # "to change the definition of SMETS1 PPMID"
    in_consequence_of: tuple[str, ...] = ()  # document short names; empty = all documents
    annex: str | None = None  # None while draft: "Annex [YY]"


@dataclass(frozen=True)
class Direction:
    effective: dt.date | None = None  # None while draft: "[DD MM YYYY]"
    annex: str | None = None  # None while draft: "Annex [XX]"
    consequential: tuple[ConsequentialAmendment, ...] = ()

    @property
    def is_draft(self) -> bool:
        return self.effective is None or self.annex is None


@dataclass(frozen=True)
class PackSpec:
    path: Path
    reference: str  # the pack id: out/<reference>/
    title: str
    published: dt.date
    respond_by: dt.datetime
    contact: str
    department: str  # "BEIS" or "DESNZ"
    documents: tuple[DocumentChange, ...]
    questions: tuple[Question, ...]
    drafting: tuple[DraftingChange, ...] = ()
    direction: Direction = field(default_factory=Direction)
    allow_lint_errors: bool = False
    department_given: bool = False
    subtitle: str | None = None
    author: str | None = None  # default: the contact address
    classification: str = CLASSIFICATION  # on every page of every generated document
    organisation: str = ORGANISATION  # the author of tracked changes, as `docgen redline`'s default
    report_by: dt.date | None = None  # when DCC reports to the department
    redesignation: dt.date | None = None  # proposed re-designation date (topics may differ)
    introduction: Path | None = None  # Markdown: "Introduction and Context"
    topics: tuple[Topic, ...] = ()

    @property
    def department_name(self) -> str:
        return DEPARTMENTS[self.department]

    @property
    def short_names(self) -> str:
        """'S1SR', 'TMAD and SMETS1 SVTAD': how file names and headings refer to the documents."""
        return join_list([d.short_name for d in self.documents])

    def document(self, short_name: str) -> DocumentChange | None:
        for d in self.documents:
            if d.short_name.lower() == short_name.lower():
                return d
        return None

    @property
    def author_line(self) -> str:
        return self.author or self.contact

    def topic_dates(self) -> list[dt.date]:
        """Every proposed re-designation date, earliest first."""
        dates = {t.redesignation or self.redesignation for t in self.topics} if self.topics else {self.redesignation}
        return sorted(d for d in dates if d is not None)

    def source_files(self) -> list[Path]:
        """Every input file the pack reads, the description first, in a fixed order."""
        out = [self.path]
        if self.introduction is not None:
            out.append(self.introduction)
        out += [t.text for t in self.topics if t.text is not None]
        for d in self.documents:
            out += [p for p in (d.old, d.new, d.baseline, d.final) if p is not None]
            if d.matrix:
                out += [d.matrix.old, d.matrix.new]
        return out


def department_for(day: dt.date) -> str:
    return "DESNZ" if day >= DESNZ_FROM else "BEIS"


def join_list(items: list[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C': the list style of SEC documents (no serial comma)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"

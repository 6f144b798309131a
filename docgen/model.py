"""The one clause model every reader produces and every check, transform and writer consumes.

It follows Akoma Ntoso in spirit: a provision's displayed number (`num`) is kept apart from
its canonical reference (`ref`) and from its stable id (`eid`), so a renumbering changes
`num`/`ref` while `wid` can still name what the provision was called before.
Readers fill the flat `Document.clauses` list in document order; `children` links the same
objects into a tree, so code can walk either shape without copying.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from docgen.refs.errors import RefError
from docgen.refs.value import Ref

# Clause kinds, from the outermost level inwards. A document that nests deeper than
# "subsubitem" keeps using "subsubitem"; table rows that carry step numbers are "step".
KINDS = ("section", "clause", "item", "subitem", "subsubitem")
STEP = "step"


@dataclass
class Provenance:
    """Where a clause came from, precise enough for a finding to point a user at it."""

    part: str | None = None  # e.g. "word/document.xml"
    paragraph: int | None = None  # index among the body's paragraphs (0-based)
    page: int | None = None  # PDF page (1-based)
    line: int | None = None  # PDF line on that page (1-based)
    table: int | None = None  # index of the table (0-based) for table rows
    row: int | None = None  # row within that table (0-based)

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None and k != "part"}

    def describe(self) -> str:
        """Human wording for messages: 'paragraph 412', 'page 3 line 17', 'table 2 row 5'."""
        if self.page is not None:
            return f"page {self.page} line {self.line}"
        if self.table is not None:
            return f"table {self.table + 1} row {self.row}"
        if self.paragraph is not None:
            return f"paragraph {self.paragraph}"
        return "unknown position"


@dataclass(frozen=True)
class ListFacts:
    """Where Word draws a clause's number from: the transforms that move a clause between
    levels, and the lint's level checks, need the list and level, not just the label."""

    num_id: str | None = None
    ilvl: int | None = None
    style: str | None = None  # the paragraph's style id
    hidden: bool = False  # the number is drawn hidden (vanish) but still counts
    suff: str | None = None  # what follows the number: "tab", "space" or "nothing"


@dataclass
class Clause:
    kind: str
    level: int
    num: str  # the label exactly as displayed ("18.5", "(p)"); "" when hidden
    ref: str  # canonical reference ("18.5(p)(i)", "Table 5.10 Step 5.10.17")
    eid: str  # stable id ("sec_18__para_5__point_p")
    text: str  # the paragraph text without its number
    num_value: int | None = None
    num_format: str | None = None  # decimal, lowerLetter, lowerRoman, ... or None
    numbering: str = "auto"  # "auto" (Word list), "literal" (typed), "inferred" (PDF label)
    heading: str | None = None
    wid: str | None = None
    source: Provenance = field(default_factory=Provenance)
    children: list[Clause] = field(default_factory=list)
    parent: Clause | None = field(default=None, repr=False, compare=False)
    # The Word list behind an "auto" number (docx reader only); never in JSON.
    word_list: ListFacts | None = field(default=None, repr=False, compare=False)

    @property
    def ref_value(self) -> Ref | None:
        """`ref` as a typed value whose fields the checks read (scope, number, points, table);
        None for the rare label that is no reference ("Article I" under a heading)."""
        try:
            return Ref.from_canonical(self.ref)
        except RefError:
            return None

    def walk(self) -> Iterator[Clause]:
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ref": self.ref,
            "num": self.num,
            "level": self.level,
            "kind": self.kind,
            "eid": self.eid,
            "text": self.text,
            "source": self.source.to_json(),
            "num_value": self.num_value,
            "num_format": self.num_format,
            "numbering": self.numbering,
        }
        if self.heading:
            out["heading"] = self.heading
        if self.wid:
            out["wid"] = self.wid
        return out


@dataclass
class Table:
    """A table as read; `caption` is the 'Table 5.10 ...' line before it when there is one."""

    index: int
    rows: list[list[str]]
    caption: str | None = None
    label: str | None = None  # "5.10", "A3": the table number from the caption
    source: Provenance = field(default_factory=Provenance)

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "caption": self.caption,
            "label": self.label,
            "rows": self.rows,
        }


@dataclass
class Paragraph:
    """Every body paragraph in order, numbered or not: what redlines and PDFs need to print."""

    index: int
    text: str
    num: str = ""
    style: str | None = None
    clause: Clause | None = field(default=None, repr=False, compare=False)


@dataclass
class Document:
    source: str
    format: str  # "docx" | "pdf"
    title: str | None = None
    appendix: str | None = None  # "AM", "AL", ...
    version: str | None = None
    clauses: list[Clause] = field(default_factory=list)  # flat, document order
    tables: list[Table] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    # The raw parts of a .docx package (name -> bytes), kept so writers can build on the
    # original styles, numbering and sections without ever reading a source file themselves.
    parts: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)

    @property
    def roots(self) -> list[Clause]:
        return [c for c in self.clauses if c.parent is None]

    def by_ref(self) -> dict[str, Clause]:
        """First clause for each ref; duplicates are the lint's business, not the lookup's."""
        out: dict[str, Clause] = {}
        for c in self.clauses:
            out.setdefault(c.ref, c)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "document": {
                "title": self.title,
                "appendix": self.appendix,
                "version": self.version,
                "metadata": self.metadata,
                "tables": [t.to_json() for t in self.tables],
            },
            "clauses": [c.to_json() for c in self.clauses],
        }


@dataclass
class MatrixRow:
    """One DMVES row: a clause reference tied to device models and SRVs."""

    ref: str  # canonical, "18.5(p)"
    ref_as_written: str
    srv: list[str] = field(default_factory=list)
    device_models: list[str] = field(default_factory=list)
    group_ids: list[str] = field(default_factory=list)
    cohort: str | None = None
    sheet: str = ""
    cell: str = ""  # the reference cell, "C12"
    row: int = 0  # worksheet row number (1-based)
    removed: bool = False  # struck through in a redlined workbook

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "ref_as_written": self.ref_as_written,
            "srv": self.srv,
            "device_models": self.device_models,
            "group_ids": self.group_ids,
            "cohort": self.cohort,
            "sheet": self.sheet,
            "cell": self.cell,
        }


@dataclass
class Matrix:
    source: str
    format: str  # "xlsx" | "csv" | "docx"
    rows: list[MatrixRow] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "rows": [r.to_json() for r in self.rows if not r.removed],
        }

"""The one clause model every reader produces and every check, transform and writer consumes.

It follows Akoma Ntoso in spirit: a provision's displayed number (`num`) is kept apart from
its canonical reference (`ref`) and from its stable id (`eid`), so a renumbering changes
`num`/`ref` while `wid` can still name what the provision was called before.
Readers fill the flat `Document.clauses` list in document order; `children` links the same
objects into a tree, so code can walk either shape without copying.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator, Mapping

if TYPE_CHECKING:
    from docgen.refs.value import Ref

# Clause kinds, from the outermost level inwards. A document that nests deeper than
# "subsubitem" keeps using "subsubitem"; table rows that carry step numbers are "step".
KINDS = ("section", "clause", "item", "subitem", "subsubitem")
STEP = "step"

# What docgen's publication redline prints at the start and the end of its change summary.
# The PDF reader drops the pages from the one to the other and the cross-reference check
# skips them: they belong to neither version of the document.
SUMMARY_HEADING = "Change summary"
SUMMARY_KEY = "Key:"


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
        from docgen.refs.errors import RefError  # here: reading a document never needs the grammar
        from docgen.refs.value import Ref

        try:
            return Ref.from_canonical(self.ref)
        except RefError:
            return None

    def walk(self) -> Iterator[Clause]:
        yield self
        for child in self.children:
            yield from child.walk()

    def descendants(self) -> list[Clause]:
        """Every clause below this one, in document order (its items, their sub-items...)."""
        return [d for child in self.children for d in child.walk()]

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
    # The reader's handle on this paragraph: its element in the parsed main part that
    # `Document.parts` keeps (the one whose mark survives, for paragraphs merged by a deleted
    # mark). Writers find their paragraph by it, not by position. Opaque to the model.
    element: Any = field(default=None, repr=False, compare=False)
    cell: tuple[int, int, int] | None = field(default=None, compare=False)  # (table, row, cell) in a table (docx reader)


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
    # The parts of a .docx package (name -> bytes, with the trees the reader parsed: an
    # ooxml ParsedParts), kept so the comparison and the writers build on the original body,
    # styles, numbering and sections without reading or parsing a source file again.
    parts: Mapping[str, bytes] = field(default_factory=dict, repr=False, compare=False)

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

    @property
    def location(self) -> str:
        """Where a person finds the row: 'ESME!A12', or "'Comms Hubs'!A12" when Excel would
        quote the sheet name (every finding, impact and refusal names a row this way)."""
        sheet = self.sheet
        if sheet and not sheet.replace("_", "").isalnum():
            sheet = "'" + sheet.replace("'", "''") + "'"
        return f"{sheet}!{self.cell}" if sheet else self.cell

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


# ----- workbooks, cell by cell: what the workbook redline compares ---------------------------

Value = str | int | float | bool | _dt.datetime | _dt.date | _dt.time


@dataclass(frozen=True)
class CellStyle:
    """The cell formatting a redline carries over from NEW; everything else is left default."""

    bold: bool = False
    italic: bool = False
    size: float | None = None
    fill: str | None = None  # solid fill colour, "FFD9E1F2"
    wrap: bool = False
    vertical: str | None = None
    number_format: str = "General"


@dataclass
class SheetModel:
    title: str
    cells: dict[tuple[int, int], Value] = field(default_factory=dict)  # (row, col) 1-based, non-empty only
    styles: dict[tuple[int, int], CellStyle] = field(default_factory=dict)  # non-default only
    column_widths: dict[str, float] = field(default_factory=dict)  # "A" -> width in characters
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col
    freeze: tuple[int, int] | None = None  # top-left cell of the scrolling pane, (row, col)
    hidden: bool = False

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=0)

    def row_values(self, row: int, columns: int) -> list[Value | None]:
        return [self.cells.get((row, c)) for c in range(1, columns + 1)]


@dataclass
class WorkbookModel:
    source: str
    sheets: list[SheetModel] = field(default_factory=list)
    title: str | None = None
    data: bytes | None = field(default=None, repr=False)  # the package as read, after vetting

    def sheet(self, title: str) -> SheetModel | None:
        return next((s for s in self.sheets if s.title == title), None)


def display(value: Value | None) -> str:
    """The text a value shows as, for comparing cells and listing changes: 18.10 stays '18.1'
    if Excel stored a number, because that is what the reader of the workbook saw."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    return " ".join(str(value).split())

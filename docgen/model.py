"""The one clause model every reader produces and every check, transform and writer consumes.

It follows Akoma Ntoso in spirit: a provision's displayed number (`num`) is kept apart from
its canonical reference (`ref`) and from its stable id (`eid`), so a renumbering changes
`num`/`ref` while `wid` can still name what the provision was called before.
Readers fill the flat `Document.clauses` list in document order; `children` links the same
objects into a tree, so code can walk either shape without copying.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator, Mapping

if TYPE_CHECKING:
    from docgen.model_sheets import CellStyle, Matrix, MatrixRow, SheetModel, Value, WorkbookModel, display
    from docgen.refs.value import Ref

# The matrix (DMVES) and workbook halves of the model live in docgen.model_sheets: a .docx
# parse or redline never makes one, and each dataclass costs a fraction of a millisecond to
# create at import. They are still this module's names, loaded when first asked for (PEP 562).
_SHEET_NAMES = frozenset({"CellStyle", "Matrix", "MatrixRow", "SheetModel", "Value", "WorkbookModel", "display"})


def __getattr__(name: str) -> Any:
    if name in _SHEET_NAMES:
        from docgen import model_sheets

        return getattr(model_sheets, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

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
    """One numbered provision: its displayed number, canonical ref and stable id kept apart."""

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
    """A read document: its clauses in order (and as a tree), tables, paragraphs and parts."""

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

"""Reading a PDF (a published appendix or redline) into the same clause model as its .docx.

A PDF has lost everything Word knew about numbering: only the drawn labels and their
positions remain. The pipeline therefore runs: page tokens and ruled tables
(`layout`), minus running headers, footers and contents (`furniture`), with
redline marks settled for the requested view (`redline`), joined into paragraphs and
whole tables (`blocks`); then here each labelled paragraph becomes a clause through
the same TreeBuilder the .docx reader uses, with the label's indentation as its level and
its neighbours deciding whether "(i)" is a letter or a numeral (`labels`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import InputError, UsageError
from docgen.hierarchy import Numbered, TreeBuilder, step_clause
from docgen.limits import Limits
from docgen.model import Clause, Document, Paragraph, Provenance, Table
from docgen.ooxml.package import check_input_file
from docgen.readers.docx import _guess_identity
from docgen.readers.pdf.blocks import Block, TableBlock, assemble, measure
from docgen.readers.pdf.furniture import strip_furniture
from docgen.readers.pdf.labels import DECIMAL, Label, resolve_format, successor_matches
from docgen.readers.pdf.layout import read_page
from docgen.readers.pdf.redline import VIEWS, drop_change_summary, keeper, settle_marks
from docgen.readers.pdf.source import RawPage, load
from docgen.refs.patterns import SCOPE_HEADING, STEP_NUMBER, TABLE_CAPTION

_SNAP = 1.5  # points: label positions closer than this are the same indentation


def read_pdf(path: Path, *, view: str = "new", limits: Limits) -> Document:
    """The clause model of a PDF; `view` picks a redline's new (default) or original text."""
    path = Path(path)
    if view not in VIEWS:
        raise UsageError(f"unknown view {view!r}: use one of {', '.join(VIEWS)}")
    check_input_file(path, limits)
    layer = _TextLayer()
    pages, info = load(path, limits, lambda raw: read_page(layer.count(raw)))
    layer.check(path, len(pages))
    furniture = strip_furniture(pages)
    summary_pages = drop_change_summary(pages)
    redline = settle_marks(pages)
    items = assemble(pages, measure(pages), keeper(view))
    doc = Document(source=str(path), format="pdf")
    for key, name in (("title", "Title"), ("subject", "Subject"), ("creator", "Author")):
        value = info.get(name)
        if isinstance(value, str) and value.strip():
            doc.metadata[key] = value.strip()
    doc.title = doc.metadata.get("title")
    doc.metadata["pages"] = len(pages)
    doc.metadata["view"] = view
    if redline:
        doc.metadata["redline"] = True
    if summary_pages:
        doc.metadata["summary_pages_dropped"] = summary_pages
    if furniture["toc"]:
        doc.metadata["contents_lines_dropped"] = furniture["toc"]
    _ClauseBuilder(doc).build(items)
    _guess_identity(doc)
    return doc


@dataclass
class _TextLayer:
    """Counts characters as pages go by, to refuse what would parse to nothing or to nonsense."""

    chars: int = 0
    unmapped: int = 0  # glyphs without a Unicode mapping, which pdfminer spells "(cid:36)"

    def count(self, raw: RawPage) -> RawPage:
        self.chars += len(raw.chars)
        self.unmapped += sum(1 for ch in raw.chars if ch.text.startswith("(cid:"))
        return raw

    def check(self, path: Path, pages: int) -> None:
        if not pages:
            raise InputError(path, "has no pages (a damaged PDF?)", "export the PDF again or use the .docx")
        if not self.chars:
            raise InputError(path, "has no text layer (a scanned PDF?)", "run OCR first or use the .docx")
        if self.unmapped * 2 > self.chars:
            raise InputError(path, "has no readable text layer (its fonts map glyphs to no characters)", "export the PDF again with Unicode fonts, or use the .docx")


# -- clauses ---------------------------------------------------------------------------------


class _ClauseBuilder:
    """Feeds paragraphs to the TreeBuilder and numbered table rows to step clauses."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.tree = TreeBuilder()
        self.positions: list[float] = []

    def level_key(self, x: float) -> float:
        """The same indentation drawn on two pages can differ by a hair; snap it to one value."""
        for known in self.positions:
            if abs(known - x) <= _SNAP:
                return known
        self.positions.append(x)
        return x

    def build(self, items: list[Block | TableBlock]) -> None:
        blocks = [it for it in items if isinstance(it, Block)]
        top_size = self._top_heading_size(blocks)
        formats = self._formats(blocks, top_size)
        clause_seen = False
        for item in items:
            if isinstance(item, TableBlock):
                # Step rows take the table's place in document order, outside the clause stack.
                self.tree.clauses.extend(self._table(item))
                continue
            text = item.text
            if item.label is not None:
                fmt, value, key = formats[id(item)]
                source = Provenance(page=item.page, line=item.line)
                numbered = Numbered(
                    label=item.label.text,
                    text=text,
                    level_key=key,
                    source=source,
                    numbering="inferred",
                    num_value=value,
                    num_format=fmt,
                    heading=item.label.style == "bare" and item.heading_like,
                )
                clause = self.tree.add(numbered)
                clause_seen = True
                self.doc.paragraphs.append(Paragraph(index=len(self.doc.paragraphs), text=text, num=item.label.text, clause=clause))
                continue
            if text and self._is_top_heading(item, top_size, clause_seen):
                self.tree.open_scope(text)
            if text:
                self.doc.paragraphs.append(Paragraph(index=len(self.doc.paragraphs), text=text))
        self.doc.clauses = self.tree.clauses

    @staticmethod
    def _top_heading_size(blocks: list[Block]) -> float | None:
        """The size of numbered section headings ("18 Device Specific Behaviours"), if any."""
        sizes = [b.size for b in blocks if b.label is not None and b.label.style == "bare" and b.heading_like]
        return min(sizes) if sizes else None

    @staticmethod
    def _is_top_heading(block: Block, top_size: float | None, clause_seen: bool) -> bool:
        """An unnumbered heading at section level ("Annex D"): it closes every open clause.

        Headings are short and end without punctuation; a bold lead-in sentence set in the
        headings' size must not cut the clauses around it loose from their parents.
        """
        text = block.text
        if not block.heading_like or len(text.split()) > 15 or text[-1:] in ".;:,":
            return False
        if top_size is not None:
            return abs(block.size - top_size) <= 1.5
        return clause_seen and bool(SCOPE_HEADING.match(block.text))

    def _formats(self, blocks: list[Block], top_size: float | None) -> dict[int, tuple[str, int, float]]:
        """Each label's (format, value, level key), in one forward pass that knows its siblings.

        Siblings are labels of one family at the same indentation with nothing shallower
        between them. A list that changes format at the same indentation and starts again
        at 1 ("(p)" then "(i)", "(ii)") is nested under the item before it: a redline draws
        a demoted item where the promoted one stood, and a list does not turn roman midway.
        """
        previous: dict[int, Block] = {}
        following: dict[int, Label] = {}
        stack: list[Block] = []
        clause_seen = False
        placed: dict[int, float] = {}
        for block in blocks:
            if block.label is None:
                if block.text and self._is_top_heading(block, top_size, clause_seen):
                    stack.clear()
                continue
            clause_seen = True
            x = self._revised_label_x(block, stack)
            placed[id(block)] = x
            while stack and stack[-1].label_x > x + _SNAP:
                stack.pop()
            if stack and abs(stack[-1].label_x - x) <= _SNAP:
                sibling = stack.pop()
                if sibling.label is not None and sibling.label.family() == block.label.family():
                    previous[id(block)] = sibling
                    following[id(sibling)] = block.label
            stack.append(block)
        out: dict[int, tuple[str, int, float]] = {}
        for block in blocks:
            if block.label is None:
                continue
            prev = previous.get(id(block))
            before = out.get(id(prev)) if prev is not None else None
            fmt, value = resolve_format(block.label, before[:2] if before else None, following.get(id(block)))
            key = self.level_key(placed[id(block)])
            if before is not None:
                key = self._sibling_key(fmt, value, prev, previous, out, key)
            out[id(block)] = (fmt, value, key)
        return out

    @staticmethod
    def _revised_label_x(block: Block, stack: list[Block]) -> float:
        """Where a label stands in the version being read.

        A redline draws a paragraph where its new number puts it, so in the original view a
        struck number of an item that was demoted ("(q)", printed at the sub-item indent)
        stands deeper than it did. It would be a first child, yet it continues the list of
        an open item further out, which a first child never does (lists start at their
        beginning); it is that item's sibling, at that item's place.
        """
        x = block.label_x
        if not block.label_mark or block.label is None or not stack or stack[-1].label_x >= x - _SNAP:
            return x
        for item in reversed(stack):
            if item.label is None or item.label_x >= x - _SNAP or item.label.family() != block.label.family():
                continue
            if any(successor_matches(fmt, value, block.label) for fmt, value in item.label.candidates):
                return item.label_x
        return x

    @staticmethod
    def _sibling_key(fmt: str, value: int, prev: Block, previous: dict[int, Block], out: dict[int, tuple[str, int, float]], base: float) -> float:
        """The level key of a label whose previous sibling (same indentation) is known."""
        prev_fmt, _, prev_key = out[id(prev)]
        if fmt == prev_fmt:
            return prev_key
        if value == 1:
            return prev_key + 0.5  # a new list inside the previous item
        walker: Block | None = prev
        while walker is not None:  # back to the list this label continues
            walker_fmt, _, walker_key = out[id(walker)]
            if walker_fmt == fmt:
                return walker_key
            walker = previous.get(id(walker))
        return base

    def _table(self, item: TableBlock) -> list[Clause]:
        """Record the table; return the clauses of its numbered step rows."""
        steps: list[Clause] = []
        index = len(self.doc.tables)
        caption = item.caption_candidate
        m = TABLE_CAPTION.match(caption)
        label = m.group(1) if m else None
        table = Table(
            index=index,
            rows=item.rows,
            caption=caption if m else None,
            label=label,
            source=Provenance(page=item.page, line=item.line, table=index),
        )
        self.doc.tables.append(table)
        for r_i, cells in enumerate(item.rows):
            for cell in cells:
                if cell:
                    self.doc.paragraphs.append(Paragraph(index=len(self.doc.paragraphs), text=cell))
            if label is None or not cells:
                continue
            step = STEP_NUMBER.match(cells[0])
            if step is None:
                continue
            number = step.group(1)
            digits = re.match(r"\d+", number.rsplit(".", 1)[-1])
            page, line = item.row_sources[r_i]
            steps.append(
                step_clause(
                    label,
                    number,
                    " | ".join(cells[1:]),
                    Provenance(page=page, line=line, table=index, row=r_i),
                    numbering="inferred",
                    value=int(digits.group(0)) if digits else None,
                    fmt=DECIMAL,
                )
            )
        return steps

"""From visual lines to paragraphs and whole tables, the units the .docx reader sees.

A PDF has no paragraph marks, so they are recovered from layout: a line continues the
paragraph above when it starts at or right of that paragraph's text column (or its label's,
for layouts without a hanging indent), sits at the normal line pitch below it (or tops the
next page), and the line above was full, that is this line's first word would not have
fitted at its end. A label ("18.5", "(p)") starts a
new paragraph unless the line is plainly a continuation whose first word merely looks like
one ("...under paragraph / (a) above"): there the label is followed by a single space, not
the tab gap that follows a real list number. Tables broken over pages are joined again,
without the header row the PDF repeats and with a row split by the page break made whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from statistics import median
from typing import Callable

from docgen.readers.pdf.labels import Label, parse_label
from docgen.readers.pdf.layout import PageContent
from docgen.readers.pdf.tables import PageTable
from docgen.readers.pdf.tokens import Line, Token, first_word_width, join_tokens

Keep = Callable[[Token], bool]

_X_TOLERANCE = 2.0  # points: the same indentation drawn twice differs by less than this


@dataclass
class Metrics:
    body_size: float
    right_edge: dict[int, float]
    pitch: dict[float, float]  # size -> line pitch over the document
    # (page, size) -> (top, pitch) of each wrapped line on that page, top to bottom
    samples: dict[tuple[int, float], list[tuple[float, float]]] = field(default_factory=dict)

    def line_pitch(self, size: float, page: int | None = None, top: float | None = None) -> float:
        """Sections may differ in line spacing, even on one page: the pitch of the wrapped lines
        nearest to `top` (the median of three), else the document's pitch for the size."""
        key = round(size, 1)
        near = self.samples.get((page, key), []) if page is not None else []
        if len(near) >= 3 and top is not None:
            closest = sorted(near, key=lambda sample: abs(sample[0] - top))[:3]
            return median(p for _, p in closest)
        return self.pitch.get(key, 1.2 * size)

    def edge(self, page: int) -> float:
        return self.right_edge.get(page, max(self.right_edge.values(), default=0.0))


@dataclass
class Block:
    """One paragraph: an optional label and the text lines that follow it."""

    label: Label | None
    label_x: float
    text_x: float
    page: int
    line: int
    size: float
    heading_like: bool
    lines: list[Line] = field(default_factory=list)  # geometry: every visual line, even emptied ones
    pieces: list[list[Token]] = field(default_factory=list)  # tokens of each line after the label
    keep: Keep = field(default=lambda tok: True, repr=False)  # the view: which tokens count
    label_mark: str = ""  # the label token's revision mark: a changed number's other version
    label_right: float = 0.0  # where the label ends: the edge right-aligned numbers share

    @cached_property
    def text(self) -> str:
        """Asked for only once the paragraph is complete (see `_Assembler.flush`)."""
        tokens = [tok for piece in self.pieces for tok in piece]
        return " ".join(join_tokens(tokens, self.keep).split())


@dataclass
class TableBlock:
    """A table as one unit even when the PDF spreads it over pages."""

    parts: list[PageTable]
    rows: list[list[str]]
    page: int
    line: int
    caption_candidate: str  # the last paragraph text before it, as the .docx reader takes it
    row_sources: list[tuple[int, int]] = field(default_factory=list)  # (page, line) of each row


def measure(pages: list[PageContent]) -> Metrics:
    """Body size, each page's right text edge and the normal line pitch per size.

    The right edge is where the longest lines end. When no line comes near the edge the
    margins would give (a document of one-line paragraphs), nothing wrapped, and that edge
    is taken instead. The pitch is learnt only from lines that follow a full line, which
    are wrapped lines; without any, single spacing (1.2 sizes) is assumed.
    """
    sizes: dict[float, int] = {}
    for page in pages:
        for line in page.lines:
            for tok in line.tokens:
                key = round(tok.size, 1)
                sizes[key] = sizes.get(key, 0) + len(tok.text)
    body = max(sizes.items(), key=lambda kv: (kv[1], -kv[0]))[0] if sizes else 11.0
    edges = _right_edges(pages)
    gaps: dict[float, list[float]] = {}
    samples: dict[tuple[int, float], list[tuple[float, float]]] = {}
    for page in pages:
        edge = edges[page.number]
        for a, b in zip(page.lines, page.lines[1:]):
            size = a.size
            gap = b.top - a.top
            full = a.x1 >= edge - 3 * size
            if full and abs(b.size - size) < 0.3 and 0.8 * size < gap < 3 * size:
                gaps.setdefault(size, []).append(gap)
                samples.setdefault((page.number, size), []).append((b.top, gap))
    pitch = {size: _smallest_common(values, size) for size, values in gaps.items()}
    return Metrics(body_size=body, right_edge=edges, pitch=pitch, samples=samples)


def _right_edges(pages: list[PageContent]) -> dict[int, float]:
    edges: dict[int, float] = {}
    for page in pages:
        if len(page.lines) >= 5:
            edges[page.number] = max(line.x1 for line in page.lines)
    everywhere = [ln for p in pages for ln in p.lines]
    fallback = median(edges.values()) if edges else max((ln.x1 for ln in everywhere), default=0.0)
    if everywhere and pages:
        left = min(ln.x0 for ln in everywhere)
        margins = pages[0].width - left  # the edge if the right margin equals the left one
        if fallback < left + 0.85 * (margins - left):
            fallback = margins
            edges = {n: max(x, margins) for n, x in edges.items()}
    for page in pages:
        edges.setdefault(page.number, fallback)
    return edges


def _smallest_common(values: list[float], size: float) -> float:
    """The line pitch inside paragraphs: the smallest gap that recurs (paragraph gaps are larger)."""
    bins: dict[float, int] = {}
    for v in values:
        key = round(v * 2) / 2
        bins[key] = bins.get(key, 0) + 1
    needed = max(2, len(values) // 10)
    for key in sorted(bins):
        near = sum(n for k, n in bins.items() if abs(k - key) <= 0.5)
        if near >= needed:
            return key
    return min(values) if values else 1.2 * size


def _space(size: float) -> float:
    return 0.28 * size


def tab_gap(tokens: list[Token]) -> bool:
    """Whether the first token is followed by more than a word space (a list number's tab)."""
    if len(tokens) < 2:
        return False
    gap = tokens[1].x0 - tokens[0].x1
    others = [b.x0 - a.x1 for a, b in zip(tokens[1:], tokens[2:]) if b.x0 - a.x1 > 0.08 * a.size]
    usual = median(others) if others else _space(tokens[0].size)
    return gap >= max(1.8 * _space(tokens[0].size), 1.5 * usual)


class _Assembler:
    def __init__(self, metrics: Metrics, keep: Keep):
        self.metrics = metrics
        self.keep = keep
        self.items: list[Block | TableBlock] = []
        self.current: Block | None = None
        self.last_text = ""
        self.table_at_page_end: TableBlock | None = None

    # -- lines ------------------------------------------------------------------------
    def heading_like(self, line: Line, kept: list[Token]) -> bool:
        size = max(t.size for t in kept)
        body = self.metrics.body_size
        return size >= body + 1.5 or (all(t.bold for t in kept) and size >= body - 0.5)

    def label_of(self, kept: list[Token], heading_like: bool) -> Label | None:
        label = parse_label(kept[0].text)
        if label is None or len(kept) == 1:
            # A lone "1.10" is a reference in a list (a redline's change summary), not a
            # clause: numbered paragraphs without text are rarer than such lists.
            return None
        if label.style == "bare" and not (heading_like or tab_gap(kept)):
            return None  # "24 hours" at the start of a line is text, "18  Device ..." a number
        return label

    def continues(self, block: Block, line: Line, kept: list[Token]) -> bool:
        prev = block.lines[-1]
        size = prev.size
        if line.page == prev.page:
            gap = line.top - prev.top
            pitch = self.metrics.line_pitch(size, line.page, line.top)
            if len(block.lines) >= 2 and block.lines[-2].page == prev.page:
                pitch = max(pitch, prev.top - block.lines[-2].top)  # the paragraph's own spacing
            if gap <= 0 or gap > pitch + 0.3 * size:
                return False
        elif line.page != prev.page + 1:
            return False
        if abs(line.size - size) > 1.0:
            return False
        if block.heading_like and kept and not self.heading_like(line, kept):
            return False
        x0 = (kept[0] if kept else line.tokens[0]).x0
        # Wrapped lines run back to the text column, or (with no hanging indent) to the label's.
        if x0 < min(block.label_x, block.text_x) - _X_TOLERANCE:
            return False
        room = self.metrics.edge(prev.page) - prev.x1
        return first_word_width(line.tokens) + _space(size) >= room - 1.0

    def add_line(self, line: Line) -> None:
        kept = [t for t in line.tokens if self.keep(t)]
        block = self.current
        if not kept:
            # Wholly deleted (or wholly inserted, in the other view): geometry only.
            if block is not None and self.continues(block, line, kept):
                block.lines.append(line)
            else:
                self.flush()
            return
        heading_like = self.heading_like(line, kept)
        label = self.label_of(kept, heading_like)
        cont = block is not None and self.continues(block, line, kept)
        if label is not None and (not cont or tab_gap(kept)):
            self.flush()
            after = line.tokens[line.tokens.index(kept[0]) + 1:]
            text_tokens = kept[1:]
            text_x = text_tokens[0].x0 if text_tokens else kept[0].x1 + _space(kept[0].size)
            # The label's slot is where the line starts: in a redline the other version's
            # number may stand before it ("(i)" struck, "(q)" inserted) in the same place.
            self.current = Block(
                label, line.x0, text_x, line.page, line.number, line.size, heading_like, [line], [after], self.keep,
                label_mark=kept[0].mark, label_right=kept[0].x1,
            )
        elif cont and block is not None:
            block.lines.append(line)
            block.pieces.append(line.tokens)
        else:
            self.flush()
            start = line.tokens.index(kept[0])
            self.current = Block(None, kept[0].x0, kept[0].x0, line.page, line.number, line.size, heading_like, [line], [line.tokens[start:]], self.keep)
        self.table_at_page_end = None

    def flush(self) -> None:
        if self.current is not None:
            self.items.append(self.current)
            text = self.current.text
            if text:
                self.last_text = text
            self.current = None

    # -- tables -----------------------------------------------------------------------
    def add_table(self, table: PageTable, first_on_page: bool) -> None:
        self.flush()
        rows = [[self.cell_text(c) for c in row if c is not None] for row in table.rows]
        previous = self.table_at_page_end
        if previous is not None and first_on_page and self._same_grid(previous.parts[-1], table):
            self._join(previous, table, rows)
            self.table_at_page_end = previous
            return
        line = next((n for n in table.row_lines if n), 1)
        sources = [(table.page, n or line) for n in table.row_lines]
        block = TableBlock(parts=[table], rows=rows, page=table.page, line=line, caption_candidate=self.last_text, row_sources=sources)
        self.items.append(block)
        self.table_at_page_end = block

    def cell_text(self, cell: list[Token]) -> str:
        return " ".join(join_tokens(cell, self.keep).split())

    @staticmethod
    def _same_grid(a: PageTable, b: PageTable) -> bool:
        if b.page != a.page + 1 or len(a.columns) != len(b.columns):
            return False
        return all(abs(x - y) <= 3.0 for x, y in zip(a.columns, b.columns))

    @staticmethod
    def _join(block: TableBlock, table: PageTable, rows: list[list[str]]) -> None:
        fallback = next((n for n in table.row_lines if n), 1)
        sources = [(table.page, n or fallback) for n in table.row_lines]
        if rows and block.rows and rows[0] == block.rows[0]:
            rows, sources = rows[1:], sources[1:]  # the header row the PDF repeats on every page
        if rows and block.rows:
            head, last = rows[0], block.rows[-1]
            if head and not head[0] and any(head[1:]) and len(head) == len(last):
                # A row the page break split: its first cell (the step number) stayed above.
                block.rows[-1] = [" ".join(f"{a} {b}".split()) for a, b in zip(last, head)]
                rows, sources = rows[1:], sources[1:]
        block.rows.extend(rows)
        block.row_sources.extend(sources)
        block.parts.append(table)


def assemble(pages: list[PageContent], metrics: Metrics, keep: Keep) -> list[Block | TableBlock]:
    """Paragraph blocks and tables in reading order."""
    asm = _Assembler(metrics, keep)
    for page in pages:
        items: list[tuple[float, int, Line | PageTable]] = [(ln.top, 1, ln) for ln in page.lines]
        items += [(tb.top, 0, tb) for tb in page.tables]
        items.sort(key=lambda it: (it[0], it[1]))
        for position, (_, _, item) in enumerate(items):
            if isinstance(item, PageTable):
                asm.add_table(item, first_on_page=position == 0)
            else:
                asm.add_line(item)
    asm.flush()
    _align_right_aligned_labels([it for it in asm.items if isinstance(it, Block) and it.label is not None])
    return asm.items


def _align_right_aligned_labels(blocks: list[Block]) -> None:
    """Give right-aligned numbers one indentation: "(i)" and "(viii)" drawn flush right (Word's
    lvlJc="right") start at different places but end at the same one, before the same text
    column. Labels of one family ("(i)" and "(viii)", not "18.5") sharing their right edge and
    text column while their left edges differ are such a list; each takes the group's leftmost
    start as its position."""
    groups: list[list[Block]] = []
    for block in sorted(blocks, key=lambda b: (b.label_right, b.text_x)):
        for group in groups:
            head = group[0]
            if head.label.family() == block.label.family() and abs(head.label_right - block.label_right) <= _X_TOLERANCE and abs(head.text_x - block.text_x) <= _X_TOLERANCE:
                group.append(block)
                break
        else:
            groups.append([block])
    for group in groups:
        left = min(b.label_x for b in group)
        if max(b.label_x for b in group) - left > _X_TOLERANCE:
            for b in group:
                b.label_x = left

"""One PDF page as the reader sees it: body lines, ruled tables and the line numbering.

Lines are numbered over everything printed on the page (running heads included), which is
what a reader counting lines on the page would get; table rows take the numbers of their
lines, and the body keeps only the lines outside the tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.readers.pdf.source import RawPage
from docgen.readers.pdf.tables import PageTable, build_table, column_edges, find_tables, inside
from docgen.readers.pdf.tokens import Line, group_lines, page_tokens


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    lines: list[Line]  # body lines: everything outside tables, top to bottom
    tables: list[PageTable] = field(default_factory=list)


def read_page(raw: RawPage) -> PageContent:
    """Tokens, visual lines and tables of one page."""
    tokens = page_tokens(raw)
    lines = group_lines(tokens, raw.number)
    line_of = {id(t): line.number for line in lines for t in line.tokens}
    tables: list[PageTable] = []
    if tokens:
        found = [t for t in find_tables(raw) if len(column_edges(t)) >= 2]
        for item in sorted(found, key=lambda t: (t.bbox[1], t.bbox[0])):
            tables.append(build_table(item, raw.number, tokens, line_of))
    if tables:
        in_table = {id(t) for t in tokens if any(inside(t, tb.bbox) for tb in tables)}
        body: list[Line] = []
        for line in lines:
            kept = [t for t in line.tokens if id(t) not in in_table]
            if kept:
                body.append(Line(page=raw.number, number=line.number, tokens=kept))
        lines = body
    return PageContent(number=raw.number, width=raw.width, height=raw.height, lines=lines, tables=tables)

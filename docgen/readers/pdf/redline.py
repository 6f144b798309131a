"""Reading a redlined PDF as either of its two versions.

A published redline marks deletions by striking characters through and insertions by
underlining them, both in a revision colour. Some text carries the revision colour
without a rule (a changed list number, a tool that relies on colour alone); it counts as
deleted or inserted only when that exact colour is seen on struck text and never on
underlined text, or the other way round. Colour alone is never trusted on its own: blue
underlined hyperlinks, red warnings and coloured headings exist in clean documents too.
LibreOffice draws the number of a changed list item in brackets and in a colour of its
own; such a label is a label, never a revision.

docgen's own publication redline opens with a change summary (`SUMMARY_HEADING` on the
first page, closed by a line opening with `SUMMARY_KEY`) before the document's cover page;
those pages describe the redline and are no part of either version, so they are dropped.
"""

from __future__ import annotations

from typing import Callable, Iterator

from docgen.readers.pdf.layout import PageContent
from docgen.readers.pdf.tokens import Token
from docgen.model import SUMMARY_HEADING, SUMMARY_KEY
from docgen.refs.patterns import BRACKETED_LABEL

VIEWS = ("new", "original")
_SUMMARY_PAGES_MAX = 50


def _tokens(pages: list[PageContent]) -> Iterator[Token]:
    for page in pages:
        for line in page.lines:
            yield from line.tokens
        for table in page.tables:
            for row in table.rows:
                for cell in row:
                    if cell:
                        yield from cell


def _revision_underline(tok: Token) -> bool:
    return tok.underlined and (tok.tint != "black" or tok.rule_tint != "black")


def settle_marks(pages: list[PageContent]) -> bool:
    """Give every token its mark ("", "deleted", "inserted"); True when the document is a redline."""
    deleted: set[tuple[float, float, float] | None] = set()
    inserted: set[tuple[float, float, float] | None] = set()
    evidence = False
    for tok in _tokens(pages):
        if tok.struck:
            evidence = True
            if tok.tint != "black":
                deleted.add(tok.rgb)
        elif _revision_underline(tok):
            if tok.tint != "black":
                inserted.add(tok.rgb)
            if "blue" not in (tok.tint, tok.rule_tint):  # blue underlines alone may be hyperlinks
                evidence = True
    if not evidence:
        return False
    only_deleted, only_inserted = deleted - inserted, inserted - deleted
    for tok in _tokens(pages):
        tok.mark = _mark(tok, only_deleted, only_inserted)
    return True


def _mark(tok: Token, deleted: set, inserted: set) -> str:
    if tok.struck:
        return "deleted"
    if _revision_underline(tok):
        return "inserted"
    if tok.tint == "black" or tok.underlined or BRACKETED_LABEL.match(tok.text):
        return ""
    if tok.rgb in deleted:
        return "deleted"
    if tok.rgb in inserted:
        return "inserted"
    return ""


def keeper(view: str) -> Callable[[Token], bool]:
    """The token filter for a view: the new version drops deletions, the original drops insertions."""
    dropped = "deleted" if view == "new" else "inserted"
    return lambda tok: tok.mark != dropped


def drop_change_summary(pages: list[PageContent]) -> int:
    """Empty the change-summary pages at the front of a publication redline; say how many.

    The summary is recognised by its heading on the first page and ends on the page of its
    key line; without both, nothing is dropped.
    """
    if not pages or not any(line.text.strip() == SUMMARY_HEADING for line in pages[0].lines):
        return 0
    for i, page in enumerate(pages[:_SUMMARY_PAGES_MAX]):
        if any(line.text.strip().startswith(SUMMARY_KEY) for line in page.lines):
            for dropped in pages[: i + 1]:
                dropped.lines = []
                dropped.tables = []
            return i + 1
    return 0

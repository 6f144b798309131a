"""Reading a redlined PDF as either of its two versions.

A published redline marks deletions by striking characters through and insertions by
underlining them, both in a revision colour. Some text carries the revision colour
without a rule (a changed list number, a tool that relies on colour alone); it counts as
deleted or inserted only when that exact colour is seen on struck text and never on
underlined text, or the other way round. Colour alone is never trusted on its own: blue
underlined hyperlinks, red warnings and coloured headings exist in clean documents too.
LibreOffice draws the number of a changed list item in brackets and in a colour of its
own; such a label is a label, never a revision.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

from docgen.readers.pdf_layout import PageContent
from docgen.readers.pdf_tokens import Token

VIEWS = ("new", "original")
_BRACKETED_LABEL = re.compile(r"^\[[^\]]+\]$")


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
    if tok.tint == "black" or tok.underlined or _BRACKETED_LABEL.match(tok.text):
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

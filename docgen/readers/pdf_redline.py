"""Reading a redlined PDF as either of its two versions.

A published redline marks deletions by striking characters through and insertions by
underlining them, both in a revision colour; some tools rely on colour alone (red for
deleted, blue for inserted). Colour alone is trusted only once the document shows real
revision marks, because blue underlined hyperlinks and red warnings exist in clean
documents too. LibreOffice also draws the number of a changed list item in brackets and
in a colour of its own; such a label is a label, never an insertion.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

from docgen.readers.pdf_layout import PageContent, Token

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
    evidence = False
    for tok in _tokens(pages):
        if tok.struck or (_revision_underline(tok) and "blue" not in (tok.tint, tok.rule_tint)):
            evidence = True
            break
    if not evidence:
        return False
    for tok in _tokens(pages):
        tok.mark = _mark(tok)
    return True


def _mark(tok: Token) -> str:
    if tok.struck:
        return "deleted"
    if _revision_underline(tok):
        return "inserted"
    if tok.underlined or _BRACKETED_LABEL.match(tok.text):
        return ""
    if tok.tint == "red":
        return "deleted"
    if tok.tint in ("blue", "colour"):
        return "inserted"
    return ""


def keeper(view: str) -> Callable[[Token], bool]:
    """The token filter for a view: the new version drops deletions, the original drops insertions."""
    dropped = "deleted" if view == "new" else "inserted"
    return lambda tok: tok.mark != dropped

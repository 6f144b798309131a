"""The author's Markdown prose, poured into a Word sub-document of the consultation.

Authors write the introduction and each topic's explanation in Markdown files the pack
names, because prose reviewed in a pull request is easier to keep right than prose pasted
into Word. markdown-it-py (already installed with rich) parses it; this module maps the
few constructs consultations use onto the template's own styles, so restyling the template
restyles the prose: paragraphs, headings (one level below the section they sit in),
bullet and numbered lists, block quotes (quoted clause text), simple pipe tables, and
bold, italic, strike-through, code and links inside a line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

HEADING_STYLES = ("Heading 3", "Heading 4", "Heading 4", "Heading 4", "Heading 4", "Heading 4")


@dataclass
class _Inline:
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False


class BeforeParagraph:
    """Adds paragraphs and tables just before an anchor paragraph of a python-docx document:
    the place a marker left by the template. (docxtpl's sub-documents would need
    docxcompose; the prose needs nothing it offers beyond this.)"""

    def __init__(self, document: Any, anchor: Any):
        self.document = document
        self.anchor = anchor

    def add_paragraph(self, text: str = "", style: str | None = None) -> Any:
        return self.anchor.insert_paragraph_before(text, style=style)

    def add_table(self, rows: int, cols: int) -> Any:
        table = self.document.add_table(rows=rows, cols=cols)
        self.anchor._p.addprevious(table._tbl)
        return table


def replace_markers(document: Any, texts: dict[str, str]) -> int:
    """Every paragraph whose whole text is a key of `texts` becomes that Markdown, rendered."""
    done = 0
    for paragraph in list(document.paragraphs):
        key = paragraph.text.strip()
        if key not in texts:
            continue
        render_markdown(BeforeParagraph(document, paragraph), texts[key])
        paragraph._p.getparent().remove(paragraph._p)
        done += 1
    return done


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def render_markdown(subdoc: Any, text: str) -> None:
    """Append the Markdown `text` to a python-docx (sub)document."""
    tokens = parser().parse(text)
    lists: list[str] = []  # "bullet" / "ordered", innermost last
    quote = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            level = int(tok.tag[1:])
            p = subdoc.add_paragraph(style=HEADING_STYLES[min(level, len(HEADING_STYLES)) - 1])
            _inline(p, tokens[i + 1])
            i += 3
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            lists.append("bullet" if tok.type.startswith("bullet") else "ordered")
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "blockquote_open":
            quote += 1
        elif tok.type == "blockquote_close":
            quote -= 1
        elif tok.type == "paragraph_open":
            style = None
            if lists:
                style = "List Bullet" if lists[-1] == "bullet" else "List Number"
                if len(lists) > 1:
                    style += " 2"
            elif quote:
                style = "Quote"
            p = subdoc.add_paragraph(style=style) if style else subdoc.add_paragraph()
            _inline(p, tokens[i + 1])
            i += 3
            continue
        elif tok.type == "table_open":
            i = _table(subdoc, tokens, i)
            continue
        elif tok.type in ("fence", "code_block"):
            p = subdoc.add_paragraph(style="Quote")
            p.add_run(tok.content.rstrip("\n"))
        i += 1


def _inline(paragraph: Any, token: Token, base: _Inline | None = None) -> None:
    state = _Inline(**vars(base)) if base else _Inline()
    href: str | None = None
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            _run(paragraph, child.content, state)
        elif kind == "code_inline":
            _run(paragraph, child.content, _Inline(state.bold, state.italic, state.strike, True))
        elif kind in ("softbreak",):
            _run(paragraph, " ", state)
        elif kind == "hardbreak":
            paragraph.add_run().add_break()
        elif kind == "strong_open":
            state.bold = True
        elif kind == "strong_close":
            state.bold = False
        elif kind == "em_open":
            state.italic = True
        elif kind == "em_close":
            state.italic = False
        elif kind == "s_open":
            state.strike = True
        elif kind == "s_close":
            state.strike = False
        elif kind == "link_open":
            href = str(child.attrGet("href") or "")  # the text stays; the address follows it
        elif kind == "link_close":
            if href and not href.startswith("mailto:") and href not in paragraph.text:
                _run(paragraph, f" ({href})", state)
            href = None
        elif kind == "html_inline":
            continue


def _run(paragraph: Any, text: str, state: _Inline) -> None:
    if not text:
        return
    run = paragraph.add_run(text)
    run.bold = state.bold or None
    run.italic = state.italic or None
    if state.strike:
        run.font.strike = True
    if state.code:
        run.font.name = "Courier New"


def _table(subdoc: Any, tokens: list[Token], i: int) -> int:
    """A pipe table: header row bold, one Word row per Markdown row."""
    rows: list[list[Token]] = []
    header_rows = 0
    in_head = False
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            rows.append([])
            if in_head:
                header_rows += 1
        elif tok.type == "inline":
            rows[-1].append(tok)
        i += 1
    width = max((len(r) for r in rows), default=0)
    if width:
        table = subdoc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, cell_token in enumerate(row):
                paragraph = table.rows[r].cells[c].paragraphs[0]
                _inline(paragraph, cell_token, _Inline(bold=r < header_rows))
    return i + 1

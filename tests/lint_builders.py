"""Small Word documents for the lint, renumber and fix tests, numbered the way the S1SR is.

One abstractNum: level 0 is the Heading1 style ("18"), level 1 the clauses ("18.5"),
level 2 the items ("(p)"), level 3 the sub-items ("(i)"), level 4 the sub-sub-items ("(A)").
A test lists its paragraphs as (kind, text) pairs, so the document reads like the clause
outline it stands for; a third element names the paragraph's own bookmark. In a text,
"[REF name|18.5(c)]" is a Word REF field to the bookmark `name` with the cached result
"18.5(c)". This is the one builder of such outlines (synth.docx writes the XML).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from docgen.model import Document, Matrix, MatrixRow
from docgen.readers import read_document
from synth.docx import DocxBuilder, Level

# Paragraph kinds: "h" section heading, "c" clause, "i" item, "s" sub-item, "ss" sub-sub-item
# (all automatic), "t" typed text with its number in it ("20.5A\tText", "(c)\tText"), "p"
# plain paragraph, "annex" an unnumbered Annex heading, "caption" a table caption, "table"
# rows as "a|b" lines, "styled" an item numbered through its paragraph style, "indented" an
# item with a direct indent on the paragraph.
Para = tuple[str, ...]
ILVL = {"h": 0, "c": 1, "i": 2, "s": 3, "ss": 4}
_FIELD = re.compile(r"\[REF (?P<name>\w+)\|(?P<result>[^\]]+)\]")
_LEVELS = (
    Level(0, "decimal", "%1", pstyle="Heading1"),
    Level(1, "decimal", "%1.%2", indent_left=0),
    Level(2, "lowerLetter", "(%3)", indent_left=720),
    Level(3, "lowerRoman", "(%4)", indent_left=1440),
    Level(4, "upperLetter", "(%5)", indent_left=2160),
)


def build_docx(paras: Sequence[Para], path: Path, *, first_section: int = 1, title: str = "Test Appendix", levels: int = 5) -> Path:
    b = DocxBuilder(title=title)
    b.abstract_num(1, list(_LEVELS[:levels]))
    b.num(1, 1, {0: first_section} if first_section != 1 else None)
    b.style("Heading1", "heading 1", based_on="Normal", num_id=1, bold=True)
    if any(para[0] == "styled" for para in paras):
        b.style("ItemStyle", "Item", based_on="Normal", num_id=1, ilvl=2)
    for para in paras:
        kind, text = para[0], para[1]
        bookmark = para[2] if len(para) > 2 else None
        runs = _runs(text)
        if kind == "h":
            b.paragraph(text, style="Heading1")
        elif kind in ILVL:
            b.paragraph(text if runs is None else "", num_id=1, ilvl=ILVL[kind], runs=runs, bookmark=bookmark)
        elif kind in ("t", "p"):
            b.paragraph(text if runs is None else "", runs=runs)
        elif kind == "styled":
            b.paragraph(text, style="ItemStyle", bookmark=bookmark)
        elif kind == "indented":
            b.raw_body_xml(
                '<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr>'
                f'<w:ind w:left="720" w:hanging="567"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
            )
        elif kind == "annex":
            b.paragraph(text, style="Heading1", num_id=0)
        elif kind == "table":
            b.table([cells.split("|") for cells in text.split("\n")])
        elif kind == "caption":
            b.paragraph(text, style="Caption")
        else:
            raise ValueError(f"unknown paragraph kind {kind!r}")
    b.save(path)
    return path


def _runs(text: str) -> list[tuple[str, dict]] | None:
    """The runs of a text holding "[REF name|result]" fields; None for plain text."""
    if not _FIELD.search(text):
        return None
    runs: list[tuple[str, dict]] = []
    at = 0
    for m in _FIELD.finditer(text):
        if m.start() > at:
            runs.append((text[at : m.start()], {}))
        runs.append((m.group("result"), {"field": f"REF {m.group('name')} \\w \\h"}))
        at = m.end()
    if at < len(text):
        runs.append((text[at:], {}))
    return runs


def doc_from(paras: Sequence[Para], tmp_path: Path, name: str = "doc.docx", **kw) -> Document:
    return read_document(build_docx(paras, tmp_path / name, **kw))


def matrix(*rows: tuple[str, str, str], source: str = "dmves.xlsx") -> Matrix:
    """Rows as (ref, device model, SRV); cells A5, A6, ... on sheet 'ESME'."""
    return Matrix(
        source=source,
        format="xlsx",
        rows=[
            MatrixRow(ref=ref, ref_as_written=ref, device_models=[dev] if dev else [], srv=[srv] if srv else [], sheet="ESME", cell=f"A{5 + i}", row=5 + i)
            for i, (ref, dev, srv) in enumerate(rows)
        ],
    )


def refs(doc: Document) -> list[str]:
    return [c.ref for c in doc.clauses]


def refs_and_texts(doc: Document) -> list[tuple[str, str]]:
    return [(c.ref, c.text) for c in doc.clauses]


def small_list_doc(path: Path, items: list[str]) -> Path:
    """A small Word-numbered document: heading 1, lead-in 1.1, then `items` as (a), (b), ..."""
    b = DocxBuilder(title="Small")
    b.abstract_num(1, [Level(0, "decimal", "%1"), Level(1, "decimal", "%1.%2"), Level(2, "lowerLetter", "(%3)")])
    b.num(1, 1)
    b.paragraph("Behaviours", num_id=1, ilvl=0)
    b.paragraph("The following apply:", num_id=1, ilvl=1)
    for text in items:
        b.paragraph(text, num_id=1, ilvl=2)
    b.save(path)
    return path

"""Small Word documents for the lint tests, numbered the way the S1SR is.

One abstractNum: level 0 is the Heading1 style ("18"), level 1 the clauses ("18.5"),
level 2 the items ("(p)"), level 3 the sub-items ("(i)"). A test lists its paragraphs as
(kind, text) pairs, so the document reads like the clause outline it stands for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from docgen.model import Document, Matrix, MatrixRow
from docgen.readers import read_document
from synth.docx import DocxBuilder, Level

# Paragraph kinds: "h" section heading, "c" clause, "i" item, "s" sub-item (all automatic),
# "t" typed text with its number in it ("20.5A\tText", "(c)\tText"), "p" plain paragraph,
# "annex" an unnumbered Annex heading, "caption" a table caption, "table" rows as "a|b" lines.
Para = tuple[str, str]
_ILVL = {"h": 0, "c": 1, "i": 2, "s": 3}


def build_docx(paras: Sequence[Para], path: Path, *, first_section: int = 1, title: str = "Test Appendix") -> Path:
    b = DocxBuilder(title=title)
    b.abstract_num(
        1,
        [
            Level(0, "decimal", "%1", pstyle="Heading1"),
            Level(1, "decimal", "%1.%2", indent_left=0),
            Level(2, "lowerLetter", "(%3)", indent_left=720),
            Level(3, "lowerRoman", "(%4)", indent_left=1440),
        ],
    )
    b.num(1, 1, {0: first_section} if first_section != 1 else None)
    b.style("Heading1", "heading 1", based_on="Normal", num_id=1, bold=True)
    for kind, text in paras:
        if kind == "h":
            b.paragraph(text, style="Heading1")
        elif kind in _ILVL:
            b.paragraph(text, num_id=1, ilvl=_ILVL[kind])
        elif kind == "t":
            b.paragraph(text)
        elif kind == "p":
            b.paragraph(text)
        elif kind == "annex":
            b.paragraph(text, style="Heading1", num_id=0)
        elif kind == "table":
            rows = [cells.split("|") for cells in text.split("\n")]
            b.table(rows)
        elif kind == "caption":
            b.paragraph(text, style="Caption")
        else:
            raise ValueError(f"unknown paragraph kind {kind!r}")
    b.save(path)
    return path


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

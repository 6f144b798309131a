"""PDFs made by LibreOffice from documents built here read back as their .docx does.

Three layouts the reader used to get wrong, each a small document written by DocxBuilder,
all converted in one soffice run:
- clauses that each open a page, under a running header, whose continuation lines repeat
  word for word at the same height on every page: running headers and footers are found
  only in the margin bands, never among body lines;
- clause numbers with a section letter, "A1.13", as SEC Section A numbers its clauses;
- numbers drawn flush right (lvlJc="right"), so "(viii)" starts left of "(i)".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen import soffice
from docgen.limits import Limits
from docgen.readers.docx import read_docx
from docgen.readers.pdf import read_pdf
from docgen.readers.pdf.labels import parse_label
from synth.docx import DocxBuilder, Level

pytestmark = pytest.mark.skipif(not soffice.available(), reason="LibreOffice (soffice) is not installed; .ci/run installs it")

BOILERPLATE = (
    "the Device shall respond to the Service Request Variant in accordance with GBCS except as set out "
    "in this clause, and the DCC shall not be liable for any difference in behaviour that results from "
    "the firmware version installed on the Device"
)


def clauses_opening_pages() -> DocxBuilder:
    """An S1SR-like section: every clause starts a page and wraps over the same three lines."""
    b = DocxBuilder(title="SMETS1 Supporting Requirements")
    b.header_footer("SEC Appendix AM - SMETS1 Supporting Requirements", "Page {PAGE}")
    b.abstract_num(1, [
        Level(0, "decimal", "%1", indent_left=720),
        Level(1, "decimal", "%1.%2", indent_left=720),
        Level(2, "lowerLetter", "(%3)", indent_left=1440),
    ])
    b.num(1, 1)
    b.paragraph("Device Specific Behaviours", num_id=1, ilvl=0)
    for i in range(8):
        b.paragraph(f"For Device Model {i + 1}, {BOILERPLATE}.", num_id=1, ilvl=1, page_break_before=i > 0)
        b.paragraph(f"The Device Model {i + 1} exception applies.", num_id=1, ilvl=2)
    return b


def _level(ilvl: int, fmt: str, text: str, jc: str, left: int, hanging: int) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="{jc}"/><w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
    )


def prefixed_and_right_aligned() -> DocxBuilder:
    """Section A style: "A1 DEFINITIONS", "A1.13 ...", and flush-right roman items under A1.13."""
    b = DocxBuilder(title="SEC Section A")
    b.raw_numbering_xml(
        '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>'
        + _level(0, "decimal", "A%1", "left", 720, 720)
        + _level(1, "decimal", "A%1.%2", "left", 720, 720)
        + _level(2, "lowerRoman", "(%3)", "right", 1440, 360)
        + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    b.paragraph("DEFINITIONS", num_id=1, ilvl=0)
    for k in range(1, 15):
        b.paragraph(f"Defined term number {k} means what this clause says it means.", num_id=1, ilvl=1)
        if k == 13:
            for j in range(1, 10):
                b.paragraph(f"the sub-item {j} of the definition;", num_id=1, ilvl=2)
    b.paragraph("INTERPRETATION", num_id=1, ilvl=0)
    b.paragraph("Words in the singular include the plural.", num_id=1, ilvl=1)
    return b


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    work = tmp_path_factory.mktemp("pdf-furniture")
    docs = {"opening-pages": clauses_opening_pages(), "section-a": prefixed_and_right_aligned()}
    paths = []
    for name, builder in docs.items():
        builder.save(work / f"{name}.docx")
        paths.append(work / f"{name}.docx")
    pdfs = soffice.convert(paths, "pdf", work / "pdf", timeout=600)
    return {name: (pdf, docx) for name, pdf, docx in zip(docs, pdfs, paths)}


def both(converted, name: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    pdf, docx = converted[name]
    from_pdf = [(c.ref, c.text) for c in read_pdf(pdf, limits=Limits()).clauses]
    from_docx = [(c.ref, c.text) for c in read_docx(docx).clauses]
    return from_pdf, from_docx


def test_a_clause_opening_a_page_keeps_lines_that_repeat_on_other_pages(converted):
    from_pdf, from_docx = both(converted, "opening-pages")
    assert len(from_docx) == 17
    assert from_pdf == from_docx
    pdf, _ = converted["opening-pages"]
    text = " ".join(p.text for p in read_pdf(pdf, limits=Limits()).paragraphs)
    assert "SEC Appendix AM" not in text and "Page " not in text  # the header and footer still go


def test_prefixed_and_right_aligned_labels_are_read(converted):
    from_pdf, from_docx = both(converted, "section-a")
    assert [ref for ref, _ in from_docx][:3] == ["A1", "A1.1", "A1.2"]
    assert "A1.13(viii)" in [ref for ref, _ in from_docx]
    assert from_pdf == from_docx


@pytest.mark.parametrize(("token", "style", "core"), [
    ("A2.13", "dotted", "A2.13"), ("A2.13.", "dotted", "A2.13"), ("X5.6", "dotted", "X5.6"),
    ("AB1.2", "dotted", "AB1.2"), ("A2", "bare", "A2"),
])
def test_prefixed_clause_numbers_are_labels(token, style, core):
    label = parse_label(token)
    assert label is not None and (label.style, label.core) == (style, core)
    assert label.candidates[0][1] == int(core.rsplit(".", 1)[-1].lstrip("ABX"))


@pytest.mark.parametrize("token", ["SRV4.8", "a2.13", "A2.x", "GBCS"])
def test_words_like_prefixed_numbers_are_not_labels(token):
    assert parse_label(token) is None

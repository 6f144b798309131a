"""Content controls around rows or cells: edits inside them are tracked, not copied from NEW.

A repeating-section content control holds table rows, and a control can wrap one cell; the
rows and cells inside are the table's own, so the walk every reader and writer shares
(`docgen.ooxml.body.iter_paragraphs`) must find their paragraphs, or the redline copies NEW's
text untracked and rejecting it shows NEW. Each pair is written by hand and its redline held
to the independent checker (tests/corpus/checker.py): accept-all gives NEW, reject-all OLD.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from corpus import checker
from corpus.wml import Doc, p, r
from docgen.readers.docx import read_docx
from docgen.transforms.compare import compare
from docgen.writers.redline_docx import write_redline


def cell(*texts: str) -> str:
    return '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>' + "".join(p(r(t)) for t in texts) + "</w:tc>"


def row(*cells: str) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def control(inner: str, alias: str = "Responses") -> str:
    return f'<w:sdt><w:sdtPr><w:alias w:val="{alias}"/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>'


def table(*rows: str) -> str:
    grid = '<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>'
    return f'<w:tbl><w:tblPr><w:tblW w:w="4000" w:type="dxa"/></w:tblPr>{grid}{"".join(rows)}</w:tbl>'


def doc(*rows: str) -> Doc:
    return Doc([p(r("Before the table.")), table(row(cell("Question"), cell("Answer")), *rows), p(r("After the table."))])


def repeating(*pairs: tuple[tuple[str, ...], str]) -> str:
    """A repeating-section control holding one row per pair: (first cell's paragraphs, second cell)."""
    return control("".join(row(cell(*first), cell(second)) for first, second in pairs))


PAIRS = {
    "word replaced in a row control": (doc(repeating((("old answer",), "b"))), doc(repeating((("new answer",), "b")))),
    "paragraph added in a row control": (doc(repeating((("one",), "b"))), doc(repeating((("one", "two"), "b")))),
    "paragraph deleted in a row control": (doc(repeating((("one", "two"), "b"))), doc(repeating((("one",), "b")))),
    "row added in a repeating section": (doc(repeating((("a",), "b"))), doc(repeating((("a",), "b"), (("c",), "d")))),
    "row deleted in a repeating section": (doc(repeating((("a",), "b"), (("c",), "d"))), doc(repeating((("a",), "b")))),
    "word replaced in a cell control": (doc(row(cell("x"), control(cell("old text")))), doc(row(cell("x"), control(cell("new text"))))),
    "paragraph added in a cell control": (doc(row(cell("x"), control(cell("one")))), doc(row(cell("x"), control(cell("one", "two"))))),
    "edit after a row control": (doc(repeating((("a",), "b")), row(cell("c"), cell("old"))), doc(repeating((("a",), "b")), row(cell("c"), cell("new")))),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_edits_inside_row_and_cell_controls_are_tracked(tmp_path: Path, name: str):
    old_doc, new_doc = PAIRS[name]
    old, new = old_doc.save(tmp_path / "old.docx"), new_doc.save(tmp_path / "new.docx")
    red = write_redline(compare(read_docx(old), read_docx(new)), author="t", date="2025-05-02T09:30:00Z")
    assert checker.check_redline(red, old.read_bytes(), new.read_bytes()).all() == []


def test_the_reader_sees_the_paragraphs_of_rows_and_cells_held_in_controls(tmp_path: Path):
    path = doc(repeating((("in a repeating section",), "beside it")), row(cell("x"), control(cell("in a cell control")))).save(tmp_path / "d.docx")
    texts = [para.text for para in read_docx(path).paragraphs]
    assert {"in a repeating section", "beside it", "in a cell control"} <= set(texts)


def test_a_cell_deletion_pending_in_both_versions_is_not_carried_into_the_redline(tmp_path: Path):
    """The redline compares the versions as accepted: a w:cellDel pending in OLD (and kept in
    NEW) is not part of either, so rejecting the redline must not bring the cell back."""
    pending = '<w:cellDel w:id="90" w:author="A" w:date="2024-01-01T00:00:00Z"/>'
    gone = f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>{pending}</w:tcPr>{p(r("withdrawn"))}</w:tc>'

    def version(last: str) -> Doc:
        return Doc([table(row(cell("a"), gone, cell("c"))), p(r(last))])

    old, new = version("old ending").save(tmp_path / "old.docx"), version("new ending").save(tmp_path / "new.docx")
    assert "withdrawn" not in [para.text for para in read_docx(old).paragraphs]
    red = write_redline(compare(read_docx(old), read_docx(new)), author="t", date="2025-05-02T09:30:00Z")
    with zipfile.ZipFile(io.BytesIO(red)) as z:
        body = z.read("word/document.xml")
    assert b"cellDel" not in body and b"withdrawn" not in body

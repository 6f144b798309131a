"""Edits in hidden text (`w:vanish`) are tracked by the redline.

Comparison skips hidden runs on purpose (a reader does not see them), but a redline that
copied NEW's hidden text untracked would not give OLD back when rejected. The documents are
built with python-docx (a body paragraph, a table cell, a header) and by hand, and each
redline is held to the independent checker: accept-all gives NEW, reject-all gives OLD.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from corpus import checker
from corpus.wml import Doc, p, r
from docgen.readers.docx import read_docx
from docgen.transforms.compare import compare
from docgen.writers.redline_docx import write_redline

HIDE = "<w:vanish/>"


def redline_report(old: Path, new: Path) -> list[str]:
    red = write_redline(compare(read_docx(old), read_docx(new)), author="t", date="2025-05-02T09:30:00Z")
    return checker.check_redline(red, old.read_bytes(), new.read_bytes()).all()


def python_docx(path: Path, hidden: str, *, where: str) -> Path:
    """A paragraph "Visible text" followed by a hidden run, in the body, a cell or the header."""
    document = docx.Document()
    document.add_paragraph("Opening paragraph.")
    if where == "body":
        para = document.add_paragraph("Visible text ")
    elif where == "cell":
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "left"
        para = table.cell(0, 1).paragraphs[0]
        para.add_run("Visible text ")
    else:
        para = document.sections[0].header.paragraphs[0]
        para.add_run("Visible text ")
    if hidden:
        para.add_run(hidden).font.hidden = True
    document.add_paragraph("Closing paragraph.")
    document.save(str(path))
    return path


@pytest.mark.parametrize("where", ["body", "cell", "header"])
@pytest.mark.parametrize(
    ("old_hidden", "new_hidden"),
    [("drafting note one", "drafting note two"), ("", "added note"), ("removed note", "")],
    ids=["replaced", "added", "removed"],
)
def test_an_edit_in_hidden_text_is_tracked(tmp_path: Path, where: str, old_hidden: str, new_hidden: str):
    old = python_docx(tmp_path / "old.docx", old_hidden, where=where)
    new = python_docx(tmp_path / "new.docx", new_hidden, where=where)
    assert redline_report(old, new) == []


def test_text_hidden_or_shown_is_a_formatting_change_and_a_visible_edit_beside_it_still_tracks(tmp_path: Path):
    old = Doc([p(r("Shown "), r("secret", HIDE)), p(r("old words "), r("kept hidden", HIDE))]).save(tmp_path / "old.docx")
    new = Doc([p(r("Shown "), r("secret")), p(r("new words "), r("kept hidden", HIDE))]).save(tmp_path / "new.docx")
    assert redline_report(old, new) == []

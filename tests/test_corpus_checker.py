"""The corpus checker itself: it passes a correct redline and catches each way one can be wrong.

The redlines here are tracked by hand, the way Word writes revisions, so the checker is tested
without docgen: a correct one must give no problem, and each broken variant (an untracked
footnote or header, a text box whose fallback disagrees, a missing image, OLD's numbering lost)
must be reported in the story where it is.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from corpus import checker, constructs
from corpus.tracked import TRACKED
from corpus.wml import Doc, p

CORPUS = Path(__file__).with_name("corpus")
REV = 'w:author="Reviewer" w:date="2025-01-01T00:00:00Z"'

def check(redline: Doc, old: Doc, new: Doc) -> checker.Report:
    return checker.check_redline(redline.to_bytes(), old.to_bytes(), new.to_bytes())


# --------------------------------------------------------------------------- correct redlines pass
@pytest.mark.parametrize("name", sorted(TRACKED))
def test_a_correctly_tracked_redline_passes(name):
    old, new, redline = TRACKED[name]()
    assert check(redline, old, new).all() == []


def test_the_hand_tracked_redlines_really_track_a_change():
    for name, build in TRACKED.items():
        old, new, redline = build()
        pkg = checker.Package.read(redline.to_bytes())
        assert checker.snapshot(checker.accept_all(pkg)).stories != checker.snapshot(checker.reject_all(pkg)).stories, name


# --------------------------------------------------------------------------- wrong redlines are caught
@pytest.mark.parametrize(
    ("construct", "story"),
    [
        ("footnote_text_changed", "footnotes"),
        ("endnote_text_changed", "endnotes"),
        ("footer_changed", "section 1 footer default"),
        ("header_changed", "section 1 header default"),
        ("textbox_edited", "textbox 1"),
        ("equation_changed", "body"),
        ("picture_replaced", "body"),
        ("numbering_legal_changed", "body"),
        ("nbsp_to_space", "body"),
        ("nested_table_changed", "body"),
    ],
)
def test_an_untracked_change_is_reported_in_its_story(construct, story):
    """NEW handed in as its own 'redline' accepts to NEW but cannot reject to OLD."""
    old, new = constructs.CONSTRUCTS[construct]()
    report = check(new, old, new)
    assert report.accept == []
    assert report.reject, f"{construct}: the checker missed an untracked change"
    assert any(problem.startswith(f"reject-all vs OLD, {story}:") for problem in report.reject), report.reject


def test_a_text_box_whose_fallback_disagrees_is_reported():
    old, new = constructs.textbox_edited()
    tail = "devices only.</w:t></w:r></w:p></w:txbxContent></v:textbox>"
    body = [x.replace("FOC and MOC " + tail, "FOC " + tail) for x in new.body]
    assert body != new.body
    report = checker.check_redline(Doc(body).to_bytes(), old.to_bytes(), new.to_bytes())
    assert any("mc:Fallback" in problem for problem in report.integrity), report.integrity


def test_a_reference_to_a_missing_part_is_reported():
    old, new = constructs.picture_added()
    pkg = checker.Package.read(new.to_bytes())
    del pkg.parts["word/media/rIdPic1.png"]
    problems = checker.integrity(pkg)
    assert any("rIdPic1" in problem and "missing" in problem for problem in problems), problems
    pkg.parts["word/_rels/document.xml.rels"] = pkg.parts["word/_rels/document.xml.rels"].replace(b'Id="rIdPic1"', b'Id="rIdOther"')
    problems = checker.integrity(pkg)
    assert any("r:embed='rIdPic1'" in problem for problem in problems), problems


def test_a_smartart_without_its_drawing_relationship_is_reported():
    old, _ = constructs.smartart_deleted()
    pkg = checker.Package.read(old.to_bytes())
    assert checker.integrity(pkg) == []
    rels = pkg.parts["word/_rels/document.xml.rels"]
    pkg.parts["word/_rels/document.xml.rels"] = rels.replace(b'Id="rIdDd1"', b'Id="rIdGone"')
    assert any("relId 'rIdDd1'" in problem for problem in checker.integrity(pkg))


def test_a_deleted_paragraph_mark_joins_paragraphs_on_accept_and_not_on_reject():
    redline = Doc([f'<w:p><w:pPr><w:rPr><w:del w:id="1" {REV}/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">One </w:t></w:r></w:p>', p("two.")])
    pkg = checker.Package.read(redline.to_bytes())
    assert [line.text for line in checker.snapshot(checker.accept_all(pkg)).stories["body"]] == ["One two."]
    assert [line.text for line in checker.snapshot(checker.reject_all(pkg)).stories["body"]] == ["One ", "two."]


# --------------------------------------------------------------------------- its own numbering renderer
@pytest.mark.parametrize(
    ("value", "fmt", "label"),
    [(1, "decimal", "1"), (27, "lowerLetter", "aa"), (3, "upperLetter", "C"), (14, "lowerRoman", "xiv"), (1994, "upperRoman", "MCMXCIV")],
)
def test_numbers_render_as_word_draws_them(value, fmt, label):
    assert checker.render_number(value, fmt) == label


def test_list_labels_follow_levels_and_legal_numbering():
    old, new = constructs.numbering_legal_changed()
    labels = lambda doc: [line.label for line in checker.snapshot(checker.Package.read(doc.to_bytes())).stories["body"] if line.ilvl is not None]  # noqa: E731
    assert labels(old) == ["Article I", "(a)", "(b)", "Article II", "(a)"]
    assert labels(new) == ["Article I", "1.1", "1.2", "Article II", "2.1"]


def test_the_checker_shares_no_code_with_docgen():
    for path in CORPUS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n == "docgen" or n.startswith("docgen.") for n in names), f"{path.name} imports docgen"

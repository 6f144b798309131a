"""Accepting and rejecting tracked changes written by Word (or anyone), one rule at a time."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docgen.readers.docx import read_docx
from docgen.synth.docx import DocxBuilder, Level
from docgen.transforms.revisions import accept_all, accept_tree, package_bytes, read_parts, reject_all, reject_tree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REV = 'w:author="A" w:date="2024-01-01T00:00:00Z"'


def body(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W}">{xml}</w:body>')


def texts(root: etree._Element) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in root.iter(f"{{{W}}}p")]


def test_run_insertions_and_deletions():
    xml = f'<w:p><w:r><w:t>keep </w:t></w:r><w:del w:id="1" {REV}><w:r><w:delText>old</w:delText></w:r></w:del><w:ins w:id="2" {REV}><w:r><w:t>new</w:t></w:r></w:ins></w:p>'
    accepted, rejected = body(xml), body(xml)
    assert accept_tree(accepted) and reject_tree(rejected)
    assert texts(accepted) == ["keep new"] and texts(rejected) == ["keep old"]
    assert not list(rejected.iter(f"{{{W}}}delText"))


def test_moves_accept_at_the_destination_and_reject_at_the_source():
    xml = (
        f'<w:p><w:moveFromRangeStart w:id="5" {REV} w:name="move1"/><w:moveFrom w:id="6" {REV}><w:r><w:t>moved</w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="5"/></w:p>'
        f'<w:p><w:r><w:t>middle</w:t></w:r></w:p>'
        f'<w:p><w:moveToRangeStart w:id="7" {REV} w:name="move1"/><w:moveTo w:id="8" {REV}><w:r><w:t>moved</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="7"/></w:p>'
    )
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert texts(accepted) == ["", "middle", "moved"] and texts(rejected) == ["moved", "middle", ""]
    assert not [e for e in accepted.iter() if "Range" in str(e.tag)]


def test_a_removed_paragraph_mark_joins_the_paragraph_to_the_next_which_keeps_its_properties():
    xml = (
        f'<w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:del w:id="1" {REV}/></w:rPr></w:pPr><w:r><w:t>first half </w:t></w:r></w:p>'
        f'<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>second half</w:t></w:r></w:p>'
    )
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert texts(accepted) == ["first half second half"]
    assert accepted.find(f"{{{W}}}p/{{{W}}}pPr/{{{W}}}jc").get(f"{{{W}}}val") == "right"
    assert texts(rejected) == ["first half ", "second half"]


def test_an_inserted_paragraph_is_gone_when_rejected():
    xml = (
        f'<w:p><w:r><w:t>one</w:t></w:r></w:p>'
        f'<w:p><w:pPr><w:rPr><w:ins w:id="1" {REV}/></w:rPr></w:pPr><w:ins w:id="2" {REV}><w:r><w:t>added</w:t></w:r></w:ins></w:p>'
        f'<w:p><w:r><w:t>two</w:t></w:r></w:p>'
    )
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert texts(accepted) == ["one", "added", "two"] and texts(rejected) == ["one", "two"]


def test_property_changes_are_dropped_on_accept_and_restored_on_reject():
    xml = (
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="3"/><w:numId w:val="1"/></w:numPr>'
        f'<w:pPrChange w:id="1" {REV}><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr>'
        f'<w:r><w:rPr><w:b/><w:rPrChange w:id="2" {REV}><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>x</w:t></w:r></w:p>'
    )
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    q = lambda root, path: root.find(path.replace("w:", f"{{{W}}}"))  # noqa: E731
    assert q(accepted, "w:p/w:pPr/w:numPr/w:ilvl").get(f"{{{W}}}val") == "3" and q(accepted, "w:p/w:pPr/w:pStyle") is not None
    assert q(accepted, "w:p/w:r/w:rPr/w:b") is not None and q(accepted, ".//w:rPrChange") is None
    assert q(rejected, "w:p/w:pPr/w:numPr/w:ilvl").get(f"{{{W}}}val") == "2" and q(rejected, "w:p/w:pPr/w:pStyle") is None
    assert q(rejected, "w:p/w:r/w:rPr/w:i") is not None and q(rejected, "w:p/w:r/w:rPr/w:b") is None


def _table(rows: str) -> str:
    return f"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>{rows}</w:tbl>"


def _row(text: str, mark: str = "") -> str:
    trpr = f"<w:trPr>{mark}</w:trPr>" if mark else ""
    return f"<w:tr>{trpr}<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc></w:tr>"


def test_table_rows_come_and_go_whole_and_an_emptied_table_goes_too():
    xml = _table(_row("kept") + _row("added", f'<w:ins w:id="1" {REV}/>') + _row("removed", f'<w:del w:id="2" {REV}/>'))
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert texts(accepted) == ["kept", "added"] and texts(rejected) == ["kept", "removed"]
    assert accepted.find(f".//{{{W}}}trPr") is None
    only_new = body(_table(_row("added", f'<w:ins w:id="1" {REV}/>')))
    reject_tree(only_new)
    assert only_new.find(f"{{{W}}}tbl") is None


def test_a_tree_without_revisions_is_reported_unchanged():
    assert not accept_tree(body("<w:p><w:r><w:t>plain</w:t></w:r></w:p>"))


@pytest.fixture()
def tracked_docx(tmp_path: Path) -> Path:
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1.")])
    b.num(1, 1)
    b.paragraph("first", num_id=1, ilvl=0)
    b.paragraph("withdrawn clause", num_id=1, ilvl=0, deleted=True)
    b.paragraph("new clause", num_id=1, ilvl=0, inserted=True)
    b.paragraph("last", num_id=1, ilvl=0)
    b.header_footer("Header", None)
    path = tmp_path / "tracked.docx"
    b.save(path)
    return path


def test_whole_packages_accept_and_reject_with_numbers_recounted(tracked_docx: Path, tmp_path: Path):
    parts = read_parts(tracked_docx)
    for fn, expected in ((accept_all, [("1.", "first"), ("2.", "new clause"), ("3.", "last")]), (reject_all, [("1.", "first"), ("2.", "withdrawn clause"), ("3.", "last")])):
        out = tmp_path / f"{fn.__name__}.docx"
        out.write_bytes(package_bytes(fn(parts)))
        assert [(p.num, p.text) for p in read_docx(out).paragraphs] == expected
    untouched = accept_all(parts)
    assert untouched["word/header1.xml"] == parts["word/header1.xml"] and untouched["word/styles.xml"] == parts["word/styles.xml"]


def test_package_bytes_are_deterministic_with_content_types_first(tracked_docx: Path):
    parts = read_parts(tracked_docx)
    first = package_bytes(accept_all(parts))
    assert first == package_bytes(accept_all(parts))
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}

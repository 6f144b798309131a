"""A content control's own markup inserted or deleted as a tracked change (ECMA-376 §17.13.5,
`w:customXml{Ins,Del,MoveFrom,MoveTo}RangeStart`/`End`): accepting a deletion or rejecting an
insertion takes the control away and keeps its content; `docgen accept`/`reject` count it as a
change and leave no marker behind. The XML is written by hand the way Word writes it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from corpus.wml import Doc
from docgen.ooxml.parts import read_parts
from docgen.ooxml.revisions import accept_all, accept_tree, reject_tree
from docgen.ooxml.tracked.pending import pending_revisions
from test_revisions import REV, W, body, docgen_cli, left_revisions, part_texts, texts

SDT = f"{{{W}}}sdt"


def sdts(root: etree._Element) -> list[str]:
    return [el.find(f"{{{W}}}sdtPr/{{{W}}}alias").get(f"{{{W}}}val") for el in root.iter(SDT)]


def markers(root: etree._Element) -> list[str]:
    return [etree.QName(el).localname for el in root.iter() if isinstance(el.tag, str) and "customXml" in el.tag]


def block_control(alias: str, paragraphs: str, *, around: str = "", start_id: int = 20, end_id: int = 21) -> str:
    """A block content control; `around` ("Del", "Ins", ...) marks its start and end tags as
    Word does, each with a range of its own."""
    if not around:
        return f'<w:sdt><w:sdtPr><w:alias w:val="{alias}"/></w:sdtPr><w:sdtContent>{paragraphs}</w:sdtContent></w:sdt>'
    return (
        f'<w:customXml{around}RangeStart w:id="{start_id}" {REV}/>'
        f'<w:sdt><w:sdtPr><w:alias w:val="{alias}"/></w:sdtPr><w:sdtContent>'
        f'<w:customXml{around}RangeEnd w:id="{start_id}"/>{paragraphs}<w:customXml{around}RangeStart w:id="{end_id}" {REV}/>'
        f'</w:sdtContent></w:sdt><w:customXml{around}RangeEnd w:id="{end_id}"/>'
    )


PLAIN = "<w:p><w:r><w:t>Respondent name</w:t></w:r></w:p>"


def test_an_accepted_control_deletion_removes_the_control_and_keeps_its_text():
    xml = "<w:p><w:r><w:t>before</w:t></w:r></w:p>" + block_control("Respondent", PLAIN, around="Del")
    accepted, rejected = body(xml), body(xml)
    assert accept_tree(accepted) and reject_tree(rejected)
    assert sdts(accepted) == [] and texts(accepted) == ["before", "Respondent name"]
    assert sdts(rejected) == ["Respondent"] and texts(rejected) == ["before", "Respondent name"]
    assert markers(accepted) == [] and markers(rejected) == []


def test_a_rejected_control_insertion_removes_the_control_an_accepted_one_keeps_it():
    xml = block_control("Added", PLAIN, around="Ins")
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert sdts(rejected) == [] and texts(rejected) == ["Respondent name"]
    assert sdts(accepted) == ["Added"] and markers(accepted) == []


def test_a_deleted_control_whose_content_was_deleted_too_goes_entirely_on_accept():
    deleted = f'<w:p><w:pPr><w:rPr><w:del w:id="3" {REV}/></w:rPr></w:pPr><w:del w:id="4" {REV}><w:r><w:delText>Respondent name</w:delText></w:r></w:del></w:p>'
    xml = block_control("Respondent", deleted, around="Del") + "<w:p><w:r><w:t>after</w:t></w:r></w:p>"
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert sdts(accepted) == [] and texts(accepted) == ["after"]
    assert sdts(rejected) == ["Respondent"] and texts(rejected) == ["Respondent name", "after"]


def test_one_range_around_a_whole_inline_control_and_a_custom_xml_element_inside_it():
    xml = (
        '<w:p><w:r><w:t xml:space="preserve">Date: </w:t></w:r>'
        f'<w:customXmlDelRangeStart w:id="9" {REV}/>'
        '<w:sdt><w:sdtPr><w:alias w:val="Date"/></w:sdtPr><w:sdtContent>'
        '<w:customXml w:element="when"><w:customXmlPr/><w:r><w:t>1 May</w:t></w:r></w:customXml>'
        '</w:sdtContent></w:sdt><w:customXmlDelRangeEnd w:id="9"/>'
        '<w:sdt><w:sdtPr><w:alias w:val="Untouched"/></w:sdtPr><w:sdtContent><w:r><w:t>!</w:t></w:r></w:sdtContent></w:sdt></w:p>'
    )
    accepted = body(xml)
    accept_tree(accepted)
    assert sdts(accepted) == ["Untouched"] and texts(accepted) == ["Date: 1 May!"]
    assert accepted.find(f".//{{{W}}}customXml") is None and markers(accepted) == []


def test_a_moved_control_keeps_its_markup_only_at_the_side_that_survives():
    xml = block_control("From", PLAIN, around="MoveFrom") + block_control("To", PLAIN, around="MoveTo", start_id=30, end_id=31)
    accepted, rejected = body(xml), body(xml)
    accept_tree(accepted)
    reject_tree(rejected)
    assert sdts(accepted) == ["To"] and sdts(rejected) == ["From"]


def test_a_marker_without_its_partner_marks_nothing_and_goes():
    xml = f'<w:customXmlDelRangeStart w:id="5" {REV}/>' + block_control("Kept", PLAIN)
    accepted = body(xml)
    assert accept_tree(accepted)
    assert sdts(accepted) == ["Kept"] and markers(accepted) == []


@pytest.mark.parametrize(("verb", "around"), [("accept", "Del"), ("reject", "Ins")])
def test_the_command_sees_a_document_whose_only_change_is_a_control_deletion_or_insertion(tmp_path: Path, verb: str, around: str):
    src = Doc([block_control("Respondent", PLAIN, around=around)]).save(tmp_path / "control.docx")
    out = tmp_path / f"{verb}.docx"
    run = docgen_cli(verb, str(src), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert "has no tracked changes" not in run.stderr
    assert run.stderr.strip() == f"{verb}ed 2 tracked changes in word/document.xml; wrote {out}"
    assert left_revisions(out) == []
    assert part_texts(out, "word/document.xml") == ["Respondent name"]
    with zipfile.ZipFile(out) as z:
        assert b"<w:sdt>" not in z.read("word/document.xml")


def test_a_version_whose_only_pending_change_is_a_control_deletion_is_said_to_hold_one(tmp_path: Path):
    """The redline accepts an input's pending changes first and says how many it found."""
    src = Doc([block_control("Respondent", PLAIN, around="Del")]).save(tmp_path / "pending.docx")
    parts = read_parts(src)
    assert pending_revisions(parts) == 2  # the ranges around its start tag and its end tag
    assert sdts(etree.fromstring(accept_all(parts)["word/document.xml"])) == []

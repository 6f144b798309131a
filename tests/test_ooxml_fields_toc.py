"""Word fields as ooxml builds and flattens them, checked on hand-written WordprocessingML.

The pack's contents and the publication copy's cross-references rely on these: a TOC whose
entries are hyperlinks with PAGEREF fields, and REF fields that print their (revised) result.
"""

from __future__ import annotations

from lxml import etree

from docgen.ooxml.markup.fields import flatten_fields
from docgen.ooxml.markup.toc import TocEntry, bookmark_heading, set_pages, toc_instruction, toc_links, toc_paragraphs

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}


def _body(inner: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W_NS}">{inner}</w:body>')


def _run(inner: str) -> str:
    return f"<w:r>{inner}</w:r>"


def _fld(kind: str) -> str:
    return _run(f'<w:fldChar w:fldCharType="{kind}"/>')


def _text(body: etree._Element) -> str:
    return "".join(body.xpath("//w:t/text()|//w:delText/text()", namespaces=NS))


def test_a_ref_field_becomes_its_result_with_the_revisions_in_it():
    body = _body(
        "<w:p>" + _run("<w:t>see </w:t>") + _fld("begin") + _run("<w:instrText> REF _Ref1 \\h </w:instrText>") + _fld("separate")
        + '<w:del w:id="1" w:author="a"><w:r><w:delText>18.5(z)</w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="a"><w:r><w:t>18.5(t)</w:t></w:r></w:ins>' + _fld("end") + "</w:p>"
    )
    flatten_fields(body, "REF")
    assert body.xpath("//w:fldChar|//w:instrText", namespaces=NS) == []
    assert body.xpath("//w:del//w:delText/text()", namespaces=NS) == ["18.5(z)"]
    assert body.xpath("//w:ins//w:t/text()", namespaces=NS) == ["18.5(t)"]


def test_other_fields_stay_and_a_simple_ref_is_unwrapped():
    body = _body(
        "<w:p>" + _fld("begin") + _run("<w:instrText> PAGE </w:instrText>") + _fld("separate") + _run("<w:t>3</w:t>") + _fld("end")
        + '<w:fldSimple w:instr=" REF _Ref2 "><w:r><w:t>4.1</w:t></w:r></w:fldSimple></w:p>'
    )
    flatten_fields(body, "REF")
    assert len(body.xpath("//w:fldChar", namespaces=NS)) == 3
    assert body.xpath("//w:fldSimple", namespaces=NS) == []
    assert _text(body) == "34.1"


def test_an_empty_revision_left_by_the_field_code_goes():
    body = _body(
        "<w:p>" + '<w:ins w:id="1" w:author="a">' + _fld("begin") + _run("<w:instrText> REF x </w:instrText>") + _fld("separate") + "</w:ins>"
        + _run("<w:t>2.3</w:t>") + _fld("end") + "</w:p>"
    )
    flatten_fields(body, "REF")
    assert body.xpath("//w:ins", namespaces=NS) == []
    assert _text(body) == "2.3"


def test_a_toc_is_one_field_whose_entries_link_to_bookmarked_headings():
    body = _body('<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Scope</w:t></w:r></w:p><w:p><w:r><w:t>Terms</w:t></w:r></w:p>')
    heading, other = list(body)
    names = [bookmark_heading(heading, 1), bookmark_heading(other, 2)]
    assert names == ["_Toc00000001", "_Toc00000002"]
    assert heading[1].tag == f"{{{W_NS}}}bookmarkStart" and heading[-1].tag == f"{{{W_NS}}}bookmarkEnd"
    paras = toc_paragraphs([TocEntry("TOC1", "Scope", names[0]), TocEntry("TOC2", "Terms", names[1])], toc_instruction(1, 2), dirty=True)
    for p in paras:
        body.append(p)
    kinds = [c.get(f"{{{W_NS}}}fldCharType") for c in body.iter(f"{{{W_NS}}}fldChar")]
    # The TOC field opens in the first entry and closes after the last; each entry holds a whole PAGEREF field.
    assert kinds == ["begin", "separate", "begin", "separate", "end", "begin", "separate", "end", "end"]
    instructions = [t.text for t in body.iter(f"{{{W_NS}}}instrText")]
    assert instructions == [' TOC \\o "1-2" \\h \\z \\u ', " PAGEREF _Toc00000001 \\h ", " PAGEREF _Toc00000002 \\h "]
    assert body.xpath("//w:fldChar[@w:dirty='true']/@w:fldCharType", namespaces=NS) == ["begin"]
    assert body.xpath("//w:hyperlink/@w:anchor", namespaces=NS) == names
    assert toc_links(body) == [(names[0], "Scope"), (names[1], "Terms")]
    assert set_pages(body, {names[0]: 2, names[1]: 5}) is True
    assert set_pages(body, {names[0]: 2, names[1]: 5}) is False
    assert [link.xpath(".//w:t/text()", namespaces=NS)[-1] for link in body.iter(f"{{{W_NS}}}hyperlink")] == ["2", "5"]

"""Where a document keeps its stories: blocks through content controls, each section's headers
and footers by kind and type, and a text box's story in both of a drawing's alternatives."""

from __future__ import annotations

from docgen.ooxml.element import fragment
from docgen.ooxml.stories import blocks, fallback_text_boxes, has_stories, primary_text_boxes, section_parts

W_URI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_URI = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DECL = f'xmlns:w="{W_URI}" xmlns:r="{R_URI}" xmlns:mc="{MC_URI}"'


def test_blocks_are_paragraphs_and_tables_in_order_through_content_controls():
    body = fragment(
        f"<w:body {DECL}><w:p/><w:sdt><w:sdtPr/><w:sdtContent><w:tbl/><w:p/></w:sdtContent></w:sdt>"
        "<w:customXml><w:p/></w:customXml><w:bookmarkStart/><w:sectPr/></w:body>"
    )
    assert [b.tag.split("}")[1] for b in blocks(body)] == ["p", "tbl", "p", "p"]


def test_each_section_names_its_header_and_footer_parts_by_kind_and_type():
    doc = fragment(
        f"<w:document {DECL}><w:body><w:p><w:pPr><w:sectPr>"
        '<w:headerReference w:type="first" r:id="rId1"/><w:footerReference r:id="rId2"/></w:sectPr></w:pPr></w:p>'
        '<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:headerReference w:type="even" r:id="rIdGone"/></w:sectPr>'
        "</w:body></w:document>"
    )
    rels = {"rId1": "word/header1.xml", "rId2": "word/footer1.xml", "rId3": "word/header2.xml"}
    assert section_parts(doc, rels) == [
        {("header", "first"): "word/header1.xml", ("footer", "default"): "word/footer1.xml"},
        {("header", "default"): "word/header2.xml"},
    ]


def test_a_drawing_with_alternatives_holds_its_text_box_story_twice():
    alt = fragment(
        f"<mc:AlternateContent {DECL}><mc:Choice><w:txbxContent><w:p/></w:txbxContent></mc:Choice>"
        "<mc:Fallback><w:txbxContent><w:p/></w:txbxContent></mc:Fallback></mc:AlternateContent>"
    )
    primary, fallback = primary_text_boxes(alt), fallback_text_boxes(alt)
    assert len(primary) == 1 and len(fallback) == 1 and primary[0] is not fallback[0]
    assert primary[0].getparent().tag == f"{{{MC_URI}}}Choice"
    plain = fragment(f"<w:pict {DECL}><w:txbxContent><w:p/></w:txbxContent></w:pict>")
    assert len(primary_text_boxes(plain)) == 1 and fallback_text_boxes(plain) == []


def test_note_references_and_text_boxes_are_stories_a_paragraph_holds():
    assert has_stories(fragment(f'<w:p {DECL}><w:r><w:footnoteReference w:id="2"/></w:r></w:p>'))
    assert has_stories(fragment(f"<w:p {DECL}><w:r><w:pict><w:txbxContent/></w:pict></w:r></w:p>"))
    assert not has_stories(fragment(f"<w:p {DECL}><w:r><w:t>plain</w:t></w:r></w:p>"))

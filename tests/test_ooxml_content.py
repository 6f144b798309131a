"""The one content walk of a paragraph: typed items, in reading order, that the reader, the
comparison, the redline, the cross-reference rewriter and the form reader all share."""

from __future__ import annotations

from lxml import etree

from docgen.ooxml.body import paragraph_text
from docgen.ooxml.content import paragraph_items, reader_char

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (
    f'xmlns:w="{W}" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)


def para(inner: str) -> etree._Element:
    return etree.fromstring(f"<w:p {NSDECL}>{inner}</w:p>")


EVERYTHING = para(
    '<w:r><w:t>See</w:t><w:tab/><w:t>18</w:t><w:noBreakHyphen/><w:t>5</w:t><w:softHyphen/></w:r>'
    '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref1 \\h </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>(q)</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:footnoteReference w:id="3"/></w:r>'
    '<w:hyperlink r:id="rId9"><w:r><w:t> link</w:t></w:r></w:hyperlink>'
    '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>'
    '<w:del w:id="1" w:author="a"><w:r><w:delText>gone</w:delText></w:r></w:del>'
    '<m:oMath><m:r><m:t>x</m:t></m:r></m:oMath>'
    '<w:r><w:drawing><a:blip r:embed="rId5"/></w:drawing></w:r>'
    '<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>\u2612</w:t></w:r></w:sdtContent></w:sdt>'
)


def test_items_are_typed_and_in_reading_order():
    items = paragraph_items(EVERYTHING, lambda rid: {"rId5": b"png bytes"}.get(rid))
    kinds = [it.kind for it in items if it.kind != "text"]
    assert kinds == ["sym", "field", "footnote", "equation", "object", "checkbox"]
    text = "".join(it.char for it in items if it.kind == "text")
    assert text == "See\t18\u20115\u00ad link"
    field = next(it for it in items if it.kind == "field")
    assert len(field.nodes) == 5 and "REF _Ref1 \\h" in field.identity and field.identity.endswith("(q)")


def test_an_object_is_identified_by_the_bytes_it_refers_to():
    def ident(data: bytes) -> str:
        return next(it.identity for it in paragraph_items(EVERYTHING, lambda rid: data) if it.kind == "object")

    assert ident(b"one") == ident(b"one") != ident(b"two")


def test_as_a_reader_reads_it_fields_show_their_result_and_separators_are_spaces():
    items = paragraph_items(EVERYTHING, fields_as_units=False, per_char=False, identify=False)
    assert "".join(reader_char(it) for it in items) == "See 18-5(q) link"
    assert paragraph_text(EVERYTHING) == "See 18-5(q) link"

"""A returned form's tables read as text, on hand-written WordprocessingML: however a box was
ticked (Word's check box control, a Wingdings symbol, a pasted glyph) it reads as ☒, an
unticked one as ☐, and nested tables and deleted rows do not leak into a cell's answer."""

from __future__ import annotations

from lxml import etree

from docgen.ooxml.forms import EMPTY_BOX, TICKED_BOX, document_tables

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"


def _document(rows: str) -> etree._Element:
    return etree.fromstring(f'<w:document xmlns:w="{W_NS}" xmlns:w14="{W14_NS}"><w:body><w:tbl>{rows}</w:tbl></w:body></w:document>')


def _checkbox(checked: bool, glyph: str) -> str:
    return (
        f'<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{int(checked)}"/></w14:checkbox></w:sdtPr>'
        f"<w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>"
    )


def _cell(*paragraphs: str) -> str:
    return "<w:tc>" + "".join(f"<w:p>{p}</w:p>" for p in paragraphs) + "</w:tc>"


def _text(value: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{value}</w:t></w:r>'


def test_check_box_controls_read_as_the_state_word_records():
    root = _document("<w:tr>" + _cell(_checkbox(True, "\u2612") + _text(" Agree"), _checkbox(False, "\u2610") + _text(" Disagree")) + "</w:tr>")
    assert document_tables(root) == [[[f"{TICKED_BOX} Agree\n{EMPTY_BOX} Disagree"]]]


def test_a_glyph_typed_over_an_unticked_control_still_counts_as_ticked():
    root = _document("<w:tr>" + _cell(_checkbox(False, "X") + _text(" Yes")) + "</w:tr>")
    assert document_tables(root) == [[[f"{TICKED_BOX} Yes"]]]


def test_wingdings_symbols_read_as_boxes_and_other_symbols_as_nothing():
    sym = '<w:r><w:sym w:font="Wingdings" w:char="{}"/></w:r>'
    root = _document("<w:tr>" + _cell(sym.format("F0FE") + _text(" Yes"), sym.format("F0A8") + _text(" No"), sym.format("F04A") + _text(" smile")) + "</w:tr>")
    assert document_tables(root) == [[[f"{TICKED_BOX} Yes\n{EMPTY_BOX} No\nsmile"]]]


def test_wingdings_boxes_resaved_by_libreoffice_as_private_use_text_read_as_boxes():
    def wingdings(char: str) -> str:
        return f'<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr><w:t>{char}</w:t></w:r>'

    root = _document("<w:tr>" + _cell(wingdings("\uf0a8") + _text(" Agree"), wingdings("\uf0fe") + _text(" Disagree")) + "</w:tr>")
    assert document_tables(root) == [[[f"{EMPTY_BOX} Agree\n{TICKED_BOX} Disagree"]]]


def test_a_nested_table_is_read_on_its_own_and_deleted_rows_are_skipped():
    nested = "<w:tbl><w:tr>" + _cell(_text("inner")) + "</w:tr></w:tbl>"
    deleted = '<w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr>' + _cell(_text("gone")) + "</w:tr>"
    root = _document("<w:tr><w:tc><w:p>" + _text("outer") + "</w:p>" + nested + "<w:p/></w:tc></w:tr>" + deleted)
    assert document_tables(root) == [[["outer"]], [["inner"]]]

"""Lists as whole definitions: two lists draw the same numbers whatever their ids, and a list
carried into another numbering part gets ids free there, a fresh nsid, and schema order
(every w:abstractNum before every w:num)."""

from __future__ import annotations

from docgen.ooxml.element import fragment
from docgen.ooxml.lists.list_import import import_list, list_drawings, paragraph_num_ids

W_URI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSMAP = {"w": W_URI}


def numbering(body: str):
    return fragment(f'<w:numbering xmlns:w="{W_URI}">{body}</w:numbering>')


def abstract(aid: str, fmt: str, nsid: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}"><w:nsid w:val="{nsid}"/><w:lvl w:ilvl="0"><w:numFmt w:val="{fmt}"/></w:lvl></w:abstractNum>'


def num(nid: str, aid: str) -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>'


def test_lists_with_different_ids_and_nsids_draw_the_same_numbers_when_their_levels_agree():
    a = numbering(abstract("0", "decimal", "11111111") + num("1", "0"))
    b = numbering(abstract("5", "decimal", "22222222") + abstract("6", "lowerLetter", "33333333") + num("9", "5") + num("10", "6"))
    assert list_drawings(a)["1"] == list_drawings(b)["9"]
    assert list_drawings(a)["1"] != list_drawings(b)["10"]


def test_an_imported_list_takes_fresh_ids_and_nsid_and_keeps_schema_order():
    source = numbering(abstract("0", "upperRoman", "11111111") + num("4", "0"))
    target = numbering(abstract("0", "decimal", "22222222") + abstract("3", "decimal", "44444444") + num("1", "0") + num("7", "3") + '<w:numIdMacAtCleanup w:val="1"/>')
    assert import_list(source, target, "4") == "8"
    names = [(c.tag.split("}")[1], c.get(f"{{{W_URI}}}abstractNumId") or c.get(f"{{{W_URI}}}numId")) for c in target]
    assert names == [("abstractNum", "0"), ("abstractNum", "3"), ("abstractNum", "4"), ("num", "1"), ("num", "7"), ("num", "8"), ("numIdMacAtCleanup", None)]
    assert target.xpath("w:num[@w:numId='8']/w:abstractNumId/@w:val", namespaces=NSMAP) == ["4"]
    assert target.xpath("w:abstractNum[@w:abstractNumId='4']/w:nsid/@w:val", namespaces=NSMAP) != ["11111111"]
    assert target.xpath("w:abstractNum[@w:abstractNumId='4']//w:numFmt/@w:val", namespaces=NSMAP) == ["upperRoman"]
    assert source.xpath("w:num/@w:numId", namespaces=NSMAP) == ["4"]  # the source is not touched


def test_a_list_the_source_lacks_is_not_imported_and_an_empty_target_gets_the_list_first():
    source = numbering(abstract("2", "decimal", "11111111") + num("3", "2"))
    target = numbering("")
    assert import_list(source, target, "99") is None and len(target) == 0
    assert import_list(source, target, "3") == "1"
    assert [c.tag.split("}")[1] for c in target] == ["abstractNum", "num"]


def test_a_paragraph_s_list_is_its_own_numId_not_its_style_s():
    body = fragment(
        f'<w:body xmlns:w="{W_URI}">'
        '<w:p><w:pPr><w:pStyle w:val="List"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="List"/></w:pPr></w:p>'
        # only the first w:pPr is the paragraph's, and only the first w:numPr and w:numId in it
        '<w:p><w:pPr/><w:pPr><w:numPr><w:numId w:val="6"/></w:numPr></w:pPr></w:p>'
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:p>'
        '<w:p><w:pPr><w:numPr><w:numId w:val="8"/><w:numId w:val="9"/></w:numPr></w:pPr></w:p>'
        '<w:p><w:pPr><w:numPr><w:numId/></w:numPr></w:pPr></w:p>'
        '<w:tbl><w:tr><w:tc><w:p><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:p></w:tc></w:tr></w:tbl>'
        "</w:body>"
    )
    paras = list(body.iter(f"{{{W_URI}}}p"))
    ids = paragraph_num_ids(body)
    assert [ids.get(p, "-") for p in paras] == ["5", "-", "-", "-", "8", None, "3"]
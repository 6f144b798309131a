"""The parse speed-ups found by the benchmark must not change what is read.

Each fast path is held to the careful code it short-cuts, on paragraphs built to hit the
cases where they could disagree: tab stops beside tab characters, hidden runs, tracked
deletions and moves, text boxes, malformed paragraphs with two pPr.
"""

from __future__ import annotations

import pytest
from lxml import etree

from docgen.errors import InputError
from docgen.limits import Limits
from docgen.ooxml.lists.numbering import mark_is_deleted, mark_is_hidden, paragraph_numpr, paragraph_props
from docgen.ooxml.body import paragraph_text
from docgen.ooxml.content import paragraph_items, reader_char
from docgen.ooxml.ns import NS
from docgen.ooxml.package import PARSER_MAX_DEPTH, parse_xml

W_DECL = f'xmlns:w="{NS["w"]}"'

PARAGRAPHS = [
    "<w:p/>",
    '<w:p><w:r><w:t xml:space="preserve">plain  text </w:t></w:r></w:p>',
    '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p>',
    "<w:p><w:r><w:t>line</w:t><w:br/><w:t>two</w:t><w:cr/><w:noBreakHyphen/><w:t>x</w:t></w:r></w:p>",
    "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:t>shown</w:t></w:r></w:p>",
    '<w:p><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>not hidden</w:t></w:r></w:p>',
    "<w:p><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t>new</w:t></w:r></w:ins></w:p>",
    "<w:p><w:moveFrom><w:r><w:t>moved away</w:t></w:r></w:moveFrom><w:r><w:t>stays</w:t></w:r></w:p>",
    "<w:p><w:r><w:t>before</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>in box</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>",
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>REF x</w:instrText></w:r><w:r><w:t>18.5(t)</w:t></w:r></w:p>',
    "<w:p><w:hyperlink><w:r><w:t>link</w:t></w:r></w:hyperlink><w:fldSimple><w:r><w:t>field</w:t></w:r></w:fldSimple></w:p>",
    "<w:p><w:pPr><w:t>stray text in pPr</w:t></w:pPr><w:r><w:t>body</w:t></w:r></w:p>",
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="2"/><w:numId w:val="7"/></w:numPr>'
    '<w:ind w:left="1440" w:hanging="567"/><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>numbered</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:ind w:start="720"/><w:rPr><w:del w:id="1" w:author="a" w:date="2020-01-01T00:00:00Z"/></w:rPr></w:pPr></w:p>',
    '<w:p><w:pPr><w:pStyle w:val="A"/><w:pStyle w:val="B"/><w:ind w:left="x"/></w:pPr></w:p>',
    '<w:p><w:pPr><w:pStyle w:val="A"/></w:pPr><w:pPr><w:rPr><w:vanish/><w:del w:id="2" w:author="a" w:date="2020-01-01T00:00:00Z"/></w:rPr></w:pPr></w:p>',
    '<w:p><w:pPr><w:rPr/><w:rPr><w:vanish w:val="false"/></w:rPr></w:pPr></w:p>',
    # What the one-walk reading looks at on its way through pPr and runs.
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr><w:numPr><w:numId w:val="9"/><w:t>x</w:t></w:numPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"><w:t>in ilvl</w:t></w:ilvl><w:numId w:val="4"/></w:numPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:numPr><w:numId w:val="4"/><w:tab/></w:numPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:rPr><w:b/><w:rPrChange><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:rPr><w:moveFrom w:id="3" w:author="a" w:date="2020-01-01T00:00:00Z"/></w:rPr></w:pPr><w:r><w:t>kept</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:pPrChange><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>a</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:ind w:left="720"><w:br/></w:ind><w:tabs><w:tab w:pos="1"/></w:tabs></w:pPr><w:r><w:t>a</w:t></w:r></w:p>',
    '<w:p><w:r><w:rPr><w:b/><w:rPrChange><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>changed</w:t></w:r></w:p>',
    '<w:p><w:r><w:rPr><w:tab/></w:rPr><w:t>odd</w:t></w:r></w:p>',
    '<w:p><w:r><w:t>a<w:br/></w:t><w:tab/><w:noBreakHyphen/><w:cr/></w:r><w:r><w:t/></w:r></w:p>',
    '<w:p><w:r><w:t>a</w:t><w:vanish/></w:r></w:p>',
    '<w:p><w:r><w:t>a</w:t></w:r><w:t>loose</w:t></w:p>',
    '<w:p><w:r><w:t>a</w:t></w:r><w:tab/></w:p>',
    '<w:p><w:r><w:t>a</w:t></w:r><w:pPr><w:pStyle w:val="Late"/></w:pPr><!-- c --><?pi x?></w:p>',
    '<w:p><w:pPr><w:pStyle w:val="A"/></w:pPr><w:r><w:t>one</w:t></w:r><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:p>',
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="01"/><w:ilvl w:val="3"/><w:numId w:val="5"/><w:numId w:val="6"/></w:numPr></w:pPr></w:p>',
    '<w:p><w:pPr><w:numPr><w:ilvl w:val=" 2"/><w:numId w:val="5"/></w:numPr></w:pPr></w:p>',
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId/></w:numPr></w:pPr></w:p>',
    '<w:p><w:pPr><w:numPr><w:ilvl/></w:numPr></w:pPr></w:p>',
    '<w:p><w:sdt><w:sdtContent><w:r><w:t>in control</w:t></w:r></w:sdtContent></w:sdt><w:bookmarkStart w:id="0" w:name="b"/></w:p>',
]


def _p(xml: str) -> etree._Element:
    return etree.fromstring(xml.replace("<w:p>", f"<w:p {W_DECL}>", 1).replace("<w:p/>", f"<w:p {W_DECL}/>", 1))


def _careful_text(p: etree._Element) -> str:
    """The paragraph read by the shared content walk, as the reader reads it."""
    items = paragraph_items(p, fields_as_units=False, per_char=False, identify=False)
    return " ".join("".join(reader_char(it) for it in items).split())


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize("xml", PARAGRAPHS)
def test_paragraph_text_matches_the_careful_walk(xml: str) -> None:
    p = _p(xml)
    assert paragraph_text(p) == _careful_text(p)


def test_tab_stops_are_not_text_but_tab_characters_are() -> None:
    assert paragraph_text(_p(PARAGRAPHS[2])) == "a b"


@pytest.mark.parametrize("xml", PARAGRAPHS)
def test_paragraph_props_match_the_separate_lookups(xml: str) -> None:
    p = _p(xml)
    props = paragraph_props(p)
    assert (props.num_id, props.ilvl, props.style) == paragraph_numpr(p)
    assert props.hidden_mark == mark_is_hidden(p)
    assert props.deleted_mark == mark_is_deleted(p)
    assert props.indent == _left_indent(p)


def _left_indent(p) -> int | None:
    """The paragraph's left indent read the slow way: w:pPr/w:ind, left or else start."""
    ind = p.find(f"{{{W_NS}}}pPr/{{{W_NS}}}ind")
    raw = None if ind is None else (ind.get(f"{{{W_NS}}}left") or ind.get(f"{{{W_NS}}}start"))
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def _nested(depth: int, inner: str = "") -> bytes:
    return ("<a>" * depth + inner + "</a>" * depth).encode()


def test_the_parser_itself_refuses_elements_deeper_than_its_limit() -> None:
    # The depth check skips its Python walk on this promise, so hold libxml2 to it.
    with pytest.raises(InputError, match="deeper"):
        parse_xml(_nested(PARSER_MAX_DEPTH + 1), "deep.xml", Limits())
    parse_xml(_nested(PARSER_MAX_DEPTH), "deep.xml", Limits())


def test_a_comment_below_the_deepest_element_is_still_too_deep() -> None:
    limits = Limits()
    assert limits.max_xml_depth == PARSER_MAX_DEPTH
    with pytest.raises(InputError, match="deeper"):
        parse_xml(_nested(PARSER_MAX_DEPTH, "<!-- x -->"), "deep.xml", limits)
    parse_xml(_nested(PARSER_MAX_DEPTH - 1, "<!-- x -->"), "deep.xml", limits)


def test_a_lower_configured_depth_is_still_enforced_by_the_walk() -> None:
    limits = Limits(max_xml_depth=5)
    with pytest.raises(InputError, match="deeper"):
        parse_xml(_nested(6), "deep.xml", limits)
    parse_xml(_nested(5), "deep.xml", limits)


# ------------------------------------------------------------------ parse JSON writer
import json  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from docgen.writers.model_json import dumps  # noqa: E402

_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
_json_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=8) | st.integers(), _json_values, max_size=5))
def test_parse_json_is_exactly_what_json_dumps_writes(payload: dict) -> None:
    assert dumps(payload) == json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def test_parse_json_keeps_non_ascii_and_escapes_controls() -> None:
    payload = {"text": "£250 – “quoted” \t tab \u2028 sep", "empty": {}, "list": [], "nested": [{"a": (1, 2.5)}]}
    assert dumps(payload) == json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("before", [0, 3, 40])
def test_child_finds_what_find_finds_among_few_children_and_many(before: int) -> None:
    from docgen.ooxml.element import child

    body = "<!-- a comment -->" + "<w:p/>" * before + '<w:sectPr w:rsidR="1"/><w:sectPr w:rsidR="2"/>'
    root = etree.fromstring(f"<w:body {W_DECL}>{body}</w:body>")
    tag = f"{{{W_NS}}}sectPr"
    assert child(root, tag) is root.find(tag) and child(root, tag).get(f"{{{W_NS}}}rsidR") == "1"
    assert child(root, f"{{{W_NS}}}tbl") is None


# ------------------------------------------------------------------ the tree, field by field
from docgen.hierarchy import Numbered, TreeBuilder  # noqa: E402
from docgen.model import ListFacts, Provenance  # noqa: E402

_ITEMS = [
    Numbered("1", "Introduction", 0.0, Provenance("word/document.xml", 0), heading=True, num_value=1, num_format="decimal"),
    Numbered("1.1", "A clause", 720.0, Provenance("word/document.xml", 1), num_value=1, num_format="decimal", word_list=ListFacts("1", 1)),
    Numbered("(a)", "an item", 1440.0, Provenance("word/document.xml", 2), word_list=ListFacts("1", 2, None, True, "tab")),
    Numbered("(a)", "a repeated label", 1440.0, Provenance("word/document.xml", 3)),
    Numbered("ii.", "a point", 2160.0, Provenance("word/document.xml", 4), numbering="literal"),
    Numbered("Article I", "not a point", 720.0, Provenance("word/document.xml", 5), numbering="literal"),
    Numbered("3", "a number under the annex", 720.0, Provenance("word/document.xml", 6), numbering="literal"),
    Numbered("2", "Annex heading", 0.0, Provenance("word/document.xml", 7), heading=True),
    Numbered("3", "the same label outside it", 720.0, Provenance("word/document.xml", 8), numbering="literal"),
]


def _tree(place) -> list:
    tree = TreeBuilder()
    for item in _ITEMS[:4]:
        place(tree, item)
    tree.open_scope("Annex D Something")
    for item in _ITEMS[4:]:
        place(tree, item)
    return [(c.kind, c.level, c.num, c.ref, c.eid, c.text, c.heading, c.numbering, c.num_value, c.num_format, c.source, c.word_list, c.parent.ref if c.parent else None, [k.ref for k in c.children]) for c in tree.clauses]


def test_add_numbered_places_clauses_as_add_does() -> None:
    by_item = _tree(lambda tree, item: tree.add(item))
    by_fields = _tree(lambda tree, i: tree.add_numbered(i.label, i.text, i.level_key, i.source, i.numbering, i.num_value, i.num_format, i.heading, i.word_list))
    assert by_fields == by_item
    # The repeated "(a)" takes the cached label reading and still gets an id of its own; "3"
    # read as a point under the annex heading is a dotted number again outside it.
    assert [(row[3], row[4]) for row in by_item] == [
        ("1", "sec_1"), ("1.1", "sec_1__para_1"), ("1.1(a)", "sec_1__para_1__point_a"), ("1.1(a)", "sec_1__para_1__point_a_2"),
        ("Annex D(ii)", "annex-d__point_ii"), ("Annex D Article I", "annex-d__point_article-i"),
        ("Annex D 3", "annex-d__point_3"), ("2", "sec_2"), ("3", "sec_3"),
    ]

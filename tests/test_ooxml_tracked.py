"""How docgen spells a tracked change in WordprocessingML (ECMA-376 Part 1 §17.13.5), checked
on hand-written XML with XPath, element by element, independently of the redline writer."""

from __future__ import annotations

from lxml import etree

from docgen.ooxml.content import paragraph_items
from docgen.ooxml.element import fragment
from docgen.ooxml.tracked.marks import Marks, largest_id, mark_move_range
from docgen.ooxml.package_parts import ParsedParts
from docgen.ooxml.tracked.pending import pending_revisions
from docgen.ooxml.tracked.runs import rewrite_runs
from docgen.ooxml.tracked.wrap import add_ppr_change, mark_paragraph, mark_row

W_URI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSMAP = {"w": W_URI}
DECL = f'xmlns:w="{W_URI}"'


def xp(el, path):
    return el.xpath(path, namespaces=NSMAP)


def para(body: str):
    return fragment(f"<w:p {DECL}>{body}</w:p>")


def marks() -> Marks:
    return Marks("Reviewer", "2026-01-01T00:00:00Z", next_id=7)


def test_revision_ids_count_up_from_the_first_free_one_and_carry_author_and_date():
    m = marks()
    a, b = m.make(f"{{{W_URI}}}ins"), m.make(f"{{{W_URI}}}del")
    assert [a.get(f"{{{W_URI}}}id"), b.get(f"{{{W_URI}}}id")] == ["7", "8"]
    assert a.get(f"{{{W_URI}}}author") == "Reviewer"
    assert a.get(f"{{{W_URI}}}date") == "2026-01-01T00:00:00Z"


def test_the_largest_id_counts_every_annotation_in_the_tree():
    root = fragment(f'<w:body {DECL}><w:bookmarkStart w:id="12"/><w:p><w:ins w:id="3"/></w:p><w:x w:id="_x"/></w:body>')
    assert largest_id(root) == 12


def test_a_deleted_paragraph_has_its_runs_in_w_del_as_deleted_text_and_its_mark_deleted():
    p = para('<w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:t>Gone</w:t></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>')
    mark_paragraph(p, marks(), f"{{{W_URI}}}del")
    assert len(xp(p, "w:del/w:r")) == 2  # neighbouring runs share one w:del
    assert xp(p, "w:del/w:r/w:delText/text()") == ["Gone"]
    assert len(xp(p, "w:del/w:r/w:delInstrText")) == 1
    assert not xp(p, ".//w:t") and not xp(p, ".//w:instrText")
    assert len(xp(p, "w:pPr/w:rPr/w:del")) == 1


def test_an_inserted_paragraph_keeps_w_t_and_its_mark_goes_before_a_section_break():
    p = para("<w:pPr><w:sectPr/></w:pPr><w:r><w:t>New</w:t></w:r>")
    mark_paragraph(p, marks(), f"{{{W_URI}}}ins")
    assert xp(p, "w:ins/w:r/w:t/text()") == ["New"]
    assert [etree.QName(c).localname for c in xp(p, "w:pPr")[0]] == ["rPr", "sectPr"]


def test_a_row_mark_follows_the_table_exceptions_and_precedes_a_row_property_change():
    tr = fragment(f"<w:tr {DECL}><w:tblPrEx/><w:tc><w:p/></w:tc></w:tr>")
    mark_row(tr, marks().make(f"{{{W_URI}}}del"))
    assert [etree.QName(c).localname for c in tr] == ["tblPrEx", "trPr", "tc"]
    tr = fragment(f'<w:tr {DECL}><w:trPr><w:ins w:id="1"/><w:trPrChange w:id="2"/></w:trPr></w:tr>')
    mark_row(tr, marks().make(f"{{{W_URI}}}del"))
    assert [etree.QName(c).localname for c in xp(tr, "w:trPr")[0]] == ["del", "trPrChange"]


def test_a_paragraph_property_change_holds_the_old_properties_it_may_carry():
    p = para('<w:pPr><w:jc w:val="right"/></w:pPr>')
    old = fragment(f'<w:pPr {DECL}><w:jc w:val="left"/><w:rPr><w:b/></w:rPr><w:sectPr/></w:pPr>')
    add_ppr_change(marks(), p, old)
    assert xp(p, "w:pPr/w:pPrChange/w:pPr/w:jc/@w:val") == ["left"]
    assert not xp(p, "w:pPr/w:pPrChange/w:pPr/w:rPr") and not xp(p, "w:pPr/w:pPrChange/w:pPr/w:sectPr")


def test_move_range_markers_pair_by_id_and_name_and_sit_after_the_paragraph_properties():
    first, last = para("<w:pPr/><w:r><w:t>a</w:t></w:r>"), para("<w:r><w:t>b</w:t></w:r>")
    mark_move_range(marks(), first, last, "from", "move3")
    start = xp(first, "w:moveFromRangeStart")[0]
    assert first.index(start) == 1 and start.get(f"{{{W_URI}}}name") == "move3"
    assert xp(last, "w:*[last()]/@w:id") == [start.get(f"{{{W_URI}}}id")]
    assert etree.QName(last[-1]).localname == "moveFromRangeEnd"


def test_runs_are_split_where_words_were_inserted_and_deleted_text_keeps_its_old_formatting():
    new = para("<w:r><w:t>one three</w:t></w:r>")
    old = para("<w:r><w:t>one </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>two </w:t></w:r><w:r><w:t>three</w:t></w:r>")
    new_items, old_items = paragraph_items(new), paragraph_items(old)
    # NEW "one three" keeps OLD's "one " and "three"; OLD's "two " was deleted before "three".
    keep = old_items[:4] + old_items[8:]
    rewrite_runs(new, new_items, keep, {4: old_items[4:8]}, marks=marks(), carry=lambda el: el)
    assert "".join(xp(new, "w:r/w:t/text()")) == "one three"
    assert xp(new, "w:del/w:r/w:delText/text()") == ["two "]
    assert len(xp(new, "w:del/w:r/w:rPr/w:b")) == 1
    assert xp(new, "w:del/w:r/w:delText/@xml:space") == ["preserve"]


def test_an_inserted_word_is_wrapped_in_w_ins_with_the_run_formatting_it_had():
    new = para('<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">a b</w:t></w:r>')
    old = para("<w:r><w:rPr><w:i/></w:rPr><w:t>a</w:t></w:r>")
    new_items, old_items = paragraph_items(new), paragraph_items(old)
    rewrite_runs(new, new_items, [old_items[0], None, None], {}, marks=marks(), carry=lambda el: el)
    assert xp(new, "w:r/w:t/text()") == ["a"]
    assert xp(new, "w:ins/w:r/w:t/text()") == [" b"]
    assert xp(new, "w:ins/w:r/w:t/@xml:space") == ["preserve"]
    assert len(xp(new, "w:ins/w:r/w:rPr/w:i")) == 1


def test_kept_text_whose_formatting_changed_gets_a_run_property_change_with_the_old_formatting():
    new = para("<w:r><w:rPr><w:b/></w:rPr><w:t>a</w:t></w:r>")
    old = para("<w:r><w:rPr><w:i/></w:rPr><w:t>a</w:t></w:r>")
    new_items, old_items = paragraph_items(new), paragraph_items(old)
    rewrite_runs(new, new_items, old_items, {}, marks=marks(), carry=lambda el: el)
    assert len(xp(new, "w:r/w:rPr/w:b")) == 1
    assert len(xp(new, "w:r/w:rPr/w:rPrChange/w:rPr/w:i")) == 1


def test_pending_revisions_count_changes_in_every_story_but_not_a_list_s_own_insertion_mark():
    ct = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    doc = (
        f'<w:document {DECL}><w:body><w:p><w:pPr><w:numPr><w:ins w:id="1" w:author="a"/></w:numPr></w:pPr>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>x</w:t></w:r></w:ins></w:p></w:body></w:document>'
    )
    header = f'<w:hdr {DECL}><w:p><w:del w:id="3" w:author="a"><w:r><w:delText>y</w:delText></w:r></w:del></w:p></w:hdr>'
    parts = {"[Content_Types].xml": ct.encode(), "_rels/.rels": rels.encode(), "word/document.xml": doc.encode(), "word/header1.xml": header.encode()}
    assert pending_revisions(parts) == 2
    # The same count from a reader's kept trees, parsed or not yet (a parsed tree is asked
    # before the bytes are scanned).
    kept = ParsedParts(parts)
    assert pending_revisions(kept) == 2
    kept.tree("word/document.xml")
    kept.tree("word/header1.xml")
    assert pending_revisions(kept) == 2


def test_a_kept_tree_counts_pending_revisions_as_the_bytes_do():
    """A revision element in the tree is counted only where the bytes carry a hint of one,
    as when no tree is kept; a tree without one counts nothing whatever its text says."""
    ct = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    bodies = {
        '<w:ins w:id="2" w:author="a"><w:r><w:t>x</w:t></w:r></w:ins>': 1,
        "<w:ins><w:r><w:t>no attributes, so no hint</w:t></w:r></w:ins>": 0,
        "<w:r><w:t>a:ins b:del PrChange text only</w:t></w:r>": 0,
    }
    for inner, count in bodies.items():
        doc = f"<w:document {DECL}><w:body><w:p>{inner}</w:p></w:body></w:document>"
        parts = {"[Content_Types].xml": ct.encode(), "word/document.xml": doc.encode()}
        kept = ParsedParts(parts)
        kept.tree("word/document.xml")
        assert pending_revisions(parts) == count
        assert pending_revisions(kept) == count

"""Word list numbers are rendered as Word draws them (ECMA-376 Part 1, 17.9).

Each case builds a small .docx with one numbering feature and checks the labels the docx
reader gives. The bundled-source comparison with LibreOffice lives in test_libreoffice_numbers.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.ooxml.lists.numbering import alpha, format_number, roman
from docgen.ooxml.lists.listnum import parse_listnum
from docgen.readers.docx import read_docx
from synth.docx import DocxBuilder, Level


def labels(builder: DocxBuilder, tmp_path: Path) -> list[str]:
    path = tmp_path / "case.docx"
    builder.save(path)
    return [p.num for p in read_docx(path).paragraphs if p.num or p.clause is not None]


def clause_nums(builder: DocxBuilder, tmp_path: Path) -> list[tuple[str, str]]:
    path = tmp_path / "case.docx"
    builder.save(path)
    return [(c.num, c.ref) for c in read_docx(path).clauses]


def sec_list(b: DocxBuilder, **extra: object) -> None:
    """The S1SR shape: 18 / 18.5 / (p) / (i)."""
    b.abstract_num(1, [
        Level(0, "decimal", "%1"),
        Level(1, "decimal", "%1.%2"),
        Level(2, "lowerLetter", "(%3)"),
        Level(3, "lowerRoman", "(%4)"),
    ])
    b.num(1, 1)


def test_composite_lvltext_builds_hierarchical_numbers_and_refs(tmp_path):
    b = DocxBuilder()
    sec_list(b)
    b.paragraph("Device Specific Behaviours", num_id=1, ilvl=0)
    b.paragraph("A clause.", num_id=1, ilvl=1)
    b.paragraph("Lead-in:", num_id=1, ilvl=1)
    b.paragraph("first item;", num_id=1, ilvl=2)
    b.paragraph("second item with sub-items:", num_id=1, ilvl=2)
    b.paragraph("sub one;", num_id=1, ilvl=3)
    b.paragraph("sub two.", num_id=1, ilvl=3)
    assert clause_nums(b, tmp_path) == [
        ("1", "1"), ("1.1", "1.1"), ("1.2", "1.2"), ("(a)", "1.2(a)"), ("(b)", "1.2(b)"),
        ("(i)", "1.2(b)(i)"), ("(ii)", "1.2(b)(ii)"),
    ]


def test_every_number_format(tmp_path):
    b = DocxBuilder()
    fmts = ["decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "decimalZero", "ordinal"]
    for i, fmt in enumerate(fmts, start=1):
        b.abstract_num(i, [Level(0, fmt, "%1.", start=4)])
        b.num(i, i)
        b.paragraph("x", num_id=i, ilvl=0)
    assert labels(b, tmp_path) == ["4.", "d.", "D.", "iv.", "IV.", "04.", "4th."]


def test_literal_lvltext_without_placeholder(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "Note")])
    b.num(1, 1)
    b.paragraph("x", num_id=1, ilvl=0)
    assert labels(b, tmp_path) == ["Note"]


def test_letters_past_z_repeat_the_letter(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "lowerLetter", "(%1)", start=25)])
    b.num(1, 1)
    for _ in range(5):
        b.paragraph("x", num_id=1, ilvl=0)
    assert labels(b, tmp_path) == ["(y)", "(z)", "(aa)", "(bb)", "(cc)"]
    assert alpha(53) == "aaa" and alpha(0) == ""


def test_start_value(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "Article %1", start=7)])
    b.num(1, 1)
    b.paragraph("x", num_id=1, ilvl=0)
    b.paragraph("y", num_id=1, ilvl=0)
    assert labels(b, tmp_path) == ["Article 7", "Article 8"]


def test_start_override_restarts_once_per_num(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1.")])
    b.num(1, 1)
    b.num(2, 1, start_overrides={0: 1})
    b.paragraph("a", num_id=1, ilvl=0)
    b.paragraph("b", num_id=1, ilvl=0)
    b.paragraph("c", num_id=2, ilvl=0)  # restarts at 1
    b.paragraph("d", num_id=2, ilvl=0)  # continues: the override applies once
    assert labels(b, tmp_path) == ["1.", "2.", "1.", "2."]


def test_nums_sharing_an_abstract_num_share_counters(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1.")])
    b.num(1, 1)
    b.num(2, 1)
    b.paragraph("a", num_id=1, ilvl=0)
    b.paragraph("b", num_id=2, ilvl=0)
    b.paragraph("c", num_id=1, ilvl=0)
    assert labels(b, tmp_path) == ["1.", "2.", "3."]


def test_numbering_inherited_from_style_through_based_on(tmp_path):
    b = DocxBuilder()
    sec_list(b)
    b.style("Clause", "Clause", num_id=1, ilvl=1)
    b.style("ClauseChild", "Clause Child", based_on="Clause")
    b.paragraph("Section", num_id=1, ilvl=0)
    b.paragraph("inherits numId and ilvl from its base style", style="ClauseChild")
    assert labels(b, tmp_path) == ["1", "1.1"]


def test_num_id_and_ilvl_are_inherited_separately(tmp_path):
    b = DocxBuilder()
    sec_list(b)
    b.style("Clause", "Clause", num_id=1, ilvl=1)
    b.paragraph("Section", num_id=1, ilvl=0)
    # numPr holding only an ilvl: the numId still comes from the style
    b.raw_body_xml(
        '<w:p><w:pPr><w:pStyle w:val="Clause"/><w:numPr><w:ilvl w:val="2"/></w:numPr></w:pPr>'
        '<w:r><w:t>ilvl 2 direct, numId from the style</w:t></w:r></w:p>'
    )
    assert labels(b, tmp_path) == ["1", "(a)"]


def test_style_linked_level_via_pstyle(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1", pstyle="Heading1"), Level(1, "decimal", "%1.%2")])
    b.num(1, 1)
    b.style("Heading1", "heading 1", num_id=1)  # no ilvl: the level whose pStyle names the style
    b.paragraph("Introduction", style="Heading1")
    b.paragraph("Clause", num_id=1, ilvl=1)
    b.paragraph("Definitions", style="Heading1")
    assert labels(b, tmp_path) == ["1", "1.1", "2"]


def test_num_style_link_follows_to_the_defining_abstract_num(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "upperRoman", "Part %1")], style_link="PartList")
    b.num(1, 1)
    b.style("PartList", "Part List", kind="numbering", num_id=1)
    b.abstract_num(2, [], num_style_link="PartList")
    b.num(2, 2)
    b.paragraph("x", num_id=2, ilvl=0)
    b.paragraph("y", num_id=2, ilvl=0)
    assert labels(b, tmp_path) == ["Part I", "Part II"]


def test_num_id_zero_cancels_style_numbering(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1", pstyle="Heading1")])
    b.num(1, 1)
    b.style("Heading1", "heading 1", num_id=1)
    b.paragraph("Numbered", style="Heading1")
    b.paragraph("Annex D", style="Heading1", num_id=0)
    b.paragraph("Numbered again", style="Heading1")
    doc_labels = labels(b, tmp_path)
    assert doc_labels == ["1", "2"]


def test_numpr_without_ilvl_means_level_zero(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1)"), Level(1, "lowerLetter", "%2)")])
    b.num(1, 1)
    b.paragraph("x", num_id=1)
    b.paragraph("y", num_id=1)
    assert labels(b, tmp_path) == ["1)", "2)"]


def test_lvl_restart(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [
        Level(0, "decimal", "%1."),
        Level(1, "lowerLetter", "%2)", restart=0),  # never restarts
        Level(2, "lowerRoman", "%3)", restart=1),  # restarts only after level 0
    ])
    b.num(1, 1)
    seq = [0, 1, 2, 1, 2, 0, 1, 2]
    for ilvl in seq:
        b.paragraph("x", num_id=1, ilvl=ilvl)
    assert labels(b, tmp_path) == ["1.", "a)", "i)", "b)", "ii)", "2.", "c)", "i)"]


def test_is_lgl_draws_inherited_levels_in_arabic(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "upperRoman", "%1."), Level(1, "decimal", "%1.%2", is_lgl=True)])
    b.num(1, 1)
    b.paragraph("x", num_id=1, ilvl=0)
    b.paragraph("x", num_id=1, ilvl=0)
    b.paragraph("y", num_id=1, ilvl=1)
    assert labels(b, tmp_path) == ["I.", "II.", "2.1"]


def test_hidden_numbers_still_count(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1.")])
    b.num(1, 1)
    b.paragraph("shown", num_id=1, ilvl=0)
    b.paragraph("hidden number", num_id=1, ilvl=0, vanish_number=True)
    b.paragraph("shown", num_id=1, ilvl=0)
    path = tmp_path / "h.docx"
    b.save(path)
    doc = read_docx(path)
    assert [c.num for c in doc.clauses] == ["1.", "", "3."]
    assert [c.num_value for c in doc.clauses] == [1, 2, 3]


def test_suffix_is_recorded_not_part_of_the_label(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1.", suff="space")])
    b.num(1, 1)
    b.paragraph("x", num_id=1, ilvl=0)
    path = tmp_path / "s.docx"
    b.save(path)
    clause = read_docx(path).clauses[0]
    assert clause.num == "1." and clause.word_list.suff == "space"


def test_single_level_lists_ignore_ilvl(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1."), Level(1, "lowerLetter", "%2.")], multi_level_type="singleLevel")
    b.num(1, 1)
    b.paragraph("x", num_id=1, ilvl=0)
    b.paragraph("y", num_id=1, ilvl=1)
    assert labels(b, tmp_path) == ["1.", "2."]


def test_deleted_paragraphs_in_tracked_changes_do_not_count(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1.")])
    b.num(1, 1)
    b.paragraph("kept", num_id=1, ilvl=0)
    b.paragraph("deleted by a tracked change", num_id=1, ilvl=0, deleted=True)
    b.paragraph("inserted by a tracked change", num_id=1, ilvl=0, inserted=True)
    path = tmp_path / "d.docx"
    b.save(path)
    doc = read_docx(path)
    assert [(c.num, c.text) for c in doc.clauses] == [("1.", "kept"), ("2.", "inserted by a tracked change")]


def test_literal_numbers_are_used_when_there_is_no_list_and_say_so(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1"), Level(1, "decimal", "%1.%2")])
    b.num(1, 1)
    b.paragraph("Migration", num_id=1, ilvl=0)
    b.paragraph("auto clause", num_id=1, ilvl=1)
    b.paragraph("1.1A\tA typed clause number between automatic ones.")
    path = tmp_path / "l.docx"
    b.save(path)
    doc = read_docx(path)
    assert [(c.ref, c.numbering, c.text) for c in doc.clauses] == [
        ("1", "auto", "Migration"),
        ("1.1", "auto", "auto clause"),
        ("1.1A", "literal", "A typed clause number between automatic ones."),
    ]


@pytest.mark.parametrize(("n", "fmt", "expected"), [
    (1, "lowerRoman", "i"), (4, "lowerRoman", "iv"), (9, "upperRoman", "IX"), (1994, "lowerRoman", "mcmxciv"),
    (0, "lowerRoman", "0"), (-3, "decimal", "-3"), (11, "ordinal", "11th"), (22, "ordinal", "22nd"),
    (5, "madeUpFormat", "5"), (3, "none", ""),
])
def test_format_number_edges(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_hostile_values_stay_bounded():
    assert len(alpha(10**9)) <= 64
    assert roman(10**9) == str(10**9)


def test_paragraphs_moved_away_in_tracked_changes_do_not_count(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1.")])
    b.num(1, 1)
    b.paragraph("kept", num_id=1, ilvl=0)
    b.raw_body_xml(
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
        '<w:rPr><w:moveFrom w:id="9" w:author="a" w:date="2020-01-01T00:00:00Z"/></w:rPr></w:pPr>'
        '<w:moveFrom w:id="10" w:author="a" w:date="2020-01-01T00:00:00Z"><w:r><w:t>moved away</w:t></w:r></w:moveFrom></w:p>'
    )
    b.paragraph("next", num_id=1, ilvl=0)
    assert clause_nums(b, tmp_path) == [("1.", "1"), ("2.", "2")]


def test_table_of_contents_entries_are_not_clauses(tmp_path):
    b = DocxBuilder()
    b.style("TOC1", "toc 1")
    b.paragraph("1.1\tPurpose\t2", style="TOC1")
    b.paragraph("1.1\tPurpose of this document.")
    assert [(c.ref, c.text) for c in read_docx_bytes(b, tmp_path).clauses] == [("1.1", "Purpose of this document.")]


def read_docx_bytes(builder: DocxBuilder, tmp_path: Path):
    path = tmp_path / "toc.docx"
    builder.save(path)
    return read_docx(path)


def test_a_list_whose_first_item_is_deeper_counts_the_skipped_level_as_started(tmp_path):
    """Word draws the skipped level at its start value and counts it used: "Article 2" comes next."""
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "Article %1"), Level(1, "decimal", "%1.%2"), Level(2, "lowerLetter", "(%3)")])
    b.num(1, 1)
    b.paragraph("a definition before any article", num_id=1, ilvl=1)
    b.paragraph("first article", num_id=1, ilvl=0)
    b.paragraph("an item straight under the article", num_id=1, ilvl=2)
    b.paragraph("its clause", num_id=1, ilvl=1)
    assert labels(b, tmp_path) == ["1.1", "Article 2", "(a)", "2.2"]


def field(instr: str) -> str:
    """A complex field without a saved result, as Word writes LISTNUM."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{instr}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def paragraph(*parts: str) -> str:
    return "<w:p>" + "".join(parts) + "</w:p>"


NUMBERED = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'


def test_listnum_fields_number_clauses_of_unnumbered_paragraphs(tmp_path):
    b = DocxBuilder()
    b.raw_body_xml(paragraph(field(" LISTNUM LegalDefault "), run("\tDefinitions.")))
    b.raw_body_xml(paragraph(field(r" LISTNUM LegalDefault \l 2 "), run("\tIn this Agreement:")))
    b.raw_body_xml(paragraph(field(r" LISTNUM LegalDefault \l 2 "), run("\tHeadings are ignored.")))
    b.raw_body_xml(paragraph('<w:fldSimple w:instr=" LISTNUM LegalDefault \\l 1 "/>', run("\tTerm.")))
    b.raw_body_xml(paragraph(field(" LISTNUM OutlineDefault "), run(" Scope")))
    b.raw_body_xml(paragraph(field(r" LISTNUM OutlineDefault \l 2 "), run(" Goods")))
    path = tmp_path / "listnum.docx"
    b.save(path)
    doc = read_docx(path)
    assert [(p.num, p.text) for p in doc.paragraphs] == [
        ("1.", "Definitions."), ("1.1.", "In this Agreement:"), ("1.2.", "Headings are ignored."),
        ("2.", "Term."), ("I.", "Scope"), ("A.", "Goods"),
    ]
    assert [c.ref for c in doc.clauses][:4] == ["1", "1.1", "1.2", "2"]


def test_listnum_fields_inside_a_numbered_paragraph_number_its_inline_items(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1."), Level(1, "lowerLetter", "(%2)")])
    b.num(1, 1)
    b.raw_body_xml(paragraph(
        NUMBERED, run("The Supplier shall "), field(" LISTNUM "), run(" deliver; and "),
        field(" LISTNUM "), run(" install the Goods."),
    ))
    b.raw_body_xml(paragraph(run("Pay within "), field(r' LISTNUM "NumberDefault" \s 5 '), run(" days.")))
    b.paragraph("Next clause.", num_id=1, ilvl=0)
    b.paragraph("Its first item.", num_id=1, ilvl=1)
    path = tmp_path / "inline.docx"
    b.save(path)
    assert [(p.num, p.text) for p in read_docx(path).paragraphs] == [
        ("1.", "The Supplier shall (a) deliver; and (b) install the Goods."),
        ("", "Pay within 5) days."),
        ("2.", "Next clause."),
        ("(a)", "Its first item."),
    ]


@pytest.mark.parametrize(("instr", "parsed"), [
    (" LISTNUM ", (None, None, None)),
    (r' LISTNUM "LegalDefault" \l 3 \s 5 ', ("LegalDefault", 3, 5)),
    (r" LISTNUM NumberDefault \l 12", ("NumberDefault", 9, None)),
    (" PAGE ", None),
])
def test_listnum_field_codes(instr, parsed):
    assert parse_listnum(instr) == parsed

"""The PDF reader: a published PDF gives the same clause model as the .docx it came from.

Fixtures are PDFs written in code (tests/pdf_builders.py, Courier text at exact places), so
each test shows the layout it relies on: labels and their indentation, wrapped lines,
running heads, contents lines, ruled tables over two pages, strike-throughs and underlines.
The LibreOffice round trip of the bundled sources is in test_pdf_vs_docx.py.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from docgen.errors import InputError
from docgen.limits import Limits
from docgen.readers import read_document
from docgen.readers.pdf import read_pdf
from docgen.readers.pdf.labels import parse_label, resolve_format
from pdf_builders import Flow, Pdf, width, wrap

LONG = (
    "the Device shall respond to the Service Request Variant in accordance with GBCS except as set out "
    "in this clause, and the DCC shall not be liable for any difference in behaviour that results from "
    "the firmware version installed on the Device"
)


def save(tmp_path: Path, data: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(path: Path, **kw) -> object:
    return read_pdf(path, limits=Limits(), **kw)


def refs(doc) -> list[str]:
    return [c.ref for c in doc.clauses]


# -- labels: letter or roman ------------------------------------------------------------------


@pytest.mark.parametrize(
    "label, previous, following, expected",
    [
        ("(i)", ("lowerLetter", 8), None, ("lowerLetter", 9)),  # after (h)
        ("(i)", None, None, ("lowerRoman", 1)),  # a first child
        ("(i)", None, "(ii)", ("lowerRoman", 1)),  # before (ii)
        ("(i)", None, "(j)", ("lowerLetter", 9)),  # before (j): a list whose earlier items were lost
        ("(v)", ("lowerRoman", 4), None, ("lowerRoman", 5)),  # after (iv)
        ("(v)", ("lowerLetter", 21), None, ("lowerLetter", 22)),  # after (u)
        ("(x)", ("lowerRoman", 9), None, ("lowerRoman", 10)),  # after (ix)
        ("(x)", ("lowerLetter", 23), None, ("lowerLetter", 24)),  # after (w)
        ("(c)", None, None, ("lowerLetter", 3)),  # alone: 3 beats 100
        ("(ii)", None, None, ("lowerRoman", 2)),
        ("(ii)", ("lowerLetter", 34), None, ("lowerLetter", 35)),  # after (hh), Word's 35th letter
        ("(I)", None, None, ("upperRoman", 1)),
        ("(a)", None, None, ("lowerLetter", 1)),
        ("18.5", None, None, ("decimal", 5)),
    ],
)
def test_a_label_is_read_as_letter_or_roman_from_its_neighbours(label, previous, following, expected):
    parsed = parse_label(label)
    assert parsed is not None
    assert resolve_format(parsed, previous, parse_label(following) if following else None) == expected


@pytest.mark.parametrize("token", ["(or)", "(ab)", "4.8.x", "Clause", "(abc)", "18.5(p)"])
def test_words_that_only_look_like_labels_are_not_labels(token):
    assert parse_label(token) is None


def test_libreoffice_brackets_around_a_changed_number_are_not_part_of_it():
    label = parse_label("[(b)]")
    assert label is not None and label.text == "(b)" and label.core == "b"


def s1sr_page(flow: Flow) -> None:
    """Section 18 with letters (h), (i), (j) at one indentation and roman sub-items under (p)."""
    flow.para("Device Specific Behaviours", label="18", size=14, bold=True, label_x=72, text_x=108)
    flow.para("The following apply:", label="18.5", label_x=72, text_x=108)
    for letter in "abcdefghijklmnop":
        flow.para(f"item {letter} for the L+G ESME;", label=f"({letter})", label_x=108, text_x=144)
    for numeral in ("i", "ii", "iii", "iv", "v", "vi"):
        flow.para(f"sub-item {numeral} for SRV 4.8.1;", label=f"({numeral})", label_x=144, text_x=192)
    for letter in "qrstuvwx":
        flow.para(f"item {letter} for the Secure ESME;", label=f"({letter})", label_x=108, text_x=144)


def test_letters_and_romans_at_their_indentation_build_the_tree(tmp_path):
    flow = Flow(Pdf())
    s1sr_page(flow)
    doc = read(save(tmp_path, flow.finish()))
    by_ref = doc.by_ref()
    assert refs(doc)[:3] == ["18", "18.5", "18.5(a)"]
    assert by_ref["18.5(i)"].num_format == "lowerLetter" and by_ref["18.5(i)"].num_value == 9
    assert by_ref["18.5(p)(i)"].num_format == "lowerRoman" and by_ref["18.5(p)(i)"].num_value == 1
    assert by_ref["18.5(p)(v)"].num_format == "lowerRoman" and by_ref["18.5(p)(v)"].num_value == 5
    assert by_ref["18.5(v)"].num_format == "lowerLetter" and by_ref["18.5(v)"].num_value == 22
    assert by_ref["18.5(x)"].num_format == "lowerLetter" and by_ref["18.5(x)"].num_value == 24
    assert by_ref["18.5(p)(vi)"].kind == "subitem" and by_ref["18.5(p)(vi)"].parent is by_ref["18.5(p)"]
    assert by_ref["18.5(q)"].parent is by_ref["18.5"]
    section = by_ref["18"]
    assert section.heading == "Device Specific Behaviours" and section.kind == "section"
    assert by_ref["18.5(p)(ii)"].text == "sub-item ii for SRV 4.8.1;"
    assert by_ref["18.5(p)(ii)"].numbering == "inferred"
    assert by_ref["18.5(p)(ii)"].eid == "sec_18__para_5__point_p__subpoint_ii"


def test_a_roman_list_drawn_at_its_parents_indentation_still_nests_under_it(tmp_path):
    """A redline prints a demoted item where it stood: "(i)" straight after "(p)", same place."""
    flow = Flow(Pdf())
    flow.para("The following apply:", label="18.5", label_x=72, text_x=108)
    for letter in "op":
        flow.para(f"item {letter};", label=f"({letter})", label_x=108, text_x=156)
    for numeral in ("i", "ii", "iii"):
        flow.para(f"sub-item {numeral};", label=f"({numeral})", label_x=108, text_x=156)
    flow.para("item q;", label="(q)", label_x=108, text_x=156)
    doc = read(save(tmp_path, flow.finish()))
    assert refs(doc) == ["18.5", "18.5(o)", "18.5(p)", "18.5(p)(i)", "18.5(p)(ii)", "18.5(p)(iii)", "18.5(q)"]


# -- paragraphs ---------------------------------------------------------------------------------


def test_wrapped_lines_join_across_lines_and_pages(tmp_path):
    flow = Flow(Pdf(), bottom_margin=140)
    flow.para("Scope", label="1", size=14, bold=True)
    flow.para(f"Clause text: {LONG}.", label="1.1")
    flow.para("Short clause.", label="1.2")
    doc = read(save(tmp_path, flow.finish()))
    assert len(flow.pdf.pages) >= 2
    assert refs(doc) == ["1", "1.1", "1.2"]
    assert doc.by_ref()["1.1"].text == f"Clause text: {LONG}."
    assert doc.by_ref()["1.1"].source.page == 1 and doc.by_ref()["1.2"].source.page == 2


def test_wrapped_lines_may_return_to_the_labels_column(tmp_path):
    flow = Flow(Pdf())
    flow.para(f"First: {LONG}.", label="2.1", label_x=72, text_x=108, cont_x=72)
    flow.para(f"Second: {LONG}.", label="2.2", label_x=72, text_x=108, cont_x=72)
    doc = read(save(tmp_path, flow.finish()))
    assert refs(doc) == ["2.1", "2.2"]
    assert doc.by_ref()["2.2"].text == f"Second: {LONG}."


def test_a_wrapped_line_that_starts_like_a_label_continues_its_clause(tmp_path):
    """Word space after "(a)" or "4.8.1" at the start of a wrapped line: text, not a label."""
    lines = [
        "This clause applies to the Device Models listed in paragraph",
        "(a) above, and to any Device that receives a Request for SRV",
        "4.8.1 from a User.",
    ]
    pdf = Pdf()
    page = pdf.page()
    page.text(72, 100, "3.1")
    for i, line in enumerate(lines):
        page.words(108, 100 + 13 * i, *line.split())
    page.text(72, 146, "3.2")
    page.text(108, 146, "Next clause.")
    # Each line is full: the next line's first word would not have fitted after it.
    assert width(lines[1]) > width(lines[0]) - width(" 4.8.1")
    doc = read(save(tmp_path, pdf.to_bytes()))
    assert refs(doc) == ["3.1", "3.2"]
    assert doc.by_ref()["3.1"].text == " ".join(lines)


def test_a_line_broken_after_a_hyphen_dash_or_slash_joins_without_a_space(tmp_path):
    lines = [
        "The behaviour of the Secure ESME described in Clauses 18.5(q)–",
        "18.5(z) applies to each and every one of the installed SMETS1-",
        "based Devices which accept, or that accept then reject, and/",
        "or reject the request.",
    ]
    pdf = Pdf()
    page = pdf.page()
    page.text(72, 100, "7.1")
    for i, line in enumerate(lines):
        page.words(108, 100 + 13 * i, *line.split())
    page.words(72, 160, "7.2", "   Next.")
    assert all(width(line) > width(lines[0]) - width(" 18.5(z)") for line in lines[:3])  # full lines
    doc = read(save(tmp_path, pdf.to_bytes()))
    assert doc.by_ref()["7.1"].text == "".join(lines)


def test_an_unnumbered_paragraph_after_a_clause_is_not_part_of_it(tmp_path):
    flow = Flow(Pdf())
    flow.para("The clause.", label="4.1")
    flow.para("A note that follows the clause, indented like its text.", label_x=108)
    flow.para("The next clause.", label="4.2")
    doc = read(save(tmp_path, flow.finish()))
    assert [(c.ref, c.text) for c in doc.clauses] == [("4.1", "The clause."), ("4.2", "The next clause.")]
    assert any(p.text.startswith("A note") and p.clause is None for p in doc.paragraphs)


def test_a_lone_reference_on_its_own_line_is_not_a_clause(tmp_path):
    """A redline's change summary lists refs one per line; a list item is never text-less."""
    flow = Flow(Pdf())
    flow.para("Inserted", size=13, bold=True)
    flow.para("1.10")
    flow.para("Scope", label="1", size=14, bold=True)
    flow.para("The clause.", label="1.1")
    doc = read(save(tmp_path, flow.finish()))
    assert refs(doc) == ["1", "1.1"]


def test_footnotes_and_their_marks_are_not_clause_text(tmp_path):
    """The clause runs from page 1 to page 2 past a footnote; its raised mark is dropped too."""
    text = f"Where the Device behaves as described in the DUIS, {LONG}, {LONG}."
    wrapped = wrap(text, 523 - 108, 523 - 108)
    pdf = Pdf()
    first, second = pdf.page(), pdf.page()
    first.text(72, 700, "2.1")
    for i, line in enumerate(wrapped[:3]):
        end = first.text(108, 700 + 13 * i, line)
        if i == 0:
            first.text(end, 696, "1", size=7)  # the footnote reference, raised
    first.text(72, 760, "1", size=8)
    first.text(84, 760, "See the DUIS, version 5.", size=8)
    for i, line in enumerate(wrapped[3:]):
        second.text(108, 80 + 13 * i, line)
    second.text(72, 80 + 13 * len(wrapped[3:]) + 7, "2.2")
    second.text(108, 80 + 13 * len(wrapped[3:]) + 7, "Next clause.")
    doc = read(save(tmp_path, pdf.to_bytes()))
    assert len(wrapped) > 4
    assert [(c.ref, c.text) for c in doc.clauses] == [("2.1", text), ("2.2", "Next clause.")]


def test_provenance_names_page_and_line(tmp_path):
    flow = Flow(Pdf(), header="DCC Public")
    flow.para("Scope", label="1", size=14, bold=True)
    flow.para("The clause.", label="1.1")
    doc = read(save(tmp_path, flow.finish()))
    clause = doc.by_ref()["1.1"]
    assert (clause.source.page, clause.source.line) == (1, 3)  # the running head is line 1
    assert clause.source.describe() == "page 1 line 3"


# -- page furniture -------------------------------------------------------------------------------


def test_running_heads_footers_and_page_numbers_are_dropped(tmp_path):
    flow = Flow(Pdf(), header="DCC Public", footer=True, bottom_margin=300)
    for n in range(1, 9):
        flow.para(f"Clause {n}: {LONG}.", label=f"5.{n}")
    doc = read(save(tmp_path, flow.finish()))
    assert len(flow.pdf.pages) >= 3
    assert refs(doc) == [f"5.{n}" for n in range(1, 9)]
    assert all("DCC Public" not in c.text and "Page" not in c.text for c in doc.clauses)
    assert doc.by_ref()["5.8"].text == f"Clause 8: {LONG}."


def test_contents_lines_with_dot_leaders_are_not_clauses(tmp_path):
    pdf = Pdf()
    page = pdf.page()
    page.text(72, 80, "Contents", size=14, bold=True)
    for i, (label, title, number) in enumerate([("1", "Introduction", "3"), ("18.5", "Device behaviours", "12"), ("18.6", "Alerts", "14")]):
        page.text(72, 110 + 14 * i, label)
        page.text(108, 110 + 14 * i, f"{title} " + "." * 40 + f" {number}")
    page.text(72, 200, "1", size=14, bold=True)
    page.text(108, 200, "Introduction", size=14, bold=True)
    page.text(72, 225, "1.1")
    page.text(108, 225, "The clause.")
    doc = read(save(tmp_path, pdf.to_bytes()))
    assert refs(doc) == ["1", "1.1"]
    assert doc.metadata["contents_lines_dropped"] == 3


# -- headings and scopes --------------------------------------------------------------------------


def test_an_unnumbered_annex_heading_scopes_the_clauses_after_it(tmp_path):
    flow = Flow(Pdf())
    flow.para("Device Specific Behaviours", label="18", size=14, bold=True)
    flow.para("A clause.", label="18.1")
    flow.para("Annex D Device Models", size=14, bold=True)
    flow.para("Annex clause.", label="1.1")
    doc = read(save(tmp_path, flow.finish()))
    assert refs(doc) == ["18", "18.1", "Annex D 1.1"]
    assert doc.by_ref()["Annex D 1.1"].parent is None


# -- tables ------------------------------------------------------------------------------------------


STEP_COLUMNS = [72.0, 150.0, 230.0, 523.0]


def test_step_rows_of_a_captioned_table_are_clauses_even_across_pages(tmp_path):
    flow = Flow(Pdf(), bottom_margin=330, header="DCC Public")
    flow.para("Migration steps", label="5", size=14, bold=True)
    flow.para("Table 5.10 – Steps for the GT01 check")
    rows = [["Step", "Party", "Action"]] + [[f"5.10.{n}", "DCC", f"Check {n}: {LONG[: 40 + 9 * n]}"] for n in range(1, 9)]
    flow.table(rows, STEP_COLUMNS)
    flow.para("After the table.", label="5.1")
    doc = read(save(tmp_path, flow.finish()))
    assert len(flow.pdf.pages) >= 2
    steps = [c for c in doc.clauses if c.kind == "step"]
    assert [c.ref for c in steps] == [f"Table 5.10 Step 5.10.{n}" for n in range(1, 9)]
    assert steps[6].text == f"DCC | Check 7: {LONG[:103]}"
    assert refs(doc) == ["5"] + [c.ref for c in steps] + ["5.1"]  # the steps stand where the table is
    (table,) = doc.tables
    assert table.label == "5.10" and table.caption.startswith("Table 5.10")
    assert table.rows[0] == ["Step", "Party", "Action"] and len(table.rows) == 9  # header kept once
    assert steps[0].source.page == 1 and steps[0].source.row == 1


def test_a_row_split_by_the_page_break_is_made_whole(tmp_path):
    pdf = Pdf()
    first, second = pdf.page(), pdf.page()
    first.text(72, 80, "Table A3 – GT01")
    first.words(75, 110, "Step")
    first.words(153, 110, "Action")
    first.words(75, 130, "4")
    first.words(153, 130, "Check that the reading was taken")
    first.grid([72, 150, 523], [99, 119, 139])
    second.words(153, 80, "within 72 hours.")
    second.words(75, 100, "5")
    second.words(153, 100, "Report.")
    second.grid([72, 150, 523], [69, 89, 109])
    doc = read(save(tmp_path, pdf.to_bytes()))
    assert [(c.ref, c.text) for c in doc.clauses] == [
        ("Table A3 Step 4", "Check that the reading was taken within 72 hours."),
        ("Table A3 Step 5", "Report."),
    ]


def test_a_table_without_a_caption_gives_no_steps(tmp_path):
    flow = Flow(Pdf())
    flow.para("Some text before.")
    flow.table([["Step", "Action"], ["1", "Do it."]], [72.0, 150.0, 523.0])
    doc = read(save(tmp_path, flow.finish()))
    assert doc.clauses == [] and doc.tables[0].rows == [["Step", "Action"], ["1", "Do it."]]


def test_a_shaded_box_is_not_a_table(tmp_path):
    pdf = Pdf()
    page = pdf.page()
    page.box(66, 88, 530, 106, grey=0.9)  # a shaded note behind the clause
    page.text(72, 100, "6.1")
    page.text(108, 100, "A clause set on a shaded background.")
    doc = read(save(tmp_path, pdf.to_bytes()))
    assert [(c.ref, c.text) for c in doc.clauses] == [("6.1", "A clause set on a shaded background.")]
    assert doc.tables == []


# -- redlines ---------------------------------------------------------------------------------------

RED, BLUE = (0.75, 0.0, 0.0), (0.0, 0.2, 0.8)


def redline_pdf() -> bytes:
    """'The check runs every [24]{72} hours and the clause{s} apply.' plus a deleted item."""
    pdf = Pdf()
    page = pdf.page()
    page.text(72, 100, "1.1")
    x = page.words(108, 100, "The", "check", "runs", "every")
    end = page.text(x, 100, "24", colour=RED)
    page.hline(x, end, 97, colour=RED)  # through the middle of the digits
    x = end + width(" ")
    end = page.text(x, 100, "72", colour=BLUE)
    page.hline(x, end, 101.5, colour=BLUE)  # just under the baseline
    x = page.words(end + width(" "), 100, "hours", "and", "the")
    end = page.text(x, 100, "clause")
    plural = page.text(end, 100, "s", colour=BLUE)
    page.hline(end, plural, 101.5, colour=BLUE)
    page.text(plural + width(" "), 100, "apply.")
    page.text(108, 120, "(a)", colour=RED)
    end = page.text(144, 120, "a deleted item;", colour=RED)
    page.hline(108, end, 117, colour=RED)
    page.text(108, 140, "(a)")
    page.text(144, 140, "the item that stays.")
    return pdf.to_bytes()


def test_a_redline_reads_as_its_new_version_by_default(tmp_path):
    doc = read(save(tmp_path, redline_pdf()))
    assert [(c.ref, c.text) for c in doc.clauses] == [
        ("1.1", "The check runs every 72 hours and the clauses apply."),
        ("1.1(a)", "the item that stays."),
    ]
    assert doc.metadata["redline"] is True


def test_a_redline_reads_as_its_original_version_on_request(tmp_path):
    doc = read(save(tmp_path, redline_pdf()), view="original")
    assert [(c.ref, c.text) for c in doc.clauses] == [
        ("1.1", "The check runs every 24 hours and the clause apply."),
        ("1.1(a)", "a deleted item;"),
        ("1.1(a)", "the item that stays."),
    ]


def test_a_clean_pdf_is_not_a_redline_and_both_views_agree(tmp_path):
    flow = Flow(Pdf())
    s1sr_page(flow)
    path = save(tmp_path, flow.finish())
    new, original = read(path), read(path, view="original")
    assert "redline" not in new.metadata
    assert [(c.ref, c.text) for c in new.clauses] == [(c.ref, c.text) for c in original.clauses]


def test_revision_colour_without_a_rule_counts_only_when_the_document_uses_it_for_revisions(tmp_path):
    pdf = Pdf()
    page = pdf.page()
    page.text(72, 80, "Device Behaviours", size=14, bold=True, colour=(0.0, 0.5, 0.5))  # a teal heading
    page.text(72, 100, "1.1")
    x = page.words(108, 100, "Reads")
    end = page.text(x, 100, "old", colour=RED)
    page.hline(x, end, 97, colour=RED)  # struck: red is this document's deletion colour
    x = page.text(end + width(" "), 100, "gone", colour=RED)  # red, no rule: deleted all the same
    page.text(x + width(" "), 100, "words.")
    doc = read(save(tmp_path, pdf.to_bytes()))
    assert doc.by_ref()["1.1"].text == "Reads words."
    original = read(save(tmp_path, pdf.to_bytes(), "again.pdf"), view="original")
    assert original.by_ref()["1.1"].text == "Reads old gone words."
    assert any(p.text == "Device Behaviours" for p in original.paragraphs)


def test_blue_underlined_links_do_not_make_a_redline(tmp_path):
    pdf = Pdf()
    page = pdf.page()
    page.text(72, 100, "1.1")
    x = page.words(108, 100, "See")
    end = page.text(x, 100, "www.smartdcc.co.uk", colour=BLUE)
    page.hline(x, end, 101.5, colour=BLUE)
    page.text(end + width(" "), 100, "for more.")
    path = save(tmp_path, pdf.to_bytes())
    assert "redline" not in read(path).metadata
    assert read(path, view="original").by_ref()["1.1"].text == "See www.smartdcc.co.uk for more."


# -- identity ---------------------------------------------------------------------------------------


def test_title_appendix_and_version_are_guessed_as_for_docx(tmp_path):
    flow = Flow(Pdf(title="SMETS1 Supporting Requirements v12.1"))
    flow.para("SEC Appendix AM", size=20, bold=True)
    flow.para("Version 12.1")
    flow.para("Scope", label="1", size=14, bold=True)
    doc = read(save(tmp_path, flow.finish()))
    assert (doc.format, doc.title, doc.appendix, doc.version) == ("pdf", "SMETS1 Supporting Requirements v12.1", "AM", "12.1")
    assert read_document(save(tmp_path, flow.finish(), "via-dispatch.pdf")).format == "pdf"


# -- bad input ---------------------------------------------------------------------------------------


def test_a_scan_without_text_is_refused_with_advice(tmp_path):
    pdf = Pdf()
    pdf.page().box(72, 72, 523, 770)  # a picture of a page: no characters at all
    with pytest.raises(InputError) as err:
        read(save(tmp_path, pdf.to_bytes()))
    assert "has no text layer (a scanned PDF?)" in str(err.value)
    assert "run OCR first or use the .docx" in str(err.value)
    assert err.value.exit_code == 2


def test_text_in_fonts_without_a_unicode_map_is_refused(tmp_path, monkeypatch):
    """pdfminer reports such glyphs as "(cid:N)"; a clause model made of those is worthless."""
    from docgen.readers.pdf import reader as pdf_module
    from docgen.readers.pdf.source import RawChar, RawPage

    page = RawPage(number=1, width=595, height=842)
    for i in range(10):
        page.chars.append(RawChar(f"(cid:{30 + i})", 72 + 7 * i, 78 + 7 * i, 90, 101, 100, 11, "F1", (0,)))
    monkeypatch.setattr(pdf_module, "load", lambda path, limits, each: ([each(page)], {}))
    with pytest.raises(InputError, match="no readable text layer"):
        read(save(tmp_path, Pdf().to_bytes()))


def test_an_encrypted_pdf_is_refused_clearly(tmp_path):
    pdf = Pdf(encrypted=True)
    pdf.page().text(72, 100, "secret")
    with pytest.raises(InputError, match="encrypted and needs a password"):
        read(save(tmp_path, pdf.to_bytes()))


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n" + b"\x00garbage" * 50,
        Pdf().to_bytes()[:60],
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    ],
    ids=["garbage", "truncated", "no-page-tree"],
)
def test_a_damaged_pdf_is_an_input_error_not_a_traceback(tmp_path, data, caplog):
    with pytest.raises(InputError) as err:
        read(save(tmp_path, data))
    assert str(err.value).startswith(str(tmp_path / "doc.pdf"))
    assert not [r for r in caplog.records if r.name.startswith("pdfminer")]  # one line, no log noise


def test_the_page_limit_is_respected(tmp_path):
    flow = Flow(Pdf())
    for n in range(3):
        flow.new_page().text(72, 100, f"page {n}")
    with pytest.raises(InputError, match="over the limit of 2"):
        read_pdf(save(tmp_path, flow.finish()), limits=Limits(max_pdf_pages=2))


def test_an_unknown_view_is_a_usage_error(tmp_path):
    from docgen.errors import UsageError

    with pytest.raises(UsageError):
        read(save(tmp_path, redline_pdf()), view="both")


# -- speed -------------------------------------------------------------------------------------------


def test_forty_pages_parse_in_seconds(tmp_path):
    flow = Flow(Pdf(), header="DCC Public", footer=True)
    section = 0
    while len(flow.pdf.pages) < 40:
        section += 1
        flow.para(f"Section {section}", label=str(section), size=14, bold=True)
        for n in range(1, 4):
            flow.para(f"Clause {section}.{n}: {LONG}.", label=f"{section}.{n}")
            for letter in "abc":
                flow.para(f"item {letter}: {LONG[:120]};", label=f"({letter})", label_x=108, text_x=144)
    path = save(tmp_path, flow.finish())
    started = time.perf_counter()
    doc = read(path)
    elapsed = time.perf_counter() - started
    print(f"40-page PDF ({len(doc.clauses)} clauses) parsed in {elapsed:.2f}s")
    assert len(doc.clauses) == section * 13
    assert elapsed < 20  # generous: a shared two-core machine; typically about 2 s


def test_a_clause_ending_at_the_top_of_each_page_keeps_its_last_line(tmp_path):
    """Every page opens with the same last line of a clause carried over ("... the Device."),
    at the same height: it is body text, since other pages have text there; the header goes."""
    tail = "the firmware version installed on the Device"
    pdf = Pdf()
    for n in range(1, 7):
        page = pdf.page()
        page.text(72, 40, "DCC Public")
        top = 80.0
        if n > 1:
            page.text(108, top, f"{tail}.")
            top += 20.0
        page.text(72, top, f"5.{2 * n - 1}")
        page.text(108, top, f"Clause {2 * n - 1} applies.")
        top = 740.0
        if n < 6:
            first, second = wrap(f"Clause {2 * n}: {LONG[: -len(tail) - 1]}", 415, 415)[:2]
            page.text(72, top, f"5.{2 * n}")
            page.text(108, top, first)
            page.text(108, top + 13, second)
        page.text(250, 800, f"Page {n} of 6")
    doc = read(save(tmp_path, pdf.to_bytes()))
    assert refs(doc) == [f"5.{k}" for k in range(1, 12)]
    carried = [c for c in doc.clauses if c.ref in ("5.2", "5.4", "5.10")]
    assert all(c.text.endswith(f"{tail}.") for c in carried), [c.text[-60:] for c in carried]
    assert all("DCC Public" not in c.text and "Page" not in c.text for c in doc.clauses)

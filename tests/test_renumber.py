"""`docgen renumber`: Lawmaker's demote/promote on Word numbering, with references in step."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from docgen.commands.renumber import run_renumber
from docgen.errors import UsageError
from docgen.ooxml.ns import W
from docgen.readers import read_document, read_matrix
from docgen.transforms.matrix_refs import MOVE, MatrixPlan, RowDecision, rewrite_cell, update_xlsx
from docgen.transforms.renumber import moves_from_mapping, plan_moves, resolve_targets
from docgen.ooxml.text_slots import TextSlot, spread_rewrite
from renumber_builders import build_docx, build_xlsx, doc_from, part, refs, refs_and_texts

ROOT = Path(__file__).resolve().parents[1]

OUTLINE = [
    ("h", "Device Specific Behaviours"),
    ("c", "The following Device Models behave as described:"),
    ("i", "the Alpha ESME, on receipt of SRV 1.1, applies the Tariff from the next midnight;"),
    ("i", "the Beta ESME, on receipt of SRV 2.2, rounds each price as follows:"),
    ("s", "to the nearest penny;"),
    ("s", "downwards for negative prices;"),
    ("i", "the Gamma GSME, on receipt of SRV 4.4, returns ten days of data;", "_RefC"),
    ("i", "the Delta CHF, on receipt of SRV 8.2, lists Devices in the order they joined."),
    ("c", "Where the Gamma GSME is read as described in Clause [REF _RefC|18.1(c)], see also 18.1(d); Clause 1.4 of the TMAD is unrelated."),
]


def _renumber(tmp_path: Path, paras, *, demote=(), promote=(), name="in.docx", **kw) -> tuple[Path, int]:
    src = build_docx(paras, tmp_path / name)
    out = tmp_path / f"out-{len(list(tmp_path.iterdir()))}.docx"
    code = run_renumber(src, out, list(demote), list(promote), kw.get("dmves"), kw.get("dmves_out"), kw.get("table"), kw.get("redline"))
    return out, code


# --------------------------------------------------------------------------- the rule


def test_demoting_an_item_puts_it_under_its_previous_sibling_and_renumbers_the_rest(tmp_path):
    out, code = _renumber(tmp_path, OUTLINE, demote=["18.1(c)"])
    assert code == 0
    assert refs(read_document(out)) == [
        "18", "18.1", "18.1(a)", "18.1(b)", "18.1(b)(i)", "18.1(b)(ii)", "18.1(b)(iii)", "18.1(c)", "18.2",
    ]


def test_a_demoted_items_own_children_go_one_level_down_with_it(tmp_path):
    out, _ = _renumber(tmp_path, OUTLINE, demote=["18.1(b)"])
    doc = read_document(out)
    assert refs(doc)[2:7] == ["18.1(a)", "18.1(a)(i)", "18.1(a)(i)(A)", "18.1(a)(i)(B)", "18.1(b)"]
    moved = doc.by_ref()["18.1(a)(i)(A)"]
    assert moved.text == "to the nearest penny;" and moved.word_list.ilvl == 4


def test_a_range_of_items_lands_as_consecutive_subitems(tmp_path):
    paras = [
        ("h", "Behaviours"),
        ("c", "Lead-in:"),
        ("i", "the Alpha ESME is read as follows:"),
        ("i", "no more than 48 periods are returned;"),
        ("i", "values are in watt-hours; and"),
        ("i", "a long request is rejected."),
        ("i", "the Beta ESME does something else."),
    ]
    out, _ = _renumber(tmp_path, paras, demote=["18.1(b)..18.1(d)"])
    assert refs(read_document(out))[2:] == ["18.1(a)", "18.1(a)(i)", "18.1(a)(ii)", "18.1(a)(iii)", "18.1(b)"]


def test_only_the_word_numbering_changes_never_the_typed_text(tmp_path):
    out, _ = _renumber(tmp_path, OUTLINE, demote=["18.1(c)"])
    before = etree.fromstring(part(tmp_path / "in.docx", "word/document.xml"))
    after = etree.fromstring(part(out, "word/document.xml"))
    levels = lambda root: [p.find(f"{W.pPr}/{W.numPr}/{W.ilvl}").get(W.val) for p in root.iter(W.p) if p.find(f"{W.pPr}/{W.numPr}/{W.ilvl}") is not None]
    assert levels(before) == ["1", "2", "2", "3", "3", "2", "2", "1"]
    assert levels(after) == ["1", "2", "2", "3", "3", "3", "2", "1"]
    texts = lambda root: [t.text for t in root.iter(W.t) if "Gamma" not in (t.text or "") and "18." not in (t.text or "")]
    assert texts(before) == texts(after)
    for name in ("word/numbering.xml", "word/styles.xml"):
        assert part(out, name) == part(tmp_path / "in.docx", name)


def test_demote_then_promote_gives_back_the_same_refs_and_texts(tmp_path):
    original = doc_from(OUTLINE, tmp_path, "orig.docx")
    down = tmp_path / "down.docx"
    assert run_renumber(tmp_path / "orig.docx", down, ["18.1(b)..18.1(c)"], [], None, None, None, None) == 0
    assert refs(read_document(down)) != refs(original)
    back = tmp_path / "back.docx"
    assert run_renumber(down, back, [], ["18.1(a)(i)..18.1(a)(ii)"], None, None, None, None) == 0
    assert refs_and_texts(read_document(back)) == refs_and_texts(original)


def test_promoting_takes_the_later_siblings_under_the_promoted_item(tmp_path):
    out, _ = _renumber(tmp_path, OUTLINE, promote=["18.1(b)(i)"])
    doc = read_document(out)
    assert refs(doc)[2:7] == ["18.1(a)", "18.1(b)", "18.1(c)", "18.1(c)(i)", "18.1(d)"]
    assert doc.by_ref()["18.1(c)(i)"].text == "downwards for negative prices;"


def test_items_numbered_through_their_style_or_indented_directly_move_too(tmp_path):
    paras = [("h", "Behaviours"), ("c", "Lead-in:"), ("styled", "first styled item;"), ("styled", "second styled item;"), ("indented", "an indented item;")]
    out, _ = _renumber(tmp_path, paras, demote=["18.1(b)..18.1(c)"])
    doc = read_document(out)
    assert refs(doc)[2:] == ["18.1(a)", "18.1(a)(i)", "18.1(a)(ii)"]
    root = etree.fromstring(part(out, "word/document.xml"))
    ind = [el.get(W.left) for el in root.iter(W.ind)]
    assert ind == ["1440"]  # the direct indent moved with the level (720 -> 1440)


# --------------------------------------------------------------------------- cross-references


def test_cross_references_follow_the_items_they_cite_and_fields_survive(tmp_path):
    out, _ = _renumber(tmp_path, OUTLINE, demote=["18.1(c)"])
    doc = read_document(out)
    assert doc.by_ref()["18.2"].text == (
        "Where the Gamma GSME is read as described in Clause 18.1(b)(iii), see also 18.1(c); Clause 1.4 of the TMAD is unrelated."
    )
    xml = part(out, "word/document.xml").decode()
    assert "REF _RefC \\w \\h" in xml and 'w:name="_RefC"' in xml  # field and bookmark kept


def test_references_to_other_documents_are_never_rewritten(tmp_path):
    paras = OUTLINE[:-1] + [("c", "Clause 18.1(d) of the TMAD is unrelated; 18.1(d) is ours.")]
    out, _ = _renumber(tmp_path, paras, demote=["18.1(c)"])
    assert read_document(out).by_ref()["18.2"].text == "Clause 18.1(d) of the TMAD is unrelated; 18.1(c) is ours."


def test_rewrites_spread_over_runs_keep_unchanged_characters_in_their_runs():
    a, b = etree.Element("t"), etree.Element("t")
    a.text, b.text = "see Clause ", "18.5(z)"
    assert spread_rewrite([TextSlot(a.text, a), TextSlot(b.text, b)], lambda s: s.replace("18.5(z)", "18.5(t)"))
    assert (a.text, b.text) == ("see Clause ", "18.5(t)")
    tab = TextSlot(" ")
    assert not spread_rewrite([TextSlot("x", a), tab], lambda s: "x")  # would delete a tab: refused


# --------------------------------------------------------------------------- impossible requests


@pytest.mark.parametrize(
    ("demote", "promote", "message"),
    [
        (["18.1(a)"], [], "cannot demote 18.1(a): it has no previous sibling"),
        (["18.1(q)"], [], "no numbered paragraph 18.1(q)"),
        ([], ["18"], "cannot promote 18: it is already at the top level"),
        (["18.1(c)"], ["18.1(c)"], "both demoted and promoted"),
        (["18.1(d)..18.1(b)"], [], "comes after"),
        (["18.1(b)(i)"], [], "cannot demote 18.1(b)(i): it has no previous sibling to go under (the first item under 18.1(b))"),
        (["not a ref"], [], "cannot read 'not a ref'"),
    ],
)
def test_an_impossible_request_names_the_file_and_ref_and_writes_nothing(tmp_path, demote, promote, message):
    src = build_docx(OUTLINE, tmp_path / "in.docx")
    out, table = tmp_path / "out.docx", tmp_path / "t.csv"
    with pytest.raises(UsageError) as err:
        run_renumber(src, out, demote, promote, None, None, table, None)
    assert message in str(err.value) and str(src) in str(err.value)
    assert "\n" not in str(err.value)
    assert not out.exists() and not table.exists()


def test_a_level_the_list_does_not_define_is_refused(tmp_path):
    src = build_docx(OUTLINE, tmp_path / "in.docx", levels=4)
    # Demoting (b) would take its sub-item (b)(i) to a fifth level this list does not have.
    with pytest.raises(UsageError, match=r"cannot move 18.1\(b\)\(i\) to list level 5: Word list 1 numbers no such level"):
        run_renumber(src, tmp_path / "o.docx", ["18.1(b)"], [], None, None, None, None)
    assert not (tmp_path / "o.docx").exists()


def test_typed_numbers_cannot_be_moved_by_list_levels(tmp_path):
    doc = doc_from([("h", "Behaviours"), ("c", "Lead-in:"), ("t", "(a)\tfirst typed;"), ("t", "(b)\tsecond typed;")], tmp_path)
    typed = resolve_targets(doc, "18.1(b)")
    with pytest.raises(UsageError, match="typed text, not Word numbering"):
        plan_moves(doc, typed, [])


def test_the_cli_reports_an_impossible_request_in_one_line_with_exit_2(tmp_path):
    src = build_docx(OUTLINE, tmp_path / "in.docx")
    out = tmp_path / "out.docx"
    proc = subprocess.run(
        [sys.executable, "-m", "docgen", "renumber", str(src), "--demote", "18.1(a)", "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "no previous sibling" in proc.stderr
    assert not out.exists()


# --------------------------------------------------------------------------- table, determinism


def test_the_table_lists_every_ref_that_moved_and_is_printed_legislation_style(tmp_path, capsys):
    table = tmp_path / "t.csv"
    _renumber(tmp_path, OUTLINE, demote=["18.1(c)"], table=table)
    assert table.read_text().splitlines() == ["old ref,new ref", "18.1(c),18.1(b)(iii)", "18.1(d),18.1(c)"]
    printed = capsys.readouterr().err.splitlines()  # a report is a message: stderr
    assert printed[:2] == ["18.1(c) renumbered as 18.1(b)(iii)", "18.1(d) renumbered as 18.1(c)"]


def test_the_same_request_gives_byte_identical_outputs(tmp_path):
    src = build_docx(OUTLINE, tmp_path / "in.docx")
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    run_renumber(src, a, ["18.1(c)"], [], None, None, tmp_path / "a.csv", None)
    run_renumber(src, b, ["18.1(c)"], [], None, None, tmp_path / "b.csv", None)
    assert a.read_bytes() == b.read_bytes()
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_an_output_over_an_input_is_refused(tmp_path):
    src = build_docx(OUTLINE, tmp_path / "in.docx")
    before = src.read_bytes()
    with pytest.raises(UsageError, match="output path is one of the inputs"):
        run_renumber(src, src, ["18.1(c)"], [], None, None, None, None)
    assert src.read_bytes() == before


def test_a_proposed_mapping_becomes_demotions_of_the_promoted_items_only(tmp_path):
    doc = doc_from([("h", "B"), ("c", "Lead:"), ("i", "x follows:"), ("i", "one;"), ("i", "two."), ("i", "y.")], tmp_path)
    down, up = moves_from_mapping(doc, {"18.1(b)": "18.1(a)(i)", "18.1(c)": "18.1(a)(ii)", "18.1(d)": "18.1(b)"})
    assert [c.ref for c in down] == ["18.1(b)", "18.1(c)"] and up == []


# --------------------------------------------------------------------------- the matrix


def test_matrix_rows_reading_in_the_documents_numbering_move_with_their_clauses(tmp_path):
    src = build_docx(OUTLINE, tmp_path / "in.docx")
    dmves = build_xlsx(
        [
            ("18.1(a)", "Alpha ESME", "SRV 1.1"),
            ("18.1c", "Gamma GSME", "SRV 4.4", "Read with 18.1(d)."),
            ("Clause 18.1 (d)", "Delta CHF", "SRV 8.2"),
        ],
        tmp_path / "dmves.xlsx",
    )
    out, fixed = tmp_path / "out.docx", tmp_path / "out.xlsx"
    assert run_renumber(src, out, ["18.1(c)"], [], dmves, fixed, None, None) == 0
    rows = read_matrix(fixed).rows
    assert [r.ref_as_written for r in rows] == ["18.1(a)", "18.1b(iii)", "Clause 18.1 (c)"]
    for name in ("xl/styles.xml", "xl/workbook.xml", "xl/theme/theme1.xml"):
        assert part(fixed, name) == part(dmves, name)
    sheet = part(fixed, "xl/worksheets/sheet1.xml").decode()
    assert "Read with 18.1(c)." in sheet  # the note moved with the matrix's numbering
    unchanged = ("SEC Appendix AM Annex A", "Alpha ESME", "S1SR Clause")
    assert all(text in sheet for text in unchanged)


def test_matrix_rows_already_citing_the_intended_numbering_stay(tmp_path):
    src = build_docx(OUTLINE, tmp_path / "in.docx")
    # After demoting 18.1(c), the Delta CHF item is 18.1(c): this matrix already says so.
    dmves = build_xlsx([("18.1(a)", "Alpha ESME", "SRV 1.1"), ("18.1(c)", "Delta CHF", "SRV 8.2")], tmp_path / "dmves.xlsx")
    fixed = tmp_path / "out.xlsx"
    run_renumber(src, tmp_path / "out.docx", ["18.1(c)"], [], dmves, fixed, None, None)
    assert fixed.read_bytes() == dmves.read_bytes()


def test_rewrite_cell_keeps_the_users_spelling():
    mapping = {"18.5(q)": "18.5(p)(i)", "18.5(w)": "18.5(q)", "18.52": "18.53"}
    assert rewrite_cell("18.5q", mapping) == "18.5p(i)"
    assert rewrite_cell("18.5 (w)", mapping) == "18.5 (q)"
    assert rewrite_cell("Clause 18.5(w)", mapping) == "Clause 18.5(q)"
    assert rewrite_cell("Clause 18.52", mapping) == "Clause 18.53"
    assert rewrite_cell("18.63(d) 18.5(w)", mapping) == "18.63(d) 18.5(q)"
    assert rewrite_cell("TMAD 18.52", mapping) == "TMAD 18.52"
    assert rewrite_cell("not a reference", mapping) == "not a reference"


def _xlsx_parts(cells: str, shared: str | None = None) -> dict[str, bytes]:
    ss = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "xl/workbook.xml": f'<workbook xmlns="{ss}" xmlns:r="{rel}"><sheets><sheet name="ESME" sheetId="1" r:id="rId1"/></sheets></workbook>'.encode(),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ).encode(),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{ss}"><sheetData>{cells}</sheetData></worksheet>'.encode(),
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{ss}" count="3" uniqueCount="2">{shared}</sst>'.encode()
    return parts


def _plan(*cells: str) -> MatrixPlan:
    from docgen.model import MatrixRow

    return MatrixPlan(view="intended", decisions=[RowDecision(MatrixRow(ref="", ref_as_written="", sheet="ESME", cell=c), MOVE, True) for c in cells])


def test_xlsx_cells_are_edited_in_place_inline_rich_shared_and_numeric():
    from docgen.model import Matrix

    parts = _xlsx_parts(
        '<row r="5"><c r="A5" s="3" t="inlineStr"><is><r><rPr><b/></rPr><t>Clause </t></r><r><t>18.5(w)</t></r></is></c>'
        '<c r="B5" t="s"><v>0</v></c></row>'
        '<row r="6"><c r="A6" t="s"><v>1</v></c><c r="B6" t="s"><v>1</v></c></row>'
        '<row r="7"><c r="A7" s="2"><v>18.52</v></c></row>'
        '<row r="8"><c r="A8"><f>B6</f><v>18.5(w)</v></c></row>',
        shared="<si><t>untouched</t></si><si><t>18.5w</t></si>",
    )
    mapping = {"18.5(w)": "18.5(q)", "18.52": "18.53"}
    out, edits, warnings = update_xlsx(parts, "m.xlsx", _plan("A5", "A6", "A7", "A8"), Matrix("m.xlsx", "xlsx"), mapping, (None,))
    sheet = out["xl/worksheets/sheet1.xml"].decode()
    assert "<b/></rPr><t>Clause </t></r><r><t>18.5(q)</t>" in sheet  # runs and bold kept
    assert '<c r="A7" s="2" t="inlineStr"><is><t>18.53</t></is></c>' in sheet  # style kept
    assert '<c r="A6" t="s"><v>2</v></c><c r="B6" t="s"><v>1</v></c>' in sheet  # B6 shares the old string
    strings = out["xl/sharedStrings.xml"].decode()
    assert "<si><t>18.5w</t></si><si><t>18.5q</t></si>" in strings and 'uniqueCount="3"' in strings
    assert [e.location for e in edits] == ["ESME!A5", "ESME!A6", "ESME!A7"]
    assert any("formula" in w for w in warnings) and "<f>B6</f><v>18.5(w)</v>" in sheet


def test_a_csv_matrix_is_updated_in_its_own_delimiter_and_line_endings(tmp_path):
    src = build_docx(OUTLINE, tmp_path / "in.docx")
    dmves = tmp_path / "dmves.csv"
    dmves.write_bytes(
        b"S1SR Clause;Device Model(s);SRV;Notes\r\n"
        b"18.1(a);Alpha ESME;SRV 1.1;\r\n"
        b"18.1d;Delta CHF;SRV 8.2;Read with 18.1(d) and 18.1(a).\r\n"
    )
    fixed = tmp_path / "out.csv"
    run_renumber(src, tmp_path / "out.docx", ["18.1(c)"], [], dmves, fixed, None, None)
    assert fixed.read_bytes() == (
        b"S1SR Clause;Device Model(s);SRV;Notes\r\n"
        b"18.1(a);Alpha ESME;SRV 1.1;\r\n"
        b"18.1c;Delta CHF;SRV 8.2;Read with 18.1(c) and 18.1(a).\r\n"
    )

"""The DMVES reader turns any published shape of the matrix into canonical (reference, row) pairs.

Each test builds the smallest workbook (or CSV, or Word table) showing one thing real
matrices do: title rows, several sheets, a Read Me, merged cells, redlining by
strikethrough, formulas, references spelled four ways, columns named differently.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable

import pytest
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font

from docgen.errors import InputError
from docgen.model import Matrix
from docgen.readers.dmves import read_dmves
from docgen.readers.dmves.values import split_devices, split_groups, split_srvs
from docgen.refs import parse_ref
from synth.docx import DocxBuilder

ROOT = Path(__file__).resolve().parents[1]
HEADER = ["S1SR Clause", "Manufacturer", "Device Model(s)", "EPCL GroupID", "Cohort", "SRV"]


def workbook(
    tmp_path: Path,
    sheets: dict[str, list[list[object]]],
    *,
    name: str = "matrix.xlsx",
    setup: Callable[[Workbook], None] | None = None,
) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    if setup is not None:
        setup(wb)
    path = tmp_path / name
    wb.save(path)
    return path


def matrix_sheet(*data: list[object], titles: int = 2) -> list[list[object]]:
    """A sheet as published: title rows, the header, then data."""
    top: list[list[object]] = [["SEC Appendix AM Annex A – DMVES"], ["Version 12.2"]][:titles]
    return [*top, HEADER, *data]


def refs(matrix: Matrix) -> list[str]:
    return [r.ref for r in matrix.rows if not r.removed]


def with_cached_values(path: Path, cached: dict[str, str], sheet: int = 1) -> None:
    """openpyxl writes formulas without results; put in the <v> Excel would have saved."""
    part = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(path) as zf:
        entries = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            if info.filename == part:
                for coord, value in cached.items():
                    data, count = re.subn(
                        rf'<c r="{coord}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>'.encode(),
                        rf'<c r="{coord}"\1 t="str"><f>\2</f><v>{value}</v></c>'.encode(),
                        data,
                    )
                    assert count == 1, f"no formula cell {coord} to patch"
            zf.writestr(info, data)


# ----- references -----------------------------------------------------------------------


@pytest.mark.parametrize("written", ["18.5p", "18.5(p)", "18.5 (p)", "Clause 18.5(p)"])
def test_every_spelling_of_a_reference_reads_as_the_canonical_one(tmp_path: Path, written: str):
    path = workbook(tmp_path, {"ESME": matrix_sheet([written, "L+G", "L+G E470 ESME", "EA", "IOC", "SRV 4.8.1"])})
    row = read_dmves(path).rows[0]
    assert (row.ref, row.ref_as_written) == ("18.5(p)", written)


def test_two_references_in_one_cell_give_two_rows_pointing_at_the_same_cell(tmp_path: Path):
    path = workbook(tmp_path, {"ESME": matrix_sheet(["18.63(d) 18.65(e)", "EDMI", "EDMI Atlas ESME", "DA", "FOC", "6.15.1"])})
    rows = read_dmves(path).rows
    assert [r.ref for r in rows] == ["18.63(d)", "18.65(e)"]
    assert {(r.ref_as_written, r.cell, r.row, r.sheet) for r in rows} == {("18.63(d) 18.65(e)", "A4", 4, "ESME")}
    assert rows[0].device_models == rows[1].device_models == ["EDMI Atlas ESME"]
    assert rows[0].device_models is not rows[1].device_models  # editing one row must not edit the other


def test_a_range_of_references_is_expanded(tmp_path: Path):
    path = workbook(tmp_path, {"ESME": matrix_sheet(["18.5q–18.5z", "L+G", "L+G E470 ESME", "EA", "IOC", "4.8.1"])})
    assert refs(read_dmves(path)) == [f"18.5({c})" for c in "qrstuvwxyz"]


def test_an_unreadable_reference_is_warned_about_with_its_cell_and_skipped(tmp_path: Path):
    path = workbook(
        tmp_path,
        {"ESME": matrix_sheet(["see note 4", "L+G", "L+G E470 ESME", "EA", "IOC", ""], ["18.6", "", "X", "", "", ""])},
    )
    matrix = read_dmves(path)
    assert refs(matrix) == ["18.6"]
    assert matrix.metadata["warnings"] == ["ESME!A4: 'see note 4' is not a clause reference; row skipped"]


def test_a_reference_stored_as_a_number_is_read_but_flagged(tmp_path: Path):
    path = workbook(tmp_path, {"Matrix": matrix_sheet([18.1, "", "X", "", "", ""])})
    matrix = read_dmves(path)
    assert refs(matrix) == ["18.1"]
    assert matrix.metadata["warnings"] and "Matrix!A4" in matrix.metadata["warnings"][0]
    assert "stored as a number" in matrix.metadata["warnings"][0]


# ----- layout ---------------------------------------------------------------------------


def test_header_is_found_below_title_rows_on_any_sheet_and_read_me_is_skipped(tmp_path: Path):
    read_me = [["Read Me"], ["This workbook lists each S1SR Clause and the Device Model it applies to."]]
    path = workbook(
        tmp_path,
        {
            "Read Me": read_me,
            "ESME": matrix_sheet(["18.1", "L+G", "L+G E470 ESME", "EA", "IOC", "SRV 6.8"]),
            "GSME": matrix_sheet(["18.2", "EDMI", "EDMI Gemini GSME", "DC", "FOC", "SRV 4.16"], titles=0),
        },
    )
    matrix = read_dmves(path)
    assert [(r.sheet, r.ref, r.cell) for r in matrix.rows] == [("ESME", "18.1", "A4"), ("GSME", "18.2", "A2")]
    assert matrix.metadata["warnings"] == []
    assert matrix.metadata["sheets_skipped"] == ["Read Me"]
    assert matrix.metadata["sheets"][0] == {
        "sheet": "ESME",
        "header_row": 3,
        "columns": {"ref": "A", "device": "C", "group": "D", "cohort": "E", "srv": "F"},
    }


def test_all_columns_are_read_and_split(tmp_path: Path):
    path = workbook(
        tmp_path,
        {"ESME": matrix_sheet(["18.5(p)", "L+G", "L+G E470 ESME, L+G E570 ESME", "EA/EB", " IOC ", "4.8.1; SRV4.8.2\nSRV 11.1"])},
    )
    assert read_dmves(path).to_json()["rows"] == [
        {
            "ref": "18.5(p)",
            "ref_as_written": "18.5(p)",
            "srv": ["SRV 4.8.1", "SRV 4.8.2", "SRV 11.1"],
            "device_models": ["L+G E470 ESME", "L+G E570 ESME"],
            "group_ids": ["EA", "EB"],
            "cohort": "IOC",
            "sheet": "ESME",
            "cell": "A4",
        }
    ]


def test_blank_rows_are_skipped_and_repeated_headers_ignored(tmp_path: Path):
    path = workbook(
        tmp_path,
        {"ESME": matrix_sheet(["18.1", "", "A", "", "", ""], [], [None, None], HEADER, ["18.2", "", "B", "", "", ""])},
    )
    matrix = read_dmves(path)
    assert [(r.ref, r.row) for r in matrix.rows] == [("18.1", 4), ("18.2", 8)]
    assert matrix.metadata["warnings"] == []


def test_a_row_with_devices_but_no_reference_is_warned_about(tmp_path: Path):
    path = workbook(tmp_path, {"ESME": matrix_sheet(["18.1", "", "A", "", "", ""], ["", "", "B", "", "", "4.8.1"])})
    matrix = read_dmves(path)
    assert refs(matrix) == ["18.1"]
    assert matrix.metadata["warnings"] == ["ESME!A5: row has device or SRV entries but no clause reference; row skipped"]


def test_a_value_merged_down_applies_to_each_row_it_covers(tmp_path: Path):
    def merge(wb: Workbook) -> None:
        wb["ESME"].merge_cells("A4:A6")  # one reference for three devices
        wb["ESME"].merge_cells("F4:F5")

    path = workbook(
        tmp_path,
        {"ESME": matrix_sheet(
            ["18.9", "L+G", "L+G E470 ESME", "EA", "IOC", "SRV 6.8"],
            [None, "L+G", "L+G E570 ESME", "EB", "IOC", None],
            [None, "EDMI", "EDMI Atlas ESME", "DA", "FOC", "SRV 4.16"],
        )},
        setup=merge,
    )
    rows = read_dmves(path).rows
    assert [(r.ref, r.cell, r.device_models, r.srv) for r in rows] == [
        ("18.9", "A4", ["L+G E470 ESME"], ["SRV 6.8"]),
        ("18.9", "A5", ["L+G E570 ESME"], ["SRV 6.8"]),
        ("18.9", "A6", ["EDMI Atlas ESME"], ["SRV 4.16"]),
    ]


def test_a_heading_merged_across_the_matrix_is_not_a_row(tmp_path: Path):
    def merge(wb: Workbook) -> None:
        wb["Matrix"].merge_cells("A4:F4")

    path = workbook(
        tmp_path,
        {"Matrix": matrix_sheet(["Section 18 – ESME behaviours"], ["18.1", "", "X", "", "", ""])},
        setup=merge,
    )
    matrix = read_dmves(path)
    assert refs(matrix) == ["18.1"] and matrix.metadata["warnings"] == []


def test_a_hidden_sheet_is_ignored_when_a_visible_one_holds_the_matrix(tmp_path: Path):
    def hide(wb: Workbook) -> None:
        wb["Old v11"].sheet_state = "hidden"

    path = workbook(
        tmp_path,
        {"Old v11": matrix_sheet(["18.5(q)", "", "X", "", "", ""]), "ESME": matrix_sheet(["18.5(p)", "", "X", "", "", ""])},
        setup=hide,
    )
    assert refs(read_dmves(path)) == ["18.5(p)"]


# ----- redlined workbooks ----------------------------------------------------------------


def test_struck_parts_of_a_cell_are_dropped(tmp_path: Path):
    def redline(wb: Workbook) -> None:
        ws = wb["ESME"]
        ws["A4"] = CellRichText([TextBlock(InlineFont(strike=True), "18.5(q) "), "18.5(p)"])
        ws["C4"] = CellRichText(["L+G E470 ESME", TextBlock(InlineFont(strike=True), ", L+G E570 ESME")])

    path = workbook(tmp_path, {"ESME": matrix_sheet(["x", "L+G", "x", "EA", "IOC", "4.8.1"])}, setup=redline)
    row = read_dmves(path).rows[0]
    assert (row.ref, row.ref_as_written, row.device_models, row.removed) == ("18.5(p)", "18.5(p)", ["L+G E470 ESME"], False)


def test_a_row_whose_reference_is_struck_through_is_removed(tmp_path: Path):
    def redline(wb: Workbook) -> None:
        for coord in ("A4", "C4"):
            wb["ESME"][coord].font = Font(strike=True)

    path = workbook(
        tmp_path,
        {"ESME": matrix_sheet(["18.5(q)", "L+G", "L+G E470 ESME", "EA", "IOC", "4.8.1"], ["18.5(p)", "", "Y", "", "", ""])},
        setup=redline,
    )
    matrix = read_dmves(path)
    removed = [r for r in matrix.rows if r.removed]
    assert [(r.ref, r.device_models) for r in removed] == [("18.5(q)", ["L+G E470 ESME"])]
    assert [r["ref"] for r in matrix.to_json()["rows"]] == ["18.5(p)"]


def test_a_reference_cell_with_every_reference_struck_is_removed_even_if_a_comma_is_not(tmp_path: Path):
    def redline(wb: Workbook) -> None:
        struck = InlineFont(strike=True)
        wb["ESME"]["A4"] = CellRichText([TextBlock(struck, "18.5(q)"), ", ", TextBlock(struck, "18.5(r)")])

    path = workbook(tmp_path, {"ESME": matrix_sheet(["x", "", "X", "", "", ""])}, setup=redline)
    matrix = read_dmves(path)
    assert [(r.ref, r.removed) for r in matrix.rows] == [("18.5(q)", True), ("18.5(r)", True)]
    assert matrix.metadata["warnings"] == []


# ----- formulas -------------------------------------------------------------------------


def test_formulas_are_read_from_their_saved_values(tmp_path: Path):
    def formulas(wb: Workbook) -> None:
        wb["ESME"]["A4"] = '="18.5"&"(p)"'
        wb["ESME"]["F4"] = '="SRV "&"4.8.1"'

    path = workbook(tmp_path, {"ESME": matrix_sheet(["x", "", "X", "", "", "x"])}, setup=formulas)
    with_cached_values(path, {"A4": "18.5(p)", "F4": "SRV 4.8.1"})
    matrix = read_dmves(path)
    assert [(r.ref, r.srv) for r in matrix.rows] == [("18.5(p)", ["SRV 4.8.1"])]
    assert matrix.metadata["warnings"] == []


def test_a_formula_without_a_saved_value_is_reported(tmp_path: Path):
    def formulas(wb: Workbook) -> None:
        wb["ESME"]["A4"] = '="18.5"&"(p)"'
        wb["ESME"]["F5"] = '="SRV "&"4.8.1"'

    path = workbook(tmp_path, {"ESME": matrix_sheet(["x", "", "X", "", "", ""], ["18.6", "", "Y", "", "", "x"])}, setup=formulas)
    matrix = read_dmves(path)
    assert refs(matrix) == ["18.6"]
    warnings = matrix.metadata["warnings"]
    assert len(warnings) == 2
    assert warnings[0].startswith("ESME!A4: formula has no saved value") and warnings[0].endswith("row skipped")
    assert warnings[1].startswith("ESME!F5: formula has no saved value")


def test_an_xlsm_is_read_without_its_macros(tmp_path: Path):
    path = workbook(tmp_path, {"ESME": matrix_sheet(["18.5(p)", "", "X", "", "", ""])}, name="matrix.xlsm")
    assert refs(read_dmves(path)) == ["18.5(p)"]


# ----- columns --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        ["Clause Reference", "Service Reference Variant", "Device Model", "Group ID", "Cohort"],
        ["Supporting Requirement Ref", "SRV", "Device Models", "EPCL Group ID", "Cohort"],
        ["S1SR Ref", "SRV(s)", "Device Model(s)", "GroupID", "Cohort"],
        ["S1SR Clause", "Service Request Variant", "Model", "EPCL GroupID", "Cohort (FOC/IOC/MOC)"],
        ["Clause", "SRVs", "Device", "Group", "Cohort"],
    ],
)
def test_header_synonyms_are_recognised(tmp_path: Path, header: list[str]):
    path = workbook(tmp_path, {"DMVES": [["DMVES"], header, ["18.5(p)", "4.8.1", "L+G E470 ESME", "EA", "IOC"]]})
    row = read_dmves(path).rows[0]
    assert (row.ref, row.srv, row.device_models, row.group_ids, row.cohort) == (
        "18.5(p)", ["SRV 4.8.1"], ["L+G E470 ESME"], ["EA"], "IOC",
    )


def test_descriptive_columns_are_not_mistaken_for_the_reference(tmp_path: Path):
    header = ["Clause Description", "Device Type", "S1SR Clause", "Device Model"]
    path = workbook(tmp_path, {"M": [header, ["Meter reads", "ESME", "18.5(p)", "X"]]})
    assert read_dmves(path).metadata["sheets"][0]["columns"] == {"ref": "C", "device": "D"}


def test_user_named_columns_by_header_text_or_letter(tmp_path: Path):
    sheet = [["Title"], ["Ref (v11)", "Ref (v12)", "Kit", "Variant"], ["18.5(p)", "18.5(q)", "L+G E470 ESME", "4.8.1"]]
    path = workbook(tmp_path, {"M": sheet})
    by_text = read_dmves(path, columns={"ref": "ref (V12)", "device": "kit", "srv": "D"})
    assert [(r.ref, r.device_models, r.srv) for r in by_text.rows] == [("18.5(q)", ["L+G E470 ESME"], ["SRV 4.8.1"])]
    other = workbook(tmp_path, {"M": [["S1SR Clause", "Device Model", "SRV"], ["18.5(p)", "4.8.1", "11.1"]]}, name="o.xlsx")
    taken = read_dmves(other, columns={"srv": "B"})  # B is then not also guessed as the device column
    assert [(r.srv, r.device_models) for r in taken.rows] == [(["SRV 4.8.1"], [])]
    by_letter = read_dmves(path, columns={"ref": "A", "device": "C"})
    assert [(r.ref, r.device_models, r.cell) for r in by_letter.rows] == [("18.5(p)", ["L+G E470 ESME"], "A3")]


def test_a_reference_column_letter_works_on_a_sheet_with_no_recognisable_header(tmp_path: Path):
    sheet = [["Matrix of behaviours"], ["Kit", "Where"], ["L+G E470 ESME", "18.5p"], ["X", "see below"]]
    path = workbook(tmp_path, {"M": sheet})
    matrix = read_dmves(path, columns={"ref": "b", "device": "A"})
    assert [(r.ref, r.device_models, r.cell) for r in matrix.rows] == [("18.5(p)", ["L+G E470 ESME"], "B3")]
    assert matrix.metadata["warnings"] == ["M!B4: 'see below' is not a clause reference; row skipped"]
    with pytest.raises(InputError, match="column C holds no clause references on any sheet"):
        read_dmves(path, columns={"ref": "C"})


def test_a_user_named_column_that_does_not_exist_is_an_input_error(tmp_path: Path):
    path = workbook(tmp_path, {"M": matrix_sheet(["18.5(p)", "", "X", "", "", ""])})
    with pytest.raises(InputError, match="no column headed 'Clause No'.*--ref-column"):
        read_dmves(path, columns={"ref": "Clause No"})
    with pytest.raises(InputError, match="no column headed 'Kit'.*--device-column"):
        read_dmves(path, columns={"device": "Kit"})


def test_no_header_anywhere_is_one_clear_input_error(tmp_path: Path):
    path = workbook(tmp_path, {"Read Me": [["About this workbook"]], "Data": [["a", "b"], ["1", "2"]]})
    with pytest.raises(InputError) as err:
        read_dmves(path)
    assert str(err.value) == (
        f"{path}: no header row with a clause-reference column found on any sheet "
        "(looked at: 'Read Me', 'Data') (add a header row that names the clause-reference column "
        "(e.g. 'S1SR Clause'); `docgen parse` can also be told the column with --ref-column "
        "(`docgen lint` and `fix` read headers only))"
    )


def test_a_header_naming_only_the_reference_counts_when_references_follow(tmp_path: Path):
    path = workbook(tmp_path, {"Read Me": [["Clause"], ["Read this first"]], "M": [["Clause", "Notes"], ["18.5(p)", "x"]]})
    matrix = read_dmves(path)
    assert refs(matrix) == ["18.5(p)"] and matrix.metadata["sheets_skipped"] == ["Read Me"]


# ----- csv and docx ---------------------------------------------------------------------


def test_csv_with_bom_and_semicolons(tmp_path: Path):
    path = tmp_path / "DMVES v12.csv"
    text = "DMVES export;;\nClause Reference;Device Model;SRV\n18.5 (p);\"L+G E470 ESME; L+G E570 ESME\";4.8.1\n\n18.6;X;SRV11.1\n"
    path.write_bytes(text.encode("utf-8-sig"))
    matrix = read_dmves(path)
    assert matrix.format == "csv"
    assert [(r.sheet, r.cell, r.ref, r.device_models, r.srv) for r in matrix.rows] == [
        ("DMVES v12", "A3", "18.5(p)", ["L+G E470 ESME", "L+G E570 ESME"], ["SRV 4.8.1"]),
        ("DMVES v12", "A5", "18.6", ["X"], ["SRV 11.1"]),
    ]


def test_csv_in_the_windows_code_page(tmp_path: Path):
    path = tmp_path / "m.csv"
    path.write_bytes("S1SR Clause,Device Model\n18.5q–18.5r,Café ESME\n".encode("cp1252"))
    assert [(r.ref, r.device_models) for r in read_dmves(path).rows] == [
        ("18.5(q)", ["Café ESME"]),
        ("18.5(r)", ["Café ESME"]),
    ]


def test_a_matrix_in_a_word_table(tmp_path: Path):
    b = DocxBuilder()
    b.paragraph("Annex A – Device Model Variations to Equivalent Steps Matrix")
    b.table([["Clause Reference", "Device Model(s)", "SRV"], ["18.5p", "L+G E470 ESME", "SRV 4.8.1"], ["18.6", "X", ""]])
    path = tmp_path / "annex-a.docx"
    b.save(path)
    matrix = read_dmves(path)
    assert matrix.format == "docx"
    assert [(r.sheet, r.cell, r.ref, r.device_models, r.srv) for r in matrix.rows] == [
        ("Table 1", "A2", "18.5(p)", ["L+G E470 ESME"], ["SRV 4.8.1"]),
        ("Table 1", "A3", "18.6", ["X"], []),
    ]


def test_a_word_table_with_merged_struck_and_deleted_cells(tmp_path: Path):
    def tc(text: str, props: str = "", rpr: str = "") -> str:
        paras = "".join(f"<w:p><w:r>{rpr}<w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>" for t in text.split("\n"))
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>"

    strike = "<w:rPr><w:strike/></w:rPr>"
    rows = [
        tc("S1SR Clause") + tc("Device Model(s)"),
        tc("18.9", "<w:vMerge w:val=\"restart\"/>") + tc("L+G E470 ESME\nL+G E570 ESME"),
        tc("", "<w:vMerge/>") + tc("EDMI Atlas ESME"),
        tc("18.10", rpr=strike) + tc("Gone", rpr=strike),
        '<w:trPr><w:del w:id="9" w:author="a" w:date="2020-01-01T00:00:00Z"/></w:trPr>' + tc("18.11") + tc("Also gone"),
    ]
    b = DocxBuilder()
    b.raw_body_xml("<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>")
    path = tmp_path / "m.docx"
    b.save(path)
    matrix = read_dmves(path)
    assert [(r.ref, r.device_models, r.removed) for r in matrix.rows] == [
        ("18.9", ["L+G E470 ESME", "L+G E570 ESME"], False),
        ("18.9", ["EDMI Atlas ESME"], False),
        ("18.10", ["Gone"], True),
        ("18.11", ["Also gone"], True),
    ]


# ----- bad input ------------------------------------------------------------------------


def test_bad_files_are_one_line_input_errors(tmp_path: Path):
    text = tmp_path / "notes.xlsx"
    text.write_text("just some text")
    ole = tmp_path / "locked.xlsx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    not_office = tmp_path / "other.xlsx"
    with zipfile.ZipFile(not_office, "w") as zf:
        zf.writestr("hello.txt", "hi")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    for path, problem in [
        (text, r"Excel workbook.*not a zip package"),
        (ole, "encrypted"),
        (corrupt, "corrupt"),
        (not_office, "neither an Excel workbook nor a Word document"),
        (broken, "could not be read as an Excel workbook"),
    ]:
        with pytest.raises(InputError, match=problem) as err:
            read_dmves(path)
        assert "\n" not in str(err.value)


def test_a_dtd_in_any_workbook_part_is_refused(tmp_path: Path):
    path = workbook(tmp_path, {"M": matrix_sheet(["18.5(p)", "", "X", "", "", ""])})
    with zipfile.ZipFile(path) as zf:
        entries = [(i, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w") as zf:
        for info, data in entries:
            if info.filename == "xl/worksheets/sheet1.xml":
                data = b"<!--" + b"x" * 5000 + b'--><!DOCTYPE w [<!ENTITY e "x">]>' + data
            zf.writestr(info, data)
    with pytest.raises(InputError, match="DTD"):
        read_dmves(path)


# ----- value splitting --------------------------------------------------------------------


@pytest.mark.parametrize("written", ["4.8.1", "SRV4.8.1", "SRV 4.8.1", "srv 4.8.1", "SRVs 4.8.1"])
def test_srv_spellings_normalise(written: str):
    assert split_srvs(written) == ["SRV 4.8.1"]


def test_srv_lists_split_on_any_separator_and_keep_words():
    assert split_srvs("4.8.1, SRV4.8.2; 11.1 and 6.15.1/6.15.2\nSRV 8.1.1 (Critical)") == [
        "SRV 4.8.1", "SRV 4.8.2", "SRV 11.1", "SRV 6.15.1", "SRV 6.15.2", "SRV 8.1.1",
    ]
    assert split_srvs("All") == ["All"]
    assert split_srvs("N/A") == [] and split_srvs("") == []


def test_device_lists_split_without_breaking_names():
    assert split_devices("L+G E470 ESME, Secure Liberty 100/110\nEDMI Atlas (ESME, Type 1) and Aclara SGM1411-B") == [
        "L+G E470 ESME", "Secure Liberty 100/110", "EDMI Atlas (ESME, Type 1)", "Aclara SGM1411-B",
    ]
    assert split_devices("Secure Liberty 100 / Secure Europa GSME;  ") == ["Secure Liberty 100", "Secure Europa GSME"]
    assert split_devices("- L+G E470 ESME\n- L+G E570 ESME") == ["L+G E470 ESME", "L+G E570 ESME"]


def test_group_ids_split_on_slashes_and_spaces():
    assert split_groups("EA/EB, EC ED and GA") == ["EA", "EB", "EC", "ED", "GA"]
    assert split_groups("n/a") == []


# ----- the bundled matrix and the CLI -----------------------------------------------------


def test_the_synthetic_dmves_reads_back_row_for_row(tmp_path: Path):
    synth = pytest.importorskip("synth.dmves")
    path = tmp_path / "DMVES-v12.2.xlsx"
    path.write_bytes(synth.build_dmves("12.2"))
    matrix = read_dmves(path)
    expected = synth.rows("12.2")
    assert [(r.ref, r.ref_as_written, r.sheet) for r in matrix.rows] == [(e.ref, e.ref_as_written, e.sheet) for e in expected]
    assert matrix.metadata["warnings"] == []


@pytest.mark.parametrize("name", ["DMVES-v12.2.xlsx", "DMVES-v12.xlsx"])
def test_the_bundled_dmves_parses_with_canonical_references(name: str):
    path = ROOT / "sources" / "documents" / name
    if not path.exists():
        pytest.skip(f"{name} not generated yet")
    matrix = read_dmves(path)
    assert matrix.rows and matrix.metadata["warnings"] == []
    assert all(r.ref == parse_ref(r.ref).canonical() for r in matrix.rows)
    assert all(r.device_models for r in matrix.rows)


def test_docgen_parse_prints_the_matrix_json(tmp_path: Path):
    path = workbook(tmp_path, {"ESME": matrix_sheet(["18.5 (p)", "L+G", "L+G E470 ESME", "EA", "IOC", "SRV 4.8.1"])})
    run = subprocess.run([sys.executable, "-m", "docgen", "parse", str(path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["format"] == "xlsx" and data["rows"][0]["ref"] == "18.5(p)"
    assert set(data["rows"][0]) == {"ref", "ref_as_written", "srv", "device_models", "group_ids", "cohort", "sheet", "cell"}


def test_a_reference_column_given_by_letter_keeps_every_row_of_a_matrix_without_header(tmp_path: Path):
    # The first row names an SRV and a Device Model, so it could pass for a header; but its
    # reference cell reads as a clause reference, so it is data like the rows after it.
    rows = [["18.5(a)", "Alpha ESME", "SRV 1.1"], ["18.5(b)", "Beta ESME", "SRV 1.2"], ["18.5(c)", "Gamma ESME", "SRV 1.3"]]
    path = workbook(tmp_path, {"M": rows})
    matrix = read_dmves(path, columns={"ref": "A"})
    assert [r.ref for r in matrix.rows] == ["18.5(a)", "18.5(b)", "18.5(c)"]

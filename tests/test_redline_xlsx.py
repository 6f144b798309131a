"""The workbook redline (`docgen redline OLD.xlsx NEW.xlsx -o OUT.xlsx`) and its reader.

Workbooks are built here with openpyxl: a small DMVES-like matrix with title rows, a
merged title, a header and one row per (clause, device).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from docgen.errors import InputError, UsageError
from docgen.readers.workbook import read_workbook
from docgen.writers.redline_xlsx import align_rows, redline_workbook

DATE = "2025-05-02T09:30:00Z"
HEADER = ("S1SR Clause", "Device Model", "SRV", "Count")
OLD_ROWS = [
    ("18.1", "L+G E470 ESME", "SRV 4.8.1", 3),
    ("18.2", "Secure Liberty 100 ESME", "SRV 6.15.1", 5),
    ("18.3", "EDMI Atlas ESME", "SRV 11.1", 7),
    ("18.4", "Itron Orion ESME", "SRV 4.16", 9),
    ("18.5(p)", "Secure Liberty 200 ESME", "SRV 4.8.3", 11),
]
# NEW: a row inserted after 18.1, 18.3's SRV changed, 18.4 removed.
NEW_ROWS = [
    OLD_ROWS[0],
    ("18.1A", "Honeywell Halo ESME", "SRV 1.6", 4),
    OLD_ROWS[1],
    ("18.3", "EDMI Atlas ESME", "SRV 11.1, SRV 11.2", 7),
    OLD_ROWS[4],
]


def _matrix(path: Path, version: str, rows: list[tuple], *, extra_sheet: str | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "ESME"
    ws["A1"] = "Device Model Variations to Equivalent Steps Matrix"
    ws.merge_cells("A1:D1")
    ws["A2"] = f"Version {version}"
    for c, label in enumerate(HEADER, 1):
        ws.cell(row=4, column=c, value=label)
    for r, row in enumerate(rows, 5):
        for c, value in enumerate(row, 1):
            ws.cell(row=r, column=c, value=value)
    for letter, width in zip("ABCD", (16, 32, 24, 9)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A5"
    if extra_sheet:
        wb.create_sheet(extra_sheet)["A1"] = f"Sheet only in {version}"
    wb.save(path)
    return path


@pytest.fixture()
def pair(tmp_path):
    old = read_workbook(_matrix(tmp_path / "old.xlsx", "12.0", OLD_ROWS, extra_sheet="Old notes"))
    new = read_workbook(_matrix(tmp_path / "new.xlsx", "12.2", NEW_ROWS, extra_sheet="New notes"))
    return old, new


@pytest.fixture()
def redline(pair, tmp_path):
    data = redline_workbook(*pair, author="Reviewer", date=DATE).data
    path = tmp_path / "redline.xlsx"
    path.write_bytes(data)
    return load_workbook(path, rich_text=True)


def _changes(wb) -> list[tuple]:
    rows = list(wb["Changes"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Cell", "Change", "Old", "New")
    return [r[:4] for r in rows[1:] if any(v is not None for v in r[:4])]  # the key sits beside them


def test_reader_keeps_sheets_values_widths_merges_and_frozen_panes(pair):
    old, _ = pair
    assert [s.title for s in old.sheets] == ["ESME", "Old notes"]
    esme = old.sheets[0]
    assert esme.cells[(5, 1)] == "18.1" and esme.cells[(5, 4)] == 3
    assert esme.column_widths["B"] == 32
    assert esme.merged == [(1, 1, 1, 4)]
    assert esme.freeze == (5, 1)


def test_reader_takes_the_saved_value_of_a_formula(tmp_path):
    wb = Workbook()
    wb.active["A1"] = 2
    wb.active["A2"] = "=A1*21"
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl cannot save a formula's result; put one in, as Excel would have.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = tmp_path / "formula.xlsx"
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>A1*21</f><v></v>", b"<f>A1*21</f><v>42</v>")
            dst.writestr(item, data)
    assert read_workbook(out).sheets[0].cells[(2, 1)] == 42


def test_reader_refuses_a_word_document_and_a_dtd(tmp_path):
    word = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(word, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError, match="Word document"):
        read_workbook(word)
    hostile = tmp_path / "hostile.xlsx"
    src = zipfile.ZipFile(_matrix(tmp_path / "ok.xlsx", "1", OLD_ROWS))
    with zipfile.ZipFile(hostile, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "b">]>' + data
            dst.writestr(item, data)
    with pytest.raises(InputError, match="DTD"):
        read_workbook(hostile)


def test_an_inserted_row_is_one_added_row_not_a_cascade_of_changes(redline):
    changes = _changes(redline)
    added = [c for c in changes if c[1] == "row added"]
    assert added == [("ESME!A6", "row added", None, "18.1A | Honeywell Halo ESME | SRV 1.6 | 4")]
    # 18.2 and 18.5(p) moved down a row but are unchanged
    assert not any(c[1] == "changed" and c[0].startswith(("ESME!B", "ESME!D")) for c in changes)
    ws = redline["ESME"]
    assert ws["A6"].fill.fgColor.rgb == "FFE2EFDA"
    assert ws["A7"].value == "18.2" and ws["A7"].fill.fill_type is None


def test_a_changed_cell_keeps_the_new_value_and_shows_the_old_one_in_its_comment(redline):
    changes = _changes(redline)
    assert ("ESME!C8", "changed", "SRV 11.1", "SRV 11.1, SRV 11.2") in changes
    assert ("ESME!A2", "changed", "Version 12.0", "Version 12.2") in changes
    cell = redline["ESME"]["C8"]
    assert cell.value == "SRV 11.1, SRV 11.2"  # a plain value: filters and formulas see NEW
    assert cell.comment is not None and cell.comment.text == "Was: SRV 11.1"
    assert cell.fill.fgColor.rgb == "FFFFEB9C" and cell.font.u == "double"


def test_the_redlined_sheet_holds_new_values_cell_for_cell(pair, redline):
    _, new = pair
    ws = redline["ESME"]
    esme = new.sheet("ESME")
    got = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
    assert got == esme.cells


def test_a_removed_row_is_marked_where_it_stood_without_shifting_new_rows(redline):
    changes = _changes(redline)
    assert ("ESME!A8", "row removed", "18.4 | Itron Orion ESME | SRV 4.16 | 9", None) in changes
    ws = redline["ESME"]
    assert [ws.cell(row=r, column=1).value for r in range(5, 10)] == ["18.1", "18.1A", "18.2", "18.3", "18.5(p)"]
    # OLD's 18.4 stood between 18.3 and 18.5(p): a red rule above 18.5(p), quoted in its comment
    assert all(ws.cell(row=9, column=c).border.top.style == "medium" for c in range(1, 5))
    assert ws["A9"].border.top.color.rgb == "FFC00000"
    assert "Row removed above this row" in ws["A9"].comment.text
    assert "18.4 | Itron Orion ESME | SRV 4.16 | 9" in ws["A9"].comment.text


def test_new_sheets_values_and_widths_are_kept_and_sheet_changes_listed(redline):
    assert redline.sheetnames == ["ESME", "New notes", "Old notes (removed)", "Changes"]
    ws = redline["ESME"]
    assert ws["D9"].value == 11  # a number stays a number
    assert ws.column_dimensions["B"].width == 32
    assert ws.freeze_panes == "A5"
    assert "A1:D1" in {str(r) for r in ws.merged_cells.ranges}
    kinds = {(c[0], c[1]) for c in _changes(redline)}
    assert ("New notes", "sheet added") in kinds and ("Old notes", "sheet removed") in kinds


def test_changes_link_to_their_place_in_the_redline(redline):
    ws = redline["Changes"]
    removed = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "row removed")
    assert removed[4].value == "ESME!A9"
    assert removed[4].hyperlink.location == "ESME!A9"
    changed = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "ESME!C8")
    assert changed[4].hyperlink.location == "ESME!C8"


def test_a_respelled_reference_is_not_a_change_but_can_be_listed_apart(tmp_path):
    respelled = [(f"Clause {r[0]}", *r[1:]) if r[0] in ("18.2", "18.5(p)") else r for r in OLD_ROWS]
    respelled[4] = ("18.5p", *OLD_ROWS[4][1:])
    old = read_workbook(_matrix(tmp_path / "old.xlsx", "12.2", respelled))
    new = read_workbook(_matrix(tmp_path / "new.xlsx", "12.2", OLD_ROWS))
    plain = load_workbook(io.BytesIO(redline_workbook(old, new, author="R", date=DATE).data))
    assert _changes(plain) == [("No differences.", None, None, None)]
    assert plain["ESME"]["A6"].comment is None and plain["ESME"]["A6"].fill.fill_type is None
    shown = load_workbook(io.BytesIO(redline_workbook(old, new, author="R", date=DATE, show_respellings=True).data))
    rows = list(shown["Respellings"].iter_rows(min_row=2, values_only=True))
    assert [r[:4] for r in rows] == [
        ("ESME!A6", "Clause 18.2", "18.2", "18.2"),
        ("ESME!A9", "18.5p", "18.5(p)", "18.5(p)"),
    ]
    # a reference that reads as another clause is a change
    other = read_workbook(_matrix(tmp_path / "other.xlsx", "12.2", [("Clause 18.20", *OLD_ROWS[1][1:]) if r is OLD_ROWS[1] else r for r in OLD_ROWS]))
    moved_ref = _changes(load_workbook(io.BytesIO(redline_workbook(other, new, author="R", date=DATE).data)))
    assert ("ESME!A6", "changed", "Clause 18.20", "18.2") in moved_ref


def test_a_row_that_moved_is_shown_as_moved_not_removed_and_added(tmp_path):
    moved = [OLD_ROWS[1], OLD_ROWS[0], *OLD_ROWS[2:]]  # 18.2 now before 18.1
    old = read_workbook(_matrix(tmp_path / "old.xlsx", "12.2", OLD_ROWS))
    new = read_workbook(_matrix(tmp_path / "new.xlsx", "12.2", moved))
    wb = load_workbook(io.BytesIO(redline_workbook(old, new, author="R", date=DATE).data))
    changes = _changes(wb)
    assert [c[1] for c in changes] == ["row moved"]
    cell, _, was, text = changes[0]
    ws = wb["ESME"]
    row = int(cell.split("!A")[1])
    assert ws.cell(row=row, column=1).fill.fgColor.rgb == "FFDDEBF7"
    assert f"row {was.split()[-1]} of the old sheet" in ws.cell(row=row, column=1).comment.text


def test_a_removed_row_beside_a_merged_cell_is_noted_on_the_merge(tmp_path):
    def book(path: Path, rows: list[tuple]) -> Path:
        wb = Workbook()
        ws = wb.active
        ws.title = "ESME"
        ws.append(["S1SR Clause", "Device Model", "SRV"])
        for row in rows:
            ws.append(list(row))
        ws.merge_cells(start_row=len(rows), start_column=1, end_row=len(rows) + 1, end_column=1)
        wb.save(path)
        return path

    old = read_workbook(book(tmp_path / "old.xlsx", [("18.1", "A ESME", "SRV 1.1"), ("18.2", "B ESME", "SRV 2.2"), ("18.3", "C ESME", "SRV 3.3")]))
    new = read_workbook(book(tmp_path / "new.xlsx", [("18.1", "A ESME", "SRV 1.1"), ("18.3", "C ESME", "SRV 3.3")]))
    ws = load_workbook(io.BytesIO(redline_workbook(old, new, author="R", date=DATE).data))["ESME"]
    assert "18.2 | B ESME | SRV 2.2" in ws["A2"].comment.text  # row 3's A cell is inside the A2:A3 merge


def test_formulas_formats_validation_widths_and_print_setup_survive(tmp_path):
    from openpyxl.worksheet.datavalidation import DataValidation

    def book(path: Path, srv: str) -> Path:
        wb = Workbook()
        ws = wb.active
        ws.title = "Matrix"
        ws.append(["S1SR Clause", "Device Model", "SRV", "Cost"])
        ws.append(["18.1", "L+G E470 ESME", srv, 1234.5])
        ws.append(["18.2", "EDMI Atlas ESME", "SRV 11.1", 99])
        ws.append(["Total", None, None, "=SUM(D2:D3)"])
        ws["D2"].number_format = "#,##0.00"
        ws["D4"].number_format = "#,##0.00"
        check = DataValidation(type="list", formula1='"FOC,IOC,MOC"', allow_blank=True)
        check.add("B2:B3")
        ws.add_data_validation(check)
        ws.column_dimensions["B"].width = 40
        ws.freeze_panes = "A2"
        wb.save(path)
        return path

    old = read_workbook(book(tmp_path / "old.xlsx", "SRV 4.8.1"))
    new = read_workbook(book(tmp_path / "new.xlsx", "SRV 4.8.2"))
    ws = load_workbook(io.BytesIO(redline_workbook(old, new, author="R", date=DATE).data))["Matrix"]
    assert ws["D4"].value == "=SUM(D2:D3)"
    assert ws["D2"].number_format == "#,##0.00" and ws["D4"].number_format == "#,##0.00"
    assert [str(dv.sqref) for dv in ws.data_validations.dataValidation] == ["B2:B3"]
    assert ws.column_dimensions["B"].width == 40 and ws.freeze_panes == "A2"
    assert ws["C2"].value == "SRV 4.8.2" and ws["C2"].comment.text == "Was: SRV 4.8.1"
    setup = ws.page_setup
    assert setup.orientation == "landscape" and setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert ws.auto_filter.ref == "A1:D4"


def test_redline_bytes_are_deterministic_and_dated(pair, tmp_path):
    first = redline_workbook(*pair, author="Reviewer", date=DATE).data
    assert first == redline_workbook(*pair, author="Reviewer", date=DATE).data
    assert first != redline_workbook(*pair, author="Reviewer", date="2025-05-03T09:30:00Z").data
    props = load_workbook(io.BytesIO(first)).properties
    assert props.creator == "Reviewer" and props.modified.isoformat().startswith("2025-05-02T09:30")
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zipfile.ZipFile(io.BytesIO(first)).infolist())


def test_a_bad_date_is_a_usage_error(pair):
    with pytest.raises(UsageError, match="ISO 8601"):
        redline_workbook(*pair, author="x", date="yesterday").data


def test_row_alignment_pairs_similar_rows_and_keeps_removed_rows_in_place():
    old = [("h",), ("18.1", "A"), ("18.2", "B"), ("18.3", "C")]
    new = [("h",), ("18.1", "A"), ("18.1A", "Z"), ("18.3", "C2")]
    ops = [(op.op, op.old, op.new) for op in align_rows(old, new)]
    assert ops == [("equal", 1, 1), ("equal", 2, 2), ("removed", 3, None), ("added", None, 3), ("changed", 4, 4)]


def test_row_alignment_finds_a_moved_row():
    old = [("h",), ("18.1", "A"), ("18.2", "B"), ("18.3", "C")]
    new = [("h",), ("18.3", "C"), ("18.1", "A"), ("18.2", "B")]
    ops = [(op.op, op.old, op.new) for op in align_rows(old, new)]
    assert ops == [("equal", 1, 1), ("moved", 4, 2), ("equal", 2, 3), ("equal", 3, 4)]


def _bundled_or_synth(tmp: Path, version: str) -> Path:
    bundled = Path(__file__).resolve().parents[1] / "sources" / "documents" / f"DMVES-v{version}.xlsx"
    if bundled.is_file():
        return bundled
    from synth.dmves import build_dmves

    path = tmp / f"DMVES-v{version}.xlsx"
    path.write_bytes(build_dmves(version))
    return path


def test_dmves_v12_to_v12_2_redline_lists_only_the_real_edits(tmp_path):
    old = read_workbook(_bundled_or_synth(tmp_path, "12"))
    new = read_workbook(_bundled_or_synth(tmp_path, "12.2"))
    wb = load_workbook(io.BytesIO(redline_workbook(old, new, author="docgen", date=DATE).data))
    changes = _changes(wb)
    assert wb.sheetnames == [s.title for s in new.sheets] + ["Changes"]
    edits = [c for c in changes if not (c[1] == "changed" and c[0].endswith("!A2"))]  # version labels
    assert sorted(c[1] for c in edits) == ["changed", "changed", "row added", "row added"]
    added = [c[3] for c in edits if c[1] == "row added"]
    assert any(text.startswith(("18.7f", "18.7(f)", "18.7 (f)", "Clause 18.7(f)")) for text in added)
    assert any("18.62" in text for text in added)
    changed = {(c[2], c[3]) for c in edits if c[1] == "changed"}
    assert changed == {("Liberty 100", "Secure Liberty 100 ESME"), ("SRV 6.15.1", "SRV 6.15.1, SRV 6.15.2")}
    assert all("Version 12.0" == c[2] for c in changes if c not in edits)


def test_filtering_the_redlined_dmves_by_device_model_gives_that_models_rows(tmp_path):
    source = _bundled_or_synth(tmp_path, "12.2")
    new = read_workbook(source)
    redline = load_workbook(io.BytesIO(redline_workbook(read_workbook(_bundled_or_synth(tmp_path, "12")), new, author="docgen", date=DATE).data))
    plain = load_workbook(source)
    checked = 0
    for title in ("ESME", "GSME"):
        ws, src = redline[title], plain[title]
        header = ws.auto_filter.ref.split(":")[0]
        first = int(header[1:]) + 1
        labels = [c.value for c in ws[int(header[1:])]]
        col = labels.index("Device Model(s)") + 1
        for model in {ws.cell(row=r, column=col).value for r in range(first, ws.max_row + 1)} - {None}:
            got = [[c.value for c in row] for row in ws.iter_rows(min_row=first) if row[col - 1].value == model]
            want = [[c.value for c in row] for row in src.iter_rows(min_row=first) if row[col - 1].value == model]
            assert got == want and got
            checked += 1
    assert checked > 10


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_shows_the_comments_and_prints_one_page_wide_with_headers(tmp_path):
    from docgen import soffice

    old = read_workbook(_bundled_or_synth(tmp_path, "12"))
    new = read_workbook(_bundled_or_synth(tmp_path, "12.2"))
    path = tmp_path / "redline.xlsx"
    path.write_bytes(redline_workbook(old, new, author="docgen", date=DATE).data)
    (ods,) = soffice.convert([path], "ods", tmp_path / "ods")
    content = zipfile.ZipFile(ods).read("content.xml").decode("utf-8")
    assert content.count("<office:annotation") == 5  # one per changed cell (three version labels, two edits)
    assert "Was: Liberty 100" in content
    (pdf,) = soffice.convert([path], "pdf", tmp_path / "pdf")
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    matrix = [p for p in pages if "ESME" in p and "Read Me" not in p and "This workbook" not in p and "In this redline" not in p]
    assert len(matrix) >= 2 and all("S1SR Clause" in p and "Notes" in p for p in matrix)  # header repeated, no column cut off
    assert len([p for p in pages if p.strip()]) <= 10

"""The workbook redline (`docgen redline OLD.xlsx NEW.xlsx -o OUT.xlsx`) and its reader.

Workbooks are built here with openpyxl: a small DMVES-like matrix with title rows, a
merged title, a header and one row per (clause, device).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText

from docgen.errors import InputError, UsageError
from docgen.readers.workbook import read_workbook
from docgen.writers.redline_xlsx import align_rows, workbook_redline

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
    data = workbook_redline(*pair, author="Reviewer", date=DATE)
    path = tmp_path / "redline.xlsx"
    path.write_bytes(data)
    return load_workbook(path, rich_text=True)


def _changes(wb) -> list[tuple]:
    rows = list(wb["Changes"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Cell", "Change", "Old", "New")
    return [r[:4] for r in rows[1:]]


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


def test_a_changed_cell_shows_the_old_value_struck_and_the_new_one(redline):
    changes = _changes(redline)
    assert ("ESME!C8", "changed", "SRV 11.1", "SRV 11.1, SRV 11.2") in changes
    assert ("ESME!A2", "changed", "Version 12.0", "Version 12.2") in changes
    cell = redline["ESME"]["C8"]
    assert isinstance(cell.value, CellRichText)
    old_part, _, new_part = cell.value
    assert old_part.text == "SRV 11.1" and old_part.font.strike and old_part.font.color.rgb == "FFC00000"
    assert new_part.text == "SRV 11.1, SRV 11.2" and new_part.font.u == "double"


def test_a_removed_row_comes_back_struck_and_red_where_it_stood(redline):
    changes = _changes(redline)
    assert ("ESME!A8", "row removed", "18.4 | Itron Orion ESME | SRV 4.16 | 9", None) in changes
    ws = redline["ESME"]
    # OLD row 8 (18.4) sits after NEW's 18.3 (redline row 8) and before 18.5(p)
    assert [ws.cell(row=r, column=1).value for r in range(5, 11)] == ["18.1", "18.1A", "18.2", "18.3", "18.4", "18.5(p)"]
    assert ws["A9"].font.strike and ws["B9"].fill.fgColor.rgb == "FFFCE4E4"


def test_new_sheets_values_and_widths_are_kept_and_sheet_changes_listed(redline):
    assert redline.sheetnames == ["ESME", "New notes", "Old notes (removed)", "Changes"]
    ws = redline["ESME"]
    assert ws["D10"].value == 11  # a number stays a number
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


def test_redline_bytes_are_deterministic_and_dated(pair, tmp_path):
    first = workbook_redline(*pair, author="Reviewer", date=DATE)
    assert first == workbook_redline(*pair, author="Reviewer", date=DATE)
    assert first != workbook_redline(*pair, author="Reviewer", date="2025-05-03T09:30:00Z")
    props = load_workbook(io.BytesIO(first)).properties
    assert props.creator == "Reviewer" and props.modified.isoformat().startswith("2025-05-02T09:30")
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zipfile.ZipFile(io.BytesIO(first)).infolist())


def test_a_bad_date_is_a_usage_error(pair):
    with pytest.raises(UsageError, match="ISO 8601"):
        workbook_redline(*pair, author="x", date="yesterday")


def test_row_alignment_pairs_similar_rows_and_keeps_removed_rows_in_place():
    old = [("h",), ("18.1", "A"), ("18.2", "B"), ("18.3", "C")]
    new = [("h",), ("18.1", "A"), ("18.1A", "Z"), ("18.3", "C2")]
    ops = [(op.op, op.old, op.new) for op in align_rows(old, new)]
    assert ops == [("equal", 1, 1), ("equal", 2, 2), ("removed", 3, None), ("added", None, 3), ("changed", 4, 4)]


def _bundled_or_synth(tmp: Path, version: str) -> Path:
    bundled = Path(__file__).resolve().parents[1] / "sources" / "documents" / f"DMVES-v{version}.xlsx"
    if bundled.is_file():
        return bundled
    from docgen.synth.dmves import build_dmves

    path = tmp / f"DMVES-v{version}.xlsx"
    path.write_bytes(build_dmves(version))
    return path


def test_dmves_v12_to_v12_2_redline_shows_the_added_rows_and_changed_cells(tmp_path):
    old = read_workbook(_bundled_or_synth(tmp_path, "12"))
    new = read_workbook(_bundled_or_synth(tmp_path, "12.2"))
    wb = load_workbook(io.BytesIO(workbook_redline(old, new, author="docgen", date=DATE)), rich_text=True)
    changes = _changes(wb)
    assert wb.sheetnames == [s.title for s in new.sheets] + ["Changes"]
    added = [c[3] for c in changes if c[1] == "row added"]
    assert any(text.startswith(("18.7f", "18.7(f)", "18.7 (f)", "Clause 18.7(f)")) for text in added)
    assert any("18.62" in text for text in added)
    assert any(c[1] == "changed" and (c[2], c[3]) == ("Liberty 100", "Secure Liberty 100 ESME") for c in changes)
    assert not any(c[1] == "row removed" for c in changes)

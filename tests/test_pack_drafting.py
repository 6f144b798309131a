"""The drafting-change table is computed from the redline, and the pack only describes it:
every changed clause gets a row, and both kinds of drift (a change nobody described, a
description of something that did not change) are warned about."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from docx import Document

from docgen.pack.drafting import UNDESCRIBED, clause_changes, document_drafting, drafting_csv, drafting_docx, matrix_changed
from docgen.pack.load import load_pack
from docgen.readers import read_document
from docgen.transforms.compare import compare
from lint_builders import build_docx, matrix
from pack_helpers import pack_text, write_pack

OLD = [
    ("h", "Device behaviours"),
    ("c", "The S1SP processes the following requests:"),
    ("i", "an SRV 4.8.1 is answered from the profile buffer of the ESME;"),
    ("i", "an SRV 6.15.1 is rejected for the Kamstrup Nordic ESME; and"),
    ("i", "an SRV 11.1 to a PPMID is not forwarded to the device."),
    ("c", "The GT01 check allows a period of 24 hours since the GSME last communicated."),
    ("c", "This clause is withdrawn in the new version because it no longer applies to any device."),
]
NEW = [
    ("h", "Device behaviours"),
    ("c", "The S1SP processes the following requests:"),
    ("i", "an SRV 4.8.1 is answered from the profile buffer of the ESME;"),
    ("i", "an SRV 6.15.1 or SRV 6.15.2 is rejected for the Kamstrup Nordic ESME; and"),
    ("i", "an SRV 11.1 to a PPMID is not forwarded to the device."),
    ("c", "The GT01 check allows a period of 72 hours since the GSME last communicated."),
    ("c", "The DCC publishes every three months the number of installations it considers blocked."),
]


def _pack(tmp_path: Path, drafting: str, *, with_matrix: bool = False):
    build_docx(OLD, tmp_path / "old.docx")
    build_docx(NEW, tmp_path / "new.docx")
    files = 'version_from = "1"\nversion_to = "2"\nold = "old.docx"\nnew = "new.docx"\n'
    if with_matrix:
        (tmp_path / "old.xlsx").write_bytes(b"x")
        (tmp_path / "new.xlsx").write_bytes(b"x")
        files += '[documents.matrix]\nold = "old.xlsx"\nnew = "new.xlsx"\n'
    return load_pack(write_pack(tmp_path, pack_text(files={"S1SR": files}, tail=drafting)))


def _table(pack, *, matrix_did_change: bool = False):
    doc = pack.documents[0]
    changes, untabled = clause_changes(compare(read_document(doc.old), read_document(doc.new)))
    return document_drafting(pack, doc, changes, matrix_did_change=matrix_did_change, untabled=untabled)


def test_the_comparison_gives_every_changed_clause_by_its_reference(tmp_path):
    pack = _pack(tmp_path, "")
    doc = pack.documents[0]
    changes, _ = clause_changes(compare(read_document(doc.old), read_document(doc.new)))
    # 1.3 was rewritten completely: the old text deleted, a new text inserted under the same number
    assert [(c.ref, c.kinds) for c in changes] == [("1.1(b)", ("modified",)), ("1.2", ("modified",)), ("1.3", ("deleted", "inserted"))]


def test_described_changes_take_the_pack_description(tmp_path):
    drafting = """
[[drafting]]
ref = "1.1(b)"
description = "SRV 6.15.2 added for the Kamstrup Nordic ESME."
[[drafting]]
ref = "1.2"
description = "GT01 period extended from 24 to 72 hours."
rationale = "Unblocks migrations."
[[drafting]]
ref = "1.3"
description = "Withdrawn clause replaced by a reporting duty."
"""
    table = _table(_pack(tmp_path, drafting))
    assert [(r.display_ref, r.description) for r in table.rows] == [
        ("1.1(b)", "SRV 6.15.2 added for the Kamstrup Nordic ESME."),
        ("1.2", "GT01 period extended from 24 to 72 hours."),
        ("1.3", "Withdrawn clause replaced by a reporting duty."),
    ]
    assert table.rows[1].rationale == "Unblocks migrations."
    assert table.warnings == []


def test_a_change_nobody_described_is_tabled_and_warned_about(tmp_path):
    drafting = '[[drafting]]\nref = "1.2"\ndescription = "GT01 period extended."\n'
    table = _table(_pack(tmp_path, drafting))
    undescribed = [r for r in table.rows if not r.described]
    assert [r.display_ref for r in undescribed] == ["1.1(b)", "1.3"]
    assert undescribed[0].description == UNDESCRIBED.format(kind="modified")
    assert len(table.warnings) == 2
    assert "S1SR 1.1(b) was modified" in table.warnings[0] and 'ref = "1.1(b)"' in table.warnings[0]
    assert [r.display_ref for r in table.rows] == ["1.1(b)", "1.2", "1.3"], "rows keep document order"


def test_a_description_of_a_clause_that_did_not_change_is_warned_about(tmp_path):
    drafting = """
[[drafting]]
refs = ["1.1(b)", "1.2", "1.3"]
ref = "1.1(b), 1.2 and 1.3"
description = "All of it."
[[drafting]]
ref = "1.1(a)"
description = "Profile buffer clarified."
"""
    table = _table(_pack(tmp_path, drafting))
    assert [r.display_ref for r in table.rows] == ["1.1(b), 1.2 and 1.3", "1.1(a)"]
    assert table.rows[0].changed == ("1.1(b)", "1.2", "1.3")
    assert len(table.warnings) == 1
    assert "'1.1(a)' is described in the pack but that clause did not change between v1 and v2" in table.warnings[0]


def test_subclauses_covers_everything_below_a_reference(tmp_path):
    drafting = '[[drafting]]\nref = "1.1"\nsubclauses = true\ndescription = "Requests of clause 1.1."\n[[drafting]]\nref = "1.2-1.3"\ndescription = "The rest."\n'
    table = _table(_pack(tmp_path, drafting))
    assert [r.display_ref for r in table.rows] == ["1.1", "1.2-1.3"]
    assert table.warnings == []
    without = _table(_pack(tmp_path, drafting.replace("subclauses = true\n", "")))
    assert any("1.1(b) was modified" in w for w in without.warnings)


def test_the_workbook_is_annex_a(tmp_path):
    drafting = '[[drafting]]\nref = "1.1(b)"\ndescription = "x"\n[[drafting]]\nref = "1.2"\ndescription = "y"\n[[drafting]]\nref = "1.3"\ndescription = "z"\n'
    described = drafting + '[[drafting]]\nref = "Annex A"\ndescription = "Row added for SRV 6.15.2."\n'
    changed = _table(_pack(tmp_path, described, with_matrix=True), matrix_did_change=True)
    assert changed.rows[-1].display_ref == "Annex A" and changed.warnings == []
    unchanged = _table(_pack(tmp_path, described, with_matrix=True), matrix_did_change=False)
    assert any("'Annex A'" in w and "the workbook did not change" in w for w in unchanged.warnings)
    undescribed = _table(_pack(tmp_path, drafting, with_matrix=True), matrix_did_change=True)
    assert any(w.startswith("S1SR Annex A was modified") for w in undescribed.warnings)


def test_matrix_changed_ignores_order_but_sees_rows():
    a = matrix(("18.5(p)", "Secure Liberty 200 ESME", "SRV 4.8.3"), ("18.9", "Geo Solo PPMID", "SRV 8.7.1"))
    b = matrix(("18.9", "Geo Solo PPMID", "SRV 8.7.1"), ("18.5(p)", "Secure Liberty 200 ESME", "SRV 4.8.3"))
    c = matrix(("18.9", "Geo Solo PPMID", "SRV 8.7.1"))
    assert not matrix_changed(a, b)
    assert matrix_changed(a, c)


def test_a_document_without_redline_is_tabled_unchecked(tmp_path):
    pack = load_pack(write_pack(tmp_path, pack_text(tail='[[drafting]]\nref = "20.5A"\ndescription = "New clause."\n', documents=[("SMETS1 SVTAD", "SEC Variation Testing Approach Document for SMETS1 Services", "AK")])))
    table = document_drafting(pack, pack.documents[0], None)
    assert not table.checked
    assert [(r.display_ref, r.description) for r in table.rows] == [("20.5A", "New clause.")]
    assert table.warnings == []


def test_front_matter_changes_are_reported_not_tabled(tmp_path):
    old = [("p", "Version 1.0"), *OLD]
    new = [("p", "Version 2.0"), *OLD]
    build_docx(old, tmp_path / "a.docx")
    build_docx(new, tmp_path / "b.docx")
    changes, untabled = clause_changes(compare(read_document(tmp_path / "a.docx"), read_document(tmp_path / "b.docx")))
    assert changes == []
    assert untabled == ["Version 2.0"]


def test_csv_and_word_tables_have_the_published_columns(tmp_path):
    drafting = '[[drafting]]\nref = "1.2"\ndescription = "GT01 period extended."\nrationale = "Unblocks migrations."\n'
    pack = _pack(tmp_path, drafting)
    table = _table(pack)
    rows = list(csv.reader(io.StringIO(drafting_csv([table]).decode("utf-8-sig"))))
    assert rows[0][:2] == ["Drafting Reference", "Description"]
    assert ["1.2", "GT01 period extended.", "S1SR", "Unblocks migrations."] in rows
    document = Document(io.BytesIO(drafting_docx(pack, [table], dt.datetime(2025, 2, 5))))
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert cells[0] == ["Drafting Reference", "Description"]
    assert ["1.2", "GT01 period extended."] in cells
    assert len(cells) == 1 + 3

"""Word tables read as grids: positions, merged extents and the text that survives, from
hand-written WordprocessingML (the spellings Word, LibreOffice and .NET packagers use)."""

from __future__ import annotations

from corpus.wml import Doc
from docgen.limits import Limits
from docgen.ooxml.package import Package
from docgen.ooxml.table_grid import GridCell, body_table_grids


def _docx(tmp_path, body: str):
    return Package(Doc([body]).save(tmp_path / "t.docx"), Limits.from_env(), kind="Word document (.docx)")


def tc(text: str, tcpr: str = "", run_props: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p><w:r><w:rPr>{run_props}</w:rPr><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_spans_and_vertical_merges_become_extents(tmp_path):
    rows = [
        tc("A", '<w:gridSpan w:val="2"/>') + tc("B", '<w:vMerge w:val="restart"/>'),
        tc("C") + tc("D") + tc("", "<w:vMerge/>"),
        tc("E") + tc("F") + tc("G"),
    ]
    body = "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"
    with _docx(tmp_path, body) as pkg:
        [grid] = body_table_grids(pkg)
    at = {(c.row, c.col): c for c in grid}
    assert at[(1, 1)] == GridCell(1, 1, 1, 2, "A", "A", True)
    assert at[(1, 3)] == GridCell(1, 3, 2, 3, "B", "B", True)  # runs down over the continue cell
    assert (2, 3) not in at
    assert at[(3, 3)] == GridCell(3, 3, 3, 3, "G", "G", False)


def test_cells_after_grid_before_start_further_right(tmp_path):
    body = '<w:tbl><w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>' + tc("X") + "</w:tr></w:tbl>"
    with _docx(tmp_path, body) as pkg:
        [[cell]] = body_table_grids(pkg)
    assert (cell.row, cell.col) == (1, 3)


def test_struck_deleted_and_hidden_text_is_not_kept(tmp_path):
    cells = (
        tc("struck", run_props="<w:strike/>")
        + '<w:tc><w:p><w:del w:id="1" w:author="a"><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:t>stays</w:t></w:r></w:p></w:tc>'
        + tc("hidden", run_props="<w:vanish/>")
    )
    with _docx(tmp_path, f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>") as pkg:
        [grid] = body_table_grids(pkg)
    assert [(c.written, c.kept) for c in grid] == [("struck", ""), ("gonestays", "stays"), ("", "")]


def test_a_row_deleted_in_tracking_keeps_nothing(tmp_path):
    row = '<w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr>' + tc("old") + "</w:tr>"
    with _docx(tmp_path, f"<w:tbl>{row}</w:tbl>") as pkg:
        [[cell]] = body_table_grids(pkg)
    assert (cell.written, cell.kept) == ("old", "")


def test_tables_in_content_controls_count_and_nested_tables_do_not(tmp_path):
    nested = f"<w:tc><w:tbl><w:tr>{tc('inner')}</w:tr></w:tbl><w:p/></w:tc>"
    body = (
        f"<w:tbl><w:tr>{nested}</w:tr></w:tbl>"
        f"<w:sdt><w:sdtContent><w:tbl><w:tr>{tc('wrapped')}</w:tr></w:tbl></w:sdtContent></w:sdt>"
    )
    with _docx(tmp_path, body) as pkg:
        grids = body_table_grids(pkg)
    assert [[c.written for c in g] for g in grids] == [["inner\n"], ["wrapped"]]

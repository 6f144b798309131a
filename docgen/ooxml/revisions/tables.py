"""Tracked table changes: rows and cells that come and go, vertical merges, and the grid
that must still be filled when a cell leaves (Word widens its neighbour)."""

from __future__ import annotations

from lxml import etree

from docgen.ooxml.ns import W, qn
from docgen.ooxml.revisions.elements import CELL_MERGE, drop_element


def tracked_rows(root: etree._Element, *, remove_when: str, keep_when: str) -> bool:
    changed = False
    for tr in list(root.iter(W.tr)):
        trpr = tr.find(W.trPr)
        if trpr is None:
            continue
        if trpr.find(remove_when) is not None:
            _hand_merge_starts_down(tr)
            drop_element(tr)
            changed = True
            continue
        for mark in trpr.findall(keep_when):
            trpr.remove(mark)
            changed = True
        if len(trpr) == 0:
            tr.remove(trpr)
    for tbl in list(root.iter(W.tbl)):
        if not table_rows(tbl):
            drop_element(tbl)
            changed = True
    return changed


def _hand_merge_starts_down(tr: etree._Element) -> None:
    """A vertically merged run that starts in a row about to go starts in the next row
    instead; otherwise its next cell would join whatever cell sits above the gap."""
    tbl = _enclosing(tr, W.tbl)
    rows = table_rows(tbl) if tbl is not None else []
    at = next((i for i, row in enumerate(rows) if row is tr), None)
    if at is None or at + 1 >= len(rows):
        return
    below = _cells_by_column(rows[at + 1])
    for col, tc in _cells_by_column(tr).items():
        if _vmerge(tc) == "restart" and _vmerge(below.get(col)) == "continue":
            _set_tcpr(below[col], W.vMerge).set(W.val, "restart")


def _cells_by_column(tr: etree._Element) -> dict[int, etree._Element]:
    """A row's cells by the grid column each starts in."""
    trpr = tr.find(W.trPr)
    col = 0 if trpr is None else _int(trpr.find(W.gridBefore), 0)
    out: dict[int, etree._Element] = {}
    for tc in row_cells(tr):
        out[col] = tc
        col += _span(tc)
    return out


def _vmerge(tc: etree._Element | None) -> str | None:
    """A cell's vertical merge: "restart", "continue" (also when w:val is absent) or None."""
    el = None if tc is None else tc.find(f"{W.tcPr}/{W.vMerge}")
    return None if el is None else el.get(W.val, "continue")


def tracked_cells(root: etree._Element, *, remove_when: str, keep_when: str) -> bool:
    changed = False
    going: list[tuple[etree._Element | None, etree._Element]] = []  # (table, cell)
    for tcpr in list(root.iter(W.tcPr)):
        tc = tcpr.getparent()
        if tcpr.find(remove_when) is not None and tc is not None and tc.tag == W.tc:
            going.append((_enclosing(tc, W.tbl), tc))
            changed = True
            continue
        for mark in tcpr.findall(keep_when) + tcpr.findall(remove_when):
            tcpr.remove(mark)
            changed = True
    tables: list[etree._Element] = []
    for tbl, _ in going:
        if tbl is not None and all(t is not tbl for t in tables):
            tables.append(tbl)
    for tbl in tables:
        cells = [tc for t, tc in going if t is tbl]
        where = {id(tc): _position(tc) for tc in cells}  # before any cell goes
        columns = _whole_columns(tbl, cells, where)
        # Whole columns go first, so a cell removed beside one widens a cell that stays.
        for tc in cells:
            if where[id(tc)] in columns:
                drop_element(tc)  # its whole column goes, so nothing widens
        widened = [n for tc in cells if where[id(tc)] not in columns and (n := _remove_cell(tc)) is not None]
        _drop_grid_columns(tbl, columns)
        _fit_to_grid(tbl, widened)
        for tr in [tr for tr in table_rows(tbl) if not row_cells(tr)]:
            drop_element(tr)
        if not table_rows(tbl):
            drop_element(tbl)
        elif tbl.getparent() is not None:
            # Columns moved under the cells of merged runs: re-mark where each run starts.
            _mark_merge_starts(tbl)
    for tbl, tc in going:
        if tbl is None:
            _remove_cell(tc)
    return changed


def _position(tc: etree._Element) -> tuple[int, int]:
    """(first grid column, span) of a cell within its row."""
    tr = _enclosing(tc, W.tr)
    if tr is None:
        return (-1, 0)
    for col, cell in _cells_by_column(tr).items():
        if cell is tc:
            return (col, _span(cell))
    return (-1, 0)


def _whole_columns(tbl: etree._Element, going: list[etree._Element], where: dict[int, tuple[int, int]]) -> set[tuple[int, int]]:
    """Grid columns (first column, span) whose cell goes in every row: a column deleted (or
    inserted, on reject) as a whole, which leaves the grid instead of widening neighbours."""
    rows = table_rows(tbl)  # held, so each row keeps one lxml proxy for the `is` tests below
    by_row: list[set[tuple[int, int]]] = [set() for _ in rows]
    for tc in going:
        tr = _enclosing(tc, W.tr)
        at = next((i for i, row in enumerate(rows) if row is tr), None)
        if at is not None:
            by_row[at].add(where[id(tc)])
    if not rows or not all(by_row):
        return set()
    common = set.intersection(*by_row)
    grid = len(tbl.findall(f"{W.tblGrid}/{W.gridCol}"))
    return {(col, span) for col, span in common if 0 <= col and col + span <= grid}


def _drop_grid_columns(tbl: etree._Element, columns: set[tuple[int, int]]) -> None:
    grid = tbl.find(W.tblGrid)
    if grid is None or not columns:
        return
    cols = grid.findall(W.gridCol)
    gone = sorted({i for col, span in columns for i in range(col, col + span)}, reverse=True)
    removed_width = 0
    for i in gone:
        try:
            removed_width += int(cols[i].get(W.w, "0"))
        except ValueError:
            pass
        grid.remove(cols[i])
    tblw = tbl.find(f"{W.tblPr}/{W.tblW}")
    if tblw is not None and tblw.get(W.type) == "dxa" and removed_width:
        try:
            tblw.set(W.w, str(max(int(tblw.get(W.w, "0")) - removed_width, 0)))
        except ValueError:
            pass


def _remove_cell(tc: etree._Element) -> etree._Element | None:
    """Remove a cell as Word does: the row must still fill the table's grid, so the cell
    before it (or after it, for a first cell) widens by the removed cell's span, and that
    neighbour is returned (`_fit_to_grid` then gives it the width of the columns it covers).
    Where the grid itself shrank (a rejected insertion whose tblGridChange was undone), the
    row already fits and nothing widens. A row left without cells goes."""
    tr = _enclosing(tc, W.tr)
    tbl = _enclosing(tc, W.tbl)
    if tr is None:
        drop_element(tc)
        return None
    cells = row_cells(tr)
    at = cells.index(tc)
    span = _span(tc)
    before = _row_width(tr)
    grid = len(_grid_widths(tbl)) if tbl is not None else 0
    neighbour = cells[at - 1] if at > 0 else (cells[at + 1] if len(cells) > 1 else None)
    width = _width_dxa(tc)
    drop_element(tc)
    if neighbour is None:
        drop_element(tr)
        if tbl is not None and not table_rows(tbl):
            drop_element(tbl)
        return None
    widen = min(span, (grid or before) - (before - span))
    if widen <= 0:
        return neighbour if grid else None
    _set_span(neighbour, _span(neighbour) + widen)
    other = _width_dxa(neighbour)
    if not grid and width is not None and other is not None and widen == span:
        # No grid to measure against: the neighbour takes the removed cell's width.
        _tcw(neighbour).set(W.w, str(other + width))
    return neighbour


def _fit_to_grid(tbl: etree._Element, widened: list[etree._Element]) -> None:
    """Word's table after cells left: every row fits the grid, and each cell whose span
    changed (or that widened over a removed cell) is as wide as the grid columns it covers.

    Word recomputes these from w:tblGrid rather than adding cell widths, which differ
    from the grid in real documents; and a row whose restored grid is narrower than its
    spans (a cell insertion rejected, with the grid change undone) gives up the extra
    columns, from the widened cell first, then from the row's last spanning cells.
    """
    widths = _grid_widths(tbl)
    if not widths:
        return
    touched = list(widened)
    for tr in table_rows(tbl):
        excess = _row_width(tr) - len(widths)
        if excess <= 0:
            continue
        cells = row_cells(tr)
        order = [c for c in cells if any(c is t for t in widened)] + [c for c in reversed(cells) if not any(c is t for t in widened)]
        for tc in order:
            if excess <= 0:
                break
            give = min(_span(tc) - 1, excess)
            if give > 0:
                _set_span(tc, _span(tc) - give)
                excess -= give
                touched.append(tc)
    for tc in touched:
        if tc.getparent() is None:
            continue
        first, span = _position(tc)
        if first < 0 or first + span > len(widths) or any(w is None for w in widths[first : first + span]):
            continue
        tcw = tc.find(f"{W.tcPr}/{W.tcW}")
        if tcw is not None and tcw.get(W.type, "dxa") == "dxa":
            tcw.set(W.w, str(sum(widths[first : first + span])))


def _grid_widths(tbl: etree._Element) -> list[int | None]:
    """The table grid's column widths (twentieths of a point; None where unreadable)."""
    out: list[int | None] = []
    for col in tbl.findall(f"{W.tblGrid}/{W.gridCol}"):
        try:
            out.append(int(col.get(W.w, "")))
        except ValueError:
            out.append(None)
    return out


def _tcw(tc: etree._Element) -> etree._Element:
    return tc.find(f"{W.tcPr}/{W.tcW}")


def _span(tc: etree._Element) -> int:
    return _int(tc.find(f"{W.tcPr}/{W.gridSpan}"), 1)


def _int(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return max(int(el.get(W.val, default)), 0)
    except ValueError:
        return default


def _row_width(tr: etree._Element) -> int:
    """Grid columns a row covers: skipped columns before and after, plus every cell's span."""
    trpr = tr.find(W.trPr)
    skipped = 0 if trpr is None else _int(trpr.find(W.gridBefore), 0) + _int(trpr.find(W.gridAfter), 0)
    return skipped + sum(_span(c) for c in row_cells(tr))


# Row- and cell-level wrappers: a repeating-section content control holds rows, and custom
# XML can wrap rows or cells, so a table's rows (a row's cells) are not always its children.
_TABLE_WRAPPERS = {W.sdt, W.sdtContent, qn("w:customXml")}


def table_rows(tbl: etree._Element) -> list[etree._Element]:
    return _wrapped_children(tbl, W.tr)


def row_cells(tr: etree._Element) -> list[etree._Element]:
    return _wrapped_children(tr, W.tc)


def _wrapped_children(el: etree._Element, tag: str) -> list[etree._Element]:
    out: list[etree._Element] = []
    for child in el:
        if child.tag == tag:
            out.append(child)
        elif child.tag in _TABLE_WRAPPERS:
            out.extend(_wrapped_children(child, tag))
    return out


def _enclosing(el: etree._Element, tag: str) -> etree._Element | None:
    """The nearest ancestor with this tag (the row or table a cell belongs to)."""
    for anc in el.iterancestors(tag):
        return anc
    return None


def _width_dxa(tc: etree._Element) -> int | None:
    tcw = tc.find(f"{W.tcPr}/{W.tcW}")
    if tcw is None or tcw.get(W.type, "dxa") != "dxa":
        return None
    try:
        return int(tcw.get(W.w, ""))
    except ValueError:
        return None


# CT_TcPr's children in schema order, so properties added here land where Word expects them.
_TCPR_ORDER = [
    qn(f"w:{n}")
    for n in ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange")
]


def _set_tcpr(tc: etree._Element, tag: str) -> etree._Element:
    """The cell's property element `tag`, created in schema order when missing."""
    tcpr = tc.find(W.tcPr)
    if tcpr is None:
        tcpr = etree.Element(W.tcPr)
        tc.insert(0, tcpr)
    el = tcpr.find(tag)
    if el is not None:
        return el
    rank = _TCPR_ORDER.index(tag)
    idx = 0
    for i, child in enumerate(tcpr):
        if child.tag in _TCPR_ORDER and _TCPR_ORDER.index(child.tag) < rank:
            idx = i + 1
    el = etree.Element(tag)
    tcpr.insert(idx, el)
    return el


def _set_span(tc: etree._Element, span: int) -> None:
    if span <= 1:
        old = tc.find(f"{W.tcPr}/{W.gridSpan}")
        if old is not None:
            old.getparent().remove(old)
        return
    _set_tcpr(tc, W.gridSpan).set(W.val, str(span))


def vertical_merges(root: etree._Element, *, accept: bool) -> bool:
    """Tracked vertical merges and splits (w:cellMerge) made real (accept) or undone (reject).

    The mark says what the revision did to its cell: `vMerge` the setting it gave the cell,
    `vMergeOrig` the one it had ("cont": merged with the cell above; "rest": not). Accepting
    applies `vMerge` (none given: nothing to apply); rejecting puts back `vMergeOrig`, which
    when absent means "rest" (ECMA-376 17.13.5.3). The top cell of each merged run is then
    (re)marked as its start, and a start left with nothing under it stops being one.
    """
    changed_tables: list[etree._Element] = []
    marks = list(root.iter(CELL_MERGE))
    for mark in marks:
        tcpr = mark.getparent()
        tc = tcpr.getparent() if tcpr is not None else None
        now, orig = mark.get(qn("w:vMerge")), mark.get(qn("w:vMergeOrig"))
        if accept:
            setting = now
        else:
            setting = (orig or "rest") if (now or orig) else None
        tcpr.remove(mark)
        if tc is None or tc.tag != W.tc:
            continue
        if setting == "cont":
            _set_tcpr(tc, W.vMerge).attrib.pop(W.val, None)
        elif setting == "rest":
            vmerge = tcpr.find(W.vMerge)
            if vmerge is not None:
                tcpr.remove(vmerge)
        tbl = _enclosing(tc, W.tbl)
        if tbl is not None and all(t is not tbl for t in changed_tables):
            changed_tables.append(tbl)
    for tbl in changed_tables:
        _mark_merge_starts(tbl)
    return bool(marks)


def _mark_merge_starts(tbl: etree._Element) -> None:
    """Give each vertically merged run a "restart" top cell; drop lone restarts."""
    grid = [_cells_by_column(tr) for tr in table_rows(tbl)]
    for r, row in enumerate(grid):
        for col, tc in row.items():
            below = grid[r + 1].get(col) if r + 1 < len(grid) else None
            above = grid[r - 1].get(col) if r > 0 else None
            if _vmerge(tc) == "continue" and _vmerge(above) is not None:
                continue
            if _vmerge(below) == "continue":
                _set_tcpr(tc, W.vMerge).set(W.val, "restart")
            elif _vmerge(tc) is not None:
                vmerge = tc.find(f"{W.tcPr}/{W.vMerge}")
                vmerge.getparent().remove(vmerge)

"""Body tables of a Word document as grids: each cell at its grid position with its merged extent.

A table in WordprocessingML is rows of cells whose columns are implied (`w:gridBefore`,
`w:gridSpan`) and whose vertical merges are spelled as a start cell followed by `continue`
cells. Readers want neither detail: they want "the cell at row 3, column 2 covers rows 3 to 5,
and reads 'X' (or '' once struck and deleted text is dropped)". This module does that reading
once, for whoever holds a document as a table (the DMVES as it was published before Excel).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from docgen.ooxml.element import is_on
from docgen.ooxml.ns import DEL, DEL_TEXT, MOVE_FROM, W
from docgen.ooxml.package import Package
from docgen.ooxml.parts import find_main_part

_REMOVED = (DEL, MOVE_FROM)  # tracked deletions: written, but not in the accepted text
_STRIKES = (W.strike, W.dstrike)


@dataclass(frozen=True)
class GridCell:
    """One cell where its content starts (1-based grid positions, inclusive extent).

    `merged` says the markup declares a merge (a column span or a vertical merge), even one that
    ends up covering a single grid square: readers keep such cells apart from plain ones.
    """

    row: int
    col: int
    last_row: int
    last_col: int
    written: str  # every character as written, paragraphs joined by newlines
    kept: str  # without struck, tracked-deleted or hidden text
    merged: bool


def body_table_grids(pkg: Package) -> list[list[GridCell]]:
    """Every body-level table of the main document part (also inside content controls, not
    tables nested in cells), in document order; [] for a package with no Word main part."""
    main = find_main_part(pkg.parts(), pkg.limits, file=str(pkg.path))
    if main is None:
        return []
    body = pkg.xml(main).find(W.body)
    if body is None:
        return []
    return [_grid(tbl) for tbl in _tables(body)]


def _tables(container: etree._Element) -> list[etree._Element]:
    out = []
    for child in container:
        if child.tag == W.tbl:
            out.append(child)
        elif child.tag in (W.sdt, W.sdtContent, W.customXml):
            out.extend(_tables(child))
    return out


def _int_val(el: etree._Element | None, default: int) -> int:
    value = el.get(W.val, "") if el is not None else ""
    return int(value) if value.isdigit() else default


def _grid(tbl: etree._Element) -> list[GridCell]:
    done: list[GridCell] = []
    running: dict[int, GridCell] = {}  # grid column -> the vertically merged cell running down it
    for row_no, tr in enumerate((tr for tr in tbl if tr.tag == W.tr), start=1):
        row_removed = tr.find(f"{W.trPr}/{_REMOVED[0]}") is not None
        col = 1 + _int_val(tr.find(f"{W.trPr}/{W.gridBefore}"), 0)
        for tc in (c for c in tr if c.tag == W.tc):
            tcpr = tc.find(W.tcPr)
            span = max(1, _int_val(tcpr.find(W.gridSpan) if tcpr is not None else None, 1))
            vmerge = tcpr.find(W.vMerge) if tcpr is not None else None
            if vmerge is not None and vmerge.get(W.val, "continue") == "continue" and col in running:
                start = running[col]
                running[col] = GridCell(start.row, start.col, row_no, start.last_col, start.written, start.kept, True)
            else:
                if col in running:
                    done.append(running.pop(col))
                written, kept = _cell_text(tc, row_removed)
                cell = GridCell(row_no, col, row_no, col + span - 1, written, kept, vmerge is not None or span > 1)
                if vmerge is not None:
                    running[col] = cell
                else:
                    done.append(cell)
            col += span
    done.extend(running.values())
    done.sort(key=lambda c: (c.row, c.col))
    return done


def _cell_text(tc: etree._Element, row_removed: bool) -> tuple[str, str]:
    """(as written, kept): paragraphs joined by newlines; struck, deleted or hidden runs dropped
    from `kept` (hidden ones from both: nobody reading the document sees them)."""
    full_paras: list[str] = []
    kept_paras: list[str] = []
    for p in tc.iter(W.p):
        full: list[str] = []
        kept: list[str] = []
        for run in p.iter(W.r):
            rpr = run.find(W.rPr)
            if rpr is not None and is_on(rpr.find(W.vanish)):
                continue
            removed = row_removed or any(a.tag in _REMOVED for a in _ancestors_within(run, p))
            struck = rpr is not None and any(is_on(rpr.find(tag)) for tag in _STRIKES)
            text = _run_text(run)
            full.append(text)
            if not (removed or struck):
                kept.append(text)
        full_paras.append("".join(full))
        kept_paras.append("".join(kept))
    return "\n".join(full_paras), "\n".join(kept_paras)


def _ancestors_within(el: etree._Element, stop: etree._Element) -> list[etree._Element]:
    out = []
    for parent in el.iterancestors():
        if parent is stop:
            break
        out.append(parent)
    return out


def _run_text(run: etree._Element) -> str:
    parts = []
    for child in run:
        if child.tag in (W.t, DEL_TEXT):
            parts.append(child.text or "")
        elif child.tag in (W.tab, W.noBreakHyphen):
            parts.append(" " if child.tag == W.tab else "-")
        elif child.tag in (W.br, W.cr):
            parts.append("\n")
    return "".join(parts)

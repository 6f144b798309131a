"""Loading a DMVES held as a table in a .docx, as the matrix was published before it moved to Excel.

Each body table becomes a grid titled 'Table N'. Cell text keeps its paragraph breaks (they
separate device models). Existing tracked changes are read like strikethrough: deleted text
is written but removed, so a row deleted in tracking is a removed row, exactly as a
struck-through row in a redlined workbook.
"""

from __future__ import annotations

from lxml import etree

from docgen.ooxml.ns import NS, WORD_DOC_REL, W, qn
from docgen.ooxml.package import Package
from docgen.readers.dmves.grid import Grid, GridCell, Merge

_DEL = qn("w:del")
_REMOVED = (_DEL, W.moveFrom)  # tracked deletions: written, but not in the accepted text
_STRIKES = (W.strike, W.dstrike)


def _main_part(pkg: Package) -> str | None:
    if pkg.has("_rels/.rels"):
        for rel in pkg.xml("_rels/.rels").iter(f"{{{NS['rel']}}}Relationship"):
            target = rel.get("Target", "").lstrip("/")
            if rel.get("Type") == WORD_DOC_REL and pkg.has(target):
                return target
    return "word/document.xml" if pkg.has("word/document.xml") else None


def load_docx_grids(pkg: Package) -> list[Grid]:
    main = _main_part(pkg)
    if main is None:
        return []
    body = pkg.xml(main).find(W.body)
    if body is None:
        return []
    return [_table_grid(tbl, n) for n, tbl in enumerate(_tables(body), start=1)]


def _tables(container: etree._Element) -> list[etree._Element]:
    """Body-level tables, including those wrapped in content controls; not tables nested in cells."""
    out = []
    for child in container:
        if child.tag == W.tbl:
            out.append(child)
        elif child.tag in (W.sdt, W.sdtContent, W.customXml):
            out.extend(_tables(child))
    return out


def _on(el: etree._Element | None) -> bool:
    return el is not None and el.get(W.val, "true").lower() not in ("0", "false", "off", "none")


def _int_val(el: etree._Element | None, default: int) -> int:
    value = el.get(W.val, "") if el is not None else ""
    return int(value) if value.isdigit() else default


def _table_grid(tbl: etree._Element, number: int) -> Grid:
    grid = Grid(f"Table {number}")
    merges: list[Merge] = []
    running: dict[int, Merge] = {}  # grid column -> the vertical merge running down it
    for row_no, tr in enumerate((tr for tr in tbl if tr.tag == W.tr), start=1):
        row_removed = tr.find(f"{W.trPr}/{_DEL}") is not None
        col = 1 + _int_val(tr.find(f"{W.trPr}/{W.gridBefore}"), 0)
        for tc in (c for c in tr if c.tag == W.tc):
            tcpr = tc.find(W.tcPr)
            span = max(1, _int_val(tcpr.find(W.gridSpan) if tcpr is not None else None, 1))
            vmerge = tcpr.find(W.vMerge) if tcpr is not None else None
            if vmerge is not None and vmerge.get(W.val, "continue") == "continue" and col in running:
                m = running[col]
                running[col] = Merge(m.min_row, m.min_col, row_no, m.max_col)
            else:
                if col in running:
                    merges.append(running.pop(col))
                full, kept = _cell_text(tc, row_removed)
                if full.strip():
                    grid.cells[(row_no, col)] = GridCell(full, kept)
                if vmerge is not None:
                    running[col] = Merge(row_no, col, row_no, col + span - 1)
                elif span > 1:
                    merges.append(Merge(row_no, col, row_no, col + span - 1))
            col += span
    merges.extend(running.values())
    merges.sort(key=lambda m: (m.min_row, m.min_col))
    grid.spread_merges(merges)
    return grid


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
            if rpr is not None and _on(rpr.find(W.vanish)):
                continue
            removed = row_removed or any(a.tag in _REMOVED for a in _ancestors_within(run, p))
            struck = rpr is not None and any(_on(rpr.find(tag)) for tag in _STRIKES)
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
        if child.tag in (W.t, W.delText):
            parts.append(child.text or "")
        elif child.tag in (W.tab, W.noBreakHyphen):
            parts.append(" " if child.tag == W.tab else "-")
        elif child.tag in (W.br, W.cr):
            parts.append("\n")
    return "".join(parts)

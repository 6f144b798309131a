"""Accepting or rejecting every tracked change of a .docx package, without Word.

Users want it on its own (`docgen accept`, `docgen reject`), and the redline's tests need it
as an oracle: accepting a redline must give the new version and rejecting it the old one.
The rules follow ECMA-376 Part 1 §17.13 (annotations):

* run content: `w:ins`/`w:moveTo` wrap added runs, `w:del`/`w:moveFrom` wrap removed ones;
* paragraph marks: a mark that was inserted (rejected) or deleted (accepted) disappears, so
  the paragraph's remaining content runs on into the next paragraph, which keeps its own
  properties, as Word does;
* table rows (`w:trPr/w:ins|w:del`) and cells (`w:cellIns`/`w:cellDel`) come and go whole; a
  removed cell's neighbour widens so the row still fills the grid, as in Word, unless the
  cell's whole column goes, which then leaves the grid;
* tracked vertical merges (`w:cellMerge`) become real `w:vMerge` merges, or are undone;
* property changes (`w:pPrChange`, `w:rPrChange`, `w:tblPrChange`, ...) hold the old
  properties: accepting drops them, rejecting puts them back.
Move range markers and custom XML revision markers simply go. Afterwards, what Word tidies
goes too: field codes stranded outside their field, content controls left empty.

Which parts: every story (found by content type, whether declared by Override or by a
Default extension rule, and the main part through the package relationships). Callers that
write a file check it with `docgen.ooxml.revision_marks` first.
"""

from __future__ import annotations

import re
from typing import Callable

from lxml import etree

from docgen.limits import Limits
from docgen.ooxml.ns import W, qn
from docgen.ooxml.package import parse_xml
from docgen.ooxml.parts import ContentTypes, main_part, package_bytes, read_parts, serialise

# The package plumbing lives in docgen.ooxml.parts; these names stay importable from here.
__all__ = ["accept_all", "accept_tree", "main_part", "package_bytes", "read_parts", "reject_all", "reject_tree", "revision_parts", "serialise"]

_INS, _DEL = qn("w:ins"), qn("w:del")
_CELL_INS, _CELL_DEL, _CELL_MERGE = qn("w:cellIns"), qn("w:cellDel"), qn("w:cellMerge")
_DEL_INSTR = qn("w:delInstrText")
_MOVE_FROM, _MOVE_TO = qn("w:moveFrom"), qn("w:moveTo")
_MARKER_PARENTS = {W.rPr, W.trPr, W.numPr}
_RANGE_MARKERS = {
    qn(f"w:{name}")
    for name in (
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
    )
}
# Property-change elements: (change element, the properties element it sits in, what the
# properties keep of their own when the old properties come back).
_PR_CHANGES = {
    qn("w:pPrChange"): {W.rPr, W.sectPr},
    qn("w:rPrChange"): {_INS, _DEL, _MOVE_FROM, _MOVE_TO},
    qn("w:sectPrChange"): {qn("w:headerReference"), qn("w:footerReference")},
    qn("w:tblPrChange"): set(),
    qn("w:trPrChange"): {_INS, _DEL},
    qn("w:tcPrChange"): {qn("w:cellIns"), qn("w:cellDel"), qn("w:cellMerge")},
    qn("w:tblGridChange"): set(),
    qn("w:tblPrExChange"): set(),
    qn("w:numberingChange"): set(),
}
# Changes that record what was there without holding it: rejecting can only drop them.
# (w:numberingChange keeps the old number's text, not the numbering that produced it.)
_RECORD_ONLY = {qn("w:numberingChange")}
# Where kept children go back relative to the restored ones (schema order).
_KEPT_FIRST = {qn("w:rPrChange"), qn("w:sectPrChange")}

# The parts whose XML may carry revisions: every story, plus styles and numbering, whose
# definitions can hold tracked property changes.
_STORY_TYPES = (
    "document.main+xml",
    "document.macroEnabled.main+xml",
    "document.glossary+xml",
    "template.main+xml",
    "template.macroEnabledTemplate.main+xml",
    "header+xml",
    "footer+xml",
    "footnotes+xml",
    "endnotes+xml",
    "comments+xml",
    "styles+xml",
    "stylesWithEffects+xml",
    "numbering+xml",
)


# ----- whole packages -------------------------------------------------------------------


def accept_all(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Every tracked change accepted; parts without revisions come back byte-identical."""
    return _apply(parts, accept_tree)


def reject_all(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Every tracked change rejected; parts without revisions come back byte-identical."""
    return _apply(parts, reject_tree)


def _apply(parts: dict[str, bytes], fn: Callable[[etree._Element], bool]) -> dict[str, bytes]:
    limits = Limits.from_env()
    out = dict(parts)
    for name in revision_parts(parts):
        if not _may_hold_revisions(parts[name]):
            continue
        root = parse_xml(parts[name], name, limits)
        if fn(root):
            out[name] = serialise(root)
    return out


# Local names of every revision element; a part mentioning none of them is left unparsed.
_REVISION_NAMES = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(?:ins|del|moveFrom|moveTo|cellIns|cellDel|cellMerge|\w+PrChange|\w+PrExChange|tblGridChange"
    rb"|numberingChange|moveFromRange\w+|moveToRange\w+|customXml\w+Range\w+)[\s/>]"
)


def _may_hold_revisions(data: bytes) -> bool:
    return _REVISION_NAMES.search(data) is not None


def revision_parts(parts: dict[str, bytes]) -> list[str]:
    """Names of the parts that can hold tracked changes.

    The main document (found through the package relationships, whatever its name) and every
    part whose content type, from its Override or else its extension's Default rule, is a
    story or a definitions part. Without [Content_Types].xml, every XML part under word/.
    """
    names: set[str] = set()
    if "[Content_Types].xml" in parts:
        names.update(ContentTypes.of(parts).names_of_type(parts, _STORY_TYPES))
        names.add(main_part(parts))
    else:
        names.update(n for n in parts if n.startswith("word/") and n.endswith(".xml") and "/_rels/" not in n)
    return sorted(n for n in names if n in parts)


# ----- one XML tree ---------------------------------------------------------------------


def accept_tree(root: etree._Element) -> bool:
    """Accept every revision under `root` in place; True when anything changed."""
    filled = _filled_wrappers(root)
    changed = False
    for el in _collect(root, {_DEL, _MOVE_FROM}):
        if _is_marker(el):
            continue
        _drop(el)
        changed = True
    for el in _collect(root, {_INS, _MOVE_TO}):
        if not _is_marker(el):
            _unwrap(el)
            changed = True
    changed |= _drop_range_markers(root)
    for el in _collect(root, set(_PR_CHANGES)):
        _drop(el)
        changed = True
    changed |= _rows(root, remove_when=_DEL, keep_when=_INS)
    changed |= _vertical_merges(root, accept=True)
    changed |= _cells(root, remove_when=_CELL_DEL, keep_when=_CELL_INS)
    changed |= _numbering_marks(root, remove_numpr_when=_DEL)
    changed |= _paragraph_marks(root, merge_when={_DEL, _MOVE_FROM}, keep_when={_INS, _MOVE_TO})
    if changed:
        _tidy(root, filled)
    return changed


def reject_tree(root: etree._Element) -> bool:
    """Reject every revision under `root` in place; True when anything changed."""
    filled = _filled_wrappers(root)
    changed = False
    for el in _collect(root, {_INS, _MOVE_TO}):
        if _is_marker(el):
            continue
        _drop(el)
        changed = True
    for el in _collect(root, {_DEL, _MOVE_FROM}):
        if _is_marker(el):
            continue
        for t in el.iter(W.delText, _DEL_INSTR):
            t.tag = W.t if t.tag == W.delText else W.instrText
        _unwrap(el)
        changed = True
    changed |= _drop_range_markers(root)
    for el in _collect(root, set(_PR_CHANGES)):
        if el.tag in _RECORD_ONLY:
            _drop(el)
        else:
            _restore(el)
        changed = True
    changed |= _rows(root, remove_when=_INS, keep_when=_DEL)
    changed |= _vertical_merges(root, accept=False)
    changed |= _cells(root, remove_when=_CELL_INS, keep_when=_CELL_DEL)
    changed |= _numbering_marks(root, remove_numpr_when=_INS)
    changed |= _paragraph_marks(root, merge_when={_INS, _MOVE_TO}, keep_when={_DEL, _MOVE_FROM})
    if changed:
        _tidy(root, filled)
    return changed


def _tidy(root: etree._Element, filled: list[etree._Element]) -> None:
    """What Word cleans up once the revisions are gone: stray field codes, content controls
    (and hyperlinks...) left with nothing in them, and containers left without the paragraph
    they must end with."""
    _orphan_field_codes(root)
    _emptied_wrappers(filled)
    _hollow_tables(root)
    _containers_end_with_paragraph(root)


def _collect(root: etree._Element, tags: set[str]) -> list[etree._Element]:
    return [el for el in root.iter(*tags)]


def _is_marker(el: etree._Element) -> bool:
    """w:ins/w:del as a mark on a paragraph mark, a row or a number, not a run container."""
    parent = el.getparent()
    return parent is not None and parent.tag in _MARKER_PARENTS


def _drop(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        _keep_tail(el)
        parent.remove(el)


def _keep_tail(el: etree._Element) -> None:
    """lxml removes an element's tail text with it; whitespace-only tails may go, others stay."""
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        parent = el.getparent()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        elif parent is not None:
            parent.text = (parent.text or "") + el.tail
    el.tail = None


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    idx = parent.index(el)
    for child in list(el):
        parent.insert(idx, child)
        idx += 1
    _keep_tail(el)
    parent.remove(el)


def _drop_range_markers(root: etree._Element) -> bool:
    found = _collect(root, _RANGE_MARKERS)
    for el in found:
        _drop(el)
    return bool(found)


def _restore(change: etree._Element) -> None:
    """Put the old properties held by a *PrChange back in place of the current ones."""
    props = change.getparent()
    if props is None:
        return
    old = next((c for c in change if isinstance(c.tag, str)), None)
    keep_tags = _PR_CHANGES[change.tag]
    kept = [c for c in props if c is not change and isinstance(c.tag, str) and c.tag in keep_tags]
    restored = list(old) if old is not None else []
    for c in list(props):
        props.remove(c)
    ordered = kept + restored if change.tag in _KEPT_FIRST else restored + kept
    if change.tag == qn("w:pPrChange"):
        # pPr: the mark's rPr comes before sectPr, both after the base properties.
        ordered = restored + [c for c in kept if c.tag == W.rPr] + [c for c in kept if c.tag == W.sectPr]
    elif change.tag == qn("w:rPrChange"):
        ordered = kept + restored  # CT_ParaRPr: revision marks first
    for c in ordered:
        props.append(c)


def _rows(root: etree._Element, *, remove_when: str, keep_when: str) -> bool:
    changed = False
    for tr in list(root.iter(W.tr)):
        trpr = tr.find(W.trPr)
        if trpr is None:
            continue
        if trpr.find(remove_when) is not None:
            _hand_merge_starts_down(tr)
            _drop(tr)
            changed = True
            continue
        for mark in trpr.findall(keep_when):
            trpr.remove(mark)
            changed = True
        if len(trpr) == 0:
            tr.remove(trpr)
    for tbl in list(root.iter(W.tbl)):
        if not _table_rows(tbl):
            _drop(tbl)
            changed = True
    return changed


def _hand_merge_starts_down(tr: etree._Element) -> None:
    """A vertically merged run that starts in a row about to go starts in the next row
    instead; otherwise its next cell would join whatever cell sits above the gap."""
    tbl = _enclosing(tr, W.tbl)
    rows = _table_rows(tbl) if tbl is not None else []
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
    for tc in _row_cells(tr):
        out[col] = tc
        col += _span(tc)
    return out


def _vmerge(tc: etree._Element | None) -> str | None:
    """A cell's vertical merge: "restart", "continue" (also when w:val is absent) or None."""
    el = None if tc is None else tc.find(f"{W.tcPr}/{W.vMerge}")
    return None if el is None else el.get(W.val, "continue")


def _cells(root: etree._Element, *, remove_when: str, keep_when: str) -> bool:
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
        for tc in cells:
            if where[id(tc)] in columns:
                _drop(tc)  # its whole column goes, so nothing widens
            else:
                _remove_cell(tc)
        _drop_grid_columns(tbl, columns)
        for tr in [tr for tr in _table_rows(tbl) if not _row_cells(tr)]:
            _drop(tr)
        if not _table_rows(tbl):
            _drop(tbl)
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
    rows = _table_rows(tbl)  # held, so each row keeps one lxml proxy for the `is` tests below
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


def _remove_cell(tc: etree._Element) -> None:
    """Remove a cell as Word does: the row must still fill the table's grid, so the cell
    before it (or after it, for a first cell) widens by the removed cell's span. Where the
    grid itself shrank (a rejected insertion whose tblGridChange was undone), the row already
    fits and nothing widens. A row left without cells goes."""
    tr = _enclosing(tc, W.tr)
    tbl = _enclosing(tc, W.tbl)
    if tr is None:
        return
    cells = _row_cells(tr)
    at = cells.index(tc)
    span = _span(tc)
    before = _row_width(tr)
    grid = len(tbl.findall(f"{W.tblGrid}/{W.gridCol}")) if tbl is not None else 0
    neighbour = cells[at - 1] if at > 0 else (cells[at + 1] if len(cells) > 1 else None)
    width = _width_dxa(tc)
    _drop(tc)
    if neighbour is None:
        _drop(tr)
        if tbl is not None and not _table_rows(tbl):
            _drop(tbl)
        return
    widen = min(span, (grid or before) - (before - span))
    if widen <= 0:
        return
    _set_span(neighbour, _span(neighbour) + widen)
    other = _width_dxa(neighbour)
    if width is not None and other is not None and widen == span:
        neighbour.find(f"{W.tcPr}/{W.tcW}").set(W.w, str(other + width))


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
    return skipped + sum(_span(c) for c in _row_cells(tr))


# Row- and cell-level wrappers: a repeating-section content control holds rows, and custom
# XML can wrap rows or cells, so a table's rows (a row's cells) are not always its children.
_TABLE_WRAPPERS = {W.sdt, W.sdtContent, qn("w:customXml")}


def _table_rows(tbl: etree._Element) -> list[etree._Element]:
    return _wrapped_children(tbl, W.tr)


def _row_cells(tr: etree._Element) -> list[etree._Element]:
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


def _vertical_merges(root: etree._Element, *, accept: bool) -> bool:
    """Tracked vertical merges and splits (w:cellMerge) made real (accept) or undone (reject).

    The mark says what the revision did to its cell: `vMerge` the setting it gave the cell,
    `vMergeOrig` the one it had ("cont": merged with the cell above; "rest": not). Accepting
    applies `vMerge` (none given: nothing to apply); rejecting puts back `vMergeOrig`, which
    when absent means "rest" (ECMA-376 17.13.5.3). The top cell of each merged run is then
    (re)marked as its start, and a start left with nothing under it stops being one.
    """
    changed_tables: list[etree._Element] = []
    marks = list(root.iter(_CELL_MERGE))
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
    grid = [_cells_by_column(tr) for tr in _table_rows(tbl)]
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


def _numbering_marks(root: etree._Element, *, remove_numpr_when: str) -> bool:
    """The old numbering-change marks inside w:numPr: accept keeps the number, reject removes it."""
    changed = False
    for mark in [m for m in root.iter(_INS, _DEL) if m.getparent() is not None and m.getparent().tag == W.numPr]:
        numpr = mark.getparent()
        if numpr is None:
            continue  # its numPr already went with an earlier mark
        if mark.tag == remove_numpr_when:
            _drop(numpr)
        else:
            numpr.remove(mark)
        changed = True
    return changed


def _paragraph_marks(root: etree._Element, *, merge_when: set[str], keep_when: set[str]) -> bool:
    """Drop kept marks; paragraphs whose mark goes run on into the next paragraph.

    Done last and from the end backwards, so a chain of removed marks folds into the first
    surviving paragraph in order.
    """
    changed = False
    going: list[etree._Element] = []
    for mark in list(root.iter(*(merge_when | keep_when))):
        rpr = mark.getparent()
        ppr = rpr.getparent() if rpr is not None and rpr.tag == W.rPr else None
        p = ppr.getparent() if ppr is not None and ppr.tag == W.pPr else None
        if p is None or p.tag != W.p:
            continue
        if mark.tag in merge_when:
            if not going or going[-1] is not p:
                going.append(p)
        else:
            rpr.remove(mark)
            changed = True
    for p in reversed(going):
        _merge_into_next(p, merge_when)
        changed = True
    return changed


def _merge_into_next(p: etree._Element, marks: set[str]) -> None:
    rpr = p.find(f"{W.pPr}/{W.rPr}")
    if rpr is not None:
        for c in [c for c in rpr if c.tag in marks]:
            rpr.remove(c)
    content = [c for c in p if c.tag != W.pPr]
    parent = p.getparent()
    if parent is None:
        return
    nxt = p.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    has_section = p.find(f"{W.pPr}/{W.sectPr}") is not None
    if has_section:
        return  # a section break cannot fold into the next paragraph; keep the paragraph
    if nxt is not None and nxt.tag == W.p:
        ppr = nxt.find(W.pPr)
        idx = 1 if ppr is not None else 0
        for c in content:
            nxt.insert(idx, c)
            idx += 1
        _drop(p)
        return
    if not _has_text_content(content):
        # Nothing to carry and nowhere to carry it: the paragraph goes, unless a cell or
        # another container would be left without the paragraph it must hold.
        siblings = [c for c in parent if c.tag == W.p]
        if len(siblings) > 1 or parent.tag not in (W.tc, qn("w:txbxContent"), qn("w:footnote"), qn("w:endnote"), qn("w:comment"), qn("w:hdr"), qn("w:ftr")):
            _drop(p)
        else:
            for c in content:
                p.remove(c)


def _has_text_content(content: list[etree._Element]) -> bool:
    for c in content:
        for el in c.iter(W.t, W.tab, W.br, W.cr, qn("w:drawing"), qn("w:object"), qn("w:pict"), qn("w:sym")):
            return True
    return False


# ----- what Word tidies once the revisions are gone ---------------------------------------

# Markup that is not content: a content control holding only these is empty.
_NOT_CONTENT = {
    qn(f"w:{n}")
    for n in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "proofErr", "permStart", "permEnd")
}


# Wrappers that mean nothing once empty: content controls, hyperlinks, smart tags, custom
# XML. Their own property elements are not content.
_WRAPPERS = (W.sdt, W.hyperlink, qn("w:smartTag"), qn("w:customXml"))
_WRAPPER_PROPS = {W.sdtPr, W.sdtEndPr, qn("w:smartTagPr"), qn("w:customXmlPr")}


def _filled_wrappers(root: etree._Element) -> list[etree._Element]:
    """Wrappers that hold something, noted before the revisions are applied."""
    return [el for el in root.iter(*_WRAPPERS) if _has_content(el)]


def _has_content(wrapper: etree._Element) -> bool:
    content = wrapper.find(W.sdtContent) if wrapper.tag == W.sdt else wrapper
    return content is not None and any(isinstance(c.tag, str) and c.tag not in _NOT_CONTENT and c.tag not in _WRAPPER_PROPS for c in content)


def _emptied_wrappers(filled: list[etree._Element]) -> None:
    """A content control whose whole content was an insertion now rejected, or a deletion now
    accepted, goes with it, as in Word; one kept empty would show its placeholder instead.
    So does a hyperlink, smart tag or custom XML element left with nothing in it. Innermost
    first, so an outer wrapper emptied by removing an inner one goes too."""
    for el in reversed(filled):
        if el.getparent() is not None and not _has_content(el):
            _drop(el)


def _orphan_field_codes(root: etree._Element) -> None:
    """Field codes and field characters left outside any field once its begin or end went.

    A field is begin, code (w:instrText), separate, result, end, possibly nested. Deleting a
    field in Word marks its characters deleted; a code run the deletion did not cover (Word
    often writes ` \\* MERGEFORMAT ` as a run of its own) would otherwise be left as stray
    text. Accepting or rejecting in Word leaves no such run, so neither does this.
    """
    open_fields: list[list[str]] = []  # one entry per open field: its phase, "code" or "result"
    orphans: list[etree._Element] = []
    for el in root.iter(W.fldChar, W.instrText, _DEL_INSTR):
        if el.tag != W.fldChar:
            if not open_fields or open_fields[-1][0] != "code":
                orphans.append(el)
            continue
        kind = el.get(W.fldCharType)
        if kind == "begin":
            open_fields.append(["code"])
        elif kind == "separate":
            if open_fields:
                open_fields[-1][0] = "result"
            else:
                orphans.append(el)
        elif kind == "end":
            if open_fields:
                open_fields.pop()
            else:
                orphans.append(el)
    for el in orphans:
        run = el.getparent()
        _drop(el)
        if run is not None and run.tag == W.r and not any(isinstance(c.tag, str) and c.tag != W.rPr for c in run):
            _drop(run)


def _hollow_tables(root: etree._Element) -> None:
    """Rows left without cells, then tables left without rows (an emptied content control
    can have held them), go: Word cannot open a table with nothing in it."""
    for tr in [tr for tr in root.iter(W.tr) if not _row_cells(tr)]:
        _drop(tr)
    for tbl in [tbl for tbl in root.iter(W.tbl) if not _table_rows(tbl)]:
        _drop(tbl)


# Containers whose content must end with a paragraph (a cell, a note, a comment, a header...).
_NEEDS_PARAGRAPH = {W.tc, qn("w:footnote"), qn("w:endnote"), qn("w:comment"), qn("w:hdr"), qn("w:ftr"), qn("w:txbxContent")}


def _containers_end_with_paragraph(root: etree._Element) -> None:
    """A cell (or note, comment, header...) that lost its last paragraph, or now ends with a
    nested table, gets an empty paragraph, without which Word reports the file as corrupt."""
    for box in root.iter(*_NEEDS_PARAGRAPH):
        blocks = [c for c in box if isinstance(c.tag, str) and c.tag != W.tcPr]
        if not blocks or blocks[-1].tag == W.tbl:
            box.append(etree.Element(W.p))

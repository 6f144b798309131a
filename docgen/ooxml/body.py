"""Walking the main story of a WordprocessingML body, shared by the reader and the writers.

Readers and redline writers must agree on what "paragraph N" is, so the walk lives here:
every w:p in document order, table-cell paragraphs included, rows and cells deleted in
existing tracked changes skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Iterator

from lxml import etree

from docgen.ooxml.content import paragraph_items, reader_char
from docgen.ooxml.ns import CELL_DEL, DEL, INS, MOVE_FROM, MOVE_TO, W, qn
from docgen.ooxml.revisions.tables import row_cells, table_rows

# Wrappers whose paragraphs belong to the story: content controls, custom XML, tracked
# insertions and move destinations. A constant: the walk tests every body child against it.
_CONTAINERS = frozenset({W.sdt, qn("w:customXml"), qn("w:sdtContent"), INS, MOVE_TO})
_P, _TBL = W.p, W.tbl


@dataclass
class BodyParagraph:
    """A paragraph of the main story, with its body-walk index and its cell when in a table."""

    el: etree._Element
    index: int
    table: int | None = None
    row: int | None = None
    cell: int | None = None


def iter_paragraphs(body: etree._Element) -> Iterator[BodyParagraph]:
    """Every w:p of the main story in document order, with its table position when in a table."""
    counter = 0
    table_no = -1

    def walk(container: etree._Element, table: int | None, row: int | None, cell: int | None) -> Iterator[BodyParagraph]:
        nonlocal counter, table_no
        for child in container:
            tag = child.tag
            if tag == _P:
                yield BodyParagraph(child, counter, table, row, cell)
                counter += 1
            elif tag == _TBL:
                table_no += 1
                this_table = table_no
                # Rows and cells held in content controls (a repeating section, a control
                # around a cell) or custom XML are the table's too.
                for r_i, tr in enumerate(table_rows(child)):
                    if row_deleted(tr):
                        continue
                    cells = [tc for tc in row_cells(tr) if not cell_deleted(tc)]
                    for c_i, tc in enumerate(cells):
                        yield from walk(tc, this_table, r_i, c_i)
            elif tag in _CONTAINERS:
                yield from walk(child, table, row, cell)

    return walk(body, None, None, None)  # the walk itself, not a generator around it


def planned_paragraphs(root: etree._Element, indexes: Collection[int], part: str) -> Iterator[tuple[int, etree._Element]]:
    """The body-walk paragraphs an edit plan names, as (index, element), in document order.

    Every plan made from the model (levels, typed labels, list instances) is keyed by the
    index the reader gave each paragraph; a planned index the walk does not reach means the
    plan was made from another document, so the walk ends with a ValueError naming them.
    """
    body = root.find(W.body)
    done: set[int] = set()
    for para in iter_paragraphs(body if body is not None else root):
        if para.index in indexes:
            done.add(para.index)
            yield para.index, para.el
    missing = sorted(set(indexes) - done)
    if missing:
        raise ValueError(f"paragraphs {missing} of the plan are not in {part}")


def row_deleted(tr: etree._Element) -> bool:
    return _has_grandchild(tr, W.trPr, DEL)


def cell_deleted(tc: etree._Element) -> bool:
    """A cell whose deletion is pending (w:cellDel): like a deleted row, not in the
    document as accepted, so neither its paragraphs nor its place among the cells count."""
    return _has_grandchild(tc, W.tcPr, CELL_DEL)


def _has_grandchild(el: etree._Element, child: str, grandchild: str) -> bool:
    """`el.find(f"{child}/{grandchild}") is not None`, without lxml's Python path machinery
    (the walk asks it of every row and cell)."""
    for c in el:
        if c.tag == child:
            for g in c:
                if g.tag == grandchild:
                    return True
    return False


def paragraph_text(p: etree._Element) -> str:
    """Visible text of a paragraph in its accepted state, whitespace collapsed."""
    parts: list[str] = []
    if not _collect_plain(p, parts):
        parts = [reader_char(item) for item in paragraph_items(p, fields_as_units=False, per_char=False, identify=False)]
    return " ".join("".join(parts).split())


_T, _R, _TAB, _TABS = W.t, W.r, W.tab, W.tabs
# What each tag means to the plain scan: text, a character drawn as a space, a hyphen, or
# (_CAREFUL) anything `_collect` would skip around a w:t or whose meaning depends on where
# it sits, which sends a paragraph to the careful walk; most paragraphs contain none of them.
_TEXT, _SPACE, _HYPHEN, _CAREFUL = 0, 1, 2, 3
_PLAIN_KIND = {_T: _TEXT, _TAB: _SPACE, W.br: _SPACE, W.cr: _SPACE, W.noBreakHyphen: _HYPHEN}
_PLAIN_KIND.update(dict.fromkeys((W.vanish, DEL, MOVE_FROM, qn("w:txbxContent"), W.p), _CAREFUL))


def _collect_plain(p: etree._Element, out: list[str]) -> bool:
    """The text of an ordinary paragraph from one scan of its descendants.

    Returns False, having possibly added to `out`, when the paragraph holds something only
    the careful walk (`docgen.ooxml.content`, the one walk of a paragraph's content) handles:
    hidden runs, deletions, moved-from text, text boxes. The scan is lxml's unfiltered
    iter with the tags looked up here: a tag-filtered iter builds its matcher on every call,
    which for a paragraph of a few elements costs more than the walk itself.
    """
    kinds = _PLAIN_KIND
    walk = p.iter()
    next(walk)  # iter starts with the paragraph itself
    for el in walk:
        kind = kinds.get(el.tag)
        if kind is None:
            continue
        if kind == _CAREFUL:
            return False
        parent = el.getparent().tag
        if parent != _R:
            if parent == _TABS and el.tag == _TAB:
                continue  # a tab stop in pPr, not a tab character
            return False  # text outside a run: only the careful walk knows what to skip
        if kind == _TEXT:
            out.append(el.text or "")
        elif kind == _HYPHEN:
            out.append("-")
        else:
            out.append(" ")
    return True



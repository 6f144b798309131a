"""The redline's two invariants, over random edit scripts.

A generated OLD document (auto-numbered clauses at three levels, some bold words, one table)
is edited by a random script of insertions, deletions, word edits, moves, formatting and
level changes and table row/cell edits, giving NEW. For the redline of OLD -> NEW:

* accepting every revision gives exactly NEW's paragraphs (texts in order, clause numbers);
* rejecting every revision gives exactly OLD's.

Both are checked twice: through docgen's docx reader against its reading of NEW and OLD, and
against an oracle that shares no code with docgen: the paragraphs the generator itself meant
(its words, its list levels numbered by the three lvlTexts it wrote) compared with a small
second reading of the accepted or rejected package, done here with zipfile and lxml.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from docgen.readers.docx import read_docx
from synth.docx import DocxBuilder, Level
from docgen.transforms.compare import compare
from docgen.ooxml.parts import package_bytes, read_parts
from docgen.ooxml.revisions import accept_all, reject_all
from docgen.writers.redline_docx import write_redline

# A small vocabulary so texts collide, repeat and look alike, as clauses of one section do.
VOCAB = ["the", "supplier", "DCC", "shall", "send", "an", "alert", "within", "24", "72", "hours", "ESME", "GSME", "SRV", "4.8.1", "device", "not", "applicable"]


@dataclass
class Para:
    words: list[tuple[str, bool]]  # (word, bold)
    level: int | None  # list level, None for body text

    def runs(self) -> list[tuple[str, dict]]:
        runs: list[tuple[str, dict]] = []
        for i, (word, bold) in enumerate(self.words):
            text = word if i == 0 else " " + word
            if runs and bool(runs[-1][1].get("bold")) == bold:
                runs[-1] = (runs[-1][0] + text, runs[-1][1])
            else:
                runs.append((text, {"bold": True} if bold else {}))
        return runs


@dataclass
class Doc:
    blocks: list[Para | list[list[str]]] = field(default_factory=list)  # a table is rows of cells

    def to_bytes(self) -> bytes:
        b = DocxBuilder(title="Property document")
        b.abstract_num(1, [Level(0, "decimal", "%1.", indent_left=720), Level(1, "lowerLetter", "(%2)", indent_left=1440), Level(2, "lowerRoman", "(%3)", indent_left=2160)])
        b.num(1, 1)
        for block in self.blocks:
            if isinstance(block, Para):
                b.paragraph(runs=block.runs(), num_id=1 if block.level is not None else None, ilvl=block.level)
            else:
                b.table(block, header=False)
        b.paragraph("End of document.")
        return b.to_bytes()


words = st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from([False, False, False, True])), min_size=1, max_size=8)


@st.composite
def paragraphs(draw) -> Para:
    ws = draw(words)
    if draw(st.integers(0, 4)) == 0:
        ws = [(w, True) if i == 0 else (w, b) for i, (w, b) in enumerate(ws)]
    return Para(ws, draw(st.sampled_from([0, 1, 1, 2, None])))


@st.composite
def tables(draw) -> list[list[str]]:
    cols = draw(st.integers(1, 3))
    n = draw(st.integers(1, 4))
    return [[" ".join(draw(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=3))) for _ in range(cols)] for _ in range(n)]


@st.composite
def documents(draw) -> Doc:
    paras = draw(st.lists(paragraphs(), min_size=5, max_size=30))
    table = draw(tables())
    at = draw(st.integers(0, len(paras)))
    return Doc(paras[:at] + [table] + paras[at:])


def _para_positions(doc: Doc) -> list[int]:
    return [i for i, b in enumerate(doc.blocks) if isinstance(b, Para)]


def _table(doc: Doc) -> list[list[str]] | None:
    return next((b for b in doc.blocks if not isinstance(b, Para)), None)


@st.composite
def edited(draw, old: Doc) -> Doc:
    """NEW: OLD after 1-6 random edits."""
    new = Doc([Para(list(b.words), b.level) if isinstance(b, Para) else [list(r) for r in b] for b in old.blocks])
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["insert", "delete", "words", "move", "format", "level", "row_insert", "row_delete", "cell"]))
        paras = _para_positions(new)
        table = _table(new)
        if kind == "insert":
            new.blocks.insert(draw(st.integers(0, len(new.blocks))), draw(paragraphs()))
        elif kind == "delete" and len(paras) > 1:
            del new.blocks[draw(st.sampled_from(paras))]
        elif kind == "words" and paras:
            p = new.blocks[draw(st.sampled_from(paras))]
            i = draw(st.integers(0, len(p.words) - 1))
            how = draw(st.sampled_from(["replace", "add", "drop"]))
            if how == "replace":
                p.words[i] = (draw(st.sampled_from(VOCAB)), p.words[i][1])
            elif how == "add":
                p.words.insert(i, (draw(st.sampled_from(VOCAB)), False))
            elif len(p.words) > 1:
                del p.words[i]
        elif kind == "move" and len(paras) > 1:
            block = new.blocks.pop(draw(st.sampled_from(paras)))
            new.blocks.insert(draw(st.integers(0, len(new.blocks))), block)
        elif kind == "format" and paras:
            p = new.blocks[draw(st.sampled_from(paras))]
            i = draw(st.integers(0, len(p.words) - 1))
            p.words[i] = (p.words[i][0], not p.words[i][1])
        elif kind == "level" and paras:
            p = new.blocks[draw(st.sampled_from(paras))]
            p.level = draw(st.sampled_from([0, 1, 2, None]))
        elif kind == "row_insert" and table is not None:
            cols = len(table[0])
            table.insert(draw(st.integers(0, len(table))), [" ".join(draw(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=3))) for _ in range(cols)])
        elif kind == "row_delete" and table is not None and len(table) > 1:
            del table[draw(st.integers(0, len(table) - 1))]
        elif kind == "cell" and table is not None:
            r = draw(st.integers(0, len(table) - 1))
            c = draw(st.integers(0, len(table[r]) - 1))
            table[r][c] = " ".join(draw(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=3)))
    return new


@st.composite
def pairs(draw) -> tuple[Doc, Doc]:
    old = draw(documents())
    return old, draw(edited(old))


def _read(folder: Path, name: str, data: bytes) -> list[tuple[str, str]]:
    path = folder / name
    path.write_bytes(data)
    return [(p.num, p.text) for p in read_docx(path).paragraphs]


# ----- the independent oracle ---------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMANS = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = ""
    for value, text in _ROMANS:
        count, n = divmod(n, value)
        out += text * count
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word: z, aa, bb, ...


class _Counters:
    """The three list levels `Doc.to_bytes` defines ("%1.", "(%2)", "(%3)"), counted as Word
    counts them: a level restarts after any item above it; body text leaves them alone."""

    def __init__(self) -> None:
        self.values = [0, 0, 0]

    def label(self, level: int | None) -> str:
        if level is None:
            return ""
        self.values[level] += 1
        for lower in range(level + 1, 3):
            self.values[lower] = 0
        n = self.values[level]
        return (f"{n}.", f"({_letter(n)})", f"({_roman(n)})")[level]


def _meant(doc: Doc) -> list[tuple[str, str]]:
    """What the generator wrote: (number, text) per paragraph, a table's cells in row order."""
    counters, out = _Counters(), []
    for block in doc.blocks:
        if isinstance(block, Para):
            out.append((counters.label(block.level), " ".join(w for w, _ in block.words)))
        else:
            out.extend(("", cell) for row in block for cell in row)
    out.append(("", "End of document."))
    return out


def _second_reading(data: bytes) -> list[tuple[str, str]]:
    """The body of a package with no revisions left, read without docgen: each paragraph's
    w:t text and its number from its own w:numPr, table cells in row order."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{_W}body")
    counters, out = _Counters(), []

    def paragraph(p: etree._Element, numbered: bool) -> None:
        text = "".join(t.text or "" for t in p.iter(f"{_W}t"))
        num_id = p.find(f"{_W}pPr/{_W}numPr/{_W}numId")
        ilvl = p.find(f"{_W}pPr/{_W}numPr/{_W}ilvl")
        level = int(ilvl.get(f"{_W}val")) if ilvl is not None else 0
        listed = numbered and num_id is not None and num_id.get(f"{_W}val") != "0"
        out.append((counters.label(level if listed else None), text))

    for child in body:
        if child.tag == f"{_W}p":
            paragraph(child, True)
        elif child.tag == f"{_W}tbl":
            for p in child.iter(f"{_W}p"):
                paragraph(p, False)
    return out


def test_the_oracle_reads_what_the_generator_meant() -> None:
    """The second reading and the generator agree on a document nothing has redlined."""
    doc = Doc([Para([("one", False)], 0), Para([("two", True), ("b", False)], 1), Para([("body", False)], None), [["x", "y"]], Para([("three", False)], 1), Para([("four", False)], 2), Para([("five", False)], 0), Para([("six", False)], 1)])
    assert _meant(doc) == _second_reading(doc.to_bytes())
    assert [n for n, _ in _meant(doc)] == ["1.", "(a)", "", "", "", "(b)", "(i)", "2.", "(a)", ""]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pairs())
def test_accepting_a_redline_gives_new_and_rejecting_it_gives_old(pair: tuple[Doc, Doc]) -> None:
    old, new = pair
    with tempfile.TemporaryDirectory(prefix="docgen-props-") as tmp:
        folder = Path(tmp)
        (folder / "old.docx").write_bytes(old.to_bytes())
        (folder / "new.docx").write_bytes(new.to_bytes())
        old_doc, new_doc = read_docx(folder / "old.docx"), read_docx(folder / "new.docx")
        redline = write_redline(compare(old_doc, new_doc), author="prop", date="2024-05-01T00:00:00Z")
        (folder / "redline.docx").write_bytes(redline)
        parts = read_parts(folder / "redline.docx")
        expected_new = [(p.num, p.text) for p in new_doc.paragraphs]
        expected_old = [(p.num, p.text) for p in old_doc.paragraphs]
        accepted, rejected = package_bytes(accept_all(parts)), package_bytes(reject_all(parts))
        assert _read(folder, "accepted.docx", accepted) == expected_new
        assert _read(folder, "rejected.docx", rejected) == expected_old
        assert _second_reading(accepted) == _meant(new)
        assert _second_reading(rejected) == _meant(old)


# ----- tracked table structure: whatever the mix of cell marks, Word's table rules hold ---------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WHO = 'w:id="1" w:author="prop" w:date="2024-05-01T00:00:00Z"'
CELL_MARKS = [
    "",
    "",
    f"<w:cellDel {_WHO}/>",
    f"<w:cellIns {_WHO}/>",
    f'<w:cellMerge {_WHO} w:vMerge="cont"/>',
    f'<w:cellMerge {_WHO} w:vMerge="cont" w:vMergeOrig="rest"/>',
    f'<w:cellMerge {_WHO} w:vMerge="rest" w:vMergeOrig="cont"/>',
]
VMERGES = ["", "", '<w:vMerge w:val="restart"/>', "<w:vMerge/>"]


@st.composite
def tracked_tables(draw) -> tuple[int, list[list[tuple[str, str, str]]]]:
    cols = draw(st.integers(1, 4))
    rows = draw(st.integers(1, 4))
    return cols, [[(f"r{r}c{c}", draw(st.sampled_from(VMERGES)), draw(st.sampled_from(CELL_MARKS))) for c in range(cols)] for r in range(rows)]


def _table_xml(cols: int, rows: list[list[tuple[str, str, str]]]) -> str:
    grid = '<w:gridCol w:w="1000"/>' * cols
    body = "".join(
        "<w:tr>" + "".join(f'<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>{vm}{mark}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>' for text, vm, mark in row) + "</w:tr>"
        for row in rows
    )
    return f'<w:body xmlns:w="{W_NS}"><w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl><w:p/></w:body>'


def _q(local: str) -> str:
    return f"{{{W_NS}}}{local}"


_DEL_CELL = '<w:cellDel w:id="1" w:author="prop" w:date="2024-05-01T00:00:00Z"/>'


@settings(max_examples=200, deadline=None)
@given(tracked_tables(), st.booleans())
# A cell deleted beside a whole deleted column widens a cell that stays, not one going too.
@example((3, [[("r0c0", "", ""), ("r0c1", "", _DEL_CELL), ("r0c2", "", "")], [("r1c0", "", _DEL_CELL), ("r1c1", "", _DEL_CELL), ("r1c2", "", "")]]), True)
def test_tracked_cells_leave_whole_rows_and_well_formed_vertical_merges(table, accept: bool) -> None:
    from lxml import etree

    from docgen.ooxml.revisions import accept_tree, reject_tree

    cols, rows = table
    root = etree.fromstring(_table_xml(cols, rows))
    (accept_tree if accept else reject_tree)(root)
    gone = "cellDel" if accept else "cellIns"
    survivors = [[text for text, _, mark in row if gone not in mark] for row in rows]
    assert not [el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname in ("cellDel", "cellIns", "cellMerge")]
    tbl = root.find(_q("tbl"))
    kept_rows = [r for r in survivors if r]
    if not kept_rows:
        assert tbl is None
        return
    grid: list[dict[int, etree._Element]] = []
    for tr, texts in zip(tbl.findall(_q("tr")), kept_rows):
        cells = tr.findall(_q("tc"))
        assert ["".join(t.text for t in tc.iter(_q("t"))) for tc in cells] == texts
        spans = [int(tc.find(f"{_q('tcPr')}/{_q('gridSpan')}").get(_q("val"))) if tc.find(f"{_q('tcPr')}/{_q('gridSpan')}") is not None else 1 for tc in cells]
        assert sum(spans) == len(tbl.findall(f"{_q('tblGrid')}/{_q('gridCol')}"))  # the row still fills the grid
        starts = [sum(spans[:i]) for i in range(len(spans))]
        grid.append(dict(zip(starts, cells)))
    assert len(tbl.findall(_q("tr"))) == len(kept_rows)
    # A grid column goes only when its cell went in every row (a whole column deleted).
    whole = [c for c in range(cols) if all(gone in row[c][2] for row in rows)]
    assert len(tbl.findall(f"{_q('tblGrid')}/{_q('gridCol')}")) == cols - len(whole)

    def vmerge(tc):
        el = None if tc is None else tc.find(f"{_q('tcPr')}/{_q('vMerge')}")
        return None if el is None else el.get(_q("val"), "continue")

    if not any(gone in mark or "cellMerge" in mark for row in rows for _, _, mark in row):
        return  # a table whose shape no revision changed keeps its merges as they were
    for r, row in enumerate(grid):
        for col, tc in row.items():
            above = grid[r - 1].get(col) if r else None
            below = grid[r + 1].get(col) if r + 1 < len(grid) else None
            if vmerge(tc) == "continue":
                assert vmerge(above) in ("restart", "continue")  # a continuation always has a region to join
            if vmerge(tc) == "restart":
                assert vmerge(below) == "continue"  # and a region's start always has something under it

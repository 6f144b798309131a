"""The tracked-change .docx redline: NEW's package with native Word revisions for every change.

The redline is built on NEW (its styles, numbering, sections, headers and footers stay), so
accepting every revision gives NEW back exactly, and the revisions carry just enough of OLD
(deleted text, deleted paragraphs and rows, old paragraph and run properties) that
rejecting every revision gives OLD back. `docgen.transforms.revisions` is the oracle the
tests hold this writer to.

A clause that was only renumbered by a cascade carries no revision at all: its numbering
properties are the same, Word recounts it. A clause whose level changed carries one
`w:pPrChange` with its old numbering properties, so Word shows "Formatted: numbering" once
rather than deleting and re-inserting the text.

Pending revisions already in OLD or NEW are accepted first: the redline compares versions,
not drafts.
"""

from __future__ import annotations

import copy
import datetime as _dt
import os
import posixpath
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterator

from lxml import etree

from docgen.errors import UsageError
from docgen.limits import Limits
from docgen.ooxml.body import iter_paragraphs
from docgen.ooxml.ns import NS, W, qn
from docgen.ooxml.package import parse_xml
from docgen.transforms.compare import Comparison, ParaChange, canonical, rpr_signature, word_diff
from docgen.ooxml.parts import PartImporter, main_part, package_bytes, related_part, serialise
from docgen.transforms.revisions import accept_all

_INS, _DEL = qn("w:ins"), qn("w:del")
_MOVE_FROM, _MOVE_TO = qn("w:moveFrom"), qn("w:moveTo")
_PPR_CHANGE, _RPR_CHANGE = qn("w:pPrChange"), qn("w:rPrChange")
_DEL_TEXT, _DEL_INSTR = W.delText, qn("w:delInstrText")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_W14 = NS["w14"]
# Containers whose runs are walked in place (a hyperlink keeps its revisions inside it).
_RUN_CONTAINERS = {qn("w:hyperlink"), qn("w:smartTag"), qn("w:fldSimple"), W.sdt, qn("w:sdtContent"), qn("w:customXml"), _INS, _MOVE_TO, qn("w:dir"), qn("w:bdo")}
# Characters standing for the non-text items that still count as text in a paragraph.
_ITEM_CHARS = {W.tab: "\t", W.br: "\n", W.cr: "\r", W.noBreakHyphen: "\u2011"}
# Annotations that belong to OLD's package and cannot travel into NEW's: their ids or
# targets (comments, notes, bookmarks) would clash with or dangle in NEW's.
_STRIP_FROM_OLD = {
    qn("w:bookmarkStart"),
    qn("w:bookmarkEnd"),
    qn("w:commentRangeStart"),
    qn("w:commentRangeEnd"),
    qn("w:permStart"),
    qn("w:permEnd"),
}
_RUNS_TO_DROP_FROM_OLD = {qn("w:commentReference"), qn("w:footnoteReference"), qn("w:endnoteReference")}
# What a paragraph's properties are compared on, and what its w:pPrChange holds: everything
# but the mark's run properties and the section break, which a paragraph change cannot carry.
_PPR_SKIP = {W.rPr, W.sectPr, _PPR_CHANGE}
_PPR, _NUMPR, _NUMID = W.pPr, W.numPr, W.numId
_R_NS = NS["r"]


# ----- dates --------------------------------------------------------------------------------


def revision_date(date: str | None = None) -> str:
    """The revisions' date: `--date`, else SOURCE_DATE_EPOCH, else now; UTC, no microseconds."""
    if date:
        try:
            when = _dt.datetime.fromisoformat(date.strip().replace("Z", "+00:00"))
        except ValueError:
            raise UsageError(f"--date {date!r} is not an ISO 8601 date (e.g. 2025-03-31 or 2025-03-31T12:00:00Z)") from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=_dt.timezone.utc)
    elif os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        raw = os.environ["SOURCE_DATE_EPOCH"].strip()
        try:
            when = _dt.datetime.fromtimestamp(int(raw), _dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={raw!r} is not a whole number of seconds") from None
    else:
        when = _dt.datetime.now(_dt.timezone.utc)
    return when.astimezone(_dt.timezone.utc).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


# ----- revision marks -------------------------------------------------------------------------


@dataclass
class _Marks:
    """Makes revision elements with unique ids, in the order the redline is written."""

    author: str
    date: str
    next_id: int = 1

    def attrs(self) -> dict[str, str]:
        out = {W.id: str(self.next_id), W.author: self.author, W.date: self.date}
        self.next_id += 1
        return out

    def make(self, tag: str) -> etree._Element:
        el = etree.Element(tag)
        for k, v in self.attrs().items():
            el.set(k, v)
        return el


# ----- the writer -----------------------------------------------------------------------------


def write_redline(comparison: Comparison, *, author: str = "docgen", date: str | None = None) -> bytes:
    """The .docx bytes of the redline; deterministic for a fixed `date`."""
    if not comparison.new.parts:
        raise UsageError(f"{comparison.new.source}: a .docx redline needs the new version as a .docx")
    if not comparison.old.parts:
        raise UsageError(f"{comparison.old.source}: a .docx redline needs the old version as a .docx")
    return _Redline(comparison, author, revision_date(date)).build()


@dataclass
class _Side:
    parts: dict[str, bytes]
    main: str
    root: etree._Element
    body: etree._Element
    paras: list[etree._Element]  # element of each Document.paragraphs position
    cells: list[tuple[int, int, int] | None]


def _side(doc_parts: dict[str, bytes], n_paragraphs: int, indices: list[int], where: str) -> _Side:
    limits = Limits.from_env()
    accepted = accept_all(doc_parts)
    main = main_part(accepted)
    root = parse_xml(accepted[main], f"{where} [{main}]", limits)
    body = root.find(W.body)
    if body is None:
        raise UsageError(f"{where}: {main} has no w:body")
    walk = list(iter_paragraphs(body))
    if len(walk) != n_paragraphs:
        # The reader merged paragraphs in a way accepting did not; map by reader index instead.
        root = parse_xml(doc_parts[main], f"{where} [{main}]", limits)
        body = root.find(W.body)
        by_index = {bp.index: bp for bp in iter_paragraphs(body)}
        walk = [by_index[i] for i in indices]
    return _Side(
        parts=accepted,
        main=main,
        root=root,
        body=body,
        paras=[bp.el for bp in walk],
        cells=[(bp.table, bp.row or 0, bp.cell or 0) if bp.table is not None else None for bp in walk],
    )


class _Redline:
    def __init__(self, comparison: Comparison, author: str, date: str):
        self.cmp = comparison
        self.new = _side(comparison.new.parts, len(comparison.new.paragraphs), [p.index for p in comparison.new.paragraphs], comparison.new.source)
        self.old = _side(comparison.old.parts, len(comparison.old.paragraphs), [p.index for p in comparison.old.paragraphs], comparison.old.source)
        self.marks = _Marks(author, date, _max_id(self.new) + 1)
        self.out_parts = dict(self.new.parts)  # the redline's package; carried-over parts land here
        self.rels = _Relationships(self.old, self.new, self.out_parts)
        self.numbering = _Numbering(self.old, self.new, comparison.changes)
        self.cursor: etree._Element | None = None
        self.placed_old: dict[int, etree._Element] = {}  # old position -> copy in the redline
        self.old_index = {el: pos for pos, el in enumerate(self.old.paras)}
        self._row_maps()

    # -- structure maps ------------------------------------------------------------------

    def _row_maps(self) -> None:
        """Which old rows and tables live on in new ones (by their aligned paragraphs)."""
        row_votes: dict[tuple[int, int], Counter] = {}
        table_votes: dict[int, Counter] = {}
        self.new_rows_kept: set[tuple[int, int]] = set()
        for ch in self.cmp.changes:
            if ch.op not in ("equal", "modify") or ch.old_pos is None or ch.new_pos is None:
                continue
            oc, nc = self.old.cells[ch.old_pos], self.new.cells[ch.new_pos]
            if oc is None or nc is None:
                continue
            row_votes.setdefault(oc[:2], Counter())[nc[:2]] += 1
            table_votes.setdefault(oc[0], Counter())[nc[0]] += 1
            self.new_rows_kept.add(nc[:2])
        self.row_map = {k: v.most_common(1)[0][0] for k, v in row_votes.items()}
        self.table_map = {k: v.most_common(1)[0][0] for k, v in table_votes.items()}
        self.new_tr: dict[tuple[int, int], etree._Element] = {}
        for pos, cell in enumerate(self.new.cells):
            if cell is not None and cell[:2] not in self.new_tr:
                self.new_tr[cell[:2]] = _ancestor(self.new.paras[pos], W.tr)
        self.new_tbl: dict[int, etree._Element] = {t: _ancestor(tr, W.tbl) for (t, _), tr in self.new_tr.items()}

    # -- main loop ---------------------------------------------------------------------------

    def build(self) -> bytes:
        changes = self.cmp.changes
        moves = self._valid_moves(changes)
        for k, ch in enumerate(changes):
            op = ch.op
            if op in ("move_from", "move_to") and ch.move_id not in moves:
                op = "delete" if op == "move_from" else "insert"
            if op in ("equal", "modify"):
                self._aligned(ch)
            elif op == "insert":
                self._inserted(ch, _INS)
            elif op == "move_to":
                self._inserted(ch, _MOVE_TO)
            elif op == "delete":
                self._deleted(ch, _DEL)
            elif op == "move_from":
                self._deleted(ch, _MOVE_FROM)
        self._move_ranges(changes, moves)
        self._mark_inserted_rows()
        parts = self.out_parts
        parts[self.new.main] = serialise(self.new.root)
        self.rels.write(parts)
        self.numbering.write(parts)
        return package_bytes(parts)

    def _valid_moves(self, changes: list[ParaChange]) -> set[int]:
        """Moves whose paragraphs sit together on each side; others are shown as delete + insert."""
        parents: dict[tuple[int, str], set] = {}
        for ch in changes:
            if ch.move_id is None:
                continue
            if ch.op == "move_from" and ch.old_pos is not None:
                parents.setdefault((ch.move_id, "from"), set()).add(self.old.cells[ch.old_pos] is not None and self.old.cells[ch.old_pos] or "body")
            elif ch.op == "move_to" and ch.new_pos is not None:
                parents.setdefault((ch.move_id, "to"), set()).add(self.new.cells[ch.new_pos] is not None and self.new.cells[ch.new_pos] or "body")
        ids = {mid for mid, _ in parents}
        return {mid for mid in ids if len(parents.get((mid, "from"), ())) == 1 and len(parents.get((mid, "to"), ())) == 1}

    # -- aligned paragraphs ----------------------------------------------------------------

    def _aligned(self, ch: ParaChange) -> None:
        p = self.new.paras[ch.new_pos]
        old_p = self.old.paras[ch.old_pos]
        self.cursor = p
        old_ppr = self.numbering.mapped_ppr(old_p.find(W.pPr))
        # A typed (literal) number is part of the text: when the number changed, so did the text.
        if ch.op == "modify" or ch.format_changed or (ch.renumbered and _raw_text(p) != _raw_text(old_p)):
            self._rebuild_runs(p, old_p)
        self._ppr_change(p, old_ppr)

    def _ppr_change(self, p: etree._Element, old_ppr: etree._Element | None) -> None:
        new_ppr = p.find(_PPR)
        if _same_bytes(new_ppr, old_ppr) or canonical(new_ppr, _PPR_SKIP) == canonical(old_ppr, _PPR_SKIP):
            return
        ppr = _ensure_ppr(p)
        change = self.marks.make(_PPR_CHANGE)
        inner = etree.SubElement(change, W.pPr)
        if old_ppr is not None:
            for c in old_ppr:
                if isinstance(c.tag, str) and c.tag not in _PPR_SKIP:
                    inner.append(copy.deepcopy(c))
        ppr.append(change)

    def _rpr_change(self, old_rpr: etree._Element | None) -> etree._Element:
        change = self.marks.make(_RPR_CHANGE)
        inner = etree.SubElement(change, W.rPr)
        if old_rpr is not None:
            for c in old_rpr:
                if isinstance(c.tag, str) and c.tag not in (_RPR_CHANGE, _INS, _DEL, _MOVE_FROM, _MOVE_TO):
                    inner.append(copy.deepcopy(c))
        return change

    def _rebuild_runs(self, p: etree._Element, old_p: etree._Element) -> None:
        """Word-level w:ins/w:del and w:rPrChange inside a paragraph, on NEW's runs."""
        old_items = list(_text_items(old_p))
        new_items = list(_text_items(p))
        old_text = "".join(it.char for it in old_items)
        new_text = "".join(it.char for it in new_items)
        diff = word_diff(old_text, new_text) if old_text != new_text else [(0, new_text)]
        # Per new character: None (inserted) or the old item it keeps; deletions before it.
        keep: list[_Item | None] = [None] * len(new_items)
        deletions: dict[int, list[_Item]] = {}
        x = y = 0
        for op, text in diff:
            n = len(text)
            if op == 0:
                for k in range(n):
                    keep[y + k] = old_items[x + k]
                x += n
                y += n
            elif op == -1:
                deletions.setdefault(y, []).extend(old_items[x : x + n])
                x += n
            else:
                y += n
        _Rebuilder(self, keep, deletions, len(new_items)).run(p)

    # -- inserted paragraphs ---------------------------------------------------------------

    def _inserted(self, ch: ParaChange, tag: str) -> None:
        p = self.new.paras[ch.new_pos]
        self.cursor = p
        _wrap_runs(p, lambda: self.marks.make(tag))
        _ensure_mark_rpr(p).insert(0, self.marks.make(tag))

    def _mark_inserted_rows(self) -> None:
        for key, tr in self.new_tr.items():
            if key in self.new_rows_kept:
                continue
            trpr = tr.find(W.trPr)
            if trpr is None:
                trpr = etree.Element(W.trPr)
                tr.insert(1 if tr.find(qn("w:tblPrEx")) is not None else 0, trpr)
            _insert_before(trpr, self.marks.make(_INS), {qn("w:trPrChange")})

    # -- deleted paragraphs ----------------------------------------------------------------

    def _deleted(self, ch: ParaChange, tag: str) -> None:
        pos = ch.old_pos
        assert pos is not None
        if pos not in self.placed_old:
            self._place_old(pos)
        p = self.placed_old[pos]
        self.cursor = p
        _wrap_runs(p, lambda: self.marks.make(tag), deleted=tag == _DEL)
        _ensure_mark_rpr(p).insert(0, self.marks.make(tag))

    def _place_old(self, pos: int) -> None:
        """Put a copy of OLD's paragraph (or its whole row or table) where it stood."""
        cell = self.old.cells[pos]
        source = self.old.paras[pos]
        if cell is not None:
            table, row, col = cell
            if table not in self.table_map:
                self._place_old_block(_outer_table(source))
                return
            if (table, row) not in self.row_map:
                self._place_old_row(_ancestor(source, W.tr), self.new_tbl.get(self.table_map[table]))
                return
            tr = self.new_tr[self.row_map[(table, row)]]
            cells = tr.findall(W.tc)
            tc = cells[min(col, len(cells) - 1)]
            twin = self._copy_old(source)
            self.placed_old[pos] = twin
            if self.cursor is not None and self.cursor.getparent() is tc:
                self.cursor.addnext(twin)
            else:
                tcpr = tc.find(W.tcPr)
                tc.insert(1 if tcpr is not None else 0, twin)
            return
        twin = self._copy_old(source)
        self.placed_old[pos] = twin
        self._place_block(twin)

    def _place_block(self, el: etree._Element) -> None:
        """A body-level block goes after the block holding the cursor (or first in the body)."""
        cur = self.cursor
        if cur is None:
            self.new.body.insert(0, el)
            return
        top = _outer_table(cur) if _ancestor(cur, W.tc) is not None else cur
        top.addnext(el)

    def _place_old_block(self, tbl: etree._Element) -> None:
        twin = self._copy_old(tbl)
        self._register_copies(tbl, twin)
        for tr in twin.iter(W.tr):
            _mark_row(tr, self.marks.make(_DEL))
        self._place_block(twin)

    def _place_old_row(self, tr: etree._Element, new_tbl: etree._Element | None) -> None:
        twin = self._copy_old(tr)
        self._register_copies(tr, twin)
        _mark_row(twin, self.marks.make(_DEL))
        cur_tr = _row_in(self.cursor, new_tbl) if self.cursor is not None and new_tbl is not None else None
        if cur_tr is not None:
            cur_tr.addnext(twin)
        elif new_tbl is not None and new_tbl.find(W.tr) is not None:
            new_tbl.find(W.tr).addprevious(twin)
        elif new_tbl is not None:
            new_tbl.append(twin)
        else:
            self._place_block(twin)

    def _register_copies(self, original: etree._Element, twin: etree._Element) -> None:
        """Old positions of the paragraphs inside a copied row or table, mapped to the copies."""
        index = self.old_index
        originals = [p for p in original.iter(W.p)]
        copies = [p for p in twin.iter(W.p)]
        for o, c in zip(originals, copies):
            pos = index.get(o)
            if pos is not None:
                self.placed_old[pos] = c

    def _copy_old(self, el: etree._Element) -> etree._Element:
        """OLD content made safe to live in NEW's package (ids, targets, numbering)."""
        twin = copy.deepcopy(el)
        for tag in _STRIP_FROM_OLD:
            for x in list(twin.iter(tag)):
                x.getparent().remove(x)
        for r in list(twin.iter(W.r)):
            if any(r.find(t) is not None for t in _RUNS_TO_DROP_FROM_OLD):
                r.getparent().remove(r)
        for p in twin.iter(W.p):
            for attr in ("paraId", "textId"):
                p.attrib.pop(f"{{{_W14}}}{attr}", None)
            sect = p.find(f"{W.pPr}/{W.sectPr}")
            if sect is not None:
                sect.getparent().remove(sect)
        self.numbering.map_tree(twin)
        self.rels.import_refs(twin)
        return twin

    # -- moves ---------------------------------------------------------------------------

    def _move_ranges(self, changes: list[ParaChange], moves: set[int]) -> None:
        """moveFromRangeStart/End and moveToRangeStart/End around each moved block, named moveN."""
        blocks: dict[tuple[int, str], list[etree._Element]] = {}
        for ch in changes:
            if ch.move_id not in moves:
                continue
            if ch.op == "move_from":
                blocks.setdefault((ch.move_id, "from"), []).append(self.placed_old[ch.old_pos])
            elif ch.op == "move_to":
                blocks.setdefault((ch.move_id, "to"), []).append(self.new.paras[ch.new_pos])
        for (mid, side), paras in sorted(blocks.items()):
            start_tag = qn(f"w:move{side.capitalize()}RangeStart")
            end_tag = qn(f"w:move{side.capitalize()}RangeEnd")
            start = self.marks.make(start_tag)
            start.set(W.name, f"move{mid}")
            end = etree.Element(end_tag)
            end.set(W.id, start.get(W.id))
            first, last = paras[0], paras[-1]
            ppr = first.find(W.pPr)
            if ppr is not None:
                ppr.addnext(start)
            else:
                first.insert(0, start)
            last.append(end)


# ----- run rebuilding -----------------------------------------------------------------------


@dataclass
class _Item:
    """One character of a paragraph's text (or a tab, break, no-break hyphen) and its run."""

    char: str
    run: etree._Element
    el: etree._Element  # the w:t (shared by its characters) or the w:tab/w:br/... element


def _text_items(p: etree._Element) -> Iterator[_Item]:
    """The text of a paragraph as items, in the reader's order (vanished runs do not count)."""
    for r in _runs(p):
        rpr = r.find(W.rPr)
        if rpr is not None and _vanished(rpr):
            continue
        for c in r:
            if c.tag == W.t:
                for ch in c.text or "":
                    yield _Item(ch, r, c)
            elif c.tag in _ITEM_CHARS:
                yield _Item(_ITEM_CHARS[c.tag], r, c)


def _raw_text(p: etree._Element) -> str:
    return "".join(it.char for it in _text_items(p))


def _runs(container: etree._Element) -> Iterator[etree._Element]:
    for child in container:
        if child.tag == W.r:
            yield child
        elif child.tag in _RUN_CONTAINERS:
            yield from _runs(child)


def _vanished(rpr: etree._Element) -> bool:
    v = rpr.find(W.vanish)
    return v is not None and v.get(W.val, "true").lower() not in ("0", "false", "off")


class _Rebuilder:
    """Splits NEW's runs where the diff says, wrapping inserted text and adding deleted text."""

    def __init__(self, redline: _Redline, keep: list[_Item | None], deletions: dict[int, list[_Item]], n: int):
        self.redline = redline
        self.keep = keep
        self.deletions = deletions
        self.n = n
        self.pos = 0  # next new character
        self.last: etree._Element | None = None  # last element written, for trailing deletions
        # State of the run being split.
        self.rpr: etree._Element | None = None
        self.sig = ""
        self.out: list[etree._Element] = []
        self.group: list[etree._Element] = []
        self.key: tuple | None = None

    def run(self, p: etree._Element) -> None:
        for r in list(_runs(p)):
            rpr = r.find(W.rPr)
            if rpr is not None and _vanished(rpr):
                self.last = r
                continue
            self._split(r)
        tail = self.deletions.pop(self.n, None)
        if tail:
            anchor = self.last
            for el in self._deleted(tail):
                if anchor is None:
                    ppr = p.find(W.pPr)
                    p.insert(1 if ppr is not None else 0, el)
                else:
                    anchor.addnext(el)
                anchor = el

    def _split(self, r: etree._Element) -> None:
        self.rpr = r.find(W.rPr)
        self.sig = rpr_signature(self.rpr)
        self.out, self.group, self.key = [], [], None
        for c in r:
            if c.tag == W.rPr:
                continue
            if c.tag == W.t:
                for ch in c.text or "":
                    self._char(ch, None)
            elif c.tag in _ITEM_CHARS:
                self._char(None, c)
            else:
                # Fields, drawings, symbols: kept with whatever text surrounds them.
                if self.key is None:
                    self.key = ("keep",)
                self.group.append(copy.deepcopy(c))
        self._flush()
        parent = r.getparent()
        idx = parent.index(r)
        parent.remove(r)
        for el in self.out:
            parent.insert(idx, el)
            idx += 1
        if self.out:
            self.last = self.out[-1]

    def _char(self, ch: str | None, item: etree._Element | None) -> None:
        if self.pos in self.deletions:
            self._flush()
            self.out.extend(self._deleted(self.deletions.pop(self.pos)))
        key = self._key()
        if key != self.key:
            self._flush()
            self.key = key
        if ch is None:
            self.group.append(copy.deepcopy(item))
        else:
            if not self.group or self.group[-1].tag != W.t:
                t = etree.Element(W.t)
                t.text = ""
                self.group.append(t)
            self.group[-1].text += ch
        self.pos += 1

    def _key(self) -> tuple:
        kept = self.keep[self.pos] if self.pos < len(self.keep) else None
        if kept is None:
            return ("ins",)
        old_rpr = kept.run.find(W.rPr)
        if rpr_signature(old_rpr) == self.sig:
            return ("keep",)
        return ("fmt", kept.run)

    def _flush(self) -> None:
        if not self.group:
            self.key = None
            return
        r = etree.Element(W.r)
        if self.rpr is not None:
            r.append(_clean_rpr(self.rpr))
        for c in self.group:
            if c.tag == W.t and c.text and (c.text != c.text.strip() or "  " in c.text):
                c.set(_XML_SPACE, "preserve")
            r.append(c)
        key = self.key or ("keep",)
        if key[0] == "fmt":
            run_rpr = r.find(W.rPr)
            if run_rpr is None:
                run_rpr = etree.Element(W.rPr)
                r.insert(0, run_rpr)
            run_rpr.append(self.redline._rpr_change(key[1].find(W.rPr)))
        if key[0] == "ins":
            wrap = self.redline.marks.make(_INS)
            wrap.append(r)
            r = wrap
        self.out.append(r)
        self.group, self.key = [], None

    def _deleted(self, items: list[_Item]) -> list[etree._Element]:
        """Deleted old text, one w:del per old run so each piece keeps its own formatting."""
        out: list[etree._Element] = []
        current_run: etree._Element | None = None
        r: etree._Element | None = None
        for it in items:
            if r is None or it.run is not current_run:
                wrap = self.redline.marks.make(_DEL)
                r = etree.SubElement(wrap, W.r)
                old_rpr = it.run.find(W.rPr)
                if old_rpr is not None:
                    r.append(_clean_rpr(old_rpr))
                out.append(wrap)
                current_run = it.run
            if it.el.tag != W.t:
                r.append(copy.deepcopy(it.el))
            else:
                last = r[-1] if len(r) else None
                if last is None or last.tag != _DEL_TEXT:
                    last = etree.SubElement(r, _DEL_TEXT)
                    last.set(_XML_SPACE, "preserve")
                    last.text = ""
                last.text += it.char
        return out


def _clean_rpr(rpr: etree._Element) -> etree._Element:
    twin = copy.deepcopy(rpr)
    for c in list(twin):
        if c.tag in (_RPR_CHANGE, _INS, _DEL, _MOVE_FROM, _MOVE_TO):
            twin.remove(c)
    return twin


# ----- whole-paragraph wrapping -------------------------------------------------------------


def _wrap_runs(container: etree._Element, make: Callable[[], etree._Element], *, deleted: bool = False) -> None:
    """Wrap every run of a paragraph (inside hyperlinks too) in revision containers.

    Runs next to each other share one container; a deletion also turns w:t into w:delText,
    as Word requires of deleted text (moved-away text keeps w:t).
    """
    group: list[etree._Element] = []

    def flush() -> None:
        if not group:
            return
        wrap = make()
        group[0].addprevious(wrap)
        for r in group:
            wrap.append(r)
        group.clear()

    for child in list(container):
        if child.tag == W.r:
            if deleted:
                for t in child.iter(W.t):
                    t.tag = _DEL_TEXT
                for t in child.iter(W.instrText):
                    t.tag = _DEL_INSTR
            group.append(child)
            continue
        flush()
        if child.tag in _RUN_CONTAINERS:
            _wrap_runs(child, make, deleted=deleted)
    flush()


# ----- small tree helpers ---------------------------------------------------------------------


def _ancestor(el: etree._Element, tag: str) -> etree._Element | None:
    cur = el.getparent()
    while cur is not None and cur.tag != tag:
        cur = cur.getparent()
    return cur


def _outer_table(el: etree._Element) -> etree._Element:
    """The table that is a direct block of the body (or of a block-level sdt) holding `el`."""
    top = el if el.tag == W.tbl else _ancestor(el, W.tbl)
    cur = top
    while cur is not None:
        cur = _ancestor(cur, W.tbl)
        if cur is not None:
            top = cur
    return top if top is not None else el


def _row_in(el: etree._Element, tbl: etree._Element) -> etree._Element | None:
    cur = el
    while cur is not None:
        parent = cur.getparent()
        if cur.tag == W.tr and parent is tbl:
            return cur
        cur = parent
    return None


def _ensure_ppr(p: etree._Element) -> etree._Element:
    ppr = p.find(W.pPr)
    if ppr is None:
        ppr = etree.Element(W.pPr)
        p.insert(0, ppr)
    return ppr


def _ensure_mark_rpr(p: etree._Element) -> etree._Element:
    ppr = _ensure_ppr(p)
    rpr = ppr.find(W.rPr)
    if rpr is None:
        rpr = etree.Element(W.rPr)
        _insert_before(ppr, rpr, {W.sectPr, _PPR_CHANGE})
    return rpr


def _insert_before(parent: etree._Element, el: etree._Element, before: set[str]) -> None:
    for i, c in enumerate(parent):
        if c.tag in before:
            parent.insert(i, el)
            return
    parent.append(el)


def _mark_row(tr: etree._Element, mark: etree._Element) -> None:
    trpr = tr.find(W.trPr)
    if trpr is None:
        trpr = etree.Element(W.trPr)
        tr.insert(1 if tr.find(qn("w:tblPrEx")) is not None else 0, trpr)
    for old in trpr.findall(_INS) + trpr.findall(_DEL):
        trpr.remove(old)
    _insert_before(trpr, mark, {qn("w:trPrChange")})


def _max_id(side: _Side) -> int:
    """Revision ids start above every annotation id NEW already uses, so none can clash."""
    values = side.root.xpath("//@w:id", namespaces={"w": NS["w"]})
    return max((int(v) for v in values if v.isdigit()), default=0)


def _same_bytes(a: etree._Element | None, b: etree._Element | None) -> bool:
    """The cheap test first: properties serialised identically are the same properties."""
    if a is None or b is None:
        return a is b
    return etree.tostring(a) == etree.tostring(b)


# ----- numbering and relationships carried over from OLD -------------------------------------------


class _Numbering:
    """Old numIds in carried-over OLD properties, translated to NEW's lists (or imported)."""

    def __init__(self, old: _Side, new: _Side, changes: list[ParaChange]):
        limits = Limits.from_env()
        self.old_part = _related_part(old, "numbering")
        self.new_part = _related_part(new, "numbering")
        self.old_xml = parse_xml(old.parts[self.old_part], self.old_part, limits) if self.old_part in old.parts else None
        self.new_xml = parse_xml(new.parts[self.new_part], self.new_part, limits) if self.new_part in new.parts else None
        self.changed = False
        self.map: dict[str, str] = {}
        if self.old_xml is None or self.new_xml is None:
            return
        old_defs = _num_defs(self.old_xml)
        new_defs = _num_defs(self.new_xml)
        by_def: dict[str, str] = {}
        for nid, d in new_defs.items():
            by_def.setdefault(d, nid)
        votes: dict[str, Counter] = {}
        for ch in changes:
            if ch.op in ("equal", "modify") and ch.old_pos is not None and ch.new_pos is not None:
                o = _num_id(old.paras[ch.old_pos])
                n = _num_id(new.paras[ch.new_pos])
                if o is not None and n is not None:
                    votes.setdefault(o, Counter())[n] += 1
        self._old_defs = old_defs
        for nid, d in old_defs.items():
            if new_defs.get(nid) == d:
                self.map[nid] = nid
            elif nid in votes:
                self.map[nid] = votes[nid].most_common(1)[0][0]
            elif d in by_def:
                self.map[nid] = by_def[d]

    def mapped_ppr(self, ppr: etree._Element | None) -> etree._Element | None:
        """OLD's paragraph properties with NEW's numIds; the element itself when nothing maps."""
        if ppr is None:
            return None
        numpr = ppr.find(_NUMPR)
        num_id = numpr.find(_NUMID) if numpr is not None else None
        v = num_id.get(W.val) if num_id is not None else None
        if v is None or v == "0" or self._target(v) == v:
            return ppr
        twin = copy.deepcopy(ppr)
        self.map_tree(twin)
        return twin

    def map_tree(self, el: etree._Element) -> None:
        for num_id in el.iter(W.numId):
            v = num_id.get(W.val)
            if v is None or v == "0":
                continue
            num_id.set(W.val, self._target(v))

    def _target(self, old_id: str) -> str:
        if old_id in self.map:
            return self.map[old_id]
        if self.old_xml is None or self.new_xml is None:
            return old_id
        self.map[old_id] = self._import(old_id)
        return self.map[old_id]

    def _import(self, old_id: str) -> str:
        """Copy an OLD list definition NEW lacks, under fresh ids, so rejected text keeps its numbers."""
        num = next((n for n in self.old_xml.iter(W.num) if n.get(W.numId) == old_id), None)
        if num is None:
            return old_id
        aid_el = num.find(W.abstractNumId)
        abstract = next((a for a in self.old_xml.iter(W.abstractNum) if aid_el is not None and a.get(W.abstractNumId) == aid_el.get(W.val)), None)
        new_num_id = str(max([int(n.get(W.numId)) for n in self.new_xml.iter(W.num) if (n.get(W.numId) or "").isdigit()] + [0]) + 1)
        new_aid = str(max([int(a.get(W.abstractNumId)) for a in self.new_xml.iter(W.abstractNum) if (a.get(W.abstractNumId) or "").isdigit()] + [-1]) + 1)
        num_twin = copy.deepcopy(num)
        num_twin.set(W.numId, new_num_id)
        if abstract is not None:
            abs_twin = copy.deepcopy(abstract)
            abs_twin.set(W.abstractNumId, new_aid)
            num_twin.find(W.abstractNumId).set(W.val, new_aid)
            nsid = abs_twin.find(qn("w:nsid"))
            if nsid is not None:
                nsid.set(W.val, f"{0x0D0C0000 + int(new_aid):08X}")
            anchor = list(self.new_xml.iter(W.abstractNum))
            if anchor:
                anchor[-1].addnext(abs_twin)
            else:
                self.new_xml.insert(0, abs_twin)
        nums = list(self.new_xml.iter(W.num))
        if nums:
            nums[-1].addnext(num_twin)
        else:
            _insert_before(self.new_xml, num_twin, {qn("w:numIdMacAtCleanup")})
        self.changed = True
        return new_num_id

    def write(self, parts: dict[str, bytes]) -> None:
        if self.changed and self.new_xml is not None:
            parts[self.new_part] = serialise(self.new_xml)


def _num_id(p: etree._Element) -> str | None:
    ppr = p.find(_PPR)
    numpr = ppr.find(_NUMPR) if ppr is not None else None
    el = numpr.find(_NUMID) if numpr is not None else None
    return el.get(W.val) if el is not None else None


def _num_defs(numbering: etree._Element) -> dict[str, str]:
    """numId -> a canonical description of what it draws (its num and its abstractNum)."""
    abstracts = {}
    for a in numbering.iter(W.abstractNum):
        abstracts[a.get(W.abstractNumId)] = canonical(a, {qn("w:nsid"), qn("w:tmpl")})
    out = {}
    for n in numbering.iter(W.num):
        aid = n.find(W.abstractNumId)
        a = abstracts.get(aid.get(W.val) if aid is not None else None, "")
        out[n.get(W.numId)] = a + "|" + canonical(n, {W.abstractNumId})
    return out


def _related_part(side: _Side, kind: str) -> str:
    return related_part(side.parts, side.main, kind) or posixpath.join(posixpath.dirname(side.main), f"{kind}.xml")


class _Relationships:
    """r:id references in OLD content, re-pointed at NEW's relationships; the parts they reach
    are carried over with their own relationships (`PartImporter`)."""

    def __init__(self, old: _Side, new: _Side, target: dict[str, bytes]):
        self.old = old
        self.new = new
        self.importer = PartImporter(old.parts, target)

    def import_refs(self, el: etree._Element, old_part: str | None = None, new_part: str | None = None) -> None:
        src = old_part or self.old.main
        dst = new_part or self.new.main
        for node in el.iter():
            if not isinstance(node.tag, str):
                continue
            for attr, value in list(node.attrib.items()):
                if attr.startswith(f"{{{_R_NS}}}"):
                    node.set(attr, self.importer.rel_id(src, value, dst))

    def write(self, parts: dict[str, bytes]) -> None:
        self.importer.write()

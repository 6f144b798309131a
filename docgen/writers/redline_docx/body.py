"""The tracked-change .docx redline: NEW's package with native Word revisions for every change.

The redline is built on NEW (its styles, numbering, sections, headers and footers stay), so
accepting every revision gives NEW back exactly, and the revisions carry just enough of OLD
(deleted text, deleted paragraphs and rows, old paragraph and run properties) that
rejecting every revision gives OLD back. `docgen.ooxml.revisions` is the oracle the
tests hold this writer to.

A clause that was only renumbered by a cascade carries no revision at all: its numbering
properties are the same, Word recounts it. A clause whose level changed carries one
`w:pPrChange` with its old numbering properties, so Word shows "Formatted: numbering" once
rather than deleting and re-inserting the text.

Pending revisions already in OLD or NEW are accepted first: the redline compares versions,
not drafts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import MutableMapping
from dataclasses import dataclass

from docgen.errors import UsageError
from docgen.limits import Limits
from docgen.ooxml.body import iter_paragraphs
from docgen.ooxml.content import Item
from docgen.ooxml.element import Element, child, clone, markup
from docgen.ooxml.ns import W
from docgen.ooxml.package_parts import ParsedParts, as_parsed_parts, shared_tree
from docgen.ooxml.parts import main_part, package_bytes, serialise
from docgen.ooxml.revisions.tables import row_cells, table_rows
from docgen.ooxml.revisions import accept_all, accept_tree, revision_parts, tree_may_hold_revisions
from docgen.ooxml.stories import has_stories, section_parts
from docgen.ooxml.tracked.dates import revision_date
from docgen.ooxml.tracked.marks import DEL, INS, MOVE_FROM, MOVE_TO, Marks, largest_id, mark_move_range
from docgen.ooxml.tracked.wrap import mark_paragraph, mark_row
from docgen.model import Document
from docgen.transforms.compare import Comparison, ParaChange
from docgen.writers.redline_docx.carry import Carrier, Numbering
from docgen.writers.redline_docx.context import Context, Story
from docgen.writers.redline_docx.runs import rebuild_paragraph
from docgen.writers.redline_docx.sections import Sections
from docgen.writers.redline_docx.stories import Notes, StoryDiff, headers_footers, main_rels, ppr_change


@dataclass
class Redline:
    """A written redline: its .docx bytes, and its parts with the trees already built (the
    main part's among them), so the publication copy edits copies of those trees instead of
    parsing the bytes just written."""

    data: bytes
    parts: ParsedParts


def write_redline(comparison: Comparison, *, author: str = "docgen", date: str | None = None, ignore_nbsp: bool = False, limits: Limits | None = None) -> bytes:
    """The .docx bytes of the redline; deterministic for a fixed `date`."""
    return redline_document(comparison, author=author, date=date, ignore_nbsp=ignore_nbsp, limits=limits).data


def redline_document(comparison: Comparison, *, author: str = "docgen", date: str | None = None, ignore_nbsp: bool = False, limits: Limits | None = None) -> Redline:
    """The redline with its parsed parts (`write_redline` when only the bytes are wanted)."""
    if not comparison.new.parts:
        raise UsageError(f"{comparison.new.source}: a .docx redline needs the new version as a .docx")
    if not comparison.old.parts:
        raise UsageError(f"{comparison.old.source}: a .docx redline needs the old version as a .docx")
    when = revision_date(date)
    return _Redline(comparison, author, when, ignore_nbsp=ignore_nbsp, limits=limits or Limits.from_env()).build()


@dataclass
class _Side:
    parts: MutableMapping[str, bytes]  # the version with its pending revisions accepted
    main: str
    root: Element  # the main part's tree: NEW's a copy (it becomes the redline's); OLD's only read
    body: Element
    paras: list[Element]  # element of each Document.paragraphs position
    cells: list[tuple[int, int, int] | None]
    # Its paragraphs are the reader's handles, or copies of them in an unchanged copy of the
    # reader's tree: they serialise as the comparison saw them (see `ParaChange.written_alike`).
    as_read: bool = False


def _side(doc: Document, where: str, limits: Limits, *, edited: bool = True) -> _Side:
    """One version as the writer works on it: its pending revisions accepted, on a copy of
    the tree the reader parsed, and each model paragraph found in that copy by the reader's
    handle on it (positions only for a model made without handles).

    A side that is not `edited` (OLD: the redline only reads it and copies from it) with
    nothing to accept is the reader's tree itself, its paragraphs the reader's handles."""
    parts = as_parsed_parts(doc.parts, where, limits)
    main = main_part(parts, limits)
    accepted = accept_all(parts, skip=(main,))
    original = parts.tree(main)
    handles = [p.element for p in doc.paragraphs]
    if any(h is None or h.getroottree().getroot() is not original for h in handles):
        handles = []  # not the reader's handles on these parts
    pending = main in revision_parts(parts) and tree_may_hold_revisions(original, parts[main])
    if handles and not pending and not edited:
        body = original.find(W.body)
        if body is None:
            raise UsageError(f"{where}: {main} has no w:body")
        return _Side(parts=accepted, main=main, root=original, body=body, paras=handles, cells=[p.cell for p in doc.paragraphs], as_read=True)
    root, copies = _copy_with_paragraphs(original, bool(handles))
    changed = pending and accept_tree(root)
    if changed:
        accepted[main] = serialise(root)  # bytes for the stages that read the accepted part
    body = root.find(W.body)
    if body is None:
        raise UsageError(f"{where}: {main} has no w:body")
    if handles and not changed:
        # The copy is the reader's tree unchanged: the reader walked it already, and each
        # paragraph's cell is where that walk found it, so the walk is not made again.
        return _Side(parts=accepted, main=main, root=root, body=body, paras=[copies[h] for h in handles], cells=[p.cell for p in doc.paragraphs], as_read=True)
    walk: list | None = list(iter_paragraphs(body))
    if len(walk) != len(doc.paragraphs):
        walk = None
    elif handles:
        at = {bp.el: bp for bp in walk}
        found = [at.get(copies[h]) for h in handles]
        walk = found if all(bp is not None for bp in found) else None
    if walk is None:
        # Accepting merged paragraphs in a way the reader did not: work on the version as
        # written, each paragraph found by the reader's handle (or its index).
        root, copies = _copy_with_paragraphs(original, bool(handles))
        body = root.find(W.body)
        if handles:
            at = {bp.el: bp for bp in iter_paragraphs(body)}
            walk = [at[copies[h]] for h in handles]
        else:
            by_index = {bp.index: bp for bp in iter_paragraphs(body)}
            walk = [by_index[p.index] for p in doc.paragraphs]
    return _Side(
        parts=accepted,
        main=main,
        root=root,
        body=body,
        paras=[bp.el for bp in walk],
        cells=[(bp.table, bp.row or 0, bp.cell or 0) if bp.table is not None else None for bp in walk],
    )


def _copy_with_paragraphs(root: Element, mapped: bool) -> tuple[Element, dict[Element, Element]]:
    """A deep copy of `root`, with each of its paragraphs mapped to its copy when asked."""
    twin = clone(root)
    if not mapped:
        return twin, {}
    return twin, dict(zip(root.iter(W.p), twin.iter(W.p)))


class _Redline:
    def __init__(self, comparison: Comparison, author: str, date: str, *, ignore_nbsp: bool, limits: Limits):
        self.cmp = comparison
        self.new = _side(comparison.new, comparison.new.source, limits)
        self.old = _side(comparison.old, comparison.old.source, limits, edited=False)
        self.out_parts = self.new.parts.clone()  # the redline's package; carried-over parts land here
        aligned = [(self.old.paras[ch.old_pos], self.new.paras[ch.new_pos]) for ch in comparison.changes if ch.op in ("equal", "modify") and ch.old_pos is not None and ch.new_pos is not None]
        self.numbering = Numbering(self.old.parts, self.old.main, self.new.parts, self.new.main, aligned, (self.old.root, self.new.root), limits)
        self.carrier = Carrier(self.old.parts, self.out_parts, self.numbering, limits)
        self.marks = Marks(author, date, _max_id(self.new, self.out_parts, limits) + 1)
        self.ctx = Context(self.marks, self.carrier, self.old.parts, self.new.parts, limits, ignore_nbsp=ignore_nbsp, on_kept=self._kept)
        self.stories = StoryDiff(self.ctx)
        self.notes = Notes(self.stories, self.old.main, self.new.main, self.out_parts)
        self.carrier.carry_note = self.notes.carry
        self.story = Story(self.old.main, self.new.main)
        self.old_sections = section_parts(self.old.root, main_rels(self.old.parts, self.old.main, self.ctx))
        self.new_sections = section_parts(self.new.root, main_rels(self.new.parts, self.new.main, self.ctx))
        self.sections = Sections(self.old.root, self.new.root)
        self.cursor: Element | None = None
        self.placed_old: dict[int, Element] = {}  # old position -> copy in the redline
        self.old_index = {el: pos for pos, el in enumerate(self.old.paras)}
        self.as_read = self.old.as_read and self.new.as_read  # the comparison's markup verdicts hold here
        self._row_maps()

    # -- structure maps ------------------------------------------------------------------

    def _row_maps(self) -> None:
        """Which old rows and tables live on in new ones (by their aligned paragraphs)."""
        row_votes: defaultdict[tuple[int, int], Counter] = defaultdict(Counter)  # a tally made once per row, not per vote
        table_votes: defaultdict[int, Counter] = defaultdict(Counter)
        self.new_rows_kept: set[tuple[int, int]] = set()
        for ch in self.cmp.changes:
            if ch.op not in ("equal", "modify") or ch.old_pos is None or ch.new_pos is None:
                continue
            oc, nc = self.old.cells[ch.old_pos], self.new.cells[ch.new_pos]
            if oc is None or nc is None:
                continue
            row_votes[oc[:2]][nc[:2]] += 1
            table_votes[oc[0]][nc[0]] += 1
            self.new_rows_kept.add(nc[:2])
        self.row_map = {k: v.most_common(1)[0][0] for k, v in row_votes.items()}
        self.table_map = {k: v.most_common(1)[0][0] for k, v in table_votes.items()}
        self.new_tr: dict[tuple[int, int], Element] = {}
        for pos, cell in enumerate(self.new.cells):
            if cell is not None and cell[:2] not in self.new_tr:
                self.new_tr[cell[:2]] = ancestor(self.new.paras[pos], W.tr)
        self.new_tbl: dict[int, Element] = {t: ancestor(tr, W.tbl) for (t, _), tr in self.new_tr.items()}

    # -- main loop ---------------------------------------------------------------------------

    def build(self) -> Redline:
        changes = self.cmp.changes
        moves = self._valid_moves(changes)
        for k, ch in enumerate(changes):
            op = ch.op
            if op in ("move_from", "move_to") and ch.move_id not in moves:
                op = "delete" if op == "move_from" else "insert"
            if op in ("equal", "modify"):
                self._aligned(ch)
            elif op == "insert":
                self._inserted(ch, INS)
            elif op == "move_to":
                self._inserted(ch, MOVE_TO)
            elif op == "delete":
                self._deleted(ch, DEL)
            elif op == "move_from":
                self._deleted(ch, MOVE_FROM)
        self._move_ranges(changes, moves)
        self._mark_inserted_rows()
        parts = self.out_parts
        headers_footers(self.stories, self.old_sections, self.new_sections, parts)
        self.sections.track(self.stories, self.new.main, self.old_sections, self.new_sections, parts)
        self.notes.finish(self.new.root)
        parts.set_tree(self.new.main, self.new.root, serialise(self.new.root))  # done with it
        self.carrier.write()
        self.numbering.write(parts)
        return Redline(package_bytes(parts), parts)

    def _kept(self, old: Item, new: Item, story: Story) -> None:
        """An object on both sides: notes and text boxes are compared inside."""
        if new.kind in ("footnote", "endnote") and old.kind == new.kind:
            self.notes.kept_reference(old, new)
        elif new.kind == "textbox" and old.kind == "textbox":
            self.stories.text_box(old, new, story)

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
        keeps = self.numbering.keeps_ppr(old_p)
        # Paragraphs serialised alike, with no objects, notes or text boxes, cannot differ;
        # every other pair is compared item by item (a no-break space, a picture, a symbol).
        differ = True
        if ch.op != "modify" and not ch.format_changed:
            differ = self._differ(ch, p, old_p)
            if not differ and keeps:
                return  # written alike, numbering unmapped: the properties are the same bytes
        old_ppr = self.numbering.mapped_ppr(child(old_p, W.pPr))  # before the rebuild copies anything
        if differ:
            rebuild_paragraph(self.ctx, p, old_p, self.story, force=ch.format_changed)
        ppr_change(self.ctx, p, old_ppr)

    def _differ(self, ch: ParaChange, p: Element, old_p: Element) -> bool:
        """Whether an aligned pair must be compared item by item: not serialised alike
        (tails included), or holding content that lives elsewhere.

        The comparison serialised both reader elements already (without tails); where this
        writer's paragraphs are those elements as read, its verdict and bytes are used, so
        the pair is not serialised twice more. A tail other than whitespace (never in a
        part Word writes) takes the long way, so the bytes asked of stay exactly these."""
        if self.as_read and ch.written_alike is not None:
            if not ch.written_alike or (p.tail or "") != (old_p.tail or ""):
                return True  # the elements differ, or their tails: the serialisations differ
            if not p.tail or p.tail.isspace():
                assert ch.markup is not None
                return _holds_elsewhere(p, ch.markup)
        written = markup(p)
        return written != markup(old_p) or _holds_elsewhere(p, written)

    # -- inserted paragraphs ---------------------------------------------------------------

    def _inserted(self, ch: ParaChange, tag: str) -> None:
        p = self.new.paras[ch.new_pos]
        self.cursor = p
        mark_paragraph(p, self.marks, tag)

    def _mark_inserted_rows(self) -> None:
        for key, tr in self.new_tr.items():
            if key in self.new_rows_kept:
                continue
            mark_row(tr, self.marks.make(INS), replace=False)

    # -- deleted paragraphs ----------------------------------------------------------------

    def _deleted(self, ch: ParaChange, tag: str) -> None:
        pos = ch.old_pos
        assert pos is not None
        if pos not in self.placed_old:
            self._place_old(pos)
        p = self.placed_old[pos]
        self.cursor = p
        mark_paragraph(p, self.marks, tag)

    def _place_old(self, pos: int) -> None:
        """Put a copy of OLD's paragraph (or its whole row or table) where it stood."""
        cell = self.old.cells[pos]
        source = self.old.paras[pos]
        if cell is not None:
            table, row, col = cell
            if table not in self.table_map:
                nearest = ancestor(source, W.tbl)
                if ancestor(nearest, W.tbl) is not None and self.cursor is not None and ancestor(self.cursor, W.tc) is not None:
                    self._place_old_nested(nearest)  # only the nested table went, not its outer one
                else:
                    self._place_old_block(outer_table(source))
                return
            if (table, row) not in self.row_map:
                self._place_old_row(ancestor(source, W.tr), self.new_tbl.get(self.table_map[table]))
                return
            tr = self.new_tr[self.row_map[(table, row)]]
            cells = row_cells(tr)
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

    def _place_block(self, el: Element) -> None:
        """A body-level block goes after the block holding the cursor (or first in the body)."""
        cur = self.cursor
        if cur is None:
            self.new.body.insert(0, el)
            return
        top = outer_table(cur) if ancestor(cur, W.tc) is not None else cur
        top.addnext(el)

    def _deleted_table(self, tbl: Element) -> Element:
        """A copy of OLD's table for the redline, every row (nested ones too) marked deleted."""
        twin = self._copy_old(tbl)
        self._register_copies(tbl, twin)
        for tr in twin.iter(W.tr):
            mark_row(tr, self.marks.make(DEL))
        return twin

    def _place_old_block(self, tbl: Element) -> None:
        self._place_block(self._deleted_table(tbl))

    def _place_old_nested(self, tbl: Element) -> None:
        """A deleted table nested in a kept cell: after the cursor's block in its cell."""
        twin = self._deleted_table(tbl)
        block = self.cursor
        while block.getparent() is not None and block.getparent().tag != W.tc:
            block = block.getparent()
        block.addnext(twin)

    def _place_old_row(self, tr: Element, new_tbl: Element | None) -> None:
        twin = self._copy_old(tr)
        self._register_copies(tr, twin)
        mark_row(twin, self.marks.make(DEL))
        cur_tr = row_in(self.cursor, new_tbl) if self.cursor is not None and new_tbl is not None else None
        if cur_tr is not None:
            cur_tr.addnext(twin)
        elif new_tbl is not None and table_rows(new_tbl):
            table_rows(new_tbl)[0].addprevious(twin)
        elif new_tbl is not None:
            new_tbl.append(twin)
        else:
            self._place_block(twin)

    def _register_copies(self, original: Element, twin: Element) -> None:
        """Old positions of the paragraphs inside a copied row or table, mapped to the copies."""
        index = self.old_index
        originals = [p for p in original.iter(W.p)]
        copies = [p for p in twin.iter(W.p)]
        for o, c in zip(originals, copies):
            pos = index.get(o)
            if pos is not None:
                self.placed_old[pos] = c

    def _copy_old(self, el: Element) -> Element:
        """OLD content made safe to live in NEW's package (ids, targets, numbering, notes)."""
        return self.carrier.copy(el, self.old.main, self.new.main)

    # -- moves ---------------------------------------------------------------------------

    def _move_ranges(self, changes: list[ParaChange], moves: set[int]) -> None:
        """moveFromRangeStart/End and moveToRangeStart/End around each moved block, named moveN."""
        blocks: dict[tuple[int, str], list[Element]] = {}
        for ch in changes:
            if ch.move_id not in moves:
                continue
            if ch.op == "move_from":
                blocks.setdefault((ch.move_id, "from"), []).append(self.placed_old[ch.old_pos])
            elif ch.op == "move_to":
                blocks.setdefault((ch.move_id, "to"), []).append(self.new.paras[ch.new_pos])
        for (mid, side), paras in sorted(blocks.items()):
            mark_move_range(self.marks, paras[0], paras[-1], side, f"move{mid}")


def _holds_elsewhere(p: Element, written: bytes) -> bool:
    """Whether a paragraph serialised like its aligned partner still needs comparing item
    by item: it holds content that lives elsewhere (a note, a text box, or a picture's bytes
    behind a relationship id that may reach other bytes on each side). Asked of one side
    only (`written` is its markup): two paragraphs written alike hold the same elements."""
    if b" r:" in written:
        return True
    # A note reference or text box names itself in the markup: only then is the tree asked.
    return (b"noteReference" in written or b"txbxContent" in written) and has_stories(p)


def _max_id(side: _Side, parts: dict[str, bytes], limits: Limits) -> int:
    """Revision ids start above every annotation id NEW already uses in any story, so none clash."""
    best = largest_id(side.root)
    for name, data in sorted(parts.items()):
        if name.endswith(".xml") and name.startswith("word/") and name != side.main and b"w:id=" in data:
            best = max(best, largest_id(shared_tree(parts, name, limits)))
    return best


# ----- where tables nest ------------------------------------------------------------------------


def ancestor(el: Element, tag: str) -> Element | None:
    cur = el.getparent()
    while cur is not None and cur.tag != tag:
        cur = cur.getparent()
    return cur


def outer_table(el: Element) -> Element:
    """The table that is a direct block of the body (or of a block-level sdt) holding `el`."""
    top = el if el.tag == W.tbl else ancestor(el, W.tbl)
    cur = top
    while cur is not None:
        cur = ancestor(cur, W.tbl)
        if cur is not None:
            top = cur
    return top if top is not None else el


def row_in(el: Element, tbl: Element) -> Element | None:
    """The row of `tbl` holding `el` (a row in a content control is still the table's)."""
    cur = el
    while cur is not None:
        if cur.tag == W.tr and ancestor(cur, W.tbl) is tbl:
            return cur
        cur = cur.getparent()
    return None

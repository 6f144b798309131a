"""Every story besides the body's paragraph list: headers and footers (matched by section and
type), footnotes and endnotes (matched through their references), text boxes (matched where
they stand, with `mc:Fallback` kept a copy of `mc:Choice`), and the cells of their tables.

A story is a sequence of blocks (paragraphs and tables). Blocks are aligned by content
(the same patience alignment as the body), neighbours left over are paired when similar,
paired paragraphs get phrase-level revisions, paired tables of the same shape are compared
cell by cell, and what is left is inserted or deleted whole.
"""

from __future__ import annotations

from docgen.ooxml.content import ENDNOTE_REF, FOOTNOTE_REF, Item
from docgen.ooxml.element import Element, clone, markup
from docgen.ooxml.formatting import canonical
from docgen.ooxml.notes import KINDS, find_note, in_reference_order, next_note_id, notes_content_type, notes_part_name, notes_rel_type, separators_only
from docgen.ooxml.ns import W
from docgen.ooxml.package_parts import tree_to_edit
from docgen.ooxml.parts import Relationships, related_part, serialise
from docgen.ooxml.revisions.tables import row_cells, table_rows
from docgen.ooxml.stories import blocks, fallback_text_boxes, primary_text_boxes
from docgen.ooxml.tracked.marks import DEL, INS, PPR_CHANGE_SKIP
from docgen.ooxml.tracked.sections import mark_story_deleted
from docgen.ooxml.tracked.wrap import add_ppr_change, mark_inserted, mark_paragraph, mark_table_rows
from docgen.transforms.compare import aligned_pairs
from docgen.writers.redline_docx.context import Context, Story
from docgen.writers.redline_docx.runs import rebuild_paragraph

_TABLE = "\x01T\x02"


class StoryDiff:
    """Tracks the differences between an OLD and a NEW story, editing NEW's in place."""

    def __init__(self, ctx: Context):
        self.ctx = ctx

    # -- blocks ------------------------------------------------------------------------------

    def container(self, old_c: Element | None, new_c: Element, story: Story) -> None:
        old_blocks = list(blocks(old_c)) if old_c is not None else []
        new_blocks = list(blocks(new_c))
        a = [self._key(el, "old", story.old_part) for el in old_blocks]
        b = [self._key(el, "new", story.new_part) for el in new_blocks]
        pairs = _with_last_paragraphs(aligned_pairs(a, b), old_blocks, new_blocks)
        new_to_old = {j: i for i, j in pairs}
        paired_old = set(new_to_old.values())
        next_old = [len(a)] * (len(b) + 1)
        for j in range(len(b) - 1, -1, -1):
            next_old[j] = new_to_old.get(j, next_old[j + 1])
        cursor: Element | None = None
        i = 0
        for j in range(len(b) + 1):
            while i < next_old[j]:
                if i not in paired_old:
                    cursor = self._deleted(old_blocks[i], new_c, cursor, story)
                i += 1
            if j == len(b):
                break
            el = new_blocks[j]
            if j in new_to_old:
                oi = new_to_old[j]
                self._paired(old_blocks[oi], el, story)
                i = max(i, oi + 1)
            elif el.tag == W.p:
                mark_paragraph(el, self.ctx.marks, INS)
            else:
                mark_table_rows(el, self.ctx.marks, INS)
            cursor = el

    def _key(self, el: Element, side: str, part: str) -> str:
        if el.tag == W.tbl:
            cells = [[self.ctx.chars(self.ctx.items(p, side, part)) for p in tc.iter(W.p)] for tc in el.iter(W.tc)]
            return _TABLE + repr(_shape(el)) + repr(cells)
        return self.ctx.chars(self.ctx.items(el, side, part))

    def _paired(self, old: Element, new: Element, story: Story) -> None:
        if old.tag == W.p:
            self.paragraph(old, new, story)
            return
        if _shape(old) == _shape(new):
            for old_tc, new_tc in zip(old.iter(W.tc), new.iter(W.tc)):
                if _ancestor_tbl(old_tc) is old and _ancestor_tbl(new_tc) is new:
                    self.container(old_tc, new_tc, story)
            return
        twin = self.ctx.carrier.copy(old, story.old_part, story.new_part)
        mark_table_rows(twin, self.ctx.marks, DEL)
        new.addprevious(twin)
        mark_table_rows(new, self.ctx.marks, INS)

    def _deleted(self, old: Element, new_c: Element, cursor: Element | None, story: Story) -> Element:
        twin = self.ctx.carrier.copy(old, story.old_part, story.new_part)
        if twin.tag == W.p:
            mark_paragraph(twin, self.ctx.marks, DEL)
        else:
            mark_table_rows(twin, self.ctx.marks, DEL)
        if cursor is not None:
            cursor.addnext(twin)
        else:
            first = next(blocks(new_c), None)
            if first is not None:
                first.addprevious(twin)
            else:
                new_c.append(twin)
        return twin

    # -- paragraphs --------------------------------------------------------------------------

    def paragraph(self, old: Element, new: Element, story: Story, *, force: bool = False) -> None:
        """Phrase-level revisions and a paragraph-properties change, where they differ."""
        old_ppr = self.ctx.carrier.numbering.mapped_ppr(old.find(W.pPr))
        rebuild_paragraph(self.ctx, new, old, story, force=force or _formats_differ(old, new))
        ppr_change(self.ctx, new, old_ppr)

    # -- objects kept on both sides ----------------------------------------------------------

    def text_box(self, old: Item, new: Item, story: Story) -> None:
        """A kept text box: its content compared as a story; the fallback copy follows."""
        old_boxes = primary_text_boxes(old.nodes[0])
        new_boxes = primary_text_boxes(new.nodes[0])
        for ob, nb in zip(old_boxes, new_boxes):
            self.container(ob, nb, story)
        fallback = fallback_text_boxes(new.nodes[0])
        for nb, fb in zip(new_boxes, fallback):
            for c in list(fb):
                fb.remove(c)
            for c in nb:
                twin = clone(c)
                self.ctx.marks.renumber(twin)
                fb.append(twin)


def ppr_change(ctx: Context, p: Element, old_ppr: Element | None) -> None:
    """A w:pPrChange holding OLD's paragraph properties when they differ from NEW's."""
    new_ppr = p.find(W.pPr)
    if _same_bytes(new_ppr, old_ppr) or canonical(new_ppr, PPR_CHANGE_SKIP) == canonical(old_ppr, PPR_CHANGE_SKIP):
        return
    add_ppr_change(ctx.marks, p, old_ppr)


def _with_last_paragraphs(pairs: list[tuple[int, int]], old_blocks: list[Element], new_blocks: list[Element]) -> list[tuple[int, int]]:
    """Pair the two last paragraphs when neither found a partner.

    A story's (header, footer, note, cell) last paragraph mark can be neither inserted nor
    deleted: Word and LibreOffice keep it whatever is accepted or rejected. So a replaced last
    paragraph is diffed word by word inside the one paragraph, never shown as an old paragraph
    deleted before a new one inserted, whose inserted mark no reject could take away.
    """
    if not old_blocks or not new_blocks or old_blocks[-1].tag != W.p or new_blocks[-1].tag != W.p:
        return pairs
    last_old, last_new = len(old_blocks) - 1, len(new_blocks) - 1
    if any(i == last_old or j == last_new for i, j in pairs):
        return pairs
    return [*pairs, (last_old, last_new)]


def _same_bytes(a: Element | None, b: Element | None) -> bool:
    """The cheap test first: properties serialised identically are the same properties."""
    if a is None or b is None:
        return a is b
    return markup(a) == markup(b)


def _formats_differ(old: Element, new: Element) -> bool:
    from docgen.transforms.compare import collapsed_formats, raw_segments

    return collapsed_formats(raw_segments(old)) != collapsed_formats(raw_segments(new))


def _shape(tbl: Element) -> list[int]:
    return [len(row_cells(tr)) for tr in table_rows(tbl)]


def _ancestor_tbl(tc: Element) -> Element | None:
    cur = tc.getparent()
    while cur is not None and cur.tag != W.tbl:
        cur = cur.getparent()
    return cur


# ----- headers and footers ---------------------------------------------------------------------

def main_rels(parts: dict[str, bytes], main: str, ctx: Context) -> dict[str, str]:
    return {r.id: r.part for r in Relationships.of(parts, main, ctx.limits).all() if r.part is not None}


def headers_footers(diff: StoryDiff, old_sections: list[dict], new_sections: list[dict], out_parts: dict[str, bytes]) -> None:
    """Each NEW header and footer compared with OLD's of the same section and type."""
    ctx = diff.ctx
    done: set[str] = set()
    for k, refs in enumerate(new_sections):
        old_refs = old_sections[k] if k < len(old_sections) else (old_sections[-1] if old_sections else {})
        for key, new_part in sorted(refs.items()):
            if new_part in done or new_part not in out_parts:
                continue
            done.add(new_part)
            old_part = old_refs.get(key)
            if old_part is not None and old_part in ctx.old_parts and ctx.old_parts[old_part] == ctx.new_parts.get(new_part) and not _has_rels(ctx, old_part, new_part):
                continue  # the same bytes and no relationships: nothing to compare
            new_root = tree_to_edit(out_parts, new_part, ctx.limits)
            old_root = tree_to_edit(ctx.old_parts, old_part, ctx.limits) if old_part in ctx.old_parts else None
            diff.container(old_root, new_root, Story(old_part or new_part, new_part))
            out_parts[new_part] = serialise(new_root)


def _has_rels(ctx: Context, old_part: str, new_part: str) -> bool:
    from docgen.ooxml.parts import rels_name

    return rels_name(old_part) in ctx.old_parts or rels_name(new_part) in ctx.new_parts


# ----- footnotes and endnotes ------------------------------------------------------------------


class Notes:
    """Footnotes and endnotes: kept references pair OLD's note with NEW's, whose texts are
    then compared; a deleted reference brings OLD's note along (its content deleted); an
    inserted reference's note has its content marked inserted."""

    def __init__(self, diff: StoryDiff, old_main: str, new_main: str, out_parts: dict[str, bytes]):
        self.new_main = new_main
        self.diff = diff
        self.ctx = diff.ctx
        self.out_parts = out_parts
        self.parts = {
            kind: (related_part(self.ctx.old_parts, old_main, kind + "s"), related_part(self.ctx.new_parts, new_main, kind + "s"))
            for kind in KINDS
        }
        self.roots: dict[tuple[str, str], Element | None] = {}
        self.kept: list[tuple[str, str, str]] = []  # (kind, old id, new id)

    def root(self, kind: str, side: str) -> Element | None:
        key = (kind, side)
        if key not in self.roots:
            old_name, new_name = self.parts[kind]
            name = old_name if side == "old" else new_name
            source = self.ctx.old_parts if side == "old" else self.out_parts
            self.roots[key] = tree_to_edit(source, name, self.ctx.limits) if name and name in source else None
            if side == "new" and self.roots[key] is None and old_name is not None:
                self.roots[key] = self._new_notes_part(kind, old_name)
        return self.roots[key]

    def _new_notes_part(self, kind: str, old_name: str) -> Element | None:
        """NEW has no notes of this kind but OLD's deleted ones must travel: a notes part
        made from OLD's, keeping only its separators."""
        old_root = self.root(kind, "old")
        if old_root is None:
            return None
        root = separators_only(old_root)
        name = notes_part_name(self.new_main, kind, self.out_parts)
        self.ctx.carrier.importer.add_part(self.new_main, notes_rel_type(kind), name, serialise(root), notes_content_type(kind))
        self.parts[kind] = (old_name, name)
        return root

    def note(self, kind: str, side: str, note_id: str) -> Element | None:
        root = self.root(kind, side)
        if root is None:
            return None
        return find_note(root, kind, note_id)

    def carry(self, kind: str, old_id: str) -> str | None:
        """Copy OLD's note into NEW's notes part with its content deleted; its new id."""
        old_note = self.note(kind, "old", old_id)
        new_root = self.root(kind, "new")
        old_name, new_name = self.parts[kind]
        if old_note is None or new_root is None or old_name is None or new_name is None:
            return None
        twin = self.ctx.carrier.copy(old_note, old_name, new_name)
        new_id = next_note_id(new_root, kind)
        twin.set(W.id, new_id)
        mark_story_deleted(twin, self.ctx.marks)  # its last paragraph mark stays, as in any story
        new_root.append(twin)
        return new_id

    def kept_reference(self, old: Item, new: Item) -> None:
        self.kept.append((new.kind, old.nodes[0].get(W.id) or "", new.nodes[0].get(W.id) or ""))

    def finish(self, main: Element) -> None:
        """Compare kept notes, mark inserted ones, and put the notes parts back, numbered in
        the order their references stand in `main`."""
        for kind, old_id, new_id in self.kept:
            old_note, new_note = self.note(kind, "old", old_id), self.note(kind, "new", new_id)
            if old_note is not None and new_note is not None:
                _, new_name = self.parts[kind]
                old_name, _ = self.parts[kind]
                self.diff.container(old_note, new_note, Story(old_name or "", new_name or ""))
        for ref in main.iter(FOOTNOTE_REF, ENDNOTE_REF):
            if any(True for _ in ref.iterancestors(INS)):
                kind = "footnote" if ref.tag == FOOTNOTE_REF else "endnote"
                note = self.note(kind, "new", ref.get(W.id) or "")
                if note is not None:
                    for p in note.iter(W.p):
                        if not mark_inserted(p):
                            mark_paragraph(p, self.ctx.marks, INS)
        for kind, (_, new_name) in self.parts.items():
            root = self.roots.get((kind, "new"))
            if root is not None and new_name is not None:
                in_reference_order(main, root, kind)  # LibreOffice pairs notes with references in the part's order
                self.out_parts[new_name] = serialise(root)

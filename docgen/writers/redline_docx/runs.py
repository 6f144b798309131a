"""Phrase-level revisions inside one paragraph, written on NEW's runs.

The paragraph's items (characters, and atomic objects as single tokens) are word-diffed
against OLD's; NEW's runs are split where the diff says, inserted stretches wrapped in
`w:ins`, OLD's deleted stretches written back as `w:del` runs with OLD's own formatting,
and text whose formatting changed given a `w:rPrChange`. Kept objects are moved, never
copied, so a kept text box or note reference stays the very element the caller pairs up.
"""

from __future__ import annotations


from lxml import etree

from docgen.ooxml.content import FLD_SIMPLE, RUN_CONTAINERS, Item, vanished
from docgen.ooxml.ns import W
from docgen.transforms.compare import rpr_signature, word_diff
from docgen.writers.redline_docx.context import Context, Story
from docgen.writers.redline_docx.marks import DEL, DEL_TEXT, INS, RPR_CHANGE, XML_SPACE, clean_rpr, mark_deleted_text, property_change, wrap_runs

_RPR_CHANGE_SKIP = (RPR_CHANGE, INS, DEL)


def rebuild_paragraph(ctx: Context, p: etree._Element, old_p: etree._Element, story: Story, *, force: bool = False) -> bool:
    """Revisions for the differences between OLD's paragraph and NEW's `p` (edited in place).

    Returns whether the paragraph's content differed. Without differences the runs are left
    untouched (unless `force`, for formatting-only changes), but kept objects are still
    reported to `ctx.on_kept` so text boxes and notes are compared inside.
    """
    new_items = ctx.items(p, "new", story.new_part)
    old_items = ctx.items(old_p, "old", story.old_part)
    a, b = ctx.chars(old_items), ctx.chars(new_items)
    keep: list[Item | None] = [None] * len(new_items)
    deletions: dict[int, list[Item]] = {}
    if a == b:
        keep = list(old_items)
    else:
        x = y = 0
        for op, text in word_diff(a, b):
            n = len(text)
            if op == 0:
                keep[y : y + n] = old_items[x : x + n]
                x += n
                y += n
            elif op == -1:
                deletions.setdefault(y, []).extend(old_items[x : x + n])
                x += n
            else:
                y += n
    if a != b or force:
        _Rebuilder(ctx, story, new_items, keep, deletions).run(p)
    if ctx.on_kept is not None:
        for new_it, old_it in zip(new_items, keep):
            if old_it is not None and new_it.atomic:
                ctx.on_kept(old_it, new_it, story)
    return a != b


class _Rebuilder:
    """Splits NEW's runs where the diff says, wrapping inserted items and adding deleted ones."""

    def __init__(self, ctx: Context, story: Story, items: list[Item], keep: list[Item | None], deletions: dict[int, list[Item]]):
        self.ctx = ctx
        self.story = story
        self.items = items
        self.keep = keep
        self.deletions = deletions
        self.atomic_at: dict[etree._Element, int] = {}
        for k, it in enumerate(items):
            if it.atomic:
                for node in it.nodes:
                    self.atomic_at[node] = k
        self.pos = 0  # next new item
        self.last: etree._Element | None = None  # last element written, for trailing deletions
        self.decided: dict[int, tuple] = {}  # key of each atomic item, for its later nodes
        self.old_sigs: dict[etree._Element, str] = {}  # formatting signature of each OLD run
        # State of the run being split.
        self.rpr: etree._Element | None = None
        self.sig = ""
        self.out: list[etree._Element] = []
        self.group: list[etree._Element] = []
        self.key: tuple | None = None

    def run(self, p: etree._Element) -> None:
        self._container(p)
        tail = self.deletions.pop(len(self.items), None)
        if tail:
            anchor = self.last
            for el in self._deleted(tail):
                if anchor is None:
                    ppr = p.find(W.pPr)
                    p.insert(1 if ppr is not None else 0, el)
                else:
                    anchor.addnext(el)
                anchor = el

    def _container(self, container: etree._Element) -> None:
        for child in list(container):
            tag = child.tag
            if tag == W.r:
                if vanished(child.find(W.rPr)):
                    self.last = child
                else:
                    self._split(child)
            elif child in self.atomic_at:  # an equation, simple field or check box in the paragraph
                self._paragraph_level(child, self.atomic_at[child])
            elif tag in RUN_CONTAINERS or tag == FLD_SIMPLE:
                self._container(child)

    def _paragraph_level(self, el: etree._Element, k: int) -> None:
        """An equation, simple field or check box standing in the paragraph: one unit."""
        for d in self._deleted(self.deletions.pop(k, [])):
            el.addprevious(d)
        if self.keep[k] is None:
            if el.tag == FLD_SIMPLE:
                wrap_runs(el, lambda: self.ctx.marks.make(INS))
            else:
                wrap = self.ctx.marks.make(INS)
                el.addprevious(wrap)
                wrap.append(el)
                el = wrap
        self.pos = k + 1
        self.last = el

    def _split(self, r: etree._Element) -> None:
        self.rpr = r.find(W.rPr)
        self.sig = rpr_signature(self.rpr)
        self.out, self.group, self.key = [], [], None
        for c in list(r):
            if not isinstance(c.tag, str) or c.tag == W.rPr:
                continue
            k = self.atomic_at.get(c)
            if k is not None:
                if k >= self.pos:  # the item's first node
                    self._at(k)
                    self.decided[k] = self._key(k)
                    self.pos = k + 1
                self._to_group(self.decided.get(k, ("keep",)))
                self.group.append(c)
            elif c.tag == W.t:
                for ch in c.text or "":
                    self._at(self.pos)
                    self._to_group(self._key(self.pos))
                    if not self.group or self.group[-1].tag != W.t or self.group[-1].get("_docgen_new") is None:
                        t = etree.Element(W.t)
                        t.set("_docgen_new", "1")
                        t.text = ""
                        self.group.append(t)
                    self.group[-1].text += ch
                    self.pos += 1
            elif self.pos < len(self.items) and c in self.items[self.pos].nodes:
                self._at(self.pos)
                self._to_group(self._key(self.pos))
                self.group.append(c)
                self.pos += 1
            else:
                # Not content (a page-break hint, a comment reference): stays where it was.
                if self.key is None:
                    self.key = ("keep",)
                self.group.append(c)
        self._flush()
        parent = r.getparent()
        idx = parent.index(r)
        parent.remove(r)
        for el in self.out:
            parent.insert(idx, el)
            idx += 1
        if self.out:
            self.last = self.out[-1]

    def _at(self, k: int) -> None:
        """Deleted OLD items that stood before new item `k` go here."""
        if k in self.deletions:
            self._flush()
            self.out.extend(self._deleted(self.deletions.pop(k)))

    def _to_group(self, key: tuple) -> None:
        if key != self.key:
            self._flush()
            self.key = key

    def _key(self, k: int) -> tuple:
        kept = self.keep[k] if k < len(self.keep) else None
        if kept is None:
            return ("ins",)
        old_run = kept.run
        if old_run is None:
            return ("keep",)
        sig = self.old_sigs.get(old_run)
        if sig is None:
            sig = self.old_sigs[old_run] = rpr_signature(old_run.find(W.rPr))
        if sig == self.sig:
            return ("keep",)
        return ("fmt", old_run)

    def _flush(self) -> None:
        if not self.group:
            self.key = None
            return
        r = etree.Element(W.r)
        if self.rpr is not None:
            r.append(clean_rpr(self.rpr))
        for c in self.group:
            if c.tag == W.t and c.get("_docgen_new") is not None:
                del c.attrib["_docgen_new"]
                if c.text and (c.text != c.text.strip() or "  " in c.text):
                    c.set(XML_SPACE, "preserve")
            r.append(c)
        key = self.key or ("keep",)
        if key[0] == "fmt":
            run_rpr = r.find(W.rPr)
            if run_rpr is None:
                run_rpr = etree.Element(W.rPr)
                r.insert(0, run_rpr)
            run_rpr.append(rpr_change(self.ctx, key[1].find(W.rPr)))
        if key[0] == "ins":
            wrap = self.ctx.marks.make(INS)
            wrap.append(r)
            r = wrap
        self.out.append(r)
        self.group, self.key = [], None

    def _deleted(self, items: list[Item]) -> list[etree._Element]:
        """Deleted OLD items in one w:del, one run per OLD run so each piece keeps its own
        formatting; equations and simple fields standing in the paragraph go whole."""
        out: list[etree._Element] = []
        wrap: etree._Element | None = None
        current_run: etree._Element | None = None
        r: etree._Element | None = None
        carrier, story, marks = self.ctx.carrier, self.story, self.ctx.marks
        for it in items:
            if it.run is None:  # paragraph-level: an equation or a simple field
                twin = carrier.copy(it.nodes[0], story.old_part, story.new_part)
                mark_deleted_text(twin)
                if twin.tag == FLD_SIMPLE:
                    wrap_runs(twin, lambda: marks.make(DEL), deleted=True)
                    out.append(twin)
                else:
                    box = marks.make(DEL)
                    box.append(twin)
                    out.append(box)
                wrap = r = current_run = None
                continue
            for node, run in zip(it.nodes, it.runs):
                if wrap is None:
                    wrap = marks.make(DEL)
                    out.append(wrap)
                if r is None or run is not current_run:
                    r = etree.SubElement(wrap, W.r)
                    old_rpr = run.find(W.rPr) if run is not None else None
                    if old_rpr is not None:
                        r.append(clean_rpr(old_rpr))
                    current_run = run
                if it.atomic or node.tag != W.t:
                    twin = carrier.copy(node, story.old_part, story.new_part)
                    mark_deleted_text(twin)
                    r.append(twin)
                    continue
                last = r[-1] if len(r) else None
                if last is None or last.tag != DEL_TEXT:
                    last = etree.SubElement(r, DEL_TEXT)
                    last.set(XML_SPACE, "preserve")
                    last.text = ""
                last.text += it.char
        return out


def rpr_change(ctx: Context, old_rpr: etree._Element | None) -> etree._Element:
    return property_change(ctx.marks, RPR_CHANGE, W.rPr, old_rpr, _RPR_CHANGE_SKIP)

"""Rewriting one paragraph's runs as phrase-level revisions, from its compared content items.

The caller compares the paragraph's items (`docgen.ooxml.content`) with OLD's and says, for
each NEW item, which OLD item it keeps (or none: inserted), and which OLD items were deleted
before it. This module spells that in runs: NEW's runs are split where the answer changes,
inserted stretches wrapped in `w:ins`, OLD's deleted stretches written back as `w:del` runs
with OLD's own formatting (`w:delText`), and text whose formatting changed given a
`w:rPrChange`. Kept objects are moved, never copied, so a kept text box or note reference
stays the very element the caller pairs up.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from docgen.ooxml.content import FLD_SIMPLE, RUN_CONTAINERS, Item
from docgen.ooxml.element import Element
from docgen.ooxml.formatting import rpr_signature
from docgen.ooxml.ns import W
from docgen.ooxml.tracked.marks import DEL, DEL_TEXT, INS, XML_SPACE, Marks, clean_rpr, rpr_change
from docgen.ooxml.tracked.wrap import mark_deleted_text, wrap_in, wrap_runs

# Marks a w:t made here (not one of NEW's) while its text is collected; gone before output.
_NEW_T = "_docgen_new"


def rewrite_runs(
    p: Element,
    items: list[Item],
    keep: list[Item | None],
    deletions: dict[int, list[Item]],
    *,
    marks: Marks,
    carry: Callable[[Element], Element],
) -> None:
    """Revisions in NEW's paragraph `p` (edited in place).

    `items` are `p`'s items, hidden runs' included (`paragraph_items(..., hidden=True)`:
    every run is split, so every run's content must be an item), `keep[k]` the OLD item NEW item k keeps (None: inserted),
    `deletions[k]` the OLD items deleted before NEW item k (k == len(items): at the end).
    `carry` copies an OLD element so it can live in NEW's package. Kept text whose run
    properties differ from OLD's (by `docgen.ooxml.formatting.rpr_signature`) gets a
    w:rPrChange.
    """
    _Rebuilder(marks, carry, items, keep, deletions).run(p)


class _Rebuilder:
    """Splits NEW's runs where the diff says, wrapping inserted items and adding deleted ones."""

    def __init__(
        self,
        marks: Marks,
        carry: Callable[[Element], Element],
        items: list[Item],
        keep: list[Item | None],
        deletions: dict[int, list[Item]],
    ):
        self.marks = marks
        self.carry = carry
        self.items = items
        self.keep = keep
        self.deletions = deletions
        self.atomic_at: dict[Element, int] = {}
        for k, it in enumerate(items):
            if it.atomic:
                for node in it.nodes:
                    self.atomic_at[node] = k
        self.pos = 0  # next new item
        self.last: Element | None = None  # last element written, for trailing deletions
        self.decided: dict[int, tuple] = {}  # key of each atomic item, for its later nodes
        self.old_sigs: dict[Element, str] = {}  # formatting signature of each OLD run
        # State of the run being split.
        self.rpr: Element | None = None
        self.sig = ""
        self.out: list[Element] = []
        self.group: list[Element] = []
        self.key: tuple | None = None

    def run(self, p: Element) -> None:
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

    def _container(self, container: Element) -> None:
        for child in list(container):
            tag = child.tag
            if tag == W.r:
                self._split(child)
            elif child in self.atomic_at:  # an equation, simple field or check box in the paragraph
                self._paragraph_level(child, self.atomic_at[child])
            elif tag in RUN_CONTAINERS or tag == FLD_SIMPLE:
                self._container(child)

    def _paragraph_level(self, el: Element, k: int) -> None:
        """An equation, simple field or check box standing in the paragraph: one unit."""
        for d in self._deleted(self.deletions.pop(k, [])):
            el.addprevious(d)
        if self.keep[k] is None:
            if el.tag == FLD_SIMPLE:
                # Spelled as a complex field whose runs are inserted (see wrap_runs).
                parent = el.getparent()
                box = etree.Element(W.p)
                el.addprevious(box)
                box.append(el)
                wrap_runs(box, lambda: self.marks.make(INS))
                for node in list(box):
                    box.addprevious(node)
                el = box.getprevious()
                parent.remove(box)
            else:
                el = wrap_in(el, self.marks.make(INS))
        self.pos = k + 1
        self.last = el

    def _split(self, r: Element) -> None:
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
                self._to_group(self._node_key(k, c))
                self.group.append(c)
            elif c.tag == W.t:
                self._text(c.text or "")
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

    def _text(self, text: str) -> None:
        """A w:t's characters, in stretches that share a key and have no deletion inside:
        each stretch joins the group's last new w:t (or starts one) in one step."""
        i, n = 0, len(text)
        deletions, keep = self.deletions, self.keep
        while i < n:
            self._at(self.pos)
            key = self._key(self.pos)
            self._to_group(key)
            start = self.pos - i
            before = keep[self.pos] if self.pos < len(keep) else None
            j = i + 1
            while j < n and start + j not in deletions:
                kept = keep[start + j] if start + j < len(keep) else None
                # The key is the kept item's run's: the same as the character before's when
                # both are inserted or both come from one OLD w:t (which shares its run list).
                same = kept is before if kept is None or before is None else kept.runs is before.runs
                if not same and self._key(start + j) != key:
                    break
                before = kept
                j += 1
            group = self.group
            if not group or group[-1].tag != W.t or group[-1].get(_NEW_T) is None:
                t = etree.Element(W.t)
                t.set(_NEW_T, "1")
                t.text = ""
                group.append(t)
            group[-1].text += text[i:j]
            self.pos += j - i
            i = j

    def _at(self, k: int) -> None:
        """Deleted OLD items that stood before new item `k` go here."""
        if k in self.deletions:
            self._flush()
            self.out.extend(self._deleted(self.deletions.pop(k)))

    def _to_group(self, key: tuple) -> None:
        if key != self.key:
            self._flush()
            self.key = key

    def _node_key(self, k: int, node: Element) -> tuple:
        """The key of one node of atomic item `k`: a field spans runs, and each of NEW's runs
        is compared with the OLD run holding the same node of the field (a bold page number
        inside { = { NUMPAGES } - 1 } is a format change of that run alone)."""
        key = self.decided.get(k, ("keep",))
        kept = self.keep[k] if k < len(self.keep) else None
        item = self.items[k]
        if key[0] == "ins" or kept is None or len(kept.nodes) != len(item.nodes) or len(item.nodes) < 2:
            return key
        old_run = kept.runs[item.nodes.index(node)]
        if old_run is None:
            return key
        sig = self.old_sigs.get(old_run)
        if sig is None:
            sig = self.old_sigs[old_run] = rpr_signature(old_run.find(W.rPr))
        return ("keep",) if sig == self.sig else ("fmt", old_run)

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
            if c.tag == W.t and c.get(_NEW_T) is not None:
                del c.attrib[_NEW_T]
                if c.text and (c.text != c.text.strip() or "  " in c.text):
                    c.set(XML_SPACE, "preserve")
            r.append(c)
        key = self.key or ("keep",)
        if key[0] == "fmt":
            run_rpr = r.find(W.rPr)
            if run_rpr is None:
                run_rpr = etree.Element(W.rPr)
                r.insert(0, run_rpr)
            run_rpr.append(rpr_change(self.marks, key[1].find(W.rPr)))
        if key[0] == "ins":
            wrap = self.marks.make(INS)
            wrap.append(r)
            r = wrap
        self.out.append(r)
        self.group, self.key = [], None

    def _deleted(self, items: list[Item]) -> list[Element]:
        """Deleted OLD items in one w:del, one run per OLD run so each piece keeps its own
        formatting; equations and simple fields standing in the paragraph go whole."""
        out: list[Element] = []
        wrap: Element | None = None
        current_run: Element | None = None
        r: Element | None = None
        marks = self.marks
        for it in items:
            if it.run is None:  # paragraph-level: an equation or a simple field
                twin = self.carry(it.nodes[0])
                mark_deleted_text(twin)
                if twin.tag == FLD_SIMPLE:
                    box = etree.Element(W.p)
                    box.append(twin)
                    wrap_runs(box, lambda: marks.make(DEL), deleted=True)
                    out.extend(list(box))
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
                    twin = self.carry(node)
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

"""List numbers as typed text: the old number struck and the new inserted wherever a label changed."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from lxml import etree

from docgen.ooxml.numbering import NumberingDefs, NumberingState, Rendered
from docgen.ooxml.ns import W
from docgen.writers.publication_docx.common import (
    DEL,
    INS,
    MOVE_FROM,
    MOVE_TO,
    PPR_CHANGE,
    PPR_ORDER,
    RANGE_STARTS,
    REVISION_MARKS,
    RPR_ORDER,
    XML_SPACE,
    Marks,
    Para,
    ensure,
    place,
    sort,
)

if TYPE_CHECKING:
    pass


# ----- list numbers as typed text -----------------------------------------------------------------


class LabelWriter:
    """Replaces Word list numbering with typed labels: kept, or struck and inserted where changed."""

    def __init__(self, defs: NumberingDefs, numbering: etree._Element | None, marks: Marks):
        self.defs = defs
        self.numbering = numbering
        self.marks = marks
        self._levels: dict[tuple[str, str, int], etree._Element | None] = {}

    def write(self, paragraphs: list[Para]) -> None:
        new_state, old_state = NumberingState(self.defs), NumberingState(self.defs)
        plans = []
        for para in paragraphs:
            ppr = para.el.find(W.pPr)
            change = ppr.find(PPR_CHANGE) if ppr is not None else None
            old_ppr = change.find(W.pPr) if change is not None else ppr
            new_r = self._next(new_state, ppr, para.el) if para.in_new else None
            old_r = self._next(old_state, old_ppr, para.el) if para.in_old else None
            numbered = self._numbered(ppr) or self._numbered(old_ppr)
            plans.append((para, new_r, old_r, numbered))
        # Counting is done over the untouched XML first, then every paragraph is rewritten.
        for para, new_r, old_r, numbered in plans:
            if numbered or new_r is not None or old_r is not None:
                self._literal(para, new_r, old_r)

    def _numbered(self, ppr: etree._Element | None) -> bool:
        if ppr is None:
            return False
        if ppr.find(W.numPr) is not None:
            return True
        style = ppr.find(W.pStyle)
        state = NumberingState(self.defs)
        num_id, _, _ = state.effective_numpr(None, None, style.get(W.val) if style is not None else self.defs.default_paragraph_style)
        return num_id not in (None, "0")

    def _next(self, state: NumberingState, ppr: etree._Element | None, p: etree._Element) -> Rendered | None:
        num_id = ilvl = None
        style = self.defs.default_paragraph_style
        hidden = False
        if ppr is not None:
            numpr = ppr.find(W.numPr)
            if numpr is not None:
                n, lv = numpr.find(W.numId), numpr.find(W.ilvl)
                num_id = n.get(W.val) if n is not None else None
                ilvl = int(lv.get(W.val)) if lv is not None and (lv.get(W.val) or "").isdigit() else None
            st = ppr.find(W.pStyle)
            if st is not None:
                style = st.get(W.val)
            vanish = p.find(f"{W.pPr}/{W.rPr}/{W.vanish}")
            hidden = vanish is not None and vanish.get(W.val, "true") not in ("0", "false", "off")
        return state.next(num_id, ilvl, style, hidden_mark=hidden)

    def _level(self, rendered: Rendered) -> etree._Element | None:
        """The w:lvl that draws a number: the num's override if it has one, else the abstractNum's."""
        key = (rendered.num_id, rendered.abstract_id, rendered.ilvl)
        if key in self._levels:
            return self._levels[key]
        found = None
        if self.numbering is not None:
            for num in self.numbering.findall(W.num):
                if num.get(W.numId) != rendered.num_id:
                    continue
                for override in num.findall(W.lvlOverride):
                    if override.get(W.ilvl) == str(rendered.ilvl) and override.find(W.lvl) is not None:
                        found = override.find(W.lvl)
            if found is None:
                for abstract in self.numbering.findall(W.abstractNum):
                    if abstract.get(W.abstractNumId) == rendered.abstract_id:
                        for lvl in abstract.findall(W.lvl):
                            if lvl.get(W.ilvl) == str(rendered.ilvl):
                                found = lvl
        self._levels[key] = found
        return found

    def _literal(self, para: Para, new_r: Rendered | None, old_r: Rendered | None) -> None:
        p = para.el
        ppr = ensure(p, W.pPr, PPR_ORDER, first=True)
        shown = new_r if para.in_new else old_r
        level = self._level(shown) if shown is not None else None
        _take_level_layout(ppr, level)
        # The number is typed now: Word's list must not draw it a second time.
        numpr = ppr.find(W.numPr)
        if numpr is not None:
            ppr.remove(numpr)
        if self._numbered(ppr):  # numbered through its style
            off = ensure(ppr, W.numPr, PPR_ORDER)
            etree.SubElement(off, W.numId).set(W.val, "0")
        change = ppr.find(PPR_CHANGE)
        old_ppr = change.find(W.pPr) if change is not None else None
        if old_ppr is not None and old_ppr.find(W.numPr) is not None:
            old_ppr.remove(old_ppr.find(W.numPr))
            # The old properties keep the old level's indents, so the copy rejects to OLD's layout.
            _take_level_layout(old_ppr, self._level(old_r) if old_r is not None else None)
        new_label = _label(new_r)
        old_label = _label(old_r)
        rpr = _label_rpr(ppr.find(W.rPr), level)
        suffix = (shown.suff if shown is not None else "tab")
        runs: list[etree._Element] = []
        if para.in_new and para.in_old and new_label == old_label:
            if new_label:
                runs = [_run(new_label, rpr), *_suffix(suffix, rpr)]
        elif para.in_new and para.in_old:
            if old_label:
                runs.append(self._wrap(DEL, [_run(old_label, rpr, deleted=True)]))
            if new_label:
                runs.append(self._wrap(INS, [_run(new_label, rpr)]))
            runs.extend(_suffix(suffix, rpr))
        elif para.in_new and new_label:
            # A moved paragraph's number moves with it, and is drawn as moved text.
            tag = MOVE_TO if _mark_has(p, MOVE_TO) else INS
            runs = [self._wrap(tag, [_run(new_label, rpr), *_suffix(suffix, rpr)])]
        elif para.in_old and old_label:
            tag = MOVE_FROM if _mark_has(p, MOVE_FROM) else DEL
            runs = [self._wrap(tag, [_run(old_label, rpr, deleted=True), *_suffix(suffix, rpr)])]
        at = list(p).index(ppr) + 1
        while at < len(p) and p[at].tag in RANGE_STARTS:  # the number belongs inside a move range
            at += 1
        for offset, run in enumerate(runs):
            p.insert(at + offset, run)

    def _wrap(self, tag: str, runs: list[etree._Element]) -> etree._Element:
        mark = self.marks.make(tag)
        for r in runs:
            if tag == DEL:  # moved-away text keeps w:t; only deleted text is w:delText
                for t in r.iter(W.t):
                    t.tag = W.delText
            mark.append(r)
        return mark


def _mark_has(p: etree._Element, tag: str) -> bool:
    return p.find(f"{W.pPr}/{W.rPr}/{tag}") is not None


def _label(rendered: Rendered | None) -> str:
    if rendered is None or rendered.hidden:
        return ""
    return rendered.label


def _take_level_layout(ppr: etree._Element, level: etree._Element | None) -> None:
    """The level's indents and tab stops onto the paragraph, where its own settings do not win.

    Word lets a paragraph's direct indents override its list level's attribute by
    attribute, so the level's attributes are merged under the paragraph's own.
    """
    lvl_ppr = level.find(W.pPr) if level is not None else None
    if lvl_ppr is None:
        return
    lvl_ind = lvl_ppr.find(W.ind)
    if lvl_ind is not None:
        ind = ppr.find(W.ind)
        if ind is None:
            place(ppr, copy.deepcopy(lvl_ind), PPR_ORDER)
        else:
            for key, value in lvl_ind.attrib.items():
                if key not in ind.attrib:
                    ind.set(key, value)
    lvl_tabs = lvl_ppr.find(W.tabs)
    if lvl_tabs is not None:
        tabs = ppr.find(W.tabs)
        if tabs is None:
            place(ppr, copy.deepcopy(lvl_tabs), PPR_ORDER)
        else:
            have = {t.get(W.pos) for t in tabs}
            for t in lvl_tabs:
                if t.get(W.pos) not in have:
                    tabs.append(copy.deepcopy(t))


def _label_rpr(mark: etree._Element | None, level: etree._Element | None) -> etree._Element:
    """A number is drawn in its paragraph mark's formatting overlaid with its level's."""
    rpr = etree.Element(W.rPr)
    if mark is not None:
        for child in mark:
            if child.tag not in REVISION_MARKS:
                rpr.append(copy.deepcopy(child))
    lvl_rpr = level.find(W.rPr) if level is not None else None
    if lvl_rpr is not None:
        for child in lvl_rpr:
            old = rpr.find(child.tag)
            if old is not None:
                rpr.remove(old)
            rpr.append(copy.deepcopy(child))
    sort(rpr, RPR_ORDER)
    return rpr


def _run(text: str, rpr: etree._Element, *, deleted: bool = False) -> etree._Element:
    r = etree.Element(W.r)
    if len(rpr):
        r.append(copy.deepcopy(rpr))
    t = etree.SubElement(r, W.delText if deleted else W.t)
    t.text = text
    t.set(XML_SPACE, "preserve")
    return r


def _suffix(suff: str, rpr: etree._Element) -> list[etree._Element]:
    if suff == "nothing":
        return []
    if suff == "space":
        return [_run(" ", rpr)]
    r = etree.Element(W.r)
    if len(rpr):
        r.append(copy.deepcopy(rpr))
    etree.SubElement(r, W.tab)
    return [r]

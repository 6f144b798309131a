"""List numbers of a redlined body, counted in both versions and typed into the paragraphs.

A number only Word's list engine draws cannot carry a revision. To print a changed number
as one, the publication copy types each paragraph's label as text: this module counts the
labels (`docgen.ooxml.lists.numbering`, once over the accepted paragraphs and once over the
rejected ones), takes the list off the paragraph while keeping the layout the list level
gave it (indents, tab stops, the number's own formatting), and builds the label's runs.
Which label is struck and which inserted is the writer's business.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.ooxml.markup.build import run, text_run
from docgen.ooxml.element import Element, clone, make, sub
from docgen.ooxml.ns import DEL, INS, MOVE_FROM, MOVE_TO, RPR_CHANGE, W, qn
from docgen.ooxml.lists.numbering import NumberingDefs, NumberingState, Rendered, mark_is_hidden, properties_numpr
from docgen.ooxml.redline_package import Para
from docgen.ooxml.markup.schema_order import PPR_ORDER, RPR_ORDER, ensure, place, sort_children
from docgen.ooxml.tracked.marks import PPR_CHANGE

# Revision marks a paragraph mark may carry; a label drawn in the mark's formatting drops them.
_REVISION_MARKS = frozenset({INS, DEL, MOVE_FROM, MOVE_TO, RPR_CHANGE})
# Move ranges open right after the paragraph properties; the label belongs inside them.
_RANGE_STARTS = frozenset({qn("w:moveFromRangeStart"), qn("w:moveToRangeStart")})


@dataclass
class Counted:
    """A paragraph's label in each version (None where it is absent or unnumbered)."""

    para: Para
    new: Rendered | None
    old: Rendered | None
    numbered: bool  # numbered in either version, directly or through its style


@dataclass
class LabelFormat:
    """How a typed label is drawn: its run properties and what follows it (tab, space, nothing)."""

    rpr: Element
    suffix: str


def label_text(rendered: Rendered | None) -> str:
    """The label as printed; a hidden number prints nothing."""
    if rendered is None or rendered.hidden:
        return ""
    return rendered.label


class ListLabels:
    """The numbering of one document: counts labels and unlists paragraphs."""

    def __init__(self, numbering: Element | None, styles: Element | None):
        self.defs = NumberingDefs.from_xml(numbering, styles)
        self.numbering = numbering
        self._levels: dict[tuple[str, str, int], Element | None] = {}

    def count(self, paragraphs: list[Para]) -> list[Counted]:
        """Every paragraph's label in NEW and in OLD, counted over the untouched XML."""
        new_state, old_state = NumberingState(self.defs), NumberingState(self.defs)
        out = []
        for para in paragraphs:
            ppr = para.el.find(W.pPr)
            change = ppr.find(PPR_CHANGE) if ppr is not None else None
            old_ppr = change.find(W.pPr) if change is not None else ppr
            new_r = self._next(new_state, ppr, para.el) if para.in_new else None
            old_r = self._next(old_state, old_ppr, para.el) if para.in_old else None
            out.append(Counted(para, new_r, old_r, self._numbered(ppr) or self._numbered(old_ppr)))
        return out

    def unlist(self, counted: Counted) -> LabelFormat:
        """Take the paragraph off its list, keeping the layout its level gave it, in both
        versions; the format its typed label is drawn in."""
        para = counted.para
        ppr = ensure(para.el, W.pPr, PPR_ORDER, first=True)
        shown = counted.new if para.in_new else counted.old
        level = self._level(shown) if shown is not None else None
        _take_level_layout(ppr, level)
        # The number is typed now: Word's list must not draw it a second time.
        numpr = ppr.find(W.numPr)
        if numpr is not None:
            ppr.remove(numpr)
        if self._numbered(ppr):  # numbered through its style
            off = ensure(ppr, W.numPr, PPR_ORDER)
            sub(off, W.numId, {W.val: "0"})
        change = ppr.find(PPR_CHANGE)
        old_ppr = change.find(W.pPr) if change is not None else None
        if old_ppr is not None and old_ppr.find(W.numPr) is not None:
            old_ppr.remove(old_ppr.find(W.numPr))
            # The old properties keep the old level's indents, so the copy rejects to OLD's layout.
            _take_level_layout(old_ppr, self._level(counted.old) if counted.old is not None else None)
        rpr = _label_rpr(ppr.find(W.rPr), level)
        return LabelFormat(rpr, shown.suff if shown is not None else "tab")

    def _numbered(self, ppr: Element | None) -> bool:
        if ppr is None:
            return False
        if ppr.find(W.numPr) is not None:
            return True
        style = ppr.find(W.pStyle)
        state = NumberingState(self.defs)
        num_id, _, _ = state.effective_numpr(None, None, style.get(W.val) if style is not None else self.defs.default_paragraph_style)
        return num_id not in (None, "0")

    def _next(self, state: NumberingState, ppr: Element | None, p: Element) -> Rendered | None:
        num_id, ilvl, style = properties_numpr(ppr)
        hidden = ppr is not None and mark_is_hidden(p)
        return state.next(num_id, ilvl, style or self.defs.default_paragraph_style, hidden_mark=hidden)

    def _level(self, rendered: Rendered) -> Element | None:
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


def label_runs(text: str, fmt: LabelFormat, *, deleted: bool = False, with_suffix: bool = True) -> list[Element]:
    """A typed label's runs: the label (as deleted text when `deleted`), then its suffix."""
    runs = [text_run(text, fmt.rpr, deleted=deleted)]
    return [*runs, *suffix_runs(fmt)] if with_suffix else runs


def suffix_runs(fmt: LabelFormat) -> list[Element]:
    """What Word draws between a number and the text: a tab, a space, or nothing."""
    if fmt.suffix == "nothing":
        return []
    if fmt.suffix == "space":
        return [text_run(" ", fmt.rpr)]
    return [run(make(W.tab), rpr=fmt.rpr)]


def insert_label(p: Element, runs: list[Element]) -> None:
    """Put a label's runs (or the revisions holding them) first in the paragraph's content."""
    at = list(p).index(p.find(W.pPr)) + 1
    while at < len(p) and p[at].tag in _RANGE_STARTS:  # the number belongs inside a move range
        at += 1
    for offset, r in enumerate(runs):
        p.insert(at + offset, r)


def _take_level_layout(ppr: Element, level: Element | None) -> None:
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
            place(ppr, clone(lvl_ind), PPR_ORDER)
        else:
            for key, value in lvl_ind.attrib.items():
                if key not in ind.attrib:
                    ind.set(key, value)
    lvl_tabs = lvl_ppr.find(W.tabs)
    if lvl_tabs is not None:
        tabs = ppr.find(W.tabs)
        if tabs is None:
            place(ppr, clone(lvl_tabs), PPR_ORDER)
        else:
            have = {t.get(W.pos) for t in tabs}
            for t in lvl_tabs:
                if t.get(W.pos) not in have:
                    tabs.append(clone(t))


def _label_rpr(mark: Element | None, level: Element | None) -> Element:
    """A number is drawn in its paragraph mark's formatting overlaid with its level's."""
    rpr = make(W.rPr)
    if mark is not None:
        for child in mark:
            if child.tag not in _REVISION_MARKS:
                rpr.append(clone(child))
    lvl_rpr = level.find(W.rPr) if level is not None else None
    if lvl_rpr is not None:
        for child in lvl_rpr:
            old = rpr.find(child.tag)
            if old is not None:
                rpr.remove(old)
            rpr.append(clone(child))
    sort_children(rpr, RPR_ORDER)
    return rpr

"""Rendering Word list numbers as Word displays them (ECMA-376 Part 1, section 17.9).

A clause number is usually not in a .docx's text: Word computes it from the paragraph's
numPr (possibly inherited from its style), the num instance, the abstractNum it points to
(possibly through a numbering style link) and a running counter per abstractNum and level.
python-docx exposes none of this, so the rules live here, separated from XML reading:
`NumberingDefs` is read once from numbering.xml and styles.xml; `NumberingState` walks
paragraphs in document order and returns each one's label."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from docgen.ooxml.lists.number_formats import alpha, format_number, roman
from docgen.ooxml.element import is_on
from docgen.ooxml.ns import DEL, MOVE_FROM, NS, W


__all__ = ["alpha", "format_number", "roman"]  # the format functions, where callers look for them

MAX_LEVELS = 9
_MC_ALTERNATE = f"{{{NS['mc']}}}AlternateContent"
_MC_CHOICE = f"{{{NS['mc']}}}Choice"
_MC_FALLBACK = f"{{{NS['mc']}}}Fallback"
# Namespaces whose mc:Choice we can read: w14 adds custom number formats to w:numFmt.
_UNDERSTOOD = {"w", "w14"}


@dataclass
class LevelDef:
    """One w:lvl of an abstractNum (or a num's lvlOverride): how that level draws its number."""

    ilvl: int
    fmt: str = "decimal"
    text: str | None = None  # None: no lvlText element (Word shows nothing)
    start: int = 1
    restart: int | None = None  # lvlRestart value; None means "restart after any higher level"
    is_lgl: bool = False
    suff: str = "tab"
    pstyle: str | None = None
    vanish: bool = False
    indent_left: int | None = None
    fmt_spec: str | None = None  # w:format of a custom numFmt ("001, 002, 003, ...")
    lang: str | None = None  # the number's own language (rPr/lang), for ordinals and words
    caps: bool = False  # rPr/caps: Word draws the number in capitals ("FIRST")


@dataclass
class AbstractNumDef:
    """A w:abstractNum: the levels that numIds pointing at it share, counters included."""

    abstract_id: str
    levels: dict[int, LevelDef] = field(default_factory=dict)
    multi_level_type: str | None = None
    num_style_link: str | None = None
    style_link: str | None = None


@dataclass
class NumDef:
    """A w:num instance: its abstractNum and the start and level overrides it applies."""

    num_id: str
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, LevelDef] = field(default_factory=dict)


@dataclass
class StyleNumbering:
    """What a paragraph style contributes: numId and ilvl are inherited separately."""

    style_id: str
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    kind: str = "paragraph"
    indent_left: int | None = None
    vanish: bool = False
    name: str | None = None
    outline_level: int | None = None
    lang: str | None = None


def to_int(value: str | None, default: int | None = None) -> int | None:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(W.val)


def _indent_left(ppr: etree._Element | None) -> int | None:
    if ppr is None:
        return None
    ind = ppr.find(W.ind)
    if ind is None:
        return None
    return to_int(ind.get(W.left) or ind.get(W.start))


def _num_fmt(lvl: etree._Element) -> etree._Element | None:
    """The level's w:numFmt, looking inside mc:AlternateContent as Word 2010+ writes custom formats:
    the first mc:Choice whose required namespaces we read, else the mc:Fallback."""
    direct = lvl.find(W.numFmt)
    if direct is not None:
        return direct
    for alt in lvl.iterchildren(_MC_ALTERNATE):
        for choice in alt.iterchildren(_MC_CHOICE):
            if set(choice.get("Requires", "").split()) <= _UNDERSTOOD:
                found = choice.find(W.numFmt)
                if found is not None:
                    return found
        for fallback in alt.iterchildren(_MC_FALLBACK):
            found = fallback.find(W.numFmt)
            if found is not None:
                return found
    return None


def _lang(rpr: etree._Element | None) -> str | None:
    lang = rpr.find(W.lang) if rpr is not None else None
    return None if lang is None else lang.get(W.val)


def _parse_level(lvl: etree._Element) -> LevelDef:
    ilvl = to_int(lvl.get(W.ilvl), 0) or 0
    text_el = lvl.find(W.lvlText)
    num_fmt = _num_fmt(lvl)
    rpr = lvl.find(W.rPr)
    return LevelDef(
        ilvl=max(0, min(ilvl, MAX_LEVELS - 1)),
        fmt=_val(num_fmt) or "decimal",
        fmt_spec=None if num_fmt is None else num_fmt.get(W.format),
        lang=_lang(rpr),
        caps=is_on(rpr.find(W.caps)) if rpr is not None else False,
        text=None if text_el is None else (text_el.get(W.val) or ""),
        start=to_int(_val(lvl.find(W.start)), 0 if lvl.find(W.start) is not None else 1) or 0,
        restart=to_int(_val(lvl.find(W.lvlRestart))),
        is_lgl=is_on(lvl.find(W.isLgl)),
        suff=_val(lvl.find(W.suff)) or "tab",
        pstyle=_val(lvl.find(W.pStyle)),
        vanish=is_on(lvl.find(f"{W.rPr}/{W.vanish}")),
        indent_left=_indent_left(lvl.find(W.pPr)),
    )


@dataclass
class NumberingDefs:
    """numbering.xml and the numbering half of styles.xml, read once per document."""

    abstracts: dict[str, AbstractNumDef] = field(default_factory=dict)
    nums: dict[str, NumDef] = field(default_factory=dict)
    styles: dict[str, StyleNumbering] = field(default_factory=dict)
    default_paragraph_style: str | None = None
    default_lang: str | None = None  # docDefaults' w:lang: the language of unmarked text

    @classmethod
    def from_xml(cls, numbering: etree._Element | None, styles: etree._Element | None) -> "NumberingDefs":
        defs = cls()
        if numbering is not None:
            for an in numbering.iter(W.abstractNum):
                aid = an.get(W.abstractNumId)
                if aid is None:
                    continue
                a = AbstractNumDef(
                    abstract_id=aid,
                    multi_level_type=_val(an.find(W.multiLevelType)),
                    num_style_link=_val(an.find(W.numStyleLink)),
                    style_link=_val(an.find(W.styleLink)),
                )
                for lvl in an.findall(W.lvl):
                    level = _parse_level(lvl)
                    a.levels.setdefault(level.ilvl, level)
                defs.abstracts.setdefault(aid, a)
            for num in numbering.iter(W.num):
                nid = num.get(W.numId)
                aid = _val(num.find(W.abstractNumId))
                if nid is None or aid is None:
                    continue
                nd = NumDef(num_id=nid, abstract_id=aid)
                for ov in num.findall(W.lvlOverride):
                    ilvl = to_int(ov.get(W.ilvl), 0) or 0
                    if not 0 <= ilvl < MAX_LEVELS:
                        continue
                    so = ov.find(W.startOverride)
                    if so is not None:
                        nd.start_overrides[ilvl] = to_int(so.get(W.val), 0) or 0
                    lvl = ov.find(W.lvl)
                    if lvl is not None:
                        level = _parse_level(lvl)
                        level.ilvl = ilvl
                        nd.level_overrides[ilvl] = level
                defs.nums.setdefault(nid, nd)
        if styles is not None:
            defs.default_lang = _lang(styles.find(f"{W.docDefaults}/{W.rPrDefault}/{W.rPr}"))
            for st in styles.iter(W.style):
                sid = st.get(W.styleId)
                if sid is None:
                    continue
                ppr = st.find(W.pPr)
                numpr = ppr.find(W.numPr) if ppr is not None else None
                s = StyleNumbering(
                    style_id=sid,
                    based_on=_val(st.find(W.basedOn)),
                    kind=st.get(W.type, "paragraph"),
                    indent_left=_indent_left(ppr),
                    vanish=is_on(st.find(f"{W.rPr}/{W.vanish}")),
                    name=_val(st.find(W.name)),
                    outline_level=to_int(_val(ppr.find(W.outlineLvl))) if ppr is not None else None,
                    lang=_lang(st.find(W.rPr)),
                )
                if numpr is not None:
                    s.num_id = _val(numpr.find(W.numId))
                    s.ilvl = to_int(_val(numpr.find(W.ilvl)))
                defs.styles.setdefault(sid, s)
                if st.get(W.type) == "paragraph" and _on_attr(st.get(W.default)):
                    defs.default_paragraph_style = sid
        return defs

    # -- resolution -------------------------------------------------------------------

    def style_chain(self, style_id: str | None) -> list[StyleNumbering]:
        """The style and its basedOn ancestors, nearest first; cycles are cut."""
        chain: list[StyleNumbering] = []
        seen: set[str] = set()
        sid = style_id if style_id is not None else self.default_paragraph_style
        while sid is not None and sid not in seen and sid in self.styles:
            seen.add(sid)
            st = self.styles[sid]
            chain.append(st)
            sid = st.based_on
        return chain

    def resolve_abstract(self, num_id: str) -> AbstractNumDef | None:
        """num -> abstractNum, following numStyleLink to the abstractNum holding the levels."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        abstract = self.abstracts.get(num.abstract_id)
        hops = 0
        while abstract is not None and abstract.num_style_link and hops < 8:
            hops += 1
            style = self.styles.get(abstract.num_style_link)
            if style is None or style.num_id is None or style.num_id not in self.nums:
                break
            target = self.abstracts.get(self.nums[style.num_id].abstract_id)
            if target is None or target is abstract:
                break
            abstract = target
        return abstract

    def level(self, num_id: str, ilvl: int) -> LevelDef | None:
        num = self.nums.get(num_id)
        abstract = self.resolve_abstract(num_id)
        if num is None or abstract is None:
            return None
        if ilvl in num.level_overrides:
            return num.level_overrides[ilvl]
        return abstract.levels.get(ilvl)


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


# -- counting -----------------------------------------------------------------------------


@dataclass
class Rendered:
    """A paragraph's number as Word would draw it, plus the facts the hierarchy needs."""

    label: str
    num_id: str | None  # None for a LISTNUM field's number, which no w:num holds
    abstract_id: str
    ilvl: int
    value: int
    fmt: str
    hidden: bool
    suff: str
    indent_left: int | None


@dataclass
class NumPlan:
    """What one numId resolves to, worked out once: a document has thousands of paragraphs
    and a handful of numIds, so per-paragraph resolution of overrides, style links and
    lvlRestart rules was most of the reader's time."""

    num: NumDef
    abstract: AbstractNumDef
    levels: list[LevelDef | None]  # by ilvl, level overrides applied
    starts: list[int]  # by ilvl, start overrides applied
    resets: list[tuple[int, ...]]  # by ilvl: the deeper levels a number at that level restarts
    pieces: dict[int, list[str | tuple[int, str, str | None]]] = field(default_factory=dict)  # compiled lvlText by ilvl


@dataclass
class NumberingState:
    """Running counters across a document, one set per abstractNum (numIds sharing an abstractNum share counters)."""

    defs: NumberingDefs
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    seen_nums: set[str] = field(default_factory=set)
    _plans: dict[str, NumPlan | None] = field(default_factory=dict, repr=False)
    _style_langs: dict[str | None, str | None] = field(default_factory=dict, repr=False)
    # Numbers already drawn, by (value, format, language, custom format): a document draws
    # "(a)", "(b)", "(ii)" thousands of times over, each from the same few arguments.
    _drawn: dict[tuple[int, str, str | None, str | None], str] = field(default_factory=dict, repr=False)
    # What a paragraph without its own numId or ilvl inherits from its style chain, by
    # (numId, ilvl, style): the chain is walked once per style, not once per paragraph.
    _inherited: dict[tuple[str | None, int | None, str | None], tuple[str | None, int | None]] = field(default_factory=dict, repr=False)

    def effective_numpr(self, num_id: str | None, ilvl: int | None, style_id: str | None) -> tuple[str | None, int | None, StyleNumbering | None]:
        """Combine direct numPr with the style chain's, each of numId and ilvl inherited on its own."""
        source_style = None
        if num_id is None or ilvl is None:
            for st in self.defs.style_chain(style_id):
                if num_id is None and st.num_id is not None:
                    num_id = st.num_id
                    source_style = st
                if ilvl is None and st.ilvl is not None:
                    ilvl = st.ilvl
                if num_id is not None and ilvl is not None:
                    break
        return num_id, ilvl, source_style

    def _plan(self, num_id: str) -> NumPlan | None:
        if num_id in self._plans:
            return self._plans[num_id]
        num = self.defs.nums.get(num_id)
        abstract = self.defs.resolve_abstract(num_id)
        plan = None
        if num is not None and abstract is not None:
            levels = [self.defs.level(num_id, k) for k in range(MAX_LEVELS)]
            starts = [num.start_overrides[k] if k in num.start_overrides else (lv.start if lv is not None else 1) for k, lv in enumerate(levels)]
            resets = []
            for ilvl in range(MAX_LEVELS):
                # lvlRestart=r restarts a level after any use of levels 1..r (1-based); 0 never.
                resets.append(tuple(
                    k for k in range(ilvl + 1, MAX_LEVELS)
                    if levels[k] is None or levels[k].restart is None or (levels[k].restart > 0 and ilvl <= levels[k].restart - 1)
                ))
            plan = NumPlan(num, abstract, levels, starts, resets)
        self._plans[num_id] = plan
        return plan

    def next(self, num_id: str | None, ilvl: int | None, style_id: str | None, hidden_mark: bool = False) -> Rendered | None:
        if num_id is None or ilvl is None:
            key = (num_id, ilvl, style_id)
            found = self._inherited.get(key)
            if found is None:
                found = self._inherited[key] = self.effective_numpr(num_id, ilvl, style_id)[:2]
            num_id, ilvl = found
        if num_id is None or num_id == "0":
            return None
        plan = self._plans[num_id] if num_id in self._plans else self._plan(num_id)
        if plan is None:
            return None
        abstract = plan.abstract
        if ilvl is None:
            ilvl = self._level_from_pstyle(abstract, style_id)
        if abstract.multi_level_type == "singleLevel":
            ilvl = 0
        if not 0 <= ilvl < MAX_LEVELS:
            ilvl = 0 if ilvl < 0 else MAX_LEVELS - 1
        return self._count(plan, ilvl, style_id, hidden_mark)

    def _count(self, plan: NumPlan, ilvl: int, style_id: str | None, hidden_mark: bool) -> Rendered | None:
        """Advance the list's counter at `ilvl` and draw the label."""
        level = plan.levels[ilvl]
        if level is None:
            return None
        abstract = plan.abstract
        num_id = plan.num.num_id
        counters = self.counters.get(abstract.abstract_id)
        if counters is None:
            counters = self.counters[abstract.abstract_id] = [None] * MAX_LEVELS
        if num_id not in self.seen_nums:
            self.seen_nums.add(num_id)
            # A startOverride restarts its level the first time this num instance is used.
            for k in plan.num.start_overrides:
                counters[k] = None
        value = counters[ilvl]
        value = counters[ilvl] = plan.starts[ilvl] if value is None else value + 1
        if ilvl and None in counters[:ilvl]:
            for k in range(ilvl):
                # A level skipped over counts as used at its start value: after a first item
                # at level 2 ("1.1"), the next level-1 item is 2, as Word numbers it.
                if counters[k] is None:
                    counters[k] = plan.starts[k]
        for k in plan.resets[ilvl]:
            counters[k] = None
        lang = level.lang
        if not lang:
            langs = self._style_langs
            lang = langs[style_id] if style_id in langs else self._lang(level, style_id)
        label = self._render(plan, level, counters, lang)
        return Rendered(
            label=label, num_id=num_id, abstract_id=abstract.abstract_id, ilvl=ilvl, value=value or 0,
            fmt=level.fmt, hidden=level.vanish or hidden_mark, suff=level.suff, indent_left=level.indent_left,
        )

    def _lang(self, level: LevelDef, style_id: str | None) -> str | None:
        """The language the number is drawn in: the level's own, else the paragraph style's, else the document's."""
        if level.lang:
            return level.lang
        if style_id not in self._style_langs:
            chain = self.defs.style_chain(style_id)
            self._style_langs[style_id] = next((s.lang for s in chain if s.lang), None) or self.defs.default_lang
        return self._style_langs[style_id]

    def _level_from_pstyle(self, abstract: AbstractNumDef, style_id: str | None) -> int:
        """A style-linked level: the lvl whose pStyle names the paragraph's style (or an ancestor)."""
        chain_ids = [s.style_id for s in self.defs.style_chain(style_id)]
        for sid in chain_ids:
            for lvl in abstract.levels.values():
                if lvl.pstyle == sid:
                    return lvl.ilvl
        return 0

    def _render(self, plan: NumPlan, level: LevelDef, counters: list[int | None], lang: str | None = None) -> str:
        text = level.text
        if text is None:
            return ""
        if "%" not in text:
            return text.upper() if level.caps else text  # a literal label such as a bullet or "Note"
        pieces = plan.pieces.get(level.ilvl)
        if pieces is None:
            pieces = plan.pieces[level.ilvl] = self._compile(plan, level)
        out: list[str] = []
        drawn = self._drawn
        for piece in pieces:
            if piece.__class__ is str:
                out.append(piece)  # type: ignore[arg-type]
                continue
            k, fmt, spec = piece  # type: ignore[misc]
            value = counters[k]
            key = (plan.starts[k] if value is None else value, fmt, lang, spec)
            number = drawn.get(key)
            if number is None:
                number = drawn[key] = format_number(*key)
            out.append(number)
        label = "".join(out)
        return label.upper() if level.caps else label

    @staticmethod
    def _compile(plan: NumPlan, level: LevelDef) -> list[str | tuple[int, str, str | None]]:
        """lvlText as literal pieces and (level, format, custom format) placeholders, in the order drawn."""
        text = level.text or ""
        pieces: list[str | tuple[int, str, str | None]] = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                k = int(text[i + 1]) - 1
                i += 2
                if not 0 <= k < MAX_LEVELS or k > level.ilvl:
                    continue  # a placeholder for a deeper level shows nothing
                other = plan.levels[k]
                fmt = other.fmt if other is not None else "decimal"
                spec = other.fmt_spec if other is not None else None
                if level.is_lgl and k < level.ilvl and fmt != "decimalZero":
                    fmt = "decimal"  # isLgl: the inherited numbers are drawn in Arabic
                pieces.append((k, fmt, spec))
                continue
            if pieces and pieces[-1].__class__ is str:
                pieces[-1] += ch  # type: ignore[operator]  # a run of literal text is one piece
            else:
                pieces.append(ch)
            i += 1
        return pieces


def paragraph_numpr(p: etree._Element) -> tuple[str | None, int | None, str | None]:
    """(numId, ilvl, pStyle) written directly on a w:p; each may be absent."""
    return properties_numpr(p.find(W.pPr))


def properties_numpr(ppr: etree._Element | None) -> tuple[str | None, int | None, str | None]:
    """(numId, ilvl, pStyle) of a w:pPr (a paragraph's, or the old one a w:pPrChange keeps)."""
    if ppr is None:
        return None, None, None
    style = _val(ppr.find(W.pStyle))
    numpr = ppr.find(W.numPr)
    if numpr is None:
        return None, None, style
    return _val(numpr.find(W.numId)), to_int(_val(numpr.find(W.ilvl))), style


def mark_is_hidden(p: etree._Element) -> bool:
    return is_on(p.find(f"{W.pPr}/{W.rPr}/{W.vanish}"))


def mark_is_deleted(p: etree._Element) -> bool:
    """The paragraph mark is gone in the accepted state: deleted, or moved away."""
    rpr = p.find(f"{W.pPr}/{W.rPr}")
    return rpr is not None and (rpr.find(DEL) is not None or rpr.find(MOVE_FROM) is not None)


_PPR, _RPR, _PSTYLE, _NUMPR, _NUMID, _ILVL, _IND, _VANISH, _DEL, _VAL, _LEFT, _START = (
    W.pPr, W.rPr, W.pStyle, W.numPr, W.numId, W.ilvl, W.ind, W.vanish, DEL, W.val, W.left, W.start,
)


class ParagraphProps(NamedTuple):
    """The paragraph-level facts the reader needs, gathered in one pass over w:pPr.

    A NamedTuple because one is made per paragraph and a frozen dataclass costs several
    times as much to build."""

    num_id: str | None
    ilvl: int | None
    style: str | None
    hidden_mark: bool
    deleted_mark: bool
    indent: int | None


_NO_PROPS = ParagraphProps(None, None, None, False, False, None)


def paragraph_props(p: etree._Element) -> ParagraphProps:
    """What `paragraph_numpr`, `mark_is_hidden`, `mark_is_deleted` and the left indent say,
    from one walk of the pPr's children instead of four path searches (the reader's hot loop).

    The walks are lxml's unfiltered child iteration with the tags compared here: find()
    goes through lxml's Python ElementPath, and a tag-filtered iterchildren builds its
    matcher on every call, which costs more than looking at a pPr's few children."""
    ppr = None
    for child in p:
        if child.tag == _PPR:
            if ppr is not None:  # malformed, but the path searches look through every pPr: so do we
                props = _ppr_props(ppr)
                return props._replace(hidden_mark=mark_is_hidden(p), deleted_mark=mark_is_deleted(p))
            ppr = child
    return _NO_PROPS if ppr is None else _ppr_props(ppr)


def _ppr_props(ppr: etree._Element) -> ParagraphProps:
    """`paragraph_props` of one pPr: the first pStyle, numPr and ind count, and the mark's
    first vanish and any deletion or move across its rPr elements."""
    style = num_id = ilvl = indent = None
    seen_style = seen_numpr = seen_ind = False
    vanish: etree._Element | None = None
    deleted = False
    for child in ppr:
        tag = child.tag
        if tag == _NUMPR:
            if not seen_numpr:
                seen_numpr = True
                found_id = found_lvl = False
                for el in child:
                    t = el.tag
                    if t == _NUMID and not found_id:
                        found_id = True
                        num_id = el.get(_VAL)
                    elif t == _ILVL and not found_lvl:
                        found_lvl = True
                        ilvl = to_int(el.get(_VAL))
        elif tag == _PSTYLE:
            if not seen_style:
                seen_style = True
                style = child.get(_VAL)
        elif tag == _IND:
            if not seen_ind:
                seen_ind = True
                indent = to_int(child.get(_LEFT) or child.get(_START))
        elif tag == _RPR:
            for el in child:
                t = el.tag
                if t == _VANISH:
                    if vanish is None:
                        vanish = el
                elif t == _DEL or t == MOVE_FROM:
                    deleted = True
    return ParagraphProps(num_id, ilvl, style, is_on(vanish), deleted, indent)


# -- LISTNUM fields -------------------------------------------------------------------------
# Law-firm templates number clauses and inline items with { LISTNUM } fields instead of
# paragraph numbering. A LISTNUM takes the next number of a list at a level, like a numbered
# paragraph: of the paragraph's own list one level down when it has no list name and sits in
# a numbered paragraph, else of a named list. Word's three built-in list names have fixed
# formats; any other name is a list of its own drawn like NumberDefault.

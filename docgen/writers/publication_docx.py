"""The publication copy of a redline: NEW's tracked-change .docx, made ready to print with markup.

The published PDF is the new document itself with its revisions shown, the way Word's
"print with markup" gives it: NEW's styles, cover page, headers and footers, tables, page
breaks and fonts, with LibreOffice drawing each native revision (deletions struck,
insertions underlined, a bar in the margin). What LibreOffice is given is the tracked-change
redline that `redline_docx` writes, with three changes made for print, in this copy only:

* List numbers become typed text. A number that only Word's list engine knows cannot be
  revised, so a clause shifted by an edit above it (18.5(w) -> 18.5(q)) would print its new
  number unmarked, exactly the silent shift the 18.5p error was. Typed, the old number is
  a deletion and the new one an insertion beside the text, and the change bar follows by
  itself. The labels come from `docgen.numbering`, counted once over the accepted
  paragraphs and once over the rejected ones, never typed by hand. The level's indents,
  tab stops and number formatting move onto the paragraph so the layout stays Word's.
* REF fields become their results, so a revised result (18.9: 18.5(z) -> 18.5(t)) is
  printed as the revision it is rather than recomputed by LibreOffice.
* The change summary (counts, changed clauses, renumbering as ranges) comes first, in the
  document's own styles, in a section of its own that carries the document's headers and
  footers; the body starts on a new page at page 1, cover page first.

The native .docx redline is untouched: its accept/reject behaviour is `redline_docx`'s.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator
from xml.sax.saxutils import escape

from lxml import etree

from docgen.limits import Limits
from docgen.numbering import NumberingDefs, NumberingState, Rendered
from docgen.ooxml.ns import NS, W, qn
from docgen.ooxml.package import parse_xml
from docgen.transforms.revisions import main_part, package_bytes, serialise
from docgen.writers.redline_view import SUMMARY_HEADING, SUMMARY_KEY, RedlineView, build_view, change_anchors

if TYPE_CHECKING:
    from docgen.transforms.compare import Comparison

# The revisions' author and date when the caller gives no redline (tests, previews): fixed,
# so the bytes never depend on the clock.
DEFAULT_AUTHOR = "docgen"
DEFAULT_DATE = "2000-01-01T00:00:00Z"
RED, BLUE, GREEN = "C00000", "0033CC", "00803A"

_INS, _DEL = qn("w:ins"), qn("w:del")
_MOVE_FROM, _MOVE_TO = qn("w:moveFrom"), qn("w:moveTo")
_PPR_CHANGE = qn("w:pPrChange")
_FLD_CHAR, _INSTR, _DEL_INSTR, _FLD_SIMPLE = qn("w:fldChar"), W.instrText, qn("w:delInstrText"), qn("w:fldSimple")
_BOOKMARK_START, _BOOKMARK_END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_RANGE_STARTS = {qn("w:moveFromRangeStart"), qn("w:moveToRangeStart")}
_CONTAINERS = {W.sdt, qn("w:sdtContent"), qn("w:customXml"), _INS, _MOVE_TO}
_REVISION_MARKS = {_INS, _DEL, _MOVE_FROM, _MOVE_TO, qn("w:rPrChange")}
# Schema order of w:pPr, w:rPr and w:sectPr children (ECMA-376 Part 1, 17.3.1.26, 17.3.2.28,
# 17.6.17): Word refuses a document whose properties are out of order, LibreOffice does not.
_PPR_ORDER = [qn(f"w:{n}") for n in (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()]
_RPR_ORDER = [qn(f"w:{n}") for n in (
    "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
    "vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
).split()]
_SECT_ORDER = [qn(f"w:{n}") for n in (
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType "
    "cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange"
).split()]


def publication_docx(
    comparison: "Comparison",
    *,
    title: str | None = None,
    redline: bytes | None = None,
    author: str = DEFAULT_AUTHOR,
    date: str = DEFAULT_DATE,
) -> bytes:
    """The publication copy as .docx bytes, ready for `docgen.soffice.convert`.

    `redline` is the tracked-change .docx already written for `comparison` (the pack and
    `docgen redline` pass theirs, so the PDF shows exactly that document's revisions);
    without it one is written here with `author` and `date`.
    """
    if redline is None:
        from docgen.writers.redline_docx import write_redline

        redline = write_redline(comparison, author=author, date=date)
    view = build_view(comparison, title)
    with zipfile.ZipFile(io.BytesIO(redline)) as zf:
        parts = {name: zf.read(name) for name in zf.namelist() if not name.endswith("/")}
    limits = Limits.from_env()
    name = main_part(parts)
    root = parse_xml(parts[name], name, limits)
    body = root.find(W.body)
    styles = _optional(parts, "word/styles.xml", limits)
    numbering = _optional(parts, "word/numbering.xml", limits)
    paragraphs = list(_walk(body))
    marks = _Marks.from_document(root, author, date)
    _LabelWriter(NumberingDefs.from_xml(numbering, styles), numbering, marks).write(paragraphs)
    _flatten_ref_fields(body)
    bookmarks = _Bookmarks(root)
    targets = _link_targets(comparison, view, paragraphs, bookmarks)
    _insert_summary(body, view, _StyleNames.of(styles), targets)
    parts[name] = serialise(root)
    return package_bytes(parts)


def _optional(parts: dict[str, bytes], name: str, limits: Limits) -> etree._Element | None:
    return parse_xml(parts[name], name, limits) if name in parts else None


# ----- the paragraphs of the body, in both versions -------------------------------------------


@dataclass
class _Para:
    """A body paragraph of the redline and where it stands in each version."""

    el: etree._Element
    in_new: bool  # present once every revision is accepted
    in_old: bool  # present once every revision is rejected
    new_index: int | None = None  # its index among NEW's paragraphs (the reader's numbering)
    old_index: int | None = None


def _walk(body: etree._Element) -> Iterator[_Para]:
    """Every paragraph of the main story in order, table cells and tracked rows included.

    A paragraph whose mark is deleted runs on into the next one when accepted, so it takes
    no number in NEW (the reader does the same); an inserted mark likewise in OLD.
    """
    counts = {"new": 0, "old": 0}

    def walk(container: etree._Element, row_ins: bool, row_del: bool) -> Iterator[_Para]:
        for child in container:
            if child.tag == W.p:
                mark = child.find(f"{W.pPr}/{W.rPr}")
                mark_ins = mark is not None and (mark.find(_INS) is not None or mark.find(_MOVE_TO) is not None)
                mark_del = mark is not None and (mark.find(_DEL) is not None or mark.find(_MOVE_FROM) is not None)
                para = _Para(child, in_new=not (mark_del or row_del), in_old=not (mark_ins or row_ins))
                if not row_del:
                    para.new_index = counts["new"]
                    counts["new"] += 1
                if not row_ins:
                    para.old_index = counts["old"]
                    counts["old"] += 1
                yield para
            elif child.tag == W.tbl:
                for tr in child.findall(W.tr):
                    trpr = tr.find(W.trPr)
                    ins = row_ins or (trpr is not None and trpr.find(_INS) is not None)
                    dele = row_del or (trpr is not None and trpr.find(_DEL) is not None)
                    for tc in tr.findall(W.tc):
                        yield from walk(tc, ins, dele)
            elif child.tag in _CONTAINERS:
                yield from walk(child, row_ins, row_del)

    yield from walk(body, False, False)


# ----- revision marks -------------------------------------------------------------------------


@dataclass
class _Marks:
    """New w:ins/w:del elements, with the redline's own author and date and fresh ids."""

    author: str
    date: str
    next_id: int

    @classmethod
    def from_document(cls, root: etree._Element, author: str, date: str) -> "_Marks":
        top = 0
        for el in root.iter():  # revisions and move ranges share one id space; any w:id counts
            value = el.get(W.id, "")
            if value.isdigit():
                top = max(top, int(value))
        first = next(root.iter(_INS, _DEL), None)
        if first is not None:
            author, date = first.get(W.author, author), first.get(W.date, date)
        return cls(author, date, top + 1)

    def make(self, tag: str) -> etree._Element:
        el = etree.Element(tag)
        el.set(W.id, str(self.next_id))
        el.set(W.author, self.author)
        if self.date:
            el.set(W.date, self.date)
        self.next_id += 1
        return el


# ----- list numbers as typed text -----------------------------------------------------------------


class _LabelWriter:
    """Replaces Word list numbering with typed labels: kept, or struck and inserted where changed."""

    def __init__(self, defs: NumberingDefs, numbering: etree._Element | None, marks: _Marks):
        self.defs = defs
        self.numbering = numbering
        self.marks = marks
        self._levels: dict[tuple[str, str, int], etree._Element | None] = {}

    def write(self, paragraphs: list[_Para]) -> None:
        new_state, old_state = NumberingState(self.defs), NumberingState(self.defs)
        plans = []
        for para in paragraphs:
            ppr = para.el.find(W.pPr)
            change = ppr.find(_PPR_CHANGE) if ppr is not None else None
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

    def _literal(self, para: _Para, new_r: Rendered | None, old_r: Rendered | None) -> None:
        p = para.el
        ppr = _ensure(p, W.pPr, _PPR_ORDER, first=True)
        shown = new_r if para.in_new else old_r
        level = self._level(shown) if shown is not None else None
        _take_level_layout(ppr, level)
        # The number is typed now: Word's list must not draw it a second time.
        numpr = ppr.find(W.numPr)
        if numpr is not None:
            ppr.remove(numpr)
        if self._numbered(ppr):  # numbered through its style
            off = _ensure(ppr, W.numPr, _PPR_ORDER)
            etree.SubElement(off, W.numId).set(W.val, "0")
        change = ppr.find(_PPR_CHANGE)
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
                runs.append(self._wrap(_DEL, [_run(old_label, rpr, deleted=True)]))
            if new_label:
                runs.append(self._wrap(_INS, [_run(new_label, rpr)]))
            runs.extend(_suffix(suffix, rpr))
        elif para.in_new and new_label:
            # A moved paragraph's number moves with it, and is drawn as moved text.
            tag = _MOVE_TO if _mark_has(p, _MOVE_TO) else _INS
            runs = [self._wrap(tag, [_run(new_label, rpr), *_suffix(suffix, rpr)])]
        elif para.in_old and old_label:
            tag = _MOVE_FROM if _mark_has(p, _MOVE_FROM) else _DEL
            runs = [self._wrap(tag, [_run(old_label, rpr, deleted=True), *_suffix(suffix, rpr)])]
        at = list(p).index(ppr) + 1
        while at < len(p) and p[at].tag in _RANGE_STARTS:  # the number belongs inside a move range
            at += 1
        for offset, run in enumerate(runs):
            p.insert(at + offset, run)

    def _wrap(self, tag: str, runs: list[etree._Element]) -> etree._Element:
        mark = self.marks.make(tag)
        for r in runs:
            if tag == _DEL:  # moved-away text keeps w:t; only deleted text is w:delText
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
            _place(ppr, copy.deepcopy(lvl_ind), _PPR_ORDER)
        else:
            for key, value in lvl_ind.attrib.items():
                if key not in ind.attrib:
                    ind.set(key, value)
    lvl_tabs = lvl_ppr.find(W.tabs)
    if lvl_tabs is not None:
        tabs = ppr.find(W.tabs)
        if tabs is None:
            _place(ppr, copy.deepcopy(lvl_tabs), _PPR_ORDER)
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
            if child.tag not in _REVISION_MARKS:
                rpr.append(copy.deepcopy(child))
    lvl_rpr = level.find(W.rPr) if level is not None else None
    if lvl_rpr is not None:
        for child in lvl_rpr:
            old = rpr.find(child.tag)
            if old is not None:
                rpr.remove(old)
            rpr.append(copy.deepcopy(child))
    _sort(rpr, _RPR_ORDER)
    return rpr


def _run(text: str, rpr: etree._Element, *, deleted: bool = False) -> etree._Element:
    r = etree.Element(W.r)
    if len(rpr):
        r.append(copy.deepcopy(rpr))
    t = etree.SubElement(r, W.delText if deleted else W.t)
    t.text = text
    t.set(_XML_SPACE, "preserve")
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


# ----- REF fields -----------------------------------------------------------------------------------


@dataclass
class _Field:
    """A complex field being walked: its instruction so far and the runs of its code part."""

    code: list[etree._Element]
    instr: str = ""
    in_result: bool = False


def _flatten_ref_fields(body: etree._Element) -> None:
    """REF fields (cross-references) become their result text, revisions in it included.

    A field's code runs (begin, instruction, separate) and its end are removed; what the
    result held stays, so a struck old reference and an inserted new one print as such.
    """
    stack: list[_Field] = []
    doomed: list[etree._Element] = []
    for r in list(body.iter(W.r)):
        fld = r.find(_FLD_CHAR)
        kind = fld.get(qn("w:fldCharType")) if fld is not None else None
        if kind == "begin":
            stack.append(_Field(code=[r]))
            continue
        if not stack:
            continue
        top = stack[-1]
        if kind == "separate":
            top.code.append(r)
            top.in_result = True
        elif kind == "end":
            top.code.append(r)
            stack.pop()
            if top.instr.split()[:1] == ["REF"]:
                doomed.extend(top.code)
        elif not top.in_result:
            for instr in r.iter(_INSTR, _DEL_INSTR):
                top.instr += instr.text or ""
            top.code.append(r)
    for r in doomed:
        parent = r.getparent()
        if parent is not None:
            parent.remove(r)
    for simple in list(body.iter(_FLD_SIMPLE)):
        if (simple.get(qn("w:instr")) or "").split()[:1] == ["REF"]:
            parent = simple.getparent()
            at = list(parent).index(simple)
            for offset, child in enumerate(list(simple)):
                parent.insert(at + offset, child)
            parent.remove(simple)
    # A revision mark left empty by the removal would print nothing but still count.
    for mark in list(body.iter(_INS, _DEL)):
        if mark.getparent() is not None and mark.getparent().tag != W.rPr and mark.getparent().tag != W.trPr and len(mark) == 0:
            mark.getparent().remove(mark)


# ----- the change summary -------------------------------------------------------------------------------


@dataclass
class _StyleNames:
    """The document's own style ids for the summary's title, headings and body text."""

    title: str | None
    heading1: str | None
    heading2: str | None

    @classmethod
    def of(cls, styles: etree._Element | None) -> "_StyleNames":
        by_name: dict[str, str] = {}
        if styles is not None:
            for st in styles.findall(W.style):
                if st.get(W.type) != "paragraph":
                    continue
                name = st.find(W.name)
                if name is not None and st.get(W.styleId):
                    by_name.setdefault((name.get(W.val) or "").lower(), st.get(W.styleId))
        h1 = by_name.get("heading 1")
        return cls(title=by_name.get("title") or h1, heading1=h1, heading2=by_name.get("heading 2") or h1)


class _Bookmarks:
    """Bookmarks for the summary's links, with ids and names that clash with none of NEW's."""

    def __init__(self, root: etree._Element):
        ids = [int(b.get(W.id)) for b in root.iter(_BOOKMARK_START) if (b.get(W.id) or "").isdigit()]
        self.next_id = max(ids, default=0) + 1
        self.names = {b.get(W.name) for b in root.iter(_BOOKMARK_START)}

    def add(self, p: etree._Element, anchor: str) -> str:
        base = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
        base = ("c" + base if not base[:1].isalpha() else base)[:36]
        name, n = base, 1
        while name in self.names:
            n += 1
            name = f"{base}_{n}"
        self.names.add(name)
        start = etree.Element(_BOOKMARK_START)
        start.set(W.id, str(self.next_id))
        start.set(W.name, name)
        end = etree.Element(_BOOKMARK_END)
        end.set(W.id, str(self.next_id))
        self.next_id += 1
        ppr = p.find(W.pPr)
        at = list(p).index(ppr) + 1 if ppr is not None else 0
        p.insert(at, start)
        p.append(end)
        return name


def _link_targets(comparison: "Comparison", view: RedlineView, paragraphs: list[_Para], bookmarks: _Bookmarks) -> dict[str, str]:
    """Summary anchor -> bookmark placed on that change's paragraph in the redline."""
    wanted = {e.anchor for _, entries in view.groups for e in entries if e.anchor}
    by_new = {p.new_index: p for p in paragraphs if p.in_new and p.new_index is not None}
    by_old = {p.old_index: p for p in paragraphs if p.in_old and p.old_index is not None}
    out: dict[str, str] = {}
    for change, anchor in zip(comparison.changes, change_anchors(list(comparison.changes))):
        if anchor not in wanted or anchor in out:
            continue
        para = None
        if change.new is not None:
            para = by_new.get(change.new.index)
        elif change.old is not None:
            para = by_old.get(change.old.index)
        if para is not None:
            out[anchor] = bookmarks.add(para.el, anchor)
    return out


def _insert_summary(body: etree._Element, view: RedlineView, styles: _StyleNames, targets: dict[str, str]) -> None:
    first_sect = _first_section(body)
    xml = [_para(view.title, styles.title), _para(SUMMARY_HEADING, styles.heading1)]
    rows = [("Inserted", view.counts["inserted"]), ("Deleted", view.counts["deleted"]), ("Modified", view.counts["modified"]),
            ("Moved", view.counts["moved"]), ("Renumbered", view.counts["renumbered"])]
    xml.append(_counts_table(rows))
    if not view.groups:
        xml.append(_para("No differences."))
    for heading, entries in view.groups:
        xml.append(_para(heading, styles.heading2))
        links = [_link(e.label, targets.get(e.anchor or "")) for e in entries]
        if heading == "Renumbered":
            xml.extend(f"<w:p>{link}</w:p>" for link in links)
        else:
            xml.append("<w:p>" + _text_run(", ").join(links) + "</w:p>")
    xml.append(
        "<w:p>" + _text_run(SUMMARY_KEY + " deleted text is ") + _text_run("struck through in red", strike=RED)
        + _text_run(", inserted text is ") + _text_run("underlined in blue", underline=BLUE)
        + _text_run(", moved text is ") + _text_run("green", color=GREEN)
        + _text_run("; a bar in the margin marks each changed line, and a clause whose number changed shows its old number struck beside the new one.")
        + "</w:p>"
    )
    wrapper = etree.fromstring(f'<w:body xmlns:w="{NS["w"]}" xmlns:r="{NS["r"]}">{"".join(xml)}</w:body>')
    summary = list(wrapper)
    closing = etree.Element(W.p)
    if first_sect is not None:
        # The summary's own section: NEW's page setup and headers/footers, numbered i, ii,
        # ...; the body's first section then starts on a new page at page 1.
        sect = copy.deepcopy(first_sect)
        for el in sect.findall(qn("w:titlePg")) + sect.findall(W.type) + sect.findall(qn("w:sectPrChange")):
            sect.remove(el)
        _page_numbers(sect, start="1", fmt="lowerRoman")
        etree.SubElement(closing, W.pPr).append(sect)
        _page_numbers(first_sect, start="1", fmt=None)
    else:  # a document without section properties: a plain page break will do
        etree.SubElement(etree.SubElement(closing, W.r), W.br).set(W.type, "page")
    summary.append(closing)
    for offset, el in enumerate(summary):
        body.insert(offset, el)


def _first_section(body: etree._Element) -> etree._Element | None:
    for p in body.iter(W.p):
        sect = p.find(f"{W.pPr}/{W.sectPr}")
        if sect is not None:
            return sect
    return body.find(W.sectPr)


def _page_numbers(sect: etree._Element, *, start: str, fmt: str | None) -> None:
    pg = sect.find(qn("w:pgNumType"))
    if pg is None:
        pg = etree.Element(qn("w:pgNumType"))
        _place(sect, pg, _SECT_ORDER)
    pg.set(qn("w:start"), start)
    if fmt:
        pg.set(qn("w:fmt"), fmt)


def _para(text: str, style: str | None = None) -> str:
    # A heading style may be numbered or start a page; the summary wants neither.
    ppr = f'<w:pStyle w:val="{escape(style)}"/><w:pageBreakBefore w:val="0"/><w:numPr><w:numId w:val="0"/></w:numPr>' if style else ""
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{_text_run(text)}</w:p>"


def _text_run(text: str, *, strike: str | None = None, underline: str | None = None, color: str | None = None) -> str:
    props = ""
    if strike:
        props = f'<w:strike/><w:color w:val="{strike}"/>'
    elif underline:
        props = f'<w:color w:val="{underline}"/><w:u w:val="single"/>'
    elif color:
        props = f'<w:color w:val="{color}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""


def _link(label: str, bookmark: str | None) -> str:
    run = _text_run(label)
    return f'<w:hyperlink w:anchor="{escape(bookmark)}" w:history="1">{run}</w:hyperlink>' if bookmark else run


def _counts_table(rows: list[tuple[str, int]]) -> str:
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="3402" w:type="dxa"/><w:tblBorders>{border}</w:tblBorders></w:tblPr>',
           '<w:tblGrid><w:gridCol w:w="2268"/><w:gridCol w:w="1134"/></w:tblGrid>']
    for label, value in rows:
        out.append(
            f'<w:tr><w:tc><w:tcPr><w:tcW w:w="2268" w:type="dxa"/></w:tcPr><w:p>{_text_run(label)}</w:p></w:tc>'
            f'<w:tc><w:tcPr><w:tcW w:w="1134" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="right"/></w:pPr>{_text_run(str(value))}</w:p></w:tc></w:tr>'
        )
    out.append("</w:tbl><w:p/>")
    return "".join(out)


# ----- XML helpers ------------------------------------------------------------------------------------


def _ensure(parent: etree._Element, tag: str, order: list[str], *, first: bool = False) -> etree._Element:
    el = parent.find(tag)
    if el is None:
        el = etree.Element(tag)
        if first:
            parent.insert(0, el)
        else:
            _place(parent, el, order)
    return el


def _place(parent: etree._Element, el: etree._Element, order: list[str]) -> None:
    """Insert `el` among `parent`'s children where the schema order puts it."""
    rank = order.index(el.tag) if el.tag in order else len(order)
    for i, child in enumerate(parent):
        if child.tag in order and order.index(child.tag) > rank:
            parent.insert(i, el)
            return
    parent.append(el)


def _sort(el: etree._Element, order: list[str]) -> None:
    children = list(el)
    children.sort(key=lambda c: order.index(c.tag) if c.tag in order else len(order))
    for c in children:
        el.append(c)

"""The content of one paragraph as typed items, in reading order: the one walk of
"what a paragraph says" that comparison and the redline share.

A paragraph's visible content is more than its w:t text: tabs and breaks, no-break and
soft hyphens, symbols (`w:sym`), fields (a begin/code/separate/result/end sequence spread
over several runs, or a `w:fldSimple`), footnote and endnote references, pictures, charts,
SmartArt and OLE objects, text boxes and equations. Text yields one item per character;
everything else is one *atomic* item whose `identity` says when two of them are the same
thing (a picture by its image bytes, a field by its code and result, an equation by its
content), so a changed object is a deletion plus an insertion and an unchanged one is left
alone.

Runs inside hyperlinks, content controls, smart tags, custom XML and insertions are walked
in place; deleted and moved-away content and hidden runs are not part of the visible text
(the redline asks for hidden runs too, since it must track their changes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

from lxml import etree

from docgen.ooxml.element import is_on
from docgen.ooxml.ns import DEL, INS, MOVE_FROM, MOVE_TO, NS, W, qn

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC_NS = NS["mc"]
R_NS = NS["r"]
OMATH, OMATH_PARA = f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"
ALTERNATE = f"{{{MC_NS}}}AlternateContent"
TXBX_CONTENT = qn("w:txbxContent")
FLD_SIMPLE = qn("w:fldSimple")
FOOTNOTE_REF, ENDNOTE_REF = qn("w:footnoteReference"), qn("w:endnoteReference")

# Containers whose runs belong to the paragraph and are walked in place.
RUN_CONTAINERS = frozenset(
    {qn("w:hyperlink"), qn("w:smartTag"), W.sdt, qn("w:sdtContent"), qn("w:customXml"), INS, MOVE_TO, qn("w:dir"), qn("w:bdo")}
)
# Characters that single run children stand for in the comparable text.
CHARS = {W.tab: "\t", W.br: "\n", W.cr: "\r", W.noBreakHyphen: "\u2011", qn("w:softHyphen"): "\u00ad"}
_OBJECTS = frozenset({qn("w:drawing"), qn("w:pict"), qn("w:object"), ALTERNATE})
_NOTE_MARKS = {qn("w:footnoteRef"): "footnoteRef", qn("w:endnoteRef"): "endnoteRef"}
_FLD_CHAR, _INSTR = qn("w:fldChar"), W.instrText
_T, _RPR, _SYM = W.t, W.rPr, qn("w:sym")
_FLD_TYPE, _SYM_FONT, _SYM_CHAR = qn("w:fldCharType"), qn("w:font"), qn("w:char")
_SKIPPED = frozenset({DEL, MOVE_FROM, W.pPr})


@dataclass
class Item:
    """One unit of a paragraph's visible content.

    `nodes` are the run children (or, for `run is None`, the paragraph-level elements such as
    an equation) that make up the item; a field's nodes span several runs, listed with the
    run each sits in (`runs`, parallel to `nodes`).
    """

    kind: str  # text, tab, ptab, sym, field, footnote, endnote, noteRef, object, textbox, equation
    char: str  # the character for text-like items; "" for atomic ones (see identity)
    identity: str  # what makes two atomic items the same; the character itself for text
    nodes: list[etree._Element] = field(default_factory=list)
    runs: list[etree._Element | None] = field(default_factory=list)

    @property
    def atomic(self) -> bool:
        return self.kind != "text"

    @property
    def run(self) -> etree._Element | None:
        return self.runs[0] if self.runs else None


# identity of an object: given the element, returns the bytes of the parts its r:ids reach.
Resolver = Callable[[str], bytes | None]


def paragraph_items(
    p: etree._Element,
    resolve: Resolver | None = None,
    *,
    fields_as_units: bool = True,
    per_char: bool = True,
    identify: bool = True,
    hidden: bool = False,
) -> list[Item]:
    """Every item of a paragraph in order (text boxes' own paragraphs are not descended).

    With `fields_as_units` off, a field is read as a reader sees it: its result is text like
    any other and its code is not content (how the clause reader and the cross-reference
    rewriter read a REF field's "18.5(q)"). With `per_char` off, a w:t is one item holding
    its whole text (cheaper, for callers that need text with its run, not an alignment);
    with `identify` off, objects are not identified (their identity is left empty). With
    `hidden` on, hidden runs (w:vanish) are walked like any other: a reader never sees them,
    but a redline must carry their changes or rejecting it would not give OLD back.
    """
    walker = _Walker(resolve, fields_as_units, per_char, identify, hidden)
    walker.container(p)
    walker.close_field()
    return walker.items


# What the reader's text makes of each character item: separators collapse to a space, a
# no-break hyphen reads as the hyphen it shows, a soft hyphen (invisible unless a line breaks
# there) as nothing.
READER_CHARS = {"\t": " ", "\n": " ", "\r": " ", "\u2011": "-", "\u00ad": ""}


def reader_char(item: Item) -> str:
    """An item's contribution to the reader's text ("" for objects)."""
    if item.kind == "ptab":
        return " "  # a positional tab separates like a tab
    if item.kind != "text":
        return ""
    return READER_CHARS.get(item.char, item.char) if item.nodes[0].tag != W.t else item.char


def vanished(rpr: etree._Element | None) -> bool:
    return rpr is not None and is_on(rpr.find(W.vanish))


def iter_runs(container: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph (or container) walked in place, in order."""
    for child in container:
        if child.tag == W.r:
            yield child
        elif child.tag in RUN_CONTAINERS or child.tag == FLD_SIMPLE:
            yield from iter_runs(child)


# What people type in place of Word's check box glyph (Wingdings and Unicode ballot boxes).
TICKED_GLYPHS = "\u2612\u2611\u25a0\u25a3\u2713\u2714\u2717\u2718\u2716"
_W14_CHECKBOX = f"{{{NS['w14']}}}checkbox"
_W14_CHECKED = f"{{{NS['w14']}}}checked"
_W14_VAL = f"{{{NS['w14']}}}val"


def is_checkbox(sdt: etree._Element) -> bool:
    """A check box content control (Word 2010's w14:checkbox), read as one item."""
    pr = sdt.find(W.sdtPr)
    return pr is not None and pr.find(_W14_CHECKBOX) is not None


def checkbox_ticked(sdt: etree._Element) -> bool:
    """Ticked if Word says so, or if someone replaced the glyph by hand without Word's help."""
    checked = sdt.find(f"{W.sdtPr}/{_W14_CHECKBOX}/{_W14_CHECKED}")
    if checked is not None and checked.get(_W14_VAL, "0").lower() in ("1", "true", "on"):
        return True
    content = sdt.find(W.sdtContent)
    text = "".join(t.text or "" for t in content.iter(W.t)) if content is not None else ""
    return any(g in text for g in TICKED_GLYPHS) or text.strip().lower() == "x"


def text_boxes(el: etree._Element) -> list[etree._Element]:
    """The text-box contents (w:txbxContent) directly inside an object, outermost only."""
    out = []
    for box in el.iter(TXBX_CONTENT):
        parent = box.getparent()
        nested = False
        while parent is not None and parent is not el:
            if parent.tag == TXBX_CONTENT:
                nested = True
                break
            parent = parent.getparent()
        if not nested:
            out.append(box)
    return out


class _Walker:
    def __init__(self, resolve: Resolver | None, fields_as_units: bool = True, per_char: bool = True, identify: bool = True, hidden: bool = False):
        self.identify = identify
        self.hidden = hidden
        self.resolve = resolve
        self.fields_as_units = fields_as_units
        self.per_char = per_char
        self.items: list[Item] = []
        self.field: Item | None = None  # an open complex field
        self.depth = 0  # nesting of fields inside the open one
        self.code: list[str] = []
        self.result: list[str] = []
        self.inner: list[str] = []  # nested fields' codes and results
        self.in_result = False

    def container(self, el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == W.r:
                self.run(child)
            elif tag in (OMATH, OMATH_PARA) and self.field is None:
                self.atomic("equation", "math:" + _math_identity(child) if self.identify else "", child, None)
            elif tag == W.sdt and self.field is None and is_checkbox(child):
                self.atomic("checkbox", f"checkbox:{checkbox_ticked(child)}", child, None)
            elif tag == FLD_SIMPLE and self.field is None and self.fields_as_units:
                instr = " ".join((child.get(qn("w:instr")) or "").split())
                self.atomic("field", "fld:" + instr + "\x00" + _plain_text(child), child, None)
            elif tag in RUN_CONTAINERS or tag == FLD_SIMPLE:
                self.container(child)

    def run(self, r: etree._Element) -> None:
        # The loop every paragraph's every run goes through: names are bound locally.
        items = self.items
        per_char = self.per_char
        for c in r:
            tag = c.tag
            if tag == _T and self.field is None:
                text = c.text
                if not text:
                    continue
                if per_char:
                    # One node list and one run list for all of a w:t's characters: a text
                    # item's lists are never changed (only an open field's grow).
                    nodes, runs = [c], [r]
                    items.extend([Item("text", ch, ch, nodes, runs) for ch in text])
                else:
                    items.append(Item("text", text, text, [c], [r]))
                continue
            if tag == _RPR:
                if vanished(c) and not self.hidden:
                    return  # a hidden run: not part of the visible text
                continue
            if not isinstance(tag, str):
                continue
            if self.field is not None:
                self.in_field(c, r)
            elif tag in CHARS:
                ch = CHARS[tag]
                items.append(Item("text", ch, ch, [c], [r]))
            elif tag == _FLD_CHAR:
                if c.get(_FLD_TYPE) == "begin" and self.fields_as_units:
                    self.field = Item("field", "", "", [c], [r])
                    self.depth, self.code, self.result, self.in_result = 0, [], [], False
                    self.inner = []
            elif tag == W.ptab:
                # A positional tab (the stops of a three-part header or footer) is a unit of
                # its own: text deleted beside it must not be spelt across it.
                self.atomic("ptab", f"ptab:{c.get(W.alignment, '')}:{c.get(W.relativeTo, '')}:{c.get(W.leader, '')}", c, r)
            elif tag == _SYM:
                self.atomic("sym", f"sym:{c.get(_SYM_FONT, '')}:{(c.get(_SYM_CHAR) or '').upper()}", c, r)
            elif tag in (FOOTNOTE_REF, ENDNOTE_REF):
                self.atomic("footnote" if tag == FOOTNOTE_REF else "endnote", "note:" + etree.QName(c).localname, c, r)
            elif tag in _NOTE_MARKS:
                self.atomic("noteRef", _NOTE_MARKS[tag], c, r)
            elif tag in _OBJECTS:
                if c.find(f".//{TXBX_CONTENT}") is not None:
                    self.atomic("textbox", "textbox", c, r)
                else:
                    self.atomic("object", "obj:" + self.object_identity(c) if self.identify else "", c, r)

    def in_field(self, c: etree._Element, r: etree._Element) -> None:
        assert self.field is not None
        self.field.nodes.append(c)
        self.field.runs.append(r)
        tag = c.tag
        if tag == _FLD_CHAR:
            kind = c.get(qn("w:fldCharType"))
            if kind == "begin":
                self.depth += 1
            elif kind == "separate" and self.depth == 0:
                self.in_result = True
            elif kind == "end":
                if self.depth == 0:
                    self.close_field()
                else:
                    self.depth -= 1
        elif tag == _INSTR and self.depth == 0:
            self.code.append(c.text or "")
        elif tag in (_INSTR, W.t) and self.depth > 0:
            # A nested field ({ = { PAGE } + 1 }): its code and result are the outer field's
            # content too, or an edit of the inner result would compare as no change.
            self.inner.append(("\x01" if tag == _INSTR else "\x02") + (c.text or ""))
        elif tag == W.t and self.in_result:
            self.result.append(c.text or "")
        elif tag in CHARS and self.in_result:
            self.result.append(CHARS[tag])
        elif tag in _OBJECTS and self.in_result:
            self.result.append("obj:" + self.object_identity(c))

    def close_field(self) -> None:
        if self.field is None:
            return
        code = " ".join("".join(self.code).split())
        self.field.identity = "fld:" + code + "\x00" + "".join(self.result) + ("\x00" + "".join(self.inner) if self.inner else "")
        self.items.append(self.field)
        self.field = None

    def atomic(self, kind: str, identity: str, el: etree._Element, run: etree._Element | None) -> None:
        self.items.append(Item(kind, "", identity, [el], [run]))

    def object_identity(self, el: etree._Element) -> str:
        """A picture, chart or diagram by the bytes of the parts it refers to; without them
        (no resolver, or a linked picture), by its markup minus ids."""
        import hashlib  # here: most documents have no object, and hashlib loads OpenSSL

        h = hashlib.sha1()
        found = False
        for node in el.iter():
            if not isinstance(node.tag, str):
                continue
            for attr, value in sorted(node.attrib.items()):
                if attr.startswith(f"{{{R_NS}}}"):
                    data = self.resolve(value) if self.resolve is not None else None
                    h.update(data if data is not None else f"{etree.QName(attr).localname}={value}".encode())
                    found = True
        if not found:
            h.update(_markup_identity(el).encode())
        return h.hexdigest()


def _plain_text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(W.t))


def _math_identity(el: etree._Element) -> str:
    """An equation by its structure and text; run properties and revision ids do not count."""
    parts = []
    for node in el.iter():
        if not isinstance(node.tag, str) or node.tag.startswith(f"{{{NS['w']}}}"):
            continue
        parts.append(etree.QName(node).localname)
        val = node.get(f"{{{M_NS}}}val")
        if val is not None:
            parts.append("=" + val)
        if node.text and node.tag == f"{{{M_NS}}}t":
            parts.append('"' + node.text + '"')
    import hashlib

    return hashlib.sha1("/".join(parts).encode()).hexdigest()


_ID_ATTRS = {"id", "name", "descr", "anchorId", "editId", "paraId", "textId"}


def _markup_identity(el: etree._Element) -> str:
    parts = []
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        attrs = ",".join(f"{etree.QName(k).localname}={v}" for k, v in sorted(node.attrib.items()) if etree.QName(k).localname not in _ID_ATTRS)
        parts.append(f"{etree.QName(node).localname}[{attrs}]{node.text or ''}")
    return "|".join(parts)

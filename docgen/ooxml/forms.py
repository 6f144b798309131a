"""Reading what a respondent wrote into a returned form's tables, as plain text.

Respondents fill a form in Word, LibreOffice or something else, and tick boxes in many
ways: clicking the check box content control (Word sets w14:checked and swaps the glyph),
typing X over the box, pasting a ballot box, or inserting a Wingdings symbol. How each of
those is spelled in WordprocessingML is known here, and only here: a table becomes rows of
cell text in which every box reads as ☐ or ☒, so the response pack reads answers from text
without knowing the markup.
"""

from __future__ import annotations

from docgen.ooxml.content import Item, checkbox_ticked, paragraph_items, reader_char
from docgen.ooxml.element import Element, is_on
from docgen.ooxml.ns import DEL, W

EMPTY_BOX = "\u2610"
TICKED_BOX = "\u2612"
# Wingdings code points Word's Insert Symbol uses for boxes (with and without the F000 offset).
_WINGDINGS_TICKED = frozenset({"fd", "fe", "f0fd", "f0fe", "78", "f078"})
_WINGDINGS_EMPTY = frozenset({"a8", "f0a8", "6f", "f06f"})


def document_tables(root: Element) -> list[list[list[str]]]:
    """Every table of a document's body (nested ones too, in document order) as rows of
    cell text; rows deleted as tracked changes are not part of the answer."""
    body = root.find(W.body)
    return [table_cells(t) for t in body.iter(W.tbl)] if body is not None else []


def document_paragraphs(root: Element) -> list[str]:
    """The text of the body's paragraphs outside tables, in order (a letter that answers the
    questions in prose instead of the template's tables)."""
    body = root.find(W.body)
    if body is None:
        return []
    out = []
    for p in body.iter(W.p):
        parent = p.getparent()
        while parent is not None and parent is not body and parent.tag != W.tc:
            parent = parent.getparent()
        if parent is not None and parent.tag == W.tc:
            continue
        items = paragraph_items(p, fields_as_units=False, per_char=False, identify=False)
        out.append(" ".join("".join(_item_text(it) for it in items).split()))
    return out


def table_cells(tbl: Element) -> list[list[str]]:
    rows = []
    for tr in tbl.findall(W.tr):
        if tr.find(f"{W.trPr}/{DEL}") is not None:
            continue
        rows.append([cell_text(tc) for tc in tr.findall(W.tc)])
    return rows


class CellText(str):
    """A cell's text, and the stretches of it the respondent emphasised (bold, highlighted,
    shaded, underlined or coloured) where only part of the cell is: some mark their choice that way
    instead of ticking its box. A plain str everywhere else."""

    emphasised: tuple[str, ...] = ()

    @classmethod
    def of(cls, text: str, emphasised: tuple[str, ...]) -> "CellText":
        made = cls(text)
        made.emphasised = emphasised
        return made


_NO_MARK = ("none",)  # w:highlight / w:u values that mean none


def emphasised_run(run: Element | None) -> bool:
    """Whether a run is set off from the text around it: bold, highlighted, shaded, underlined
    or in a colour."""
    rpr = run.find(W.rPr) if run is not None else None
    if rpr is None:
        return False
    if is_on(rpr.find(W.b)):
        return True
    highlight = rpr.find(W.highlight)
    if highlight is not None and (highlight.get(W.val) or "none").lower() not in _NO_MARK:
        return True
    shading = rpr.find(W.shd)
    if shading is not None and (shading.get(W.fill) or "auto").lower() not in ("auto", "ffffff", "none"):
        return True
    underline = rpr.find(W.u)
    if underline is not None and (underline.get(W.val) or "single").lower() not in _NO_MARK:
        return True
    colour = rpr.find(W.color)
    return colour is not None and (colour.get(W.val) or "auto").lower() not in ("auto", "000000")


def cell_text(tc: Element) -> CellText:
    """A cell's text in its accepted state: paragraphs on lines, every box as ☐ or ☒; with
    the emphasised stretches when only part of the cell's words is emphasised.

    A nested table's paragraphs belong to the nested table, which is read on its own."""
    lines = []
    stretches: list[str] = []
    plain = False
    for p in tc.iter(W.p):
        if _inside_nested_table(p, tc):
            continue
        items = paragraph_items(p, fields_as_units=False, per_char=False, identify=False)
        lines.append(" ".join("".join(_item_text(it) for it in items).split()))
        current = ""
        for it in items:
            text = _item_text(it)
            if it.kind == "text" and emphasised_run(it.run):
                current += text
                continue
            if text.strip(f" {EMPTY_BOX}{TICKED_BOX}"):
                plain = True
            if current.strip():
                stretches.append(" ".join(current.split()))
            current = ""
        if current.strip():
            stretches.append(" ".join(current.split()))
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return CellText.of("\n".join(lines), tuple(stretches) if plain else ())


def _inside_nested_table(p: Element, tc: Element) -> bool:
    parent = p.getparent()
    while parent is not None and parent is not tc:
        if parent.tag == W.tc:
            return True
        parent = parent.getparent()
    return False


def _item_text(item: Item) -> str:
    """What a respondent's answer reads as: text as the reader reads it, check boxes (content
    controls or Wingdings symbols) as ☐ or ☒."""
    if item.kind == "checkbox":
        if _deleted(item.nodes[0]):
            return ""  # deleted with Track Changes on: not part of the answer
        return TICKED_BOX if checkbox_ticked(item.nodes[0]) else EMPTY_BOX
    if item.kind == "sym":
        return _symbol(item.nodes[0])
    char = reader_char(item)
    if len(char) == 1 and 0xF000 <= ord(char) <= 0xF0FF:
        # A symbol-font character written as text in the private-use range: LibreOffice saves
        # Word's w:sym check boxes this way (run font Wingdings, character U+F0FE).
        code = f"{ord(char):x}"
        return TICKED_BOX if code in _WINGDINGS_TICKED else EMPTY_BOX if code in _WINGDINGS_EMPTY else char
    return char


def _deleted(sdt: Element) -> bool:
    """Whether every run of a content control is a tracked deletion (the respondent deleted
    the options they did not choose, with Track Changes on)."""
    content = sdt.find(W.sdtContent)
    runs = list(content.iter(W.r)) if content is not None else []
    return bool(runs) and all(any(a.tag == DEL for a in r.iterancestors() if a is not sdt) for r in runs)


def _symbol(sym: Element) -> str:
    code = (sym.get(W.char) or "").lower().lstrip("0") or "0"
    if code in _WINGDINGS_TICKED:
        return TICKED_BOX
    if code in _WINGDINGS_EMPTY:
        return EMPTY_BOX
    return ""

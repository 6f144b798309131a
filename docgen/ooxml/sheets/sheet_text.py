"""Rewriting the text of chosen workbook cells in the sheet XML itself, leaving the rest alone.

Why not openpyxl: a load and save through it drops what it does not model (conditional
formats, data validations, comments' layout, themes, rich-text runs) and rewrites every cell,
so a matrix that had three references corrected would come back changed everywhere. Here only
the cells asked for are touched, in the worksheet and shared-strings parts of the package.

SpreadsheetML details handled once, here: sheets found through the workbook's relationships;
inline strings, shared strings (a string shared with other cells is copied, never edited in
place) and typed numbers ("18.52" becomes an inline string, keeping the cell's style); rich-text
runs keep their formatting, and struck-through runs (a redlined workbook's deletions) are
read-only. Formulas are never rewritten.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping

from lxml import etree

from docgen.ooxml.element import is_on
from docgen.ooxml.ns import NS, qn
from docgen.ooxml.parts import part_relationships, serialise, xml_part
from docgen.ooxml.text_slots import TextSlot, spread_rewrite

WORKBOOK = "xl/workbook.xml"
CELL_NAME = re.compile(r"^([A-Z]{1,3})(\d+)$")

Rewrite = Callable[[str], str]


def cell_order(name: str) -> tuple[int, str]:
    """Sort key reading cells row by row, columns left to right ('B2' before 'AA2')."""
    match = CELL_NAME.match(name)
    return (int(match.group(2)), match.group(1).rjust(3)) if match else (0, name)


def cell_row(name: str) -> int | None:
    """'C12' -> 12; None for a name that is not a plain A1 reference."""
    match = CELL_NAME.match(name)
    return int(match.group(2)) if match else None


class SheetText:
    """A workbook package whose cells' text can be rewritten one cell at a time.

    `updated_parts()` gives the package with only the edited parts re-serialised.
    """

    def __init__(self, parts: Mapping[str, bytes], source: str):
        self._parts = parts
        self._source = source
        self._sheets = sheet_parts(parts, source)
        self._strings = _SharedStrings.load(parts, self._sheets, source)
        self._cells: dict[str, dict[str | None, etree._Element]] = {}
        self._roots: dict[str, etree._Element] = {}
        self._touched: dict[str, etree._Element] = {}

    def has_sheet(self, sheet: str) -> bool:
        return sheet in self._sheets

    def cell_names(self, sheet: str) -> list[str]:
        """The sheet's written cells, in reading order (row by row)."""
        return sorted((name for name in self._sheet_cells(sheet) if name is not None), key=cell_order)

    def has_cell(self, sheet: str, name: str) -> bool:
        return name in self._sheet_cells(sheet)

    def rewrite(self, sheet: str, name: str, rewrite: Rewrite, warnings: list[str], *, prose: bool = False) -> tuple[str, str] | None:
        """(old text, new text) when the cell changed, else None.

        `prose` cells (notes citing references in passing) are only rewritten where they hold
        text: a number or a formula result there is not a reference.
        """
        cell = self._sheet_cells(sheet)[name]
        result = _edit_cell(cell, self._strings, rewrite, f"{sheet}!{name}", warnings, prose=prose)
        if result is not None:
            part = self._sheets[sheet]
            self._touched[part] = self._roots[part]
        return result

    def updated_parts(self) -> dict[str, bytes]:
        out = dict(self._parts)
        for part, root in self._touched.items():
            out[part] = serialise(root)
        if self._strings.changed:
            out[self._strings.part] = serialise(self._strings.root)  # type: ignore[arg-type,index]
        return out

    def _sheet_cells(self, sheet: str) -> dict[str | None, etree._Element]:
        cells = self._cells.get(sheet)
        if cells is None:
            part = self._sheets[sheet]
            root = self._roots[part] = xml_part(self._parts, part, self._source)
            cells = self._cells[sheet] = {c.get("r"): c for c in root.iter(qn("ss:c"))}
        return cells


def sheet_parts(parts: Mapping[str, bytes], source: str) -> dict[str, str]:
    """Sheet name -> worksheet part, through the workbook's relationships."""
    if WORKBOOK not in parts:
        return {}
    rels = part_relationships(parts, WORKBOOK)
    out: dict[str, str] = {}
    for sheet in xml_part(parts, WORKBOOK, source).iter(qn("ss:sheet")):
        target = rels.get(sheet.get(f"{{{NS['r']}}}id", ""))
        if target and target in parts:
            out[sheet.get("name", "")] = target
    return out


class _SharedStrings:
    """xl/sharedStrings.xml, with how many cells use each string (a shared string is only
    edited in place when one cell uses it)."""

    def __init__(self, part: str | None, root: etree._Element | None, uses: dict[int, int]):
        self.part = part
        self.root = root
        self.uses = uses
        self.items = list(root.iter(qn("ss:si"))) if root is not None else []
        self.changed = False

    @classmethod
    def load(cls, parts: Mapping[str, bytes], sheets: Mapping[str, str], source: str) -> "_SharedStrings":
        rels = part_relationships(parts, WORKBOOK) if WORKBOOK in parts else {}
        name = next((t for t in rels.values() if t.endswith("sharedStrings.xml") and t in parts), None)
        if name is None:
            return cls(None, None, {})
        uses: dict[int, int] = {}
        for part in sheets.values():
            for cell in xml_part(parts, part, source).iter(qn("ss:c")):
                value = cell.find(qn("ss:v"))
                if cell.get("t") == "s" and value is not None and (value.text or "").strip().isdigit():
                    index = int(value.text.strip())  # type: ignore[union-attr]
                    uses[index] = uses.get(index, 0) + 1
        return cls(name, xml_part(parts, name, source), uses)

    def own_copy(self, index: int) -> tuple[int, etree._Element]:
        """The string item a cell may edit: itself when unshared, else a new copy."""
        item = self.items[index]
        if self.uses.get(index, 0) <= 1:
            return index, item
        clone = copy.deepcopy(item)
        self.root.append(clone)  # type: ignore[union-attr]
        self.items.append(clone)
        self.uses[index] -= 1
        new_index = len(self.items) - 1
        self.uses[new_index] = 1
        self.root.set("uniqueCount", str(len(self.items)))  # type: ignore[union-attr]
        return new_index, clone


def _edit_cell(
    cell: etree._Element,
    strings: _SharedStrings,
    rewrite: Rewrite,
    where: str,
    warnings: list[str],
    *,
    prose: bool = False,
) -> tuple[str, str] | None:
    kind = cell.get("t", "n")
    value = cell.find(qn("ss:v"))
    if cell.find(qn("ss:f")) is not None:
        text = value.text if value is not None else ""
        if not prose and rewrite(text or "") != (text or ""):
            warnings.append(f"{where} holds a formula; its reference {text!r} was not updated")
        return None
    if kind == "inlineStr":
        container = cell.find(qn("ss:is"))
        return _edit_rich(container, rewrite, where, warnings) if container is not None else None
    if kind == "s":
        if strings.root is None or value is None or not (value.text or "").strip().isdigit():
            return None
        index = int(value.text.strip())  # type: ignore[union-attr]
        if index >= len(strings.items):
            return None
        probe = _rich_text(strings.items[index])
        if rewrite(probe) == probe:
            return None
        new_index, item = strings.own_copy(index)
        result = _edit_rich(item, rewrite, where, warnings)
        if result is not None:
            value.text = str(new_index)
            strings.changed = True
        return result
    if kind in ("n", "str") and value is not None and not prose:
        old = value.text or ""
        new = rewrite(old)
        if new == old:
            return None
        # A reference typed as a number ("18.52"): it becomes text, keeping the cell's style.
        cell.remove(value)
        cell.set("t", "inlineStr")
        container = etree.SubElement(cell, qn("ss:is"))
        etree.SubElement(container, qn("ss:t")).text = new
        return old, new
    return None


def _rich_text(container: etree._Element) -> str:
    return "".join(s.text for s in _string_slots(container))


def _edit_rich(container: etree._Element, rewrite: Rewrite, where: str, warnings: list[str]) -> tuple[str, str] | None:
    slots = _string_slots(container)
    old = "".join(s.text for s in slots)
    new = rewrite(old)
    if new == old:
        return None
    if not spread_rewrite(slots, lambda _text: new):
        warnings.append(f"{where}: the reference in {old!r} runs through struck-through text; it was not updated")
        return None
    return old, new


def _string_slots(container: etree._Element) -> list[TextSlot]:
    """The visible text of a string item: plain <t>, or rich-text runs <r><t>; phonetic
    runs are not text. Struck-through runs are read-only."""
    slots: list[TextSlot] = []
    for child in container:
        if child.tag == qn("ss:t"):
            slots.append(TextSlot(child.text or "", child))
        elif child.tag == qn("ss:r"):
            struck = child.find(f"{qn('ss:rPr')}/{qn('ss:strike')}")
            is_struck = is_on(struck, "val")
            for t in child.findall(qn("ss:t")):
                slots.append(TextSlot(t.text or "", None if is_struck else t))
    return slots

"""REF fields flattened to their results, so a revised result prints as the revision it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from docgen.ooxml.ns import W, qn
from docgen.writers.publication_docx.common import (
    DEL,
    DEL_INSTR,
    FLD_CHAR,
    FLD_SIMPLE,
    INS,
    INSTR,
)

if TYPE_CHECKING:
    pass


# ----- REF fields -----------------------------------------------------------------------------------


@dataclass
class _Field:
    """A complex field being walked: its instruction so far and the runs of its code part."""

    code: list[etree._Element]
    instr: str = ""
    in_result: bool = False


def flatten_ref_fields(body: etree._Element) -> None:
    """REF fields (cross-references) become their result text, revisions in it included.

    A field's code runs (begin, instruction, separate) and its end are removed; what the
    result held stays, so a struck old reference and an inserted new one print as such.
    """
    stack: list[_Field] = []
    doomed: list[etree._Element] = []
    for r in list(body.iter(W.r)):
        fld = r.find(FLD_CHAR)
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
            for instr in r.iter(INSTR, DEL_INSTR):
                top.instr += instr.text or ""
            top.code.append(r)
    for r in doomed:
        parent = r.getparent()
        if parent is not None:
            parent.remove(r)
    for simple in list(body.iter(FLD_SIMPLE)):
        if (simple.get(qn("w:instr")) or "").split()[:1] == ["REF"]:
            parent = simple.getparent()
            at = list(parent).index(simple)
            for offset, child in enumerate(list(simple)):
                parent.insert(at + offset, child)
            parent.remove(simple)
    # A revision mark left empty by the removal would print nothing but still count.
    for mark in list(body.iter(INS, DEL)):
        if mark.getparent() is not None and mark.getparent().tag != W.rPr and mark.getparent().tag != W.trPr and len(mark) == 0:
            mark.getparent().remove(mark)

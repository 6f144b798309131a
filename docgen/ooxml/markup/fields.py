"""Word fields: building a complex field's runs, and flattening fields to their results.

A complex field is spread over runs: one holding `w:fldChar` begin, runs of instruction
text, a separate character, the cached result, and an end character (ECMA-376 Part 1,
17.16.18); a simple field is one `w:fldSimple` around its result. Writers ask for a field
by its instruction and say what its result holds; the run sequence is spelled here.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from docgen.ooxml.markup.build import XML_SPACE, run
from docgen.ooxml.element import Element, make
from docgen.ooxml.ns import DEL, DEL_INSTR, INS, W, qn

FLD_CHAR, FLD_SIMPLE = qn("w:fldChar"), qn("w:fldSimple")
FLD_CHAR_TYPE = qn("w:fldCharType")


def field_char(kind: str, *, dirty: bool = False) -> Element:
    """A run holding a field character: 'begin', 'separate' or 'end'.

    `dirty` (on a begin) asks Word to recompute the field when it opens the document."""
    char = make(FLD_CHAR, {FLD_CHAR_TYPE: kind})
    if dirty:
        char.set(qn("w:dirty"), "true")
    return run(char)


def instruction(code: str) -> Element:
    """A run of field instruction text, spaces kept (' PAGEREF _Toc1 \\h ')."""
    instr = make(W.instrText, text=code)
    instr.set(XML_SPACE, "preserve")
    return run(instr)


@dataclass
class _Field:
    """A complex field being walked: its instruction so far and the runs of its code part."""

    code: list[Element] = field(default_factory=list)
    instr: str = ""
    in_result: bool = False


def flatten_fields(body: Element, name: str) -> None:
    """Fields whose instruction starts with `name` ('REF') become their result, revisions in it kept.

    A complex field's code runs (begin, instruction, separate) and its end are removed; what
    its result held stays, so a struck old result and an inserted new one print as such. A
    simple field is unwrapped. A revision mark left empty by the removal would print
    nothing but still count as a change, so it goes too.
    """
    stack: list[_Field] = []
    doomed: list[Element] = []
    for r in list(body.iter(W.r)):
        fld = r.find(FLD_CHAR)
        kind = fld.get(FLD_CHAR_TYPE) if fld is not None else None
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
            if top.instr.split()[:1] == [name]:
                doomed.extend(top.code)
        elif not top.in_result:
            for instr in r.iter(W.instrText, DEL_INSTR):
                top.instr += instr.text or ""
            top.code.append(r)
    for r in doomed:
        parent = r.getparent()
        if parent is not None:
            parent.remove(r)
    for simple in list(body.iter(FLD_SIMPLE)):
        if (simple.get(qn("w:instr")) or "").split()[:1] == [name]:
            parent = simple.getparent()
            at = list(parent).index(simple)
            for offset, child in enumerate(list(simple)):
                parent.insert(at + offset, child)
            parent.remove(simple)
    for mark in list(body.iter(INS, DEL)):
        parent = mark.getparent()
        if parent is not None and parent.tag != W.rPr and parent.tag != W.trPr and len(mark) == 0:
            parent.remove(mark)


def as_complex_field(simple: Element) -> list[Element]:
    """The runs of the complex field that says what the simple field `simple` says.

    A tracked change cannot hold a `w:fldSimple` (w:ins and w:del hold runs), so a simple
    field inserted or deleted as a whole is spelled as begin, instruction, separate, its
    result, end; each of those is a run (or what the result held) a revision can wrap.
    Its lock, dirty flag and field data go on the begin character; the field characters
    take the formatting of the result's first run. The result's nodes are moved, not copied.
    """
    code = simple.get(qn("w:instr"), "")
    result = [c for c in simple if isinstance(c.tag, str) and c.tag != qn("w:fldData")]
    runs = [field_char("begin"), instruction(code), field_char("separate"), *result, field_char("end")]
    begin = runs[0].find(FLD_CHAR)
    for attr in ("w:fldLock", "w:dirty"):
        if simple.get(qn(attr)) is not None:
            begin.set(qn(attr), simple.get(qn(attr)))
    data = simple.find(qn("w:fldData"))
    if data is not None:
        begin.append(data)
    first = next((c for c in result if c.tag == W.r), None)
    rpr = first.find(W.rPr) if first is not None else None
    if rpr is not None:
        for r in runs[:3] + runs[-1:]:
            r.insert(0, copy.deepcopy(rpr))
    return runs

"""LISTNUM fields, the numbers law-firm templates put in running text instead of list
paragraphs: each takes the next number of a named (or the paragraph's own) list at a level."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import etree

from docgen.ooxml.ns import W
from docgen.ooxml.lists.numbering import AbstractNumDef, LevelDef, MAX_LEVELS, NumDef, NumPlan, NumberingState, Rendered, to_int


_LISTNUM = re.compile(r"^\s*LISTNUM(?:\s+(.*))?$", re.IGNORECASE | re.DOTALL)
_FIELD_ARG = re.compile(r'"([^"]*)"|(\\[A-Za-z])|(\S+)')
_BUILTIN_LISTS: dict[str, tuple[tuple[str, str], ...]] = {
    "numberdefault": (("decimal", "%1)"), ("lowerLetter", "%2)"), ("lowerRoman", "%3)"),
                      ("decimal", "(%4)"), ("lowerLetter", "(%5)"), ("lowerRoman", "(%6)"),
                      ("decimal", "%7."), ("lowerLetter", "%8."), ("lowerRoman", "%9.")),
    "outlinedefault": (("upperRoman", "%1."), ("upperLetter", "%2."), ("decimal", "%3."),
                       ("lowerLetter", "%4)"), ("decimal", "(%5)"), ("lowerLetter", "(%6)"),
                       ("lowerRoman", "(%7)"), ("lowerLetter", "(%8)"), ("lowerRoman", "(%9)")),
    "legaldefault": tuple(("decimal", ".".join(f"%{k}" for k in range(1, n + 1)) + ".") for n in range(1, MAX_LEVELS + 1)),
}


@dataclass(frozen=True)
class ListNumField:
    """One { LISTNUM "name" \\l level \\s start } field and where it sits in its paragraph."""

    name: str | None
    level: int | None  # \l, 1-based
    start: int | None  # \s
    before: str  # the paragraph's text before the field
    has_result: bool  # Word saved a result with the field (shown as is)


def parse_listnum(instr: str) -> tuple[str | None, int | None, int | None] | None:
    """(name, \\l level, \\s start) of a LISTNUM field code, or None for another field."""
    m = _LISTNUM.match(instr)
    if m is None:
        return None
    name = level = start = None
    args = _FIELD_ARG.findall(m.group(1) or "")
    i = 0
    while i < len(args):
        quoted, switch, bare = args[i]
        if switch:
            value = args[i + 1] if i + 1 < len(args) else ("", "", "")
            number = to_int(value[0] or value[2])
            if switch.lower() == "\\l" and number is not None:
                level = max(1, min(number, MAX_LEVELS))
            elif switch.lower() == "\\s" and number is not None:
                start = number
            i += 2
            continue
        if name is None:
            name = quoted if quoted else bare
        i += 1
    return name or None, level, start


def listnum_fields(p: etree._Element) -> list[ListNumField]:
    """The LISTNUM fields of a paragraph in order, simple (w:fldSimple) or complex (w:fldChar)."""
    found: list[ListNumField] = []
    before: list[str] = []
    frames: list[dict] = []  # open complex fields: instruction pieces, text before, state
    for el in p.iter(W.t, W.instrText, W.fldChar, W.fldSimple):
        tag = el.tag
        if tag == W.t:
            before.append(el.text or "")
        elif tag == W.instrText:
            if frames and frames[-1]["in_instr"]:
                frames[-1]["instr"].append(el.text or "")
        elif tag == W.fldSimple:
            parsed = parse_listnum(el.get(W.instr, ""))
            if parsed is not None:
                has_result = any((t.text or "").strip() for t in el.iter(W.t))
                found.append(ListNumField(*parsed, before="".join(before), has_result=has_result))
        else:
            kind = el.get(W.fldCharType)
            if kind == "begin":
                frames.append({"instr": [], "before": "".join(before), "in_instr": True, "result": len(before)})
            elif kind == "separate" and frames:
                frames[-1]["in_instr"] = False
                frames[-1]["result"] = len(before)
            elif kind == "end" and frames:
                frame = frames.pop()
                parsed = parse_listnum("".join(frame["instr"]))
                if parsed is not None:
                    result = "".join(before[frame["result"]:]) if not frame["in_instr"] else ""
                    found.append(ListNumField(*parsed, before=frame["before"], has_result=bool(result.strip())))
    return found


def _builtin_plan(key: str, kind: str) -> NumPlan:
    levels = [LevelDef(ilvl=k, fmt=fmt, text=text) for k, (fmt, text) in enumerate(_BUILTIN_LISTS[kind])]
    abstract = AbstractNumDef(abstract_id=key, levels={lv.ilvl: lv for lv in levels})
    resets = [tuple(range(k + 1, MAX_LEVELS)) for k in range(MAX_LEVELS)]
    return NumPlan(NumDef(num_id=key, abstract_id=key), abstract, list(levels), [1] * MAX_LEVELS, resets)


def number_listnum(state: NumberingState, fld: ListNumField, paragraph: Rendered | None, style_id: str | None) -> Rendered | None:
    """Count one LISTNUM field: its list, its level, its label."""
    plan: NumPlan | None = None
    if fld.name is None and paragraph is not None:
        plan = state._plans.get(paragraph.num_id)
        ilvl = fld.level - 1 if fld.level else min(paragraph.ilvl + 1, MAX_LEVELS - 1)
    if plan is None:
        name = fld.name or "NumberDefault"
        kind = name.lower() if name.lower() in _BUILTIN_LISTS else "numberdefault"
        key = f"LISTNUM {name}"
        plan = state._plans.get(key)
        if plan is None:
            plan = state._plans[key] = _builtin_plan(key, kind)
        ilvl = fld.level - 1 if fld.level else 0
    if fld.start is not None:
        counters = state.counters.setdefault(plan.abstract.abstract_id, [None] * MAX_LEVELS)
        state.seen_nums.add(plan.num.num_id)
        counters[ilvl] = fld.start - 1
    return state._count(plan, ilvl, style_id, False)


def apply_listnum(state: NumberingState, fields: list[ListNumField], text: str, paragraph: Rendered | None, style_id: str | None) -> tuple[str, Rendered | None]:
    """Number a paragraph's LISTNUM fields: each label goes into the text where its field stands,
    except a field opening an unnumbered paragraph, whose number becomes the paragraph's own
    (returned; the text is then left as it is)."""
    lead: Rendered | None = None
    cuts: list[tuple[int, str]] = []
    for fld in fields:
        rendered = number_listnum(state, fld, paragraph, style_id)
        if rendered is None or fld.has_result:
            continue  # a saved result is already in the text
        before = " ".join(fld.before.split())
        if not before and paragraph is None and lead is None:
            # No Word list to move it in: the transforms must treat it like a typed number.
            lead = replace(rendered, num_id=None)
            continue
        if text.startswith(before):  # else text run on from a deleted paragraph mark: no place for it
            cuts.append((len(before), rendered.label))
    if not cuts:
        return text, lead
    out: list[str] = []
    last = 0
    for pos, label in cuts:
        out.append(text[last:pos])
        out.append((" " if pos else "") + label + ("" if text[pos:pos + 1] in (" ", "") else " "))
        last = pos
    out.append(text[last:])
    return "".join(out), lead

"""Rewriting the references cited in a text after a renumbering, keeping each author's
spelling ("18.5p" stays glued, "3.1 (g)" keeps its space)."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from docgen.refs.grammar import _ANNEX_RE, _NUMBER_RE, _TABLE_RE, _segments, find_refs, parse_ref
from docgen.refs.labels import is_letter_label
from docgen.refs.value import THIS_DOCUMENT, Ref



def _render_number(written: str, number: str, points: tuple[str, ...]) -> str:
    """`number` and `points` in the style of `written`: '18.5p' stays glued, '3.1 (g)' keeps
    its space, anything else gets the canonical parentheses."""
    found = _NUMBER_RE.match(written)
    rest = written[found.end() :] if found else ""
    tail = list(points)
    out = number
    if rest[:1].isalpha() and tail and is_letter_label(tail[0]) and not number[-1].isalpha():
        out += tail.pop(0)
    elif tail and rest[:1].isspace():
        out += rest[: len(rest) - len(rest.lstrip())]
    return out + "".join(f"({p})" for p in tail)


def _render_like(written: str, old: Ref, new: Ref) -> str:
    """`new` spelled the way `written` (a self-contained citation of `old`) was spelled."""
    if new.annex:
        head = _ANNEX_RE.match(written) if old.annex else None
        return head.group("aword") + new.number if head else new.canonical()
    if new.table is not None:
        head = _TABLE_RE.match(written) if old.table is not None else None
        if head is None:
            return new.canonical()
        same_table = new.table == old.table
        prefix = (
            head.group("tword")
            + head.group("tgap")
            + new.table
            + head.group("sep")
            + ((head.group("mid") or "") if same_table else "")
            + head.group("sword")
            + head.group("sgap")
        )
        return prefix + _render_number(written[head.end() :], new.number, new.points)
    if old.annex or old.table is not None:
        return new.canonical()
    return _render_number(written, new.number, new.points)


def _is_continuation(written: str, ref: Ref) -> bool:
    """'(b)' after '18.5(a) and', '5.10.18' after 'Table 5.10 Steps 5.10.17 and', 'F' after
    'Annex E and': spellings that only mean something after the reference before them."""
    if ref.annex:
        return not written[:5].lower() == "annex"
    if ref.table is not None:
        return not written[:5].lower() == "table"
    return written.startswith("(")


def _render_after(written: str, new: Ref, before: Ref | None) -> str:
    """`new` as a continuation of `before`, when that still reads as `new`; else in full.
    Mirrors how the scanners read continuations, so a rewrite never changes their meaning."""
    if before is not None and new.doc == before.doc:
        if new.annex and before.annex:
            return new.number
        if new.table is not None and new.table == before.table and _segments(new) == _segments(before):
            return _render_number(written, new.number, new.points)
        keep = len(before.points) - 1
        if (
            not new.annex
            and new.table is None
            and (before.table, before.annex) == (None, False)
            and before.points
            and new.number == before.number
            and len(new.points) > keep
            and new.points[:keep] == before.points[:keep]
        ):
            return "".join(f"({p})" for p in new.points[keep:])
    return new.canonical()


def rewrite_refs(
    text: str,
    mapping: dict[str, str],
    *,
    docs: Iterable[str | None] = (None, THIS_DOCUMENT),
) -> str:
    """Replace cited refs whose canonical form is a key of `mapping`, keeping how the author
    spelled them. Only refs whose qualifier is in `docs` are touched: renumbering the S1SR
    must not rewrite 'Clause 1.4 of the TMAD'. A continuation like the '(b)' of
    '18.5(a) and (b)' is spelled out in full when its head was rewritten under it. Text
    outside the rewritten spans is kept byte for byte."""
    if not mapping:
        return text
    allowed = set(docs)
    targets: dict[str, Ref] = {}
    pieces: list[str] = []
    kept = 0
    old_before: Ref | None = None
    new_before: Ref | None = None
    for match in find_refs(text):
        old = match.ref
        key = old.canonical()
        new = old
        if key in mapping and old.doc in allowed:
            if key not in targets:
                targets[key] = replace(parse_ref(mapping[key]), doc=None)
            new = replace(targets[key], doc=old.doc)
        if _is_continuation(match.written, old):
            unchanged = new == old and new_before == old_before
            spelled = match.written if unchanged else _render_after(match.written, new, new_before)
        else:
            spelled = match.written if new == old else _render_like(match.written, old, new)
        if spelled != match.written:
            pieces.append(text[kept : match.start])
            pieces.append(spelled)
            kept = match.end
        old_before, new_before = old, new
    if not pieces:
        return text
    pieces.append(text[kept:])
    return "".join(pieces)

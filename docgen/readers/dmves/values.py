"""Splitting the list-valued DMVES cells: SRVs, device models and EPCL GroupIDs.

Authors list several values in one cell with whatever came to hand: commas, semicolons, line
breaks, ' and ', ' / '. Device model names themselves contain spaces, digits, '+' and
sometimes a slash ('Liberty 100/110', 'L+G E470'), so a slash splits only when spaced and
nothing splits inside brackets.
"""

from __future__ import annotations

import re

# What people type in a cell to mean "nothing here".
_NULLS = frozenset({"", "n/a", "na", "n.a.", "-", "–", "—", "none", "nil", "null", "not applicable"})

# A separator at bracket depth 0. The slash needs a space on one side at least.
_DEVICE_SEPARATOR = re.compile(r"\s*[,;\n]\s*|\s+and\s+|\s+&\s+|\s+/\s*|\s*/\s+", re.IGNORECASE)
_GROUP_SEPARATOR = re.compile(r"\s*[,;\n/&]\s*|\s+and\s+", re.IGNORECASE)
_SRV_SEPARATOR = re.compile(r"\s*[,;\n/&]\s*|\s+and\s+|\s+or\s+", re.IGNORECASE)
# 'SRV 4.8.1', 'SRV4.8.1', 'SRVs 4.8.1', '4.8.1', 'SRV 11': a bare number counts only when dotted.
_SRV = re.compile(r"(?P<prefix>\bSRVs?\s*)?(?<![\d.])(?P<num>\d{1,3}(?:\.\d{1,3}){0,3})(?![\d.]*\d)", re.IGNORECASE)
_GROUP_CODE = re.compile(r"[A-Z0-9]{1,5}")
_BULLET = re.compile(r"^[\s•·*\-–]+(?=\S)")
_EDGE_PUNCT = " \t.,;:"


def is_null(text: str) -> bool:
    return " ".join(text.split()).lower() in _NULLS


def collapse(text: str) -> str:
    """One line, single spaces: how a value is compared and reported."""
    return " ".join(text.split())


def split_outside_brackets(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split on `separator` except inside (...) or [...], where commas belong to the name."""
    parts: list[str] = []
    depth = 0
    start = 0
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif depth == 0:
            found = separator.match(text, pos)
            if found is not None and found.end() > pos:
                parts.append(text[start:pos])
                start = pos = found.end()
                continue
        pos += 1
    parts.append(text[start:])
    return parts


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for v in values:
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out


def split_srvs(text: str) -> list[str]:
    """Every SRV in a cell as 'SRV n.n.n'; words that are not SRV numbers ('All') are kept as written."""
    if is_null(text):
        return []
    out: list[str] = []
    for part in split_outside_brackets(text, _SRV_SEPARATOR):
        part = collapse(part)
        if is_null(part):
            continue
        numbers = [
            f"SRV {m.group('num')}"
            for m in _SRV.finditer(part)
            if m.group("prefix") or "." in m.group("num")
        ]
        out.extend(numbers or [part.strip(_EDGE_PUNCT)])
    return _unique(out)


def split_devices(text: str) -> list[str]:
    if is_null(text):
        return []
    out = []
    for part in split_outside_brackets(text, _DEVICE_SEPARATOR):
        part = collapse(_BULLET.sub("", part)).strip(_EDGE_PUNCT)
        if not is_null(part):
            out.append(part)
    return _unique(out)


def split_groups(text: str) -> list[str]:
    """GroupIDs are short codes ('EA', 'GB'); a space-separated run of codes is a list too."""
    if is_null(text):
        return []
    out: list[str] = []
    for part in split_outside_brackets(text, _GROUP_SEPARATOR):
        part = collapse(_BULLET.sub("", part)).strip(_EDGE_PUNCT)
        if is_null(part):
            continue
        words = part.split()
        if len(words) > 1 and all(_GROUP_CODE.fullmatch(w) for w in words):
            out.extend(words)
        else:
            out.append(part)
    return _unique(out)


def cohort_value(text: str) -> str | None:
    text = collapse(text)
    return None if is_null(text) else text

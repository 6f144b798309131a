"""Line numbers of the keys of a pack description, read from its TOML source.

Python's tomllib gives values but no positions, and a finding that says "questions[2].id"
is quicker to fix when it also says "line 41". This scans the source text the way a reader
does: table headers (`[direction]`, `[[questions]]`, `[documents.matrix]`) set where the
following `key = value` lines belong, and each `[[...]]` header counts its entries, so the
third `[[questions]]` is `questions[2]`. It is deliberately small: dotted keys and inline
tables are found at the line of their first part, which is where a person would look.
"""

from __future__ import annotations

import re

_ARRAY_HEADER = re.compile(r"^\[\[\s*([^\[\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\[\s*([^\[\]]+?)\s*\]")
_KEY = re.compile(r"""^("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]""")
_INDEX = re.compile(r"\[\d+\]$")


def _parts(dotted: str) -> list[str]:
    return [p.strip().strip("\"'") for p in dotted.split(".")]


def key_lines(source: str) -> dict[str, int]:
    """Every table and key of `source` by its path ("questions[2].id") -> 1-based line."""
    counts: dict[str, int] = {}
    out: dict[str, int] = {}
    current = ""
    in_multiline = False

    def resolve(parts: list[str]) -> str:
        path = ""
        for part in parts:
            path = f"{path}.{part}" if path else part
            if path in counts:
                path = f"{path}[{counts[path] - 1}]"
        return path

    for n, line in enumerate(source.splitlines(), start=1):
        text = line.strip()
        quotes = text.count('"""') + text.count("'''")
        if in_multiline:
            in_multiline = quotes % 2 == 0
            continue
        if not text or text.startswith("#"):
            continue
        array = _ARRAY_HEADER.match(text)
        if array:
            parts = _parts(array.group(1))
            base = resolve(parts[:-1])
            base = f"{base}.{parts[-1]}" if base else parts[-1]
            index = counts.get(base, 0)
            counts[base] = index + 1
            current = f"{base}[{index}]"
            out.setdefault(current, n)
            continue
        table = _TABLE_HEADER.match(text)
        if table:
            current = resolve(_parts(table.group(1)))
            out.setdefault(current, n)
            continue
        key = _KEY.match(text)
        if key:
            name = key.group(1).strip("\"'")
            out.setdefault(f"{current}.{name}" if current else name, n)
            in_multiline = quotes % 2 == 1
    return out


def line_of(lines: dict[str, int], key: str) -> int | None:
    """The line of `key`, else of the nearest enclosing table or entry that is written.

    "drafting" (a finding about the rows as a whole) is placed at the first row."""
    probe = key
    while probe:
        if probe in lines:
            return lines[probe]
        if f"{probe}[0]" in lines:
            return lines[f"{probe}[0]"]
        if _INDEX.search(probe):
            probe = _INDEX.sub("", probe)
        elif "." in probe:
            probe = probe.rsplit(".", 1)[0]
        else:
            break
    return None

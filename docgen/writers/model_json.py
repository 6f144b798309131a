"""The `docgen parse` JSON contract: stable key order so the output is byte-deterministic.

The text is exactly `json.dumps(payload, ensure_ascii=False, indent=2)`. The standard
library only has a C encoder for compact output; with `indent` it falls back to a
generator-based Python encoder that took as long as reading the document itself (a second
for the whole SEC). `_Indented` writes the same text from a plain recursive walk that
leaves string escaping to the C helper, and hands anything unusual back to `json.dumps`.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

INDENT = "  "


def dumps(payload: dict[str, Any]) -> str:
    try:
        return _Indented().encode(payload) + "\n"
    except _Unusual:
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


class _Unusual(Exception):
    """A value json.dumps treats specially (non-str keys, custom types): let it decide."""


class _Indented:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.breaks: list[str] = ["\n"]  # newline + indent, by nesting level
        self.keys: dict[str, str] = {}  # key -> '"key": ', since every clause repeats the same keys

    def encode(self, value: Any) -> str:
        self._value(value, 0)
        return "".join(self.out)

    def _break(self, level: int) -> str:
        while len(self.breaks) <= level:
            self.breaks.append("\n" + INDENT * len(self.breaks))
        return self.breaks[level]

    def _value(self, o: Any, level: int) -> None:
        out = self.out
        if isinstance(o, str):
            out.append(encode_basestring(o))
        elif o is None:
            out.append("null")
        elif o is True:
            out.append("true")
        elif o is False:
            out.append("false")
        elif isinstance(o, int):
            out.append(int.__repr__(o))
        elif isinstance(o, float):
            if o != o or o in (float("inf"), float("-inf")):
                raise _Unusual
            out.append(float.__repr__(o))
        elif isinstance(o, dict):
            self._dict(o, level)
        elif isinstance(o, (list, tuple)):
            if not o:
                out.append("[]")
                return
            inner = self._break(level + 1)
            sep = "[" + inner
            for item in o:
                out.append(sep)
                self._value(item, level + 1)
                sep = "," + inner
            out.append(self._break(level) + "]")
        else:
            raise _Unusual

    def _dict(self, o: dict, level: int) -> None:
        out = self.out
        if not o:
            out.append("{}")
            return
        keys = self.keys
        inner = self._break(level + 1)
        sep = "{" + inner
        for key, item in o.items():
            if type(key) is not str:
                raise _Unusual
            head = keys.get(key)
            if head is None:
                head = keys[key] = encode_basestring(key) + ": "
            kind = type(item)
            # Plain scalars inline: they are most of the values and need no recursion.
            if kind is str:
                out.append(sep + head + encode_basestring(item))
            elif item is None:
                out.append(sep + head + "null")
            elif kind is int:
                out.append(sep + head + int.__repr__(item))
            else:
                out.append(sep + head)
                self._value(item, level + 1)
            sep = "," + inner
        out.append(self._break(level) + "}")

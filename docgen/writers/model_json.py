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
            if not o:
                out.append("{}")
                return
            inner = self._break(level + 1)
            sep = "{" + inner
            for key, item in o.items():
                if not isinstance(key, str):
                    raise _Unusual
                out.append(sep)
                out.append(encode_basestring(key))
                out.append(": ")
                self._value(item, level + 1)
                sep = "," + inner
            out.append(self._break(level) + "}")
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

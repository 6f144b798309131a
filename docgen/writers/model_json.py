"""The `docgen parse` JSON contract: stable key order so the output is byte-deterministic."""

from __future__ import annotations

import json
from typing import Any


def dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

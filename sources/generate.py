"""(Re)write the bundled synthetic source documents in sources/documents/, byte-identically.

Run with `.venv/bin/python sources/generate.py [OUTPUT_DIR]`. The content lives in
sources/synth/ (s1sr, tmad, dmves), outside the shipped package, so tests and benchmarks can
rebuild the same bytes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def documents() -> dict[str, Callable[[], bytes]]:
    """File name -> builder, in the order they are written."""
    from synth.dmves import build_dmves
    from synth.s1sr import build_s1sr
    from synth.tmad import build_tmad

    return {
        "S1SR-v11.docx": lambda: build_s1sr("11"),
        "S1SR-v12.docx": lambda: build_s1sr("12"),
        "S1SR-v12.2.docx": lambda: build_s1sr("12.2"),
        "DMVES-v12.xlsx": lambda: build_dmves("12"),
        "DMVES-v12.2.xlsx": lambda: build_dmves("12.2"),
        "TMAD-v4.0.docx": lambda: build_tmad("4.0"),
        "TMAD-v4.1.docx": lambda: build_tmad("4.1"),
    }


def generate(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in documents().items():
        path = out_dir / name
        path.write_bytes(build())
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE.parent))  # run as a script from a checkout, no install needed
    out_dir = Path(argv[1]) if len(argv) > 1 else HERE / "documents"
    for path in generate(out_dir):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

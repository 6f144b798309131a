"""Coverage-guided fuzzing of the readers for long local runs (not part of the test suite).

    .venv/bin/pip install atheris
    .venv/bin/python tests/fuzz/atheris_harness.py -max_total_time=600 corpus/

Seeds the corpus with the bundled sources when the folder is empty. Any exception other
than docgen's own DocgenError is a crash worth a bug report; the input is saved by libFuzzer.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from docgen.errors import DocgenError
    from docgen.readers import read_any

ROOT = Path(__file__).resolve().parents[2]
SUFFIXES = (".docx", ".xlsx", ".pdf", ".csv")


def fuzz_one(data: bytes) -> None:
    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    with tempfile.NamedTemporaryFile(suffix=suffix) as fh:
        fh.write(data[1:])
        fh.flush()
        try:
            read_any(fh.name)
        except DocgenError:
            pass


def main() -> None:
    corpus = [a for a in sys.argv[1:] if not a.startswith("-")]
    if corpus:
        folder = Path(corpus[0])
        folder.mkdir(parents=True, exist_ok=True)
        if not any(folder.iterdir()):
            for i, src in enumerate(sorted((ROOT / "sources" / "documents").iterdir())):
                tag = bytes([SUFFIXES.index(src.suffix)]) if src.suffix in SUFFIXES else b"\0"
                (folder / f"seed-{i}").write_bytes(tag + src.read_bytes())
    atheris.Setup(sys.argv, fuzz_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

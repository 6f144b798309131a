"""Broken inputs never crash docgen: every failure is docgen's own one-line input error.

At least 300 inputs are derived from the bundled sources with fixed seeds (so CI is
repeatable): byte flips, truncations, deleted and duplicated zip entries, and mutated XML
(unclosed tags, huge attributes, deep nesting, wrong namespaces, random numbering values).
Each goes through parse, lint and redline in-process with a bound on time and memory.
`DOCGEN_FUZZ_N` raises the count locally; `tests/fuzz/atheris_harness.py` runs longer.
"""

from __future__ import annotations

import io
import os
import random
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from docgen.errors import DocgenError

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "sources" / "documents"
N = int(os.environ.get("DOCGEN_FUZZ_N", "320"))
TIME_LIMIT_S = 10.0
MEMORY_LIMIT_MB = 300


def _zip_parts(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def _zip(parts: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # duplicated entries are one of the mutations
            for name, data in parts:
                z.writestr(name, data)
    return buf.getvalue()


def _mutate_xml(xml: bytes, rng: random.Random) -> bytes:
    text = xml.decode("utf-8", "replace")
    choice = rng.randrange(9)
    if choice == 0:  # unclosed tag
        cut = rng.randrange(len(text) // 2, len(text))
        return text[:cut].encode()
    if choice == 1:  # huge attribute
        return text.replace('w:val="', 'w:val="' + "9" * rng.choice([1000, 100_000]), 1).encode()
    if choice == 2:  # deep nesting
        depth = rng.choice([100, 300, 5000])
        return text.replace("<w:body>", "<w:body>" + "<w:sdt><w:sdtContent>" * depth + "</w:sdtContent></w:sdt>" * depth, 1).encode()
    if choice == 3:  # wrong namespace
        return text.replace("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "urn:not-word", 1).encode()
    if choice == 4:  # random numbering values: negative starts, unknown formats, bad levels
        for attr, value in (
            ('w:start w:val="', str(rng.choice([-5, 0, 10**9, -(10**9)]))),
            ('w:numFmt w:val="', rng.choice(["bogus", "", "lowerRoman", "chineseCounting"])),
            ('w:ilvl w:val="', str(rng.choice([-1, 9, 12, 99999]))),
            ('w:lvlText w:val="', rng.choice(["%9%9%9", "%", "%0", "%1%2%3%4%5%6%7%8%9" * 50])),
            ('w:numId w:val="', str(rng.choice([-1, 0, 999999]))),
            ('w:abstractNumId w:val="', rng.choice(["x", "-1", "77"])),
            ('w:lvlRestart w:val="', rng.choice(["0", "-3", "40"])),
        ):
            if rng.random() < 0.5:
                text = text.replace(attr, attr + value, rng.randrange(1, 5))
        return text.encode()
    if choice == 5:  # garbage bytes in the middle
        pos = rng.randrange(len(xml))
        return xml[:pos] + bytes(rng.randrange(256) for _ in range(16)) + xml[pos:]
    if choice == 6:  # an entity declaration
        return b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + xml.split(b"?>", 1)[-1]
    if choice == 7:  # remove a random closing tag
        closes = [i for i in range(len(text)) if text.startswith("</", i)][:2000]
        if closes:
            i = rng.choice(closes)
            j = text.find(">", i)
            return (text[:i] + text[j + 1 :]).encode()
        return xml
    # self-referencing styles
    return text.replace('<w:basedOn w:val="', '<w:basedOn w:val="Heading1', 2).encode()


def _mutants(seed: int, count: int) -> list[tuple[str, str, bytes]]:
    """(case id, suffix, bytes) for `count` broken variants of the bundled sources."""
    rng = random.Random(seed)
    originals = [(p, p.read_bytes()) for p in sorted(DOCS.glob("*.docx")) + sorted(DOCS.glob("*.xlsx"))]
    out = []
    for n in range(count):
        path, data = originals[n % len(originals)]
        kind = rng.randrange(6)
        if kind == 0:
            blob = bytearray(data)
            for _ in range(rng.randrange(1, 20)):
                blob[rng.randrange(len(blob))] ^= 1 << rng.randrange(8)
            mutated, what = bytes(blob), "byteflip"
        elif kind == 1:
            mutated, what = data[: rng.randrange(1, len(data))], "truncate"
        elif kind == 2:
            parts = _zip_parts(data)
            del parts[rng.randrange(len(parts))]
            mutated, what = _zip(parts), "delete-entry"
        elif kind == 3:
            parts = _zip_parts(data)
            parts.append(parts[rng.randrange(len(parts))])
            mutated, what = _zip(parts), "duplicate-entry"
        else:
            parts = _zip_parts(data)
            xml_indexes = [i for i, (name, _) in enumerate(parts) if name.endswith(".xml")]
            i = rng.choice(xml_indexes)
            parts[i] = (parts[i][0], _mutate_xml(parts[i][1], rng))
            mutated, what = _zip(parts), "xml-" + parts[i][0].replace("/", "-")
        out.append((f"{n:04d}-{path.stem}-{what}", path.suffix, mutated))
    return out


def _exercise(path: Path, suffix: str, reference) -> None:
    """Everything a user could run on this file: parse, lint, redline against a good version."""
    from docgen.readers import read_any

    from docgen.model import Document

    model = read_any(path)
    if isinstance(model, Document):
        try:
            from docgen.checks.lint import lint
        except ImportError:
            lint = None
        if lint is not None:
            lint(model)
        try:
            from docgen.transforms.compare import compare
        except ImportError:
            compare = None
        if compare is not None:
            compare(reference, model)


@pytest.fixture(scope="module")
def reference():
    from docgen.readers.docx import read_docx

    return read_docx(DOCS / "S1SR-v11.docx")


@pytest.mark.skipif(not DOCS.exists(), reason="bundled sources missing")
def test_broken_inputs_give_only_docgen_errors(tmp_path: Path, reference):
    cases = _mutants(seed=20261121, count=N)
    assert len(cases) >= 300 or N < 300
    failures = []
    outcomes = {"ok": 0, "input error": 0}
    for case_id, suffix, data in cases:
        path = tmp_path / f"{case_id}{suffix}"
        path.write_bytes(data)
        tracemalloc.start()
        start = time.perf_counter()
        try:
            _exercise(path, suffix, reference)
            outcomes["ok"] += 1
        except DocgenError as exc:
            outcomes["input error"] += 1
            if "\n" in str(exc):
                failures.append((case_id, "multi-line error", str(exc)[:200]))
        except Exception as exc:  # the defect this test exists to find
            failures.append((case_id, type(exc).__name__, str(exc)[:200]))
        finally:
            elapsed = time.perf_counter() - start
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        if elapsed > TIME_LIMIT_S:
            failures.append((case_id, "slow", f"{elapsed:.1f}s"))
        if peak > MEMORY_LIMIT_MB * 1024 * 1024:
            failures.append((case_id, "memory", f"{peak / 1e6:.0f} MB"))
        path.unlink()
    print(f"fuzz: {len(cases)} inputs, outcomes {outcomes}, failures {len(failures)}")
    assert not failures, failures[:10]

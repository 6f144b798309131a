"""Hostile inputs are refused quickly, in little memory, with one line and exit 2."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from docgen.errors import InputError
from docgen.outputs import atomic_write, refuse_overwriting_inputs
from docgen.readers.docx import read_docx
from synth.docx import DocxBuilder
from docgen.errors import UsageError


def _valid_parts() -> dict[str, bytes]:
    b = DocxBuilder()
    b.paragraph("hello")
    import io

    with zipfile.ZipFile(io.BytesIO(b.to_bytes())) as z:
        return {n: z.read(n) for n in z.namelist()}


def _write_zip(path: Path, parts: dict[str, bytes], extra: list[tuple[str, bytes]] = ()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        for name, data in extra:
            z.writestr(name, data)
    return path


_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run([sys.executable, '-m', 'docgen', *sys.argv[1:]], capture_output=True, text=True)\n"
    "sys.stderr.write(r.stderr)\n"
    "print(r.returncode, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _run_measured(*args: str) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run docgen under a fresh parent so the peak RSS we read is docgen's alone."""
    run = subprocess.run([sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, timeout=60)
    code, elapsed, peak_kb = run.stdout.split()
    run.returncode = int(code)
    return run, float(elapsed), int(peak_kb) / 1024


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    """A .docx whose document.xml inflates to 1 GiB of zeros (about 1 MB on disk)."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.docx"
    parts = _valid_parts()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in parts.items():
            if name != "word/document.xml":
                z.writestr(name, data)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b"\0" * (1 << 24)
            for _ in range(64):
                fh.write(block)
    return path


def test_a_1gb_zip_bomb_is_refused_fast_and_small(zip_bomb: Path):
    run, elapsed, peak_mb = _run_measured("parse", str(zip_bomb))
    assert run.returncode == 2 and "zip bomb" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert elapsed < 5.0  # whole process including interpreter start; the refusal itself is instant
    assert peak_mb < 100


def test_the_refusal_itself_takes_under_a_second(zip_bomb: Path):
    start = time.perf_counter()
    with pytest.raises(InputError, match="zip bomb"):
        read_docx(zip_bomb)
    assert time.perf_counter() - start < 1.0


def test_billion_laughs_is_refused_without_expanding(tmp_path: Path):
    lol = "".join(f'<!ENTITY lol{i} "{"&lol%d;" % (i - 1) * 10}">' for i in range(1, 10))
    xml = (
        '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY lol0 "lol">' + lol + ']>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    parts = _valid_parts()
    parts["word/document.xml"] = xml
    path = _write_zip(tmp_path / "laughs.docx", parts)
    start = time.perf_counter()
    with pytest.raises(InputError, match="DTD"):
        read_docx(path)
    assert time.perf_counter() - start < 1.0
    run, _, peak_mb = _run_measured("parse", str(path))
    assert run.returncode == 2 and peak_mb < 100


def test_a_dtd_hidden_after_a_long_comment_is_still_refused(tmp_path: Path):
    xml = (
        '<?xml version="1.0"?><!--' + "x" * 5000 + '--><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>'
    ).encode()
    parts = _valid_parts()
    parts["word/document.xml"] = xml
    with pytest.raises(InputError, match="DTD"):
        read_docx(_write_zip(tmp_path / "xxe.docx", parts))


@pytest.mark.parametrize("name", ["../evil.xml", "/abs.xml", "C:evil.xml", "word/../../x.xml"])
def test_unsafe_entry_names_are_refused(tmp_path: Path, name: str):
    path = _write_zip(tmp_path / "names.docx", _valid_parts(), [(name, b"<x/>")])
    with pytest.raises(InputError, match="unsafe entry name"):
        read_docx(path)


def test_duplicate_entries_are_refused(tmp_path: Path):
    path = tmp_path / "dup.docx"
    _write_zip(path, _valid_parts())
    with zipfile.ZipFile(path, "a") as z:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            z.writestr("word/document.xml", b"<x/>")
    with pytest.raises(InputError, match="duplicate entry"):
        read_docx(path)


def test_deeply_nested_xml_is_refused(tmp_path: Path):
    parts = _valid_parts()
    deep = "<w:sdt>" * 400 + "</w:sdt>" * 400
    parts["word/document.xml"] = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + deep + "</w:body></w:document>"
    ).encode()
    with pytest.raises(InputError, match="deeper than"):
        read_docx(_write_zip(tmp_path / "deep.docx", parts))


def test_outputs_are_atomic_and_never_over_an_input(tmp_path: Path):
    target = tmp_path / "out.txt"
    target.write_text("old")

    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary left behind
    with pytest.raises(UsageError, match="one of the inputs"):
        refuse_overwriting_inputs([target], [tmp_path / "x", target])


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "report.json"
    import os

    real_replace = os.replace

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        atomic_write(target, b"data")
    monkeypatch.setattr(os, "replace", real_replace)
    assert list(tmp_path.iterdir()) == []

"""The LibreOffice runner: one process per batch, clear errors, reproducible PDFs.

Most behaviour is specified against a stand-in `soffice` script (fast, and able to fail on
demand); one module-scoped fixture runs the real LibreOffice once on a batch of two files.
"""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from docgen import soffice
from docgen.errors import DocgenError, UsageError
from synth.docx import DocxBuilder


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    """A shell script standing in for soffice; `body` sees the arguments as "$@"."""
    script = tmp_path / "fake-soffice"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


# The stand-in writes "<stem>.pdf" for every input except those whose name contains "bad".
_CONVERTING = r"""
echo "$@" >> "$LOG"
out=""; prev=""
for a in "$@"; do
  if [ "$prev" = "--outdir" ]; then out="$a"; fi
  prev="$a"
done
for a in "$@"; do
  case "$a" in
    *bad*) echo "Error: source file could not be loaded" ;;
    *.docx) n=$(basename "$a" .docx); printf '%%PDF-1.7 %s /CreationDate(D:20991231235959+05'"'"'30'"'"')' "$n" > "$out/$n.pdf" ;;
  esac
done
"""


def _inputs(tmp_path: Path, *names: str) -> list[Path]:
    paths = []
    for name in names:
        p = tmp_path / name
        p.write_bytes(b"PK fake")
        paths.append(p)
    return paths


def test_a_batch_is_converted_by_one_process_and_outputs_come_back_in_input_order(tmp_path, monkeypatch):
    log = tmp_path / "calls.log"
    monkeypatch.setenv("DOCGEN_SOFFICE", str(_fake_soffice(tmp_path, _CONVERTING)))
    monkeypatch.setenv("LOG", str(log))
    files = _inputs(tmp_path, "b.docx", "a.docx", "c.docx")
    out = soffice.convert(files, "pdf", tmp_path / "out")
    assert out == [tmp_path / "out" / "b.pdf", tmp_path / "out" / "a.pdf", tmp_path / "out" / "c.pdf"]
    calls = log.read_text().splitlines()
    assert len(calls) == 1
    assert "--headless" in calls[0] and "-env:UserInstallation=file://" in calls[0]
    # the conversion-time date is pinned, keeping the string's length
    assert b"/CreationDate(D:20000101000000+00'00')" in out[1].read_bytes()


def test_a_failed_conversion_names_the_file_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(_fake_soffice(tmp_path, _CONVERTING)))
    monkeypatch.setenv("LOG", str(tmp_path / "calls.log"))
    files = _inputs(tmp_path, "good.docx", "bad-one.docx")
    with pytest.raises(soffice.SofficeError) as err:
        soffice.convert(files, outdir=tmp_path / "out")
    assert "bad-one.docx" in str(err.value)
    assert "could not be loaded" in str(err.value)
    assert not (tmp_path / "out" / "good.pdf").exists()


def test_missing_libreoffice_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.delenv("DOCGEN_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert soffice.available() is False
    with pytest.raises(DocgenError) as err:
        soffice.convert(_inputs(tmp_path, "a.docx"), outdir=tmp_path)
    message = str(err.value)
    assert "libreoffice-writer-nogui" in message and "\n" not in message


def test_a_hung_soffice_is_stopped_at_the_timeout(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(_fake_soffice(tmp_path, "sleep 30")))
    with pytest.raises(soffice.SofficeError, match="longer than 0.5 s"):
        soffice.convert(_inputs(tmp_path, "a.docx"), outdir=tmp_path, timeout=0.5)


def test_two_inputs_with_one_output_name_are_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(_fake_soffice(tmp_path, "exit 0")))
    (tmp_path / "x").mkdir()
    files = _inputs(tmp_path, "a.docx") + _inputs(tmp_path / "x", "a.docx")
    with pytest.raises(UsageError, match="same name"):
        soffice.convert(files, outdir=tmp_path / "out")


def test_normalise_pdf_pins_dates_and_derives_the_id_from_content():
    def pdf(stamp: bytes, ident: bytes, body: bytes = b"BT (x) Tj ET") -> bytes:
        return (
            b"%PDF-1.4\n" + body + b"\n<</CreationDate(D:" + stamp + b"Z')/ModDate(D:" + stamp + b"+01'00')>>\n"
            b"trailer <</ID [ <" + ident + b">\n<" + ident + b"> ]\n/DocChecksum /" + ident + b">>\n%%EOF\n"
        )

    a = soffice.normalise_pdf(pdf(b"20250102030405", b"0A" * 16))
    b = soffice.normalise_pdf(pdf(b"20261121121708", b"F3" * 16))
    c = soffice.normalise_pdf(pdf(b"20261121121708", b"F3" * 16, b"BT (y) Tj ET"))
    assert a == b
    assert a != c  # a different document keeps a different /ID
    assert len(a) == len(pdf(b"20250102030405", b"0A" * 16))
    assert b"/CreationDate(D:20000101000000Z')" in a and b"/ModDate(D:20000101000000+00'00')" in a


@pytest.fixture(scope="module")
def real_batch(tmp_path_factory):
    if not soffice.available():
        pytest.skip("LibreOffice is not installed")
    src = tmp_path_factory.mktemp("src")
    files = []
    for name, text in (("first", "Alpha paragraph"), ("second", "Beta paragraph")):
        b = DocxBuilder(title=name)
        b.paragraph(text)
        path = src / f"{name}.docx"
        path.write_bytes(b.to_bytes())
        files.append(path)
    return soffice.convert(files, "pdf", tmp_path_factory.mktemp("out"), timeout=180)


def test_real_libreoffice_converts_a_batch_into_pdfs_with_the_text(real_batch):
    first, second = real_batch
    assert first.name == "first.pdf" and second.name == "second.pdf"
    text = subprocess.run(["pdftotext", str(second), "-"], capture_output=True, text=True, check=True).stdout
    assert "Beta paragraph" in text
    # the conversion-time stamps are pinned (byte-identical reruns are tested on the
    # redline PDF in test_redline_render, to keep LibreOffice runs few)
    assert b"/CreationDate(D:20000101000000" in first.read_bytes()
    assert first.read_bytes() != second.read_bytes()

"""What a person reading a lint report can act on: where a finding is (page and heading, not a
paragraph index nobody can see in Word), a report that fits the terminal, a wrong --dmves
refused in one line, no false alarms from our own redline's change summary, and build
warnings that keep their [[drafting]] brackets."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lint_builders import build_docx

from docgen import soffice

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "sources" / "documents"
needs_soffice = pytest.mark.skipif(not soffice.available(), reason="LibreOffice (soffice) is not installed; .ci/run installs it")
needs_sources = pytest.mark.skipif(not (DOCS / "S1SR-v12.docx").exists(), reason="bundled sources not generated")


def docgen(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, timeout=600, env=env, cwd=cwd)


def _pdf_pages(pdf: Path) -> list[str]:
    """The PDF's text page by page, read by poppler (shares no code with docgen's reader)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")


@needs_sources
@needs_soffice
def test_findings_give_the_page_libreoffice_lays_the_clause_on(tmp_path: Path):
    (pdf,) = soffice.convert([DOCS / "S1SR-v12.docx"], "pdf", tmp_path)
    run = docgen("lint", str(DOCS / "S1SR-v12.docx"), "--pdf", str(pdf), "--format", "json")
    assert run.returncode == 1, run.stderr
    promoted = next(f for f in json.loads(run.stdout)["findings"] if f["rule"] == "numbering/promoted-subitems")
    assert promoted["paragraph"] == 351 and promoted["heading"] == "18 Device Specific Behaviours"
    pages = _pdf_pages(pdf)
    found = [n for n, text in enumerate(pages, 1) if "no more than 48 half-hour" in " ".join(text.split())]
    assert found and promoted["page"] == found[0]
    assert promoted["location"] == f'page {found[0]}, in "18 Device Specific Behaviours"'
    assert "paragraph 351" not in run.stdout  # the index is kept as data, never shown as a place
    text = docgen("lint", str(DOCS / "S1SR-v12.docx"), "--pages")  # LibreOffice lays it out itself
    assert f"page {found[0]}" in text.stdout.split("numbering/promoted-subitems", 1)[1].splitlines()[0]


@needs_soffice
def test_pages_are_found_for_a_package_libreoffice_cannot_open_as_written(tmp_path: Path):
    """A .NET-packaged file (its main part typed by `Default Extension="XML"`) that
    LibreOffice will not load as it is: --pages lays out a copy with explicit types."""
    from corpus.wml import Doc

    body = [f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in ("18 Device Specific Behaviours", "18.1 The first clause.", "18.1 The second clause.")]
    doc = Doc(body, content_types="default", bare=True).save(tmp_path / "dotnet.docx")
    before = doc.read_bytes()
    run = docgen("lint", str(doc), "--pages", "--format", "json")
    assert run.returncode == 1, run.stderr
    (finding,) = json.loads(run.stdout)["findings"]
    assert finding["rule"] == "numbering/duplicate" and finding["page"] == 1
    assert doc.read_bytes() == before  # the source is never changed


@needs_sources
def test_text_report_follows_the_terminal_width_and_names_commands(tmp_path: Path):
    env = {**os.environ, "COLUMNS": "80"}
    run = docgen(
        "lint", str(DOCS / "S1SR-v12.docx"), "--dmves", str(DOCS / "DMVES-v12.xlsx"),
        "--baseline", str(DOCS / "S1SR-v11.docx"), env=env,
    )
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    commands = [line.strip() for line in lines if line.strip().startswith("docgen fix ")]
    assert len(commands) == 1  # one root cause, one command, kept on one line for pasting
    assert all(len(line) <= 80 for line in lines if line.strip() not in commands)
    assert "fix.renumber" not in run.stdout
    assert "Fix this one thing" in run.stdout
    assert re.search(r"2 errors, 7 warnings, 5 notes; 11 of them follow from 1 root cause", run.stdout)
    assert not re.search(r"(^|\. )Otherwise", run.stdout, re.M)
    # the suggested command does fix it
    fixed = tmp_path / "fixed"
    fixed.mkdir()
    command = commands[0].split()
    assert docgen(*command[1:], cwd=fixed).returncode == 0
    again = docgen("lint", str(fixed / "S1SR-v12.fixed.docx"), "--dmves", str(fixed / "DMVES-v12.fixed.xlsx"))
    assert "numbering/promoted-subitems" not in again.stdout and "content-mismatch" not in again.stdout


@needs_sources
def test_a_word_document_without_a_matrix_as_dmves_is_one_line_exit_2():
    run = docgen("lint", str(DOCS / "S1SR-v12.docx"), "--dmves", str(DOCS / "S1SR-v11.docx"))
    assert run.returncode == 2 and run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1
    assert run.stderr.startswith(f"docgen: error: {DOCS / 'S1SR-v11.docx'}: is not a DMVES matrix")


@needs_soffice
def test_our_own_redline_pdf_gives_no_false_unresolved_references(tmp_path: Path):
    section = [("h", "Behaviours"), ("c", "The following apply:")]
    old = build_docx(section + [("i", "one;"), ("i", "two;"), ("i", "three;"), ("i", "four."), ("c", "See Clause 1.1(d).")], tmp_path / "old.docx")
    new = build_docx(section + [("i", "one;"), ("i", "three;"), ("i", "four."), ("c", "See Clause 1.1(c) and Clause 1.9.")], tmp_path / "new.docx")
    pdf = tmp_path / "red.pdf"
    assert docgen("redline", str(old), str(new), "-o", str(tmp_path / "red.docx"), "--pdf", str(pdf), "-q").returncode == 0
    assert "renumbered as" in "".join(_pdf_pages(pdf))  # the summary page lists 1.1(d), gone from the text
    run = docgen("lint", str(pdf), "--format", "json")
    unresolved = [f for f in json.loads(run.stdout)["findings"] if f["rule"] == "xref/unresolved"]
    assert [re.search(r'cites "([^"]+)"', f["message"]).group(1) for f in unresolved] == ["1.9"]  # the real one only


def test_build_warnings_keep_their_brackets():
    from rich.console import Console

    from docgen.commands.build import _report
    from docgen.pack.build import PackResult
    from docgen.pack.load import load_pack

    pack = load_pack(ROOT / "sources" / "packs" / "tmad-unblocking-1.toml")
    out = io.StringIO()
    result = PackResult(pack, Path("out/[x]"), files=["a"], warnings=['add [[drafting]] ref = "1.2" with a description [bold]'])
    _report(Console(file=out, width=200, color_system=None), result)
    assert 'add [[drafting]] ref = "1.2" with a description [bold]' in out.getvalue()
    assert "out/[x]" in out.getvalue()

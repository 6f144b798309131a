"""The command line around the commands: --version, a mistyped command, what `docgen redline`
says it wrote, and the outputs it refuses. Run as a user runs it, through `python -m docgen`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from docgen import __version__, soffice
from lint_builders import small_list_doc as _doc

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "sources" / "documents"


def docgen(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=cwd, timeout=120, env=env)


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return _doc(tmp_path / "old.docx", ["one;", "two;"]), _doc(tmp_path / "new.docx", ["one;", "an added item;", "two, changed."])


def test_version_names_docgen_and_the_libreoffice_found():
    run = docgen("--version")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == f"docgen {__version__}"
    assert lines[1].startswith("LibreOffice: ")
    exe = soffice.find_soffice()
    if exe is None:
        assert "not found" in lines[1]
    else:
        assert exe in lines[1] and re.search(r"\d+\.\d+", lines[1])


def test_a_mistyped_command_is_suggested_once():
    run = docgen("lnt", "x.docx")
    assert run.returncode == 2
    assert run.stderr.count("Did you mean 'lint'?") == 1
    sub = docgen("responses", "colate")
    assert sub.returncode == 2 and sub.stderr.count("Did you mean 'collate'?") == 1


def test_redline_says_what_it_wrote_in_one_line_and_quiet_silences_it(pair, tmp_path: Path):
    old, new = pair
    out, html = tmp_path / "red.docx", tmp_path / "red.html"
    run = docgen("redline", str(old), str(new), "-o", str(out), "--html", str(html), "--date", "2025-01-01", "--summary", "json")
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)  # stdout is kept for --summary
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"docgen redline: wrote {out} and {html}; clauses: ")
    assert f"{len(summary['inserted'])} inserted, {len(summary['deleted'])} deleted" in line
    quiet = docgen("redline", str(old), str(new), "-o", str(tmp_path / "q.docx"), "--date", "2025-01-01", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == "" and (tmp_path / "q.docx").is_file()


def test_workbook_redline_counts_changes_and_respellings(tmp_path: Path):
    out = tmp_path / "red.xlsx"
    run = docgen("redline", str(DOCS / "DMVES-v12.xlsx"), str(DOCS / "DMVES-v12.2.xlsx"), "-o", str(out), "--date", "2025-01-01")
    assert run.returncode == 0, run.stderr
    (line,) = run.stderr.splitlines()
    assert line == (
        f"docgen redline: wrote {out}: 5 cells changed, 2 rows added; "
        "39 references only respelled, not counted (--show-respellings lists them)"
    )
    listed = docgen("redline", str(DOCS / "DMVES-v12.xlsx"), str(DOCS / "DMVES-v12.2.xlsx"), "-o", str(out), "--show-respellings", "-q")
    assert listed.returncode == 0 and listed.stderr == ""
    assert "xl/worksheets/sheet6.xml" in zipfile.ZipFile(out).namelist()  # Changes, then Respellings


@pytest.mark.parametrize(
    "flag, name, says",
    [("--pdf", "out.txt", "--pdf"), ("--html", "out.pdf", "--html"), ("-o", "out.pdf", "-o")],
)
def test_an_output_named_for_another_format_is_refused_in_one_line(pair, tmp_path: Path, flag: str, name: str, says: str):
    old, new = pair
    args = ["redline", str(old), str(new)]
    args += ["-o", str(tmp_path / name)] if flag == "-o" else ["-o", str(tmp_path / "red.docx"), flag, str(tmp_path / name)]
    run = docgen(*args)
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1 and run.stderr.startswith(f"docgen: error: {says} ")
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "red.docx").exists() and not (tmp_path / name).exists()


def _authors(docx: Path) -> set[str]:
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    return set(re.findall(r'w:author="([^"]*)"', xml))


def test_revisions_default_to_the_organisation_and_author_overrides(pair, tmp_path: Path):
    from docgen.publisher import ORGANISATION

    old, new = pair
    assert docgen("redline", str(old), str(new), "-o", str(tmp_path / "a.docx"), "-q").returncode == 0
    assert _authors(tmp_path / "a.docx") == {ORGANISATION} == {"DCC"}
    assert docgen("redline", str(old), str(new), "-o", str(tmp_path / "b.docx"), "-q", "--author", "SECAS").returncode == 0
    assert _authors(tmp_path / "b.docx") == {"SECAS"}

"""`docgen doctor`: LibreOffice and the fonts it will draw a document's text in.

Documents here are written by python-docx (another tool), with fonts set as Word sets
them: directly on runs, and through the theme (python-docx's default template uses the
theme's minor font, Calibri). fc-match is the independent judge of what is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.commands.doctor import judge, substitute
from docgen.ooxml.fonts import document_fonts

needs_fontconfig = pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig (fc-match) is not installed")


def docgen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, timeout=180)


def _docx(path: Path, font: str | None) -> Path:
    import docx

    document = docx.Document()
    run = document.add_paragraph().add_run("The S1SP rejects the request.")
    if font:
        run.font.name = font
    document.save(path)
    return path


def _installed(family: str) -> bool:
    return family.lower() in subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout.lower()


def test_fonts_are_read_from_runs_and_from_the_theme(tmp_path):
    fonts = document_fonts(_docx(tmp_path / "a.docx", "Arial"))
    assert "Arial" in fonts
    assert any(f in fonts for f in ("Calibri", "Cambria"))  # the default template's theme fonts


def test_a_substitute_is_judged_by_its_metrics_not_by_its_existence():
    verdict, ok = judge("Arial", "DejaVu Sans")
    assert not ok and "fonts-liberation" in verdict
    assert judge("Arial", "Liberation Sans") == ("metric-compatible substitute", True)
    assert judge("Calibri", "Carlito")[1]
    assert judge("Frutiger Next", "Frutiger Next") == ("installed", True)
    verdict, ok = judge("Frutiger Next", "DejaVu Sans")
    assert not ok and "no metric-compatible substitute installed" in verdict


@needs_fontconfig
def test_a_font_without_a_metric_compatible_substitute_is_reported_with_its_document(tmp_path):
    doc = _docx(tmp_path / "house-style.docx", "Frutiger Next Condensed Docgen")
    result = docgen("doctor", str(doc))
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if l.strip().startswith("Frutiger Next Condensed Docgen"))
    assert "no metric-compatible substitute installed" in line and "house-style.docx" in line


@needs_fontconfig
def test_the_office_fonts_have_metric_compatible_substitutes_on_this_machine():
    """What .ci/system-deps installs: Liberation, Carlito and Caladea."""
    for font, family in (("Arial", "Liberation Sans"), ("Calibri", "Carlito"), ("Cambria", "Caladea")):
        if not _installed(family):
            pytest.skip(f"{family} is not installed (run .ci/system-deps)")
        assert judge(font, substitute(font))[1], f"{font} -> {substitute(font)}"
    result = docgen("doctor")
    assert "Arial -> Liberation Sans: metric-compatible substitute" in result.stdout
    assert ("LibreOffice: missing" in result.stdout) == (result.returncode == 1)


def test_a_file_that_is_not_a_word_document_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "notes.docx"
    bad.write_text("not a zip")
    result = docgen("doctor", str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "notes.docx" in result.stderr


@needs_fontconfig
def test_the_bundled_documents_fonts_are_checked_by_name():
    documents = sorted(str(p) for p in (Path(__file__).resolve().parents[1] / "sources" / "documents").glob("*.docx"))
    result = docgen("doctor", *documents)
    line = next(l for l in result.stdout.splitlines() if l.strip().startswith("Arial ->"))
    assert all(Path(d).name in line for d in documents)  # every document that uses Arial is named
    if _installed("Liberation Sans"):
        assert "metric-compatible substitute" in line
    else:
        assert "NOT metric-compatible" in line and "fonts-liberation" in line and result.returncode == 1

"""Our rendered clause numbers agree with an independent renderer: LibreOffice's text export.

LibreOffice draws list numbers itself when it exports plain text, so for every numbered
paragraph of every bundled source the label docgen computes must be the one LibreOffice
prints in front of the same text.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from docgen.readers.docx import read_docx

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "sources" / "documents").glob("*.docx"))

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, list[str]]:
    out = tmp_path_factory.mktemp("lo-txt")
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "txt:Text (encoded):UTF8",
         "--outdir", str(out), *map(str, SOURCES)],
        check=True, capture_output=True, timeout=600,
    )
    return {p.stem: (out / f"{p.stem}.txt").read_text(encoding="utf-8-sig").splitlines() for p in SOURCES}


def _norm(s: str) -> str:
    return " ".join(s.split())


def test_there_are_bundled_sources_to_check():
    assert len(SOURCES) >= 5


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_numbered_paragraph_matches_libreoffice(source: Path, exported):
    lines = [_norm(line) for line in exported[source.stem]]
    doc = read_docx(source)
    checked = 0
    cursor = 0
    mismatches = []
    for para in doc.paragraphs:
        if not para.num or not para.text:
            continue
        # find the paragraph's line: the next line ending with its text
        text = _norm(para.text)
        for j in range(cursor, len(lines)):
            if lines[j].endswith(text) and len(lines[j]) > len(text):
                label = lines[j][: len(lines[j]) - len(text)].strip()
                if label != para.num:
                    mismatches.append((para.index, para.num, label, text[:50]))
                cursor = j + 1
                checked += 1
                break
        else:
            mismatches.append((para.index, para.num, "<not found>", text[:50]))
    assert checked > 0
    assert not mismatches, f"{len(mismatches)} labels differ from LibreOffice (paragraph, ours, LibreOffice's, text): {mismatches[:10]}"

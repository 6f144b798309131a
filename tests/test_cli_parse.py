"""`docgen parse` keeps its JSON contract and fails on bad input with one line and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from synth.docx import DocxBuilder, Level

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "sources" / "documents"


def docgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture()
def small_docx(tmp_path: Path) -> Path:
    b = DocxBuilder(title="Small")
    b.abstract_num(1, [Level(0, "decimal", "%1"), Level(1, "decimal", "%1.%2"), Level(2, "lowerLetter", "(%3)")])
    b.num(1, 1)
    b.paragraph("Behaviours", num_id=1, ilvl=0)
    b.paragraph("The following apply:", num_id=1, ilvl=1)
    b.paragraph("one;", num_id=1, ilvl=2)
    path = tmp_path / "small.docx"
    b.save(path)
    return path


def test_json_contract(small_docx: Path):
    run = docgen("parse", str(small_docx))
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["format"] == "docx" and data["source"] == str(small_docx)
    assert set(data["document"]) >= {"title", "appendix", "version"}
    first = data["clauses"][2]
    assert {k: first[k] for k in ("ref", "num", "level", "kind", "eid", "text")} == {
        "ref": "1.1(a)", "num": "(a)", "level": 2, "kind": "item", "eid": "sec_1__para_1__point_a", "text": "one;",
    }
    assert first["source"] == {"paragraph": 2}


def test_text_and_akn_formats(small_docx: Path, tmp_path: Path):
    outline = docgen("parse", str(small_docx), "--format", "text")
    assert "    (a)  one;" in outline.stdout
    target = tmp_path / "small.akn.xml"
    akn = docgen("parse", str(small_docx), "--format", "akn", "-o", str(target))
    assert akn.returncode == 0, akn.stderr
    xml = target.read_text()
    assert 'eId="sec_1__para_1__point_a"' in xml and "<num>(a)</num>" in xml


def test_output_is_deterministic(small_docx: Path, tmp_path: Path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    docgen("parse", str(small_docx), "-o", str(a))
    docgen("parse", str(small_docx), "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    cases = {}
    cases["missing"] = tmp_path / "nope.docx"
    (tmp_path / "adir.docx").mkdir()
    cases["directory"] = tmp_path / "adir.docx"
    (tmp_path / "empty.docx").write_bytes(b"")
    cases["empty"] = tmp_path / "empty.docx"
    (tmp_path / "text.docx").write_text("just text")
    cases["not a docx"] = tmp_path / "text.docx"
    (tmp_path / "pdf.docx").write_bytes(b"%PDF-1.4\n%...")
    cases["pdf renamed"] = tmp_path / "pdf.docx"
    (tmp_path / "ole.docx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512)
    cases["encrypted"] = tmp_path / "ole.docx"
    (tmp_path / "old.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512)
    cases["binary .doc"] = tmp_path / "old.doc"
    with zipfile.ZipFile(tmp_path / "nodoc.docx", "w") as z:
        z.writestr("hello.txt", "hi")
    cases["no document.xml"] = tmp_path / "nodoc.docx"
    good = DocxBuilder()
    good.paragraph("x")
    data = good.to_bytes()
    (tmp_path / "trunc.docx").write_bytes(data[: len(data) // 2])
    cases["truncated"] = tmp_path / "trunc.docx"
    return cases


def test_bad_input_is_one_line_exit_2_naming_the_file(tmp_path: Path):
    for name, path in _bad_inputs(tmp_path).items():
        run = docgen("parse", str(path))
        assert run.returncode == 2, (name, run.stderr)
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1, (name, run.stderr)
        assert str(path) in lines[0] and "Traceback" not in run.stderr, (name, run.stderr)


def test_an_encrypted_office_file_is_called_encrypted(tmp_path: Path):
    path = tmp_path / "locked.docx"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512)
    run = docgen("parse", str(path))
    assert run.returncode == 2 and "encrypted" in run.stderr


def test_debug_shows_the_traceback(tmp_path: Path):
    run = docgen("--debug", "parse", str(tmp_path / "missing.docx"))
    assert run.returncode != 0 and "Traceback" in run.stderr


@pytest.mark.skipif(not (DOCS / "S1SR-v12.docx").exists(), reason="bundled sources not generated")
def test_v12_shows_the_18_5p_error_where_v11_has_sub_items():
    from docgen.readers.docx import read_docx

    v11 = read_docx(DOCS / "S1SR-v11.docx")
    v12 = read_docx(DOCS / "S1SR-v12.docx")
    text_of = {c.ref: c.text for c in v11.clauses}
    v12_refs = {c.text: c.ref for c in v12.clauses if c.ref.startswith("18.5(")}
    assert "18.5(p)(i)" in text_of and "18.5(p)(i)" not in {c.ref for c in v12.clauses}
    assert v12_refs[text_of["18.5(p)(i)"]] == "18.5(q)"


def test_baseline_gives_renumbered_clauses_their_previous_id():
    """v11's 18.5(p)(i) became 18.5(q) in v12: parsed against v11, v12's 18.5(q) says so as its wid."""
    run = docgen("parse", str(DOCS / "S1SR-v12.docx"), "--baseline", str(DOCS / "S1SR-v11.docx"))
    assert run.returncode == 0, run.stderr
    clauses = {c["ref"]: c for c in json.loads(run.stdout)["clauses"]}
    assert clauses["18.5(q)"]["wid"] == "sec_18__para_5__point_p__subpoint_i"
    assert clauses["18.5(p)"].get("wid") is None  # same provision, same id: no history needed
    unchanged = [c for c in clauses.values() if c["ref"].startswith("18.4")]
    assert unchanged and all("wid" not in c for c in unchanged)


def test_baseline_refused_for_a_matrix():
    run = docgen("parse", str(DOCS / "DMVES-v12.xlsx"), "--baseline", str(DOCS / "S1SR-v11.docx"))
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1

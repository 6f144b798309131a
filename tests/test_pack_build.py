"""`docgen build`: the bundled packs into every attachment, reproducibly.

The two bundled packs are built once for the module (with LibreOffice when it is there) and
once more to show the bytes do not change; the remaining cases run without LibreOffice
(PDFs skipped with a warning) to keep the suite fast.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from docgen import __version__, soffice
from docgen.commands.build import run
from docgen.errors import UsageError
from docgen.pack.form_reader import read_form
from docgen.pack.load import load_pack
from pack_helpers import REPO, answer, fill_details, open_form, save_form

PACKS = REPO / "sources" / "packs"
S1SR_PACK = PACKS / "s1sr-2025-correction.toml"
TMAD_PACK = PACKS / "tmad-unblocking-1.toml"

S1SR_FILES = {
    "SEC Appendix AM SMETS1 Supporting Requirements v12.2 draft clean.docx",
    "SEC Appendix AM SMETS1 Supporting Requirements v12.2 draft redlined.docx",
    "SEC Appendix AM SMETS1 Supporting Requirements v12.2 draft redlined.pdf",
    "SEC Appendix AM Annex A Device Model Variations to Equivalent Steps Matrix v12.2 draft redlined.xlsx",
    "SEC Appendix AM Annex A Device Model Variations to Equivalent Steps Matrix v12.2 draft clean.xlsx",
    "SEC Appendix AM SMETS1 Supporting Requirements v12.2 lint report.txt",
    "SEC Appendix AM SMETS1 Supporting Requirements v12.2 lint report.json",
    "S1SR Draft Direction Text.docx",
    "S1SR Draft Direction Text.md",
    "S1SR Draft Direction Text.pdf",
    "S1SR February 2025 consultation Response Template.docx",
    "S1SR Drafting Changes.docx",
    "S1SR Drafting Changes.csv",
    "S1SR February 2025 Consultation.docx",
    "S1SR February 2025 Consultation.pdf",
    "manifest.json",
    "s1sr-2025-correction.zip",
}


def _no_soffice(monkeypatch) -> None:
    monkeypatch.setattr(soffice, "available", lambda: False)


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert run([S1SR_PACK, TMAD_PACK], out) == 0
    return out


def test_every_attachment_is_built_under_its_published_name(built):
    names = {p.name for p in (built / "s1sr-2025-correction").iterdir()}
    expected = set(S1SR_FILES)
    if not soffice.available():
        expected.discard("SEC Appendix AM SMETS1 Supporting Requirements v12.2 draft redlined.pdf")
        expected.discard("S1SR February 2025 Consultation.pdf")
        expected.discard("S1SR Draft Direction Text.pdf")
    assert names == expected
    tmad = {p.name for p in (built / "tmad-unblocking-1").iterdir()}
    assert "SEC Appendix AL SMETS1 Transition and Migration Approach Document v4.1 draft redlined.docx" in tmad
    assert "TMAD and SMETS1 SVTAD Draft Direction Text.docx" in tmad
    assert "TMAD and SMETS1 SVTAD June 2021 consultation Response Template.docx" in tmad
    svtad = {n for n in tmad if "Appendix AK" in n}
    # No redline of a document the pack has no file of: its changed clauses instead.
    stem = "SEC Appendix AK SEC Variation Testing Approach Document for SMETS1 Services draft changed clauses"
    assert svtad == ({f"{stem}.docx", f"{stem}.pdf"} if soffice.available() else {f"{stem}.docx"})


def test_manifest_lists_every_file_and_source_with_its_hash(built):
    folder = built / "s1sr-2025-correction"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pack"] == "s1sr-2025-correction"
    assert manifest["docgen_version"] == __version__
    assert manifest["status"] == "ok" and manifest["department"] == "DESNZ" and manifest["draft"] is True
    listed = {f["name"]: f["sha256"] for f in manifest["files"]}
    on_disk = _hashes(folder)
    assert set(listed) == set(on_disk) - {"manifest.json", "s1sr-2025-correction.zip"}
    assert all(on_disk[name] == digest for name, digest in listed.items())
    sources = {s["path"]: s["sha256"] for s in manifest["sources"]}
    for rel in ("sources/packs/s1sr-2025-correction.toml", "sources/documents/S1SR-v12.docx", "sources/documents/DMVES-v12.2.xlsx", "sources/documents/S1SR-v11.docx"):
        assert sources[rel] == hashlib.sha256((REPO / rel).read_bytes()).hexdigest()
    assert manifest["warnings"] == [], "the bundled pack describes every change it makes"
    assert manifest["lint"]["S1SR"]["errors"] == 0
    assert manifest["redlines"]["S1SR"]["renumbered"]["18.5(q)"] == "18.5(p)(i)"


def test_zip_holds_what_is_published_in_one_folder(built):
    folder = built / "tmad-unblocking-1"
    with zipfile.ZipFile(folder / "tmad-unblocking-1.zip") as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert all(n.startswith("tmad-unblocking-1/") for n in names)
        beside = {"tmad-unblocking-1.zip", "manifest.json"} | {n for n in _hashes(folder) if " lint report." in n or n.endswith(".md")}
        # the zip, the manifest, the lint report as text and JSON, the direction's Markdown
        assert len(beside) == 5
        assert not any(n.endswith(".md") for n in names), "the direction is published as Word and PDF"
        assert {n.split("/", 1)[1] for n in names} == set(_hashes(folder)) - beside
        assert {i.date_time for i in zf.infolist()} == {(2021, 6, 24, 0, 0, 0)}
        for n in names:
            assert zf.read(n) == (folder / n.split("/", 1)[1]).read_bytes()


def test_drafting_table_and_direction_of_the_bundled_tmad_pack(built):
    folder = built / "tmad-unblocking-1"
    csv_text = (folder / "TMAD and SMETS1 SVTAD Drafting Changes.csv").read_text(encoding="utf-8-sig")
    for ref in ("1.10", "3.1(g)", "Table A3 Step 4", "Table 5.10 Step 5.10.17", "20.5A"):
        assert f"\n{ref}," in csv_text
    md = (folder / "TMAD and SMETS1 SVTAD Draft Direction Text.md").read_text(encoding="utf-8")
    assert "as Appendix AK, are hereby re-designated" in md
    assert "Pursuant to Condition 22.30(a)" in md and "BEIS intends to make" in md
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert any("SMETS1 SVTAD" in n and "without a redline" in n for n in manifest["notes"])


def test_building_twice_gives_identical_bytes(built, tmp_path):
    assert run([S1SR_PACK, TMAD_PACK], tmp_path) == 0
    for pack in ("s1sr-2025-correction", "tmad-unblocking-1"):
        assert _hashes(tmp_path / pack) == _hashes(built / pack)


def test_every_docx_opens_in_libreoffice(built, tmp_path):
    if not soffice.available():
        pytest.skip("LibreOffice (soffice) is not installed")
    docs = sorted(built.glob("*/*.docx"))
    # a filled response form and the collated conclusion and letter too: the other Word files docgen writes
    form_bytes = (built / "tmad-unblocking-1" / "TMAD and SMETS1 SVTAD June 2021 consultation Response Template.docx").read_bytes()
    form = open_form(form_bytes)
    fill_details(form, name="Ann", organisation="Energy Co")
    answer(form, "Unblocking 1 Q2", view="Agree", rationale="Yes.")
    filled = save_form(form, tmp_path / "filled-form.docx")
    from docgen.commands.responses import CONCLUSION_NAME, RECOMMENDATION_NAME
    from docgen.commands.responses import run as collate_run

    assert collate_run([filled], tmp_path / "collated", TMAD_PACK) == 0
    batch = tmp_path / "batch"
    batch.mkdir()
    inputs = []
    for i, path in enumerate([*docs, filled, tmp_path / "collated" / CONCLUSION_NAME, tmp_path / "collated" / RECOMMENDATION_NAME]):
        copy = batch / f"doc{i:02d}.docx"  # unique stems for one batch
        copy.write_bytes(path.read_bytes())
        inputs.append(copy)
    pdfs = soffice.convert(inputs, "pdf", tmp_path / "pdf")
    assert len(pdfs) == len(inputs)
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


def test_response_template_of_the_bundled_pack(built):
    path = built / "s1sr-2025-correction" / "S1SR February 2025 consultation Response Template.docx"
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "by 1600 on 5 March 2025" in text and "consultations@smartdcc.co.uk" in text
    assert "Department for Energy Security and Net Zero (DESNZ)" in text
    tables = read_form(path).tables  # python-docx's cell.text leaves out check box content controls
    q1 = next(t for t in tables if t[0][0] == "S1SR Q1")
    assert q1[1][0] == "Your view" and q1[1][1].split() == ["\u2610", "Agree", "\u2610", "Disagree", "\u2610", "No", "opinion"]
    q4 = next(t for t in tables if t[0][0] == "S1SR Q4")
    assert [row[0] for row in q4] == ["S1SR Q4", "Rationale"], "an open question has no Agree / Disagree choice"
    assert any(row[0].startswith("Do you want your response") for t in tables for row in t)


# ---------------------------------------------------------------------------------------
# Without LibreOffice: failures and options


def _variant(tmp_path: Path, source: Path, edit) -> Path:
    text = source.read_text(encoding="utf-8").replace('"sources/', f'"{REPO.as_posix()}/sources/')
    path = tmp_path / source.name
    path.write_text(edit(text), encoding="utf-8")
    return path


def test_lint_errors_fail_the_build_unless_the_pack_allows_them(tmp_path, monkeypatch, capsys):
    _no_soffice(monkeypatch)
    # against v12 as baseline, the v12.2 correction looks like a shift: a lint error
    failing = _variant(tmp_path, S1SR_PACK, lambda t: t.replace('baseline = ', '# baseline = '))
    assert run([failing], tmp_path / "out") == 1
    folder = tmp_path / "out" / "s1sr-2025-correction"
    assert (folder / "SEC Appendix AM SMETS1 Supporting Requirements v12.2 lint report.txt").exists()
    assert not (folder / "s1sr-2025-correction.zip").exists()
    assert json.loads((folder / "manifest.json").read_text())["status"].startswith("failed")
    err = capsys.readouterr().err
    assert "allow_lint_errors" in err and "PDF redlines not made" in err

    allowed = _variant(tmp_path, S1SR_PACK, lambda t: t.replace('baseline = ', '# baseline = ').replace('contact = ', 'allow_lint_errors = true\ncontact = '))
    assert run([allowed], tmp_path / "out") == 0
    assert (folder / "s1sr-2025-correction.zip").exists()


def test_source_date_epoch_sets_the_times_inside_the_files(tmp_path, monkeypatch):
    _no_soffice(monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    assert run([TMAD_PACK], tmp_path) == 0
    folder = tmp_path / "tmad-unblocking-1"
    with zipfile.ZipFile(folder / "tmad-unblocking-1.zip") as zf:
        assert {i.date_time for i in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    with zipfile.ZipFile(folder / "TMAD and SMETS1 SVTAD Draft Direction Text.docx") as zf:
        assert {i.date_time for i in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert b"2023-11-14T22:13:20Z" in zf.read("docProps/core.xml")


def test_final_pack_drops_draft_from_names_and_placeholders(tmp_path, monkeypatch):
    _no_soffice(monkeypatch)
    final = _variant(tmp_path, TMAD_PACK, lambda t: t.replace("[direction]\n", '[direction]\neffective = 2021-10-12\nannex = "A"\n').replace('change = "to change', 'annex = "B"\nchange = "to change'))
    assert run([final], tmp_path / "out") == 0
    folder = tmp_path / "out" / "tmad-unblocking-1"
    assert (folder / "TMAD and SMETS1 SVTAD Direction Text.docx").exists()
    assert (folder / "SEC Appendix AL SMETS1 Transition and Migration Approach Document v4.1 redlined.docx").exists()
    md = (folder / "TMAD and SMETS1 SVTAD Direction Text.md").read_text(encoding="utf-8")
    assert "with effect from 12 October 2021" in md and "[" not in md


def test_a_folder_docgen_did_not_make_is_not_replaced(tmp_path, monkeypatch):
    _no_soffice(monkeypatch)
    foreign = tmp_path / "tmad-unblocking-1"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="not made by docgen build"):
        run([TMAD_PACK], tmp_path)
    assert (foreign / "notes.txt").read_text() == "mine"


def test_a_rebuild_replaces_the_previous_pack_folder(tmp_path, monkeypatch):
    _no_soffice(monkeypatch)
    assert run([TMAD_PACK], tmp_path) == 0
    stale = tmp_path / "tmad-unblocking-1" / "old attachment.docx"
    stale.write_bytes(b"left over")
    assert run([TMAD_PACK], tmp_path) == 0
    assert not stale.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["tmad-unblocking-1"], "no staging folder is left behind"


def test_duplicate_references_and_outputs_into_sources_are_refused(tmp_path, monkeypatch):
    _no_soffice(monkeypatch)
    copy = _variant(tmp_path, TMAD_PACK, lambda t: t)
    with pytest.raises(UsageError, match="also used by"):
        run([TMAD_PACK, copy], tmp_path / "out")
    monkeypatch.chdir(REPO)
    with pytest.raises(UsageError, match="inside sources/"):
        run([TMAD_PACK], REPO / "sources" / "out")


def test_cli_reports_bad_pack_in_one_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "docgen", "build", str(bad), "-o", str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "key `reference`" in proc.stderr and "fix:" in proc.stderr


def test_bundled_packs_are_what_the_issue_asks_for():
    s1sr = load_pack(S1SR_PACK)
    assert (s1sr.documents[0].version_from, s1sr.documents[0].version_to) == ("12", "12.2")
    assert s1sr.documents[0].matrix is not None
    tmad = load_pack(TMAD_PACK)
    assert [d.appendix for d in tmad.documents] == ["AL", "AK"]
    assert tmad.direction.consequential and tmad.direction.consequential[0].target.startswith("Section A")


@pytest.mark.parametrize("pack, old, new", [
    ("s1sr-2025-correction", "S1SR-v12.docx", "S1SR-v12.2.docx"),
    ("tmad-unblocking-1", "TMAD-v4.0.docx", "TMAD-v4.1.docx"),
])
def test_the_redline_pdf_reads_back_as_the_old_and_the_new_version(built, pack, old, new):
    """The published PDF round-trips through docgen's own reader: each view gives that version's refs."""
    if not soffice.available():
        pytest.skip("LibreOffice (soffice) is not installed")
    from docgen.limits import Limits
    from docgen.readers.docx import read_docx
    from docgen.readers.pdf import read_pdf

    pdf = next((built / pack).glob("*redlined.pdf"))
    documents = REPO / "sources" / "documents"
    for view, source in (("original", old), ("new", new)):
        got = [c.ref for c in read_pdf(pdf, view=view, limits=Limits.from_env()).clauses]
        assert got == [c.ref for c in read_docx(documents / source).clauses], f"{pdf.name} --view {view}"


"""What a pack publishes, seen as its readers see it: respondents read the consultation's
title (never the pack's slug)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx

from docgen.pack.response_template import response_template_docx
from docgen.pack.load import load_pack

REPO = Path(__file__).resolve().parents[1]
S1SR_PACK = REPO / "sources" / "packs" / "s1sr-2025-correction.toml"


def _visible_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    texts = [p.text for p in d.paragraphs]
    texts += [cell.text for table in d.tables for row in table.rows for cell in row.cells]
    for section in d.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(texts)


def test_respondents_see_the_consultation_title_not_the_pack_slug():
    pack = load_pack(S1SR_PACK)
    text = _visible_text(response_template_docx(pack, dt.datetime(2025, 2, 5)))
    assert pack.title in text
    assert pack.reference not in text


# ----- the built pack -------------------------------------------------------------------------

import re
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from docgen import soffice
from docgen.commands.build import run as build

CLASSIFICATION = "DCC Public"


@pytest.fixture(scope="module")
def pack_folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert build([S1SR_PACK], out) == 0
    return out / "s1sr-2025-correction"


def _word_footer_and_header_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for s in d.sections for p in s.header.paragraphs + s.footer.paragraphs)


def test_every_generated_document_carries_the_classification(pack_folder: Path):
    checked = 0
    for path in sorted(pack_folder.iterdir()):
        if path.suffix == ".docx":
            assert CLASSIFICATION in _word_footer_and_header_text(path.read_bytes()), path.name
        elif path.suffix == ".xlsx":
            wb = load_workbook(path)
            assert all(CLASSIFICATION in (ws.oddFooter.center.text or "") for ws in wb.worksheets), path.name
        elif path.suffix == ".pdf":
            pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
            assert all(CLASSIFICATION in page for page in pages if page.strip()), path.name
        else:
            continue
        checked += 1
    assert checked >= 6


def test_the_pack_ships_the_clean_draft_dmves(pack_folder: Path):
    clean = pack_folder / "SEC Appendix AM Annex A Device Model Variations to Equivalent Steps Matrix v12.2 draft clean.xlsx"
    source = load_workbook(REPO / "sources" / "documents" / "DMVES-v12.2.xlsx")
    shipped = load_workbook(clean)
    assert shipped.sheetnames == source.sheetnames
    for ws in source.worksheets:
        assert [[c.value for c in row] for row in ws.iter_rows()] == [[c.value for c in row] for row in shipped[ws.title].iter_rows()]


def test_the_pack_dmves_redline_lists_only_the_real_edits_and_filters_by_model(pack_folder: Path):
    redline = load_workbook(pack_folder / "SEC Appendix AM Annex A Device Model Variations to Equivalent Steps Matrix v12.2 draft redlined.xlsx")
    rows = [r[:4] for r in redline["Changes"].iter_rows(min_row=2, values_only=True) if r[0]]
    edits = [r for r in rows if not r[0].endswith("!A2")]  # A2 is each sheet's version label
    assert sorted(r[1] for r in edits) == ["changed", "changed", "row added", "row added"]
    ws = redline["ESME"]
    models = [ws.cell(row=r, column=3).value for r in range(5, ws.max_row + 1)]
    liberty = [r for r in range(5, ws.max_row + 1) if ws.cell(row=r, column=3).value == "Secure Liberty 100 ESME"]
    assert liberty and len(liberty) == models.count("Secure Liberty 100 ESME")
    notes = [ws.cell(row=r, column=3).comment.text for r in liberty if ws.cell(row=r, column=3).comment]
    assert notes == ["Was: Liberty 100"]  # the renamed model, found by filtering on its new name


def test_revisions_in_the_pack_are_by_the_organisation(pack_folder: Path):
    data = (pack_folder / "SEC Appendix AM SMETS1 Supporting Requirements v12.2 draft redlined.docx").read_bytes()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert set(re.findall(r'w:author="([^"]*)"', xml)) == {"DCC"}
    assert load_workbook(pack_folder / "SEC Appendix AM Annex A Device Model Variations to Equivalent Steps Matrix v12.2 draft redlined.xlsx").properties.creator == "DCC"


def test_the_manifest_names_the_clean_dmves_and_the_zip_leaves_reports_beside_it(pack_folder: Path):
    import json

    manifest = json.loads((pack_folder / "manifest.json").read_text(encoding="utf-8"))
    roles = {f["name"]: f["role"] for f in manifest["files"]}
    assert roles["SEC Appendix AM Annex A Device Model Variations to Equivalent Steps Matrix v12.2 draft clean.xlsx"] == "matrix-clean"
    with zipfile.ZipFile(pack_folder / "s1sr-2025-correction.zip") as zf:
        zipped = {n.split("/", 1)[1] for n in zf.namelist()}
    # The lint reports and the direction's Markdown stay beside the zip: they are not published.
    assert zipped == {name for name, role in roles.items() if role not in ("lint-report", "direction-text")}
    assert any(role == "direction-text" for role in roles.values()) and not any(n.endswith(".md") for n in zipped)
    assert "manifest.json" not in zipped


def test_classification_and_organisation_come_from_the_pack(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(soffice, "available", lambda: False)
    text = S1SR_PACK.read_text(encoding="utf-8").replace('"sources/', f'"{REPO.as_posix()}/sources/')
    text = text.replace('contact = ', 'classification = "DCC Controlled"\norganisation = "SECAS"\ncontact = ', 1)
    pack = tmp_path / S1SR_PACK.name
    pack.write_text(text, encoding="utf-8")
    assert build([pack], tmp_path / "out") == 0
    folder = tmp_path / "out" / "s1sr-2025-correction"
    redline = (folder / "SEC Appendix AM SMETS1 Supporting Requirements v12.2 draft redlined.docx").read_bytes()
    assert set(re.findall(r'w:author="([^"]*)"', zipfile.ZipFile(io.BytesIO(redline)).read("word/document.xml").decode("utf-8"))) == {"SECAS"}
    for path in folder.glob("*.docx"):
        assert "DCC Controlled" in _word_footer_and_header_text(path.read_bytes()), path.name
    for path in folder.glob("*.xlsx"):
        assert all("DCC Controlled" in (ws.oddFooter.center.text or "") for ws in load_workbook(path).worksheets), path.name

"""After the closing date: collation that is safe to publish, the conclusion with the
changes made after the consultation, and the recommendation letter.

Forms are the bundled packs' own response templates filled with python-docx as
respondents fill them; one is confidential, one is sent twice, one comes back as a PDF
(LibreOffice's export). The published outputs are read back as raw XML text, so nothing in
a header, a table or a run split can hide a name.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from docgen import soffice
from docgen.commands.responses import CONCLUSION_NAME, CSV_NAME, RECOMMENDATION_NAME, run
from docgen.pack.dates import build_moment
from docgen.pack.response_template import response_template_docx
from docgen.pack.load import load_pack
from pack_helpers import REPO, answer, confidential, fill_details, open_form, save_form

PACKS = REPO / "sources" / "packs"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _variant(tmp_path: Path, name: str, edit=lambda t: t) -> Path:
    text = (PACKS / name).read_text(encoding="utf-8").replace('"sources/', f'"{REPO.as_posix()}/sources/')
    path = tmp_path / name
    path.write_text(edit(text), encoding="utf-8")
    return path


def _blank(pack_path: Path) -> bytes:
    pack = load_pack(pack_path)
    return response_template_docx(pack, build_moment(pack.published))


def _form(blank: bytes, path: Path, fill) -> Path:
    document = open_form(blank)
    fill(document)
    return save_form(document, path)


def _all_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return " ".join(re.sub(r"<[^>]+>", "", zf.read(n).decode("utf-8")) for n in zf.namelist() if n.endswith(".xml"))


def _final_tmad(tmp_path: Path) -> Path:
    """TMAD v4.2: v4.1 with the GT01 period changed again (96 hours) and clause 1.1 edited,
    as DCC might after the consultation; everything else as consulted."""
    document = Document(str(REPO / "sources" / "documents" / "TMAD-v4.1.docx"))
    edited = 0
    for p in document.paragraphs + [p for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]:
        if "within the last 72 hours" in p.text:
            runs = p.runs
            text = p.text.replace("within the last 72 hours", "within the last 96 hours")
            runs[0].text = text
            for r in runs[1:]:
                r.text = ""
            edited += 1
        elif p.text.startswith("This document is the SMETS1 Transition and Migration Approach Document"):
            p.runs[0].text = p.text + " It is maintained by the DCC."
            for r in p.runs[1:]:
                r.text = ""
            edited += 1
    assert edited == 2
    path = tmp_path / "TMAD-v4.2.docx"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def tmad_collated(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tmad")
    final = _final_tmad(tmp)
    pack = _variant(tmp, "tmad-unblocking-1.toml", lambda t: t.replace('new = "', f'final = "{final.as_posix()}"\nversion_final = "4.2"\nnew = "', 1))
    blank = _blank(pack)

    def energy(d):
        fill_details(d, name="Ann Smith", organisation="Energy Co", contact="ann@energy.example")
        confidential(d, False)
        answer(d, "Unblocking 1 Q1", view="Agree", rationale="We support it. Unlike Secret Supplier Ltd we see no risk.")
        answer(d, "Unblocking 1 Q2", view="Agree")

    def secret(d):
        fill_details(d, name="Bob Jones", organisation="Secret Supplier Ltd", contact="bob@secret.example")
        confidential(d, True)
        answer(d, "Unblocking 1 Q1", view="Agree", rationale="Secret Supplier Ltd has 4,000 installations waiting.")
        answer(d, "Unblocking 1 Q2", view="Disagree", rationale="72 hours is not enough.")

    def energy_again(d):
        fill_details(d, name="Ann Smith", organisation="energy co ", contact="ann@energy.example")
        confidential(d, False)
        answer(d, "Unblocking 1 Q1", view="Disagree", rationale="Second thoughts.")

    forms = [
        _form(blank, tmp / "energy.docx", energy),
        _form(blank, tmp / "secret.docx", secret),
        _form(blank, tmp / "energy-resent.docx", energy_again),
    ]
    out = tmp / "analysis"
    return pack, forms, out, run(forms, out, pack)


def test_collation_writes_every_output_with_its_role(tmad_collated):
    _, _, out, code = tmad_collated
    assert code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    roles = {f["name"]: f["role"] for f in manifest["files"]}
    assert roles[CONCLUSION_NAME] == "conclusion" and roles[RECOMMENDATION_NAME] == "recommendation"
    assert roles["SEC Appendix AL SMETS1 Transition and Migration Approach Document v4.2 redline from Consultation version.docx"] == "consultation-redline"
    assert {n for n, r in roles.items() if r == "responses"} == {CSV_NAME}
    for name in roles:
        assert (out / name).exists()


def test_the_confidential_respondent_is_named_only_in_the_private_csv(tmad_collated):
    _, _, out, _ = tmad_collated
    for published in (CONCLUSION_NAME, RECOMMENDATION_NAME):
        text = _all_text(out / published).lower()
        assert "secret supplier" not in text and "bob jones" not in text and "bob@secret" not in text, published
    conclusion = _all_text(out / CONCLUSION_NAME)
    assert "A respondent (confidential)" in conclusion
    assert "4,000 installations" not in conclusion and "72 hours is not enough" not in conclusion, "a confidential response's words are not published"
    assert "Unlike [name withheld] we see no risk." in conclusion, "another respondent's comment naming it is redacted too"
    rows = list(csv.DictReader(io.StringIO((out / CSV_NAME).read_text(encoding="utf-8-sig"))))
    assert {r["organisation"] for r in rows} == {"Energy Co", "Secret Supplier Ltd"}


def test_a_second_form_from_the_same_organisation_counts_once_with_a_note(tmad_collated, capsys):
    pack, forms, out, _ = tmad_collated
    text = _all_text(out / CONCLUSION_NAME)
    assert "DCC received two responses to the consultation." in text
    assert "Both respondents agreed." in text  # Q1: the resent "Disagree" is not counted
    assert "One respondent agreed while one disagreed." in text
    again = run(forms, out.parent / "again", pack)
    assert again == 0
    err = capsys.readouterr().err
    assert "energy-resent.docx: is a second response from energy co" in err.lower() and "counted once" in err


def test_the_summary_of_changes_lists_only_changes_made_after_the_consultation(tmad_collated):
    _, _, out, _ = tmad_collated
    document = Document(str(out / CONCLUSION_NAME))
    summary = next(t for t in document.tables if t.rows[0].cells[0].text == "Drafting Reference" and len(t.columns) == 3)
    refs = [row.cells[0].text for row in summary.rows[1:]]
    assert refs == ["TMAD 1.1", "TMAD Table A3 Step 4"]
    kinds = {row.cells[0].text: row.cells[1].text for row in summary.rows[1:]}
    assert kinds["TMAD Table A3 Step 4"].startswith("Proposed change amended after consultation")
    assert kinds["TMAD 1.1"].startswith("Change made after consultation")
    cell = summary.rows[2].cells[1]
    runs = [r for p in cell.paragraphs for r in p.runs]
    assert any(r.font.strike and "72" in r.text for r in runs) and any(r.font.underline and "96" in r.text for r in runs)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "4. Summary of Changes made after consultation" in headings
    attachments = [p.text for p in document.paragraphs if p.text.startswith("Attachment ")]
    assert attachments == [
        "Attachment 1: SEC Appendix AL SMETS1 Transition and Migration Approach Document v4.2 clean",
        "Attachment 2: SEC Appendix AL SMETS1 Transition and Migration Approach Document v4.2 redlined",
        "Attachment 3: SEC Appendix AL SMETS1 Transition and Migration Approach Document v4.2 redline from Consultation version",
        "Attachment 4: SEC Appendix AK SEC Variation Testing Approach Document for SMETS1 Services",  # changed too (20.5A), without files
    ]


def test_the_redline_from_the_consultation_version_tracks_only_the_later_changes(tmad_collated):
    _, _, out, _ = tmad_collated
    with zipfile.ZipFile(out / "SEC Appendix AL SMETS1 Transition and Migration Approach Document v4.2 redline from Consultation version.docx") as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    deleted = "".join(re.findall(r"<w:delText[^>]*>([^<]*)</w:delText>", xml))
    inserted = "".join(re.findall(r"<w:ins [^>]*>.*?</w:ins>", xml, re.S))
    assert "72" in deleted and "96" in re.sub(r"<[^>]+>", "", inserted)
    assert "24" not in deleted, "the consulted change (24 -> 72) is not shown again"


def test_the_recommendation_letter_has_positions_per_topic_and_an_appendix_each(tmad_collated):
    _, _, out, _ = tmad_collated
    document = Document(str(out / RECOMMENDATION_NAME))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "RE: DCC's Recommendations following the June 2021 TMAD and SMETS1 SVTAD consultation" in text
    assert "DCC received two responses to this part of the consultation, both of which supported the proposals." in text
    assert "DCC received two responses to this part of the consultation: one of which supported the proposals and one of which did not." in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Appendix A", "Appendix B", "Appendix C"]


def test_the_s1sr_recommendation_lists_the_device_models_and_srvs_of_the_changed_clauses(tmp_path):
    pack = _variant(tmp_path, "s1sr-2025-correction.toml")
    blank = _blank(pack)

    def fill(d):
        fill_details(d, name="Cara", organisation="Meter Co")
        confidential(d, False)
        answer(d, "S1SR Q1", view="Agree")
        answer(d, "S1SR Q2", view="Agree")

    form = _form(blank, tmp_path / "meter.docx", fill)
    assert run([form], tmp_path / "out", pack) == 0
    document = Document(str(tmp_path / "out" / RECOMMENDATION_NAME))
    devices = [p.text for p in document.paragraphs if p.style.name == "List Bullet" and "(clause " in p.text]
    assert any(d.startswith("Secure Liberty 200 ESME SRV 4.2 (clause 18.62) \u2013 Where the Secure Liberty 200 ESME receives SRV 4.2") for d in devices)
    assert any(d.startswith("Sagemcom Novus ESME SRV 6.25 (clause 18.7(f))") for d in devices)
    assert any("(clause 18.5(q))" in d for d in devices), "rows of the renumbered 18.5 clauses"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "DCC received one response to this part of the consultation, which supported the proposals." in text


def test_a_form_returned_as_pdf_is_read(tmp_path):
    if not soffice.available():
        pytest.skip("LibreOffice (soffice) is not installed")
    pack = _variant(tmp_path, "tmad-unblocking-1.toml")
    blank = _blank(pack)

    def fill(d):
        fill_details(d, name="Dee", organisation="PDF Energy")
        confidential(d, False)
        answer(d, "Unblocking 1 Q1", view="Disagree", rationale="We would rather wait.")
        answer(d, "Unblocking 1 Q3", view="Agree")

    docx = _form(blank, tmp_path / "pdf-energy.docx", fill)
    pdf = soffice.convert([docx], "pdf", tmp_path / "pdf")[0]
    only_pdf = tmp_path / "returned"
    only_pdf.mkdir()
    shutil.copy(pdf, only_pdf / "pdf-energy.pdf")
    out = tmp_path / "out"
    assert run([only_pdf / "pdf-energy.pdf"], out, pack) == 0
    rows = {r["question_id"]: r for r in csv.DictReader(io.StringIO((out / CSV_NAME).read_text(encoding="utf-8-sig")))}
    assert rows["Unblocking 1 Q1"]["view"] == "Disagree" and rows["Unblocking 1 Q1"]["comment"] == "We would rather wait."
    assert rows["Unblocking 1 Q3"]["view"] == "Agree"
    assert rows["Unblocking 1 Q2"]["view"] == "Not answered"
    assert rows["Unblocking 1 Q1"]["organisation"] == "PDF Energy"


def test_nothing_is_written_when_a_published_document_would_name_a_confidential_respondent(tmp_path):
    """The author's prose names the respondent: the last check before writing refuses."""
    intro = tmp_path / "intro.md"
    intro.write_text("Hidden Energy Ltd asked DCC for this change.\n", encoding="utf-8")
    pack = _variant(tmp_path, "tmad-unblocking-1.toml", lambda t: t.replace('introduction = "', f'introduction = "{intro.as_posix()}"\n# was: "', 1))
    blank = _blank(pack)

    def fill(d):
        fill_details(d, name="Eve", organisation="Hidden Energy Ltd")
        confidential(d, True)
        answer(d, "Unblocking 1 Q1", view="Agree")

    form = _form(blank, tmp_path / "hidden.docx", fill)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "docgen", "responses", "collate", str(form), "-o", str(out), "--pack", str(pack)], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 2
    assert "conclusion.docx: would name a respondent who asked for confidentiality ('Hidden Energy Ltd', a form of the respondent of hidden.docx)" in done.stderr
    assert "nothing was written" in done.stderr
    assert done.stderr.count("\n") <= 2 and "Traceback" not in done.stderr
    assert not out.exists() or not any(out.iterdir())


def test_collating_again_gives_the_same_bytes_and_every_docx_opens_in_libreoffice(tmad_collated, tmp_path):
    pack, forms, out, _ = tmad_collated
    again = tmp_path / "again"
    assert run(forms, again, pack) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        assert (out / name).read_bytes() == (again / name).read_bytes(), name
    if not soffice.available():
        pytest.skip("LibreOffice (soffice) is not installed")
    batch = tmp_path / "batch"
    batch.mkdir()
    copies = []
    for i, name in enumerate(n for n in names if n.endswith(".docx")):
        copy = batch / f"doc{i:02d}.docx"
        copy.write_bytes((out / name).read_bytes())
        copies.append(copy)
    pdfs = soffice.convert(copies, "pdf", tmp_path / "pdf")
    assert len(pdfs) == len(copies) == 5
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


def test_the_conclusion_contents_carry_the_pages_libreoffice_renders(tmad_collated, tmp_path):
    """Issue 23: every table of contents with the rendered page numbers. The conclusion is
    laid out by LibreOffice; its cached numbers must be the pages pdftotext finds the
    headings on, in a PDF converted here from the .docx collate wrote."""
    import xml.etree.ElementTree as ET

    pack, forms, out, _ = tmad_collated
    with zipfile.ZipFile(out / CONCLUSION_NAME) as zf:
        root = ET.fromstring(zf.read("word/document.xml"))
    entries = []
    for link in root.iter(f"{W}hyperlink"):
        if (link.get(f"{W}anchor") or "").startswith("_Toc"):
            texts = [t.text or "" for t in link.iter(f"{W}t")]
            entries.append((texts[0], texts[-1]))
    assert len(entries) >= 8
    if not soffice.available() or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or pdftotext missing")
    pdf = soffice.convert([shutil.copy(out / CONCLUSION_NAME, tmp_path / "conclusion.docx")], "pdf", tmp_path / "pdf")[0]
    count = int(re.search(r"^Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout, re.MULTILINE).group(1))
    pages = [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True, check=True).stdout for n in range(1, count + 1)]

    def stands_on(page: str, heading: str) -> bool:
        lines = [" ".join(line.split()) for line in page.splitlines()]
        return any(" ".join(lines[i : i + k]) == " ".join(heading.split()) for i in range(len(lines)) for k in (1, 2, 3))

    toc_page = next(i for i, p in enumerate(pages) if "Table of Contents" in p)
    at = toc_page + 1
    for heading, number in entries:
        assert number.isdigit(), f"{heading!r} has no page number"
        page = next(i for i in range(at, len(pages)) if stands_on(pages[i], heading))
        assert page + 1 == int(number), f"{heading!r} is on page {page + 1}, the contents say {number}"
        at = page

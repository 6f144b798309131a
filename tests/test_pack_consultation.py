"""The consultation document `docgen build` writes beside the attachments.

Read back with python-docx (structure, runs and their formatting), from the XML (the TOC
field) and from LibreOffice's PDF through pdftotext (what a reader sees, page by page): none
of these shares code with what wrote the document.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document

from docgen import soffice
from docgen.commands.build import run
from pack_helpers import REPO, pack_text, write_pack

PACKS = REPO / "sources" / "packs"
S1SR = "s1sr-2025-correction"
TMAD = "tmad-unblocking-1"
S1SR_DOC = "S1SR February 2025 Consultation"
TMAD_DOC = "TMAD and SMETS1 SVTAD June 2021 Consultation"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert run([PACKS / f"{S1SR}.toml", PACKS / f"{TMAD}.toml"], out) == 0
    return out


def _doc(built, pack, name):
    return Document(str(built / pack / f"{name}.docx"))


def _headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]


def test_cover_names_title_dates_author_and_classification(built):
    texts = [p.text for p in _doc(built, S1SR, S1SR_DOC).paragraphs[:12]]
    assert texts[0].startswith("SMETS1 Supporting Requirements: correction of clause 18.5")
    assert texts[1].startswith("A consultation on changes to the S1SR")
    for line in ("Date: 5 February 2025", "Respond by: 1600 on 5 March 2025", "Author: consultations@smartdcc.co.uk", "Classification: DCC Public"):
        assert line in texts


def test_sections_in_the_order_of_the_seeds(built):
    assert _headings(_doc(built, TMAD, TMAD_DOC)) == [
        "1. Introduction and Context",
        "2. Proposed Changes",
        "2.1. SMETS1 PPMID definition change – no change to DCC Systems",
        "2.2. Increasing the GSME check period for GT01 for IOC and MOC (MDS) – change to DCC Systems required",
        "2.3. Removing the migration check for the iGT issue – change to DCC Systems required",
        "3. Next Steps",
        "4. How to Respond",
        "5. Attachments",
        "Attachment 1",
        "TMAD and SMETS1 SVTAD Draft Direction Text",
    ]


def _body_items(document):
    """Headings, tables and paragraphs in body order: ('h', text) / ('t', first cells) / ('p', text)."""
    out = []
    for el in document.element.body:
        if el.tag == f"{W}p":
            style = el.find(f"{W}pPr/{W}pStyle")
            text = "".join(t.text or "" for t in el.iter(f"{W}t"))
            kind = "h" if style is not None and style.get(f"{W}val", "").startswith("Heading") else "p"
            out.append((kind, text))
        elif el.tag == f"{W}tbl":
            firsts = []
            for tr in el.findall(f"{W}tr"):
                tc = tr.find(f"{W}tc")
                firsts.append("".join(t.text or "" for t in tc.iter(f"{W}t")) if tc is not None else "")
            out.append(("t", firsts))
    return out


def test_each_topic_has_its_drafting_table_then_its_questions_in_id_order(built):
    items = _body_items(_doc(built, TMAD, TMAD_DOC))
    tables_after = {}
    current = None
    for kind, value in items:
        if kind == "h":
            current = value
            tables_after[current] = []
        elif kind == "t" and current:
            tables_after[current].append(value)
    ppmid = tables_after["2.1. SMETS1 PPMID definition change – no change to DCC Systems"]
    assert ppmid[0][0] == "Drafting Reference"
    assert ppmid[0][1:] == ["TMAD 1.10", "TMAD 3.1(g)", "SMETS1 SVTAD 20.5A"]  # in the order of [[drafting]]
    assert ppmid[1] == ["Unblocking 1 Q1"]
    assert tables_after["3. Next Steps"] == [["Unblocking 1 Q4", "Unblocking 1 Q5"]]
    asked = [qid for tables in tables_after.values() for t in tables for qid in t if qid.startswith("Unblocking 1 Q")]
    assert asked == [f"Unblocking 1 Q{n}" for n in range(1, 6)]


def test_the_drafting_table_shows_the_redline_struck_and_underlined(built):
    document = _doc(built, TMAD, TMAD_DOC)
    cell = next(row.cells[1] for t in document.tables for row in t.rows if row.cells[0].text == "TMAD Table A3 Step 4")
    runs = [r for p in cell.paragraphs for r in p.runs]
    struck = [r.text for r in runs if r.font.strike]
    underlined = [r.text for r in runs if r.font.underline]
    assert "24" in "".join(struck) and "72" in "".join(underlined)
    assert "within the last" in cell.text and "hours" in cell.text


def test_a_renumbered_clause_shows_its_old_number_struck(built):
    document = _doc(built, S1SR, S1SR_DOC)
    cell = next(row.cells[1] for t in document.tables for row in t.rows if row.cells[0].text.startswith("18.5(p)"))
    runs = [r for p in cell.paragraphs for r in p.runs]
    assert any(r.font.strike and r.text.strip() == "(q)" for r in runs)
    assert any(r.font.underline and r.text.strip() == "(i)" for r in runs)


def _toc_cached(docx) -> list[tuple[str, str]]:
    """(heading text, cached page number) of each contents entry, read from the raw XML."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(docx) as zf:
        root = ET.fromstring(zf.read("word/document.xml"))
    out = []
    for link in root.iter(f"{W}hyperlink"):
        if (link.get(f"{W}anchor") or "").startswith("_Toc"):
            texts = [t.text or "" for t in link.iter(f"{W}t")]
            out.append((texts[0], texts[-1] if len(texts) > 1 else ""))
    return out


def _pdf_pages(pdf) -> list[str]:
    """The text of each page, one pdftotext run per page (poppler, not docgen's reader)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True, check=True).stdout for n in range(1, count + 1)]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _stands_on(page: str, heading: str) -> bool:
    """The heading is whole lines of the page (it may wrap), not the start of a sentence."""
    lines = [_norm(line) for line in page.splitlines()]
    return any(" ".join(lines[i : i + k]) == _norm(heading) for i in range(len(lines)) for k in (1, 2, 3))


def _built_with_toc(built):
    """Every .docx the build writes with contents of its own making, with its PDF. (The
    clean and redlined SEC documents carry their authors' contents: their numbers are the
    source document's, shown with their changes in the redline.)"""
    for pack in (S1SR, TMAD):
        manifest = json.loads((built / pack / "manifest.json").read_text(encoding="utf-8"))
        for f in manifest["files"]:
            if f["name"].endswith(".docx") and f["role"] not in ("clean", "redline"):
                docx = built / pack / f["name"]
                with zipfile.ZipFile(docx) as zf:
                    if re.search(r"<w:instrText[^>]*> TOC \\o", zf.read("word/document.xml").decode("utf-8")):
                        yield docx, docx.with_suffix(".pdf")


def test_every_table_of_contents_carries_the_rendered_page_numbers(built):
    found = list(_built_with_toc(built))
    assert {d.name for d, _ in found} == {f"{S1SR_DOC}.docx", f"{TMAD_DOC}.docx"}
    for docx, _ in found:
        assert len(_toc_cached(docx)) == len(_headings(Document(str(docx))))
    if not soffice.available() or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or pdftotext missing")
    for docx, pdf in found:
        entries = _toc_cached(docx)
        pages = _pdf_pages(pdf)
        toc_page = next(i for i, p in enumerate(pages) if "Table of Contents" in p)
        # The contents page shows the .docx's cached numbers, in order.
        lines = pages[toc_page].split("Table of Contents", 1)[1].splitlines()
        shown = [m.group(1) for line in lines if "Page" not in line and (m := re.search(r"(?:\.{3,}|\s)(\d+)\s*$", line))]
        assert shown == [number for _, number in entries], docx.name
        at = toc_page + 1
        for heading, number in entries:
            page = next(i for i in range(at, len(pages)) if _stands_on(pages[i], heading))
            assert page + 1 == int(number), f"{docx.name}: {heading!r} is on page {page + 1}, the contents say {number}"
            at = page
    # The case of issue 23: Attachment 1 of the TMAD consultation, after a Next Steps
    # paragraph that begins "Attachment 1 of this consultation document".
    tmad = dict(_toc_cached(built / TMAD / f"{TMAD_DOC}.docx"))
    pages = _pdf_pages(built / TMAD / f"{TMAD_DOC}.pdf")
    assert any(p.lstrip().startswith("Attachment 1 of this") or "\nAttachment 1 of this" in p for p in pages[: int(tmad["Attachment 1"]) - 1])


def test_the_attachments_list_is_the_files_built(built):
    folder = built / S1SR
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    published = {f["name"] for f in manifest["files"] if f["role"] not in ("consultation", "lint-report", "direction-text")}
    listed = [p.text for p in _doc(built, S1SR, S1SR_DOC).paragraphs if p.text.startswith("Attachment ") and ":" in p.text]
    named = set()
    for line in listed:
        stem, kinds = re.match(r"Attachment \d+: (.*) \(([A-Z, ]+)\)$", line).groups()
        named |= {f"{stem}.{k.lower()}" for k in kinds.split(", ")}
    assert named == published
    assert listed[0] == ("Attachment 1: S1SR Draft Direction Text (DOCX, PDF)" if soffice.available() else "Attachment 1: S1SR Draft Direction Text (DOCX)")
    assert not any(n.endswith(".md") for n in named), "the direction is published as Word and PDF, not Markdown"


def test_attachment_1_is_the_direction_text(built):
    folder = built / TMAD
    md = (folder / "TMAD and SMETS1 SVTAD Draft Direction Text.md").read_text(encoding="utf-8")
    body = [b for b in md.split("\n\n") if b.strip() and not b.startswith("# ")]
    texts = [p.text for p in _doc(built, TMAD, TMAD_DOC).paragraphs]
    at = texts.index("TMAD and SMETS1 SVTAD Draft Direction Text")
    assert texts[at + 1 : at + 1 + len(body)] == [b.strip() for b in body]


def test_a_document_without_a_redline_is_attached_as_its_changed_clauses(built):
    """Issue 23: the SVTAD has a drafting row (20.5A) and no redline; its clause text, as the
    pack gives it, is attached and listed, and shown under the row."""
    folder = built / TMAD
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    stem = "SEC Appendix AK SEC Variation Testing Approach Document for SMETS1 Services draft changed clauses"
    roles = {f["name"]: f["role"] for f in manifest["files"]}
    assert roles[f"{stem}.docx"] == "changed-clauses"
    with zipfile.ZipFile(folder / f"{TMAD}.zip") as zf:
        assert any(n.endswith(f"{stem}.docx") for n in zf.namelist())
    import tomllib

    given = next(d for d in tomllib.loads((PACKS / f"{TMAD}.toml").read_text(encoding="utf-8"))["drafting"] if d.get("document") == "SMETS1 SVTAD")
    attached = Document(str(folder / f"{stem}.docx"))
    paragraphs = [p.text for p in attached.paragraphs]
    assert "20.5A" in paragraphs and given["text"] in paragraphs
    assert any("publishes no redline" in p for p in paragraphs)
    consultation = [p.text for p in _doc(built, TMAD, TMAD_DOC).paragraphs]
    assert any(p.startswith("Attachment ") and stem in p for p in consultation)
    row = next(r.cells[1].text for t in _doc(built, TMAD, TMAD_DOC).tables for r in t.rows if r.cells[0].text == "SMETS1 SVTAD 20.5A")
    assert given["text"] in " ".join(row.split())
    if soffice.available():
        assert roles[f"{stem}.pdf"] == "changed-clauses"
        assert any(p.startswith("Attachment ") and f"{stem} (DOCX, PDF)" in p for p in consultation)


def test_topics_with_different_dates_give_a_direction_per_date(built):
    md = (built / TMAD / "TMAD and SMETS1 SVTAD Draft Direction Text.md").read_text(encoding="utf-8")
    # A draft leaves the dates to the Secretary of State, as the seeds do; the annexes tell
    # the two re-designations apart, and Next Steps gives the proposed dates.
    assert "29 July 2021" not in md and "12 October 2021" not in md
    assert "with effect from [DD MM YYYY], the SMETS1 Transition and Migration Approach Document previously designated" in md
    assert "as Appendix AK, are hereby re-designated and incorporated in the form set out in Annex [XX]" in md
    assert "with effect from [DD MM YYYY], the SMETS1 Transition and Migration Approach Document previously designated and incorporated into the SEC as Appendix AL is hereby re-designated and incorporated in the form set out in Annex [YY]" in md
    assert "Annex [ZZ]" in md  # the consequential change to Section A follows them
    text = "\n".join(p.text for p in _doc(built, TMAD, TMAD_DOC).paragraphs)
    assert "For the change in section 2.1, DCC has discussed" in text and "on 29 July 2021" in text
    assert "For the changes in sections 2.2 and 2.3, DCC has discussed" in text and "on 12 October 2021" in text
    assert "report to BEIS by no later than 22 July 2021" in text


def test_every_output_has_a_contract_role(built):
    roles = {"consultation", "direction", "direction-text", "redline", "redline-pdf", "clean", "changed-clauses", "matrix-redline", "matrix-clean", "response-template", "drafting-table", "lint-report"}
    for pack in (S1SR, TMAD):
        manifest = json.loads((built / pack / "manifest.json").read_text(encoding="utf-8"))
        assert {f["role"] for f in manifest["files"]} <= roles
        assert sum(f["role"] == "consultation" for f in manifest["files"]) == (2 if soffice.available() else 1)


def test_a_pack_without_topics_or_prose_still_gets_every_section(tmp_path, monkeypatch):
    monkeypatch.setattr(soffice, "available", lambda: False)
    pack = write_pack(tmp_path, pack_text(extra="redesignation = 2025-04-30"))
    assert run([pack], tmp_path / "out") == 0
    document = Document(str(tmp_path / "out" / "test-pack" / "S1SR February 2025 Consultation.docx"))
    assert _headings(document)[:5] == ["1. Introduction and Context", "2. Changes to the S1SR", "3. Next Steps", "4. How to Respond", "5. Attachments"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert 'introduction = "....md"' in text, "a missing introduction is a visible prompt, not silence"
    assert "re-designate the S1SR on 30 April 2025" in text


def test_a_topic_asks_its_questions_in_id_order_whatever_order_it_lists_them(tmp_path, monkeypatch):
    monkeypatch.setattr(soffice, "available", lambda: False)
    (tmp_path / "topic.md").write_text("Why this change.\n", encoding="utf-8")
    tail = '[[topics]]\ntitle = "The change"\ntext = "topic.md"\nquestions = ["T Q2", "T Q1"]\n'
    pack = write_pack(tmp_path, pack_text(tail=tail))
    assert run([pack], tmp_path / "out") == 0
    document = Document(str(tmp_path / "out" / "test-pack" / "S1SR February 2025 Consultation.docx"))
    asked = [row.cells[0].text for t in document.tables for row in t.rows if row.cells[0].text.startswith("T Q")]
    assert asked == ["T Q1", "T Q2", "T Q3"]  # Q3, in no topic, follows Next Steps
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Why this change." in text


def _table_after(document, heading: str):
    """The first table after the heading (not its contents entry), as lists of cell texts."""
    body = [el for el in document.element.body if el.tag in (f"{W}p", f"{W}tbl")]
    items = _body_items(document)  # one item per paragraph or table, in body order
    start = next(i for i, item in enumerate(items) if item == ("h", heading))
    table = next(el for el in body[start:] if el.tag == f"{W}tbl")
    return [["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.findall(f"{W}tc")] for tr in table.findall(f"{W}tr")]


def test_the_device_models_affected_by_the_correction_grouped_by_manufacturer(built):
    import openpyxl

    document = _doc(built, S1SR, S1SR_DOC)
    assert "2.3. Impact of the Changes" in _headings(document)
    assert _headings(document).index("2.3. Impact of the Changes") == _headings(document).index("3. Next Steps") - 1
    rows = _table_after(document, "2.3. Impact of the Changes")
    assert rows[0] == ["Manufacturer", "Device Models affected"]
    # Expected, read independently with openpyxl: the v12 DMVES rows citing the clauses the
    # correction renumbers back (18.5(q) to 18.5(u)) or amends (18.9), with the manufacturer
    # each row gives.
    cited = {f"18.5({c})" for c in "qrstu"} | {"18.9"}
    expected: dict[str, list[str]] = {}
    for sheet in openpyxl.load_workbook(REPO / "sources" / "documents" / "DMVES-v12.xlsx", read_only=True).worksheets:
        values = [[str(v).strip() if v is not None else "" for v in row] for row in sheet.iter_rows(values_only=True)]
        head = next((i for i, r in enumerate(values) if "S1SR Clause" in r), None)
        if head is None:
            continue
        ref_col, maker_col, model_col = (values[head].index(k) for k in ("S1SR Clause", "Manufacturer", "Device Model(s)"))
        for r in values[head + 1 :]:
            if len(r) > model_col and r[ref_col].removeprefix("Clause").replace(" ", "") in cited:
                expected.setdefault(r[maker_col], []).append(r[model_col])
    assert {r[0]: r[1] for r in rows[1:]} == {m: ", ".join(sorted(v)) for m, v in expected.items()}
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Table 3 \u2013 Device Models affected" in text
    # 18.9 of v12.2 already cites 18.5(t): no reference is left to follow.
    assert "References elsewhere that follow" not in text


def test_a_pack_whose_changes_touch_nothing_has_no_impact_section(built):
    document = _doc(built, TMAD, TMAD_DOC)
    assert not any("Impact of the Changes" in h for h in _headings(document))


def test_references_elsewhere_that_follow_are_tabled(tmp_path):
    import datetime as dt

    from chain_builders import correct, promoted, write
    from lint_builders import build_docx, matrix

    from docgen.pack.consultation import ConsultationInputs, consultation_docx
    from docgen.pack.impact_tables import ChangedDocument, pack_impact
    from docgen.pack.load import load_pack
    from docgen.readers import read_document

    def tmad(name: str, version: str, text: str):
        path = build_docx([("h", "Migration"), ("c", text)], tmp_path / name, title=f"SMETS1 Transition and Migration Approach Document v{version}")
        return read_document(path)

    changed = [
        ChangedDocument("S1SR", read_document(write(tmp_path, "old.docx", "1", correct())), read_document(write(tmp_path, "new.docx", "2", promoted())), matrix(("18.1(c)", "Gamma GSME", "SRV 4.14"))),
        ChangedDocument("TMAD", tmad("t4.docx", "4", "See 18.1(c) of the S1SR for Gamma GSME."), tmad("t5.docx", "5", "See 18.1(c) of the S1SR for Gamma GSME meters.")),
    ]
    pack = load_pack(write_pack(tmp_path, pack_text()))
    data = consultation_docx(pack, ConsultationInputs([], impact=pack_impact(changed)), dt.datetime(2025, 2, 5), laid_out=False)
    (tmp_path / "c.docx").write_bytes(data)
    document = Document(str(tmp_path / "c.docx"))
    headings = _headings(document)
    # One topic: the section is a numbered section of its own, and Next Steps follows it.
    assert headings[1:4] == ["2. Changes to the S1SR", "3. Impact of the Changes", "4. Next Steps"]
    models = _table_after(document, "3. Impact of the Changes")
    assert models[0] == ["Manufacturer", "Device Models affected"] and models[1][1] == "Gamma GSME"
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    refs = next(t for t in tables if t[0] == ["Reference", "Cites", "What follows"])
    assert [r[:2] for r in refs[1:]] == [["TMAD 1.1", "18.1(c)"]]
    assert "18.1(e)" in refs[1][2]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Table 2 \u2013 References elsewhere that follow" in text

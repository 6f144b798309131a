"""The tracked-change .docx redline: what Word will show, and that it opens elsewhere too.

Each test builds its OLD and NEW in code (DocxBuilder), redlines them, and looks at the
WordprocessingML revisions; the S1SR tests use the bundled v11, v12 and v12.2 sources.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docgen.readers.docx import read_docx
from synth.docx import DocxBuilder, Level
from docgen.transforms.compare import compare
from docgen.ooxml.parts import package_bytes
from docgen.ooxml.revisions import accept_all, reject_all
from docgen.writers.redline_docx import revision_date, write_redline
from section18_fixture import LEVELS, SECTION_18

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "sources" / "documents"
DATE = "2025-05-02T09:30:00Z"
CLAUSES = SECTION_18


def build(path: Path, items, *, table=None, bold=frozenset(), header=None) -> Path:
    b = DocxBuilder(title="SMETS1 Supporting Requirements")
    b.abstract_num(1, LEVELS)
    b.num(1, 1)
    if header:
        b.header_footer(header, "Page {PAGE}")
    for level, text in items:
        runs = [(w if i == 0 else " " + w, {"bold": True} if w in bold else {}) for i, w in enumerate(text.split(" "))]
        b.paragraph(runs=runs, num_id=None if level is None else 1, ilvl=level)
    if table is not None:
        b.paragraph("Table A3 GT01 checks")
        b.table(table, header=False)
    b.paragraph("End of section.")
    b.save(path)
    return path


def redline(tmp_path: Path, old_items, new_items, **kw) -> tuple[bytes, etree._Element]:
    old_kw = {k[4:]: v for k, v in kw.items() if k.startswith("old_")}
    new_kw = {k[4:]: v for k, v in kw.items() if k.startswith("new_")}
    old = read_docx(build(tmp_path / "old.docx", old_items, **old_kw))
    new = read_docx(build(tmp_path / "new.docx", new_items, **new_kw))
    data = write_redline(compare(old, new), author="DCC Regulation", date=DATE)
    return data, document_xml(data)


def document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def paragraph(root: etree._Element, text: str) -> etree._Element:
    """The redline paragraph whose accepted or original text contains `text`."""
    for p in root.iter(f"{{{W}}}p"):
        full = "".join(t.text or "" for t in p.iter(f"{{{W}}}t", f"{{{W}}}delText"))
        if text in full:
            return p
    raise AssertionError(f"no paragraph with {text!r}")


def revisions(el: etree._Element) -> list[etree._Element]:
    names = ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange")
    return [x for x in el.iter() if isinstance(x.tag, str) and etree.QName(x).localname in names]


def texts(data: bytes, tmp_path: Path, name: str) -> list[tuple[str, str]]:
    path = tmp_path / name
    path.write_bytes(data)
    return [(p.num, p.text) for p in read_docx(path).paragraphs]


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


# ----- revisions --------------------------------------------------------------------------------


def test_a_word_edit_is_a_word_level_deletion_and_insertion_keeping_run_formatting(tmp_path):
    new = list(CLAUSES)
    new[6] = (2, "the Elster Polaris GSME, on receipt of SRV 11.2, rejects the command;")
    _, root = redline(tmp_path, CLAUSES, new, old_bold={"SRV", "11.1,"}, new_bold={"SRV", "11.2,"})
    p = paragraph(root, "Elster Polaris")
    deleted = p.findall("w:del/w:r", NS)
    inserted = p.findall("w:ins/w:r", NS)
    assert ["".join(r.xpath("string(w:delText)", namespaces=NS)) for r in deleted] == ["11.1"]  # a dotted number is one word
    assert ["".join(r.xpath("string(w:t)", namespaces=NS)) for r in inserted] == ["11.2"]
    assert deleted[0].find("w:rPr/w:b", NS) is not None and inserted[0].find("w:rPr/w:b", NS) is not None
    for rev in revisions(p):
        assert rev.get(f"{{{W}}}author") == "DCC Regulation" and rev.get(f"{{{W}}}date") == DATE


def test_inserted_and_deleted_paragraphs_carry_paragraph_mark_revisions(tmp_path):
    new = CLAUSES[:2] + [(2, "the Sagemcom Novus ESME restarts on SRV 6.25;")] + CLAUSES[2:7]
    _, root = redline(tmp_path, CLAUSES, new)
    ins = paragraph(root, "Sagemcom")
    assert ins.find("w:pPr/w:rPr/w:ins", NS) is not None and ins.find("w:ins/w:r/w:t", NS) is not None
    gone = paragraph(root, "Geo Solo")
    assert gone.find("w:pPr/w:rPr/w:del", NS) is not None
    assert gone.find(".//w:t", NS) is None and gone.find("w:del/w:r/w:delText", NS) is not None
    assert gone.find("w:pPr/w:numPr/w:ilvl", NS).get(f"{{{W}}}val") == "2"  # old numbering travels with it


def test_a_cascade_renumbering_carries_no_revision(tmp_path):
    new = CLAUSES[:2] + [(2, "the Sagemcom Novus ESME restarts on SRV 6.25;")] + CLAUSES[2:]
    _, root = redline(tmp_path, CLAUSES, new)
    for text in ("Secure Liberty", "L+G E470", "48 half-hour", "Elster Polaris", "Geo Solo"):
        assert revisions(paragraph(root, text)) == [], text


def test_a_level_change_is_one_numbering_change_and_nothing_else(tmp_path):
    v12 = [(2 if lvl == 3 else lvl, text) for lvl, text in CLAUSES]
    _, root = redline(tmp_path, v12, CLAUSES)
    p = paragraph(root, "48 half-hour")
    revs = revisions(p)
    assert [etree.QName(r).localname for r in revs] == ["pPrChange"]
    assert revs[0].find("w:pPr/w:numPr/w:ilvl", NS).get(f"{{{W}}}val") == "2"
    assert p.find("w:pPr/w:numPr/w:ilvl", NS).get(f"{{{W}}}val") == "3"
    assert revisions(paragraph(root, "Elster Polaris")) == [] and revisions(paragraph(root, "Geo Solo")) == []


def test_formatting_only_change_is_an_rprchange_holding_the_old_properties(tmp_path):
    _, root = redline(tmp_path, CLAUSES, CLAUSES, new_bold={"GBCS:"})
    p = paragraph(root, "deviates from")
    changes = p.findall(".//w:rPrChange", NS)
    assert len(changes) == 1 and changes[0].find("w:rPr/w:b", NS) is None
    bold_run = changes[0].getparent().getparent()
    assert bold_run.find("w:t", NS).text.strip() == "GBCS:" and bold_run.find("w:rPr/w:b", NS) is not None
    assert p.find(".//w:ins", NS) is None and p.find(".//w:del", NS) is None


def test_a_moved_clause_is_a_move_pair_with_named_ranges(tmp_path):
    new = [CLAUSES[0], CLAUSES[1], CLAUSES[7]] + CLAUSES[2:7]
    _, root = redline(tmp_path, CLAUSES, new)
    starts = {etree.QName(x).localname: x for x in root.iter(f"{{{W}}}moveFromRangeStart", f"{{{W}}}moveToRangeStart")}
    assert set(starts) == {"moveFromRangeStart", "moveToRangeStart"}
    assert starts["moveFromRangeStart"].get(f"{{{W}}}name") == starts["moveToRangeStart"].get(f"{{{W}}}name") == "move1"
    for side in ("From", "To"):
        start_id = starts[f"move{side}RangeStart"].get(f"{{{W}}}id")
        ends = [e.get(f"{{{W}}}id") for e in root.iter(f"{{{W}}}move{side}RangeEnd")]
        assert ends == [start_id]
    moved_from = "".join(t.text for t in root.iterfind(".//w:moveFrom/w:r/w:t", NS))
    moved_to = "".join(t.text for t in root.iterfind(".//w:moveTo/w:r/w:t", NS))
    assert moved_from == moved_to == CLAUSES[7][1]


def test_table_rows_inserted_and_deleted_are_row_revisions_and_cells_change_in_place(tmp_path):
    old_rows = [["Step", "Check"], ["4", "GT01 within 24 hours"], ["5", "send alert to supplier"], ["6", "close the record"]]
    new_rows = [["Step", "Check"], ["4", "GT01 within 72 hours"], ["6", "close the record"], ["7", "archive the log for audit"]]
    data, root = redline(tmp_path, CLAUSES, CLAUSES, old_table=old_rows, new_table=new_rows)
    rows = root.findall(".//w:tbl/w:tr", NS)
    marks = [("ins" if r.find("w:trPr/w:ins", NS) is not None else "del" if r.find("w:trPr/w:del", NS) is not None else "") for r in rows]
    assert marks == ["", "", "del", "", "ins"]
    cell = paragraph(root, "GT01 within")
    assert [t.text for t in cell.iter(f"{{{W}}}delText")] == ["24"] and "72" in [t.text for t in cell.iter(f"{{{W}}}t")]


def test_revision_ids_are_unique(tmp_path):
    new = CLAUSES[:2] + [(2, "a new clause about CHF firmware;")] + CLAUSES[3:6] + [(2, "the Elster Polaris GSME, on receipt of SRV 11.3, rejects the command;")]
    _, root = redline(tmp_path, CLAUSES, new, old_table=[["1", "a"], ["2", "b"]], new_table=[["1", "a"], ["3", "c"]])
    ids = [r.get(f"{{{W}}}id") for r in revisions(root) if r.get(f"{{{W}}}id") is not None]
    ids += [r.get(f"{{{W}}}id") for r in root.iter(f"{{{W}}}moveFromRangeStart", f"{{{W}}}moveToRangeStart")]
    assert ids and len(ids) == len(set(ids))


# ----- package -------------------------------------------------------------------------------------


def test_built_on_new_with_its_styles_numbering_and_unchanged_footer_and_a_tracked_header(tmp_path):
    data, _ = redline(tmp_path, CLAUSES, CLAUSES[:-1], old_header="Old header", new_header="SEC Appendix AM v12.2")
    new_parts = parts_of((tmp_path / "new.docx").read_bytes())
    old_parts = parts_of((tmp_path / "old.docx").read_bytes())
    out = parts_of(data)
    for name in ("word/styles.xml", "word/numbering.xml", "word/footer1.xml", "word/settings.xml"):
        assert out[name] == new_parts[name], name

    def header_text(parts: dict[str, bytes]) -> str:
        return "".join(t.text or "" for t in etree.fromstring(parts["word/header1.xml"]).iter(f"{{{W}}}t"))

    assert header_text(accept_all(out)) == header_text(new_parts) == "SEC Appendix AM v12.2"
    assert header_text(reject_all(out)) == header_text(old_parts) == "Old header"


def test_output_is_deterministic_for_a_fixed_date_and_follows_source_date_epoch(tmp_path, monkeypatch):
    old = read_docx(build(tmp_path / "o.docx", CLAUSES))
    new = read_docx(build(tmp_path / "n.docx", CLAUSES[1:]))
    first = write_redline(compare(old, new), author="a", date=DATE)
    assert first == write_redline(compare(old, new), author="a", date=DATE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert revision_date(None) == "2023-11-14T22:13:20Z"
    assert revision_date("2025-03-31") == "2025-03-31T00:00:00Z"
    assert revision_date("2025-03-31T13:00:00+01:00") == "2025-03-31T12:00:00Z"
    from_env = document_xml(write_redline(compare(old, new), author="a"))
    assert {r.get(f"{{{W}}}date") for r in revisions(from_env)} == {"2023-11-14T22:13:20Z"}


def test_accept_gives_new_and_reject_gives_old(tmp_path):
    new = CLAUSES[:2] + [(2, "a new clause about CHF firmware;")] + [(lvl, t.replace("SRV", "Service Request")) for lvl, t in CLAUSES[3:]]
    data, _ = redline(tmp_path, CLAUSES, new, old_table=[["1", "a b"], ["2", "c d"]], new_table=[["1", "a x"], ["3", "e f"], ["2", "c d"]])
    parts = parts_of(data)
    assert texts(package_bytes(accept_all(parts)), tmp_path, "acc.docx") == texts((tmp_path / "new.docx").read_bytes(), tmp_path, "n2.docx")
    assert texts(package_bytes(reject_all(parts)), tmp_path, "rej.docx") == texts((tmp_path / "old.docx").read_bytes(), tmp_path, "o2.docx")


def test_the_redline_reads_back_with_python_docx(tmp_path):
    import docx

    new = CLAUSES[:3] + [(2, "an inserted clause;")] + CLAUSES[4:]
    data, _ = redline(tmp_path, CLAUSES, new, old_table=[["1", "a"]], new_table=[["1", "b"], ["2", "c"]])
    document = docx.Document(io.BytesIO(data))
    assert len(document.paragraphs) >= len(new) and len(document.tables) == 1


# ----- S1SR sources -------------------------------------------------------------------------------


def _s1sr(version: str) -> Path:
    path = DOCS / f"S1SR-v{version}.docx"
    if not path.exists():
        pytest.skip(f"{path.name} is not generated yet (sources/generate.py)")
    return path


def test_s1sr_v12_to_v12_2_shows_the_18_5p_sub_items_as_level_changes_only():
    old, new = read_docx(_s1sr("12")), read_docx(_s1sr("12.2"))
    comparison = compare(old, new)
    root = document_xml(write_redline(comparison, author="DCC", date=DATE))
    summary = comparison.summary()
    sub_items = {old_ref: new_ref for old_ref, new_ref in summary["renumbered"].items() if new_ref.startswith("18.5(p)(")}
    assert sub_items and all(c.level_changed for c in comparison.changes if c.new_ref in sub_items.values())
    for change in comparison.changes:
        if change.new_ref and change.new_ref.startswith("18.5(") and change.new is not None:
            p = paragraph(root, change.new.text)
            kinds = [etree.QName(r).localname for r in revisions(p)]
            if change.new_ref in sub_items.values():
                assert kinds == ["pPrChange"], change.new_ref
            else:
                assert kinds == [], f"spurious revision on {change.new_ref}: {kinds}"
    assert summary["renumbered"]["18.5(q)"] == "18.5(p)(i)"


def test_s1sr_v11_to_v12_accepts_to_v12_and_rejects_to_v11(tmp_path):
    old_path, new_path = _s1sr("11"), _s1sr("12")
    data = write_redline(compare(read_docx(old_path), read_docx(new_path)), author="DCC", date=DATE)
    parts = parts_of(data)
    assert texts(package_bytes(accept_all(parts)), tmp_path, "acc.docx") == texts(new_path.read_bytes(), tmp_path, "new.docx")
    assert texts(package_bytes(reject_all(parts)), tmp_path, "rej.docx") == texts(old_path.read_bytes(), tmp_path, "old.docx")


# ----- LibreOffice and the command line ------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_redline(tmp_path):
    new = CLAUSES[:2] + [(2, "an inserted clause;")] + [CLAUSES[7]] + CLAUSES[2:7]
    data, _ = redline(tmp_path, CLAUSES, new, old_table=[["1", "a"], ["2", "b"]], new_table=[["1", "a b"], ["3", "c"]])
    source = tmp_path / "redline.docx"
    source.write_bytes(data)
    run = subprocess.run(
        ["soffice", "--headless", "-env:UserInstallation=file:///tmp/lo-redline-test", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    pdf = tmp_path / "redline.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), run.stdout + run.stderr


def docgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def test_cli_writes_the_redline_and_prints_the_json_summary(tmp_path):
    old = build(tmp_path / "old.docx", CLAUSES)
    new = build(tmp_path / "new.docx", CLAUSES[:2] + [(2, "an inserted clause;")] + CLAUSES[2:])
    out = tmp_path / "redline.docx"
    run = docgen("redline", str(old), str(new), "-o", str(out), "--date", "2025-01-01", "--summary", "json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["inserted"] == ["1.1(a)"]
    assert read_docx(out).paragraphs[2].text == "an inserted clause;"


def test_cli_refuses_a_bad_date_and_an_output_over_an_input(tmp_path):
    old = build(tmp_path / "old.docx", CLAUSES)
    new = build(tmp_path / "new.docx", CLAUSES[1:])
    bad = docgen("redline", str(old), str(new), "-o", str(tmp_path / "r.docx"), "--date", "last Tuesday")
    assert bad.returncode == 2 and "ISO 8601" in bad.stderr and "Traceback" not in bad.stderr
    over = docgen("redline", str(old), str(new), "-o", str(new))
    assert over.returncode == 2 and "one of the inputs" in over.stderr
    assert not (tmp_path / "r.docx").exists()


def test_cli_accept_and_reject(tmp_path):
    old = build(tmp_path / "old.docx", CLAUSES)
    new = build(tmp_path / "new.docx", CLAUSES[1:])
    red = tmp_path / "red.docx"
    assert docgen("redline", str(old), str(new), "-o", str(red), "--date", "2025-01-01").returncode == 0
    work = tmp_path / "work"
    work.mkdir()
    assert docgen("accept", str(red), cwd=work).returncode == 0  # default output: the current folder, not beside the input
    assert not (tmp_path / "red.accepted.docx").exists()
    assert docgen("reject", str(red), "-o", str(tmp_path / "back.docx")).returncode == 0
    accepted = [p.text for p in read_docx(work / "red.accepted.docx").paragraphs]
    rejected = [p.text for p in read_docx(tmp_path / "back.docx").paragraphs]
    assert accepted == [p.text for p in read_docx(new).paragraphs]
    assert rejected == [p.text for p in read_docx(old).paragraphs]


# ----- OLD content that has to be made at home in NEW's package -------------------------------------


def _with_rel(path: Path, rel_id: str, target: str) -> None:
    """Add an external hyperlink relationship to a built package (DocxBuilder writes fixed rels)."""
    parts = parts_of(path.read_bytes())
    rels = parts["word/_rels/document.xml.rels"].decode()
    rel = f'<Relationship Id="{rel_id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{target}" TargetMode="External"/>'
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", rel + "</Relationships>").encode()
    path.write_bytes(package_bytes(parts))


def test_a_deleted_paragraph_keeps_its_hyperlink_through_a_new_relationship(tmp_path):
    b = DocxBuilder()
    b.paragraph("Kept paragraph one.")
    b.raw_body_xml('<w:p><w:hyperlink r:id="rId9"><w:r><w:t>See the SEC website for details</w:t></w:r></w:hyperlink></w:p>')
    b.paragraph("Kept paragraph two.")
    b.save(tmp_path / "old.docx")
    _with_rel(tmp_path / "old.docx", "rId9", "https://smartenergycodecompany.co.uk/")
    b = DocxBuilder()
    b.paragraph("Kept paragraph one.")
    b.paragraph("Kept paragraph two.")
    b.save(tmp_path / "new.docx")
    data = write_redline(compare(read_docx(tmp_path / "old.docx"), read_docx(tmp_path / "new.docx")), author="a", date=DATE)
    root = document_xml(data)
    link = root.find(".//w:hyperlink", NS)
    rel_id = link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    rels = etree.fromstring(parts_of(data)["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    assert targets[rel_id] == "https://smartenergycodecompany.co.uk/"
    assert link.find("w:del/w:r/w:delText", NS).text == "See the SEC website for details"
    import docx

    docx.Document(io.BytesIO(data))


def test_a_deleted_paragraph_from_a_list_new_lacks_brings_the_list_definition(tmp_path):
    def doc(path: Path, with_second_list: bool) -> Path:
        b = DocxBuilder()
        b.abstract_num(1, [Level(0, "decimal", "%1.")])
        b.num(1, 1)
        if with_second_list:
            b.abstract_num(2, [Level(0, "upperLetter", "Annex %1")])
            b.num(2, 2)
        b.paragraph("Scope of the document", num_id=1, ilvl=0)
        if with_second_list:
            b.paragraph("Device Model variations matrix", num_id=2, ilvl=0)
        b.paragraph("Interpretation of terms", num_id=1, ilvl=0)
        b.save(path)
        return path

    old, new = doc(tmp_path / "old.docx", True), doc(tmp_path / "new.docx", False)
    data = write_redline(compare(read_docx(old), read_docx(new)), author="a", date=DATE)
    rejected = texts(package_bytes(reject_all(parts_of(data))), tmp_path, "rej.docx")
    assert rejected == [("1.", "Scope of the document"), ("Annex A", "Device Model variations matrix"), ("2.", "Interpretation of terms")]


def test_pending_revisions_in_the_inputs_are_accepted_before_comparing(tmp_path):
    b = DocxBuilder()
    b.paragraph("Kept text.")
    b.paragraph("A draft insertion still tracked.", inserted=True)
    b.paragraph("A draft deletion still tracked.", deleted=True)
    b.paragraph("Final text.")
    b.save(tmp_path / "new.docx")
    old = build(tmp_path / "old.docx", [(None, "Kept text."), (None, "Final text.")])
    data = write_redline(compare(read_docx(old), read_docx(tmp_path / "new.docx")), author="a", date=DATE)
    accepted = texts(package_bytes(accept_all(parts_of(data))), tmp_path, "acc.docx")
    assert [t for _, t in accepted] == ["Kept text.", "A draft insertion still tracked.", "Final text."]
    assert {r.get(f"{{{W}}}author") for r in revisions(document_xml(data))} == {"a"}

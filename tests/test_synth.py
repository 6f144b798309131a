"""The synthetic .docx builder and the bundled S1SR / TMAD / DMVES sources.

These documents are the fixtures every reader, lint and redline test relies on, so the
properties they are meant to have (the 18.5p error and nothing else between v12 and v12.2,
verbatim device/SRV facts in the DMVES, auto-numbered steps...) are checked here directly
from the package XML, without going through docgen's own readers.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

import docx
import openpyxl
import pytest
from lxml import etree

from docgen.ooxml.ns import NS
from synth import dmves, s1sr, tmad
from synth.devices import DEVICES
from synth.docx import DocxBuilder, Level
from docgen.ooxml.parts import normalise_zip
from docgen.ooxml.sheets.workbook import workbook_bytes

ROOT = Path(__file__).resolve().parents[1]
W = "{%s}" % NS["w"]


# ------------------------------------------------------------------------------ helpers
@lru_cache(maxsize=None)
def s1sr_bytes(version: str) -> bytes:
    return s1sr.build_s1sr(version)


@lru_cache(maxsize=None)
def tmad_bytes(version: str) -> bytes:
    return tmad.build_tmad(version)


@lru_cache(maxsize=None)
def dmves_bytes(version: str) -> bytes:
    return dmves.build_dmves(version)


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def para_text(p: etree._Element) -> str:
    out = []
    for el in p.iter(W + "t", W + "delText", W + "tab"):
        out.append("\t" if el.tag == W + "tab" else (el.text or ""))
    return "".join(out)


def num_pr(p: etree._Element) -> tuple[int | None, int | None] | None:
    """(numId, ilvl) set directly on the paragraph, or None."""
    pr = p.find(f"{W}pPr/{W}numPr")
    if pr is None:
        return None
    num_id = pr.find(W + "numId")
    ilvl = pr.find(W + "ilvl")
    return (
        None if num_id is None else int(num_id.get(W + "val")),
        None if ilvl is None else int(ilvl.get(W + "val")),
    )


def style_of(p: etree._Element) -> str | None:
    st = p.find(f"{W}pPr/{W}pStyle")
    return None if st is None else st.get(W + "val")


def body_paragraphs(data: bytes) -> list[etree._Element]:
    """Top-level body paragraphs (not those in table cells), in order."""
    return part(data, "word/document.xml").findall(f"{W}body/{W}p")


def numbered(paragraphs: list[etree._Element]) -> list[etree._Element]:
    return [p for p in paragraphs if num_pr(p) is not None and num_pr(p)[0] != 0]


def sections(data: bytes) -> list[tuple[str, list[etree._Element]]]:
    """(heading text, paragraphs after it) for each style-numbered Heading1."""
    out: list[tuple[str, list[etree._Element]]] = []
    for p in body_paragraphs(data):
        if style_of(p) == "Heading1":
            if num_pr(p) is None:  # numbered through the style
                out.append((para_text(p), []))
            else:  # numId 0: an annex, not a section
                out.append(("", []))
        elif out:
            out[-1][1].append(p)
    return [(h, ps) for h, ps in out if h]


def section_18(data: bytes) -> list[etree._Element]:
    heading, paras = sections(data)[17]
    assert heading == "Device Specific Behaviours"
    return paras


def xref_paragraph(paragraphs: list[etree._Element]) -> etree._Element:
    """The paragraph of the REF field to 18.5(t) (the sources have other fields: TOC, REF 13.2)."""
    found = [p for p in paragraphs if any("_Ref84120045" in (t.text or "") for t in p.iter(W + "instrText"))]
    assert len(found) == 1
    return found[0]


# --------------------------------------------------------------------------- builder
def test_builder_output_is_byte_identical_and_has_fixed_zip_times():
    def build() -> bytes:
        b = DocxBuilder(title="Fixture")
        b.abstract_num(1, [Level(0), Level(1, text="%1.%2")])
        b.num(1, 1)
        b.paragraph("one", num_id=1, ilvl=0)
        b.paragraph("gone", num_id=1, ilvl=1, deleted=True)
        b.header_footer("DCC Public", "Page {PAGE}")
        return b.to_bytes()

    first, second = build(), build()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        names = zf.namelist()
    for required in (
        "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
        "word/styles.xml", "word/numbering.xml", "word/settings.xml", "docProps/core.xml",
        "docProps/app.xml", "word/header1.xml", "word/footer1.xml",
    ):
        assert required in names


def test_builder_numbering_edge_cases_are_written_as_asked():
    b = DocxBuilder()
    b.num(7, 3, {2: 1})  # before its abstractNum: the writer must still order abstractNums first
    b.abstract_num(3, [Level(0, "upperRoman", "Article %1", restart=0, is_lgl=True, suff="space", vanish=True)],
                   multi_level_type="singleLevel")
    b.raw_numbering_xml('<w:num w:numId="8"><w:abstractNumId w:val="3"/></w:num>')
    b.style("ListStyle", "List Style", kind="numbering", num_id=7)
    b.paragraph("no ilvl", num_id=7)
    b.paragraph("cancelled", style="Heading1", num_id=0)
    b.paragraph("hidden number", num_id=7, ilvl=0, vanish_number=True)
    data = b.to_bytes()
    numbering = part(data, "word/numbering.xml")
    kinds = [etree.QName(el).localname for el in numbering]
    assert kinds == ["abstractNum", "num", "num"]
    lvl = numbering.find(f"{W}abstractNum/{W}lvl")
    assert [etree.QName(el).localname for el in lvl] == [
        "start", "numFmt", "lvlRestart", "isLgl", "suff", "lvlText", "lvlJc", "rPr"
    ]
    assert numbering.find(f"{W}num/{W}lvlOverride/{W}startOverride").get(W + "val") == "1"
    paras = body_paragraphs(data)
    assert num_pr(paras[0]) == (7, None)
    assert num_pr(paras[1]) == (0, None)
    assert paras[2].find(f"{W}pPr/{W}rPr/{W}vanish") is not None
    styles = part(data, "word/styles.xml")
    numbering_style = styles.find(f"{W}style[@{W}styleId='ListStyle']")
    assert numbering_style.get(W + "type") == "numbering"
    assert numbering_style.find(f".//{W}numId").get(W + "val") == "7"


def test_tracked_paragraphs_and_formatted_runs():
    b = DocxBuilder()
    b.paragraph("old text", deleted=True)
    b.paragraph("new text", inserted=True)
    b.paragraph(runs=[("plain ", {}), ("bold", {"bold": True}), ("struck", {"strike": True, "italic": True})])
    deleted, inserted, formatted = body_paragraphs(b.to_bytes())
    assert deleted.find(f"{W}pPr/{W}rPr/{W}del").get(W + "author") == "docgen-synth"
    assert deleted.find(f"{W}del/{W}r/{W}delText").text == "old text"
    assert deleted.find(f".//{W}t") is None
    assert inserted.find(f"{W}pPr/{W}rPr/{W}ins") is not None
    assert inserted.find(f"{W}ins/{W}r/{W}t").text == "new text"
    runs = formatted.findall(f"{W}r")
    assert runs[1].find(f"{W}rPr/{W}b") is not None
    assert runs[2].find(f"{W}rPr/{W}strike") is not None and runs[2].find(f"{W}rPr/{W}i") is not None
    with pytest.raises(ValueError):
        b.paragraph("x", deleted=True, inserted=True)
    with pytest.raises(ValueError):
        b.paragraph(runs=[("x", {"blink": True})])


def test_table_numbered_column_and_text_escaping():
    b = DocxBuilder()
    b.abstract_num(2, [Level(0, text="%1")], multi_level_type="singleLevel")
    b.num(2, 2)
    b.table([["Step", "Check <&>"], ["", "one"], ["", "two\x01"]], num_id=2, numbered_column=0)
    data = b.to_bytes()
    cells = part(data, "word/document.xml").findall(f".//{W}tc/{W}p")
    assert [num_pr(p) for p in cells] == [None, None, (2, 0), None, (2, 0), None]
    assert para_text(cells[1]) == "Check <&>"
    assert para_text(cells[5]) == "two"  # control characters cannot go into XML
    assert docx.Document(io.BytesIO(data)).tables[0].cell(2, 1).text == "two"


def test_raw_xml_must_be_well_formed():
    b = DocxBuilder()
    with pytest.raises(ValueError):
        b.raw_body_xml("<w:p><w:r></w:p>")
    with pytest.raises(ValueError):
        b.raw_numbering_xml("<w:num>")
    b.raw_body_xml("<w:p><w:r><w:t>raw</w:t></w:r></w:p>")
    assert para_text(body_paragraphs(b.to_bytes())[0]) == "raw"


def test_normalise_zip_removes_timestamps_only():
    def zipped(when: tuple[int, ...]) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for name in ("b.xml", "a.xml"):
                zf.writestr(zipfile.ZipInfo(name, date_time=when), name.encode())
        return buf.getvalue()

    one, two = normalise_zip(zipped((2001, 2, 3, 4, 5, 6))), normalise_zip(zipped((2024, 7, 8, 9, 10, 12)))
    assert one == two
    with zipfile.ZipFile(io.BytesIO(one)) as zf:
        assert zf.namelist() == ["b.xml", "a.xml"]
        assert zf.read("a.xml") == b"a.xml"


def test_workbook_bytes_pins_openpyxl_times():
    def book() -> openpyxl.Workbook:
        wb = openpyxl.Workbook()
        wb.active["A1"] = "x"
        return wb

    assert workbook_bytes(book()) == workbook_bytes(book())


# ------------------------------------------------------------------------ bundled files
def test_bundled_sources_match_the_generator():
    sys.path.insert(0, str(ROOT / "sources"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "sources"))
    for name, build in generate.documents().items():
        path = ROOT / "sources" / "documents" / name
        assert path.read_bytes() == build(), f"{name} is stale: run sources/generate.py"


@pytest.mark.parametrize("version", s1sr.VERSIONS)
def test_s1sr_is_deterministic_and_opens_in_python_docx(version):
    data = s1sr_bytes(version)
    assert s1sr.build_s1sr(version) == data
    document = docx.Document(io.BytesIO(data))
    label = version if "." in version else f"{version}.0"
    assert document.core_properties.title == f"SMETS1 Supporting Requirements v{label}"
    assert f"Version {label}" in [p.text for p in document.paragraphs[:5]]
    assert document.sections[0].header.paragraphs[0].text == "DCC Public"
    assert part(data, "word/footer1.xml").find(f".//{W}instrText").text.strip() == "PAGE"


@pytest.mark.parametrize("version", s1sr.VERSIONS)
def test_s1sr_size_and_structure(version):
    data = s1sr_bytes(version)
    paras = body_paragraphs(data)
    secs = sections(data)
    assert len(secs) >= 18
    assert len(numbered(paras)) >= 400
    behaviour_paras = [
        p for p in numbered(section_18(data)) if any(d.name in para_text(p) for d in DEVICES)
    ]
    assert len(behaviour_paras) >= 60
    # Section headings are numbered only through the Heading1 style (level 0 has pStyle).
    numbering = part(data, "word/numbering.xml")
    lvl0 = numbering.find(f"{W}abstractNum/{W}lvl[@{W}ilvl='0']")
    assert lvl0.find(W + "pStyle").get(W + "val") == "Heading1"
    # Annex headings cancel the style's numbering with numId 0.
    annexes = [p for p in paras if style_of(p) == "Heading1" and num_pr(p) == (0, None)]
    assert [para_text(p)[:7] for p in annexes] == ["Annex D", "Annex E", "Annex F", "Annex G"]
    captions = [para_text(p) for p in paras if style_of(p) == "Caption"]
    assert [c[:9] for c in captions] == ["Table D1 ", "Table E1 ", "Table E2 ", "Figure E1", "Table F1 ", "Table G1 "]
    # The Annex G list restarts through a second w:num with a startOverride.
    overridden = numbering.find(f"{W}num[@{W}numId='2']")
    assert overridden.find(f"{W}abstractNumId").get(W + "val") == "1"
    assert overridden.find(f"{W}lvlOverride/{W}startOverride").get(W + "val") == "1"
    assert sum(1 for p in paras if num_pr(p) == (2, 2)) == 3


def test_s1sr_18_5_items_each_name_one_distinct_device_and_srv():
    paras = section_18(s1sr_bytes("11"))
    lead = next(i for i, p in enumerate(paras) if para_text(p) == s1sr._LEAD_18_5)
    assert num_pr(paras[lead]) == (1, 1)
    assert not re.search(r"SRV \d", para_text(paras[lead]))
    items = []
    for p in paras[lead + 1:]:
        if num_pr(p)[1] == 1:
            break
        items.append(p)
    top = [p for p in items if num_pr(p)[1] == 2]
    subs = [p for p in items if num_pr(p)[1] == 3]
    assert len(top) == 21 and len(subs) == 6
    facts = s1sr.items_18_5()
    assert len({d for _, d, _ in facts}) == len({s for _, _, s in facts}) == 21
    for p, (_, device, srv) in zip(top, facts):
        text = para_text(p)
        assert [d.name for d in DEVICES if d.name in text] == [device]
        assert re.findall(r"SRV [\d.]*\d", text) == [srv if srv.startswith("SRV") else f"SRV {srv}"]
    sub_texts = [para_text(p) for p in subs]
    assert not any(d.name in t or "SRV" in t for t in sub_texts for d in DEVICES)
    assert all(t.endswith(";") for t in sub_texts[:4])
    assert sub_texts[4].endswith("; and") and sub_texts[5].endswith(".")
    assert para_text(top[15]).endswith("the S1SP applies the following constraints:")


def test_v12_and_v12_2_differ_only_in_the_six_levels_and_the_cross_reference():
    v12 = body_paragraphs(s1sr_bytes("12"))
    v122 = body_paragraphs(s1sr_bytes("12.2"))
    assert len(v12) == len(v122)
    differences = []
    for a, b in zip(v12, v122):
        ta, tb = para_text(a), para_text(b)
        if ta.startswith(("Version ", "Date: ")):
            continue
        if (ta, num_pr(a)) != (tb, num_pr(b)):
            differences.append(((ta, num_pr(a)), (tb, num_pr(b))))
    level_changes = [d for d in differences if d[0][0] == d[1][0]]
    assert len(level_changes) == 6
    assert all(a[1] == (1, 2) and b[1] == (1, 3) for a, b in level_changes)
    text_changes = [d for d in differences if d[0][0] != d[1][0]]
    assert len(text_changes) == 1
    (old, _), (new, _) = text_changes[0]
    assert "Clause 18.5(z)" in old and "Clause 18.5(t)" in new
    assert old.replace("18.5(z)", "18.5(t)") == new


def test_v11_to_v12_has_ordinary_drafting_changes_too():
    v11 = [para_text(p) for p in body_paragraphs(s1sr_bytes("11"))]
    v12 = [para_text(p) for p in body_paragraphs(s1sr_bytes("12"))]
    added = set(v12) - set(v11)
    assert any(t.startswith("the Sagemcom Novus ESME, for SRV 6.25") for t in added)
    assert any("Secure Liberty 200 ESME receives SRV 4.2" in t for t in added)
    assert any(t.startswith("The S1SP shall return a Service Response") for t in added)


def test_cross_reference_is_a_ref_field_to_the_bookmarked_item():
    for version, shown in (("11", "18.5(t)"), ("12", "18.5(z)"), ("12.2", "18.5(t)")):
        paras = body_paragraphs(s1sr_bytes(version))
        p = xref_paragraph(paras)
        assert "REF _Ref84120045" in p.find(f".//{W}instrText").text
        assert f"Clause {shown}" in para_text(p)
        marked = [q for q in paras if q.find(f"{W}bookmarkStart[@{W}name='_Ref84120045']") is not None]
        assert len(marked) == 1 and "Geo Solo PPMID" in para_text(marked[0])


def test_genuine_letter_i_follows_h_in_a_long_list():
    paras = body_paragraphs(s1sr_bytes("11"))
    run, longest = 0, 0
    for p in paras:
        run = run + 1 if num_pr(p) == (1, 2) else 0
        longest = max(longest, run)
    assert longest >= 9


# --------------------------------------------------------------------------------- DMVES
def workbook(version: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(dmves_bytes(version)))


@pytest.mark.parametrize("version", dmves.VERSIONS)
def test_dmves_layout(version):
    assert dmves.build_dmves(version) == dmves_bytes(version)
    wb = workbook(version)
    assert wb.sheetnames[0] == "Read Me" and len(wb.sheetnames) >= 4
    for name in wb.sheetnames[1:]:
        ws = wb[name]
        assert ws["A1"].value.startswith("SEC Appendix AM Annex A")
        assert ws["A2"].value.startswith("Version 12")
        assert tuple(c.value for c in ws[4]) == dmves.HEADER
        assert ws.column_dimensions["C"].width >= 20
        assert ws.max_row > 4


def test_dmves_rows_cite_what_the_clauses_say():
    texts = {b.ref: b.text for b in s1sr.behaviours("12.2")}
    written = set()
    for row in dmves.rows("12.2"):
        text = texts[row.ref]
        assert row.device_model in text
        for srv in row.srv.split(", "):
            assert srv in text
        written.add(row.ref_as_written)
    assert set(texts) == {r.ref for r in dmves.rows("12.2")}  # every behaviour is covered
    shapes = {
        "18.5p": r"\d+\.\d+[a-z]+",
        "18.5(p)": r"\d+\.\d+\([a-z]+\)",
        "18.5 (p)": r"\d+\.\d+ \([a-z]+\)",
        "Clause 18.5(p)": r"Clause \d+\.\d+\([a-z]+\)",
    }
    for form, shape in shapes.items():
        assert any(re.fullmatch(shape, w) for w in written), form
    assert any(", " in r.srv for r in dmves.rows("12.2"))


def test_older_dmves_lacks_new_clauses_and_changes_two_cells():
    old = {(r.ref, r.manufacturer, r.group_id): r for r in dmves.rows("12")}
    new = {(r.ref, r.manufacturer, r.group_id): r for r in dmves.rows("12.2")}
    assert {k[0] for k in set(new) - set(old)} == {"18.7(f)", "18.62"}
    assert not set(old) - set(new)
    changed = [(old[k], new[k]) for k in old if old[k].cells() != new[k].cells()]
    assert sorted((o.srv, n.srv) for o, n in changed if o.srv != n.srv) == [("SRV 6.15.1", "SRV 6.15.1, SRV 6.15.2")]
    assert [(o.device_model, n.device_model) for o, n in changed if o.device_model != n.device_model] == [
        ("Liberty 100", "Secure Liberty 100 ESME")
    ]


# ---------------------------------------------------------------------------------- TMAD
@pytest.mark.parametrize("version", tmad.VERSIONS)
def test_tmad_structure(version):
    data = tmad_bytes(version)
    assert tmad.build_tmad(version) == data
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.title.endswith(f"v{version}")
    paras = body_paragraphs(data)
    secs = sections(data)
    assert len(secs) == 20
    literal = [p for p in paras if para_text(p).startswith("20.5A\t")]
    assert len(literal) == 1 and num_pr(literal[0]) is None
    after = paras[paras.index(literal[0]) + 1]
    assert num_pr(after) == (1, 1)  # 20.6 stays auto-numbered
    intro = [p for p in secs[0][1] if num_pr(p) == (1, 1)]
    assert len(intro) == (10 if version == "4.1" else 9)
    items_3_1 = [p for p in secs[2][1] if num_pr(p) == (1, 2)]
    assert len(items_3_1) == 8 and "SMETS1 PPMID" in para_text(items_3_1[6])


def step_rows(data: bytes, caption: str) -> list[list[str]]:
    body = part(data, "word/document.xml").find(W + "body")
    children = list(body)
    for i, el in enumerate(children):
        if el.tag == W + "p" and para_text(el) == caption:
            table = children[i + 1]
            rows = table.findall(W + "tr")
            return [[para_text(tc.find(W + "p")) for tc in tr.findall(W + "tc")] for tr in rows[1:]], table
    raise AssertionError(caption)


def test_tmad_step_tables_are_auto_numbered_and_carry_the_unblocking_changes():
    for version, hours in (("4.0", "24 hours"), ("4.1", "72 hours")):
        data = tmad_bytes(version)
        rows, table = step_rows(data, "Table A3 – GT01 checks")
        assert rows[3][0] == "" and hours in rows[3][1] and rows[3][2] == "GT01"
        numbered_cells = [num_pr(tr.find(f"{W}tc/{W}p")) for tr in table.findall(W + "tr")[1:]]
        assert numbered_cells == [(tmad.TABLE_A3_NUM_ID, 0)] * len(rows)
        rows, table = step_rows(data, "Table 5.10 – Migration Steps")
        assert len(rows) >= 18
        assert ("independent Gas Transporter (iGT)" in rows[16][1]) == (version == "4.1")
        numbering = part(data, "word/numbering.xml")
        abstract = numbering.find(f"{W}num[@{W}numId='{tmad.TABLE_5_10_NUM_ID}']/{W}abstractNumId").get(W + "val")
        lvl_text = numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract}']/{W}lvl/{W}lvlText")
        assert lvl_text.get(W + "val") == "5.10.%1"


# ----------------------------------------------------------------------- LibreOffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_renders_the_numbering_as_word_would(tmp_path):
    b = DocxBuilder()
    b.abstract_num(1, [Level(0, "decimal", "%1", pstyle="Heading1"), Level(1, "decimal", "%1.%2"),
                       Level(2, "lowerLetter", "(%3)"), Level(3, "lowerRoman", "(%4)")])
    b.num(1, 1)
    b.num(2, 1, {2: 1})
    b.style("Heading1", "heading 1", based_on="Normal", num_id=1)
    b.paragraph("Scope", style="Heading1")
    b.paragraph("Lead-in:", num_id=1, ilvl=1)
    for i in range(27):
        b.paragraph(f"item {i}", num_id=1, ilvl=2)
    b.paragraph("sub", num_id=1, ilvl=3)
    b.paragraph("Annex", style="Heading1", num_id=0)
    b.paragraph("restarted", num_id=2, ilvl=2)
    src = tmp_path / "n.docx"
    b.save(src)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "txt:Text",
         "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    lines = [line.strip() for line in (tmp_path / "n.txt").read_text(encoding="utf-8-sig").splitlines()]
    assert lines[:2] == ["1 Scope", "1.1 Lead-in:"]
    assert "(z) item 25" in lines and "(aa) item 26" in lines
    assert "(i) sub" in lines and "Annex" in lines and "(a) restarted" in lines

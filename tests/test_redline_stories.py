"""The redline tracks changes in every story, not only the body's paragraphs.

Each test writes an OLD and a NEW package by hand (tests/corpus/wml.py), redlines them, and
holds the result to the definition of a redline: accepting every change gives NEW and
rejecting every change gives OLD, story by story (headers, footers, notes, text boxes),
with pictures compared by their bytes, equations and fields as units, and list numbers by
the definition they are drawn from. The texts are read by a small reader written here,
sharing no code with docgen's content walk.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from corpus.wml import Doc, chart, chart_parts, equation, note_ref, p, picture, png, r, ref_field, smartart, smartart_parts, text_box
from docgen.readers.docx import read_docx
from docgen.transforms.compare import compare
from docgen.ooxml.parts import package_bytes
from docgen.ooxml.revisions import accept_all, reject_all
from docgen.writers.redline_docx import write_redline

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
DATE = "2025-05-02T09:30:00Z"


def redline(tmp_path: Path, old: Doc, new: Doc, **kw) -> dict[str, bytes]:
    o = old.save(tmp_path / "old.docx")
    n = new.save(tmp_path / "new.docx")
    data = write_redline(compare(read_docx(o), read_docx(n)), author="t", date=DATE, **kw)
    assert data == write_redline(compare(read_docx(o), read_docx(n)), author="t", date=DATE, **kw)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


# ----- an independent reader of what a package shows -------------------------------------------


def rels(parts: dict[str, bytes], part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    data = parts.get(f"{folder}/_rels/{name}.rels")
    if data is None:
        return {}
    out = {}
    for rel in etree.fromstring(data).iter(f"{{{PKG}}}Relationship"):
        if rel.get("TargetMode") != "External":
            out[rel.get("Id")] = posixpath.normpath(posixpath.join(folder, rel.get("Target")))
    return out


def shown(parts: dict[str, bytes], part: str = "word/document.xml") -> list[str]:
    """Each non-empty paragraph of a story as a reader sees it: text, pictures by a hash of
    their bytes, equations by their text, symbols, notes by their own text, fields' results."""
    root = etree.fromstring(parts[part])
    assert not list(root.iter(f"{{{W}}}ins", f"{{{W}}}del", f"{{{W}}}delText")), "revisions left after accept/reject"
    targets = rels(parts, part)
    out = []
    for para in root.iter(f"{{{W}}}p"):
        bits = []
        for el in para.iter():
            tag = el.tag if isinstance(el.tag, str) else ""
            if _inside_other(el, para):
                continue
            if tag == f"{{{W}}}t" or tag == f"{{{M}}}t":
                bits.append(el.text or "")
            elif tag == f"{{{W}}}tab":
                bits.append("\t")
            elif tag == f"{{{W}}}sym":
                bits.append(f"[sym {el.get(f'{{{W}}}char')}]")
            elif tag.endswith("}blip") or tag.endswith("}chart"):
                rid = el.get(f"{{{RNS}}}embed") or el.get(f"{{{RNS}}}id")
                assert rid in targets and targets[rid] in parts, f"{part}: dangling r:id {rid}"
                bits.append("[obj " + hashlib.sha1(parts[targets[rid]]).hexdigest()[:8] + "]")
            elif tag in (f"{{{W}}}footnoteReference", f"{{{W}}}endnoteReference"):
                kind = etree.QName(el).localname[: -len("Reference")]
                notes = etree.fromstring(parts[f"word/{kind}s.xml"])
                note = next(n for n in notes.iter(f"{{{W}}}{kind}") if n.get(f"{{{W}}}id") == el.get(f"{{{W}}}id"))
                bits.append("[" + kind + ": " + "".join(t.text or "" for t in note.iter(f"{{{W}}}t")) + "]")
        text = "".join(bits)
        if text.strip():
            out.append(text)
    return out


def _inside_other(el: etree._Element, para: etree._Element) -> bool:
    """Text of a text box's own paragraphs belongs to those paragraphs, not to this one."""
    for a in el.iterancestors():
        if a is para:
            return False
        if a.tag == f"{{{W}}}p":
            return True
    return False


def assert_round_trip(out: dict[str, bytes], old: Doc, new: Doc, stories=("word/document.xml",)) -> None:
    accepted, rejected = accept_all(out), reject_all(out)
    old_parts, new_parts = old.parts(), new.parts()
    for story in stories:
        assert shown(accepted, story) == shown(new_parts, story), f"accept-all of {story}"
        assert shown(rejected, story) == shown(old_parts, story), f"reject-all of {story}"


def tracked(out: dict[str, bytes], part: str) -> tuple[list[str], list[str]]:
    root = etree.fromstring(out[part])
    ins = ["".join(t.text or "" for t in x.iter(f"{{{W}}}t")) for x in root.iter(f"{{{W}}}ins")]
    dels = ["".join(t.text or "" for t in x.iter(f"{{{W}}}delText")) for x in root.iter(f"{{{W}}}del")]
    return [s for s in ins if s], [s for s in dels if s]


# ----- headers and footers ---------------------------------------------------------------------


@pytest.fixture
def body():
    return [p(r("Clause 1 applies to every Device."))]


def test_header_and_footer_changes_are_tracked(tmp_path, body):
    old = Doc(body, header=[p(r("SEC Appendix AM version 11"))], footer=[p(r("Page footer")), p(r("Classification: Public"))])
    new = Doc(body, header=[p(r("SEC Appendix AM version 12"))], footer=[p(r("Page footer"))])
    out = redline(tmp_path, old, new)
    assert tracked(out, "word/header1.xml") == (["12"], ["11"])
    assert tracked(out, "word/footer1.xml") == ([], ["Classification: Public"])
    assert_round_trip(out, old, new, ("word/document.xml", "word/header1.xml", "word/footer1.xml"))


def test_a_header_new_in_new_is_marked_inserted(tmp_path, body):
    old = Doc(body)
    new = Doc(body, header=[p(r("Draft for consultation"))])
    out = redline(tmp_path, old, new)
    assert tracked(out, "word/header1.xml") == (["Draft for consultation"], [])


def test_a_replaced_last_paragraph_is_diffed_inside_it_not_as_a_new_paragraph_mark(tmp_path, body):
    """The final paragraph mark of a header cannot be inserted or deleted in Word or LibreOffice."""
    out = redline(tmp_path, Doc(body, header=[p(r("Draft for consultation"))]), Doc(body, header=[p(r("Designated version"))]))
    header = etree.fromstring(out["word/header1.xml"])
    assert len(header.findall(f"{{{W}}}p")) == 1
    assert header.find(f".//{{{W}}}pPr/{{{W}}}rPr/{{{W}}}ins") is None
    assert_round_trip(out, Doc(body, header=[p(r("Draft for consultation"))]), Doc(body, header=[p(r("Designated version"))]), ("word/header1.xml",))


def _section(parts: dict[str, bytes]) -> etree._Element:
    return etree.fromstring(parts["word/document.xml"]).find(f"{{{W}}}body/{{{W}}}sectPr")


def test_a_footer_only_old_had_comes_back_as_deleted_text(tmp_path, body):
    old = Doc(body, header=[p(r("DCC Public"))], footer=[p(r("Page footer")), p(r("Classification: Public"))])
    new = Doc(body, header=[p(r("DCC Public"))])
    out = redline(tmp_path, old, new)
    [ref] = _section(out).findall(f"{{{W}}}footerReference")
    part = rels(out, "word/document.xml")[ref.get(f"{{{RNS}}}id")]
    assert tracked(out, part) == ([], ["Page footer", "Classification: Public"])
    assert shown(accept_all(out), part) == []  # NEW shows no footer
    assert shown(reject_all(out), part) == ["Page footer", "Classification: Public"]
    assert_round_trip(out, old, new, ("word/document.xml", "word/header1.xml"))


def test_a_page_set_up_change_keeps_old_layout_in_a_section_change(tmp_path, body):
    old = Doc(body, footer=[p(r("Page footer"))])  # A4 portrait
    new = Doc(body, footer=[p(r("Page footer"))], landscape=True)
    out = redline(tmp_path, old, new)
    sect = _section(out)
    change = sect[-1]
    assert etree.QName(change).localname == "sectPrChange" and change.get(f"{{{W}}}author") == "t"
    recorded = change.find(f"{{{W}}}sectPr")
    assert [etree.QName(c).localname for c in recorded] == ["pgSz", "pgMar"]  # no references in the record
    assert recorded.find(f"{{{W}}}pgSz").get(f"{{{W}}}orient") is None
    accepted, rejected = _section(accept_all(out)), _section(reject_all(out))
    assert accepted.find(f"{{{W}}}pgSz").get(f"{{{W}}}orient") == "landscape"
    assert rejected.find(f"{{{W}}}pgSz").get(f"{{{W}}}w") == "11906"
    assert rejected.find(f"{{{W}}}footerReference") is not None  # the references survive a reject
    assert rejected.find(f"{{{W}}}sectPrChange") is None


def test_an_unchanged_page_set_up_records_nothing(tmp_path, body):
    out = redline(tmp_path, Doc(body), Doc([p(r("Clause 1 applies to every Device and PPMID."))]))
    assert _section(out).find(f"{{{W}}}sectPrChange") is None


# ----- footnotes and endnotes ------------------------------------------------------------------


def test_note_text_is_diffed_inside_the_note(tmp_path):
    old = Doc([p(r("The Device shall respond."), note_ref("footnote", 1))], footnotes={1: [p(r("See Annex B of the SEC."))]})
    new = Doc([p(r("The Device shall respond."), note_ref("footnote", 1))], footnotes={1: [p(r("See Annex C of the SEC."))]})
    out = redline(tmp_path, old, new)
    assert tracked(out, "word/footnotes.xml") == (["C"], ["B"])
    assert_round_trip(out, old, new)


def test_added_and_removed_note_references_are_marked_with_their_notes(tmp_path):
    old = Doc(
        [p(r("First clause."), note_ref("footnote", 1)), p(r("Second clause text."))],
        footnotes={1: [p(r("Removed note."))]},
        endnotes={1: [p(r("Kept endnote."))]},
    )
    new = Doc(
        [p(r("First clause.")), p(r("Second clause text."), note_ref("endnote", 2))],
        endnotes={1: [p(r("Kept endnote."))], 2: [p(r("Added endnote."))]},
    )
    out = redline(tmp_path, old, new)
    ins, dels = tracked(out, "word/endnotes.xml")
    assert ins == ["Added endnote."]
    assert tracked(out, "word/footnotes.xml")[1] == ["Removed note."]
    assert_round_trip(out, old, new)


def test_notes_keep_reference_order_when_an_earlier_one_is_removed(tmp_path):
    """NEW's note 1 was OLD's note 2; OLD's note 1 comes back deleted before it. Notes are
    renumbered in reference order (LibreOffice pairs them by order), and the deleted note's
    last paragraph mark is left alone, as a story's last mark must be."""
    old = Doc(
        [p(r("Alerts go to the Import Supplier"), note_ref("footnote", 1)), p(r("Top Ups are applied"), note_ref("footnote", 2))],
        footnotes={1: [p(r("As defined in Section A."))], 2: [p(r("Or at a PPMID."))]},
    )
    new = Doc(
        [p(r("Alerts go to the Import Supplier")), p(r("Top Ups are applied"), note_ref("footnote", 1))],
        footnotes={1: [p(r("Or at a PPMID where one is installed."))]},
    )
    out = redline(tmp_path, old, new)
    document = etree.fromstring(out["word/document.xml"])
    refs = [int(x.get(f"{{{W}}}id")) for x in document.iter(f"{{{W}}}footnoteReference")]
    assert refs == sorted(refs) and len(refs) == 2
    notes = [n for n in etree.fromstring(out["word/footnotes.xml"]) if int(n.get(f"{{{W}}}id")) > 0]
    assert [int(n.get(f"{{{W}}}id")) for n in notes] == refs
    deleted_note = notes[0]
    assert "".join(t.text for t in deleted_note.iter(f"{{{W}}}delText")).strip() == "As defined in Section A."
    assert deleted_note.find(f".//{{{W}}}pPr/{{{W}}}rPr/{{{W}}}del") is None
    assert_round_trip(out, old, new)


# ----- text boxes, equations, pictures, symbols, fields -------------------------------------------


def test_text_box_edits_are_tracked_in_choice_and_fallback_alike(tmp_path):
    old = Doc([p(r("Figure 1 "), text_box(p(r("Cohort FOC devices"))))])
    new = Doc([p(r("Figure 1 "), text_box(p(r("Cohort IOC devices"))))])
    out = redline(tmp_path, old, new)
    root = etree.fromstring(out["word/document.xml"])
    boxes = list(root.iter(f"{{{W}}}txbxContent"))
    assert len(boxes) == 2
    for box in boxes:
        assert ["".join(t.text for t in x.iter(f"{{{W}}}t")) for x in box.iter(f"{{{W}}}ins")] == ["IOC"]
    ids = [x.get(f"{{{W}}}id") for x in root.iter(f"{{{W}}}ins", f"{{{W}}}del")]
    assert len(ids) == len(set(ids)), "revision ids are unique"
    assert_round_trip(out, old, new)


def test_an_equation_changes_as_one_unit(tmp_path):
    old = Doc([p(r("The rate is "), equation("a", "+", "b"), r(" per day."))])
    new = Doc([p(r("The rate is "), equation("a", "-", "b"), r(" per day."))])
    out = redline(tmp_path, old, new)
    root = etree.fromstring(out["word/document.xml"])
    assert [len(list(x.iter(f"{{{M}}}oMath"))) for x in root.iter(f"{{{W}}}ins", f"{{{W}}}del")] == [1, 1]
    assert_round_trip(out, old, new)


def test_an_inserted_equation_paragraph_is_tracked_with_its_equation(tmp_path):
    old = Doc([p(r("Before.")), p(r("After."))])
    new = Doc([p(r("Before.")), p(equation("x", "=", "1")), p(r("After."))])
    out = redline(tmp_path, old, new)
    assert_round_trip(out, old, new)


def test_a_replaced_picture_is_a_deletion_and_an_insertion_by_its_bytes(tmp_path):
    old = Doc([p(r("Diagram: "), picture("rIdImg1"))], media={"rIdImg1": png((200, 30, 30))})
    new = Doc([p(r("Diagram: "), picture("rIdImg1"))], media={"rIdImg1": png((30, 30, 200))})
    out = redline(tmp_path, old, new)
    root = etree.fromstring(out["word/document.xml"])
    blips = {x.tag: x.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip") for x in root.iter(f"{{{W}}}ins", f"{{{W}}}del")}
    assert set(blips) == {f"{{{W}}}ins", f"{{{W}}}del"}
    assert_round_trip(out, old, new)
    assert "[obj" in shown(reject_all(out))[0]


def test_an_unchanged_picture_is_left_alone(tmp_path):
    old = Doc([p(r("Diagram: "), picture("rIdA"))], media={"rIdA": png((30, 160, 30))})
    new = Doc([p(r("Diagram: "), picture("rIdB"))], media={"rIdB": png((30, 160, 30))})
    out = redline(tmp_path, old, new)
    assert tracked(out, "word/document.xml") == ([], [])
    assert not list(etree.fromstring(out["word/document.xml"]).iter(f"{{{W}}}ins", f"{{{W}}}del"))


def test_a_deleted_chart_travels_with_the_parts_it_needs(tmp_path):
    chart_xml = b'<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>'
    old = Doc([p(r("Figure 2.")), p(chart("rIdChart")), p(r("End."))], related=chart_parts(chart_xml))
    new = Doc([p(r("Figure 2.")), p(r("End."))])
    out = redline(tmp_path, old, new)
    assert out["word/charts/chart1.xml"] == chart_xml
    assert rels(out, "word/charts/chart1.xml") == {"rId1": "word/embeddings/Workbook1.xlsx"}
    assert "word/embeddings/Workbook1.xlsx" in out
    types = out["[Content_Types].xml"].decode()
    assert "/word/charts/chart1.xml" in types and 'Extension="xlsx"' in types
    assert_round_trip(out, old, new)


def test_a_deleted_smartart_diagram_travels_with_every_part_and_relationship(tmp_path):
    old = Doc([p(r("Process:")), p(smartart()), p(r("End."))], related=smartart_parts())
    new = Doc([p(r("Process:")), p(r("End."))])
    out = redline(tmp_path, old, new)
    for state in (out, accept_all(out), reject_all(out)):
        targets = rels(state, "word/document.xml")
        doc = etree.fromstring(state["word/document.xml"])
        for el in doc.iter():
            for attr, value in el.attrib.items():
                if attr.startswith(f"{{{RNS}}}"):
                    assert value in targets and targets[value] in state, f"r:{etree.QName(attr).localname}={value} dangles"
    data = etree.fromstring(out["word/diagrams/data1.xml"])
    rel_id = next(el.get("relId") for el in data.iter() if el.get("relId"))
    assert rels(out, "word/document.xml")[rel_id] == "word/diagrams/drawing1.xml"
    assert_round_trip(out, old, new)


def test_symbols_are_kept_and_tracked(tmp_path):
    sym = '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'
    old = Doc([p(sym, r(" Supported by the Device.")), p(r("Removed line "), sym)])
    new = Doc([p(sym, r(" Supported by every Device."))])
    out = redline(tmp_path, old, new)
    assert_round_trip(out, old, new)
    assert shown(accept_all(out))[0].startswith("[sym F0FC]")


def test_a_changed_cross_reference_field_is_replaced_as_a_unit(tmp_path):
    old = Doc([p(r("As set out in clause "), ref_field("_Ref1", "18.5(q)"), r("."))])
    new = Doc([p(r("As set out in clause "), ref_field("_Ref1", "18.5(p)"), r("."))])
    out = redline(tmp_path, old, new)
    root = etree.fromstring(out["word/document.xml"])
    deleted = root.find(f".//{{{W}}}del")
    assert deleted is not None and deleted.find(f".//{{{W}}}delInstrText") is not None
    assert [el.get(f"{{{W}}}fldCharType") for el in deleted.iter(f"{{{W}}}fldChar")] == ["begin", "separate", "end"]
    assert tracked(out, "word/document.xml") == (["18.5(p)"], ["18.5(q)"])
    assert_round_trip(out, old, new)


# ----- no-break spaces -------------------------------------------------------------------------


def test_a_no_break_space_that_became_a_space_is_tracked(tmp_path):
    old = Doc([p(r("Section\u00a018 applies."))])
    new = Doc([p(r("Section 18 applies."))])
    out = redline(tmp_path, old, new)
    assert_round_trip(out, old, new)
    assert shown(reject_all(out)) == ["Section\u00a018 applies."]


def test_ignore_nbsp_treats_them_as_equal(tmp_path):
    old = Doc([p(r("Section\u00a018 applies."))])
    new = Doc([p(r("Section 18 applies."))])
    out = redline(tmp_path, old, new, ignore_nbsp=True)
    assert tracked(out, "word/document.xml") == ([], [])


# ----- tables ----------------------------------------------------------------------------------


def _table(*rows: list[str]) -> str:
    return "<w:tbl><w:tblPr/>" + "".join("<w:tr>" + "".join(f"<w:tc><w:tcPr/>{c}</w:tc>" for c in row) + "</w:tr>" for row in rows) + "</w:tbl>"


def test_a_deleted_nested_table_does_not_duplicate_its_outer_table(tmp_path):
    inner = _table([p(r("inner a")), p(r("inner b"))])
    old = Doc([p(r("Intro.")), _table([p(r("Outer cell one")) + inner, p(r("Outer cell two"))]), p(r("End."))])
    new = Doc([p(r("Intro.")), _table([p(r("Outer cell one")), p(r("Outer cell two"))]), p(r("End."))])
    out = redline(tmp_path, old, new)
    assert_round_trip(out, old, new)
    rejected = etree.fromstring(reject_all(out)["word/document.xml"])
    assert len(rejected.find(f"{{{W}}}body").findall(f"{{{W}}}tbl")) == 1


# ----- numbering -------------------------------------------------------------------------------


def _numbering(lvl_text: str) -> str:
    return (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{lvl_text}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )


def test_a_changed_list_definition_travels_so_reject_shows_old_numbers(tmp_path):
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    paras = [p(r("Supplier obligations apply."), ppr=numbered), p(r("Network obligations apply."), ppr=numbered)]
    old = Doc(paras, numbering=_numbering("%1."))
    new = Doc(paras, numbering=_numbering("(%1)"))
    out = redline(tmp_path, old, new)
    for state, want in ((accept_all(out), "(%1)"), (reject_all(out), "%1.")):
        doc = etree.fromstring(state["word/document.xml"])
        numbering = etree.fromstring(state["word/numbering.xml"])
        for para in doc.iter(f"{{{W}}}p"):
            num_id = para.find(f".//{{{W}}}numId")
            if num_id is None:
                continue
            num = next(n for n in numbering.iter(f"{{{W}}}num") if n.get(f"{{{W}}}numId") == num_id.get(f"{{{W}}}val"))
            aid = num.find(f"{{{W}}}abstractNumId").get(f"{{{W}}}val")
            abstract = next(a for a in numbering.iter(f"{{{W}}}abstractNum") if a.get(f"{{{W}}}abstractNumId") == aid)
            assert abstract.find(f".//{{{W}}}lvlText").get(f"{{{W}}}val") == want


# ----- phrase level ----------------------------------------------------------------------------


def test_a_phrase_change_stays_a_phrase_change(tmp_path):
    old = Doc([p(r("The Supplier shall notify the DCC within 24 hours of the event."))])
    new = Doc([p(r("The Supplier shall notify the DCC within 72 hours of the event."))])
    out = redline(tmp_path, old, new)
    assert tracked(out, "word/document.xml") == (["72"], ["24"])


def test_cli_ignore_nbsp_flag(tmp_path):
    old = Doc([p(r("Section\u00a018 applies."))]).save(tmp_path / "o.docx")
    new = Doc([p(r("Section 18 applies."))]).save(tmp_path / "n.docx")
    run = subprocess.run([sys.executable, "-m", "docgen", "redline", str(old), str(new), "-o", str(tmp_path / "r.docx"), "--ignore-nbsp", "--date", DATE], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    with zipfile.ZipFile(tmp_path / "r.docx") as z:
        assert b"w:ins " not in z.read("word/document.xml")


def test_pending_revisions_in_an_input_are_accepted_first_and_the_command_says_so(tmp_path):
    pending = '<w:ins w:id="1" w:author="Drafter" w:date="2025-01-01T00:00:00Z">' + r(" (draft)") + "</w:ins>"
    old = Doc([p(r("Clause 1 applies."), pending)]).save(tmp_path / "o.docx")
    new = Doc([p(r("Clause 1 applies to all."))]).save(tmp_path / "n.docx")
    run = subprocess.run([sys.executable, "-m", "docgen", "redline", str(old), str(new), "-o", str(tmp_path / "r.docx"), "--date", DATE], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert f"{old}: its 1 pending tracked change(s) were accepted before comparing" in run.stderr
    assert str(new) not in run.stderr
    with zipfile.ZipFile(tmp_path / "r.docx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    assert shown(reject_all(parts)) == ["Clause 1 applies. (draft)"]
    assert shown(accept_all(parts)) == ["Clause 1 applies to all."]


@pytest.mark.skipif(not __import__("docgen.soffice", fromlist=["available"]).available(), reason="LibreOffice is not installed")
def test_libreoffice_opens_every_story_redline(tmp_path):
    """One soffice process converts the redline of each construct to text; each must open
    and still show its unchanged text."""
    from docgen.soffice import convert

    cases = {
        "notes": (Doc([p(r("Kept words here."), note_ref("footnote", 1))], footnotes={1: [p(r("Annex B"))]}), Doc([p(r("Kept words here."), note_ref("footnote", 1))], footnotes={1: [p(r("Annex C"))]})),
        "textbox": (Doc([p(r("Kept words here. "), text_box(p(r("FOC"))))]), Doc([p(r("Kept words here. "), text_box(p(r("IOC"))))])),
        "equation": (Doc([p(r("Kept words here. "), equation("a"))]), Doc([p(r("Kept words here. "), equation("b"))])),
        "picture": (Doc([p(r("Kept words here. "), picture("rIdI"))], media={"rIdI": png((200, 30, 30))}), Doc([p(r("Kept words here. "), picture("rIdI"))], media={"rIdI": png((30, 30, 200))})),
        "field": (Doc([p(r("Kept words here. "), ref_field("_R", "18.5(q)"))]), Doc([p(r("Kept words here. "), ref_field("_R", "18.5(p)"))])),
        "header": (Doc([p(r("Kept words here."))], header=[p(r("v11"))]), Doc([p(r("Kept words here."))], header=[p(r("v12"))])),
    }
    files = []
    for name, (old, new) in cases.items():
        folder = tmp_path / name
        folder.mkdir()
        out = redline(folder, old, new)
        target = tmp_path / f"{name}.docx"
        target.write_bytes(package_bytes(out))
        files.append(target)
    for path in convert(files, "txt:Text", tmp_path / "txt"):
        assert "Kept words here." in path.read_text(encoding="utf-8-sig"), path.name


def test_a_ticked_check_box_content_control_is_replaced_as_a_unit(tmp_path):
    def box(ticked: bool) -> str:
        glyph = "\u2612" if ticked else "\u2610"
        return (
            '<w:sdt xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:sdtPr><w14:checkbox>'
            f'<w14:checked w14:val="{int(ticked)}"/></w14:checkbox></w:sdtPr><w:sdtContent>{r(glyph)}</w:sdtContent></w:sdt>'
        )

    old = Doc([p(box(False), r(" I agree with the proposal."))])
    new = Doc([p(box(True), r(" I agree with the proposal."))])
    out = redline(tmp_path, old, new)
    assert tracked(out, "word/document.xml") == (["\u2612"], ["\u2610"])
    assert_round_trip(out, old, new)


# ----- OLD is only read ------------------------------------------------------------------------


def test_the_redline_leaves_old_s_parsed_tree_as_the_reader_made_it(tmp_path):
    """The writer reads OLD's main part in the reader's own tree (no copy of its own when
    there is nothing to accept) and copies from it: every kind of change here must leave
    that tree byte for byte as it was, or the HTML and PDF made after it would show a
    version nobody wrote."""
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    old = Doc(
        [
            p(r("Alerts go to the Import Supplier"), note_ref("footnote", 1), ppr=numbered),
            p(r("Figure 1 "), text_box(p(r("Cohort FOC devices")))),
            p(r("The rate is "), equation("a", "+", "b"), r(" per day.")),
            p(r("Diagram: "), picture("rIdImg1")),
            _table([p(r("Row one")), p(r("Cell two"))], [p(r("Gone row")), p(r("Gone cell"))]),
            p(r("A clause deleted whole.", '<w:b/>'), ppr=numbered),
            p(r("The Supplier shall notify the DCC within 24 hours.")),
        ],
        footnotes={1: [p(r("As defined in Section A."))]},
        media={"rIdImg1": png(1)},
        numbering=_numbering("%1."),
    )
    new = Doc(
        [
            p(r("Alerts go to the Export Supplier"), note_ref("footnote", 1), ppr=numbered),
            p(r("Figure 1 "), text_box(p(r("Cohort IOC devices")))),
            p(r("The rate is "), equation("a", "-", "b"), r(" per day.")),
            p(r("Diagram: "), picture("rIdImg1")),
            _table([p(r("Row one")), p(r("Cell two"))]),
            p(r("The Supplier shall notify the DCC within 72 hours.", '<w:i/>')),
        ],
        footnotes={1: [p(r("As defined in Section B."))]},
        media={"rIdImg1": png(2)},
        numbering=_numbering("(%1)"),
    )
    old_doc = read_docx(old.save(tmp_path / "old.docx"))
    tree = old_doc.paragraphs[0].element.getroottree()
    before = etree.tostring(tree)
    data = write_redline(compare(old_doc, read_docx(new.save(tmp_path / "new.docx"))), author="t", date=DATE)
    assert etree.tostring(tree) == before
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        out = {name: z.read(name) for name in z.namelist()}
    assert tracked(out, "word/footnotes.xml") == (["B"], ["A"])
    assert tracked(out, "word/document.xml") == (["Export", "IOC", "IOC", "72"], ["Import", "FOC", "FOC", "Gone row", "Gone cell", "A clause deleted whole.", "24"])
    assert_round_trip(out, old, new, stories=("word/document.xml", "word/footnotes.xml"))

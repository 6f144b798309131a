"""Choices marked without ticking: the option made bold, highlighted or shaded, or the other
options deleted from the cell.

Forms are the pack's response template filled with python-docx the way Word leaves such an
edit (the option's run split out and formatted; the other options' boxes and labels removed),
and the same forms re-saved by LibreOffice, which writes the formatting its own way.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from docgen import soffice
from docgen.pack.load import load_pack
from docgen.pack.positions import AGREE, DISAGREE, NO_VIEW, NOT_ANSWERED, marked_options, read_view
from docgen.pack.response_template import response_template_docx
from docgen.pack.responses import collate
from pack_helpers import _row, _table_starting, confidential, fill_details, open_form, pack_text, save_form, tick, write_pack

WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OPTIONS = ("Agree", "Disagree", "No opinion")


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    return load_pack(write_pack(tmp_path_factory.mktemp("pack"), pack_text()))


@pytest.fixture(scope="module")
def blank(pack) -> bytes:
    return response_template_docx(pack, dt.datetime(2025, 2, 5))


def _view_cell(document):
    return _row(_table_starting(document, "T Q1"), "Your view").cells[1]


def _label_run(cell, label: str):
    """The run holding `label` (the template writes ' Agree    ' after each box)."""
    for r in cell._tc.iter(qn("w:r")):
        t = r.find(qn("w:t"))
        if t is not None and t.text and t.text.strip() == label:
            return r
    raise AssertionError(label)


def _format(cell, label: str, rpr_xml: str) -> None:
    """Select just the option's word and format it, as Word does: the run is split in three."""
    run = _label_run(cell, label)
    text = run.find(qn("w:t")).text
    before, after = text[: text.index(label)], text[text.index(label) + len(label) :]
    parent = run.getparent()
    at = parent.index(run)
    pieces = []
    for piece, styled in ((before, False), (label, True), (after, False)):
        if not piece:
            continue
        new = copy.deepcopy(run)
        new.find(qn("w:t")).text = piece
        new.find(qn("w:t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if styled:
            rpr = new.find(qn("w:rPr"))
            if rpr is None:
                rpr = parse_xml(f'<w:rPr xmlns:w="{WNS}"/>')
                new.insert(0, rpr)
            for child in parse_xml(f'<w:rPr xmlns:w="{WNS}">{rpr_xml}</w:rPr>'):
                rpr.append(child)
        pieces.append(new)
    parent.remove(run)
    for i, piece in enumerate(pieces):
        parent.insert(at + i, piece)


def _delete_others(cell, keep: str, keep_box: bool = True) -> None:
    """Delete every other option with its box (and, without keep_box, the kept one's box too)."""
    sdts = list(cell._tc.iter(qn("w:sdt")))
    for label, sdt in zip(OPTIONS, sdts):
        if label == keep:
            if not keep_box:
                sdt.getparent().remove(sdt)
            continue
        run = _label_run(cell, label)
        run.getparent().remove(run)
        sdt.getparent().remove(sdt)


_REVISION_IDS = itertools.count(1)


def _delete_others_tracked(cell, keep: str) -> None:
    """Delete every other option with its box while Track Changes is on: their runs become
    w:del with w:delText, inside the content control too."""
    def deleted(run) -> None:
        for t in run.findall(qn("w:t")):
            t.tag = qn("w:delText")
        mark = parse_xml(f'<w:del xmlns:w="{WNS}" w:id="{next(_REVISION_IDS)}" w:author="Respondent" w:date="2025-02-20T10:00:00Z"/>')
        run.addprevious(mark)
        mark.append(run)

    sdts = list(cell._tc.iter(qn("w:sdt")))
    for label, sdt in zip(OPTIONS, sdts):
        if label == keep:
            continue
        deleted(_label_run(cell, label))
        for run in list(sdt.iter(qn("w:r"))):
            deleted(run)


BOLD = "<w:b/><w:bCs/>"
HIGHLIGHT = '<w:highlight w:val="yellow"/>'
SHADED = '<w:shd w:val="clear" w:color="auto" w:fill="FFFF00"/>'

CASES = {
    "bold-agree": (lambda c: _format(c, "Agree", BOLD), AGREE),
    "highlighted-disagree": (lambda c: _format(c, "Disagree", HIGHLIGHT), DISAGREE),
    "shaded-no-opinion": (lambda c: _format(c, "No opinion", SHADED), NO_VIEW),
    "underlined-disagree": (lambda c: _format(c, "Disagree", '<w:u w:val="single"/>'), DISAGREE),
    "red-agree": (lambda c: _format(c, "Agree", '<w:color w:val="FF0000"/>'), AGREE),
    "others-deleted": (lambda c: _delete_others(c, "Disagree"), DISAGREE),
    "others-and-boxes-deleted": (lambda c: _delete_others(c, "Agree", keep_box=False), AGREE),
    "others-deleted-tracked": (lambda c: _delete_others_tracked(c, "No opinion"), NO_VIEW),
    "bold-against-ticked-box": (lambda c: (tick(c, "Disagree"), _format(c, "Agree", BOLD)), None),
    "two-bold": (lambda c: (_format(c, "Agree", BOLD), _format(c, "Disagree", BOLD)), None),
    "all-bold": (lambda c: [_format(c, o, BOLD) for o in OPTIONS], NOT_ANSWERED),
    "bold-and-ticked-alike": (lambda c: (tick(c, "Agree"), _format(c, "Agree", BOLD)), AGREE),
}


@pytest.fixture(scope="module")
def forms(tmp_path_factory, blank) -> list[Path]:
    folder = tmp_path_factory.mktemp("forms")
    out = []
    for i, (name, (edit, _)) in enumerate(CASES.items()):
        document = open_form(blank)
        fill_details(document, name=f"Person {i}", organisation=f"Org {name}")
        confidential(document, False)
        edit(_view_cell(document))
        out.append(save_form(document, folder / f"{i:02d}-{name}.docx"))
    return out


def _positions(collation) -> dict[str, tuple[str | None, str]]:
    return {r.path.stem.split("-", 1)[1]: (r.answer("T Q1").position if not r.answer("T Q1").under_review else None, r.answer("T Q1").review) for r in collation.responses}


def test_marked_options_are_read_as_their_position(forms, pack):
    got = _positions(collate(forms, pack))
    for name, (_, wanted) in CASES.items():
        assert got[name][0] == wanted, (name, got[name])
    assert "more than one option is marked" in got["two-bold"][1]
    assert "the Disagree box is ticked but Agree is marked" in got["bold-against-ticked-box"][1]


def test_marked_options_read_the_same_after_a_libreoffice_resave(forms, pack, tmp_path):
    if not soffice.available():
        pytest.skip("LibreOffice (soffice) is not installed")
    resaved = soffice.convert(forms, "docx", tmp_path / "resaved")
    got = _positions(collate(resaved, pack))
    for name, (_, wanted) in CASES.items():
        assert got[name][0] == wanted, (name, got[name])


@pytest.mark.parametrize(
    "stretches, marked",
    [
        (("Agree",), [AGREE]),
        ((" No opinion ",), [NO_VIEW]),
        (("\u2610 Disagree",), [DISAGREE]),
        (("We agree with this",), []),  # a bold sentence is not a mark
        (("Agree", "Disagree"), [AGREE, DISAGREE]),
        ((), []),
    ],
)
def test_which_stretches_mark_an_option(stretches, marked):
    assert marked_options(stretches) == marked


def test_a_marked_option_and_a_contradicting_comment_need_review():
    reading = read_view("\u2610 Agree \u2610 Disagree \u2610 No opinion", "We do not agree with the date.", ("Agree",))
    assert reading.needs_review and "Agree box is ticked but the comment says disagree" in reading.why


def test_confidentiality_marked_in_bold_is_read(tmp_path, pack, blank):
    """Yes or No made bold in the confidentiality row, no box ticked; and after a LibreOffice re-save."""
    files = []
    for label in ("Yes", "No"):
        document = open_form(blank)
        fill_details(document, name=f"Person {label}", organisation=f"Org {label}")
        cell = _table_starting(document, "Do you want your response to be treated as confidential?").rows[0].cells[1]
        _format(cell, label, BOLD)
        files.append(save_form(document, tmp_path / f"conf-{label}.docx"))
    wanted = ["full", "no"]
    assert [r.confidential for r in collate(files, pack).responses] == wanted
    if soffice.available():
        resaved = soffice.convert(files, "docx", tmp_path / "resaved")
        assert [r.confidential for r in collate(resaved, pack).responses] == wanted


PDF_CASES = ("bold-agree", "others-deleted", "others-and-boxes-deleted", "two-bold", "all-bold", "bold-against-ticked-box")


def test_marked_options_survive_printing_to_pdf(forms, pack, tmp_path):
    """The form printed to PDF (LibreOffice's export): bold is read from the PDF's fonts."""
    if not soffice.available():
        pytest.skip("LibreOffice (soffice) is not installed")
    chosen = [f for f in forms if f.stem.split("-", 1)[1] in PDF_CASES]
    pdfs = soffice.convert(chosen, "pdf", tmp_path / "pdf")
    got = _positions(collate(pdfs, pack))
    assert sorted(got) == sorted(PDF_CASES)
    for name in PDF_CASES:
        assert got[name][0] == CASES[name][1], (name, got[name])

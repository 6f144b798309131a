"""Page furniture edited the way people edit it: three-part footers laid out with positional
tabs, page-number fields whose results changed, and empty paragraphs beside a section break.

Each pair is written by hand, redlined, and held to the independent checker
(tests/corpus/checker.py): accept-all gives NEW and reject-all gives OLD in every story, and
docgen's own accept/reject agrees. For section breaks the checker's reading is not enough (it
skips empty paragraphs), so the body's paragraphs are also compared one by one, empty ones
and the section breaks they carry included, by a reader written here.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from corpus import checker
from corpus.wml import Doc, p, r, text_box
from docgen.ooxml.revisions import accept_all, reject_all
from docgen.readers.docx import read_docx
from docgen.transforms.compare import compare
from docgen.writers.redline_docx import write_redline

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DATE = "2025-05-02T09:30:00Z"


def redline(tmp_path: Path, old: Doc, new: Doc) -> tuple[bytes, bytes, bytes]:
    o, n = old.save(tmp_path / "old.docx"), new.save(tmp_path / "new.docx")
    return write_redline(compare(read_docx(o), read_docx(n)), author="t", date=DATE), o.read_bytes(), n.read_bytes()


def assert_faithful(red: bytes, old: bytes, new: bytes) -> None:
    """The checker's verdict on the redline, and on docgen's own accept and reject of it."""
    assert checker.check_redline(red, old, new).all() == []
    with zipfile.ZipFile(io.BytesIO(red)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    for resolve, want, what in ((accept_all, new, "docgen accept"), (reject_all, old, "docgen reject")):
        got = checker.snapshot(checker.Package(resolve(parts)))
        assert checker.compare_snapshots(got, checker.snapshot(checker.Package.read(want)), what) == []


# ----- positional tabs ------------------------------------------------------------------------


def ptab(alignment: str) -> str:
    return f'<w:ptab w:relativeTo="margin" w:alignment="{alignment}" w:leader="none"/>'


def three_part(left: str, middle: str, right: str, *, one_run: bool = False) -> list[str]:
    """A footer line as Word's "Blank (Three Columns)" writes it: left, centre and right parts
    separated by positional tabs, in runs of their own or all in one run."""
    if one_run:
        return [f'<w:p><w:r><w:t xml:space="preserve">{left}</w:t>{ptab("center")}<w:t xml:space="preserve">{middle}</w:t>{ptab("right")}<w:t xml:space="preserve">{right}</w:t></w:r></w:p>']
    return [p(r(left), f"<w:r>{ptab('center')}</w:r>", r(middle), f"<w:r>{ptab('right')}</w:r>", r(right))]


PTAB_EDITS = {
    "last word of the left part deleted": (("Footer Left", "Middle", "Right"), ("Footer", "Middle", "Right")),
    "word added to the middle part": (("Footer", "Middle", "Right"), ("Footer", "Middle Text", "Right")),
    "first word of the middle part deleted": (("Footer", "Old Middle", "Right"), ("Footer", "Middle", "Right")),
    "right part emptied": (("Footer", "Middle", "Right"), ("Footer", "Middle", "")),
    "left and right swapped": (("Left", "Middle", "Right"), ("Right", "Middle", "Left")),
}


@pytest.mark.parametrize("story", ["footer", "header"])
@pytest.mark.parametrize("one_run", [False, True], ids=["runs", "one run"])
@pytest.mark.parametrize("name", sorted(PTAB_EDITS))
def test_a_deleted_word_stays_on_its_side_of_a_positional_tab(tmp_path: Path, name: str, one_run: bool, story: str):
    before, after = PTAB_EDITS[name]
    old = Doc([p(r("Body"))], **{story: three_part(*before, one_run=one_run)})
    new = Doc([p(r("Body"))], **{story: three_part(*after, one_run=one_run)})
    assert_faithful(*redline(tmp_path, old, new))


def test_a_positional_tab_replaced_by_a_plain_tab_is_a_change(tmp_path: Path):
    old = Doc([p(r("Body"))], footer=three_part("Left", "Middle", "Right"))
    new = Doc([p(r("Body"))], footer=[p(r("Left"), "<w:r><w:tab/></w:r>", r("Middle"), "<w:r><w:tab/></w:r>", r("Right"))])
    red, o, n = redline(tmp_path, old, new)
    assert_faithful(red, o, n)
    footer = etree.fromstring(zipfile.ZipFile(io.BytesIO(red)).read("word/footer1.xml"))
    deleted = [el for d in footer.iter(f"{{{W}}}del") for el in d.iter(f"{{{W}}}ptab")]
    assert len(deleted) == 2, "OLD's positional tabs must come back on reject"


# ----- page-number fields -----------------------------------------------------------------------


def complex_field(code: str, result: str, rpr: str = "") -> str:
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return (
        f'<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{props}<w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
        f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{props}<w:t>{result}</w:t></w:r><w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def simple_field(code: str, result: str) -> str:
    return f'<w:fldSimple w:instr=" {code} "><w:r><w:t>{result}</w:t></w:r></w:fldSimple>'


def gallery(*paras: str) -> str:
    """Word's page-number building block: the footer's paragraphs in a docPartObj control."""
    return (
        '<w:sdt><w:sdtPr><w:id w:val="7"/><w:docPartObj><w:docPartGallery w:val="Page Numbers (Bottom of Page)"/>'
        f'<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>{"".join(paras)}</w:sdtContent></w:sdt>'
    )


def nested(inner: str, outer: str) -> str:
    """{ = { NUMPAGES } - 1 }: the page count of a document with a cover page, as templates write it."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> = </w:instrText></w:r>'
        + complex_field("NUMPAGES", inner)
        + '<w:r><w:instrText xml:space="preserve"> - 1 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + f'<w:r><w:t>{outer}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def page_x_of_y(field, page: str, pages: str, words=("Page ", " of ")) -> str:
    return p(r(words[0]), field("PAGE", page), r(words[1]), field("NUMPAGES", pages))


PAGE_EDITS = {
    "complex results": ([page_x_of_y(complex_field, "1", "3")], [page_x_of_y(complex_field, "2", "5")]),
    "simple results": ([page_x_of_y(simple_field, "1", "3")], [page_x_of_y(simple_field, "2", "5")]),
    "one result, in a building block": ([gallery(p(complex_field("PAGE", "1")))], [gallery(p(complex_field("PAGE", "7")))]),
    "result emptied": ([p(r("Page "), complex_field("PAGE", "1"))], [p(r("Page "), complex_field("PAGE", ""))]),
    "result made bold": ([p(r("Page "), complex_field("PAGE", "1"))], [p(r("Page "), complex_field("PAGE", "1", "<w:b/>"))]),
    "words around the fields": ([page_x_of_y(complex_field, "1", "3")], [page_x_of_y(complex_field, "1", "3", ("Seite ", " von "))]),
    "NUMPAGES added": ([p(complex_field("PAGE", "1"))], [p(complex_field("PAGE", "1"), r(" of "), complex_field("NUMPAGES", "9"))]),
    "nested field, inner result only": ([p(r("Pages: "), nested("4", "3"))], [p(r("Pages: "), nested("5", "3"))]),
    "nested field, both results": ([p(r("Pages: "), nested("4", "3"))], [p(r("Pages: "), nested("5", "4"))]),
    "in a text box": ([p(text_box(p(complex_field("PAGE", "1"))))], [p(text_box(p(complex_field("PAGE", "2"))))]),
}


@pytest.mark.parametrize("name", sorted(PAGE_EDITS))
def test_an_edited_page_number_field_in_a_footer_is_tracked(tmp_path: Path, name: str):
    before, after = PAGE_EDITS[name]
    red, old, new = redline(tmp_path, Doc([p(r("Body"))], footer=before), Doc([p(r("Body"))], footer=after))
    assert_faithful(red, old, new)
    footer = zipfile.ZipFile(io.BytesIO(red)).read("word/footer1.xml")
    assert b"<w:ins " in footer or b"<w:del " in footer or b"rPrChange" in footer, "the edit is not tracked"


# ----- empty paragraphs beside a section break ---------------------------------------------------

SECT = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:type w:val="nextPage"/></w:sectPr>'


def brk(text: str = "") -> str:
    """A paragraph whose mark ends a section."""
    return p(r(text) if text else "", ppr=SECT)


def body_lines(document_xml: bytes) -> list[str]:
    """Every body paragraph, empty ones too, as its text plus "|break" where it ends a section."""
    body = etree.fromstring(document_xml).find(f"{{{W}}}body")
    out = []
    for para in body.iter(f"{{{W}}}p"):
        text = "".join(t.text or "" for t in para.iter(f"{{{W}}}t"))
        out.append(text + ("|break" if para.find(f"{{{W}}}pPr/{{{W}}}sectPr") is not None else ""))
    return out


SECTION_EDITS = {
    "empty paragraph after an empty break deleted": ([p(r("A")), p(), brk(), p(), p(r("C"))], [p(r("A")), p(), brk(), p(r("C"))]),
    "empty paragraph before an empty break deleted": ([p(r("A")), p(), brk(), p(r("C"))], [p(r("A")), brk(), p(r("C"))]),
    "empty paragraph after a lone empty break deleted": ([p(r("A")), brk(), p(), p(r("C"))], [p(r("A")), brk(), p(r("C"))]),
    "one of two empty paragraphs after the break deleted": ([p(r("A")), p(), brk(), p(), p(), p(r("C"))], [p(r("A")), p(), brk(), p(), p(r("C"))]),
    "after a break with text": ([p(r("A")), brk("B"), p(), p(r("C"))], [p(r("A")), brk("B"), p(r("C"))]),
    "empty paragraph inserted before the break": ([p(r("A")), brk(), p(r("C"))], [p(r("A")), p(), brk(), p(r("C"))]),
    "two breaks, one edit": (
        [p(r("A")), p(), brk(), p(), p(r("C")), p(), brk(), p(), p(r("D"))],
        [p(r("A")), p(), brk(), p(r("C")), p(), brk(), p(), p(r("D"))],
    ),
}


@pytest.mark.parametrize("name", sorted(SECTION_EDITS))
def test_the_deleted_empty_paragraph_is_the_one_beside_the_break_that_went(tmp_path: Path, name: str):
    before, after = SECTION_EDITS[name]
    red, old, new = redline(tmp_path, Doc(before), Doc(after))
    assert_faithful(red, old, new)
    pkg = checker.Package.read(red)
    with zipfile.ZipFile(io.BytesIO(red)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    want_new = body_lines(zipfile.ZipFile(io.BytesIO(new)).read("word/document.xml"))
    want_old = body_lines(zipfile.ZipFile(io.BytesIO(old)).read("word/document.xml"))
    assert body_lines(checker.accept_all(pkg).parts["word/document.xml"]) == want_new
    assert body_lines(checker.reject_all(pkg).parts["word/document.xml"]) == want_old
    assert body_lines(accept_all(parts)["word/document.xml"]) == want_new
    assert body_lines(reject_all(parts)["word/document.xml"]) == want_old


def test_one_run_of_a_field_made_bold_is_a_format_change_of_that_run_alone(tmp_path: Path):
    """Bold on the inner NUMPAGES result only: reject must take it off that run, and leave the
    other runs of the field as they were (not given the first run's formatting)."""
    old_field = nested("4", "3")
    new_field = old_field.replace("<w:r><w:t>4</w:t></w:r>", "<w:r><w:rPr><w:b/></w:rPr><w:t>4</w:t></w:r>")
    old_field = old_field.replace("<w:r><w:t>3</w:t></w:r>", '<w:r><w:rPr><w:i/></w:rPr><w:t>3</w:t></w:r>')
    new_field = new_field.replace("<w:r><w:t>3</w:t></w:r>", '<w:r><w:rPr><w:i/></w:rPr><w:t>3</w:t></w:r>')
    assert new_field != old_field
    red, old, new = redline(tmp_path, Doc([p(r("Body"))], footer=[p(r("Pages: "), old_field)]), Doc([p(r("Body"))], footer=[p(r("Pages: "), new_field)]))
    assert_faithful(red, old, new)
    pkg = checker.Package.read(red)
    with zipfile.ZipFile(io.BytesIO(red)) as z:
        parts = {n: z.read(n) for n in z.namelist()}

    def looks(footer: bytes) -> list[tuple[str, str]]:
        root = etree.fromstring(footer)
        return [("".join(t.text or "" for t in run.iter(f"{{{W}}}t")), "".join(sorted(etree.QName(x).localname for x in run.iterfind(f"{{{W}}}rPr/*")))) for run in root.iter(f"{{{W}}}r")]

    want_new, want_old = looks(zipfile.ZipFile(io.BytesIO(new)).read("word/footer1.xml")), looks(zipfile.ZipFile(io.BytesIO(old)).read("word/footer1.xml"))
    assert looks(checker.accept_all(pkg).parts["word/footer1.xml"]) == want_new
    assert looks(checker.reject_all(pkg).parts["word/footer1.xml"]) == want_old
    assert looks(accept_all(parts)["word/footer1.xml"]) == want_new
    assert looks(reject_all(parts)["word/footer1.xml"]) == want_old

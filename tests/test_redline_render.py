"""The published renderings of a redline: the HTML page and the LibreOffice-made PDF.

Documents are built in code with the synthetic .docx builder, read back with the real
reader and compared with the real comparison, so the tests exercise what users run.
LibreOffice runs are few and batched (a module-scoped fixture), since each costs seconds.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from docgen import soffice
from docgen.readers.docx import read_docx
from synth.docx import DocxBuilder, Level
from docgen.transforms.compare import Comparison, compare
from docgen.writers.publication_docx import publication_docx
from docgen.writers.redline_html import render_html
from docgen.writers.redline_pdf import PdfJob, write_pdfs

ROOT = Path(__file__).resolve().parents[1]


def _doc(tmp: Path, name: str, paragraphs: list[tuple[str, int | None]], *, start: int = 1) -> Path:
    """A document with one decimal/letter/roman list; (text, ilvl) with ilvl None = unnumbered."""
    b = DocxBuilder(title=name)
    b.abstract_num(1, [Level(0, "decimal", "%1.", start=start), Level(1, "lowerLetter", "(%2)"), Level(2, "lowerRoman", "(%3)")])
    b.num(1, 1)
    for text, ilvl in paragraphs:
        if ilvl is None:
            b.paragraph(text)
        else:
            b.paragraph(text, num_id=1, ilvl=ilvl)
    path = tmp / f"{name}.docx"
    b.save(path)
    return path


def _compare(tmp: Path, old: list[tuple[str, int | None]], new: list[tuple[str, int | None]], *, start: int = 1) -> Comparison:
    return compare(read_docx(_doc(tmp, "old", old, start=start)), read_docx(_doc(tmp, "new", new, start=start)))


# OLD numbers its clauses 20., 21., 22.; NEW deletes the first one, so the others become 20. and 21.
# This is the case LibreOffice's own tracked-change display prints as "[21.]".
DELETED_FIRST_OLD = [
    ("Scope of the arrangements", None),
    ("The first clause, which the new version removes entirely.", 0),
    ("The second clause stays as it was.", 0),
    ("The third clause stays as well.", 0),
]
DELETED_FIRST_NEW = [DELETED_FIRST_OLD[0], DELETED_FIRST_OLD[2], DELETED_FIRST_OLD[3]]

# A lead-in whose "children" were wrongly given their own letters, corrected to sub-items.
LEVEL_OLD = [
    ("The ESME applies the following constraints:", 1),
    ("no more than 48 periods are returned;", 1),
    ("periods before the last change of supplier are not returned.", 1),
    ("Later item that keeps its text.", 1),
]
LEVEL_NEW = [
    ("The ESME applies the following constraints:", 1),
    ("no more than 48 periods are returned;", 2),
    ("periods before the last change of supplier are not returned.", 2),
    ("Later item that keeps its text.", 1),
]


@pytest.fixture()
def deleted_first(tmp_path) -> Comparison:
    return _compare(tmp_path, DELETED_FIRST_OLD, DELETED_FIRST_NEW, start=20)


@pytest.fixture()
def level_change(tmp_path) -> Comparison:
    return _compare(tmp_path, [("Intro", 0)] + LEVEL_OLD, [("Intro", 0)] + LEVEL_NEW)


def _document_part(html: str) -> str:
    return html.split('<main class="document">', 1)[1]


# ----- HTML --------------------------------------------------------------------------------


def test_html_summary_counts_and_links_every_changed_ref_to_an_anchor_in_the_page(deleted_first):
    html = render_html(deleted_first, title="Test redline")
    header = html.split("</header>", 1)[0]
    assert "<h1>Test redline</h1>" in header
    assert re.search(r"<th>Deleted</th><td>1</td>", header)
    assert re.search(r"<th>Inserted</th><td>0</td>", header)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', header)
    # the two clauses shifted by the deletion are one range, not a line each
    assert [label for _, label in links] == ["20", "21\u201322 renumbered as 20\u201321"]
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert all(anchor in ids for anchor, _ in links)
    deleted_anchor = links[0][0]
    assert re.search(rf'id="{deleted_anchor}"[^>]*><span class="num"><del>20\.</del>', html)


def test_html_prints_new_numbers_and_strikes_the_deleted_clauses_old_number(deleted_first):
    body = _document_part(render_html(deleted_first))
    deleted = re.search(r'<div class="p changed op-delete"[^>]*>(.*?)</div>', body).group(1)
    assert "<del>20.</del>" in deleted
    assert "<del>The first clause, which the new version removes entirely.</del>" in deleted
    # the surviving clauses were shifted up a number: each shows its old number struck
    # beside its new one, with a change bar, but their text is not marked
    assert re.search(r'<div class="p changed op-equal"[^>]*><span class="num"><del>21\.</del><ins>20\.</ins></span><span class="text">The second clause', body)
    assert re.search(r'<div class="p changed op-equal"[^>]*><span class="num"><del>22\.</del><ins>21\.</ins></span><span class="text">The third clause stays as well\.</span>', body)


def test_html_level_change_shows_old_number_struck_and_new_number_inserted(level_change):
    html = render_html(level_change)
    body = _document_part(html)
    assert '<span class="num"><del>(b)</del><ins>(i)</ins></span>' in body
    assert '<span class="num"><del>(c)</del><ins>(ii)</ins></span>' in body
    assert "1(b) renumbered as 1(a)(i)" in html.split("</header>", 1)[0]
    # the later item was renumbered by the correction: old letter struck, new inserted, a change bar
    later = re.search(r'<div class="([^"]*)"[^>]*><span class="num"><del>\(d\)</del><ins>\(b\)</ins></span><span class="text">Later item', body)
    assert later and "changed" in later.group(1).split()


def test_html_marks_word_changes_inside_a_modified_clause(tmp_path):
    comparison = _compare(
        tmp_path,
        [("The GT01 check is made within 24 hours of the request.", 0)],
        [("The GT01 check is made within 72 hours of the request.", 0)],
    )
    body = _document_part(render_html(comparison))
    assert "within <del>24</del><ins>72</ins> hours" in body
    assert '<div class="p changed op-modify"' in body


def test_html_shows_a_moved_clause_in_green_at_both_places(tmp_path):
    stays = [(f"{name} clause that stays where it is in both versions.", 0) for name in ("Alpha", "Bravo", "Charlie", "Echo")]
    moving = ("The clause that moves to the end of the list.", 0)
    comparison = _compare(tmp_path, stays[:3] + [moving, stays[3]], stays + [moving])
    body = _document_part(render_html(comparison))
    assert re.search(r'op-move_from"[^>]*><span class="num"><del class="moved">4\.</del></span><span class="text"><del class="moved">The clause that moves', body)
    assert re.search(r'op-move_to"[^>]*><span class="num"><ins class="moved">5\.</ins></span><span class="text"><ins class="moved">The clause that moves', body)
    # Echo moved up from 5. to 4. by the move: its number shows the shift
    assert re.search(r'<div class="p changed op-equal"[^>]*><span class="num"><del>5\.</del><ins>4\.</ins></span><span class="text">Echo', body)


def _table_doc(path: Path, rows: list[list[str]]) -> Path:
    b = DocxBuilder(title="Tables")
    b.paragraph("Table A3 \u2013 GT01 checks", style="Caption")
    b.table(rows)
    b.paragraph("After the table.")
    b.save(path)
    return path


def test_html_rebuilds_tables_and_marks_changed_added_and_removed_rows(tmp_path):
    header = ["Step", "Check", "Response Code"]
    old = [header, ["1", "Check the CHF.", "GT02"], ["2", "Check within the last 24 hours.", "GT03"], ["3", "A check the new version drops.", "GT09"]]
    new = [header, ["1", "Check the CHF.", "GT02"], ["2", "Check within the last 72 hours.", "GT03"]]
    comparison = compare(read_docx(_table_doc(tmp_path / "old.docx", old)), read_docx(_table_doc(tmp_path / "new.docx", new)))
    body = _document_part(render_html(comparison))
    table = re.search(r'<table class="t">(.*?)</table>', body, re.S).group(1)
    rows = re.findall(r'<tr class="(\w+)">(.*?)</tr>', table, re.S)
    assert [status for status, _ in rows] == ["same", "same", "changed", "deleted"]
    assert "<del>24</del><ins>72</ins>" in rows[2][1]
    assert "<del>A check the new version drops.</del>" in rows[3][1]
    assert body.index("</table>") < body.index("After the table.")


def test_html_escapes_document_text_and_stands_alone(tmp_path):
    comparison = _compare(tmp_path, [("Plain clause.", 0)], [("Plain clause.", 0), ('<script>alert("x")</script> & more', 0)])
    html = render_html(comparison, title="<b>T</b>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;T&lt;/b&gt;" in html
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)
    assert "<link" not in html


def test_html_is_deterministic(level_change):
    assert render_html(level_change) == render_html(level_change)


def test_html_template_can_be_replaced_by_the_user(level_change, tmp_path, monkeypatch):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "redline.html.j2").write_text("{{ view.title }}|{{ view.counts.renumbered }}")
    monkeypatch.setenv("DOCGEN_TEMPLATES", str(tmp_path / "tpl"))
    assert render_html(level_change, title="Mine") == f"Mine|{level_change.counts()['renumbered']}"


def _bundled_or_synth(tmp: Path, version: str) -> Path:
    bundled = ROOT / "sources" / "documents" / f"S1SR-v{version}.docx"
    if bundled.is_file():
        return bundled
    from synth.s1sr import render_s1sr

    path = tmp / f"S1SR-v{version}.docx"
    render_s1sr(version).save(path)
    return path


def test_s1sr_v12_to_v12_2_html_shows_the_18_5p_correction(tmp_path):
    old = read_docx(_bundled_or_synth(tmp_path, "12"))
    new = read_docx(_bundled_or_synth(tmp_path, "12.2"))
    html = render_html(compare(old, new))
    header, body = html.split("</header>", 1)
    assert "18.5(q) renumbered as 18.5(p)(i)" in header
    assert "18.5(w)\u201318.5(aa) renumbered as 18.5(q)\u201318.5(u)" in header
    assert '<span class="num"><del>(q)</del><ins>(i)</ins></span>' in body
    # items after the sub-items shift back six letters, and every one of them shows it
    for old_letter, new_letter in zip(("w", "x", "y", "z", "aa"), ("q", "r", "s", "t", "u")):
        assert re.search(rf'class="p changed[^"]*"[^>]*><span class="num"><del>\({old_letter}\)</del><ins>\({new_letter}\)</ins></span>', body)


# ----- publication .docx and PDF -------------------------------------------------------------


def test_publication_docx_is_the_tracked_change_redline_with_its_numbers_typed(deleted_first):
    data = publication_docx(deleted_first)
    assert data == publication_docx(deleted_first)
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # native revisions, not formatting that imitates them
    assert "<w:ins " in xml and "<w:del " in xml and "<w:strike/>" not in xml.split('w:fmt="lowerRoman"')[1]
    # no paragraph is numbered by Word's list engine any more
    assert not re.search(r'<w:numId w:val="[1-9]', xml)
    # the deleted clause's number is deleted text; a shifted clause's old number is struck, its new one inserted
    assert re.search(r"<w:del [^>]*>(?:(?!</w:del>).)*<w:delText[^>]*>20\.</w:delText>", xml)
    assert re.search(r"<w:del [^>]*>(?:(?!</w:del>).)*<w:delText[^>]*>21\.</w:delText>(?:(?!</w:del>).)*</w:del><w:ins [^>]*>(?:(?!</w:ins>).)*<w:t[^>]*>20\.</w:t>", xml)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    if not soffice.available():
        pytest.skip("LibreOffice is not installed")
    tmp = tmp_path_factory.mktemp("pdf")
    comparison = _compare(tmp_path_factory.mktemp("docs"), DELETED_FIRST_OLD, DELETED_FIRST_NEW, start=20)
    moved = _compare(tmp_path_factory.mktemp("moved"), MOVE_OLD, MOVE_NEW)
    first = write_pdfs([PdfJob(comparison, tmp / "a" / "redline.pdf", "Deletion before a list"),
                        PdfJob(moved, tmp / "m" / "redline.pdf", "A moved clause")], timeout=180)
    second = write_pdfs([PdfJob(comparison, tmp / "b" / "redline.pdf", "Deletion before a list")], timeout=180)
    return first[0], second[0], first[1]


_STAYS = [(f"{name} clause that stays where it is in both versions.", 0) for name in ("Alpha", "Bravo", "Charlie", "Echo")]
_MOVING = ("The clause that moves to the end of the list.", 0)
MOVE_OLD = _STAYS[:3] + [_MOVING, _STAYS[3]]
MOVE_NEW = _STAYS + [_MOVING]


def _pdftotext(path: Path, *pages: int) -> str:
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_pdf_first_page_is_the_change_summary(pdfs):
    page1 = _pdftotext(pdfs[0], 1)
    assert "Change summary" in page1
    assert re.search(r"Deleted\s+1", page1) and re.search(r"Inserted\s+0", page1)
    assert "The second clause" not in page1


def test_pdf_prints_the_new_numbers_after_a_deleted_clause(pdfs):
    text = _pdftotext(pdfs[0], 2, 2)
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    deleted = next(i for i, line in enumerate(lines) if "removes entirely" in line)
    assert lines[deleted].startswith("20. The first clause")  # the old number, printed struck
    # each shifted clause: old number (struck) then new number (underlined), then its text
    assert lines[deleted + 1] == "21.20. The second clause stays as it was."
    assert lines[deleted + 2] == "22.21. The third clause stays as well."
    assert "[" not in " ".join(lines[deleted:])  # no "[21.]"-style placeholder numbers


def test_pdf_bytes_are_identical_across_runs(pdfs):
    assert pdfs[0].read_bytes() == pdfs[1].read_bytes()


def test_pdf_draws_a_moved_clause_and_its_number_in_green_at_both_places(pdfs, tmp_path):
    from PIL import Image

    moved = pdfs[2]
    lines = [" ".join(line.split()) for line in _pdftotext(moved, 2, 2).splitlines() if line.strip()]
    assert lines.count("4. The clause that moves to the end of the list.") == 1  # old place, number 4
    assert "5. The clause that moves to the end of the list." in lines  # new place, number 5
    subprocess.run(["pdftoppm", "-r", "72", "-f", "2", "-l", "2", "-singlefile", "-png", str(moved), str(tmp_path / "p")], check=True)
    img = Image.open(tmp_path / "p.png").convert("RGB")
    pixels = img.load()
    green_rows = 0
    for y in range(img.height):
        run = best = 0
        for x in range(img.width):
            r, g, b = pixels[x, y]
            run = run + 1 if g > 90 and r < 60 and b < 90 else 0
            best = max(best, run)
        green_rows += best > 150  # a rule under or through a whole moved line
    assert green_rows >= 2, "the moved clause is not struck at its old place and underlined at its new one in green"


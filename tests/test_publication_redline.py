"""The publication redline PDF of the bundled documents: NEW itself, printed with markup.

Checked with tools that share no code with the writer: poppler's pdftotext, pdffonts and
pdftoppm, Pillow for pixel colours, and docgen's PDF reader for the round trip (which
shares no code with the .docx writer either: it sees only what LibreOffice drew). One
soffice process makes every PDF here.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from docgen import soffice
from docgen.limits import Limits
from docgen.readers.docx import read_docx
from docgen.readers.pdf import read_pdf
from docgen.transforms.compare import compare
from docgen.ooxml.parts import package_bytes
from docgen.ooxml.revisions import accept_all, reject_all
from docgen.writers.publication_docx import publication_docx
from docgen.writers.redline_pdf import PdfJob, write_pdfs

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "sources" / "documents"
# (name, OLD, NEW): the S1SR correction pack, the TMAD pack, and the v11 -> v12 change that
# introduced the 18.5p error.
CASES = {
    "s1sr": ("S1SR-v12.docx", "S1SR-v12.2.docx"),
    "tmad": ("TMAD-v4.0.docx", "TMAD-v4.1.docx"),
    "v11": ("S1SR-v11.docx", "S1SR-v12.docx"),
}
HEADER = "DCC Public"
FOOTER = "SEC Appendix AM – SMETS1 Supporting Requirements"


def _refs(doc) -> list[str]:
    return [c.ref for c in doc.clauses]


@pytest.fixture(scope="module")
def comparisons():
    return {name: compare(read_docx(DOCS / old), read_docx(DOCS / new)) for name, (old, new) in CASES.items()}


@pytest.fixture(scope="module")
def pdfs(comparisons, tmp_path_factory):
    if not soffice.available():
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("publication")
    jobs = [PdfJob(c, out / f"{name}.pdf", f"{name} redline") for name, c in comparisons.items()]
    write_pdfs(jobs, timeout=300)
    return {name: out / f"{name}.pdf" for name in comparisons}


@pytest.fixture(scope="module")
def read_back(pdfs):
    """The PDF reader's model of each PDF in each view, read once (reading a PDF takes seconds)."""
    cache: dict[tuple[str, str], object] = {}

    def read(name: str, view: str):
        if (name, view) not in cache:
            cache[(name, view)] = read_pdf(pdfs[name], view=view, limits=Limits.from_env())
        return cache[(name, view)]

    return read


def _text(pdf: Path, first: int | None = None, last: int | None = None, *, layout: bool = False) -> str:
    args = ["pdftotext"] + (["-layout"] if layout else [])
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(args + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _page_with(pdf: Path, needle: str) -> int:
    return next(n for n in range(1, _pages(pdf) + 1) if needle in _text(pdf, n))


# ----- the publication copy (.docx), read by the .docx reader -----------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_publication_copy_accepts_to_new_and_rejects_to_old_with_its_typed_numbers(name, comparisons, tmp_path):
    """The typed labels are the right ones: read back as literal numbers, both versions' refs come out."""
    data = publication_docx(comparisons[name])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    old, new = CASES[name]
    for apply, source in ((accept_all, new), (reject_all, old)):
        path = tmp_path / f"{apply.__name__}.docx"
        path.write_bytes(package_bytes(apply(parts)))
        doc = read_docx(path)
        assert _refs(doc) == _refs(read_docx(DOCS / source))
        numbered = [c for c in doc.clauses if c.numbering != "literal" and c.kind != "step"]
        assert not numbered, "every list number is typed text in the publication copy"


# ----- the PDF ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("view", ["original", "new"])
def test_pdf_reads_back_as_either_version(name, view, read_back):
    old, new = CASES[name]
    expected = _refs(read_docx(DOCS / (old if view == "original" else new)))
    got = read_back(name, view)
    assert _refs(got) == expected
    assert got.metadata.get("summary_pages_dropped", 0) >= 1


def test_every_page_carries_the_documents_own_header_and_footer(pdfs):
    pdf = pdfs["s1sr"]
    for page in range(1, _pages(pdf) + 1):
        text = _text(pdf, page)
        assert HEADER in text, f"page {page} has no header"
        assert FOOTER in text, f"page {page} has no footer"


def test_summary_comes_first_then_the_cover_page_starts_the_body(pdfs):
    pdf = pdfs["s1sr"]
    summary = _text(pdf, 1)
    assert "Change summary" in summary
    assert "18.5(w)–18.5(aa) renumbered as 18.5(q)–18.5(u)" in summary
    body_first = _page_with(pdf, "SEC Appendix AM\n")
    cover = _text(pdf, body_first)
    assert "SMETS1 Supporting Requirements" in cover and "Version" in cover
    assert "Introduction" not in cover  # section 1 starts on its own page, as in Word
    assert re.search(r"Page 1\b", cover) and re.search(r"Page i\b", summary)


def test_arial_is_printed_in_a_metric_compatible_font_never_dejavu(pdfs):
    fonts = subprocess.run(["pdffonts", str(pdfs["s1sr"])], capture_output=True, text=True, check=True).stdout
    if "Liberation" not in fonts and "Arimo" not in fonts and shutil.which("fc-match"):
        match = subprocess.run(["fc-match", "Arial"], capture_output=True, text=True).stdout
        if "Liberation" not in match and "Arimo" not in match:
            pytest.skip(f"no metric-compatible font for Arial installed (fc-match: {match.strip()}); see .ci/system-deps")
    assert re.search(r"LiberationSans|Arimo", fonts)
    assert "DejaVu" not in fonts


def test_a_changed_cross_reference_result_is_printed_as_a_revision(pdfs, read_back):
    text = " ".join(_text(pdfs["s1sr"]).split())
    assert "described in Clause 18.5(z)18.5(t)," in text  # old result struck, new underlined
    new, old = read_back("s1sr", "new"), read_back("s1sr", "original")
    assert "Clause 18.5(t)," in next(c.text for c in new.clauses if c.ref == "18.9")
    assert "Clause 18.5(z)," in next(c.text for c in old.clauses if c.ref == "18.9")


# ----- page images --------------------------------------------------------------------------------


def _words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [(m.group(5), float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def _image(pdf: Path, page: int, tmp: Path):
    from PIL import Image

    stem = tmp / f"page{page}"
    subprocess.run(["pdftoppm", "-r", "72", "-f", str(page), "-l", str(page), "-singlefile", "-png", str(pdf), str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("RGB")


def _count(img, box, test) -> int:
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    return sum(1 for x in range(max(x0, 0), min(x1, img.width)) for y in range(max(y0, 0), min(y1, img.height)) if test(img.getpixel((x, y))))


def _red(p) -> bool:
    return p[0] > 140 and p[1] < 90 and p[2] < 90


def _blue(p) -> bool:
    return p[2] > 140 and p[0] < 90


def _dark(p) -> bool:
    return max(p) < 90


def test_shifted_items_show_their_old_letter_struck_and_a_change_bar(pdfs, tmp_path):
    pdf = pdfs["s1sr"]
    page = _page_with(pdf, "the Elster Polaris GSME")
    words = _words(pdf, page)
    img = _image(pdf, page, tmp_path)
    left_text = min(x0 for _, x0, _, _, _ in words)
    for old, new in (("(w)", "(q)"), ("(x)", "(r)")):
        word = next(w for w in words if w[0] == old + new)
        _, x0, y0, x1, y1 = word
        middle = x0 + (x1 - x0) / 2
        assert _count(img, (x0, y0, middle, y1 + 1), _red) > 5, f"{old} is not drawn in red"
        assert _count(img, (middle, y0, x1, y1 + 2), _blue) > 5, f"{new} is not drawn in blue"
        # the change bar: dark pixels in the left margin, level with the label
        assert _count(img, (left_text - 30, y0, left_text - 2, y1), _dark) >= 3, f"no change bar beside {new}"
    unchanged = next(w for w in words if w[0] == "(p)")  # 18.5(p) itself is unchanged
    assert _count(img, (left_text - 30, unchanged[2], left_text - 2, unchanged[4]), _dark) == 0


def test_demoted_items_show_the_old_letter_struck_before_the_new_numeral(pdfs, tmp_path):
    pdf = pdfs["s1sr"]
    text = " ".join(_text(pdf, _page_with(pdf, "48 half-hour")).split())
    for old, new in (("q", "i"), ("r", "ii"), ("v", "vi")):
        assert f"({old})({new})" in text

"""`docgen fix` on appendices other tools wrote: the result is re-read and verified."""

from __future__ import annotations

import subprocess

import pytest

from docgen.commands.renumber import run_fix
from docgen.errors import UsageError
from docgen.readers import read_document
from docgen.checks.fix_verify import refusal, wrongly_moved_rows
from foreign_appendix import good_outline, have, inserted, promoted, python_docx_appendix, refs_of, write_matrix
from test_lint_foreign import write


def refs_and_texts(doc):
    return [(c.ref, c.text) for c in doc.clauses]


@pytest.mark.parametrize("with_baseline", [False, True])
@pytest.mark.parametrize("writer", ["python-docx", "python-docx+libreoffice"])
@pytest.mark.parametrize("lead_in_at", [15, 25], ids=["middle", "end"])
def test_a_promoted_run_is_put_back_and_the_matrix_left_as_it_was(writer, with_baseline, lead_in_at, tmp_path):
    good = good_outline(lead_in_at=lead_in_at)
    bad = write(writer, promoted(good), tmp_path / "bad.docx")
    (tmp_path / "v1").mkdir()
    baseline = write(writer, good, tmp_path / "v1" / "good.docx") if with_baseline else None
    dmves = write_matrix(good, tmp_path / "dmves.xlsx")
    out, out_x = tmp_path / "fixed.docx", tmp_path / "fixed.xlsx"
    assert run_fix(bad, dmves, out, out_x, baseline, None, None) == 0
    # Every reference of the fixed document is the good version's, (q) the short real item included.
    assert [c.ref for c in read_document(out).clauses] == [ref for ref, _ in refs_of(good)]
    assert out_x.read_bytes() == dmves.read_bytes()


def test_fix_with_a_baseline_does_not_block_on_an_insertion(tmp_path):
    good = good_outline()
    baseline = python_docx_appendix(good, tmp_path / "v1.docx")
    new = python_docx_appendix(inserted(good), tmp_path / "v2.docx")
    dmves = write_matrix(inserted(good), tmp_path / "dmves.xlsx")
    out, out_x = tmp_path / "fixed.docx", tmp_path / "fixed.xlsx"
    assert run_fix(new, dmves, out, out_x, baseline, None, None) == 0
    assert out.read_bytes() == new.read_bytes() and out_x.read_bytes() == dmves.read_bytes()


@pytest.mark.parametrize("with_baseline", [False, True])
@pytest.mark.parametrize("writer", ["pandoc", "pandoc+libreoffice", "typed", "typed+libreoffice", "style"])
@pytest.mark.parametrize("lead_in_at", [15, 25], ids=["middle", "end"])
def test_a_promoted_run_in_a_pandoc_list_is_put_back_in_a_list_of_its_own(writer, with_baseline, lead_in_at, tmp_path):
    """Pandoc's "(a)" list draws letters on every level: moving (q)..(v) down a level alone
    would give (p)(a)..(f). The fix gives them a list that draws (i)..(vi), as pandoc itself
    does for a sub-list (so does a style-numbered list); typed numbers are retyped and
    re-indented. Either way the result
    has exactly the good version's references."""
    good = good_outline(lead_in_at=lead_in_at)
    bad = write(writer, promoted(good), tmp_path / "bad.docx")
    (tmp_path / "v1").mkdir()
    baseline = write(writer, good, tmp_path / "v1" / "good.docx") if with_baseline else None
    dmves = write_matrix(good, tmp_path / "dmves.xlsx")
    out, out_x = tmp_path / "fixed.docx", tmp_path / "fixed.xlsx"
    assert run_fix(bad, dmves, out, out_x, baseline, None, None) == 0
    assert [c.ref for c in read_document(out).clauses] == [ref for ref, _ in refs_of(good)]
    assert out_x.read_bytes() == dmves.read_bytes()


@pytest.mark.skipif(not (have("pandoc") and have("soffice")), reason="needs pandoc and LibreOffice")
def test_libreoffice_draws_the_good_versions_numbers_in_the_fixed_appendices(tmp_path):
    """An independent reading: LibreOffice's own rendering of the fixed lists' numbers."""
    good = good_outline()
    dmves = write_matrix(good, tmp_path / "dmves.xlsx")
    fixed = []
    for writer in ("pandoc", "pandoc+libreoffice", "style"):
        folder = tmp_path / writer
        folder.mkdir()
        bad = write(writer, promoted(good), folder / "bad.docx")
        out = tmp_path / f"{writer.replace('+', '-')}-fixed.docx"
        assert run_fix(bad, dmves, out, folder / "fixed.xlsx", None, None, None) == 0
        fixed.append(out)
    lines = libreoffice_text(fixed, tmp_path / "txt")
    # The items and sub-items of 18.5 as LibreOffice prints them, in order.
    wanted = [ref.split(")(")[-1].removeprefix("18.5") for ref, item in refs_of(good) if item.level >= 2]
    wanted = ["(" + w.strip("()") + ")" for w in wanted]
    for path in fixed:
        texts = {" ".join(i.text.split()) for i in good if i.level >= 2}
        labels = []
        for line in lines[path.stem]:
            line = " ".join(line.split())
            label, _, text = line.partition(" ")
            if text in texts:
                labels.append(label)
        assert labels == wanted, path.name


def libreoffice_text(paths, out_dir):
    out_dir.mkdir()
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{out_dir / '.profile'}", "--headless", "--convert-to", "txt:Text (encoded):UTF8",
         "--outdir", str(out_dir), *map(str, paths)],
        check=True, capture_output=True, timeout=300,
    )
    return {p.stem: (out_dir / f"{p.stem}.txt").read_text(encoding="utf-8-sig").splitlines() for p in paths}


def test_a_row_already_citing_its_text_must_not_be_moved(tmp_path):
    good = good_outline()
    doc = read_document(python_docx_appendix(good, tmp_path / "good.docx"))
    from docgen.readers import read_matrix

    rows = read_matrix(write_matrix(good, tmp_path / "dmves.xlsx")).rows
    q = next(r for r in rows if r.ref == "18.5(q)")
    # A proposal that took the real item (q) for a sub-item would move its row to (p)(vii).
    assert wrongly_moved_rows([q], doc, {"18.5(q)": "18.5(p)(vii)"}) == [(q, "18.5(p)(vii)")]
    assert wrongly_moved_rows([q], doc, {"18.5(r)": "18.5(q)"}) == []


def test_a_root_cause_left_after_the_fix_is_a_refusal():
    from docgen.checks import Finding

    left = Finding("numbering/promoted-subitems", "error", "18.5(q)", "f.docx", "page 1", "still promoted")
    unrelated = Finding("dmves/unknown-clause", "error", "18.9", "d.xlsx", "ESME!A9", "no 18.9")
    assert refusal([unrelated], {"18.5(w)": "18.5(q)"}) is None
    assert "numbering/promoted-subitems at 18.5(q)" in refusal([left, unrelated], {}).reason
    at_moved = Finding("xref/unresolved", "error", "18.5(q)", "f.docx", "page 1", "x")
    assert refusal([at_moved], {"18.5(w)": "18.5(q)"}) is not None

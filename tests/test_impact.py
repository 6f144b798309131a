"""`docgen impact`: every place citing a clause the change touches, and what it should now say.

The DMVES cites clauses by what they say: a row whose Device Model and SRV its OLD clause
never mentions was already wrong, and a change that puts that text back at the row's
reference restores it. Chains are built here; the bundled v12 -> v12.2 correction restores
the rows the v12 shift had broken.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chain_builders import ALPHA, ETA, LEAD, ZETA, correct, promoted, section, write
from docgen.readers import read_document, read_matrix
from docgen.transforms.impact import build_impact
from lint_builders import build_docx, matrix
from renumber_builders import build_xlsx

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "sources" / "documents"

# Rows as the matrix of the correct numbering has them: (ref, device model, SRV).
ROWS = [
    ("18.1(a)", "Alpha ESME", "SRV 1.1"),
    ("18.1(c)", "Gamma GSME", "SRV 4.14"),
    ("18.1(d)", "Delta PPMID", "SRV 8.8.1"),
    ("18.2", "Delta PPMID", "SRV 8.7.1"),
]


def docgen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def impact(tmp_path: Path, old, new, rows=ROWS, also=()):
    o = read_document(write(tmp_path, "old.docx", "1", old))
    n = read_document(write(tmp_path, "new.docx", "2", new))
    return build_impact(o, n, [matrix(*rows)], [read_document(p) for p in also])


def by_cites(places, kind: str) -> dict[str, tuple[str, str | None]]:
    return {p.cites: (p.status, p.should_say) for p in places if p.kind == kind}


def test_the_shift_makes_rows_follow_the_renumbered_text(tmp_path: Path):
    # correct -> promoted: Gamma moves from (c) to (e), Delta from (d) to (f).
    result = impact(tmp_path, correct(), promoted("18.1(f)"))
    assert by_cites(result.places, "dmves") == {"18.1(c)": ("update", "18.1(e)"), "18.1(d)": ("update", "18.1(f)"), "18.2": ("review", "18.2")}
    assert by_cites(result.places, "xref") == {"18.1(d)": ("updated", "18.1(f)")}


def test_the_correction_restores_rows_that_the_shift_broke(tmp_path: Path):
    # promoted -> correct, with the matrix still citing the correct refs all along.
    result = impact(tmp_path, promoted("18.1(f)"), correct("18.1(d)"))
    assert by_cites(result.places, "dmves") == {"18.1(c)": ("restored", "18.1(c)"), "18.1(d)": ("restored", "18.1(d)"), "18.2": ("review", "18.2")}
    restored = [p for p in result.places if p.status == "restored"]
    assert {tuple(p.device_models) for p in restored} == {("Gamma GSME",), ("Delta PPMID",)}


def test_a_cross_reference_the_new_version_forgot_to_update(tmp_path: Path):
    result = impact(tmp_path, correct("18.1(d)"), promoted("18.1(d)"))
    xref = [p for p in result.places if p.kind == "xref"]
    assert [(p.location, p.cites, p.status, p.should_say) for p in xref] == [("18.2", "18.1(d)", "update", "18.1(f)")]


def test_a_reference_to_a_deleted_clause(tmp_path: Path):
    old = section(LEAD, ALPHA, ETA, ("c", "Where Clause 18.2 applies, the Eta ESME is read again the next day."), ZETA)
    new = section(LEAD, ALPHA, ("c", "Where Clause 18.2 applies, the Eta ESME is read again the next day."), ZETA)
    rows = [("18.2", "Eta ESME", "SRV 7.2"), ("18.4", "Zeta GSME", "")]
    result = impact(tmp_path, old, new, rows)
    dmves = by_cites(result.places, "dmves")
    assert dmves["18.2"] == ("deleted", None)
    assert dmves["18.4"] == ("update", "18.3")  # Zeta follows its renumbering
    (xref,) = [p for p in result.places if p.kind == "xref"]
    assert (xref.cites, xref.status, xref.should_say) == ("18.2", "deleted", None)
    assert "remove the reference" in xref.note


def test_unchanged_clauses_are_not_impact(tmp_path: Path):
    result = impact(tmp_path, correct(), correct())
    assert result.targets == [] and result.places == []


def test_references_in_other_documents(tmp_path: Path):
    direction = build_docx(
        [
            ("p", "Direction: the Secretary of State directs that clause 18.1(d) of the SMETS1 Supporting Requirements is amended."),
            ("p", "The Gamma GSME behaviour for SRV 4.14 is described in Clause 18.1(c) of the S1SR."),
            ("p", "Clause 18.1(a) is not changed."),
        ],
        tmp_path / "direction.docx",
        title="Direction text",
    )
    tmad = build_docx([("h", "Migration"), ("c", "The TMAD's own Clause 18.1(d) is a different clause."), ("c", "See 18.1(c) of the S1SR.")], tmp_path / "tmad.docx", title="SMETS1 Transition and Migration Approach Document v4")
    result = impact(tmp_path, correct(), promoted(), also=[direction, tmad])
    also = [(Path(p.source).name, p.location, p.cites, p.status, p.should_say) for p in result.places if p.kind == "also"]
    assert also == [
        ("direction.docx", "paragraph 1", "18.1(d)", "update", "18.1(f)"),
        ("direction.docx", "paragraph 2", "18.1(c)", "update", "18.1(e)"),
        ("tmad.docx", "1.2", "18.1(c)", "update", "18.1(e)"),
    ]


def test_device_models_grouped_by_manufacturer_from_the_documents_table():
    old, new = read_document(DOCS / "S1SR-v12.docx"), read_document(DOCS / "S1SR-v12.2.docx")
    result = build_impact(old, new, [read_matrix(DOCS / "DMVES-v12.xlsx")], [])
    assert result.manufacturers["Elster"] == ["Elster Polaris GSME"]
    assert result.manufacturers["Green Energy Options"] == ["Geo Solo PPMID"]


# ----- the bundled correction --------------------------------------------------------------


def test_bundled_v12_to_v12_2_lists_every_row_the_correction_restores():
    old, new = read_document(DOCS / "S1SR-v12.docx"), read_document(DOCS / "S1SR-v12.2.docx")
    dmves = read_matrix(DOCS / "DMVES-v12.xlsx")
    result = build_impact(old, new, [dmves], [])
    restored = {p.location: p.cites for p in result.places if p.status == "restored"}
    # Every live row citing 18.5(q)..18.5(aa), the range the v12 shift re-pointed.
    shifted = {f"18.5({x})" for x in ["q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "aa"]}

    expected = {r.location: r.ref for r in dmves.rows if not r.removed and r.ref in shifted}
    assert expected and restored == expected
    assert all(p.should_say == p.cites for p in result.places if p.status == "restored")
    xref = [p for p in result.places if p.kind == "xref"]
    assert [(p.location, p.cites, p.status, p.should_say) for p in xref] == [("18.9", "18.5(z)", "updated", "18.5(t)")]


def test_bundled_cli_formats_and_speed(tmp_path: Path):
    args = ["impact", "sources/documents/S1SR-v12.docx", "sources/documents/S1SR-v12.2.docx", "--dmves", "sources/documents/DMVES-v12.xlsx"]
    start = time.perf_counter()
    text = docgen(*args)
    elapsed = time.perf_counter() - start
    assert text.returncode == 0, text.stderr
    assert "restored: keep 18.5(q)" in text.stdout and "Elster: Elster Polaris GSME" in text.stdout
    assert elapsed < 3  # the README's bar is 1 s; a loaded shared CI machine gets headroom
    data = json.loads(docgen(*args, "--format", "json").stdout)
    assert {"manufacturer": "Ampy", "device_models": ["Ampy Vantage ESME"]} in data["device_models_affected"]
    rows = list(csv.DictReader(io.StringIO(docgen(*args, "--format", "csv").stdout)))
    assert {r["status"] for r in rows if r["kind"] == "dmves"} == {"restored", "review"}
    assert docgen(*args).stdout == text.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["sources/documents/S1SR-v12.2.docx", "sources/documents/S1SR-v12.docx"], "give the older version first"),
        (["sources/documents/S1SR-v12.docx", "sources/documents/S1SR-v12.docx"], "are the same file"),
        (["sources/documents/S1SR-v12.docx", "sources/documents/TMAD-v4.1.docx"], "different appendices"),
        (["sources/documents/S1SR-v12.docx", "sources/documents/S1SR-v12.2.docx", "--dmves", "missing.xlsx"], "missing.xlsx"),
    ],
)
def test_bad_requests_are_one_line_and_exit_2(args, message):
    result = docgen("impact", *args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_matrix_written_by_openpyxl(tmp_path: Path):
    path = build_xlsx([(r, d, s) for r, d, s in ROWS], tmp_path / "dmves.xlsx")
    o = write(tmp_path, "old.docx", "1", correct())
    n = write(tmp_path, "new.docx", "2", promoted())
    result = docgen("impact", str(o), str(n), "--dmves", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    places = {p["cites"]: p["should_say"] for p in json.loads(result.stdout)["places"] if p["kind"] == "dmves"}
    assert places == {"18.1(c)": "18.1(e)", "18.1(d)": "18.1(f)", "18.2": "18.2"}


def test_cross_references_in_unnumbered_paragraphs_and_tables(tmp_path: Path):
    def doc(ref: str, shifted: bool) -> list:
        paras = promoted(ref) if shifted else correct(ref)
        return paras + [("p", f"Note: the behaviour of Clause {ref} is reviewed yearly."), ("table", f"Clause|Device\n{ref}|Delta PPMID")]

    result = impact(tmp_path, doc("18.1(d)", False), doc("18.1(d)", True))
    xref = sorted((p.location, p.status, p.should_say) for p in result.places if p.kind == "xref")
    assert xref == [
        ("18.2", "update", "18.1(f)"),
        ("18.4 (unnumbered paragraph 12)", "update", "18.1(f)"),
        ("table 1 row 2", "update", "18.1(f)"),
    ]

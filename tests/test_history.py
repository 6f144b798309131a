"""`docgen history`: a clause's line through the versions follows its text, not its label.

Chains are built here (chain_builders) as real .docx files; the bundled S1SR v11 -> v12 ->
v12.2 chain is the 18.5(p) error and its correction.
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

from chain_builders import ALPHA, EPSILON, ETA, GAMMA, LEAD, SUB_1, ZETA, correct, promoted, section, write
from docgen.errors import InputError
from docgen.readers import read_document
from docgen.transforms.chain import order_versions
from docgen.transforms.history import build_history
from docgen.pack.proposals import proposals_from_folder

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "sources" / "documents"
BUNDLED = [DOCS / "S1SR-v12.2.docx", DOCS / "S1SR-v11.docx", DOCS / "S1SR-v12.docx"]  # out of order on purpose


def docgen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def history_of(paths: list[Path], packs: Path | None = None):
    return build_history(order_versions([read_document(p) for p in paths]), proposals_from_folder(packs))


def line_refs(history, ref: str) -> list[list[str | None]]:
    return [[s.ref for s in line.steps] for line in history.matching(ref)]


@pytest.fixture
def shift_chain(tmp_path: Path) -> list[Path]:
    """v11 correct, v12 with the promoted run, v12.2 corrected; given newest first."""
    return [
        write(tmp_path, "c.docx", "12.2", correct()),
        write(tmp_path, "a.docx", "11", correct()),
        write(tmp_path, "b.docx", "12", promoted()),
    ]


def test_versions_are_ordered_by_the_version_they_state(shift_chain):
    history = history_of(shift_chain)
    assert [d.version for d in history.versions] == ["11", "12", "12.2"]


def test_a_promoted_run_and_its_correction_are_one_line_per_clause(shift_chain):
    history = history_of(shift_chain)
    assert line_refs(history, "18.1(b)(i)") == [["18.1(b)(i)", "18.1(c)", "18.1(b)(i)"]]
    (sub,) = history.matching("18.1(b)(i)")
    assert [s.changes for s in sub.steps] == [(), ("renumbered",), ("renumbered",)]
    assert [s.level_changed for s in sub.steps] == [False, True, True]
    # Delta is lettered (d), shifted to (f), and lettered (d) again: one line.
    assert line_refs(history, "18.1(f)") == [["18.1(d)", "18.1(f)", "18.1(d)"]]


def test_a_label_reused_for_other_text_names_two_lines(shift_chain):
    history = history_of(shift_chain)
    lines = history.matching("18.1(c)")
    assert sorted(line.text for line in lines) == sorted([GAMMA[1], SUB_1])
    assert sorted([s.ref for s in line.steps] for line in lines) == sorted([["18.1(b)(i)", "18.1(c)", "18.1(b)(i)"], ["18.1(c)", "18.1(e)", "18.1(c)"]])


def test_a_changed_reference_shows_as_a_word_diff(shift_chain):
    history = history_of(shift_chain)
    (line,) = history.matching("18.2")
    step = line.steps[1]
    assert step.changes == ("modified",)
    assert (-1, "18.1(d)") in step.words and (1, "18.1(f)") in step.words


def test_insertion_then_deletion(tmp_path: Path):
    paths = [
        write(tmp_path, "1.docx", "1", section(LEAD, ALPHA, EPSILON, ZETA)),
        write(tmp_path, "2.docx", "2", section(LEAD, ALPHA, ETA, EPSILON, ZETA)),
        write(tmp_path, "3.docx", "3", section(LEAD, ALPHA, EPSILON, ZETA)),
    ]
    history = history_of(paths)
    (eta,) = [line for line in history.lines if line.text == ETA[1]]
    assert [(s.ref, s.changes) for s in eta.steps] == [(None, ()), ("18.2", ("inserted",)), (None, ("deleted",))]
    assert eta.steps[2].previous_ref == "18.2"
    assert line_refs(history, "18.3") == [["18.2", "18.3", "18.2"], ["18.3", "18.4", "18.3"]]
    # The deleted line keeps its place between the clauses it stood between.
    order = [line.text for line in history.lines]
    assert order.index(ALPHA[1]) < order.index(ETA[1]) < order.index(EPSILON[1])


def test_a_clause_deleted_in_the_middle_of_the_chain_stays_absent(tmp_path: Path):
    paths = [
        write(tmp_path, "1.docx", "1", section(LEAD, ALPHA, ZETA, EPSILON)),
        write(tmp_path, "2.docx", "2", section(LEAD, ALPHA, EPSILON)),
        write(tmp_path, "3.docx", "3", section(LEAD, ALPHA, EPSILON)),
    ]
    (zeta,) = [line for line in history_of(paths).lines if line.text == ZETA[1]]
    assert [(s.ref, s.changes) for s in zeta.steps] == [("18.2", ()), (None, ("deleted",)), (None, ())]


def test_a_moved_clause_keeps_its_line(tmp_path: Path):
    long = [("c", f"Clause number {n} describes behaviour number {n} of a Device Model in detail.") for n in range(6)]
    paths = [
        write(tmp_path, "1.docx", "1", section(ZETA, *long)),
        write(tmp_path, "2.docx", "2", section(*long, ZETA)),
    ]
    history = history_of(paths)
    (zeta,) = [line for line in history.lines if line.text == ZETA[1]]
    assert [s.ref for s in zeta.steps] == ["18.1", "18.7"]
    assert "moved" in zeta.steps[1].changes and "renumbered" in zeta.steps[1].changes


def test_two_files_stating_one_version_are_refused(tmp_path: Path):
    paths = [write(tmp_path, "1.docx", "12", correct()), write(tmp_path, "2.docx", "12.0", promoted())]
    with pytest.raises(InputError, match="states version 12.0, as .* does"):
        history_of(paths)


def test_a_version_no_file_states_is_refused(tmp_path: Path):
    no_version = write(tmp_path, "x.docx", "", correct())
    with pytest.raises(InputError, match="place in the chain is unknown"):
        history_of([no_version, write(tmp_path, "y.docx", "12", correct())])


# ----- the bundled chain -------------------------------------------------------------------


def test_bundled_every_clause_of_18_5_shows_the_v12_shift_and_its_correction():
    history = history_of(BUNDLED, ROOT / "sources" / "packs")
    lines = [line for line in history.lines if line.steps[0].ref and line.steps[0].ref.startswith("18.5(")]
    shifted = {}
    for line in lines:
        v11, v12, v122 = (s.ref for s in line.steps)
        assert v122 == v11, f"{v11} is not restored in v12.2 (it is {v122})"
        if v12 != v11:
            shifted[v11] = v12
            assert line.steps[2].proposed_by and line.steps[2].proposed_by[0].pack == "s1sr-2025-correction"
            assert line.steps[1].proposed_by == []  # no bundled pack made v11 -> v12
    subs = {f"18.5(p)({r})": f"18.5({l})" for r, l in zip(["i", "ii", "iii", "iv", "v", "vi"], "qrstuv")}
    items = {f"18.5({a})": f"18.5({b})" for a, b in zip("qrstu", ["w", "x", "y", "z", "aa"])}
    assert shifted == {**subs, **items}
    assert line_refs(history, "18.5(z)") == [["18.5(t)", "18.5(z)", "18.5(t)"]]


def test_bundled_cli_json_for_one_clause():
    result = docgen("history", *map(str, BUNDLED), "--ref", "18.5z", "--format", "json", "--packs", "sources/packs")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [v["version"] for v in data["versions"]] == ["11.0", "12.0", "12.2"]
    (line,) = data["lines"]
    assert line["refs"] == ["18.5(t)", "18.5(z)"]
    assert line["versions"][2]["proposed_by"][0]["drafting_ref"] == "18.5(p)–18.5(u)"


def test_bundled_cli_csv_has_a_row_per_line_and_version():
    result = docgen("history", *map(str, BUNDLED), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    lines = {r["line"] for r in rows}
    assert len(rows) == 3 * len(lines)
    row = next(r for r in rows if r["ref_in_version"] == "18.5(z)")
    assert row["previous_ref"] == "18.5(t)" and row["changes"] == "renumbered"


def test_bundled_text_is_deterministic_and_fast():
    start = time.perf_counter()
    first = docgen("history", *map(str, BUNDLED), "--packs", "sources/packs")
    elapsed = time.perf_counter() - start
    second = docgen("history", *map(str, reversed(BUNDLED)), "--packs", "sources/packs")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert "18.5(t)  renumbered from 18.5(z)" in first.stdout
    assert elapsed < 3  # the README's bar is 1 s; a loaded shared CI machine gets headroom


@pytest.mark.parametrize(
    "args, message",
    [
        (["--ref", "18.5(zz)"], "no version has a clause 18.5(zz)"),
        (["--ref", "not a ref"], "--ref 'not a ref'"),
        (["--format", "xml"], "--format 'xml'"),
        (["--packs", "nowhere"], "nowhere: is not a folder of pack descriptions"),
    ],
)
def test_bad_requests_are_one_line_and_exit_2(args, message):
    result = docgen("history", str(BUNDLED[1]), str(BUNDLED[2]), *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_one_version_is_not_a_history():
    result = docgen("history", str(BUNDLED[0]))
    assert result.returncode == 2 and "at least two versions" in result.stderr


@pytest.mark.skipif(not __import__("docgen.soffice").soffice.available(), reason="LibreOffice (soffice) is not installed")
def test_a_version_given_as_a_libreoffice_pdf_keeps_the_lines(tmp_path: Path):
    from docgen import soffice

    (pdf,) = soffice.convert([DOCS / "S1SR-v12.docx"], "pdf", tmp_path / "pdf", timeout=600)
    history = history_of([DOCS / "S1SR-v11.docx", pdf, DOCS / "S1SR-v12.2.docx"])
    assert line_refs(history, "18.5(z)") == [["18.5(t)", "18.5(z)", "18.5(t)"]]
    assert line_refs(history, "18.5(p)(i)") == [["18.5(p)(i)", "18.5(q)", "18.5(p)(i)"]]


@pytest.mark.skipif(not __import__("docgen.soffice").soffice.available(), reason="LibreOffice (soffice) is not installed")
def test_versions_resaved_by_libreoffice_keep_the_lines(tmp_path: Path):
    from docgen import soffice

    resaved = soffice.convert([DOCS / "S1SR-v11.docx", DOCS / "S1SR-v12.docx"], "docx", tmp_path / "lo", timeout=600)
    history = history_of([*resaved, DOCS / "S1SR-v12.2.docx"])
    assert line_refs(history, "18.5(z)") == [["18.5(t)", "18.5(z)", "18.5(t)"]]
    native = history_of(BUNDLED)
    assert [line.refs for line in history.lines] == [line.refs for line in native.lines]

"""The output contract (docgen/outputs.py, README "The output contract"), row by row, on every
command that writes a file: parse, lint, accept, reject, redline and fix.

Each row is run as a user runs it, through `python -m docgen`, against a FIFO, a symlink,
/dev/stdout, `-`, a terminal, an existing folder, a missing folder and an input.
"""

from __future__ import annotations

import json
import os
import pty
import stat
import subprocess
import sys
import threading
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest

from renumber_builders import build_docx, build_xlsx
from lint_builders import small_list_doc as _small

TEXT_COMMANDS = ("parse", "lint")
BINARY_COMMANDS = ("accept", "reject", "redline", "fix")
COMMANDS = TEXT_COMMANDS + BINARY_COMMANDS


@dataclass
class Inputs:
    doc: Path
    old: Path
    new: Path
    matrix: Path
    folder: Path


@pytest.fixture()
def inputs(tmp_path: Path) -> Inputs:
    src = tmp_path / "in"
    src.mkdir()
    paras = [("h", "Device Specific Behaviours"), ("c", "The Alpha ESME records a Tariff change made by SRV 1.1.1 in its Event Log.")]
    return Inputs(
        doc=build_docx(paras, src / "doc.docx"),
        old=_small(src / "old.docx", ["one;", "two;"]),
        new=_small(src / "new.docx", ["one;", "an added item;", "two, changed."]),
        matrix=build_xlsx([("18.1", "Alpha ESME", "SRV 1.1.1")], src / "dmves.xlsx"),
        folder=tmp_path,
    )


def argv(command: str, ins: Inputs, out: str | Path) -> list[str]:
    out = str(out)
    return {
        "parse": ["parse", str(ins.doc), "-o", out],
        "lint": ["lint", str(ins.doc), "-o", out],
        "accept": ["accept", str(ins.doc), "-o", out],
        "reject": ["reject", str(ins.doc), "-o", out],
        "redline": ["redline", str(ins.old), str(ins.new), "-o", out, "--date", "2025-01-01"],
        "fix": ["fix", str(ins.doc), "--dmves", str(ins.matrix), "-o", out, "--dmves-out", str(ins.folder / "fixed.xlsx")],
    }[command]


def run(args: list[str], **kw) -> subprocess.CompletedProcess:
    kw.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "docgen", *args], stderr=subprocess.PIPE, timeout=180, **kw)


def assert_is_output_of(command: str, data: bytes) -> None:
    """What the command writes: JSON for parse, a text report for lint, a Word package else."""
    if command == "parse":
        assert json.loads(data)["format"] == "docx"
    elif command == "lint":
        assert b"error" in data or b"no problems" in data
    else:
        names = zipfile.ZipFile(BytesIO(data)).namelist()
        assert "word/document.xml" in names


def assert_one_line_error(done: subprocess.CompletedProcess, *says: str) -> None:
    assert done.returncode == 2, done.stderr
    err = done.stderr.decode()
    assert len(err.strip().splitlines()) == 1 and err.startswith("docgen: error: "), err
    assert "Traceback" not in err
    for words in says:
        assert words in err, err


# ------------------------------------------------------------------------- '-' and /dev/stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_dash_is_standard_output_and_no_file_named_dash_appears(command: str, inputs: Inputs, tmp_path: Path):
    done = run(argv(command, inputs, "-"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert_is_output_of(command, done.stdout)
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("command", BINARY_COMMANDS)
def test_a_binary_output_to_a_terminal_is_refused_in_one_line(command: str, inputs: Inputs, tmp_path: Path):
    leader, follower = pty.openpty()
    try:
        done = run(argv(command, inputs, "-"), stdout=follower, cwd=tmp_path)
    finally:
        os.close(follower)
        os.close(leader)
    assert_one_line_error(done, "terminal")


@pytest.mark.parametrize("command", COMMANDS)
def test_dev_stdout_is_written_through_whatever_it_points_at(command: str, inputs: Inputs, tmp_path: Path):
    piped = run(argv(command, inputs, "/dev/stdout"))
    assert piped.returncode == 0, piped.stderr
    assert_is_output_of(command, piped.stdout)
    # stdout redirected to a file (the shell's `>`): the file the shell opened gets the data
    target = tmp_path / "redirected"
    with open(target, "wb") as fh:
        to_file = run(argv(command, inputs, "/dev/stdout"), stdout=fh)
    assert to_file.returncode == 0, to_file.stderr
    assert_is_output_of(command, target.read_bytes())


# ------------------------------------------------------------------------------ FIFO, symlink


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_written_in_place_not_replaced(command: str, inputs: Inputs, tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = run(argv(command, inputs, fifo))
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the FIFO, not a file renamed over it
    assert_is_output_of(command, got[0])


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symlink_stays_and_its_target_is_replaced(command: str, inputs: Inputs, tmp_path: Path):
    real = tmp_path / "elsewhere"
    real.mkdir()
    suffix = ".docx" if command in BINARY_COMMANDS else ".txt"  # redline checks the name's suffix
    target = real / f"target{suffix}"
    target.write_bytes(b"old contents")
    target.chmod(0o640)
    link = tmp_path / f"link{suffix}"
    link.symlink_to(target)
    done = run(argv(command, inputs, link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert_is_output_of(command, target.read_bytes())
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # a replaced file keeps its permissions
    assert [p.name for p in real.iterdir()] == [target.name]  # no temporary left beside it


def test_a_regular_file_is_replaced_atomically_by_rename(inputs: Inputs, tmp_path: Path):
    """A reader holding the old file keeps reading the old file: the new one was renamed in."""
    out = tmp_path / "model.json"
    out.write_text("old")
    with open(out, "rb") as held:
        done = run(argv("parse", inputs, out))
        assert done.returncode == 0, done.stderr
        assert held.read() == b"old"
    assert_is_output_of("parse", out.read_bytes())


# -------------------------------------------------------------------- refused before any work


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_folder_as_output_is_refused_in_one_line(command: str, inputs: Inputs, tmp_path: Path):
    folder = tmp_path / "adir"
    folder.mkdir()
    done = run(argv(command, inputs, folder))
    assert_one_line_error(done, str(folder), "is a folder")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_folder_is_refused_not_created(command: str, inputs: Inputs, tmp_path: Path):
    out = tmp_path / "missing" / "deeper" / "out.file"
    done = run(argv(command, inputs, out))
    assert_one_line_error(done, "does not exist", "mkdir -p")
    assert not (tmp_path / "missing").exists()
    assert not (tmp_path / "fixed.xlsx").exists()  # nothing else written either


@pytest.mark.parametrize("command", COMMANDS)
def test_an_input_as_output_is_refused_even_through_a_symlink(command: str, inputs: Inputs, tmp_path: Path):
    first_input = inputs.old if command == "redline" else inputs.doc
    before = first_input.read_bytes()
    assert_one_line_error(run(argv(command, inputs, first_input)), "one of the inputs")
    alias = tmp_path / "alias.docx"
    alias.symlink_to(first_input)
    assert_one_line_error(run(argv(command, inputs, alias)), "one of the inputs")
    assert first_input.read_bytes() == before


def test_two_outputs_cannot_both_be_standard_output(inputs: Inputs, tmp_path: Path):
    done = run(["fix", str(inputs.doc), "--dmves", str(inputs.matrix), "-o", "-", "--dmves-out", "-"])
    assert_one_line_error(done, "standard output")


def test_redline_summary_and_dash_output_would_share_stdout_and_are_refused(inputs: Inputs):
    done = run(argv("redline", inputs, "-") + ["--summary", "json"])
    assert_one_line_error(done, "--summary")


def test_folder_outputs_are_still_created(inputs: Inputs, tmp_path: Path):
    """`build -o DIR` and `responses collate -o DIR` name folders: those are made as needed."""
    from docgen.outputs import atomic_write

    atomic_write(tmp_path / "new" / "folder" / "file.txt", "x")
    assert (tmp_path / "new" / "folder" / "file.txt").read_text() == "x"




@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["parse", "{doc}", "-f", "json"], ["lint", "{doc}"], ["parse", "{doc}", "-o", "/dev/full"]])
def test_a_full_disk_is_one_line_and_exit_2_not_an_internal_error(args, tmp_path):
    doc = str(Path(__file__).resolve().parents[1] / "sources" / "documents" / "S1SR-v12.docx")
    with open("/dev/full", "w") as full:
        run = subprocess.run([sys.executable, "-m", "docgen", *[a.format(doc=doc) for a in args]], stdout=full, stderr=subprocess.PIPE, text=True)
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith("docgen: error: could not write") and "No space left on device" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_build_into_a_file_or_an_impossible_folder_is_refused_before_any_work(tmp_path):
    pack = str(Path(__file__).resolve().parents[1] / "sources" / "packs" / "s1sr-2025-correction.toml")
    a_file = tmp_path / "out.txt"
    a_file.write_text("keep me")
    for target, said in ((a_file, "is a file"), (a_file / "sub", "cannot create the output folder")):
        run = subprocess.run([sys.executable, "-m", "docgen", "build", pack, "-o", str(target)], capture_output=True, text=True)
        assert run.returncode == 2 and said in run.stderr, run.stderr
        assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert a_file.read_text() == "keep me"


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc, a folder no file can be made in")
def test_an_output_in_a_folder_that_takes_no_file_is_refused_before_the_other_output_is_written(tmp_path):
    docs = Path(__file__).resolve().parents[1] / "sources" / "documents"
    fixed = tmp_path / "fixed.docx"
    run = subprocess.run(
        [sys.executable, "-m", "docgen", "fix", str(docs / "S1SR-v12.docx"), "--dmves", str(docs / "DMVES-v12.2.xlsx"), "-o", str(fixed), "--dmves-out", "/proc/fixed.xlsx"],
        capture_output=True, text=True,
    )
    assert run.returncode == 2 and "--dmves-out /proc/fixed.xlsx: cannot write in /proc" in run.stderr, run.stderr
    assert not fixed.exists() and list(tmp_path.iterdir()) == []


def test_the_temporary_file_beside_an_output_is_new_and_private(tmp_path: Path):
    # The atomic write makes its own temporary file rather than import tempfile: it must be
    # as mkstemp's, created exclusively, owner-only, named after the output and never reused.
    from docgen.outputs import _create_beside

    target = tmp_path / "r.docx"
    made = [_create_beside(target) for _ in range(3)]
    try:
        names = [Path(name) for _, name in made]
        assert len(set(names)) == 3 and all(n.parent == tmp_path and n.name.startswith(".r.docx.") and n.suffix == ".part" for n in names)
        assert all(stat.S_IMODE(os.stat(n).st_mode) == 0o600 for n in names)
    finally:
        for fd, _ in made:
            os.close(fd)

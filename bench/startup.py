"""Start-up benchmark: what a command costs before it does any work, and the S1SR-size parse.

At the size users run it (one S1SR), a command is mostly start-up, so this section puts side
by side, in one run and all as whole processes: a bare interpreter (`python -c pass`, the
floor no Python tool goes under), `docgen --version`, `docgen --help`, `import docgen.cli`, and
`docgen parse` of the one-S1SR document against `pandoc -f docx -t json`. The LibreOffice
version `docgen --version` prints is cached (docgen/office_version.py); one warm-up run fills
the cache before the samples are taken, as on any machine after the first run. docgen's
bytecode is compiled first (as `pip install` does): with PYTHONDONTWRITEBYTECODE set and no
`__pycache__`, every run would compile docgen's sources again, about 35 ms that no installed
copy pays.
"""

from __future__ import annotations

import compileall
import shutil
from pathlib import Path

from generate import SIZE_LABELS, write_sizes
from measure import PY, ROOT, Config, Row, Section, Target, ratio, repeat, run_process

DOCGEN = str(Path(PY).with_name("docgen"))
VERSION_GOAL = 1.5  # docgen --version at most this many bare interpreters
PARSE_GOAL = 2.5  # docgen parse of one S1SR at least this many times faster than pandoc


def run(cfg: Config) -> Section:
    section = Section("Start-up")
    compileall.compile_dir(str(ROOT / "docgen"), quiet=1)
    run_process([DOCGEN, "--version"])  # warm-up: fills the LibreOffice version cache
    bare = Row("start-up", "bare interpreter", "python -c pass", repeat(lambda: run_process([PY, "-c", "pass"])[0], cfg.runs), "whole process")
    version = Row("start-up", "docgen --version", "docgen --version", repeat(lambda: run_process([DOCGEN, "--version"])[0], cfg.runs), "whole process, no parser imported")
    imported = Row("start-up", "import docgen.cli", "python -c 'import docgen.cli'", repeat(lambda: run_process([PY, "-c", "import docgen.cli"])[0], cfg.runs), "whole process")
    helped = Row("start-up", "docgen --help", "docgen --help", repeat(lambda: run_process([DOCGEN, "--help"])[0], cfg.runs), "whole process, the parser imported")
    section.rows += [bare, version, imported, helped]
    version_x = ratio(version.wall, bare.wall)
    section.ratios.append(("docgen --version / bare interpreter (whole process)", f"{version_x:.2f}×"))
    section.ratios.append(("docgen --help / bare interpreter (whole process)", f"{ratio(helped.wall, bare.wall):.2f}×"))
    section.targets.append(Target("docgen --version vs a bare interpreter (whole process)", f"≤ {VERSION_GOAL}×", f"{version_x:.2f}×", version_x <= VERSION_GOAL))

    path = write_sizes(cfg.out, ["s1sr"])["s1sr"]
    label = SIZE_LABELS["s1sr"]
    parse = Row("parse", label, "docgen parse --format json (CLI)", repeat(
        lambda: run_process([DOCGEN, "parse", str(path), "--format", "json", "-o", str(cfg.out / "startup.s1sr.json")], cwd=ROOT)[0], cfg.runs), "whole process, JSON written")
    section.rows.append(parse)
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        section.notes.append("pandoc is not installed (Debian package `pandoc`): the parse comparison is missing.")
        return section
    peer = Row("parse", label, "pandoc -t json", repeat(
        lambda: run_process([pandoc, "-f", "docx", "-t", "json", str(path), "-o", str(cfg.out / "startup.s1sr.pandoc.json")], timeout=cfg.peer_timeout_s)[0],
        cfg.runs, budget_s=cfg.peer_budget_s or None), "whole process, JSON written")
    section.rows.append(peer)
    parse_x = ratio(peer.wall, parse.wall)
    section.ratios.append((f"{label}: pandoc / docgen parse (both whole process)", f"{parse_x:.2f}× wall, {ratio(peer.cpu or 0, parse.cpu or 0):.2f}× CPU"))
    section.targets.append(Target(f"parse ≥ {PARSE_GOAL}× faster than pandoc ({label}, whole process)", f"≥ {PARSE_GOAL}×", f"{parse_x:.2f}×", parse_x >= PARSE_GOAL))
    return section

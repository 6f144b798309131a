"""Lint benchmark: S1SR scale with the DMVES and the previous version, and CLI start-up.

The document is the synthetic S1SR v12 (with the 18.5p error) grown to about 1,500
numbered paragraphs; the baseline is v11 grown by the same sections; the matrix is the
DMVES v12 workbook. `docgen lint` is timed as CI runs it (whole process, JSON report), and
in-process (the three reads, the rules and the report) to show what start-up costs.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from generate import s1sr_scale, write_pair
from measure import PY, ROOT, Config, Row, Section, Target, ratio, repeat, run_process, run_worker

DOCGEN = str(Path(PY).with_name("docgen"))


def inputs(out: Path) -> tuple[Path, Path, Path]:
    from synth.dmves import build_dmves

    out.mkdir(parents=True, exist_ok=True)
    doc, base, matrix = out / "lint-S1SR-v12.docx", out / "lint-S1SR-v11.docx", out / "lint-DMVES-v12.xlsx"
    if not doc.exists():
        doc.write_bytes(s1sr_scale("12"))
    if not base.exists():
        base.write_bytes(s1sr_scale("11"))
    if not matrix.exists():
        matrix.write_bytes(build_dmves("12"))
    return doc, base, matrix


def run(cfg: Config) -> Section:
    from docgen.readers.docx import read_docx

    section = Section("Lint and start-up")
    doc, base, matrix = inputs(cfg.out)
    n = len(read_docx(doc).paragraphs)
    case = f"S1SR scale ({n:,} paragraphs) + DMVES + baseline"
    report = cfg.out / "lint-report.json"
    cli = Row("lint", case, "docgen lint --format json (CLI)", repeat(
        lambda: run_process([DOCGEN, "lint", str(doc), "--dmves", str(matrix), "--baseline", str(base), "--format", "json", "-o", str(report)], cwd=ROOT)[0],
        cfg.runs), "whole process", size=n)
    inproc = Row("lint", case, "docgen lint (in-process)", repeat(lambda: run_worker("lint-docgen", doc, matrix, base), cfg.runs), "reads + rules + JSON report", size=n)
    help_row = Row("start-up", "docgen --help", "docgen --help", repeat(lambda: run_process([DOCGEN, "--help"])[0], cfg.runs), "whole process")
    python_row = Row("start-up", "bare interpreter", "python -c pass", repeat(lambda: run_process([PY, "-c", "pass"])[0], cfg.runs), "the cost no Python tool avoids")
    # What the two largest fixed costs of a lint run weigh on their own (see README.md).
    pydantic_row = Row("start-up", "import pydantic", "python -c 'import pydantic'", repeat(lambda: run_process([PY, "-c", "import pydantic, pydantic.types"])[0], cfg.runs), "typer 0.29 imports it on every command")
    openpyxl_row = Row("start-up", "import openpyxl", "python -c 'import openpyxl'", repeat(lambda: run_process([PY, "-c", "import openpyxl"])[0], cfg.runs), "the DMVES .xlsx reader's library")
    section.rows += [cli, inproc, help_row, python_row, pydantic_row, openpyxl_row]
    findings = inproc.samples[0].extra
    section.notes.append(f"The lint found {findings.get('findings')} findings ({findings.get('errors')} errors), the 18.5p shift among them.")
    phases: dict[str, list[float]] = {}
    for s in inproc.samples:
        for name, secs in s.extra.get("phases", {}).items():
            phases.setdefault(name, []).append(secs)
    section.notes.append("In-process lint, median time per phase: " + "; ".join(f"{name} {statistics.median(v):.3f} s" for name, v in phases.items()))
    section.targets.append(Target("lint of S1SR scale, including parse (CLI, whole process)", "< 0.5 s", f"{cli.wall:.3f} s", cli.wall < 0.5))
    _growth(cfg, section)
    section.targets.append(Target("CLI start-up (docgen --help)", "< 0.3 s", f"{help_row.wall:.3f} s", help_row.wall < 0.3))
    return section


def _growth(cfg: Config, section: Section) -> None:
    """Lint of a new version against its baseline at 3,000 and 30,000 paragraphs (the redline
    pairs: every kind of edit, so the baseline rules have shifts and moves to look at)."""
    sizes = [(3000, 30, 50)] if cfg.quick else [(3000, 30, 50), (30000, 300, 500)]
    rows = []
    for paragraphs, tables, per_kind in sizes:
        name = f"{paragraphs // 1000}k"
        old, new, _ = write_pair(cfg.out, paragraphs, tables, per_kind, f"redline-{name}")
        row = Row("lint", f"{paragraphs:,} paragraphs + baseline", "docgen lint (in-process)",
                  repeat(lambda: run_worker("lint-docgen", new, "-", old), cfg.runs), "reads + rules + JSON report", size=paragraphs)
        rows.append(row)
    section.rows += rows
    if len(rows) == 2:
        size_x = rows[1].size / rows[0].size  # type: ignore[operator]
        time_x = ratio(rows[1].wall, rows[0].wall)
        section.ratios.append(("lint growth 3,000 → 30,000 paragraphs (with baseline)", f"time {time_x:.1f}× for size {size_x:.0f}×"))
        section.targets.append(Target("lint growth near-linear to 30,000 paragraphs", f"time ratio ≤ 1.5 × size ratio ({size_x:.0f}×)", f"{time_x:.1f}×", time_x <= 1.5 * size_x))

"""Build benchmark: `docgen build` of the bundled packs, with the LibreOffice PDF step apart.

The whole command is timed as a user runs it; the in-process rows run the same
`build_pack` with the build's own progress callback timing each step, and with each
LibreOffice batch (`docgen.soffice.convert`) timed and counted, which is how the target
"one LibreOffice process per pack, not one per file" is checked.
"""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

from measure import PY, ROOT, Config, Row, Section, Sample, Target, repeat, run_process, run_worker

DOCGEN = str(Path(PY).with_name("docgen"))


def run(cfg: Config) -> Section:
    section = Section("Build")
    packs = sorted((ROOT / "sources" / "packs").glob("*.toml"))
    case = f"bundled packs ({', '.join(p.stem for p in packs)})"
    runs = 1 if cfg.quick else max(3, cfg.runs)
    target = cfg.out / "build"

    def fresh() -> Path:
        shutil.rmtree(target, ignore_errors=True)
        return target

    cli = Row("build", case, "docgen build (CLI)", repeat(lambda: run_process([DOCGEN, "build", *map(str, packs), "-o", str(fresh())], cwd=ROOT)[0], runs), "whole process, LibreOffice included")
    inproc = repeat(lambda: run_worker("build", fresh(), *map(str, packs)), runs)
    # The parts of the in-process run have no memory figure of their own (rss 0 prints as "–").
    pdf = Row("build", case, "  of which LibreOffice PDF step", [Sample(s.extra["pdf_wall"], 0) for s in inproc], "soffice.convert, in-process run")
    rest = Row("build", case, "  of which everything else", [Sample(s.wall - s.extra["pdf_wall"], 0) for s in inproc], "parse, compare, lint, writers, zip")
    whole = Row("build", case, "build_pack, all packs (in-process)", inproc, "CPU is docgen's alone; peak RSS is LibreOffice's (its child)")
    section.rows += [cli, whole, pdf, rest]
    steps: dict[str, list[float]] = {}
    for s in inproc:
        for label, secs in s.extra["steps"].items():
            steps.setdefault(label, []).append(secs)
    section.notes.append("Median time per build step, as the build's progress callback names them: " + "; ".join(
        f"{label} {statistics.median(v):.2f} s" for label, v in sorted(steps.items(), key=lambda kv: -statistics.median(kv[1]))))
    per_pack = inproc[0].extra["packs"]
    # One process converts every PDF of a pack; a pack with a consultation document needs one
    # more, to lay the consultation out again once its contents carry the page numbers the first
    # layout gave (LibreOffice prints a PAGEREF's cached result). More than that is a regression.
    bounded = all(p["soffice_runs"] <= 2 for p in per_pack)
    section.notes.append("LibreOffice runs per pack: " + "; ".join(f"{p['pack']}: {p['soffice_runs']} run(s) for {p['pdfs']} PDF(s)" for p in per_pack))
    section.targets.append(Target("PDF conversions: LibreOffice processes per pack (all PDFs, then the consultation with its contents' page numbers)", "≤ 2 per pack", ", ".join(str(p["soffice_runs"]) for p in per_pack), bounded))
    return section

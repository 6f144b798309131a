"""One in-process measurement, run by measure.run_worker in a fresh interpreter.

`python bench/worker.py TASK ARGS...` imports what the task needs first, then times only
the work itself with time.perf_counter, and prints one JSON line: wall seconds, the
process's peak RSS (ru_maxrss, KiB on Linux) and task-specific counts. Import time is
left out on purpose: the whole-process rows measure a user's command, these the work.
"""

from __future__ import annotations

import json
import resource
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class _Clock:
    """Wall (perf_counter) and CPU (process_time) from the same start, stopped together."""

    def __init__(self) -> None:
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()

    def stop(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall0, time.process_time() - self.cpu0


def parse_floor(path: str) -> dict:
    """The least any reader must do: inflate and parse the body and the numbering."""
    from lxml import etree

    clock = _Clock()
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    wall, cpu = clock.stop()
    return {"wall": wall, "cpu": cpu, "elements": sum(1 for _ in body.iter()) + sum(1 for _ in numbering.iter())}


def parse_docgen(path: str) -> dict:
    from docgen.readers.docx import read_docx

    clock = _Clock()
    doc = read_docx(path)
    wall, cpu = clock.stop()
    return {"wall": wall, "cpu": cpu, "clauses": len(doc.clauses), "paragraphs": len(doc.paragraphs), "tables": len(doc.tables)}


def parse_docx2python(path: str) -> dict:
    from docx2python import docx2python

    clock = _Clock()
    with docx2python(path) as content:
        document = content.document  # the full extraction: every paragraph, table and number
    wall, cpu = clock.stop()
    return {"wall": wall, "cpu": cpu, "blocks": len(document)}


def lint_docgen(doc: str, dmves: str, baseline: str) -> dict:
    """The lint as the command runs it, with the time of each phase: the reads (openpyxl is
    imported lazily by the matrix read, so its import is inside that phase), rules, report."""
    from docgen.checks.lint import lint
    from docgen.config import load_config
    from docgen.readers import read_document, read_matrix
    from docgen.writers.lint_report import render

    phases: dict[str, float] = {}
    clock = _Clock()
    mark = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        phases[name] = now - mark
        mark = now

    document = read_document(doc)
    phase("read document")
    matrix = read_matrix(dmves) if dmves != "-" else None
    phase("read DMVES (with openpyxl import)")
    previous = read_document(baseline)
    phase("read baseline")
    report = lint(document, matrix=matrix, baseline=previous, config=load_config(None))
    phase("rules")
    text = render(report, "json")
    phase("JSON report")
    wall, cpu = clock.stop()
    return {"wall": wall, "cpu": cpu, "findings": len(report.findings), "errors": len(report.errors), "bytes": len(text), "phases": phases}


def redline_docgen(old: str, new: str, out: str) -> dict:
    from docgen.writers.redline import RedlineOptions, redline

    clock = _Clock()
    made = redline(Path(old), Path(new), RedlineOptions(author="bench", date="2025-01-01T00:00:00Z"))
    Path(out).write_bytes(made.docx)
    wall, cpu = clock.stop()
    return {"wall": wall, "cpu": cpu, "counts": made.comparison.counts()}


def build_packs(out: str, *packs: str) -> dict:
    """Every pack built as `docgen build` does, with the time of each step the build reports
    (its progress callback) and of each LibreOffice batch (docgen.soffice.convert)."""
    from docgen import soffice
    from docgen.pack.build import build_pack
    from docgen.pack.load import load_pack

    specs = [load_pack(Path(p)) for p in packs]
    conversions: list[dict] = []
    real_convert = soffice.convert

    def timed_convert(files, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return real_convert(files, *args, **kwargs)
        finally:
            conversions.append({"files": len(files), "wall": time.perf_counter() - t0})

    soffice.convert = timed_convert
    steps: dict[str, float] = {}
    clock = _Clock()
    per_pack = []
    for spec in specs:
        mark = {"label": "start", "t": time.perf_counter()}

        def step(label: str) -> None:
            now = time.perf_counter()
            steps[mark["label"]] = steps.get(mark["label"], 0.0) + now - mark["t"]
            mark.update(label=label, t=now)

        before = len(conversions)
        t_pack = time.perf_counter()
        build_pack(spec, Path(out), step)
        step("end")
        per_pack.append({"pack": spec.reference, "wall": time.perf_counter() - t_pack, "soffice_runs": len(conversions) - before,
                         "pdfs": sum(c["files"] for c in conversions[before:])})
    wall, cpu = clock.stop()
    return {"wall": wall, "cpu": cpu, "pdf_wall": sum(c["wall"] for c in conversions), "packs": per_pack, "steps": steps}


TASKS = {
    "parse-floor": parse_floor,
    "parse-docgen": parse_docgen,
    "parse-docx2python": parse_docx2python,
    "lint-docgen": lint_docgen,
    "redline-docgen": redline_docgen,
    "build": build_packs,
}


def main(argv: list[str]) -> int:
    result = TASKS[argv[1]](*argv[2:])
    result["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

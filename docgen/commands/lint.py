"""`docgen lint`: read the document (and the DMVES and previous version when given), check,
write the report, and return the exit code: 0 clean, 1 an error finding, 2 bad input."""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.config import load_config
from docgen.errors import UsageError
from docgen.outputs import atomic_write, refuse_overwriting_inputs
from docgen.readers import read_document, read_matrix


def run(doc: Path, dmves: Path | None, baseline: Path | None, fmt: str, config: Path | None, output: Path | None) -> int:
    from docgen.checks.lint import lint
    from docgen.writers.lint_report import FORMATS, render, wants_color

    if fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
    refuse_overwriting_inputs([output], [doc, dmves, baseline, config])
    settings = load_config(config)
    document = read_document(doc)
    matrix = read_matrix(dmves) if dmves is not None else None
    previous = read_document(baseline) if baseline is not None else None
    report = lint(document, matrix=matrix, baseline=previous, config=settings)
    color = output is None and fmt == "text" and wants_color(sys.stdout)
    text = render(report, fmt, color=color)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write(output, text)
    return report.exit_code

"""`docgen lint`: read the document (and the DMVES and previous version when given), check,
write the report, and return the exit code: 0 clean, 1 an error finding, 2 bad input."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from docgen.checks.config import load_config
from docgen.errors import UsageError
from docgen.outputs import Output, atomic_write, check_outputs
from docgen.readers import read_document, read_matrix


def run(
    doc: Path,
    dmves: Path | None,
    baseline: Path | None,
    fmt: str,
    config: Path | None,
    output: Path | None,
    *,
    pdf: Path | None = None,
    pages: bool = False,
) -> int:
    from docgen.checks.lint import lint
    from docgen.writers.lint_report import FORMATS

    if fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
    check_outputs([Output(output)], [doc, dmves, baseline, config, pdf])
    if doc.suffix.lower() == ".toml":
        return _run_pack(doc, dmves, baseline, fmt, config, output, pdf=pdf, pages=pages)
    settings = load_config(config)
    document = read_document(doc)
    matrix = read_matrix(dmves) if dmves is not None else None
    previous = read_document(baseline) if baseline is not None else None
    page_map = _pages(document, doc, pdf, pages)
    report = lint(document, matrix=matrix, baseline=previous, config=settings, pages=page_map)
    return _emit(report, fmt, output)


def _emit(report, fmt: str, output: Path | None) -> int:
    """Render the report to the terminal (its width, colour when it is one) or to `output`."""
    from docgen.writers.lint_report import TEXT_WIDTH, render, wants_color

    color = output is None and fmt == "text" and wants_color(sys.stdout)
    width = shutil.get_terminal_size((TEXT_WIDTH, 24)).columns if output is None else TEXT_WIDTH
    text = render(report, fmt, color=color, width=width)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write(output, text)
    return report.exit_code


def _pages(document, doc: Path, pdf: Path | None, pages: bool) -> dict[str, int] | None:
    """Page numbers for the findings: a PDF document has its own; a .docx gets them from the
    PDF given with --pdf, or from LibreOffice's layout with --pages."""
    from docgen.checks.pages import pages_by_libreoffice, pages_from_pdf

    if document.format == "pdf":
        if pdf is not None:
            raise UsageError(f"--pdf {pdf}: {doc} is a PDF already and gives its own page numbers; leave out --pdf")
        return None
    if pdf is not None:
        return pages_from_pdf(pdf)
    if pages:
        return pages_by_libreoffice(doc)
    return None


def _run_pack(pack: Path, dmves: Path | None, baseline: Path | None, fmt: str, config: Path | None, output: Path | None, *, pdf: Path | None, pages: bool) -> int:
    """A pack description: the pack lint (docgen/pack/lint.py), same formats and exit codes.
    Its configuration is found from the pack's folder, as `docgen build` finds it."""
    from docgen.pack.lint import lint_pack_file

    if dmves is not None or baseline is not None or pdf is not None or pages:
        raise UsageError(f"{pack}: a pack description names its own documents, DMVES and baseline; drop --dmves/--baseline/--pdf/--pages (or lint a document instead)")
    settings = load_config(config, start=pack.resolve().parent)
    return _emit(lint_pack_file(pack, config=settings), fmt, output)

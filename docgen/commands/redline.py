"""`docgen redline`: compare two versions into a tracked-change .docx (or a redlined workbook).

The comparison is made once and handed to every requested output (the .docx, the
publication PDF, the HTML), so they all show the same changes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from docgen.errors import InputError, UsageError
from docgen.outputs import atomic_write, refuse_overwriting_inputs

_WORKBOOK = {".xlsx", ".xlsm"}


def run(
    old: Path,
    new: Path,
    output: Path,
    pdf: Path | None,
    html: Path | None,
    author: str,
    date: str | None,
    summary: str | None,
) -> int:
    if summary not in (None, "json", "text"):
        raise UsageError(f"--summary {summary!r}: use 'json' or 'text'")
    refuse_overwriting_inputs([output, pdf, html], [old, new])
    outs = [Path(p).resolve() for p in (output, pdf, html) if p]
    if len(set(outs)) != len(outs):
        raise UsageError("the output paths (-o, --pdf, --html) must differ")
    kinds = {old.suffix.lower() in _WORKBOOK, new.suffix.lower() in _WORKBOOK}
    if kinds == {True}:
        return _workbook(old, new, output, pdf, html, author, date)
    if len(kinds) == 2:
        raise InputError(new if new.suffix.lower() in _WORKBOOK else old, "cannot be compared with a Word document", "compare two .docx files or two .xlsx files")
    return _document(old, new, output, pdf, html, author, date, summary)


def _document(old: Path, new: Path, output: Path, pdf: Path | None, html: Path | None, author: str, date: str | None, summary: str | None) -> int:
    from docgen.readers.docx import read_docx
    from docgen.transforms.compare import compare, summary_lines
    from docgen.writers.redline_docx import revision_date, write_redline

    when = revision_date(date)  # validated before any work is done
    comparison = compare(read_docx(old), read_docx(new))
    redline = write_redline(comparison, author=author, date=when)
    atomic_write(output, redline)
    if html is not None:
        from docgen.writers.redline_html import render_html

        atomic_write(html, render_html(comparison))
    if pdf is not None:
        from docgen.writers.redline_pdf import write_pdf

        write_pdf(comparison, pdf, redline=redline)
    if summary == "json":
        sys.stdout.write(json.dumps(comparison.summary(), indent=2, ensure_ascii=False) + "\n")
    elif summary == "text":
        sys.stdout.write("\n".join(summary_lines(comparison)) + "\n")
    return 0


def _workbook(old: Path, new: Path, output: Path, pdf: Path | None, html: Path | None, author: str, date: str | None) -> int:
    if pdf is not None or html is not None:
        raise UsageError("--pdf and --html are for .docx redlines; a workbook redline is an .xlsx only")
    if output.suffix.lower() not in _WORKBOOK:
        raise UsageError(f"{output}: a workbook redline is written as .xlsx; name the output accordingly")
    from docgen.readers.workbook import read_workbook
    from docgen.writers.redline_docx import revision_date
    from docgen.writers.redline_xlsx import workbook_redline

    when = revision_date(date)
    data = workbook_redline(read_workbook(old), read_workbook(new), author=author, date=when)
    atomic_write(output, data)
    return 0

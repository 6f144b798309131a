"""`docgen redline`: compare two versions into a tracked-change .docx (or a redlined workbook).

The comparison is made once and handed to every requested output (the .docx, the
publication PDF, the HTML), so they all show the same changes. When it is done the command
says, in one line on stderr, what it wrote and how much changed (stdout stays free for
`--summary`); `--quiet` silences that line.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.errors import InputError, UsageError
from docgen.outputs import Output, atomic_write, check_outputs, is_stdout, written_in_place

_WORKBOOK = {".xlsx", ".xlsm"}
_SUFFIXES = {"--pdf": (".pdf",), "--html": (".html", ".htm")}
_KINDS = {"changed": "cell changed", "row added": "row added", "row removed": "row removed", "row moved": "row moved", "sheet added": "sheet added", "sheet removed": "sheet removed"}


def _counted(n: int, phrase: str) -> str:
    """'1 cell changed', '5 cells changed': the plural goes on the noun."""
    noun, _, rest = phrase.partition(" ")
    return f"{n} {noun}{'' if n == 1 else 's'} {rest}"


def run(
    old: Path,
    new: Path,
    output: Path,
    pdf: Path | None,
    html: Path | None,
    author: str,
    date: str | None,
    summary: str | None,
    *,
    quiet: bool = False,
    show_respellings: bool = False,
    ignore_nbsp: bool = False,
) -> int:
    if summary not in (None, "json", "text"):
        raise UsageError(f"--summary {summary!r}: use 'json' or 'text'")
    for flag, path in (("--pdf", pdf), ("--html", html)):
        if path is not None and not written_in_place(path) and path.suffix.lower() not in _SUFFIXES[flag]:
            raise UsageError(f"{flag} {path}: name the file {' or '.join(_SUFFIXES[flag])} (it is written as {flag[2:].upper()})")
    check_outputs([Output(output, "-o", binary=True), Output(pdf, "--pdf", binary=True), Output(html, "--html")], [old, new])
    if summary is not None and is_stdout(output):
        raise UsageError("--summary prints on standard output, which -o - already takes; write the redline to a file or drop --summary")
    kinds = {old.suffix.lower() in _WORKBOOK, new.suffix.lower() in _WORKBOOK}
    if kinds == {True}:
        line = _workbook(old, new, output, pdf, html, author, date, show_respellings)
    elif len(kinds) == 2:
        raise InputError(new if new.suffix.lower() in _WORKBOOK else old, "cannot be compared with a Word document", "compare two .docx files or two .xlsx files")
    else:
        if show_respellings:
            raise UsageError("--show-respellings is for workbook (.xlsx) redlines")
        if not written_in_place(output) and output.suffix.lower() != ".docx":
            raise UsageError(f"-o {output}: a document redline is written as .docx; name the output accordingly")
        line = _document(old, new, output, pdf, html, author, date, summary, ignore_nbsp)
    if not quiet:
        print(line, file=sys.stderr)
    return 0


def _wrote(paths: list[Path]) -> str:
    for path in paths:  # a command never reports a file it did not make
        if written_in_place(path):
            continue
        if not path.is_file() or path.stat().st_size == 0:
            raise UsageError(f"{path}: was not written; check the folder is writable")
    names = ["standard output" if is_stdout(p) else str(p) for p in paths]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _document(old: Path, new: Path, output: Path, pdf: Path | None, html: Path | None, author: str, date: str | None, summary: str | None, ignore_nbsp: bool = False) -> str:
    from docgen.transforms.compare import count_line, story_line, summary_lines
    from docgen.writers.redline import RedlineOptions, redline

    made = redline(old, new, RedlineOptions(author=author, date=date, ignore_nbsp=ignore_nbsp))
    comparison = made.comparison
    for path, pending in made.pending:  # said even with --quiet: the redline is not of the file as it was given
        sys.stderr.write(f"note: {path}: its {pending} pending tracked change(s) were accepted before comparing; the redline shows changes between the accepted versions\n")
    atomic_write(output, made.docx)
    if html is not None:
        from docgen.writers.redline_html import render_html

        atomic_write(html, render_html(comparison))
    if pdf is not None:
        from docgen.writers.redline_pdf import write_pdf

        write_pdf(comparison, pdf, redline=made.redline)
    if summary == "json":
        import json  # here: only --summary json needs it

        sys.stdout.write(json.dumps(comparison.summary(), indent=2, ensure_ascii=False) + "\n")
    elif summary == "text":
        sys.stdout.write("\n".join(summary_lines(comparison)) + "\n")
    written = _wrote([p for p in (output, pdf, html) if p is not None])
    by_story = story_line(comparison)
    return f"docgen redline: wrote {written}; clauses: {count_line(comparison)}" + (f"; paragraphs changed by story: {by_story}" if by_story else "")


def _workbook(old: Path, new: Path, output: Path, pdf: Path | None, html: Path | None, author: str, date: str | None, show_respellings: bool) -> str:
    if pdf is not None or html is not None:
        raise UsageError("--pdf and --html are for .docx redlines; a workbook redline is an .xlsx only")
    if not written_in_place(output) and output.suffix.lower() not in _WORKBOOK:
        raise UsageError(f"-o {output}: a workbook redline is written as .xlsx; name the output accordingly")
    from docgen.readers.workbook import read_workbook
    from docgen.writers.redline_docx import revision_date
    from docgen.writers.redline_xlsx import redline_workbook

    when = revision_date(date)
    result = redline_workbook(read_workbook(old), read_workbook(new), author=author, date=when, show_respellings=show_respellings)
    atomic_write(output, result.data)
    kinds: dict[str, int] = {}
    for change in result.changes:
        kinds[change.kind] = kinds.get(change.kind, 0) + 1
    counted = ", ".join(_counted(n, _KINDS.get(kind, kind)) for kind, n in kinds.items()) or "no differences"
    respelled = len(result.respellings)
    if respelled and show_respellings:
        counted += f"; {_counted(respelled, 'reference respelled')}, listed on the Respellings sheet"
    elif respelled:
        counted += f"; {_counted(respelled, 'reference only respelled')}, not counted (--show-respellings lists them)"
    return f"docgen redline: wrote {_wrote([output])}: {counted}"

"""The `docgen` command line's parser (typer): arguments, options and help, nothing else.

`docgen.cli.main` imports this module when a command line is parsed; each command's work
lives in `docgen/commands/<name>.py` and is imported only when that command runs, so the
parser never loads lxml, openpyxl, pdfplumber, jinja2 or rich (help and usage errors are
plain click output: rich_markup_mode=None).

`--debug` and `--quiet` belong to the root; `docgen.cli.main` moves them there from wherever
they were typed, and `quiet()` tells a command whether to keep its messages to itself.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
import typer.core

# typer escapes the "[required]" and "[default: ...]" it adds to an option's help as Rich
# markup whenever rich is installed, even under rich_markup_mode=None, where nothing
# unescapes them again (typer's open PR #1089), so the help would read "\[required]" and
# load rich to do it. This parser's help is plain click output: tell typer's help code that
# rich is absent. (Only the help records read this flag; docgen's own progress bars import
# rich themselves.)
typer.core.HAS_RICH = False

# suggest_commands=False: click already says "Did you mean 'lint'?"; typer would say it again.
app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    help="Parse, lint, redline and renumber SEC documents, and build consultation packs.\n\n"
    "Every -o names a file, '-' for standard output, or a device or FIFO written in place "
    "(README: The output contract). --debug and --quiet may be given anywhere on the line.",
    pretty_exceptions_enable=False,
    suggest_commands=False,
    rich_markup_mode=None,
)
responses_app = typer.Typer(no_args_is_help=True, help="Work with returned consultation responses.", suggest_commands=False, rich_markup_mode=None)
app.add_typer(responses_app, name="responses")

_QUIET = False


def is_quiet(local: bool = False) -> bool:
    """True when --quiet was given, to the root or to the command."""
    return local or _QUIET


def _stdout_if_dash(path: Optional[Path]) -> Optional[Path]:
    """`-o -` for a text output whose default is standard output: the same as no -o."""
    return None if path is not None and str(path) == "-" else path


def _version(value: bool) -> None:
    if not value:
        return
    from docgen.office_version import version_report

    sys.stdout.write(version_report())
    raise typer.Exit(0)


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback of an error (anywhere on the line)."),
    quiet_flag: bool = typer.Option(False, "--quiet", "-q", help="Do not say what was written (anywhere on the line; errors are still shown)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show docgen's version and the LibreOffice it uses, then exit."),
) -> None:
    """--debug is read by `docgen.cli.main` (it decides how errors are shown, outside typer's run)."""
    global _QUIET
    _QUIET = quiet_flag


class ParseFormat(str, Enum):
    json = "json"
    text = "text"
    akn = "akn"


class View(str, Enum):
    new = "new"
    original = "original"


class LintFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


@app.command()
def parse(
    file: Path = typer.Argument(..., help="A .docx, .pdf, .xlsx or .csv file."),
    format: ParseFormat = typer.Option(ParseFormat.json, "--format", "-f", help="json, text (an outline) or akn (Akoma Ntoso XML)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of standard output ('-' is standard output)."),
    view: View = typer.Option(View.new, "--view", help="For a redlined PDF: read the new text (default) or the original."),
    ref_column: Optional[str] = typer.Option(None, "--ref-column", help="Matrix: the header (or letter) of the clause-reference column."),
    srv_column: Optional[str] = typer.Option(None, "--srv-column", help="Matrix: the SRV column."),
    device_column: Optional[str] = typer.Option(None, "--device-column", help="Matrix: the device-model column."),
    group_column: Optional[str] = typer.Option(None, "--group-column", help="Matrix: the EPCL GroupID column."),
    cohort_column: Optional[str] = typer.Option(None, "--cohort-column", help="Matrix: the cohort column."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="The previous version: renumbered clauses get their old id as `wid`."),
) -> None:
    """Read a document into the clause model and print it."""
    from docgen.commands.parse import run

    columns = {k: v for k, v in {"ref": ref_column, "srv": srv_column, "device": device_column, "group": group_column, "cohort": cohort_column}.items() if v}
    raise typer.Exit(run(file, format.value, _stdout_if_dash(output), view.value, columns or None, baseline))


@app.command()
def lint(
    doc: Path = typer.Argument(..., help="The document to check (.docx or .pdf), or a pack description (.toml)."),
    dmves: Optional[Path] = typer.Option(None, "--dmves", help="The DMVES matrix to cross-check (.xlsx, .csv)."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="The previous version, to find shifted numbering."),
    format: LintFormat = typer.Option(LintFormat.text, "--format", "-f", help="text, json, sarif, junit or github."),
    config: Optional[Path] = typer.Option(None, "--config", help="docgen.toml or pyproject.toml with [tool.docgen.lint]."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report here instead of standard output ('-' is standard output)."),
    pdf: Optional[Path] = typer.Option(None, "--pdf", help="The PDF made from DOC: findings give its page numbers."),
    pages: bool = typer.Option(False, "--pages", help="Lay DOC out with LibreOffice to give findings page numbers."),
) -> None:
    """Check clause numbering, cross-references and the DMVES; exit 1 on errors."""
    from docgen.commands.lint import run

    raise typer.Exit(run(doc, dmves, baseline, format.value, config, _stdout_if_dash(output), pdf=pdf, pages=pages))


@app.command()
def redline(
    old: Path = typer.Argument(..., help="The old version (.docx, or .xlsx for a workbook redline)."),
    new: Path = typer.Argument(..., help="The new version."),
    output: Path = typer.Option(..., "--output", "-o", help="The redline .docx (or .xlsx)."),
    pdf: Optional[Path] = typer.Option(None, "--pdf", help="Also write the publication PDF redline."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML redline."),
    author: Optional[str] = typer.Option(None, "--author", help="Author of the revisions (default: DCC, as in pack builds)."),
    date: Optional[str] = typer.Option(None, "--date", help="ISO 8601 date of the revisions (default SOURCE_DATE_EPOCH, else now)."),
    summary: Optional[str] = typer.Option(None, "--summary", help="Print the change summary on standard output: 'json' or 'text' (one line per kind of change)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not say what was written (also anywhere on the line)."),
    show_respellings: bool = typer.Option(False, "--show-respellings", help="Workbooks: list references only respelled ('Clause 18.10' -> '18.10') on their own sheet."),
    ignore_nbsp: bool = typer.Option(False, "--ignore-nbsp", help="Documents: treat a no-break space and a space as the same character."),
) -> None:
    """Compare two versions into a tracked-change redline."""
    from docgen.commands.redline import run
    from docgen.publisher import ORGANISATION

    raise typer.Exit(run(old, new, output, pdf, html, author or ORGANISATION, date, summary, quiet=is_quiet(quiet), show_respellings=show_respellings, ignore_nbsp=ignore_nbsp))


@app.command()
def accept(
    file: Path = typer.Argument(..., help="A .docx with tracked changes."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Where to write (default ./FILE.accepted.docx in the current folder)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not say what was written (also anywhere on the line)."),
) -> None:
    """Accept every tracked change."""
    from docgen.commands.revisions import run

    raise typer.Exit(run(file, output, accept=True, quiet=is_quiet(quiet)))


@app.command()
def reject(
    file: Path = typer.Argument(..., help="A .docx with tracked changes."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Where to write (default ./FILE.rejected.docx in the current folder)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not say what was written (also anywhere on the line)."),
) -> None:
    """Reject every tracked change."""
    from docgen.commands.revisions import run

    raise typer.Exit(run(file, output, accept=False, quiet=is_quiet(quiet)))


@app.command()
def renumber(
    doc: Path = typer.Argument(..., help="The .docx to renumber."),
    output: Path = typer.Option(..., "--output", "-o", help="The renumbered .docx ('-' for standard output when it is not a terminal)."),
    demote: List[str] = typer.Option([], "--demote", help="REF or REF..REF: demote under the previous sibling."),
    promote: List[str] = typer.Option([], "--promote", help="REF or REF..REF: promote to the parent's level."),
    dmves: Optional[Path] = typer.Option(None, "--dmves", help="The DMVES matrix to keep in step."),
    dmves_out: Optional[Path] = typer.Option(None, "--dmves-out", help="Where to write the updated matrix."),
    table: Optional[Path] = typer.Option(None, "--table", help="Write the renumbering table (CSV: old ref, new ref)."),
    redline_out: Optional[Path] = typer.Option(None, "--redline", help="Write a redline of the correction."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not list the renumbering (also anywhere on the line)."),
) -> None:
    """Demote or promote items, keeping Word numbering, references and the matrix in step."""
    from docgen.commands.renumber import run_renumber

    raise typer.Exit(run_renumber(doc, output, demote, promote, dmves, dmves_out, table, redline_out, quiet=is_quiet(quiet)))


@app.command()
def fix(
    doc: Path = typer.Argument(..., help="The .docx to correct."),
    dmves: Path = typer.Option(..., "--dmves", help="The DMVES matrix."),
    output: Path = typer.Option(..., "--output", "-o", help="The corrected .docx ('-' for standard output when it is not a terminal)."),
    dmves_out: Path = typer.Option(..., "--dmves-out", help="The corrected matrix."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="The previous version."),
    table: Optional[Path] = typer.Option(None, "--table", help="Write the renumbering table (CSV)."),
    redline_out: Optional[Path] = typer.Option(None, "--redline", help="Write a redline of the correction."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not list the renumbering (also anywhere on the line)."),
) -> None:
    """Apply every fix `docgen lint` proposes."""
    from docgen.commands.renumber import run_fix

    raise typer.Exit(run_fix(doc, dmves, output, dmves_out, baseline, table, redline_out, quiet=is_quiet(quiet)))


@app.command()
def build(
    packs: List[Path] = typer.Argument(None, help="Pack descriptions (.toml); default every pack under sources/packs/."),
    output: Path = typer.Option(Path("out"), "--output", "-o", help="Output folder; each pack goes to OUT/<pack-id>/."),
) -> None:
    """Build consultation packs."""
    from docgen.commands.build import run

    raise typer.Exit(run(list(packs or []), output))


@app.command()
def doctor(
    documents: List[Path] = typer.Argument(None, help="Word documents whose fonts to check (default: the usual Office fonts)."),
) -> None:
    """Check LibreOffice and that fonts have metric-compatible substitutes, so PDFs paginate as in Word."""
    from docgen.commands.doctor import run

    raise typer.Exit(run(list(documents or [])))


@app.command()
def history(
    docs: List[Path] = typer.Argument(..., help="Two or more versions of one document (.docx or .pdf), in any order."),
    ref: Optional[str] = typer.Option(None, "--ref", help="Only the clause with this reference in any version."),
    format: str = typer.Option("text", "--format", "-f", help="text, json or csv."),
    packs: Optional[Path] = typer.Option(None, "--packs", help="Folder of pack descriptions: name the consultation that proposed each change."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
) -> None:
    """Each clause's line through the versions: refs, renumberings, moves, text changes."""
    from docgen.commands.history import run

    raise typer.Exit(run(list(docs), ref, format, packs, output))


@app.command()
def impact(
    old: Path = typer.Argument(..., help="The old version (.docx or .pdf)."),
    new: Path = typer.Argument(..., help="The new version."),
    dmves: List[Path] = typer.Option([], "--dmves", help="A DMVES matrix citing OLD (.xlsx, .csv); repeatable."),
    also: List[Path] = typer.Option([], "--also", help="Another document citing OLD (TMAD, direction text, consultation); repeatable."),
    format: str = typer.Option("text", "--format", "-f", help="text, json or csv."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
) -> None:
    """Every DMVES row and reference that cites a clause the change touches, and what it should now say."""
    from docgen.commands.impact import run

    raise typer.Exit(run(old, new, list(dmves), list(also), format, output))


@responses_app.command("collate")
def responses_collate(
    files: List[Path] = typer.Argument(..., help="Returned response forms (.docx, .pdf), or folders holding them."),
    output: Path = typer.Option(..., "--output", "-o", help="Output folder."),
    pack: Optional[Path] = typer.Option(None, "--pack", help="The pack description, for the questions and drafting table."),
    decisions: Optional[Path] = typer.Option(None, "--decisions", help="review.csv with a position column added: settles the answers to be reviewed."),
    pdf: bool = typer.Option(False, "--pdf", help="Also print the conclusion and the letter to PDF (LibreOffice), and check what the PDFs show for confidential names."),
) -> None:
    """Collate filled response templates into responses.csv, collation.json, review.csv, the draft conclusion and the recommendation letter."""
    from docgen.commands.responses import run

    raise typer.Exit(run(list(files), output, pack, decisions, pdf))

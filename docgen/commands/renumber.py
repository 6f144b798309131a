"""`docgen renumber` and `docgen fix`: what the user asked for, checked, then every output written.

The work itself (levels changed in the package, read back, cross-references and matrix cells
updated) is `docgen.transforms.renumber_pipeline`; this module resolves the request, refuses
impossible ones before the first output exists, and writes and reports the results.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from pathlib import Path
from typing import Any, Callable

from docgen.errors import UsageError
from docgen.model import Document
from docgen.ooxml.word_package import document_main_part
from docgen.outputs import Output, atomic_write, check_outputs
from docgen.checks.fix_verify import refusal, wrongly_moved_rows
from docgen.transforms.renumber import RefChange
from docgen.transforms.renumber_pipeline import (
    MatrixOutput,
    Renumbered,
    check_proposal,
    matrix_output,
    read_word,
    renumber_package,
    reread_matrix,
)

FIXED_REVISION_DATE = "1980-01-01T00:00:00Z"  # the same fixed instant as the zip entries


# ---------------------------------------------------------------------------- commands


def run_renumber(
    doc: Path,
    output: Path,
    demote: list[str],
    promote: list[str],
    dmves: Path | None,
    dmves_out: Path | None,
    table: Path | None,
    redline_out: Path | None,
    *,
    quiet: bool = False,
) -> int:
    from docgen.ooxml.lists.levels import numbering_defs
    from docgen.transforms.renumber import plan_moves, resolve_targets

    _check_paths(doc, output, dmves, dmves_out, table, redline_out, baseline=None)
    if dmves is not None and dmves_out is None:
        raise UsageError(f"{dmves}: give --dmves-out for the updated matrix (the input is never overwritten)")
    if dmves_out is not None and dmves is None:
        raise UsageError(f"{dmves_out}: --dmves-out needs --dmves, the matrix to update")
    if not demote and not promote:
        raise UsageError(f"{doc}: nothing to renumber; give --demote REF[..REF] or --promote REF[..REF]")
    redline = _redline_writer() if redline_out is not None else None
    source = read_word(doc)
    defs = numbering_defs(source.parts, document_main_part(source), source.source)
    down = [c for spec in demote for c in resolve_targets(source, spec)]
    up = [c for spec in promote for c in resolve_targets(source, spec)]
    plan = plan_moves(source, down, up, defs)
    result = renumber_package(source, plan, output)
    matrix_out = _matrix_output(dmves, source, result) if dmves is not None else None
    redline_bytes = redline(source, result.document) if redline is not None else None
    _write_outputs(output, result, dmves_out, matrix_out, table, redline_out, redline_bytes)
    _report(result, matrix_out, dmves, quiet=quiet)
    return 0


def run_fix(
    doc: Path,
    dmves: Path,
    output: Path,
    dmves_out: Path,
    baseline: Path | None,
    table: Path | None,
    redline_out: Path | None,
    *,
    quiet: bool = False,
) -> int:
    """Exit 0 when the corrected document and matrix lint clean, 1 when errors the fix does
    not touch remain. Refuses (UsageError, exit 2, nothing written) when the result read
    back is not what the lint proposed (`docgen.checks.fix_verify`)."""
    from docgen.checks.lint import lint
    from docgen.checks.config import load_config
    from docgen.readers import read_document, read_matrix
    from docgen.ooxml.lists.levels import numbering_defs
    from docgen.transforms.renumber import moves_from_mapping, plan_moves

    _check_paths(doc, output, dmves, dmves_out, table, redline_out, baseline=baseline)
    redline = _redline_writer() if redline_out is not None else None
    settings = load_config(None)
    source = read_word(doc)
    matrix = read_matrix(dmves)
    previous = read_document(baseline) if baseline is not None else None
    report = lint(source, matrix=matrix, baseline=previous, config=settings)
    proposed = report.renumber_mapping()
    if proposed:
        demote, promote = moves_from_mapping(source, proposed)
        plan = plan_moves(source, demote, promote, numbering_defs(source.parts, document_main_part(source), source.source), typed=True)
        result = renumber_package(source, plan, output, proposed)
        check_proposal(source, proposed, result)
    else:
        result = Renumbered(parts=dict(source.parts), document=source, table=[])
    matrix_out = _matrix_output(dmves, source, result)
    _refuse_breaking_rows(doc, dmves, matrix_out, result)
    redline_bytes = redline(source, result.document) if redline is not None else None
    fixed_matrix = reread_matrix(matrix_out.data, dmves)
    # The same lint, against the same baseline, on what is about to be written.
    after = lint(result.document, matrix=fixed_matrix, baseline=previous, config=settings)
    if proposed:
        refused = refusal(after.errors, result.mapping)
        if refused is not None:
            raise UsageError(f"{doc}: not fixed, nothing written: {refused.reason} Correct the numbering by hand with `docgen renumber`, then lint again")
    _write_outputs(output, result, dmves_out, matrix_out, table, redline_out, redline_bytes, copy_from=None if proposed else doc)
    if not proposed and not quiet:
        print(f"{doc.name}: the lint proposes no renumbering; the outputs are the inputs unchanged", file=sys.stderr)
    _report(result, matrix_out, dmves, quiet=quiet)
    if after.errors:
        print(remaining_hint(after.errors, output, dmves_out, baseline), file=sys.stderr)
        return 1
    return 0


def _matrix_output(dmves: Path, source: Document, result: Renumbered) -> MatrixOutput:
    """The updated matrix, its rows moved where the lint's DMVES cross-check says they read
    in the input's numbering."""
    from docgen.checks.lint import matrix_disagreements

    return matrix_output(dmves, source, result, matrix_disagreements)


def remaining_hint(errors: list, output: Path, dmves_out: Path, baseline: Path | None) -> str:
    """What exit 1 means and the one command that shows the errors (only options `docgen lint`
    has); without a baseline, errors a deliberate edit would explain get a word on --baseline."""
    import shlex

    rules = sorted({f.rule for f in errors})
    written = "the written document" if str(output) == "-" else shlex.quote(str(output))
    command = f"docgen lint {written} --dmves {shlex.quote(str(dmves_out))}"
    if baseline is not None:
        command += f" --baseline {shlex.quote(str(baseline))}"
    hint = f"docgen: {len(errors)} lint error(s) remain that fix cannot correct ({', '.join(rules)}); see `{command}`"
    if baseline is None and any(r.startswith("dmves/") or r.startswith("xref/") for r in rules):
        hint += (
            "; if the document inserts, deletes or moves items on purpose, give --baseline with the previous "
            "version so `docgen lint` and `docgen fix` tell those edits apart from errors"
        )
    elif any(r in ("baseline/stale-reference", "baseline/stale-xref") for r in rules):
        hint += "; update the DMVES rows and cross-references it names to the numbers it gives"
    return hint


def _refuse_breaking_rows(doc: Path, dmves: Path, matrix_out: MatrixOutput, result: Renumbered) -> None:
    """A row whose reference already names the text it describes must not be rewritten."""
    broken = wrongly_moved_rows(matrix_out.moved, result.document, result.mapping)
    if broken:
        row, new = broken[0]
        more = f" (and {len(broken) - 1} more row(s))" if len(broken) > 1 else ""
        raise UsageError(
            f"{doc}: not fixed, nothing written: the update of {dmves.name} would change {row.location} from "
            f"{row.ref} to {new}{more}, but in the fixed document {row.ref} is the clause that names what the row "
            "names; check the proposed renumbering's range and correct the numbering by hand with `docgen renumber`"
        )


def _redline_writer() -> Callable[[Document, Document], bytes]:
    """The redline modules are optional here; without them --redline fails before any write."""
    try:
        from docgen.transforms.compare import compare
        from docgen.writers.redline_docx import write_redline
    except ImportError as exc:
        raise UsageError(f"--redline needs docgen's redline writer, which this installation lacks ({exc}); run without --redline") from None

    from docgen.publisher import ORGANISATION

    def make(old: Document, new: Document) -> bytes:
        return write_redline(compare(old, new), author=ORGANISATION, date=_revision_date(old))

    return make


def _revision_date(doc: Document) -> str | None:
    """SOURCE_DATE_EPOCH when set (the writer reads it); else the input's own last-modified
    date, so the same input always gives the same redline; else a fixed date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return None
    from docgen.ooxml.word_package import last_modified

    return last_modified(doc.parts, doc.source) or FIXED_REVISION_DATE


# ---------------------------------------------------------------------------- outputs


def _check_paths(doc: Path, output: Path, dmves: Path | None, dmves_out: Path | None, table: Path | None, redline_out: Path | None, *, baseline: Path | None) -> None:
    """The output contract (docgen/outputs.py), before any work: each output its own path."""
    matrix_binary = dmves_out is None or Path(dmves_out).suffix.lower() != ".csv"
    outputs = [Output(output, "-o", binary=True), Output(dmves_out, "--dmves-out", binary=matrix_binary), Output(table, "--table"), Output(redline_out, "--redline", binary=True)]
    check_outputs(outputs, [doc, dmves, baseline])


def table_csv(table: list[RefChange]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["old ref", "new ref"])
    writer.writerows([c.old, c.new] for c in table)
    return buf.getvalue()


def _write_outputs(
    output: Path,
    result: Renumbered,
    dmves_out: Path | None,
    matrix_out: MatrixOutput | None,
    table: Path | None,
    redline_out: Path | None,
    redline_bytes: bytes | None,
    *,
    copy_from: Path | None = None,
) -> None:
    from docgen.ooxml.parts import package_bytes

    document = Path(copy_from).read_bytes() if copy_from is not None else package_bytes(result.parts)
    pending: list[tuple[Path, Any]] = [(output, document)]
    if dmves_out is not None and matrix_out is not None:
        pending.append((dmves_out, matrix_out.data))
    if table is not None:
        pending.append((table, table_csv(result.table)))
    if redline_out is not None and redline_bytes is not None:
        pending.append((redline_out, redline_bytes))
    for path, data in pending:
        atomic_write(path, data)


def _report(result: Renumbered, matrix_out: MatrixOutput | None, dmves: Path | None, *, quiet: bool = False) -> None:
    """What changed, on stderr (stdout is kept for an output given as '-')."""
    if not quiet:
        for change in result.table:
            print(change.line(), file=sys.stderr)
        if result.xref_paragraphs:
            print(f"cross-references updated in {result.xref_paragraphs} paragraph(s)", file=sys.stderr)
    if matrix_out is not None:
        if not quiet:
            for line in matrix_out.summary:
                print(line, file=sys.stderr)
        for warning in matrix_out.warnings:
            print(f"docgen: warning: {warning}", file=sys.stderr)

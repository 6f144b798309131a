"""`docgen history`: each clause's line through several versions of one document.

The versions may come in any order and as .docx or .pdf: they are read, then put in the
order of the version each states. `--ref` picks the line(s) carrying that reference in any
version; a reference no version has is an error, not an empty report.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.errors import UsageError

FORMATS = ("text", "json", "csv")


def run(docs: list[Path], ref: str | None, fmt: str, packs: Path | None, output: Path | None = None) -> int:
    from docgen.outputs import atomic_write, refuse_overwriting_inputs
    from docgen.readers import read_document
    from docgen.refs import RefError, parse_ref
    from docgen.transforms.chain import order_versions
    from docgen.transforms.history import build_history
    from docgen.pack.proposals import proposals_from_folder
    from docgen.writers.history_report import history_csv, history_json, history_text

    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
    if len(docs) < 2:
        raise UsageError("give at least two versions of the document (e.g. S1SR-v11.docx S1SR-v12.docx)")
    if len({p.resolve() for p in docs}) != len(docs):
        raise UsageError("a version is given twice: give each file once")
    refuse_overwriting_inputs([output], docs)
    wanted = None
    if ref is not None:
        try:
            wanted = parse_ref(ref).canonical()
        except RefError as exc:
            raise UsageError(f"--ref {ref!r}: {exc}") from None
    proposals = proposals_from_folder(packs)
    versions = order_versions([read_document(p) for p in docs])
    history = build_history(versions, proposals)
    lines = history.lines
    if wanted is not None:
        lines = history.matching(wanted)
        if not lines:
            listed = ", ".join(f"{d.version} ({d.source})" for d in versions)
            raise UsageError(f"--ref {wanted}: no version has a clause {wanted} (read {listed}); check the reference with `docgen parse FILE --format text`")
    if fmt == "json":
        text = history_json(history, lines)
    elif fmt == "csv":
        text = history_csv(history, lines)
    else:
        text = history_text(history, lines, everything=wanted is None, ref=wanted)
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write(output, text)
    return 0

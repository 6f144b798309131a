"""`docgen parse`: any input into the model, printed as JSON, an outline or Akoma Ntoso."""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.model import Matrix
from docgen.outputs import Output, atomic_write, check_outputs
from docgen.readers import read_any


def run(file: Path, fmt: str, output: Path | None, view: str, columns: dict[str, str] | None, baseline: Path | None = None) -> int:
    check_outputs([Output(output)], [file, baseline])
    model = read_any(file, view=view, columns=columns)
    if baseline is not None:
        if isinstance(model, Matrix):
            from docgen.errors import UsageError

            raise UsageError(f"{file}: --baseline gives clauses their previous ids; it is for clause documents, not matrices")
        from docgen.readers import read_document
        from docgen.transforms.lineage import assign_wids

        assign_wids(model, read_document(baseline))
    if fmt == "json":
        from docgen.writers.model_json import dumps

        text = dumps(model.to_json())
    elif fmt == "text":
        from docgen.writers.outline import document_outline, matrix_outline

        text = matrix_outline(model) if isinstance(model, Matrix) else document_outline(model)
    else:
        if isinstance(model, Matrix):
            from docgen.errors import UsageError

            raise UsageError(f"{file}: Akoma Ntoso output is for clause documents, not matrices; use --format json or text")
        from docgen.writers.akn import document_akn

        text = document_akn(model)
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write(output, text)
    return 0

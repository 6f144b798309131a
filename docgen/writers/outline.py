"""The plain-text outline of `docgen parse --format text`: one clause a line, indented by level."""

from __future__ import annotations

from docgen.model import Document, Matrix


def document_outline(doc: Document) -> str:
    lines = [f"{doc.title or doc.source} ({doc.format}; appendix {doc.appendix or '-'}; version {doc.version or '-'})"]
    for c in doc.clauses:
        indent = "  " * c.level
        label = c.num or f"[{c.ref}]"
        text = c.text if len(c.text) <= 120 else c.text[:117] + "..."
        lines.append(f"{indent}{label}  {text}".rstrip())
    return "\n".join(lines) + "\n"


def matrix_outline(matrix: Matrix) -> str:
    lines = [f"{matrix.source} ({matrix.format}; {len(matrix.rows)} rows)"]
    for r in matrix.rows:
        if r.removed:
            continue
        lines.append(f"{r.sheet}!{r.cell}  {r.ref}  {', '.join(r.device_models)}  {', '.join(r.srv)}")
    return "\n".join(lines) + "\n"

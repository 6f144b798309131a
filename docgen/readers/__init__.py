"""Readers: each turns one input format into the clause model (Document) or the matrix model (Matrix).

`read_document` and `read_matrix` choose the reader from what the file really is (its first
bytes), not only from its extension, so a PDF renamed .docx gets a clear message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import DocgenError, InputError
from docgen.limits import Limits
from docgen.model import Document
from docgen.ooxml.package import check_input_file, sniff

if TYPE_CHECKING:
    from docgen.model import Matrix

MATRIX_SUFFIXES = {".xlsx", ".xlsm", ".csv"}


def read_document(path: str | Path, *, view: str = "new", limits: Limits | None = None) -> Document:
    """A clause document from .docx or .pdf."""
    path = Path(path)
    limits = limits or Limits.from_env()
    check_input_file(path, limits)
    kind = sniff(path)
    suffix = path.suffix.lower()
    if suffix == ".doc" or (kind == "ole" and suffix not in (".docx", ".xlsx")):
        raise InputError(path, "is an old binary Word .doc (or an encrypted Office file)", "save it as .docx in Word")
    if kind == "pdf":
        from docgen.readers.pdf import read_pdf

        return read_pdf(path, view=view, limits=limits)
    if suffix in MATRIX_SUFFIXES:
        raise InputError(path, "is a workbook, not a clause document", "pass it with --dmves, or give the .docx or .pdf")
    from docgen.readers.docx import read_docx

    return read_docx(path, limits)


def read_matrix(path: str | Path, *, columns: dict[str, str] | None = None, limits: Limits | None = None) -> Matrix:
    """The DMVES matrix from .xlsx, .csv or a .docx table."""
    from docgen.readers.dmves import read_dmves

    return read_dmves(Path(path), columns=columns, limits=limits or Limits.from_env())


def is_matrix_path(path: str | Path) -> bool:
    return Path(path).suffix.lower() in MATRIX_SUFFIXES


def read_any(path: str | Path, **options: Any) -> Document | Matrix:
    """What `docgen parse` reads: a workbook gives a Matrix, anything else a Document."""
    if is_matrix_path(path):
        return read_matrix(path, columns=options.get("columns"))
    doc = read_document(path, view=options.get("view", "new"))
    if doc.format == "docx" and (options.get("columns") or (not doc.clauses and doc.tables)):
        # Older DMVES versions were Word tables: a .docx with no numbered clauses but a
        # table (or with matrix columns named) is read as a matrix when its table is one.
        try:
            return read_matrix(path, columns=options.get("columns"))
        except DocgenError:
            if options.get("columns"):
                raise
    return doc

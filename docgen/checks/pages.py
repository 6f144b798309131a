"""Page numbers for lint findings: where each clause falls in a PDF of the document.

A .docx has no pages until something lays it out. When the user gives the PDF that was
published from it (`docgen lint DOC.docx --pdf DOC.pdf`), or asks LibreOffice to lay it
out (`--pages`), the PDF is read into the same clause model and each clause's page is
looked up by its reference: the two readers agree on refs, so no text matching is needed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from docgen.errors import UsageError
from docgen.model import Document


def pages_of(pdf: Document) -> dict[str, int]:
    """ref -> the page the clause starts on (the first, where a ref occurs twice)."""
    out: dict[str, int] = {}
    for clause in pdf.clauses:
        if clause.source.page is not None:
            out.setdefault(clause.ref, clause.source.page)
    return out


def pages_from_pdf(path: Path) -> dict[str, int]:
    from docgen.readers import read_document

    doc = read_document(path)
    if doc.format != "pdf":
        raise UsageError(f"--pdf {path}: is not a PDF; give the PDF made from the document")
    return pages_of(doc)


def pages_by_libreoffice(docx: Path) -> dict[str, int]:
    """Lay the document out with LibreOffice (one soffice run) and read the pages back."""
    from docgen import soffice

    if not soffice.available():
        raise UsageError(f"--pages needs LibreOffice to lay out {docx.name}, and soffice was not found; {soffice.INSTALL_HINT}, or give the document's PDF with --pdf")
    with tempfile.TemporaryDirectory(prefix="docgen-pages-") as tmp:
        source = Path(tmp) / ("document" + docx.suffix.lower())
        source.write_bytes(_as_libreoffice_reads_it(docx))
        try:
            (pdf,) = soffice.convert([source], "pdf", Path(tmp) / "pdf")
        except soffice.SofficeError as exc:
            # The message names the copy in a folder that is gone; the user knows the original.
            raise soffice.SofficeError(str(exc).replace(str(source), str(docx))) from None
        return pages_from_pdf(pdf)


def _as_libreoffice_reads_it(docx: Path) -> bytes:
    """The file's bytes, re-zipped with explicit content types where its Default rules
    differ in case from its parts' extensions (which LibreOffice cannot open); else as is."""
    from docgen.ooxml.parts import exact_types, package_bytes, read_parts

    data = docx.read_bytes()
    if docx.suffix.lower() != ".docx":
        return data
    parts = read_parts(docx)
    fixed = exact_types(parts)
    return data if fixed is parts else package_bytes(fixed)


__all__ = ["pages_by_libreoffice", "pages_from_pdf", "pages_of"]

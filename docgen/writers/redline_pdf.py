"""The publication redline PDF: NEW printed with its tracked changes, by LibreOffice.

`publication_docx` prepares the tracked-change redline for print (typed numbers, REF
results, the change summary first) and LibreOffice draws the revisions as `soffice` has
configured them. Several redlines convert in one soffice process (`write_pdfs`) because
starting soffice costs more than converting a document.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docgen import soffice
from docgen.outputs import atomic_write
from docgen.writers.publication_docx import publication_docx

if TYPE_CHECKING:
    from docgen.transforms.compare import Comparison
    from docgen.writers.redline_docx import Redline


@dataclass
class PdfJob:
    comparison: "Comparison"
    pdf_path: Path
    title: str | None = None
    redline: "bytes | Redline | None" = None  # the tracked-change .docx already written for the comparison


def write_pdf(comparison: "Comparison", pdf_path: Path, *, title: str | None = None, redline: "bytes | Redline | None" = None, timeout: float = 300) -> None:
    write_pdfs([PdfJob(comparison, Path(pdf_path), title, redline)], timeout=timeout)


def write_pdfs(jobs: list[PdfJob], *, timeout: float = 300) -> list[Path]:
    """Prepare every job's publication .docx, convert them all in one soffice run, then place each PDF."""
    if not jobs:
        return []
    with tempfile.TemporaryDirectory(prefix="docgen-redline-pdf-") as tmp:
        work = Path(tmp)
        sources = []
        for i, job in enumerate(jobs):
            # Numbered names: two jobs may share a PDF name in different folders.
            src = work / f"redline-{i:04d}.docx"
            src.write_bytes(publication_docx(job.comparison, title=job.title, redline=job.redline))
            sources.append(src)
        pdfs = soffice.convert(sources, "pdf", work / "pdf", timeout=timeout)
        for job, pdf in zip(jobs, pdfs):
            atomic_write(job.pdf_path, pdf.read_bytes())
    return [job.pdf_path for job in jobs]

"""File names in the style DCC publishes attachments under.

Readers of a consultation recognise "SEC Appendix AM SMETS1 Supporting Requirements v12.1
draft redlined" at a glance, and the attachments list of the consultation document quotes
these names, so the build uses them rather than slugs. Everything here is pure string work.
"""

from __future__ import annotations

import re

from docgen.pack.dates import month_year
from docgen.pack.spec import DocumentChange, PackSpec

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe(name: str) -> str:
    """Drop characters Windows or a zip cannot carry in a file name; keep spaces and dots."""
    return " ".join(_UNSAFE.sub("", name).split())


def _stage(pack: PackSpec) -> str:
    return " draft" if pack.direction.is_draft else ""


def appendix_stem(doc: DocumentChange) -> str:
    """'SEC Appendix AM SMETS1 Supporting Requirements v12.2'."""
    version = f" v{doc.version_to}" if doc.version_to else ""
    return safe(f"SEC Appendix {doc.appendix} {doc.name}{version}")


def clean_docx(pack: PackSpec, doc: DocumentChange) -> str:
    return f"{appendix_stem(doc)}{_stage(pack)} clean.docx"


def redline_docx(pack: PackSpec, doc: DocumentChange) -> str:
    return f"{appendix_stem(doc)}{_stage(pack)} redlined.docx"


def redline_pdf(pack: PackSpec, doc: DocumentChange) -> str:
    return f"{appendix_stem(doc)}{_stage(pack)} redlined.pdf"


def changed_clauses(pack: PackSpec, doc: DocumentChange, suffix: str) -> str:
    """'SEC Appendix AK SEC Variation Testing Approach Document for SMETS1 Services draft changed clauses.docx'."""
    return f"{appendix_stem(doc)}{_stage(pack)} changed clauses.{suffix}"


def matrix_redline(pack: PackSpec, doc: DocumentChange) -> str:
    """'SEC Appendix AM Annex A Device Model Variations to Equivalent Steps Matrix v12.2 draft redlined.xlsx'."""
    assert doc.matrix is not None
    version = f" v{doc.version_to}" if doc.version_to else ""
    return safe(f"SEC Appendix {doc.appendix} Annex {doc.matrix.annex} {doc.matrix.name}{version}") + f"{_stage(pack)} redlined.xlsx"


def matrix_clean(pack: PackSpec, doc: DocumentChange) -> str:
    """'SEC Appendix AM Annex A Device Model Variations to Equivalent Steps Matrix v12.2 draft clean.xlsx'."""
    assert doc.matrix is not None
    version = f" v{doc.version_to}" if doc.version_to else ""
    return safe(f"SEC Appendix {doc.appendix} Annex {doc.matrix.annex} {doc.matrix.name}{version}") + f"{_stage(pack)} clean.xlsx"


def lint_report(doc: DocumentChange, suffix: str) -> str:
    return f"{appendix_stem(doc)} lint report.{suffix}"


def direction(pack: PackSpec, suffix: str) -> str:
    """'S1SR Draft Direction Text.docx', 'TMAD and SMETS1 SVTAD Direction Text.md'."""
    stage = "Draft Direction Text" if pack.direction.is_draft else "Direction Text"
    return safe(f"{pack.short_names} {stage}") + f".{suffix}"


def response_template(pack: PackSpec) -> str:
    """'S1SR February 2025 consultation Response Template.docx'."""
    return safe(f"{pack.short_names} {month_year(pack.published)} consultation Response Template") + ".docx"


def drafting_table(pack: PackSpec, suffix: str) -> str:
    return safe(f"{pack.short_names} Drafting Changes") + f".{suffix}"


def consultation(pack: PackSpec, suffix: str) -> str:
    """'S1SR February 2025 Consultation.docx': the consultation document itself."""
    return safe(f"{pack.short_names} {month_year(pack.published)} Consultation") + f".{suffix}"


def pack_zip(pack: PackSpec) -> str:
    return f"{pack.reference}.zip"


MANIFEST = "manifest.json"

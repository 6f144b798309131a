"""The changed clauses of a document a pack re-designates without a redline.

A pack may change a document it has no Word file of (the seed's SMETS1 SVTAD: the TMAD
change needs a consequential new clause 20.5A). Respondents still have to read what is
proposed, so each of its drafting rows gives the clause as it will read (`text`, which the
pack lint requires), and the build attaches them in one document of their own, saying
plainly that it is not a redline and reproduces only the clauses the pack changes.
"""

from __future__ import annotations

import datetime as dt

from docgen.pack.office import finish_docx, stamp_core
from docgen.pack.spec import DocumentChange, PackSpec
from docgen.pack.templates import render_docx


def clause_rows(pack: PackSpec, doc: DocumentChange) -> list[dict[str, str]]:
    """The document's drafting rows that give their text, in the pack's order."""
    return [
        {"ref": e.ref, "text": " ".join(e.text.split()), "description": e.description}
        for e in pack.drafting
        if e.document == doc.short_name and (e.text or "").strip()
    ]


def changed_clauses_docx(pack: PackSpec, doc: DocumentChange, moment: dt.datetime) -> bytes | None:
    """The attachment, or None when no row of the document gives a text (the lint says so)."""
    rows = clause_rows(pack, doc)
    if not rows:
        return None
    heading = f"SEC Appendix {doc.appendix} {doc.name}: the clauses this consultation changes"
    note = (
        f"This consultation publishes no redline of the {doc.name} ({doc.short_name}). "
        f"Below is each clause of the {doc.short_name} that it proposes to change, as the clause will read; "
        "clauses it does not change are not reproduced."
    )
    values = {"heading": heading, "note": note, "clauses": rows, "classification": pack.classification}
    document = render_docx("changed_clauses.docx", values)
    stamp_core(document, title=heading, moment=moment, subject=pack.title, identifier=pack.reference)
    return finish_docx(document, moment)

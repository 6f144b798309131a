"""The draft direction text: the Secretary of State's re-designation, in Markdown and Word.

The legal formulas are in `templates/direction.md.j2` (users edit the wording there); this
module only works out the facts the formulas need: which documents, joined with the list
grammar of SEC directions and agreeing "is"/"are"; the date or `[DD MM YYYY]`; the annex or
`Annex [XX]`; and which department's Secretary of State signs. The Word file is the same
rendered text poured into `templates/direction.docx`, so the two never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docgen.pack.dates import long_date
from docgen.pack.office import finish_docx, stamp_core
from docgen.pack.spec import DEPARTMENTS, PackSpec, join_list
from docgen.pack.templates import render_docx, render_text
from docgen.pack.topics import date_groups

DATE_PLACEHOLDER = "[DD MM YYYY]"
MAIN_ANNEX_PLACEHOLDER = "[XX]"
# Further annexes while in draft: the seeds use [XX] for the documents and [YY] next.
FURTHER_ANNEX_PLACEHOLDERS = ("[YY]", "[ZZ]", "[WW]", "[VV]")
SECRETARY_OF_STATE = {
    "BEIS": "Business, Energy and Industrial Strategy",
    "DESNZ": "Energy Security and Net Zero",
}


@dataclass(frozen=True)
class DirectionText:
    heading: str
    markdown: str
    paragraphs: list[str]  # the body paragraphs, heading excluded, as the .docx shows them


def context(pack: PackSpec) -> dict[str, object]:
    """Everything the template may use; documented in docs/packs.md."""
    d = pack.direction
    effective = long_date(d.effective) if d.effective else DATE_PLACEHOLDER
    documents = [{"name": doc.name, "short_name": doc.short_name, "appendix": doc.appendix} for doc in pack.documents]
    groups = designation_groups(pack, effective, documents)
    consequential = []
    for i, amendment in enumerate(d.consequential, start=len(groups) - 1):
        because = [pack.document(n) for n in amendment.in_consequence_of] or list(pack.documents)
        consequential.append(
            {
                "target": amendment.target,
                "change": amendment.change,
                "documents": [doc.name for doc in because if doc is not None],
                "annex": amendment.annex or FURTHER_ANNEX_PLACEHOLDERS[min(i, len(FURTHER_ANNEX_PLACEHOLDERS) - 1)],
            }
        )
    return {
        "heading": heading(pack),
        "draft": d.is_draft,
        "department": pack.department,
        "department_name": DEPARTMENTS[pack.department],
        "secretary_of_state": SECRETARY_OF_STATE[pack.department],
        "short_names": pack.short_names,
        "documents": documents,
        "plural": len(documents) > 1,
        "effective": effective,
        "annex": d.annex or MAIN_ANNEX_PLACEHOLDER,
        "consequential": consequential,
        "groups": groups,
    }


def designation_groups(pack: PackSpec, effective: str, documents: list[dict[str, str]]) -> list[dict[str, object]]:
    """One re-designation per proposed date. While the direction is a draft and the topics
    propose several dates (seed 004: 29 July 2021 for one change, 12 October 2021 for the
    others), each date re-designates the documents of its topics into its own annex, its
    date left as `[DD MM YYYY]` (or `direction.effective`) for the Secretary of State; a
    final direction, or a single date, re-designates everything at once."""
    dates = date_groups(pack)
    if not pack.direction.is_draft or len(dates) < 2:
        return [{"effective": effective, "documents": documents, "plural": len(documents) > 1, "annex": pack.direction.annex or MAIN_ANNEX_PLACEHOLDER}]
    out: list[dict[str, object]] = []
    for i, (_day, names, _) in enumerate(dates):
        docs = [doc for doc in documents if doc["short_name"] in names]
        annex = MAIN_ANNEX_PLACEHOLDER if i == 0 else FURTHER_ANNEX_PLACEHOLDERS[min(i - 1, len(FURTHER_ANNEX_PLACEHOLDERS) - 1)]
        # The date is the Secretary of State's to fill in, as in the seeds: the proposed
        # dates are in Next Steps, and each re-designation has its own annex to tell them apart.
        out.append({"effective": effective, "documents": docs, "plural": len(docs) > 1, "annex": annex})
    return out


def heading(pack: PackSpec) -> str:
    return f"{pack.short_names} {'Draft Direction Text' if pack.direction.is_draft else 'Direction Text'}"


def render(pack: PackSpec) -> DirectionText:
    markdown = render_text("direction.md.j2", context(pack), filters={"join_list": join_list})
    # The template may wrap a sentence over several lines (its loops do); a paragraph is
    # whatever lies between blank lines, printed on one line.
    blocks = [" ".join(block.split()) for block in markdown.split("\n\n") if block.strip()]
    markdown = "\n\n".join(blocks) + "\n"
    title = heading(pack)
    if blocks and blocks[0].startswith("# "):
        title = blocks.pop(0)[2:].strip()
    return DirectionText(title, markdown, blocks)


def direction_docx(pack: PackSpec, text: DirectionText, moment: dt.datetime) -> bytes:
    document = render_docx("direction.docx", {"heading": text.heading, "paragraphs": text.paragraphs})
    stamp_core(document, title=text.heading, moment=moment, subject=pack.title, identifier=pack.reference)
    return finish_docx(document, moment)

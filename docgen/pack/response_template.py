"""The response template respondents fill in, made from templates/response_template.docx.

Besides what the respondent sees, the file carries custom document properties naming the
pack and its question ids. Word and LibreOffice keep them when the form is saved, so
collation can tell a returned form of this pack from any other .docx without guessing from
the layout, and can say precisely what is wrong when it is not one.
"""

from __future__ import annotations

import datetime as dt

from docgen.pack.dates import deadline, long_date
from docgen.ooxml.custom_properties import attach_custom_properties
from docgen.pack.office import finish_docx, stamp_core
from docgen.pack.spec import DEPARTMENTS, PackSpec
from docgen.pack.templates import render_docx

MARKER_KIND = "docgen.template"
MARKER_PACK = "docgen.pack"
MARKER_QUESTIONS = "docgen.questions"
MARKER_TITLE = "docgen.title"
MARKER_PUBLISHED = "docgen.published"
MARKER_RESPOND_BY = "docgen.respond_by"
MARKER_CONTACT = "docgen.contact"
RESPONSE_KIND = "response"
QUESTION_SEPARATOR = "|"  # question ids never contain it (ids look like "S1SR Q1")


def context(pack: PackSpec) -> dict[str, object]:
    return {
        "title": pack.title,
        "reference": pack.reference,
        "published": long_date(pack.published),
        "respond_by": deadline(pack.respond_by),
        "contact": pack.contact,
        "department": pack.department,
        "department_name": DEPARTMENTS[pack.department],
        "questions": [{"id": q.id, "text": q.text, "choice": q.asks_for_choice} for q in pack.questions],
    }


def markers(pack: PackSpec) -> dict[str, str]:
    return {
        MARKER_KIND: RESPONSE_KIND,
        MARKER_PACK: pack.reference,
        MARKER_TITLE: pack.title,
        MARKER_PUBLISHED: pack.published.isoformat(),
        MARKER_RESPOND_BY: pack.respond_by.isoformat(timespec="minutes"),
        MARKER_CONTACT: pack.contact,
        MARKER_QUESTIONS: QUESTION_SEPARATOR.join(q.id for q in pack.questions),
    }


def response_template_docx(pack: PackSpec, moment: dt.datetime) -> bytes:
    document = render_docx("response_template.docx", context(pack))
    stamp_core(document, title=f"{pack.title}: response template", moment=moment, subject=pack.title, identifier=pack.reference)
    attach_custom_properties(document, markers(pack))
    return finish_docx(document, moment)

"""The recommendation letter to the department, in the shape of seed 002.

How many responses there were and the date DCC published its conclusions; per topic of the
consultation how many respondents answered its questions and what they thought, and the
recommendation that follows; per question on a proposed re-designation date whether anyone
objected; the Device Models affected by manufacturer (docgen.pack.impact_tables) where the
change reaches DMVES rows; next steps and the documents provided (docgen.pack.designation,
the list the conclusion attaches); and an appendix per topic with the detail: its prose, its
drafting rows and, for a document with a DMVES, the Device Models and SRVs of the DMVES rows
of the clauses it changes (and the rows it adds). Only counts appear (from the collation's
one tally, docgen.pack.tally): no respondent is named, so the letter is safe to publish. The
fixed wording is in templates/recommendation.docx.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docgen.pack.conclusion import number, question_counts
from docgen.pack.designation import HandedOver, attachment_titles, documents_phrase, handed_over, topic_phrase, with_matrices
from docgen.pack.positions import DISAGREE, PARTLY
from docgen.pack.text_rules import asks_about_redesignation
from docgen.pack.topics import date_groups, effective_topics
from docgen.pack.dates import long_date, month_year
from docgen.pack.impact_tables import ModelRow
from docgen.pack.markdown import replace_markers
from docgen.pack.office import finish_docx, stamp_core
from docgen.pack.responses import Collation
from docgen.pack.spec import DEPARTMENTS, PackSpec, Topic, join_list
from docgen.pack.tally import TO_REVIEW, Tally, TopicTally, tally
from docgen.pack.templates import render_docx

APPENDIX_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CLAUSE_TEXT_LIMIT = 140


def topic_tallies(pack: PackSpec, collation: Collation) -> Tally:
    """The collation's tally with each topic's respondents counted (see tally._topic): the
    same tally the conclusion and collation.json are made from."""
    return tally(collation, [(t.title, list(t.questions)) for t in effective_topics(pack)])


def positions_sentence(p: TopicTally) -> str:
    """'DCC received four responses to this part of the consultation, all of which supported
    the proposals.' The wording of seed 002, in numbers as words up to ten; a respondent whose
    answer is still to be reviewed is counted as such, never guessed."""
    if p.responses == 0:
        return "DCC received no response to this part of the consultation."
    lead = f"DCC received {number(p.responses)} response{'s' if p.responses != 1 else ''} to this part of the consultation"
    if p.agreed == p.responses:
        tail = "which supported the proposals" if p.responses == 1 else ("both of which supported the proposals" if p.responses == 2 else "all of which supported the proposals")
        return f"{lead}, {tail}."
    parts = []
    if p.agreed:
        parts.append(f"{number(p.agreed)} of which supported the proposals")
    if p.disagreed:
        parts.append(f"{number(p.disagreed)} of which did not")
    if p.partly:
        parts.append(f"{number(p.partly)} of which supported them in part")
    if p.no_view:
        parts.append(f"{number(p.no_view)} of which did not state a view")
    if p.to_review:
        parts.append(f"{number(p.to_review)} to be reviewed")
    if len(parts) == 1 and p.no_view == p.responses:
        return f"{lead}, {'none' if p.responses > 2 else 'neither'} of which stated a view." if p.responses > 1 else f"{lead}, which did not state a view."
    return f"{lead}: " + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] + "."


def affected_devices(pack: PackSpec, topic: Topic, tables: list[Any], matrices: dict[str, tuple[Any, Any, Any]]) -> list[str]:
    """'Secure Liberty 200 ESME SRV 4.2 (clause 18.62) – Where the ... ': one line per DMVES
    row of a clause the topic changes, or a row the topic's Annex A change adds or alters."""
    lines: list[str] = []
    for table in tables:
        doc = table.document
        if doc.short_name not in matrices:
            continue
        old_matrix, new_matrix, new_document = matrices[doc.short_name]
        texts = {c.ref: c.text for c in new_document.clauses}
        refs: list[str] = []
        annex = f"Annex {doc.matrix.annex}" if doc.matrix else None
        topic_rows = [r for r in table.rows if r.display_ref in topic.drafting]
        for row in topic_rows:
            refs.extend(r for r in row.changed if r != annex)
        rows = [r for r in new_matrix.rows if not r.removed and r.ref in refs]
        if annex and any(r.display_ref == annex or annex in r.changed for r in topic_rows):
            before = {(r.ref, tuple(r.srv), tuple(r.device_models)) for r in old_matrix.rows if not r.removed}
            rows += [r for r in new_matrix.rows if not r.removed and (r.ref, tuple(r.srv), tuple(r.device_models)) not in before and r not in rows]
        for r in rows:
            text = " ".join(texts.get(r.ref, "").split())
            if len(text) > CLAUSE_TEXT_LIMIT:
                text = text[: CLAUSE_TEXT_LIMIT].rsplit(" ", 1)[0] + " ..."
            line = f"{' / '.join(r.device_models)} {', '.join(r.srv)} (clause {r.ref})" + (f" \u2013 {text}" if text else "")
            if line not in lines:
                lines.append(line)
    return lines


def _date_of(text: str, groups: list[tuple[dt.date, list[str], list[Topic]]]) -> tuple[dt.date, list[str]] | None:
    """The proposed date a question asks about: the one its text gives, or the only one."""
    named = [(day, docs) for day, docs, _ in groups if long_date(day) in text]
    if len(named) == 1:
        return named[0]
    if len(groups) == 1:
        return groups[0][0], groups[0][1]
    return None


def date_outcomes(pack: PackSpec, counts: Tally, handed: list[HandedOver]) -> list[dict[str, Any]]:
    """Per question on a proposed re-designation date: what DCC proposed, the counts sentence
    from the one tally, and how many objected (disagreed), agreed only in part or are still
    to be reviewed. The letter's template words it ("No respondent objected ..." only when
    none of the three)."""
    groups = date_groups(pack)
    out: list[dict[str, Any]] = []
    for q in pack.questions:
        if not q.asks_for_choice or not asks_about_redesignation(q.text):
            continue
        qt = counts.question(q.id)
        found = _date_of(q.text, groups)
        c = qt.positions
        out.append(
            {
                "question": q.id,
                "date": long_date(found[0]) if found else "",
                "documents": with_matrices(pack, found[1], handed) if found else "",
                "counts": question_counts(qt),
                "objected": c[DISAGREE],
                "objected_words": number(c[DISAGREE]).capitalize(),
                "partly": c[PARTLY],
                "partly_words": number(c[PARTLY]).capitalize(),
                "review": c[TO_REVIEW],
            }
        )
    return out


def _has_matrix(pack: PackSpec, short_name: str) -> bool:
    doc = pack.document(short_name)
    return doc is not None and doc.matrix is not None


def _unique(items: list[str]) -> list[str]:
    return [x for i, x in enumerate(items) if x not in items[:i]]


def device_model_rows(pack: PackSpec, models: tuple[ModelRow, ...] | list[ModelRow]) -> list[dict[str, str]]:
    """The letter's "Device Models affected" table: one row per manufacturer, from the pack's
    impact (docgen.pack.impact_tables), for the documents whose DMVES the change reaches."""
    rows: dict[str, list[str]] = {}
    for row in models:
        if not _has_matrix(pack, row.document):
            continue
        found = rows.setdefault(row.manufacturer, [])
        found.extend(m for m in row.device_models if m not in found)
    return [{"manufacturer": maker, "models": ", ".join(found)} for maker, found in rows.items()]


def context(
    pack: PackSpec,
    collation: Collation,
    tables: list[Any],
    matrices: dict[str, tuple[Any, Any, Any]],
    counts: Tally | None = None,
    handed: list[HandedOver] | None = None,
    models: tuple[ModelRow, ...] | list[ModelRow] = (),
) -> dict[str, Any]:
    topics = effective_topics(pack)
    counts = counts if counts is not None and len(counts.topics) == len(topics) else topic_tallies(pack, collation)
    handed = handed if handed is not None else handed_over(pack, {k: (v[0], v[1]) for k, v in matrices.items()})
    items = []
    prose: dict[str, str] = {}
    n = counts.responses
    for i, topic in enumerate(topics):
        letter = APPENDIX_LETTERS[i % len(APPENDIX_LETTERS)]
        p = counts.topics[i]
        documents = topic_phrase(pack, topic, handed)
        day = topic.redesignation or pack.redesignation
        marker = f"[docgen: appendix {letter}]"
        prose[marker] = topic.text.read_text(encoding="utf-8") if topic.text is not None else ""
        rows = [{"ref": e.ref, "description": e.description} for e in pack.drafting if e.ref in topic.drafting]
        items.append(
            {
                "letter": letter,
                "title": topic.title,
                "documents": documents,
                "date": long_date(day) if day else "",
                "heading": f"DETAIL OF PROPOSED AMENDMENTS TO THE {documents.upper()} CONCERNING {topic.title.upper()}",
                "positions": positions_sentence(p),
                # The template words the recommendation: held back while answers are to be
                # reviewed; with a prompt to state the concerns raised before it.
                "to_review": p.to_review,
                "concerns": p.disagreed + p.partly,
                "body": marker,
                "rows": rows,
                "devices": affected_devices(pack, topic, tables, matrices),
            }
        )
    conclusions = long_date(pack.report_by) if pack.report_by else "[DD Month YYYY]"
    return {
        "department": pack.department,
        "department_name": DEPARTMENTS[pack.department],
        "date": conclusions,
        "conclusions_date": conclusions,
        "subject": f"RE: DCC's Recommendations following the {month_year(pack.published)} {pack.short_names} consultation",
        "title": pack.title,
        "short_names": pack.short_names,
        "documents": documents_phrase(handed),
        "several_documents": len(handed) > 1,
        "plural": len(topics) > 1,
        "responses": f"DCC received {number(n)} response{'s' if n != 1 else ''} to the consultation",
        "topics": items,
        "dates": date_outcomes(pack, counts, handed),
        "device_models": device_model_rows(pack, models),
        "models_documents": join_list(_unique([r.document for r in models if _has_matrix(pack, r.document)])),
        "provided": attachment_titles(handed),
        "prose": prose,
    }


def recommendation_docx(
    pack: PackSpec,
    collation: Collation,
    tables: list[Any],
    matrices: dict[str, tuple[Any, Any, Any]],
    moment: dt.datetime,
    counts: Tally | None = None,
    handed: list[HandedOver] | None = None,
    models: tuple[ModelRow, ...] | list[ModelRow] = (),
) -> bytes:
    values = context(pack, collation, tables, matrices, counts, handed, models)
    document = render_docx("recommendation.docx", values)
    replace_markers(document, values["prose"])
    stamp_core(document, title=values["subject"], moment=moment, subject=pack.title, identifier=pack.reference)
    return finish_docx(document, moment)

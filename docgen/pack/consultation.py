"""The consultation document: what DCC used to write by hand around the attachments.

Seeds 000, 003 and 004 show its shape: a cover (title, subtitle, date, "Respond by", author,
classification), a table of contents, the introduction, one section per topic with its
drafting-change table and then its questions, Next Steps with the dates, How to Respond,
the list of attachments and the draft direction as Attachment 1. The prose comes from the
author's Markdown files; the tables, dates, questions and attachments come from the pack
and from the files the build actually made, so they cannot disagree with the attachments.

In the drafting table each row shows its description and then the clause as the redline
has it: a modified clause with its deleted words struck and its inserted words underlined
("~~24~~ 72 hours"), an inserted clause underlined, a renumbered one with its old number
struck. The words come from the comparison itself, never retyped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.pack.dates import deadline, long_date
from docgen.pack.direction import DirectionText
from docgen.pack.drafting import DocumentDrafting, DraftingRow
from docgen.pack.impact_tables import PackImpact
from docgen.pack.markdown import replace_markers
from docgen.pack.office import finish_docx, stamp_core
from docgen.pack.spec import DEPARTMENTS, PackSpec, Question, join_list
from docgen.pack.templates import render_docx
from docgen.pack.topics import date_groups, effective_topics, topic_documents
from docgen.pack.toc import insert_toc

TOC_MARKER = "[docgen: table of contents]"
MAX_CLAUSES_SHOWN = 8  # per drafting row; the rest are in the redline attachment
INSERTED = {"underline": True, "color": "1F5FBF"}
DELETED = {"strike": True, "color": "C00000"}
MISSING_PROSE = "[Write this section in Markdown and name the file in the pack description: {key} = \"....md\".]"


@dataclass(frozen=True)
class Attachment:
    number: int
    title: str
    files: tuple[str, ...]


@dataclass
class ConsultationInputs:
    """What the build hands over: the drafting tables, each document's comparison, the
    rendered direction, the files built (name -> role) and what the changes touch."""

    tables: list[DocumentDrafting]
    comparisons: dict[str, Any] = field(default_factory=dict)  # short name -> Comparison
    direction: DirectionText | None = None
    roles: dict[str, str] = field(default_factory=dict)
    impact: PackImpact | None = None


# Published attachments, in the order the list gives them (the direction is always first).
ATTACHMENT_ROLES = ("direction", "redline-pdf", "redline", "clean", "changed-clauses", "matrix-redline", "matrix-clean", "response-template", "drafting-table")


def attachments(roles: dict[str, str]) -> list[Attachment]:
    """The attachments list from the files built: one entry per file stem, its formats named."""
    stems: dict[str, list[str]] = {}
    order: list[tuple[int, str]] = []
    for name in sorted(roles):
        role = roles[name]
        if role not in ATTACHMENT_ROLES:
            continue
        stem = Path(name).stem
        if stem not in stems:
            stems[stem] = []
            order.append((ATTACHMENT_ROLES.index(role), stem))
        stems[stem].append(name)
    out = []
    for number, (_, stem) in enumerate(sorted(order), start=1):
        names = sorted(stems[stem])
        kinds = ", ".join(Path(n).suffix.lstrip(".").upper() for n in names)
        out.append(Attachment(number, f"{stem} ({kinds})", tuple(names)))
    return out


# ---------------------------------------------------------------------------------------
# The drafting rows with their inline redline


def _clause_changes(comparison: Any, refs: tuple[str, ...]) -> list[Any]:
    wanted = set(refs)
    return [ch for ch in comparison.changes if (ch.new_ref in wanted or ch.old_ref in wanted) and ch.op != "move_from" and (ch.is_change or ch.old_ref != ch.new_ref)]


def row_text(row: DraftingRow, comparison: Any | None) -> Any:
    """The Description cell: the description, then each changed clause as the redline shows it."""
    from docxtpl import RichText

    rich = RichText()
    rich.add(row.description)
    if comparison is None and row.text:
        rich.add("\a")
        rich.add(f"{row.display_ref} {row.text}")
        return rich
    if comparison is None or not row.changed:
        return rich
    changes = _clause_changes(comparison, row.changed)
    for ch in changes[:MAX_CLAUSES_SHOWN]:
        rich.add("\a")
        _number(rich, ch)
        if ch.op == "modify" and ch.words:
            for op, text in ch.words:
                rich.add(text, **(DELETED if op < 0 else INSERTED if op > 0 else {}))
        elif ch.op == "insert":
            rich.add(ch.new.text if ch.new is not None else "", **INSERTED)
        elif ch.op == "delete":
            rich.add(ch.old.text if ch.old is not None else "", **DELETED)
        else:
            rich.add((ch.new or ch.old).text if (ch.new or ch.old) is not None else "")
    shown = len(changes[:MAX_CLAUSES_SHOWN])
    others = _story_changes(comparison, row.changed, {(ch.old.text if ch.old else None, ch.new.text if ch.new else None) for ch in changes})
    for label, para in others[: max(0, MAX_CLAUSES_SHOWN - shown)]:
        rich.add("\a")
        rich.add(f"{label}: ", italic=True)
        if para.op == "modify" and para.words:
            for op, text in para.words:
                rich.add(text, **(DELETED if op < 0 else INSERTED if op > 0 else {}))
        elif para.op == "insert":
            rich.add(para.new_text or "", **INSERTED)
        elif para.op == "delete":
            rich.add(para.old_text or "", **DELETED)
        else:
            rich.add(para.new_text or para.old_text or "")
    hidden = len(changes) + len(others) - MAX_CLAUSES_SHOWN
    if hidden > 0:
        rich.add("\a")
        rich.add(f"[and {hidden} further changed paragraphs: see the redline]", italic=True)
    return rich


def _story_changes(comparison: Any, refs: tuple[str, ...], shown: set[tuple[str | None, str | None]]) -> list[tuple[str, Any]]:
    """The changed paragraphs of the tables, notes and text boxes standing in the row's
    clauses, each with its story's label: a clause changed only in its footnote shows the
    footnote's change, not its own unchanged text. A numbered table step's cells, already
    `shown` as the step's own changes, are not repeated."""
    wanted = set(refs)
    out = []
    for story in getattr(comparison, "stories", []):
        if story.changed and story.clause in wanted and story.kind != "comment":
            label = story.label[:1].upper() + story.label[1:]
            out.extend((label, p) for p in story.paragraphs if p.is_change and (p.old_text, p.new_text) not in shown)
    return out


def _number(rich: Any, ch: Any) -> None:
    old = (ch.old_num or "").strip()
    new = (ch.new_num or "").strip()
    if ch.op == "insert":
        if new:
            rich.add(new + " ", **INSERTED)
    elif ch.op == "delete":
        if old:
            rich.add(old + " ", **DELETED)
    elif old and new and old != new:
        rich.add(old, **DELETED)
        rich.add(" ")
        rich.add(new + " ", **INSERTED)
    elif new or old:
        rich.add((new or old) + " ")


# ---------------------------------------------------------------------------------------


def _questions(pack: PackSpec, ids: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
    """The questions named, in the order the pack asks them (which the pack lint checks is
    id order), whatever order a topic lists them in."""
    wanted = set(ids)
    chosen: list[Question] = [q for q in pack.questions if q.id in wanted]
    return [{"id": q.id, "text": q.text} for q in chosen]


def _impact(impact: PackImpact | None, tables_before: int) -> dict[str, Any] | None:
    """The "Device Models affected" and "references elsewhere that follow" tables, numbered
    after the drafting tables; None when the changes touch nothing (no section then)."""
    if impact is None or impact.empty:
        return None
    several = len({m.document for m in impact.models}) > 1
    models = [{"manufacturer": f"{m.manufacturer} ({m.document})" if several else m.manufacturer, "models": ", ".join(m.device_models)} for m in impact.models]
    references = [{"where": r.where, "cites": r.cites, "follows": r.note} for r in impact.references]
    number = tables_before
    out: dict[str, Any] = {"models": models, "references": references, "models_table": 0, "references_table": 0}
    if models:
        number += 1
        out["models_table"] = number
    if references:
        number += 1
        out["references_table"] = number
    return out


def context(pack: PackSpec, inputs: ConsultationInputs) -> dict[str, Any]:
    """Everything consultation.docx may use; documented in docs/packs.md."""
    topics = effective_topics(pack)
    grouped = len(topics) > 1
    # Rows the redline found but no entry describes are pack-lint errors: not shown here.
    rows_by_ref = {(row.document, row.display_ref): row for table in inputs.tables for row in table.rows if row.described}
    several = len({e.document for e in pack.drafting}) > 1
    n = {"introduction": 1}
    topic_base = 2
    if grouped:
        n["changes"] = 2
    topic_items = []
    prose: dict[str, str] = {}  # marker -> Markdown, poured in after rendering
    table_number = 0
    asked: set[str] = set()
    for i, topic in enumerate(topics):
        number = f"{topic_base}.{i + 1}" if grouped else str(topic_base + i)
        rows = []
        for entry in pack.drafting:
            if entry.ref not in topic.drafting:
                continue
            row = rows_by_ref.get((entry.document or "", entry.ref)) or DraftingRow(entry.document or "", entry.ref, entry.description, entry.rationale)
            shown = f"{row.document} {row.display_ref}" if several and row.document else row.display_ref
            rows.append({"ref": shown, "text": row_text(row, inputs.comparisons.get(row.document))})
        if rows:
            table_number += 1
        body = f"[docgen: topic {i + 1} text]"
        prose[body] = topic.text.read_text(encoding="utf-8") if topic.text is not None else ""
        questions = _questions(pack, topic.questions)
        asked.update(q["id"] for q in questions)
        topic_items.append(
            {
                "number": number,
                "title": topic.title,
                "body": body,
                "documents": join_list(topic_documents(pack, topic)),
                "rows": rows,
                "table": table_number,
                "questions": questions,
                "question_word": "question" if len(questions) == 1 else "questions",
            }
        )
    impact = _impact(inputs.impact, table_number)
    if impact is not None:
        impact["number"] = f"{topic_base}.{len(topics) + 1}" if grouped else str(topic_base + len(topics))
    after = (topic_base + 1) if grouped else (topic_base + len(topics) + (1 if impact is not None else 0))
    n.update({"next_steps": after, "how_to_respond": after + 1, "attachments": after + 2})
    intro = "[docgen: introduction]"
    prose[intro] = pack.introduction.read_text(encoding="utf-8") if pack.introduction is not None else MISSING_PROSE.format(key="introduction")
    groups = date_groups(pack)
    dates = []
    for day, docs, group_topics in groups:
        lead = ""
        if len(groups) > 1:
            numbers = [item["number"] for t, item in zip(topics, topic_items) if t in group_topics]
            lead = f"For the {'change' if len(numbers) == 1 else 'changes'} in section{'s' if len(numbers) > 1 else ''} {join_list(numbers)}, "
        dates.append({"date": long_date(day), "documents": join_list(docs), "lead": lead})
    direction = inputs.direction
    return {
        "title": pack.title,
        "subtitle": pack.subtitle or "",
        "date": long_date(pack.published),
        "respond_by": deadline(pack.respond_by),
        "author": pack.author_line,
        "contact": pack.contact,
        "classification": pack.classification,
        "department": pack.department,
        "department_name": DEPARTMENTS[pack.department],
        "short_names": pack.short_names,
        "plural_s": "s" if len(pack.documents) > 1 else "",
        "toc_marker": TOC_MARKER,
        "n": n,
        "introduction": intro,
        "grouped": grouped,
        "topics": topic_items,
        "report_by": long_date(pack.report_by) if pack.report_by else "",
        "dates": dates,
        "date_word": "dates" if len(dates) > 1 else "date",
        "impact": impact,
        "next_questions": [q for q in _questions(pack, [q.id for q in pack.questions]) if q["id"] not in asked],
        "attachments": [{"number": a.number, "title": a.title} for a in attachments(inputs.roles)],
        "direction_heading": direction.heading if direction else "",
        "direction": direction.paragraphs if direction else [],
        "prose": prose,
    }


def consultation_docx(pack: PackSpec, inputs: ConsultationInputs, moment: dt.datetime, *, laid_out: bool = True) -> bytes:
    """The .docx; `laid_out` says a PDF will give the contents their page numbers (else the
    TOC field is marked for Word to rebuild when the document is opened)."""
    values = context(pack, inputs)
    document = render_docx("consultation.docx", values)
    replace_markers(document, values["prose"])
    insert_toc(document, TOC_MARKER, dirty=not laid_out)
    stamp_core(document, title=pack.title, moment=moment, subject=pack.subtitle or pack.title, identifier=pack.reference)
    return finish_docx(document, moment)

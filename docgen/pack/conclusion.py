"""The outputs of collation: responses.csv and the draft conclusion document.

responses.csv is private: it names every respondent. The conclusion is published, so it
never names a respondent who asked for confidentiality (or did not say): such a respondent
is "A respondent (confidential)", and their name and organisation are withheld wherever
they appear in a comment. The draft carries what can be counted and copied (respondents,
the counts sentence of each question in the wording conclusions use, every comment beside
an empty "DCC Response" cell, the changes made after the consultation) and leaves DCC's
analysis as bracketed prompts for the author.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from docgen.pack.dates import deadline, long_date
from docgen.pack.office import finish_docx, stamp_core
from docgen.pack.responses import Collation, QuestionInfo, Response
from docgen.pack.spec import join_list
from docgen.pack.templates import render_docx

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
CSV_COLUMNS = ("respondent", "organisation", "contact", "confidential", "question_id", "question", "view", "comment", "file")
NO_OPINION = "did not express an opinion"


def number(n: int) -> str:
    """Numbers as words up to ten, as conclusions write them; figures beyond."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def counts_sentence(agreed: int, disagreed: int, no_opinion: int) -> str:
    """'Two respondents agreed while one did not express an opinion.'"""
    total = agreed + disagreed + no_opinion
    if total == 0:
        return "No responses were received to this question."
    parts = [(n, verb) for n, verb in ((agreed, "agreed"), (disagreed, "disagreed"), (no_opinion, NO_OPINION)) if n]
    if len(parts) == 1:
        n, verb = parts[0]
        if total == 1:
            return _sentence(f"the respondent {verb}")
        if verb == NO_OPINION:
            return _sentence("neither respondent expressed an opinion" if total == 2 else f"none of the {number(total)} respondents expressed an opinion")
        return _sentence(f"both respondents {verb}" if total == 2 else f"all {number(total)} respondents {verb}")
    (first_n, first_verb), rest = parts[0], parts[1:]
    lead = f"{number(first_n)} respondent{'s' if first_n != 1 else ''} {first_verb}"
    return _sentence(f"{lead} while {join_list([f'{number(n)} {verb}' for n, verb in rest])}")


def comments_sentence(commented: int, total: int) -> str:
    """For open questions, which ask for comments rather than a view."""
    if total == 0:
        return "No responses were received to this question."
    if commented == 0:
        return "No respondent commented on this question."
    if commented == total:
        return _sentence("the respondent commented" if total == 1 else "both respondents commented" if total == 2 else f"all {number(total)} respondents commented")
    silent = total - commented
    return _sentence(f"{number(commented)} respondent{'s' if commented != 1 else ''} commented while {number(silent)} did not")


def question_counts(question: QuestionInfo, responses: list[Response]) -> str:
    answers = [r.answer(question.id) for r in responses]
    if not question.asks_for_choice:
        return comments_sentence(sum(1 for a in answers if a.comment), len(answers))
    agreed = sum(1 for a in answers if a.choice == "Agree")
    disagreed = sum(1 for a in answers if a.choice == "Disagree")
    return counts_sentence(agreed, disagreed, len(answers) - agreed - disagreed)


def confidentiality_label(response: Response) -> str:
    if response.confidential:
        return "Confidential"
    if response.confidential is None:
        return "Not stated (treated as confidential)"
    return "Not confidential"


# ---------------------------------------------------------------------------------------


def responses_csv(collation: Collation) -> bytes:
    """One row per respondent and question; UTF-8 with a byte-order mark so Excel reads ☒ and accents."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in collation.responses:
        conf = {True: "yes", False: "no", None: "not stated"}[r.confidential]
        for q in collation.questions:
            a = r.answer(q.id)
            view = a.choice or ("" if not q.asks_for_choice else "not stated")
            writer.writerow([r.name, r.organisation, r.contact, conf, q.id, q.text, view, a.comment, r.path.name])
    return buf.getvalue().encode("utf-8-sig")


WITHHELD = "A respondent (confidential)"


def _redactor(responses: list[Response]):
    """Removes confidential respondents' names and organisations from text to publish."""
    secrets = sorted({x.strip() for r in responses if r.confidential for x in (r.name, r.organisation) if x and len(x.strip()) > 2}, key=len, reverse=True)
    patterns = [re.compile(rf"(?<!\w){re.escape(s)}(?!\w)", re.IGNORECASE) for s in secrets]  # whole words: "Ann" is not in "Annex"

    def redact(text: str) -> str:
        for p in patterns:
            text = p.sub("[name withheld]", text)
        return text

    return redact


def publishable_name(r: Response) -> str:
    """How a publishable document refers to a respondent: never by name when confidential
    (or when the respondent did not say, which is treated the same way)."""
    return r.display_name if r.confidential is False else WITHHELD


def conclusion_context(collation: Collation, later: list[Any] | None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything conclusion.docx may use; nothing in it names a confidential respondent."""
    responses = collation.responses
    redact = _redactor(responses)
    n = len(responses)
    questions = []
    for q in collation.questions:
        comments = []
        for r in responses:
            a = r.answer(q.id)
            if a.comment:
                comments.append({"text": redact(a.comment), "who": publishable_name(r)})
        questions.append({"id": q.id, "text": q.text, "counts": question_counts(q, responses), "comments": comments})
    withheld = sum(1 for r in responses if r.confidential is not False)
    note = ""
    if withheld:
        note = (
            f"{number(withheld).capitalize()} respondent{'s' if withheld != 1 else ''} asked for confidentiality or did not say; "
            f"{'they are' if withheld != 1 else 'it is'} not named in this document."
        )
    rows = []
    for c in later or []:
        rows.append({"ref": c.ref if not c.document else f"{c.document} {c.ref}", "text": later_text(c), "rationale": "[Rationale for change]"})
    context = {
        "title": collation.title or "[Consultation title]",
        "contact": collation.contact or "consultations@smartdcc.co.uk",
        "published": long_date(collation.published) if collation.published else "[DD Month YYYY]",
        "respond_by": deadline(collation.respond_by) if collation.respond_by else "[time on DD Month YYYY]",
        "short_names": collation.short_names or "documents",
        "respondents_sentence": f"DCC received {number(n)} response{'s' if n != 1 else ''} to the consultation.",
        "respondents": [
            {
                "name": (r.name or "[not given]") if r.confidential is False else WITHHELD,
                "organisation": (r.organisation or "[not given]") if r.confidential is False else "[withheld]",
                "confidentiality": confidentiality_label(r),
            }
            for r in responses
        ],
        "confidential_note": note,
        "questions": questions,
        "changes": rows,
        "no_changes": (
            "[The pack names no final version (`final` in [[documents]]): list here the changes made after the consultation.]"
            if later is None
            else ("DCC has made no changes to the drafting after the consultation." if not rows else "")
        ),
        "date": "[DD Month YYYY]",
        "classification": "DCC Public",
        "toc_marker": "[docgen: table of contents]",
        "introduction": "[docgen: introduction]",
        "prose": {"[docgen: introduction]": "[Set out the background to the consultation and the changes it proposed.]"},
        "dates": [],
        "report_by": "",
        "attachments": [],
    }
    context.update(extra or {})
    return context


def later_text(change: Any) -> Any:
    """What happened to the clause after the consultation, and the consulted -> final redline."""
    from docxtpl import RichText

    from docgen.pack.consultation import DELETED, INSERTED

    rich = RichText()
    rich.add(change.kind + ".")
    if change.words:
        rich.add("\a")
        for op, text in change.words:
            rich.add(text, **(DELETED if op < 0 else INSERTED if op > 0 else {}))
    elif change.new_text or change.old_text:
        rich.add("\a")
        if change.new_text and not change.old_text:
            rich.add(change.new_text, **INSERTED)
        elif change.old_text and not change.new_text:
            rich.add(change.old_text, **DELETED)
        else:
            rich.add(change.new_text)
    return rich


def conclusion_docx(collation: Collation, later: list[Any] | None, moment: dt.datetime, extra: dict[str, Any] | None = None) -> bytes:
    from docgen.pack.markdown import replace_markers
    from docgen.pack.toc import insert_toc

    values = conclusion_context(collation, later, extra)
    document = render_docx("conclusion.docx", values)
    replace_markers(document, values["prose"])
    insert_toc(document, values["toc_marker"], dirty=True)  # no layout here: Word numbers the pages
    stamp_core(document, title=f"Conclusion on {collation.title}".strip(), moment=moment, subject=collation.title, identifier=collation.reference)
    return finish_docx(document, moment)

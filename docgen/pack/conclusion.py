"""The outputs of collation: responses.csv and the skeleton of the conclusion document.

The skeleton carries what can be counted and copied (respondents, the counts sentence of each
question in the wording conclusions use, every comment beside an empty "DCC Response" cell,
the summary of changes) and leaves DCC's analysis as bracketed prompts for the author.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from docgen.pack.dates import deadline, long_date
from docgen.pack.drafting import DraftingRow
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
            return _sentence(f"the one respondent {verb}")
        if verb == NO_OPINION:
            return _sentence(f"none of the {number(total)} respondents expressed an opinion")
        return _sentence(f"all {number(total)} respondents {verb}")
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
        return _sentence("the one respondent commented" if total == 1 else f"all {number(total)} respondents commented")
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
        return "Confidential: do not publish or attribute"
    if response.confidential is None:
        return "Not stated"
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


def conclusion_context(collation: Collation, changes: list[DraftingRow] | None) -> dict[str, object]:
    responses = collation.responses
    n = len(responses)
    questions = []
    for q in collation.questions:
        comments = []
        for r in responses:
            a = r.answer(q.id)
            if a.comment:
                who = f"Respondent: {r.display_name}"
                if r.confidential:
                    who += " (CONFIDENTIAL: do not attribute)"
                comments.append({"text": a.comment, "who": who})
        questions.append({"id": q.id, "text": q.text, "counts": question_counts(q, responses), "comments": comments})
    rows = [
        {"ref": c.display_ref, "description": c.description, "rationale": c.rationale or "[Rationale for change]"}
        for c in (changes or [])
    ] or [{"ref": "[Drafting reference]", "description": "[Description]", "rationale": "[Rationale for change]"}]
    confidential = [r.display_name for r in responses if r.confidential]
    note = ""
    if confidential:
        several = len(confidential) > 1
        it = "them" if several else "it"
        note = (
            f"{join_list(confidential)} asked for {'their responses' if several else 'its response'} to be treated as confidential: "
            f"do not publish {it} or attribute comments to {it}."
        )
    return {
        "title": collation.title or "[Consultation title]",
        "contact": collation.contact or "consultations@smartdcc.co.uk",
        "published": long_date(collation.published) if collation.published else "[DD Month YYYY]",
        "respond_by": deadline(collation.respond_by) if collation.respond_by else "[time on DD Month YYYY]",
        "short_names": collation.short_names or "documents",
        "respondents_sentence": f"DCC received {number(n)} response{'s' if n != 1 else ''} to the consultation.",
        "respondents": [
            {"name": r.name or "[not given]", "organisation": r.organisation or "[not given]", "confidentiality": confidentiality_label(r)}
            for r in responses
        ],
        "confidential_note": note,
        "questions": questions,
        "changes": rows,
    }


def conclusion_docx(collation: Collation, changes: list[DraftingRow] | None, moment: dt.datetime) -> bytes:
    document = render_docx("conclusion.docx", conclusion_context(collation, changes))
    stamp_core(document, title=f"Conclusion on {collation.title}".strip(), moment=moment, subject=collation.title, identifier=collation.reference)
    return finish_docx(document, moment)

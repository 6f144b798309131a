"""The outputs of collation: responses.csv and the draft conclusion document.

responses.csv is private: it names every respondent. The conclusion is published, so it
never names a respondent who asked for confidentiality (or did not say): such a respondent
is "A respondent (confidential)", every form of their names is withheld wherever it appears
in a comment, and the words of a confidential answer are not quoted at all. The draft carries
what can be counted and copied (respondents, the counts sentence of each question in the
wording conclusions use, every comment, unattributed, beside an empty "DCC Response" cell,
the changes made after the consultation) and leaves DCC's analysis as bracketed prompts for
the author. Every count comes from the collation's one tally (docgen.pack.tally).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docgen.pack.dates import deadline, long_date
from docgen.pack.office import finish_docx, stamp_core
from docgen.pack.confidentiality import FULL, NO, PARTIAL, UNSTATED
from docgen.pack.positions import AGREE, DISAGREE, NO_VIEW, NOT_ANSWERED, PARTLY
from docgen.pack.responses import Collation, Response
from docgen.pack.tally import TO_REVIEW, QuestionTally, Tally, is_comment, tally
from docgen.pack.spec import join_list
from docgen.pack.templates import render_docx
from docgen.writers.csv_table import excel_csv

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
CSV_COLUMNS = ("respondent", "organisation", "contact", "confidential", "confidential_questions", "question_id", "question", "view", "comment", "review", "file")
NO_OPINION = "did not express an opinion"


def number(n: int) -> str:
    """Numbers as words up to ten, as conclusions write them; figures beyond."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def counts_sentence(agreed: int, disagreed: int, no_opinion: int, partly: int = 0, to_review: int = 0) -> str:
    """'Two respondents agreed while one did not express an opinion.' Answers still to be
    reviewed are not guessed into a count: the sentence ends '; one to be reviewed.'"""
    total = agreed + disagreed + partly + no_opinion
    review = f"{number(to_review)} to be reviewed" if to_review else ""
    if total == 0:
        return _sentence(f"the position of {review}") if review else "No responses were received to this question."
    parts = [(n, verb) for n, verb in ((agreed, "agreed"), (disagreed, "disagreed"), (partly, "partly agreed"), (no_opinion, NO_OPINION)) if n]
    if len(parts) == 1 and not review:
        n, verb = parts[0]
        if total == 1:
            return _sentence(f"the respondent {verb}")
        if verb == NO_OPINION:
            return _sentence("neither respondent expressed an opinion" if total == 2 else f"none of the {number(total)} respondents expressed an opinion")
        return _sentence(f"both respondents {verb}" if total == 2 else f"all {number(total)} respondents {verb}")
    (first_n, first_verb), rest = parts[0], parts[1:]
    lead = f"{number(first_n)} respondent{'s' if first_n != 1 else ''} {first_verb}"
    text = f"{lead} while {join_list([f'{number(n)} {verb}' for n, verb in rest])}" if rest else lead
    return _sentence(text + (f"; {review}" if review else ""))


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


def question_counts(q: QuestionTally) -> str:
    """The counts sentence of one question, from the collation's one tally."""
    if not q.asks_for_choice:
        return comments_sentence(q.comments + q.withheld_comments, q.responses)
    c = q.positions
    return counts_sentence(c[AGREE], c[DISAGREE], c[NO_VIEW] + c[NOT_ANSWERED], c[PARTLY], c[TO_REVIEW])


def confidentiality_label(response: Response) -> str:
    if response.confidential_review:
        return "To be reviewed (withheld until settled)"
    return {
        FULL: "Confidential",
        PARTIAL: "Partly confidential",
        UNSTATED: "Not stated (not named)",
        NO: "Not confidential",
    }[response.confidential]


# ---------------------------------------------------------------------------------------


def responses_csv(collation: Collation) -> bytes:
    """One row per respondent and question; UTF-8 with a byte-order mark so Excel reads ☒ and accents.

    The view column holds the same position the tally counts (or "to be reviewed"), so the
    private list and the published counts cannot disagree."""
    rows = []
    for r in collation.responses:
        conf = "to be reviewed" if r.confidential_review else r.confidential
        parts = "; ".join(r.confidential_questions)
        for q in collation.questions:
            a = r.answer(q.id)
            view = "" if not q.asks_for_choice else (TO_REVIEW if a.under_review else a.position or NOT_ANSWERED)
            rows.append([r.name, r.organisation, r.contact, conf, parts, q.id, q.text, view, a.comment, a.review, r.path.name])
    return excel_csv(CSV_COLUMNS, rows)


WITHHELD = "A respondent (confidential)"


def _confidential_note(counts: dict[str, int]) -> str:
    """'One respondent asked for their response to be kept confidential.'"""
    phrases = {
        FULL: "asked for {their} to be kept confidential",
        PARTIAL: "asked for part of {their} to be kept confidential",
        UNSTATED: "did not say whether {their} could be published",
    }
    parts = []
    for level in (FULL, PARTIAL, UNSTATED):
        n = counts.get(level, 0)
        if not n:
            continue
        who = f"{number(n)} respondent{'s' if n != 1 else ''}" if not parts else number(n)
        parts.append(f"{who} " + phrases[level].format(their="their responses" if n != 1 else "their response"))
    if not parts:
        return ""
    return _sentence(join_list(parts)) + " Such responses are counted, and are not named; the words of confidential answers are not published."


def conclusion_context(collation: Collation, later: list[Any] | None, extra: dict[str, Any] | None = None, counts: Tally | None = None) -> dict[str, Any]:
    """Everything conclusion.docx may use; nothing in it names a confidential respondent or
    quotes a confidential answer, and every number comes from the one tally."""
    from docgen.pack.disclosure import redactor

    counts = counts or tally(collation)
    responses = collation.responses
    redact = redactor(responses)
    n = counts.responses
    questions = []
    for q in collation.questions:
        comments = []
        for r in responses:
            a = r.answer(q.id)
            if is_comment(a.comment) and not r.withholds(q.id):
                comments.append({"text": redact(a.comment)})
        questions.append({"id": q.id, "text": q.text, "counts": question_counts(counts.question(q.id)), "comments": comments})
    note = _confidential_note(counts.confidential)
    if counts.to_review:
        note = (note + " " if note else "") + f"{number(counts.to_review).capitalize()} {'answer is' if counts.to_review == 1 else 'answers are'} to be reviewed; the counts below do not include {'it' if counts.to_review == 1 else 'them'}."
    rows = []
    for c in later or []:
        rows.append({"ref": c.ref if not c.document else f"{c.document} {c.ref}", "text": later_text(c), "rationale": "[Rationale for change]"})
    context = {
        "title": collation.title or "[Consultation title]",
        "contact": collation.contact or "consultations@smartdcc.co.uk",
        "published": long_date(collation.published) if collation.published else "[DD Month YYYY]",
        "respond_by": deadline(collation.respond_by) if collation.respond_by else "[time on DD Month YYYY]",
        "short_names": collation.short_names or "documents",
        "documents": collation.short_names or "documents",  # the pack's documents with a changed DMVES
        "topics": [],
        "documents_count": 1,
        "respondents_sentence": f"DCC received {number(n)} response{'s' if n != 1 else ''} to the consultation.",
        "respondents": [
            {
                "name": (r.name or "[not given]") if r.named else WITHHELD,
                "organisation": (r.organisation or "[not given]") if r.named else "[withheld]",
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


def conclusion_docx(collation: Collation, later: list[Any] | None, moment: dt.datetime, extra: dict[str, Any] | None = None, counts: Tally | None = None) -> bytes:
    from docgen.pack.markdown import replace_markers
    from docgen.pack.toc import insert_toc

    values = conclusion_context(collation, later, extra, counts)
    document = render_docx("conclusion.docx", values)
    replace_markers(document, values["prose"])
    # With LibreOffice the contents get the pages of its layout; without, Word numbers them on opening.
    from docgen import soffice
    from docgen.pack.toc import lay_out

    laid_out = soffice.available()
    insert_toc(document, values["toc_marker"], dirty=not laid_out)
    stamp_core(document, title=f"Conclusion on {collation.title}".strip(), moment=moment, subject=collation.title, identifier=collation.reference)
    data = finish_docx(document, moment)
    return lay_out(data, moment) if laid_out else data

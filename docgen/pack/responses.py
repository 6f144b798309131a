"""Collating returned response forms: who responded, what they chose, what they said.

A form is accepted when it is a response template of the pack being collated: its docgen
markers say so, or (when a form lost them, e.g. re-typed into a new document) its tables
carry the pack's question ids. Anything else is set aside with a reason the user can act
on, and the remaining forms are still collated, because one bad attachment must not hold
up the analysis of the others.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from docgen.errors import DocgenError
from docgen.pack import response_template as rt
from docgen.pack.confidentiality import read_confidentiality
from docgen.pack.form_reader import FormFile, read_form
from docgen.pack.letters import read_letter, rejoin_lines
from docgen.pack.positions import NOT_ANSWERED, read_view, read_words
from docgen.pack.spec import PackSpec

NAME_LABEL = "respondent name"
ORGANISATION_LABEL = "organisation"
CONTACT_LABEL = "contact"
CONFIDENTIAL_LABEL = "do you want your response"
CONFIDENTIAL_DETAIL_LABEL = "if only part"
VIEW_LABEL = "your view"
RATIONALE_LABEL = "rationale"
NOT_A_TEMPLATE = "is not a docgen response template (it has no docgen marker); pass --pack PACK.toml to collate forms that lost their marker"


@dataclass(frozen=True)
class QuestionInfo:
    id: str
    text: str
    asks_for_choice: bool


@dataclass
class Answer:
    question_id: str
    position: str | None = None  # one of positions.POSITIONS; None for an open question or while under review
    comment: str = ""
    present: bool = True  # False when the form has no table for the question
    read: str = ""  # what the respondent wrote for their view, as read (for review.csv)
    review: str = ""  # why a person must settle the position; "" when it is settled

    @property
    def under_review(self) -> bool:
        return bool(self.review)


@dataclass
class Response:
    path: Path
    name: str
    organisation: str
    contact: str
    confidential: str  # "no", "partial", "full" or "unstated"
    confidential_detail: str
    answers: list[Answer]
    confidential_questions: tuple[str, ...] = ()  # for "partial": the questions whose answers are withheld
    confidential_review: str = ""  # why a person must settle what is confidential; "" when settled
    confidential_read: str = ""

    @property
    def named(self) -> bool:
        """Whether a published document may name this respondent: only when they said No."""
        return self.confidential == "no" and not self.confidential_review

    def withholds(self, question_id: str) -> bool:
        """Whether this answer's words must stay out of what is published."""
        if self.confidential_review or self.confidential == "full":
            return True
        return self.confidential == "partial" and question_id in self.confidential_questions

    @property
    def display_name(self) -> str:
        return self.organisation or self.name or self.path.stem

    def answer(self, question_id: str) -> Answer:
        for a in self.answers:
            if a.question_id == question_id:
                return a
        return Answer(question_id, present=False)


@dataclass(frozen=True)
class FileProblem:
    path: Path
    message: str
    rejected: bool  # True: the file was not collated; False: collated with this caveat


@dataclass
class Collation:
    reference: str
    title: str
    questions: list[QuestionInfo]
    responses: list[Response] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    published: dt.date | None = None
    respond_by: dt.datetime | None = None
    contact: str = ""
    short_names: str = ""  # "S1SR", "TMAD and SMETS1 SVTAD": known only from the pack


def collate(files: list[Path], pack: PackSpec | None) -> Collation:
    result: Collation | None = None
    if pack is not None:
        result = Collation(
            pack.reference,
            pack.title,
            [QuestionInfo(q.id, q.text, q.asks_for_choice) for q in pack.questions],
            published=pack.published,
            respond_by=pack.respond_by,
            contact=pack.contact,
            short_names=pack.short_names,
        )
    problems: list[FileProblem] = []
    responses: list[Response] = []
    seen: set[Path] = set()
    forms: list[tuple[Path, FormFile]] = []
    for path in files:
        key = Path(path).resolve()
        if key in seen:
            problems.append(FileProblem(path, "given twice; collated once", rejected=True))
            continue
        seen.add(key)
        try:
            forms.append((path, read_form(Path(path))))
        except DocgenError as exc:
            problems.append(FileProblem(path, f"cannot be read: {_strip_path(str(exc), path)}", rejected=True))
    if result is None:  # without a pack, the first form that carries docgen's markers says which pack
        result = next((c for c in (_collation_from_markers(f) for _, f in forms) if c is not None), None)
    for path, form in forms:
        if result is None:
            problems.append(FileProblem(path, NOT_A_TEMPLATE, rejected=True))
            continue
        verdict = _belongs(form, result, pack is not None)
        if verdict is not None:
            problems.append(FileProblem(path, verdict, rejected=True))
            continue
        response, notes = _read_response(form, result.questions) if _has_question_tables(form, result) else _read_letter_response(form, result.questions)
        if response is None:
            problems.append(FileProblem(path, "is an unfilled response template (no name, no answer); not collated", rejected=True))
            continue
        if not form.markers and _has_question_tables(form, result):
            notes.insert(0, "has no docgen marker; recognised by its question tables")
        twin = _duplicate_of(response, responses)
        if twin is not None:
            problems.append(FileProblem(path, f"is a second response from {_who(response)} (the same as {twin.path.name}); counted once", rejected=True))
            continue
        problems += [FileProblem(path, n, rejected=False) for n in notes]
        responses.append(response)
    if result is None:
        result = Collation("", "", [])
    result.responses = responses
    result.problems = problems
    return result


def _who(response: Response) -> str:
    """A respondent as a message on the terminal (not a published document) names them."""
    return response.organisation or response.name or response.path.name


def _content(response: Response) -> tuple:
    return (
        " ".join(response.name.lower().split()),
        " ".join(response.organisation.lower().split()),
        tuple((a.question_id, a.position, a.read, " ".join(a.comment.split())) for a in response.answers),
    )


def _duplicate_of(response: Response, earlier: list[Response]) -> Response | None:
    """An earlier response from the same respondent: the same organisation (or, without one,
    the same name), or the same content saved again under another file name."""
    org = " ".join(response.organisation.lower().split())
    name = " ".join(response.name.lower().split())
    for other in earlier:
        other_org = " ".join(other.organisation.lower().split())
        if org and org == other_org:
            return other
        if not org and not other_org and name and name == " ".join(other.name.lower().split()):
            return other
        if _content(other) == _content(response):
            return other
    return None


def _strip_path(message: str, path: Path) -> str:
    prefix = f"{path}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _collation_from_markers(form: FormFile) -> Collation | None:
    m = form.markers
    if m.get(rt.MARKER_KIND) != rt.RESPONSE_KIND or not m.get(rt.MARKER_PACK):
        return None
    ids = [q for q in m.get(rt.MARKER_QUESTIONS, "").split(rt.QUESTION_SEPARATOR) if q]
    questions = []
    for qid in ids:
        table = _question_table(form, qid)
        text = table[0][1] if table and table[0] and len(table[0]) > 1 else ""
        asks = table is not None and any(row and _label(row[0]).startswith(VIEW_LABEL) for row in table)
        questions.append(QuestionInfo(qid, text, asks))
    return Collation(
        m[rt.MARKER_PACK],
        m.get(rt.MARKER_TITLE, ""),
        questions,
        published=_parse_date(m.get(rt.MARKER_PUBLISHED)),
        respond_by=_parse_moment(m.get(rt.MARKER_RESPOND_BY)),
        contact=m.get(rt.MARKER_CONTACT, ""),
    )


def _parse_date(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _parse_moment(raw: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _belongs(form: FormFile, collation: Collation, from_pack: bool) -> str | None:
    """None when the form is a template of this pack, else why not."""
    kind = form.markers.get(rt.MARKER_KIND)
    pack_id = form.markers.get(rt.MARKER_PACK)
    if kind and kind != rt.RESPONSE_KIND:
        return f"is a docgen {kind} document, not a response template"
    if pack_id:
        if pack_id != collation.reference:
            origin = "the pack given with --pack" if from_pack else "the files before it"
            return f"is a response template for pack {pack_id!r}, not {collation.reference!r} ({origin}); collate each pack separately"
        return None
    if _has_question_tables(form, collation):
        return None
    if read_letter(form.paragraphs, [q.id for q in collation.questions], _from_pdf(form)) is not None:
        return None
    return (
        f"is not a response template of pack {collation.reference!r}: no docgen marker, none of its tables is one of the pack's "
        "questions, and no paragraph opens with one (as a letter's 'Q1: ...' would)"
    )


def _has_question_tables(form: FormFile, collation: Collation) -> bool:
    return any(_question_table(form, q.id) is not None for q in collation.questions)


def _from_pdf(form: FormFile) -> bool:
    return form.path.suffix.lower() == ".pdf"


def _label(text: str) -> str:
    return " ".join(text.split()).lower()


def _question_table(form: FormFile, question_id: str) -> list[list[str]] | None:
    wanted = _label(question_id)
    for table in form.tables:
        if table and table[0] and _label(table[0][0]) == wanted:
            return table
    return None


def _row_value(tables: list[list[list[str]]], label: str) -> str | None:
    for table in tables:
        for row in table:
            if len(row) >= 2 and _label(row[0]).startswith(label):
                return row[1].strip()
    return None


def _row_marks(tables: list[list[list[str]]], label: str) -> tuple[str, ...]:
    """The emphasised stretches of the value cell of the row `label` (ooxml.forms.CellText)."""
    for table in tables:
        for row in table:
            if len(row) >= 2 and _label(row[0]).startswith(label):
                return getattr(row[1], "emphasised", ())
    return ()


def _read_response(form: FormFile, questions: list[QuestionInfo]) -> tuple[Response | None, list[str]]:
    notes: list[str] = []
    question_tables = {id(t) for q in questions if (t := _question_table(form, q.id)) is not None}
    detail_tables = [t for t in form.tables if id(t) not in question_tables]
    name = _row_value(detail_tables, NAME_LABEL) or ""
    organisation = _row_value(detail_tables, ORGANISATION_LABEL) or ""
    contact = _row_value(detail_tables, CONTACT_LABEL) or ""
    conf_text = _row_value(detail_tables, CONFIDENTIAL_LABEL)
    detail = _row_value(detail_tables, CONFIDENTIAL_DETAIL_LABEL) or ""
    secrecy = read_confidentiality(conf_text, detail, [q.id for q in questions], _row_marks(detail_tables, CONFIDENTIAL_LABEL))
    answers: list[Answer] = []
    for q in questions:
        table = _question_table(form, q.id)
        if table is None:
            notes.append(f"{q.id}: the form has no table for this question")
            answers.append(Answer(q.id, present=False))
            continue
        comment = ""
        view_text = None
        for row in table[1:]:
            if len(row) < 2:
                continue
            label = _label(row[0])
            if label.startswith(VIEW_LABEL):
                view_text = row[1]
            elif label.startswith(RATIONALE_LABEL):
                comment = rejoin_lines(row[1]).strip() if form.path.suffix.lower() == ".pdf" else row[1].strip()
        if not q.asks_for_choice:
            answers.append(Answer(q.id, None, comment))
            continue
        marked = getattr(view_text, "emphasised", ())  # bold or highlighted stretches (ooxml.forms.CellText)
        reading = read_view(view_text or "", comment, marked)
        read = " ".join((view_text or "").split()) + (f" [marked: {', '.join(marked)}]" if marked else "")
        answers.append(Answer(q.id, reading.position, comment, read=read, review=reading.why if reading.needs_review else ""))
    filled = any([name, organisation, contact, detail]) or any(a.comment or a.review or a.position not in (None, NOT_ANSWERED) for a in answers)
    if not filled:
        return None, notes
    if not (name or organisation):
        notes.append("gives no respondent name or organisation; listed under its file name")
    response = Response(
        form.path, name, organisation, contact, secrecy.level, detail, answers,
        confidential_questions=secrecy.questions, confidential_review=secrecy.review, confidential_read=secrecy.read,
    )
    return response, notes


def _strip_question(text: str, question: QuestionInfo) -> str:
    """A letter that repeats the question before answering it: the answer is what follows."""
    def norm(t: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", t.lower()).split())

    wanted = norm(question.text)
    lines = text.split("\n")
    if wanted and lines and norm(lines[0]).startswith(wanted):
        first = lines[0]
        cut = len(question.text) if first.lower().startswith(question.text.lower()) else len(first)
        lines[0] = first[cut:].strip(" ?:.-")
        if not lines[0]:
            lines = lines[1:]
    return "\n".join(lines)


def _read_letter_response(form: FormFile, questions: list[QuestionInfo]) -> tuple[Response | None, list[str]]:
    """A letter answering the questions in prose: counted like a form (see docgen.pack.letters)."""
    letter = read_letter(form.paragraphs, [q.id for q in questions], _from_pdf(form))
    if letter is None:
        return None, []
    notes = ["is a letter, not the response template; its answers are read from the paragraphs that open with a question"] + letter.problems
    given = {a.question_id: a.text for a in letter.answers}
    answers: list[Answer] = []
    for q in questions:
        if q.id not in given:
            answers.append(Answer(q.id, NOT_ANSWERED if q.asks_for_choice else None, present=False))
            continue
        text = _strip_question(given[q.id], q)
        if not q.asks_for_choice:
            answers.append(Answer(q.id, None, text))
            continue
        reading = read_view("", text)
        answers.append(Answer(q.id, reading.position, _without_bare_position(text), read=" ".join(text.split())[:200], review=reading.why if reading.needs_review else ""))
    box = None if letter.confidential is None else ("\u2612 Yes" if letter.confidential else "\u2612 No")
    detail = letter.confidentiality if letter.confidential else ""
    secrecy = read_confidentiality(box, detail, [q.id for q in questions])
    if letter.confidential and secrecy.review and "names no question" in secrecy.review:
        secrecy = read_confidentiality(box, "", [q.id for q in questions])  # "please treat this response as confidential": all of it
    organisation = letter.details.get("organisation", "")
    name = letter.details.get("name", "")
    contact = letter.details.get("contact", "")
    if not (name or organisation):
        notes.append("gives no respondent name or organisation; listed under its file name")
    response = Response(
        form.path, name, organisation, contact, secrecy.level, letter.confidentiality, answers,
        confidential_questions=secrecy.questions, confidential_review=secrecy.review, confidential_read=secrecy.read,
    )
    return response, notes


def _without_bare_position(text: str) -> str:
    """'Agree.' on its own says a position, not a comment: the comment is what follows it."""
    first, _, rest = text.partition("\n")
    m = re.match(r"^\s*([\w' ]{1,30}?)[.!]?\s*$", first)
    if m and len(m.group(1).split()) <= 3 and read_words(m.group(1)).position not in (None, NOT_ANSWERED):
        return rest.strip()
    head = re.match(r"^\s*(yes|no|agreed?|disagreed?|partially agree|partly agree)\s*[.,;:\u2013-]\s+", first, re.IGNORECASE)
    if head:
        return (first[head.end():] + ("\n" + rest if rest else "")).strip()
    return text.strip()

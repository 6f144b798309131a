"""Responses sent as a letter: "Q1: We agree ..." in prose instead of the template's tables.

Some respondents answer on their own letterhead. Such a letter is a response like any
other and is counted: each answer starts at a paragraph that opens with a question
reference ("Q1:", "Question 2 -", "S1SR Q3."), and runs to the next one. The respondent's
organisation and contact come from lines such as "Organisation: ..." when the letter has
them; its confidentiality from what it says about being confidential, and where it says
nothing, it is "unstated" (not named, as any respondent who did not say).

Also here: rejoining the lines of text read from a PDF, where every line of a paragraph
comes out as its own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^\s*(?P<prefix>(?:[A-Za-z0-9][\w-]*\s+){0,3}?)(?:q|question)\s*\.?\s*(?P<n>\d+)\s*(?:[:.)\u2013\u2014-]+\s*|$)(?P<rest>.*)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d)]$")
_FIELDS = {
    "organisation": re.compile(r"^\s*(organisation|organization|company)\s*[:\u2013-]\s*(.+)$", re.IGNORECASE),
    "name": re.compile(r"^\s*(respondent name|name|contact name)\s*[:\u2013-]\s*(.+)$", re.IGNORECASE),
    "contact": re.compile(r"^\s*(contact|e-?mail|contact details)\s*[:\u2013-]\s*(.+)$", re.IGNORECASE),
}
_CLOSING = re.compile(r"^\s*(yours (faithfully|sincerely|truly)|(kind|best|warm) regards|regards|many thanks)\b", re.IGNORECASE)
_SALUTATION = re.compile(r"^(dear\b.*,|to whom it may concern,?)$", re.IGNORECASE)
_CONFIDENTIAL = re.compile(r"\bconfidential(ity)?\b", re.IGNORECASE)
_NOT_CONFIDENTIAL = re.compile(
    r"\b(not (be )?(treated as )?confidential|no part of (this|our) response is confidential|(can|may) be published|happy for (this|our) response to be published|non-confidential)\b",
    re.IGNORECASE,
)


def rejoin_lines(text: str, starts_paragraph=lambda line: False, stands_alone=lambda line: False) -> str:
    """A PDF's lines back into paragraphs: a line break is a paragraph break only after a
    sentence end or at a blank line (or before a line `starts_paragraph` says opens one, such
    as a letter's "Q2:", or after one `stands_alone` says is a line of its own, such as
"Organisation: ..."); otherwise the lines are one paragraph."""
    paragraphs: list[str] = []
    current = ""
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current and (_SENTENCE_END.search(current) or starts_paragraph(line) or stands_alone(current) or _SALUTATION.match(current) or _SALUTATION.match(line)):
            paragraphs.append(current)
            current = line
        elif current:
            current = current[:-1] + line if current.endswith("-") and line[:1].islower() and not current.endswith(" -") else f"{current} {line}"
        else:
            current = line
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)


@dataclass(frozen=True)
class LetterAnswer:
    question_id: str
    text: str


@dataclass(frozen=True)
class Letter:
    answers: list[LetterAnswer]
    details: dict[str, str]  # organisation, name, contact: as the letter gives them
    confidentiality: str  # what the letter says about confidentiality ("" when nothing)
    confidential: bool | None  # True: asks for it; False: says it may be published; None: silent
    problems: list[str]


def _opens_paragraph(line: str) -> bool:
    m = _HEADING.match(line)
    return bool(m and not m.group("prefix").strip()) or bool(_CLOSING.match(line)) or any(f.match(line) for f in _FIELDS.values())


def _is_field(line: str) -> bool:
    return any(f.match(line) for f in _FIELDS.values())


def _question_for(prefix: str, n: str, question_ids: list[str]) -> tuple[str | None, str]:
    prefix = " ".join(prefix.split())
    if prefix:
        exact = [q for q in question_ids if q.lower() == f"{prefix} Q{n}".lower()]
        if exact:
            return exact[0], ""
    matches = [q for q in question_ids if re.search(rf"(?<!\w)Q{n}$", q, re.IGNORECASE)]
    if len(matches) == 1:
        return matches[0], ""
    if not matches:
        return None, f"answers question {n}, which the pack does not have"
    return None, f"'Q{n}' could be any of {', '.join(matches)}; write the full id (e.g. {matches[0]})"


def read_letter(paragraphs: list[str], question_ids: list[str], from_pdf: bool = False) -> Letter | None:
    """The answers of a letter-style response, or None when no paragraph opens with one of
    the pack's questions (it is not a response to this pack)."""
    lines = rejoin_lines("\n".join(paragraphs), _opens_paragraph, _is_field).split("\n") if from_pdf else [" ".join(p.split()) for p in paragraphs]
    answers: dict[str, list[str]] = {}
    order: list[str] = []
    current: str | None = None
    details: dict[str, str] = {}
    conf: list[str] = []
    problems: list[str] = []
    for line in lines:
        if not line:
            continue
        if _CLOSING.match(line):
            current = None  # the signature block is not part of the last answer
            continue
        m = _HEADING.match(line)
        if m:
            qid, problem = _question_for(m.group("prefix"), m.group("n"), question_ids)
            if qid is not None:
                if qid in answers:
                    problems.append(f"{qid} is answered twice in the letter; the answers are read as one")
                else:
                    answers[qid] = []
                    order.append(qid)
                current = qid
                if m.group("rest").strip():
                    answers[qid].append(m.group("rest").strip())
                continue
            if problem and not m.group("prefix").strip():
                problems.append(problem)
        for key, pattern in _FIELDS.items():
            f = pattern.match(line)
            if f and key not in details and current is None:
                details[key] = f.group(2).strip()
                break
        else:
            if _CONFIDENTIAL.search(line):
                conf.append(line)
            elif current is not None:
                answers[current].append(line)
    if not order:
        return None
    said = " ".join(conf)
    confidential = None if not said else (False if _NOT_CONFIDENTIAL.search(said) else True)
    return Letter([LetterAnswer(q, "\n".join(answers[q])) for q in order], details, said, confidential, problems)

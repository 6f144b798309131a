"""What a respondent asked to keep confidential: nothing, all of it, or some answers.

The template asks "Do you want your response to be treated as confidential?" (Yes / No) and,
"if only part", which part. Respondents write that part as "Q2", "question 2", "our answer
to S1SR Q3" or "questions 2 and 3". What cannot be read (a part that names no question, a
question the pack does not have, a No ticked beside a part) needs a person's decision; until
then the response is withheld in full, because a leaked confidence cannot be taken back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.pack.form_reader import YES_NO, read_choice

NO = "no"
PARTIAL = "partial"
FULL = "full"
UNSTATED = "unstated"
LEVELS = (NO, PARTIAL, FULL, UNSTATED)

_NOTHING = re.compile(r"^(n/?a|none|no|not applicable|nothing|-+)\.?$", re.IGNORECASE)
_WHOLE = re.compile(r"\b(all|whole|entire|everything|full|in full)\b", re.IGNORECASE)
_REFS = re.compile(r"\b(?:q|questions?)\s*\.?\s*(\d+(?:\s*(?:,|and|&|or)\s*(?:q\s*\.?\s*)?\d+)*)", re.IGNORECASE)


@dataclass(frozen=True)
class Secrecy:
    level: str  # one of LEVELS
    questions: tuple[str, ...] = ()  # for PARTIAL: the pack's question ids withheld
    review: str = ""  # why a person must decide; "" when settled
    read: str = ""  # what the form says, as read


def question_refs(text: str, question_ids: list[str]) -> tuple[tuple[str, ...], str]:
    """The pack's question ids a text names, and a problem ("" when every reference is clear)."""
    found: list[str] = []
    for qid in question_ids:  # a full id ("S1SR Q3") names exactly one question
        if re.search(rf"(?<!\w){re.escape(qid)}(?!\w)", text, re.IGNORECASE):
            found.append(qid)
    rest = text
    for qid in found:
        rest = re.sub(rf"(?<!\w){re.escape(qid)}(?!\w)", " ", rest, flags=re.IGNORECASE)
    for m in _REFS.finditer(rest):
        for n in re.findall(r"\d+", m.group(1)):
            matches = [q for q in question_ids if re.search(rf"(?<!\w)Q{n}$", q, re.IGNORECASE)]
            if not matches:
                return tuple(found), f"names question {n}, which the pack does not have"
            if len(matches) > 1:
                return tuple(found), f"'question {n}' could be any of {', '.join(matches)}"
            if matches[0] not in found:
                found.append(matches[0])
    ordered = tuple(q for q in question_ids if q in found)
    return ordered, "" if ordered else "names no question"


def read_confidentiality(box_text: str | None, detail: str, question_ids: list[str], emphasised: tuple[str, ...] = ()) -> Secrecy:
    """The confidentiality a form asks for, from its Yes/No cell (a box ticked, or Yes or No
    made bold: `emphasised`) and its "if only part" cell."""
    detail = " ".join(detail.split())
    read = " / ".join(x for x in (" ".join((box_text or "").split()), detail) if x)
    choice = read_choice(box_text or "", YES_NO, emphasised) if box_text is not None else None
    if choice is not None and choice.problem:
        return Secrecy(FULL, review=f"the confidentiality answer {choice.problem}", read=read)
    said = choice.value if choice is not None else None
    part = detail if detail and not _NOTHING.match(detail) else ""
    if not part:
        return Secrecy({"Yes": FULL, "No": NO}.get(said or "", UNSTATED), read=read)
    refs, problem = question_refs(part, question_ids)
    if problem and _WHOLE.search(part) and said == "Yes":
        return Secrecy(FULL, read=read)
    if problem:
        return Secrecy(FULL, review=f"the part to keep confidential ({part!r}) {problem}", read=read)
    if said == "No":
        return Secrecy(PARTIAL, refs, review=f"No is ticked but the part to keep confidential names {', '.join(refs)}", read=read)
    return Secrecy(PARTIAL, refs, read=read)


def settle(decision: str, question_ids: list[str]) -> Secrecy | None:
    """A decision's confidentiality ("no", "full", "partial Q2 and Q3"), or None when unreadable."""
    text = " ".join(decision.split())
    level = text.split(" ", 1)[0].lower() if text else ""
    if level in (NO, FULL, UNSTATED) and text.lower() == level:
        return Secrecy(level)
    if level == PARTIAL:
        refs, problem = question_refs(text[len(level):], question_ids)
        return None if problem else Secrecy(PARTIAL, refs)
    return None

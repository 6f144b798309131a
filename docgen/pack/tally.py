"""The collation's counts, made once: what the conclusion, the letter and collation.json say.

An earlier collation counted in each output separately, and the conclusion and the letter
gave different numbers for the same forms. Here every count is made from the collated
responses in one place; the outputs only render a Tally, and collation.json is the Tally as
written, so anyone can check a published number against it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from docgen.pack.confidentiality import FULL, PARTIAL, UNSTATED
from docgen.pack.positions import AGREE, DISAGREE, NO_VIEW, NOT_ANSWERED, PARTLY, POSITIONS
from docgen.pack.responses import Collation

TO_REVIEW = "to be reviewed"


@dataclass
class QuestionTally:
    id: str
    text: str
    asks_for_choice: bool
    responses: int
    positions: dict[str, int]  # every position, and TO_REVIEW
    comments: int  # answers whose words may be published and say something
    withheld_comments: int  # comments kept out because the respondent asked for confidentiality

    @property
    def to_review(self) -> int:
        return self.positions[TO_REVIEW]


@dataclass
class TopicTally:
    """Respondents who answered a topic's questions, by where they stand on the topic."""

    title: str
    responses: int
    agreed: int
    disagreed: int
    partly: int
    no_view: int
    to_review: int


@dataclass
class Tally:
    reference: str
    responses: int
    confidential: dict[str, int]  # "full", "partial", "unstated": how many responses
    questions: list[QuestionTally]
    topics: list[TopicTally] = field(default_factory=list)
    to_review: int = 0  # answers and confidentiality requests still to be settled

    def question(self, question_id: str) -> QuestionTally:
        return next(q for q in self.questions if q.id == question_id)

    def to_json(self) -> str:
        data = {
            "pack": self.reference,
            "responses": self.responses,
            "confidential": self.confidential,
            "to_review": self.to_review,
            "questions": [
                {
                    "id": q.id,
                    "question": q.text,
                    "kind": "agree" if q.asks_for_choice else "open",
                    "positions": q.positions if q.asks_for_choice else {},
                    "comments": q.comments,
                    "withheld_comments": q.withheld_comments,
                }
                for q in self.questions
            ],
            "topics": [
                {
                    "title": t.title,
                    "responses": t.responses,
                    "agreed": t.agreed,
                    "disagreed": t.disagreed,
                    "partly_agreed": t.partly,
                    "no_view": t.no_view,
                    "to_review": t.to_review,
                }
                for t in self.topics
            ],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_NOT_A_COMMENT = re.compile(
    r"^(none|n/?a|nil|no|no comments?|no further comments?( to (make|add))?|nothing (further )?to add|"
    r"(we have |i have )?no (further |additional |other )?comments?( to (make|add))?( on this( question)?)?|not applicable|see above|as above)$"
)


def is_comment(text: str) -> bool:
    """Whether an answer's words say anything: "No further comments", "None", "N/A" do not."""
    words = " ".join(text.replace("\u2019", "'").lower().split()).strip(" .!-")
    if not words:
        return False
    return not _NOT_A_COMMENT.match(words)


def tally(collation: Collation, topics: list[tuple[str, list[str]]] | None = None) -> Tally:
    """Count positions and comments per question, and (given the pack's topics as titles with
    their question ids) where each respondent stands per topic."""
    responses = collation.responses
    questions = []
    for q in collation.questions:
        counts = {p: 0 for p in POSITIONS} | {TO_REVIEW: 0}
        comments = withheld = 0
        for r in responses:
            a = r.answer(q.id)
            if q.asks_for_choice:
                counts[TO_REVIEW if a.under_review else (a.position or NOT_ANSWERED)] += 1
            if is_comment(a.comment):
                if r.withholds(q.id):
                    withheld += 1
                else:
                    comments += 1
        questions.append(QuestionTally(q.id, q.text, q.asks_for_choice, len(responses), counts, comments, withheld))
    confidential = {level: sum(1 for r in responses if r.confidential == level) for level in (FULL, PARTIAL, UNSTATED)}
    reviews = sum(1 for r in responses for a in r.answers if a.under_review) + sum(1 for r in responses if r.confidential_review)
    result = Tally(collation.reference, len(responses), confidential, questions, to_review=reviews)
    choice_ids = {q.id for q in collation.questions if q.asks_for_choice}
    for title, ids in topics or []:
        result.topics.append(_topic(title, [i for i in ids if i in choice_ids], collation))
    return result


def _topic(title: str, ids: list[str], collation: Collation) -> TopicTally:
    agreed = disagreed = partly = no_view = review = 0
    for response in collation.responses:
        answers = [response.answer(qid) for qid in ids]
        if not any(a.present and (a.under_review or a.position not in (None, NOT_ANSWERED) or is_comment(a.comment)) for a in answers):
            continue
        views = {a.position for a in answers if not a.under_review}
        if any(a.under_review for a in answers):
            review += 1
        elif DISAGREE in views:
            disagreed += 1
        elif PARTLY in views:
            partly += 1
        elif AGREE in views:
            agreed += 1
        else:
            no_view += 1
    return TopicTally(title, agreed + disagreed + partly + no_view + review, agreed, disagreed, partly, no_view, review)


__all__ = ["AGREE", "DISAGREE", "NO_VIEW", "PARTLY", "NOT_ANSWERED", "TO_REVIEW", "Tally", "QuestionTally", "TopicTally", "tally", "is_comment"]

"""Answers a person must settle: review.csv out, a decisions file back in.

Collation never guesses a position or a confidentiality request it cannot read. Each one is
a row of review.csv (file, question, read, why); the author copies the file, adds the
settled `position` to each row, and passes it back with `--decisions FILE`. A decision's
position is one of the positions (Agree, Disagree, Partly agree, No view, Not answered) or,
for a row whose question is `confidentiality`, one of `no`, `full` or `partial Q2 ...`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from pathlib import Path

from docgen.errors import InputError
from docgen.pack.confidentiality import settle
from docgen.pack.positions import POSITIONS
from docgen.pack.responses import Collation
from docgen.writers.csv_table import excel_csv, text_cell

REVIEW_COLUMNS = ("file", "question", "read", "why")
DECISION_COLUMNS = (*REVIEW_COLUMNS, "position")
CONFIDENTIALITY = "confidentiality"


@dataclass(frozen=True)
class ReviewItem:
    file: str
    question: str
    read: str
    why: str


def review_items(collation: Collation) -> list[ReviewItem]:
    """Everything still unsettled, in the order of the files and the questions."""
    items = []
    for r in collation.responses:
        if r.confidential_review:
            items.append(ReviewItem(r.path.name, CONFIDENTIALITY, r.confidential_read, r.confidential_review))
        for a in r.answers:
            if a.under_review:
                items.append(ReviewItem(r.path.name, a.question_id, a.read or " ".join(a.comment.split()), a.review))
    return items


def review_csv(items: list[ReviewItem]) -> bytes:
    return excel_csv(REVIEW_COLUMNS, ([item.file, item.question, item.read, item.why] for item in items))


def load_decisions(path: Path) -> dict[tuple[str, str], tuple[int, str]]:
    """(file, question) -> (line, position) from a decisions CSV; rows with no position yet
    are left out (still to be reviewed). Raises InputError naming the line of a bad row."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot be read as a UTF-8 CSV ({type(exc).__name__})", "save the decisions file as CSV UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("file", "question", "position") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(path, f"has no {', '.join(missing)} column", f"start from review.csv and add a column named position; columns: {', '.join(DECISION_COLUMNS)}")
    out: dict[tuple[str, str], tuple[int, str]] = {}
    for line, row in enumerate(reader, start=2):
        position = " ".join(text_cell(row.get("position") or "").split())
        key = (text_cell((row.get("file") or "").strip()), " ".join(text_cell(row.get("question") or "").split()))
        if not position:
            continue
        if key in out:
            raise InputError(path, f"line {line}: a second decision for {key[0]} {key[1]}", "keep one row per file and question")
        out[key] = (line, position)
    return out


def apply_decisions(collation: Collation, decisions: dict[tuple[str, str], tuple[int, str]], path: Path) -> list[str]:
    """Settle the collation's answers by the decisions; returns notes on decisions that match
    no answer of the collated forms. Raises InputError for a position that is not one."""
    by_name = {r.path.name: r for r in collation.responses}
    question_ids = [q.id for q in collation.questions]
    notes = []
    for (file, question), (line, position) in sorted(decisions.items(), key=lambda kv: kv[1][0]):
        response = by_name.get(file)
        if response is None:
            notes.append(f"{path}: line {line}: {file} is not among the collated forms; decision not used")
            continue
        if question.lower() == CONFIDENTIALITY:
            secrecy = settle(position, question_ids)
            if secrecy is None:
                raise InputError(path, f"line {line}: {position!r} is not a confidentiality decision", "write no, full, or partial and the questions (partial Q2 Q3)")
            response.confidential = secrecy.level
            response.confidential_questions = secrecy.questions
            response.confidential_review = ""
            continue
        chosen = next((p for p in POSITIONS if p.lower() == position.lower()), None)
        if chosen is None:
            raise InputError(path, f"line {line}: {position!r} is not a position", f"write one of {', '.join(POSITIONS)}")
        index = next((i for i, a in enumerate(response.answers) if a.question_id.lower() == question.lower() and a.present), None)
        if index is None or not next(q for q in collation.questions if q.id == response.answers[index].question_id).asks_for_choice:
            notes.append(f"{path}: line {line}: {file} has no answer to {question} that takes a position; decision not used")
            continue
        response.answers[index] = replace(response.answers[index], position=chosen, review="")
    return notes

"""Which provision of the previous version each clause is: Akoma Ntoso's `wId`.

A clause keeps its text when it is renumbered (18.5(q) became 18.5(p)(i) in S1SR v11 -> v12),
so the id it had before is found by its text. Only texts that occur once in each version
are trusted, as the baseline lint does: boilerplate ("Not used.") would pair the wrong
provisions. `wid` is set only where the id changed; an unchanged id needs no history.
"""

from __future__ import annotations

from docgen.model import Clause, Document
from docgen.transforms.wording import normalise_text

# Shorter texts recur by chance too often to identify a provision.
MIN_TEXT = 12


def unique_texts(clauses: list[Clause]) -> dict[str, Clause]:
    """Folded text -> clause, for texts long enough and found once only."""
    counts: dict[str, int] = {}
    first: dict[str, Clause] = {}
    for clause in clauses:
        key = normalise_text(clause.text)
        if len(key) < MIN_TEXT:
            continue
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, clause)
    return {k: c for k, c in first.items() if counts[k] == 1}


def assign_wids(doc: Document, previous: Document) -> int:
    """Set `wid` on every clause of `doc` whose provision had another id in `previous`;
    returns how many were set."""
    before = unique_texts(previous.clauses)
    count = 0
    for key, clause in unique_texts(doc.clauses).items():
        old = before.get(key)
        if old is not None and old.eid != clause.eid:
            clause.wid = old.eid
            count += 1
    return count

"""Where a run of promoted sub-items ends, from evidence rather than label patterns alone.

The text pattern (short fragments ending ';' after a lead-in ending ':') finds where a run
starts; it cannot tell the run's last sub-item from a real item right after it whose text
is just as short ("(q) returns an empty log;"). Taking one too many shifts every later
item by one and makes `docgen fix` rewrite correct DMVES rows. So the range is settled by:

* the previous version, when given: the texts are aligned as for `baseline/shift` (a text
  found once in each version is the same provision), and the run is exactly the items
  whose text was a sub-item of the lead-in's text there (an edited sub-item between two
  such items is taken along);
* else the matrix: each possible run length gives each later item a corrected reference,
  and the length under which most DMVES rows cite a clause that names what they name wins
  (a row citing a reference that exists at all counts for a little: at the end of the list,
  a terse last item's row is the only evidence). The text pattern's run is cut to the
  longest length the rows support best; when the whole run ties with a shorter one, the
  rows cannot tell whether its last items belong to it: the shorter is proposed and those
  items are named in a warning, never moved;
* with no evidence either way (no baseline, a matrix that fits every length alike or the
  document's current numbering), the text pattern's run stands. So does a run closed by its
  own text (a last fragment ending '.').
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from docgen.checks.baseline_edits import speaks_of
from docgen.checks.context import LintContext
from docgen.model import Clause, Matrix
from docgen.transforms.lineage import unique_texts


@dataclass
class Evidence:
    """What the lint was given besides the document: the previous version's clause for each
    clause whose text it shares (by id of the new clause), and the matrix."""

    old_of: dict[int, Clause] = field(default_factory=dict)
    matrix: Matrix | None = None
    baseline_name: str | None = None

    @classmethod
    def build(cls, ctx: LintContext, baseline: LintContext | None, matrix: Matrix | None) -> Evidence:
        old_of: dict[int, Clause] = {}
        if baseline is not None:
            old_texts = unique_texts(baseline.doc.clauses)
            for key, clause in unique_texts(ctx.doc.clauses).items():
                old = old_texts.get(key)
                if old is not None:
                    old_of[id(clause)] = old
        return cls(old_of, matrix, baseline.name if baseline is not None else None)


@dataclass
class Settled:
    items: list[Clause]  # the run's promoted items
    uncertain: list[Clause] = field(default_factory=list)  # items that may belong to it too
    source: str = "text"  # "baseline", "matrix" or "text": what decided the range


def from_baseline(items: list[Clause], lead: int, evidence: Evidence) -> list[Clause] | None:
    """The run after items[lead] as the previous version had it: None when the previous
    version does not know the lead-in's text or gave it no sub-items (no evidence)."""
    old_lead = evidence.old_of.get(id(items[lead]))
    if old_lead is None or not old_lead.children:
        return None
    run: list[Clause] = []
    pending: list[Clause] = []
    for clause in items[lead + 1 :]:
        old = evidence.old_of.get(id(clause))
        if old is None:
            pending.append(clause)  # an edited text: part of the run only between two that are
            continue
        if old.parent is not old_lead:
            break
        run.extend(pending)
        pending = []
        run.append(clause)
    return run


def from_matrix(candidates: list[Clause], refs_for: Callable[[int], dict[str, Clause]], evidence: Evidence) -> Settled | None:
    """The run length the DMVES rows support best; `refs_for(n)` is the corrected reference
    -> clause table if the run had n items. None when no length is better than another."""
    if evidence.matrix is None or len(candidates) < 2:
        return None
    rows = [r for r in evidence.matrix.rows if not r.removed]
    scores: dict[int, int] = {}
    strong: dict[int, int] = {}
    for n in range(0, len(candidates) + 1):
        table = refs_for(n)
        # A row citing a clause that names what it names is strong evidence; one citing a
        # reference that exists at all under this length (the list's last item) is weak.
        cited = [row for row in rows if row.ref in table]
        strong[n] = sum(1 for row in cited if speaks_of(table[row.ref], row))
        scores[n] = 2 * strong[n] + len(cited)
    # A matrix whose rows fit the document as it is (n = 0: nothing promoted) better than
    # any correction cites the current numbering: it says nothing about where the run ends.
    scores.pop(0)
    if strong.pop(0) > max(strong.values()):
        return None
    best = max(scores.values())
    if all(score == best for score in scores.values()):
        return None
    tied = [n for n, score in scores.items() if score == best]
    full = len(candidates)
    if tied[-1] == full and len(tied) > 1:
        # The rows cannot rule out the text pattern's whole run, nor a shorter one: the
        # items in between are uncertain and stay items.
        length = tied[-2]
        return Settled(candidates[:length], candidates[length:], "matrix")
    # The text pattern's run as far as the rows allow it.
    return Settled(candidates[: tied[-1]], [], "matrix")


__all__ = ["Evidence", "Settled", "from_baseline", "from_matrix"]

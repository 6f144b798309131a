"""What `docgen fix` checks on the result before it writes a byte.

The fix is derived from the lint, so the only proof it did what the lint meant is to read
back what it would write and lint that again, against the same baseline and the updated
matrix. Two outcomes make it refuse (exit 2, nothing written):

* the correction did not take: a root-cause error (promoted sub-items, roman items at the
  letter level, a baseline shift, a stale matrix reference) is still there, or an error now
  sits at a clause the fix renumbered — the fix itself would have put it there;
* a DMVES row would be rewritten although the clause its reference names in the fixed
  document is the text the row describes (its SRVs, or its Device Models, are in it) and the
  clause at its new reference is not: rewriting it would break a correct row.

Errors that were there before and that the renumbering does not touch stay the user's to
correct: the outputs are written and the exit code is 1, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from docgen.checks import Finding
from docgen.checks.baseline_edits import speaks_of
from docgen.model import Document, MatrixRow

# The rules whose findings the fix exists to remove.
CORRECTED_RULES = (
    "numbering/promoted-subitems",
    "numbering/roman-at-letter-level",
    "baseline/shift",
    "baseline/stale-reference",
)


@dataclass(frozen=True)
class Refusal:
    reason: str


def wrongly_moved_rows(rows: Iterable[MatrixRow], fixed: Document, mapping: Mapping[str, str]) -> list[tuple[MatrixRow, str]]:
    """(row, its new ref) for each row the matrix update would move away from the clause
    that, in the fixed document, says what the row says."""
    by_ref = fixed.by_ref()
    out: list[tuple[MatrixRow, str]] = []
    for row in rows:
        new = mapping.get(row.ref)
        if new is None or new == row.ref:
            continue
        if speaks_of(by_ref.get(row.ref), row) and not speaks_of(by_ref.get(new), row):
            out.append((row, new))
    return out


def refusal(after: list[Finding], mapping: Mapping[str, str]) -> Refusal | None:
    """Why the re-read result is not what the fix promised, or None when it is."""
    renumbered = set(mapping.values())
    left = [f for f in after if f.rule in CORRECTED_RULES]
    placed = [f for f in after if f.rule not in CORRECTED_RULES and f.ref in renumbered]
    bad = left + placed
    if not bad:
        return None
    first = bad[0]
    more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
    return Refusal(f"after the fix, the lint still reports {first.rule} at {first.ref}{more}: {first.message}")


__all__ = ["CORRECTED_RULES", "Refusal", "refusal", "wrongly_moved_rows"]

"""What changed after the consultation: designated -> consulted -> final, three ways.

The conclusion's "Summary of Changes made after consultation" must list only what DCC
changed in response to the consultation, not the changes it consulted on. Comparing the
consulted version with the final one gives those; the designated version tells what each
one is: a proposal amended, a proposal withdrawn (the clause is back to its designated
text), or a change not consulted on. The same consulted -> final comparison is published as
the "redline from Consultation version".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docgen.pack.drafting import clause_changes

AMENDED = "Proposed change amended after consultation"
WITHDRAWN = "Proposed change withdrawn: the clause returns to its designated text"
NEW = "Change made after consultation (not in the consultation version)"


@dataclass(frozen=True)
class LaterChange:
    document: str  # short name
    ref: str
    kind: str  # AMENDED / WITHDRAWN / NEW
    kinds: tuple[str, ...]  # inserted, modified, ... in consulted -> final
    words: tuple[tuple[int, str], ...]  # the consulted -> final word diff of its first paragraph
    old_text: str
    new_text: str


def _texts(document: Any) -> dict[str, str]:
    return {c.ref: c.text for c in document.clauses}


def later_changes(short_name: str, designated: Any, consulted: Any, final: Any) -> tuple[list[LaterChange], Any]:
    """Clauses changed between the consulted and final versions, each classified against the
    designated one; and the consulted -> final comparison (the redline to publish)."""
    from docgen.transforms.compare import compare

    later = compare(consulted, final)
    consulted_changes = {c.ref for c in clause_changes(compare(designated, consulted))[0]}
    before = _texts(designated)
    after = _texts(final)
    by_ref: dict[str, Any] = {}
    for ch in later.changes:
        if ch.ref and ch.ref not in by_ref and ch.op != "move_from" and ch.is_change:
            by_ref[ch.ref] = ch
    out = []
    for change in clause_changes(later)[0]:
        if change.ref in before and change.ref in after and before[change.ref] == after[change.ref]:
            kind = WITHDRAWN
        elif change.ref in consulted_changes or (change.old_ref and change.old_ref in consulted_changes):
            kind = AMENDED
        else:
            kind = NEW
        ch = by_ref.get(change.ref)
        out.append(
            LaterChange(
                short_name,
                change.ref,
                kind,
                change.kinds,
                tuple(ch.words) if ch is not None and ch.words else (),
                ch.old.text if ch is not None and ch.old is not None else "",
                ch.new.text if ch is not None and ch.new is not None else "",
            )
        )
    return out, later

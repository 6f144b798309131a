"""Which consultation proposed a change: the pack descriptions' drafting rows, by version step.

A pack re-designates a document from `version_from` to `version_to` and describes its
changes in [[drafting]] rows that cover clause refs (ranges, and with `subclauses` every
clause below them). A change between two versions of the chain is attributed to every pack
that makes that version step for that document and whose rows cover the clause's old or
new ref. A pack that makes the step but describes no row for the clause is still named: the
change was in its redline, undescribed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docgen.refs import Ref, RefError, parse_refs, read_ref
from docgen.transforms.chain import version_key


@dataclass(frozen=True)
class Proposal:
    pack: str  # the pack's reference, "s1sr-2025-correction"
    title: str
    drafting_ref: str | None  # the drafting row's ref as written; None when no row covers it
    description: str | None

    def to_json(self) -> dict:
        return {"pack": self.pack, "title": self.title, "drafting_ref": self.drafting_ref, "description": self.description}

    def describe(self) -> str:
        if self.drafting_ref is None:
            return f"{self.pack} (its redline makes this change; no drafting row describes it)"
        return f"{self.pack}, drafting row {self.drafting_ref}: {self.description}"


@dataclass(frozen=True)
class DraftingRow:
    """One [[drafting]] row of a pack: the ref as written, what it says, the refs it covers."""

    ref: str
    description: str
    refs: tuple[Ref, ...]
    subclauses: bool

    @classmethod
    def of(cls, ref: str, description: str, refs: tuple[str, ...], subclauses: bool) -> DraftingRow:
        return cls(ref, description, _refs(refs or (ref,)), subclauses)


@dataclass(frozen=True)
class PackStep:
    """One pack's re-designation of one document, `version_from` -> `version_to`."""

    pack: str
    title: str
    appendix: str | None
    short_name: str
    old: tuple[int, ...]
    new: tuple[int, ...]
    rows: tuple[DraftingRow, ...]


class Proposals:
    """The pack descriptions of a folder, indexed by the version step each pack makes (read
    from the folder by `docgen.pack.proposals`, which knows the pack format)."""

    def __init__(self, steps: list[PackStep]):
        self.steps = steps

    def for_change(self, appendix: str | None, old_version: str | None, new_version: str | None, refs: list[str]) -> list[Proposal]:
        """The packs that proposed a change of the clause known as `refs` (old and new ref)."""
        old, new = version_key(old_version), version_key(new_version)
        wanted = [r for r in (read_ref(x) for x in refs) if r is not None]
        out: list[Proposal] = []
        for step in self.steps:
            if (step.old, step.new) != (old, new) or (appendix and step.appendix and appendix != step.appendix):
                continue
            rows = [row for row in step.rows if any(_covers(row, r) for r in wanted)]
            if rows:
                out.extend(Proposal(step.pack, step.title, row.ref, row.description) for row in rows)
            else:
                out.append(Proposal(step.pack, step.title, None, None))
        return out


def _refs(texts: tuple[str, ...]) -> tuple[Ref, ...]:
    out: list[Ref] = []
    for text in texts:
        try:
            out.extend(parse_refs(text))
        except RefError:
            continue  # the pack loader already vetted the rows it needs; free text covers nothing
    return tuple(out)


def _covers(row: DraftingRow, ref: Ref) -> bool:
    for r in row.refs:
        plain = replace(r, doc=None)
        if plain == ref or (row.subclauses and plain.is_ancestor_of(ref)):
            return True
    return False

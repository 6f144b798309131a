"""A clause's line through the versions of a document: `docgen history`.

Identity follows the content alignment (docgen/transforms/chain.py), never the label: the
Geo Solo item is 18.5(t) in S1SR v11, 18.5(z) in v12 and 18.5(t) again in v12.2, one line
with two renumberings; and 18.5(q) of v11 and 18.5(q) of v12 are two different lines. Each
step of a line says what happened between two versions, with the word diff of a changed
text and the consultations (packs) that proposed the change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.model import Clause, Document
from docgen.transforms.chain import link, render_words
from docgen.transforms.proposals import Proposal, Proposals


@dataclass
class Step:
    """One version of a line: the clause as it is there, and how it got there."""

    version: str
    ref: str | None  # None: the clause is not in this version
    num: str = ""
    text: str = ""
    previous_ref: str | None = None  # the ref in the version before, when there was one
    changes: tuple[str, ...] = ()  # inserted, deleted, modified, moved, renumbered; () unchanged
    level_changed: bool = False
    words: list[tuple[int, str]] = field(default_factory=list)
    proposed_by: list[Proposal] = field(default_factory=list)

    @property
    def present(self) -> bool:
        return self.ref is not None

    def to_json(self) -> dict:
        out: dict = {
            "version": self.version,
            "ref": self.ref,
            "num": self.num,
            "previous_ref": self.previous_ref,
            "changes": list(self.changes),
            "level_changed": self.level_changed,
        }
        if self.words:
            out["word_diff"] = render_words(self.words)
            out["words"] = [[op, text] for op, text in self.words]
        if self.proposed_by:
            out["proposed_by"] = [p.to_json() for p in self.proposed_by]
        return out


@dataclass
class Line:
    """One provision's life: a Step per version, oldest first."""

    steps: list[Step]

    @property
    def refs(self) -> list[str]:
        """Every ref the provision had, each once, in order."""
        out: list[str] = []
        for s in self.steps:
            if s.ref is not None and s.ref not in out:
                out.append(s.ref)
        return out

    @property
    def label(self) -> str:
        """The ref a reader looks the line up by: the latest one it had."""
        return next(s.ref for s in reversed(self.steps) if s.ref is not None)

    @property
    def text(self) -> str:
        return next(s.text for s in reversed(self.steps) if s.ref is not None)

    @property
    def changed(self) -> bool:
        return any(s.changes or s.level_changed for s in self.steps)

    def to_json(self) -> dict:
        return {"ref": self.label, "refs": self.refs, "text": self.text, "changed": self.changed, "versions": [s.to_json() for s in self.steps]}


@dataclass
class History:
    versions: list[Document]  # oldest first
    lines: list[Line]

    def matching(self, ref: str) -> list[Line]:
        """The lines that carry `ref` in any version (a reused label names several)."""
        return [line for line in self.lines if ref in line.refs]

    def to_json(self, lines: list[Line] | None = None) -> dict:
        return {
            "versions": [{"version": d.version, "source": d.source} for d in self.versions],
            "lines": [line.to_json() for line in (self.lines if lines is None else lines)],
        }


def build_history(versions: list[Document], proposals: Proposals | None = None) -> History:
    """Lines for every clause of `versions` (already in version order)."""
    proposals = proposals or Proposals([])
    first = versions[0]
    lines: list[Line] = []
    current: dict[int, Line] = {}  # id(clause of the latest version read) -> its line
    for clause in first.clauses:
        line = Line([_present(first, clause)])
        lines.append(line)
        current[id(clause)] = line
    order = list(lines)
    for k in range(1, len(versions)):
        old, new = versions[k - 1], versions[k]
        pairing = link(old, new)
        nxt: dict[int, Line] = {}
        placed: list[Line] = []
        for item in pairing.links:
            line = current.get(id(item.old)) if item.old is not None else None
            if line is None:
                line = Line([Step(v.version or "", None) for v in versions[:k]])
                lines.append(line)
            step = _step(new, item.new, item.old, item.changes, item.level_changed, item.words)
            step.proposed_by = _proposed(proposals, old, new, item.old, item.new) if step.changes or step.level_changed else []
            line.steps.append(step)
            if item.new is not None:
                nxt[id(item.new)] = line
            placed.append(line)
        order = _merge_order(order, placed)
        for line in order:  # lines gone before this step stay absent
            if len(line.steps) == k:
                line.steps.append(Step(new.version or "", None))
        current = nxt
    return History(versions, order)


def _present(doc: Document, clause: Clause) -> Step:
    return Step(doc.version or "", clause.ref, clause.num, clause.text)


def _step(doc: Document, new: Clause | None, old: Clause | None, changes: tuple[str, ...], level_changed: bool, words: list[tuple[int, str]]) -> Step:
    previous = old.ref if old is not None else None
    if new is None:
        return Step(doc.version or "", None, previous_ref=previous, changes=changes)
    return Step(doc.version or "", new.ref, new.num, new.text, previous, changes, level_changed, words)


def _proposed(proposals: Proposals, old: Document, new: Document, o: Clause | None, n: Clause | None) -> list[Proposal]:
    refs = [c.ref for c in (o, n) if c is not None]
    return proposals.for_change(new.appendix or old.appendix, old.version, new.version, refs)


def _merge_order(previous: list[Line], placed: list[Line]) -> list[Line]:
    """NEW's order for the lines this step touched; lines already gone keep their place after
    the line they followed before."""
    seen = {id(line) for line in placed}
    out = list(placed)
    after: dict[int, list[Line]] = {}
    anchor: int | None = None
    for line in previous:
        if id(line) in seen:
            anchor = id(line)
        else:
            after.setdefault(anchor if anchor is not None else -1, []).append(line)
    if not after:
        return out
    merged: list[Line] = list(after.get(-1, []))
    for line in out:
        merged.append(line)
        merged.extend(after.get(id(line), []))
    return merged


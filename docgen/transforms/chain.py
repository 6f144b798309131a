"""One clause's identity from one version to the next, read off the content alignment.

The comparison (docgen/transforms/compare) aligns paragraphs by what they say, so a clause
renumbered from 18.5(t) to 18.5(z) is still paired with itself. `link` turns that paragraph
pairing into a clause pairing, with what happened to each clause on the way: the same
identity the redline shows and `lineage.assign_wids` records as `wid`.

Numbered table steps have no paragraph of their own; they are paired through the cells the
comparison aligned (each ParaChange carries both rows' step refs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docgen.errors import InputError
from docgen.model import Clause, Document
from docgen.transforms.compare import Comparison, compare, word_diff

_VERSION = re.compile(r"^\d+(?:\.\d+)*$")


@dataclass
class Link:
    """What became of one clause of OLD in NEW (`new` None: deleted)."""

    old: Clause | None  # None: inserted in NEW
    new: Clause | None
    changes: tuple[str, ...]  # of inserted, deleted, modified, moved, renumbered; () unchanged
    words: list[tuple[int, str]] = field(default_factory=list)  # word diff when modified
    level_changed: bool = False


@dataclass
class ClauseMap:
    """The clause pairing of one comparison, in NEW's order (deleted clauses where they stood)."""

    comparison: Comparison
    links: list[Link]
    by_old: dict[int, Link]  # id(old clause) -> link
    by_new: dict[int, Link]  # id(new clause) -> link


def version_key(text: str | None) -> tuple[int, ...] | None:
    """The version as numbers: '12' and '12.0' are one version, and 12.2 comes before 12.10."""
    if not text or not _VERSION.match(text.strip()):
        return None
    parts = [int(p) for p in text.strip().split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def order_versions(docs: list[Document]) -> list[Document]:
    """The documents oldest first, by the version each states; a missing, unreadable or
    repeated version is an error (the chain's order would be a guess)."""
    keyed: list[tuple[tuple[int, ...], Document]] = []
    seen: dict[tuple[int, ...], str] = {}
    for doc in docs:
        key = version_key(doc.version)
        if key is None:
            stated = f"states version {doc.version!r}" if doc.version else "states no version docgen can read"
            raise InputError(doc.source, f"{stated}, so its place in the chain is unknown", "give versions whose cover or properties say e.g. 'version 12.2'")
        if key in seen:
            raise InputError(doc.source, f"states version {doc.version}, as {seen[key]} does", "give each version once")
        seen[key] = doc.source
        keyed.append((key, doc))
    appendices = {d.appendix for d in docs if d.appendix}
    if len(appendices) > 1:
        raise InputError(docs[-1].source, f"the documents are different appendices ({', '.join(sorted(appendices))})", "give versions of one document")
    return [doc for _, doc in sorted(keyed, key=lambda kd: kd[0])]


def link(old: Document, new: Document, comparison: Comparison | None = None) -> ClauseMap:
    """Pair OLD's clauses with NEW's through the content alignment."""
    comparison = comparison or compare(old, new)
    links: list[Link] = []
    by_old: dict[int, Link] = {}
    by_new: dict[int, Link] = {}
    old_steps = _steps(old)
    new_steps = _steps(new)

    def add(o: Clause | None, n: Clause | None, moved: bool) -> None:
        if (o is not None and id(o) in by_old) or (n is not None and id(n) in by_new):
            return
        item = _make(o, n, moved)
        links.append(item)
        if o is not None:
            by_old[id(o)] = item
        if n is not None:
            by_new[id(n)] = item

    for ch in comparison.changes:
        o = ch.old.clause if ch.old is not None else None
        n = ch.new.clause if ch.new is not None else None
        if o is None and n is None and (ch.old_cell or ch.new_cell):
            o = old_steps.get(ch.old_ref) if ch.old is not None else None
            n = new_steps.get(ch.new_ref) if ch.new is not None else None
        if ch.op == "move_from":
            continue  # its move_to twin carries both sides
        if ch.op in ("equal", "modify", "move_to"):
            if o is not None or n is not None:
                add(o, n, ch.op == "move_to")
        elif ch.op == "delete" and o is not None:
            add(o, None, False)
        elif ch.op == "insert" and n is not None:
            add(None, n, False)
    # Clauses no paragraph carried (rare: a reader's synthetic parent) pair by ref and text.
    new_by_ref = new.by_ref()
    for o in old.clauses:
        if id(o) not in by_old:
            n = new_by_ref.get(o.ref)
            add(o, n if n is not None and id(n) not in by_new and n.text == o.text else None, False)
    for n in new.clauses:
        if id(n) not in by_new:
            add(None, n, False)
    return ClauseMap(comparison, links, by_old, by_new)


def _steps(doc: Document) -> dict[str | None, Clause]:
    out: dict[str | None, Clause] = {}
    for c in doc.clauses:
        if c.kind == "step":
            out.setdefault(c.ref, c)
    return out


def _make(o: Clause | None, n: Clause | None, moved: bool) -> Link:
    if o is None:
        return Link(None, n, ("inserted",))
    if n is None:
        return Link(o, None, ("deleted",))
    changes: list[str] = []
    words: list[tuple[int, str]] = []
    if moved:
        changes.append("moved")
    if o.ref != n.ref:
        changes.append("renumbered")
    if _fold(o.text) != _fold(n.text):
        changes.append("modified")
        words = word_diff(o.text, n.text)
    return Link(o, n, tuple(changes), words, o.level != n.level)


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def render_words(words: list[tuple[int, str]]) -> str:
    """A word diff in one line of plain text: [-deleted-]{+inserted+}, as git's word diff."""
    out = []
    for op, text in words:
        text = re.sub(r"\s+", " ", text)
        out.append(text if op == 0 else (f"[-{text}-]" if op < 0 else f"{{+{text}+}}"))
    return "".join(out)

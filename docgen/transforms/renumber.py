"""Planning a renumbering on the clause model: which paragraphs change level, and why.

Word numbers list items from their level (`ilvl`), so moving an item is a level change and
every number after it follows by itself. The plan follows the rule of Lawmaker, the UK
Parliament's drafting tool:

* demoting an item puts it under its previous sibling, as that sibling's last child: an
  `(a)`-level item becomes an `(i)`-level item; its own children go one level down with it;
  the siblings after it are renumbered by Word;
* promoting an item puts it right after its parent, at the parent's level; its children
  come up with it, and the siblings that followed it become its children (they follow it in
  the document, one level deeper), which makes promotion the exact inverse of demotion.

Requests are applied one at a time in document order on a light copy of the tree, so a run
such as `18.5(q)..18.5(v)` lands as `18.5(p)(i)..(vi)`: once (q) is under (p), (p) is (r)'s
previous sibling too. The plan is checked here (the item exists, has a previous sibling or a
parent, is numbered by Word and the list has the target level) so an impossible request
fails before anything is written; the refs that result are read back from the renumbered
package by the command, since only the real numbering renderer knows them for certain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from docgen.errors import UsageError
from docgen.model import Clause, Document
from docgen.ooxml.lists.levels import LevelChange
from docgen.ooxml.lists.numbering import MAX_LEVELS, NumberingDefs
from docgen.refs import Ref, RefError, parse_ref, parse_refs

DEMOTE = "demote"
PROMOTE = "promote"


@dataclass
class LevelPlan:
    changes: dict[int, LevelChange] = field(default_factory=dict)  # by paragraph index
    # Paragraphs whose number is typed text -> levels they move (only with typed=True):
    # the fix rewrites their typed labels instead of a list level.
    typed: dict[int, int] = field(default_factory=dict)
    # Moved paragraph -> paragraph of the parent it must end up under (None: top level).
    parents: dict[int, int | None] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (demote|promote, ref)

    def __bool__(self) -> bool:
        return bool(self.changes or self.typed)


@dataclass(frozen=True)
class RefChange:
    old: str
    new: str
    paragraph: int

    def line(self) -> str:
        """legislation.gov.uk's annotation wording."""
        return f"{self.old} renumbered as {self.new}"


@dataclass
class _Node:
    clause: Clause
    depth: int
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)

    def walk(self) -> Iterable[_Node]:
        yield self
        for child in self.children:
            yield from child.walk()


class _Tree:
    """A disposable copy of the body's clause tree that requests are applied to in turn."""

    def __init__(self, doc: Document):
        self.roots: list[_Node] = []
        self.nodes: dict[int, _Node] = {}
        for clause in body_clauses(doc):
            parent = self.nodes.get(id(clause.parent)) if clause.parent is not None else None
            node = _Node(clause, clause.level, parent)
            (parent.children if parent is not None else self.roots).append(node)
            self.nodes[id(clause)] = node

    def siblings(self, node: _Node) -> list[_Node]:
        return node.parent.children if node.parent is not None else self.roots

    def demote(self, node: _Node) -> None:
        siblings = self.siblings(node)
        index = siblings.index(node)
        previous = siblings[index - 1]
        del siblings[index]
        previous.children.append(node)
        node.parent = previous
        for n in node.walk():
            n.depth += 1

    def promote(self, node: _Node) -> None:
        parent = node.parent
        assert parent is not None
        index = parent.children.index(node)
        later = parent.children[index + 1 :]
        del parent.children[index:]
        outer = self.siblings(parent)
        outer.insert(outer.index(parent) + 1, node)
        node.parent = parent.parent
        for n in node.walk():
            n.depth -= 1
        node.children.extend(later)
        for n in later:
            n.parent = node


def body_clauses(doc: Document) -> list[Clause]:
    """Clauses that are body paragraphs (table steps are numbered by their table, not a list)."""
    return [c for c in doc.clauses if c.source.paragraph is not None and c.source.table is None]


def ref_depth(ref: Ref) -> int:
    return len(ref.number.split(".")) + len(ref.points)


def resolve_targets(doc: Document, spec: str) -> list[Clause]:
    """The clauses a --demote/--promote argument names: REF, REF..REF (siblings in document
    order, first to last) or a list/range as a matrix cell would spell it."""
    by_ref = doc.by_ref()
    text = spec.strip()
    if ".." in text:
        first_text, _, last_text = text.partition("..")
        first = _lookup(doc, by_ref, _read_one(doc, first_text), spec)
        last = _lookup(doc, by_ref, _read_one(doc, last_text), spec)
        if first.parent is not last.parent:
            raise UsageError(
                f"{doc.source}: {first.ref} and {last.ref} in {spec!r} are not items of the same list; "
                "a range runs between siblings, such as 18.5(q)..18.5(v)"
            )
        siblings = first.parent.children if first.parent is not None else [c for c in body_clauses(doc) if c.parent is None]
        start, end = _index(siblings, first), _index(siblings, last)
        if start > end:
            raise UsageError(f"{doc.source}: {first.ref} comes after {last.ref}; write the range {last.ref}..{first.ref}")
        return siblings[start : end + 1]
    try:
        refs = parse_refs(text)
    except RefError as exc:
        raise UsageError(f"{doc.source}: cannot read {spec!r} as a clause reference ({exc}); write e.g. 18.5(q) or 18.5(q)..18.5(v)") from None
    return [_lookup(doc, by_ref, ref, spec) for ref in refs]


def _index(items: list[Clause], clause: Clause) -> int:
    return next(i for i, c in enumerate(items) if c is clause)


def _read_one(doc: Document, text: str) -> Ref:
    try:
        return parse_ref(text)
    except RefError as exc:
        raise UsageError(f"{doc.source}: cannot read {text.strip()!r} as a clause reference ({exc}); write e.g. 18.5(q)") from None


def _lookup(doc: Document, by_ref: dict[str, Clause], ref: Ref, spec: str) -> Clause:
    key = ref.canonical()
    clause = by_ref.get(key)
    if clause is None or clause.source.paragraph is None or clause.source.table is not None:
        raise UsageError(
            f"{doc.source}: no numbered paragraph {key} in the document (from {spec!r}); "
            f"list its references with `docgen parse {doc.source} --format text`"
        )
    return clause


def plan_moves(
    doc: Document,
    demote: Iterable[Clause],
    promote: Iterable[Clause],
    defs: NumberingDefs | None = None,
    *,
    typed: bool = False,
) -> LevelPlan:
    """The level changes that demote and promote the given clauses (demotions first, each
    list in document order). Raises UsageError, naming the file and ref, when one cannot be
    done; nothing has been changed at that point. With `typed`, an item whose number is
    typed text is planned too (in `plan.typed`): `docgen fix` knows the labels it must get."""
    demote = _in_order(doc, demote)
    promote = _in_order(doc, promote)
    both = {id(c) for c in demote} & {id(c) for c in promote}
    if both:
        clash = next(c.ref for c in demote if id(c) in both)
        raise UsageError(f"{doc.source}: {clash} is asked to be both demoted and promoted; ask for one")
    tree = _Tree(doc)
    plan = LevelPlan()
    for verb, clauses in ((DEMOTE, demote), (PROMOTE, promote)):
        for clause in clauses:
            node = tree.nodes[id(clause)]
            _check_possible(doc, tree, node, verb)
            if verb == DEMOTE:
                tree.demote(node)
            else:
                tree.promote(node)
            plan.requests.append((verb, clause.ref))
    for node in tree.nodes.values():
        delta = node.depth - node.clause.level
        if delta and typed and node.clause.numbering == "literal":
            plan.typed[node.clause.source.paragraph] = delta  # type: ignore[index]
        elif delta:
            plan.changes[node.clause.source.paragraph] = _level_change(doc, node.clause, delta, defs)  # type: ignore[index]
        moved = delta or (node.parent.clause if node.parent else None) is not node.clause.parent
        if moved:
            parent = node.parent.clause.source.paragraph if node.parent is not None else None
            plan.parents[node.clause.source.paragraph] = parent  # type: ignore[index]
    return plan


def _in_order(doc: Document, clauses: Iterable[Clause]) -> list[Clause]:
    position = {id(c): i for i, c in enumerate(doc.clauses)}
    unique = {id(c): c for c in clauses}
    return sorted(unique.values(), key=lambda c: position[id(c)])


def _check_possible(doc: Document, tree: _Tree, node: _Node, verb: str) -> None:
    ref = node.clause.ref
    if verb == DEMOTE:
        siblings = tree.siblings(node)
        if siblings.index(node) == 0:
            where = f"the first item under {node.parent.clause.ref}" if node.parent else "the first numbered paragraph at its level"
            raise UsageError(
                f"{doc.source}: cannot demote {ref}: it has no previous sibling to go under ({where}); "
                "demote the items after it, or promote instead"
            )
    elif node.parent is None:
        raise UsageError(f"{doc.source}: cannot promote {ref}: it is already at the top level; promote an item inside it instead")


def _level_change(doc: Document, clause: Clause, delta: int, defs: NumberingDefs | None) -> LevelChange:
    facts = clause.word_list
    if clause.numbering != "auto" or facts is None or facts.ilvl is None or facts.num_id is None:
        raise UsageError(
            f"{doc.source}: cannot move {clause.ref}: its number is typed text, not Word numbering, "
            "and renumbering changes Word numbering only; make it a numbered list item in Word first"
        )
    old = facts.ilvl
    new = old + delta
    num_id = facts.num_id
    if not 0 <= new < MAX_LEVELS:
        raise UsageError(f"{doc.source}: cannot move {clause.ref} to list level {new + 1}: Word lists have levels 1 to {MAX_LEVELS}")
    if defs is not None:
        level = defs.level(num_id, new)
        if level is None or not level.text or "%" not in level.text:
            raise UsageError(
                f"{doc.source}: cannot move {clause.ref} to list level {new + 1}: Word list {num_id} "
                "numbers no such level; define the level in Word (Define New Multilevel List) first"
            )
    return LevelChange(paragraph=clause.source.paragraph, ref=clause.ref, num_id=num_id, old_ilvl=old, new_ilvl=new)  # type: ignore[arg-type]


def moves_from_mapping(doc: Document, mapping: dict[str, str]) -> tuple[list[Clause], list[Clause]]:
    """Turn a proposed renumbering (old ref -> new ref) into the moves that produce it.

    A ref mapped one level deeper is a demotion (under its previous sibling, as the lint
    proposes for promoted sub-items); one level shallower, a promotion; at the same depth,
    a consequence of the others (later siblings renumbered). A clause whose ancestor moves
    moves with it and is not asked for again. Anything else cannot be done by level changes.
    """
    by_ref = doc.by_ref()
    demote: list[Clause] = []
    promote: list[Clause] = []
    moving: set[int] = set()
    for old, new in mapping.items():
        clause = by_ref.get(old)
        if clause is None or clause.source.paragraph is None:
            raise UsageError(f"{doc.source}: the proposed renumbering names {old}, which is not a numbered paragraph of the document")
        try:
            step = ref_depth(parse_ref(new)) - ref_depth(parse_ref(old))
        except RefError as exc:
            raise UsageError(f"{doc.source}: the proposed renumbering {old} -> {new} is not readable ({exc})") from None
        if step == 0 or _has_moving_ancestor(clause, moving):
            continue
        if abs(step) > 1:
            raise UsageError(
                f"{doc.source}: the proposed renumbering {old} -> {new} moves more than one level; "
                "make that change by hand with `docgen renumber`"
            )
        (demote if step > 0 else promote).append(clause)
        moving.add(id(clause))
    return demote, promote


def _has_moving_ancestor(clause: Clause, moving: set[int]) -> bool:
    up = clause.parent
    while up is not None:
        if id(up) in moving:
            return True
        up = up.parent
    return False


def ref_table(before: Document, after: Document) -> list[RefChange]:
    """Old ref -> new ref for every body clause whose ref changed, paired by paragraph
    (level changes and reference rewrites never add or remove paragraphs). Where a ref is
    duplicated in the old document, its first occurrence speaks for it, as in `by_ref`."""
    new_at = {c.source.paragraph: c for c in body_clauses(after)}
    out: list[RefChange] = []
    seen: set[str] = set()
    for clause in body_clauses(before):
        new = new_at.get(clause.source.paragraph)
        if new is None or new.ref == clause.ref or clause.ref in seen:
            continue
        seen.add(clause.ref)
        out.append(RefChange(clause.ref, new.ref, clause.source.paragraph))  # type: ignore[arg-type]
    return out


def check_placements(source: str, plan: LevelPlan, after: Document) -> None:
    """The renumbered package must put every moved item where the plan said: Word's levels
    and the document's indentation decide the tree, and a list whose levels do not nest as
    expected would otherwise silently give other numbers."""
    at = {c.source.paragraph: c for c in body_clauses(after)}
    for paragraph, parent in plan.parents.items():
        clause = at.get(paragraph)
        got = clause.parent.source.paragraph if clause is not None and clause.parent is not None else None
        if clause is None or got != parent:
            where = clause.ref if clause is not None else f"paragraph {paragraph}"
            raise UsageError(
                f"{source}: after the level change, {where} does not sit where the renumbering needs it "
                "(its list's levels or indentation do not nest); check the list's levels in Word"
            )

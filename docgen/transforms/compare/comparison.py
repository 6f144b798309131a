"""The comparison itself: aligned paragraphs become ParaChanges (equal, modified, inserted,
deleted, moved), with renumbering and level and format changes told apart."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field


from docgen.model import Document, Paragraph
from docgen.transforms.compare.change import OPS, ParaChange
from docgen.transforms.compare.align import aligned_pairs, find_moves, paragraph_keys
from docgen.transforms.compare.facts import ParaFacts, expand_formats, paragraph_facts, shared_markup
from docgen.transforms.compare.stories import STORY_KEYS, STORY_NAMES, StoryChange, body_counts, other_stories, story_counts, table_stories
from docgen.transforms.compare.words import word_diff


@dataclass
class Comparison:
    old: Document
    new: Document
    changes: list[ParaChange]  # NEW's order, deleted and moved-from paragraphs where they stood
    # Every story besides the body's own paragraphs: its tables, then notes, text boxes,
    # headers and footers (see `stories`), unchanged ones included.
    stories: list[StoryChange] = field(default_factory=list)

    def changed_stories(self) -> list[StoryChange]:
        return [s for s in self.stories if s.changed]

    def story_counts(self) -> dict[str, dict[str, int]]:
        """Paragraphs inserted, deleted, modified and moved in each story kind (body, tables, ...)."""
        return story_counts(body_counts(self.changes), self.stories)

    def summary(self) -> dict:
        """The `--summary json` contract: changed clause refs by kind, renumberings old -> new,
        and (`stories`, `story_changes`) the paragraphs changed in every story."""
        out: dict = {"inserted": [], "deleted": [], "modified": [], "moved": [], "renumbered": {}}
        seen: dict[str, set[str]] = {k: set() for k in ("inserted", "deleted", "modified", "moved")}

        def add(kind: str, ref: str | None) -> None:
            if ref and ref not in seen[kind]:
                seen[kind].add(ref)
                out[kind].append(ref)

        for ch in self.changes:
            if ch.op == "insert":
                add("inserted", ch.new_ref)
            elif ch.op == "delete":
                add("deleted", ch.old_ref)
            elif ch.op == "modify":
                add("modified", ch.new_ref)
            elif ch.op == "move_to":
                add("moved", ch.new_ref)
            if ch.op in ("equal", "modify") and ch.old_ref and ch.new_ref and ch.old_ref != ch.new_ref:
                out["renumbered"].setdefault(ch.old_ref, ch.new_ref)
        out["stories"] = self.story_counts()
        out["story_changes"] = [s.to_json() for s in self.changed_stories()]
        return out

    def counts(self, summary: dict | None = None) -> dict[str, int]:
        """Clause counts for the summary page, plus paragraph-level totals for change bars
        (from `summary` when the caller has already made it)."""
        s = summary if summary is not None else self.summary()
        counts = {k: len(s[k]) for k in ("inserted", "deleted", "modified", "moved", "renumbered")}
        counts["level_changed"] = sum(1 for c in self.changes if c.level_changed)
        counts["format_changed"] = sum(1 for c in self.changes if c.format_changed)
        counts["paragraphs_changed"] = sum(1 for c in self.changes if c.is_change)
        return counts

    def changed(self) -> list[ParaChange]:
        return [c for c in self.changes if c.is_change]


def count_line(comparison: Comparison, counts: dict[str, int] | None = None) -> str:
    """'3 inserted, 1 deleted, ...': the first line of the summary, what the CLI reports."""
    c = counts if counts is not None else comparison.counts()
    return f"{c['inserted']} inserted, {c['deleted']} deleted, {c['modified']} modified, {c['moved']} moved, {c['renumbered']} renumbered"


def summary_lines(comparison: Comparison) -> list[str]:
    """The change summary in words, shared by the CLI, the PDF first page and the HTML header."""
    s = comparison.summary()
    lines = [count_line(comparison, comparison.counts(s))]
    for key, label in (("inserted", "Inserted"), ("deleted", "Deleted"), ("modified", "Modified"), ("moved", "Moved")):
        if s[key]:
            lines.append(f"{label}: {', '.join(s[key])}")
    lines.extend(f"{old} renumbered as {new}" for old, new in s["renumbered"].items())
    by_story = story_line(comparison)
    if by_story:
        lines.append(f"Paragraphs changed by story: {by_story}")
    for key in STORY_KEYS[1:]:
        entries = [st.entry() for st in comparison.changed_stories() if st.key == key]
        if entries:
            lines.append(f"{STORY_NAMES[key]}: {'; '.join(entries)}")
    return lines


def story_line(comparison: Comparison) -> str:
    """'body 2, tables 1, footnotes 1': paragraphs changed in each story that has any."""
    parts = []
    for key, counts in comparison.story_counts().items():
        n = sum(counts.values())
        if n:
            parts.append(f"{STORY_NAMES[key].lower()} {n}")
    return ", ".join(parts)


# ----- comparison ---------------------------------------------------------------------------


def compare(old: Document, new: Document) -> Comparison:
    old_facts = paragraph_facts(old)
    new_facts = paragraph_facts(new)
    a = paragraph_keys(old, old_facts)
    b = paragraph_keys(new, new_facts)
    pairs = _consistent_rows(aligned_pairs(a, b), old_facts, new_facts)
    old_to_new = dict(pairs)
    new_to_old = {j: i for i, j in pairs}

    moves = find_moves(
        [i for i in range(len(a)) if i not in old_to_new],
        [j for j in range(len(b)) if j not in new_to_old],
        a,
        b,
    )
    move_of_old, move_of_new = _number_moves(moves)

    old_refs = _refs(old, old_facts)
    new_refs = _refs(new, new_facts)

    def make(op: str, i: int | None, j: int | None, move_id: int | None = None) -> ParaChange:
        po = old.paragraphs[i] if i is not None else None
        pn = new.paragraphs[j] if j is not None else None
        fo = old_facts[i] if i is not None else None
        fn = new_facts[j] if j is not None else None
        words: list[tuple[int, str]] = []
        level_changed = renumbered = format_changed = False
        shared: bytes | bool | None = None
        if po is not None and pn is not None:
            if op == "equal" and po.text != pn.text:
                op = "modify"  # same key can only differ by the table marker; kept for safety
            if op == "modify":
                words = word_diff(po.text, pn.text)
            shared = shared_markup(fo, fn)
            alike = shared is not None and shared is not False  # written alike: no property or format can differ
            level_changed = _level_changed(po, pn, fo, fn, alike)
            renumbered = po.num != pn.num
            format_changed = not alike and _format_changed(words, po, pn, fo, fn)
        return ParaChange(
            op=op,
            old=po,
            new=pn,
            words=words,
            old_ref=old_refs[i] if i is not None else None,
            new_ref=new_refs[j] if j is not None else None,
            old_num=po.num if po is not None else "",
            new_num=pn.num if pn is not None else "",
            level_changed=level_changed,
            renumbered=renumbered,
            format_changed=format_changed,
            move_id=move_id,
            anchor="",
            old_cell=fo.cell if fo is not None else None,
            new_cell=fn.cell if fn is not None else None,
            old_pos=i,
            new_pos=j,
            written_alike=None if shared is None else shared is not False,
            markup=shared if isinstance(shared, bytes) else None,
        )

    # Where each new paragraph's gap ends on the old side: old leftovers (deleted, moved away)
    # are emitted before the first new paragraph of their gap, i.e. where they stood.
    next_old = [len(a)] * (len(b) + 1)
    for j in range(len(b) - 1, -1, -1):
        next_old[j] = new_to_old.get(j, next_old[j + 1])
    changes: list[ParaChange] = []
    i = 0
    for j in range(len(b) + 1):
        while i < next_old[j]:
            if i not in old_to_new:
                if i in move_of_old:
                    changes.append(make("move_from", i, None, move_of_old[i]))
                else:
                    changes.append(make("delete", i, None))
            i += 1
        if j == len(b):
            break
        if j in new_to_old:
            oi = new_to_old[j]
            changes.append(make("equal" if a[oi] == b[j] else "modify", oi, j))
            i = max(i, oi + 1)
        elif j in move_of_new:
            changes.append(make("move_to", move_of_new[j][0], j, move_of_new[j][1]))
        else:
            changes.append(make("insert", None, j))
    for k, ch in enumerate(changes):
        ch.anchor = f"chg-{k}"
    stories = table_stories(changes, old, new) + other_stories(old, new)
    return Comparison(old=old, new=new, changes=changes, stories=stories)


def _consistent_rows(pairs: list[tuple[int, int]], old_facts: list[ParaFacts | None], new_facts: list[ParaFacts | None]) -> list[tuple[int, int]]:
    """Keep only cell pairs that agree with a one-to-one, order-keeping mapping of table rows.

    A redline shows a table row as kept, inserted or deleted; if its cells were aligned with
    cells of two different rows, no tracked-change markup could express it. The mapping
    keeps the row pairs backed by the most aligned paragraphs; other cell pairs become
    deletions and insertions.
    """
    votes: Counter = Counter()
    for i, j in pairs:
        fo, fn = old_facts[i], new_facts[j]
        if fo is not None and fn is not None and fo.cell is not None and fn.cell is not None:
            votes[(fo.cell[:2], fn.cell[:2])] += 1
    if not votes:
        return pairs
    chosen: list[tuple[tuple[int, int], tuple[int, int]]] = []  # sorted by old row
    used_new: set[tuple[int, int]] = set()
    used_old: set[tuple[int, int]] = set()
    for (o, n), _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if o in used_old or n in used_new:
            continue
        k = bisect.bisect_left(chosen, (o, n))
        if (k > 0 and chosen[k - 1][1] > n) or (k < len(chosen) and chosen[k][1] < n):
            continue  # would cross an already chosen row pair
        chosen.insert(k, (o, n))
        used_old.add(o)
        used_new.add(n)
    rows = dict(chosen)
    out = []
    for i, j in pairs:
        fo, fn = old_facts[i], new_facts[j]
        if fo is not None and fn is not None and fo.cell is not None and fn.cell is not None:
            if rows.get(fo.cell[:2]) != fn.cell[:2]:
                continue
        out.append((i, j))
    return out


def _number_moves(moves: list[tuple[int, int]]) -> tuple[dict[int, int], dict[int, tuple[int, int]]]:
    """Move ids in new-document order; paragraphs moved together (consecutive on both sides) share one."""
    move_of_old: dict[int, int] = {}
    move_of_new: dict[int, tuple[int, int]] = {}
    current = 0
    prev: tuple[int, int] | None = None
    for i, j in sorted(moves, key=lambda p: p[1]):
        if prev is None or not (i == prev[0] + 1 and j == prev[1] + 1):
            current += 1
        move_of_old[i] = current
        move_of_new[j] = (i, current)
        prev = (i, j)
    return move_of_old, move_of_new


def _refs(doc: Document, facts: list[ParaFacts | None]) -> list[str | None]:
    """Each paragraph's clause ref; table paragraphs get their row's step ref when numbered."""
    steps: dict[tuple[int, int], str] = {}
    for c in doc.clauses:
        if c.kind == "step" and c.source.table is not None and c.source.row is not None:
            steps.setdefault((c.source.table, c.source.row), c.ref)
    out: list[str | None] = []
    for p, f in zip(doc.paragraphs, facts):
        if p.clause is not None:
            out.append(p.clause.ref)
        elif f is not None and f.cell is not None:
            out.append(steps.get((f.cell[0], f.cell[1])))
        else:
            out.append(None)
    return out


def _level_changed(po: Paragraph, pn: Paragraph, fo: ParaFacts | None, fn: ParaFacts | None, alike: bool = False) -> bool:
    if po.clause is not None and pn.clause is not None and po.clause.level != pn.clause.level:
        return True
    if alike:
        return False
    if fo is not None and fn is not None and fo.numpr[1] != fn.numpr[1] and (po.num or pn.num):
        return (fo.numpr[1] or 0) != (fn.numpr[1] or 0)
    return False


def _format_changed(words: list[tuple[int, str]], po: Paragraph, pn: Paragraph, fo: ParaFacts | None, fn: ParaFacts | None) -> bool:
    if fo is None or fn is None:
        return False
    if fo.ppr != fn.ppr:
        return True
    if fo.fmt is None or fn.fmt is None:
        return False
    if not words:
        return fo.fmt != fn.fmt
    # Compare formats only over the text both versions share.
    old_f, new_f = expand_formats(fo.fmt), expand_formats(fn.fmt)
    x = y = 0
    for op, text in words:
        n = len(text)
        if op == 0:
            if old_f[x : x + n] != new_f[y : y + n]:
                return True
            x += n
            y += n
        elif op == -1:
            x += n
        else:
            y += n
    return False

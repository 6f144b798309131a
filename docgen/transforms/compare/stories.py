"""Changes by story: the body, its tables, footnotes, endnotes, headers, footers, text boxes.

The clause summary lists changed clauses, which a change in a table cell with no step
number, a footnote, a header or a text box never is: those changes were in the redline but
in no summary. Here every story is compared once (the body's tables from the body
comparison, the other stories from their own text) so every summary (stderr, JSON, the PDF
and HTML summary pages, the drafting table) counts and lists the same changes per story,
and the HTML can print the notes with their marks.

Stories are paired across versions as the .docx redline pairs them: headers and footers by
section and type, notes and text boxes by the order in which they stand, aligned by text so
an inserted note does not shift every later one into a "modification".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Sequence

from docgen.model import Document
from docgen.ooxml.story_text import COMMENT, ENDNOTE, FOOTER, FOOTNOTE, HEADER, TEXT_BOX, StoryParagraph, StoryText, read_stories
from docgen.transforms.compare.align import aligned_pairs
from docgen.transforms.compare.change import ParaChange
from docgen.transforms.compare.words import word_diff

TABLE = "table"
# JSON keys of the per-story counts, in the order every summary lists them.
STORY_KEYS = ("body", "tables", "footnotes", "endnotes", "headers", "footers", "text_boxes", "comments")
KEY_OF = {TABLE: "tables", FOOTNOTE: "footnotes", ENDNOTE: "endnotes", HEADER: "headers", FOOTER: "footers", TEXT_BOX: "text_boxes", COMMENT: "comments"}
STORY_NAMES = {
    "body": "Body",
    "tables": "Tables",
    "footnotes": "Footnotes",
    "endnotes": "Endnotes",
    "headers": "Headers",
    "footers": "Footers",
    "text_boxes": "Text boxes",
    "comments": "Comments",
}
COUNTED = ("inserted", "deleted", "modified", "moved")
# HTML ids of the stories printed after the body: "fn-new-1" is NEW's footnote 1.
_PREFIX = {FOOTNOTE: "fn", ENDNOTE: "en", HEADER: "hdr", FOOTER: "ftr", TEXT_BOX: "tb", COMMENT: "cmt"}


@dataclass
class StoryParaChange:
    """One paragraph of a story: equal, insert, delete or modify (words as in ParaChange)."""

    op: str
    old_text: str | None
    new_text: str | None
    words: list[tuple[int, str]] = field(default_factory=list)
    cell: tuple[int, int, int] | None = None

    @property
    def is_change(self) -> bool:
        return self.op != "equal"


@dataclass
class StoryChange:
    """One story compared: what it is, the clause it belongs to, its paragraphs' changes."""

    kind: str  # TABLE, FOOTNOTE, ENDNOTE, HEADER, FOOTER or TEXT_BOX
    label: str  # "footnote 1", "table 2", "header (section 1)"
    clause: str | None  # the clause the story stands in (a note's reference, a table's place)
    paragraphs: list[StoryParaChange]
    counts: dict[str, int]  # paragraphs inserted, deleted, modified, moved
    anchor: str | None = None  # where the HTML shows it: a body change's anchor, or the story's own ("fn-new-1")
    number: int | None = None  # a note's number as NEW prints it (OLD's for a deleted note)
    # The body paragraph its reference or anchor stands in: ("new", Paragraph.index), or
    # ("old", ...) for a story only OLD has.
    paragraph: tuple[str, int] | None = None

    @property
    def key(self) -> str:
        return KEY_OF[self.kind]

    @property
    def changed(self) -> bool:
        return any(self.counts.values())

    @property
    def status(self) -> str:
        """'inserted' or 'deleted' for a story only one version has, else 'modified' or 'same'."""
        ops = {p.op for p in self.paragraphs}
        if ops and ops <= {"insert"}:
            return "inserted"
        if ops and ops <= {"delete"}:
            return "deleted"
        return "modified" if self.changed else "same"

    def entry(self) -> str:
        """'footnote 1 (in 18.5): 1 paragraph modified': the story as every summary lists it."""
        where = f" (in {self.clause})" if self.clause else ""
        counted = ", ".join(f"{n} paragraph{'' if n == 1 else 's'} {k}" for k, n in self.counts.items() if n)
        return f"{self.label}{where}: {counted}"

    def to_json(self) -> dict:
        return {"story": self.key, "label": self.label, "clause": self.clause, "status": self.status, **self.counts}


def paragraph_kind(change: ParaChange) -> str | None:
    """What a body paragraph's change counts as: inserted, deleted, modified, moved or nothing.

    A moved paragraph counts once, where it now stands; a paragraph whose only change is its
    formatting or level is modified.
    """
    op = change.op
    if op == "insert":
        return "inserted"
    if op == "delete":
        return "deleted"
    if op == "move_to":
        return "moved"
    if op == "move_from":
        return None
    return "modified" if change.is_change else None


def body_counts(changes: Sequence[ParaChange]) -> dict[str, int]:
    """Paragraph counts of the body outside tables."""
    counts = dict.fromkeys(COUNTED, 0)
    for ch in changes:
        if (ch.new_cell if ch.new is not None else ch.old_cell) is None:
            kind = paragraph_kind(ch)
            if kind is not None:
                counts[kind] += 1
    return counts


def table_stories(changes: Sequence[ParaChange], old: Document, new: Document) -> list[StoryChange]:
    """The body's tables, each a story: every cell paragraph, changed or not, in order.

    A table is named by NEW's numbering ("table 3", or its caption's "table 5.10"); a row
    deleted from a kept table belongs to that table through the cells both versions share.
    """
    old_to_new: dict[int, int] = {}
    for ch in changes:
        if ch.old_cell is not None and ch.new_cell is not None and ch.old is not None and ch.new is not None:
            old_to_new.setdefault(ch.old_cell[0], ch.new_cell[0])
    groups: dict[tuple[str, int], list[ParaChange]] = defaultdict(list)
    owner: dict[tuple[str, int], str | None] = {}
    last_ref: str | None = None
    for ch in changes:
        own = ch.new_ref or ch.old_ref
        cell = ch.new_cell if ch.new is not None else ch.old_cell
        if cell is not None:
            key = ("new", cell[0]) if ch.new is not None else (("new", old_to_new[cell[0]]) if cell[0] in old_to_new else ("old", cell[0]))
            if key not in groups:
                owner[key] = last_ref
            groups[key].append(ch)
            if own is not None and owner.get(key) is None:
                owner[key] = own
        if own is not None and cell is None:
            last_ref = own
    out = []
    for key, group in groups.items():
        side, index = key
        paragraphs = [_from_body(ch) for ch in group if ch.op != "move_from"]
        counts = dict.fromkeys(COUNTED, 0)
        for ch in group:
            kind = paragraph_kind(ch)
            if kind is not None:
                counts[kind] += 1
        first = next((ch for ch in group if paragraph_kind(ch) is not None), group[0])
        label = _table_label(new if side == "new" else old, index)
        if side == "old":
            label = f"{label} of the old version"
        out.append(StoryChange(TABLE, label, owner.get(key), paragraphs, counts, anchor=first.anchor or None))
    return out


def _from_body(ch: ParaChange) -> StoryParaChange:
    op = {"move_to": "insert", "equal": "modify" if ch.is_change else "equal"}.get(ch.op, ch.op)
    return StoryParaChange(
        op,
        ch.old.text if ch.old is not None else None,
        ch.new.text if ch.new is not None else None,
        list(ch.words),
        ch.new_cell if ch.new is not None else ch.old_cell,
    )


def _table_label(doc: Document, index: int) -> str:
    table = next((t for t in doc.tables if t.index == index), None)
    if table is not None and table.label:
        return f"table {table.label}"
    return f"table {index + 1}"


def other_stories(old: Document, new: Document) -> list[StoryChange]:
    """Footnotes, endnotes, headers, footers, text boxes and comments, each compared with its twin."""
    old_stories = _stories(old)
    new_stories = _stories(new)
    # Only a story anchored in the body (a note, a text box) is placed under a clause: the
    # walk of every body paragraph is made for the versions that have one.
    old_clauses = _clause_at(old) if any(s.anchor is not None for s in old_stories) else {}
    new_clauses = _clause_at(new) if any(s.anchor is not None for s in new_stories) else {}
    out: list[StoryChange] = []
    for kind in (FOOTNOTE, ENDNOTE, HEADER, FOOTER, TEXT_BOX, COMMENT):  # STORY_KEYS' order
        a = [s for s in old_stories if s.kind == kind]
        b = [s for s in new_stories if s.kind == kind]
        if kind in (HEADER, FOOTER):
            pairs = _by_type(a, b)
        else:
            pairs = aligned_pairs([s.text for s in a], [s.text for s in b])
        for i, j in _in_order(pairs, len(a), len(b)):
            o = a[i] if i is not None else None
            n = b[j] if j is not None else None
            shown = n if n is not None else o
            assert shown is not None
            clause = _clause(new_clauses, n.anchor) if n is not None else _clause(old_clauses, o.anchor if o else None)
            paragraphs = diff_paragraphs(o.paragraphs if o else [], n.paragraphs if n else [])
            counts = dict.fromkeys(COUNTED, 0)
            for p in paragraphs:
                if p.is_change:
                    counts[{"insert": "inserted", "delete": "deleted"}.get(p.op, "modified")] += 1
            label = shown.label if n is not None else f"{shown.label} of the old version"
            note = kind in (FOOTNOTE, ENDNOTE)
            anchor = f"{_PREFIX[kind]}-{'new' if n is not None else 'old'}-{shown.number}"
            where = ("new", n.anchor) if n is not None and n.anchor is not None else (("old", o.anchor) if o is not None and o.anchor is not None else None)
            out.append(StoryChange(kind, label, clause, paragraphs, counts, anchor=anchor, number=shown.number if note else None, paragraph=where))
    return out


def _stories(doc: Document) -> list[StoryText]:
    if not doc.parts:
        return []
    return read_stories(doc.parts, doc.metadata.get("main_part", "word/document.xml"), doc.source)


def _by_type(a: list[StoryText], b: list[StoryText]) -> list[tuple[int, int]]:
    """Headers (or footers) of the same section and type; a NEW section without OLD's twin
    takes OLD's story of the same type in the last section that had one."""
    old_by_key = {s.key: i for i, s in enumerate(a)}
    last_of_type: dict[str, int] = {}
    for i, s in enumerate(a):
        last_of_type[s.key.split(":", 1)[1]] = i
    pairs, used = [], set()
    for j, s in enumerate(b):
        i = old_by_key.get(s.key)
        if i is None:
            i = last_of_type.get(s.key.split(":", 1)[1])
        if i is not None and i not in used:
            used.add(i)
            pairs.append((i, j))
    return pairs


def _in_order(pairs: list[tuple[int, int]], n_old: int, n_new: int) -> list[tuple[int | None, int | None]]:
    """Every story once: pairs and NEW's unpaired in NEW's order, OLD's unpaired where they stood."""
    new_to_old = {j: i for i, j in pairs}
    paired_old = set(new_to_old.values())
    out: list[tuple[int | None, int | None]] = []
    i = 0
    for j in range(n_new):
        if j in new_to_old:
            while i < new_to_old[j]:
                if i not in paired_old:
                    out.append((i, None))
                i += 1
            out.append((new_to_old[j], j))
            i = max(i, new_to_old[j] + 1)
        else:
            out.append((None, j))
    out.extend((k, None) for k in range(i, n_old) if k not in paired_old)
    return out


def diff_paragraphs(old: list[StoryParagraph], new: list[StoryParagraph]) -> list[StoryParaChange]:
    """A story's paragraphs aligned as the body's are: by text, cells only with cells of their column."""
    a = [_key(p) for p in old]
    b = [_key(p) for p in new]
    out: list[StoryParaChange] = []
    for i, j in _in_order(aligned_pairs(a, b), len(a), len(b)):
        if i is None:
            out.append(StoryParaChange("insert", None, new[j].text, cell=new[j].cell))  # type: ignore[index]
        elif j is None:
            out.append(StoryParaChange("delete", old[i].text, None, cell=old[i].cell))
        elif old[i].text == new[j].text:
            out.append(StoryParaChange("equal", old[i].text, new[j].text, cell=new[j].cell))
        else:
            out.append(StoryParaChange("modify", old[i].text, new[j].text, word_diff(old[i].text, new[j].text), new[j].cell))
    return out


def _key(p: StoryParagraph) -> str:
    return (f"\x01{p.cell[2]}\x02" if p.cell is not None else "") + p.text


def _clause_at(doc: Document) -> dict[int, str]:
    """Body paragraph index -> the clause it belongs to (its own, or the last one before it)."""
    out: dict[int, str] = {}
    last: str | None = None
    for p in doc.paragraphs:
        if p.clause is not None:
            last = p.clause.ref
        if last is not None:
            out[p.index] = last
    return out


def _clause(clauses: dict[int, str], anchor: int | None) -> str | None:
    if anchor is None:
        return None
    if anchor in clauses:
        return clauses[anchor]
    earlier = [k for k in clauses if k <= anchor]  # a paragraph merged away: the one before it
    return clauses[max(earlier)] if earlier else None


def story_counts(body: dict[str, int], stories: Sequence[StoryChange]) -> dict[str, dict[str, int]]:
    """Paragraph counts per story kind, every kind present (zeros included)."""
    out = {key: dict.fromkeys(COUNTED, 0) for key in STORY_KEYS}
    out["body"] = dict(body)
    for story in stories:
        for k, v in story.counts.items():
            out[story.key][k] += v
    return out

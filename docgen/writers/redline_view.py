"""What a published redline shows, decided once for the HTML and the PDF.

The HTML and the publication .docx (turned into the PDF) must agree on every mark: which
number a paragraph prints, which words are struck or underlined, which paragraphs carry a
change bar, what the summary lists and where each entry links. Deciding that here, from the
comparison alone, leaves the two writers to do nothing but typography.

Numbers are printed as typed text from the comparison (the old and new rendered labels),
never left to a word processor's list engine: a number that changed, by a level change or
by an edit above it, shows its old form struck beside the new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from docgen.refs.patterns import PARENT_AND_LAST

if TYPE_CHECKING:
    from docgen.model import Paragraph
    from docgen.transforms.compare import Comparison, ParaChange, StoryParaChange

# Span kinds. "same" is unchanged text; "moved_from"/"moved_to" are the unchanged words of a
# moved paragraph at its old and new place.
SAME, INS, DEL, MOVED_FROM, MOVED_TO = "same", "ins", "del", "moved_from", "moved_to"
CATEGORIES = ("inserted", "deleted", "modified", "moved", "renumbered")
HEADINGS = {
    "inserted": "Inserted",
    "deleted": "Deleted",
    "modified": "Modified",
    "moved": "Moved",
    "renumbered": "Renumbered",
}
_HEADING_STYLE = re.compile(r"(?i)^(heading\s*\d|title|subtitle)")


@dataclass(frozen=True)
class Span:
    kind: str
    text: str


@dataclass(frozen=True)
class NoteMark:
    """A note's reference in the body: its number, linking to the note printed after the body."""

    label: str  # "1"
    title: str  # "footnote 1"
    anchor: str | None
    status: str  # the note's: "same", "modified", "inserted" or "deleted"


@dataclass
class ViewParagraph:
    """One paragraph as printed: its number and text as marked spans, and its change bar."""

    op: str
    number: list[Span]
    text: list[Span]
    level: int
    anchor: str | None = None
    changed: bool = False
    heading: bool = False
    notes: list[str] = field(default_factory=list)
    marks: list[NoteMark] = field(default_factory=list)  # references to footnotes and endnotes


@dataclass
class ViewRow:
    """A table row: its cells, each a list of paragraphs; `status` drives the row's marking."""

    cells: list[list[ViewParagraph]]
    status: str  # "same", "changed", "inserted" or "deleted"

    @property
    def changed(self) -> bool:
        return self.status != "same"


@dataclass
class ViewTable:
    rows: list[ViewRow]

    @property
    def columns(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


Block = ViewParagraph | ViewTable


@dataclass(frozen=True)
class SummaryEntry:
    label: str  # "18.5(c)" or "18.5(q) renumbered as 18.5(p)(i)"
    anchor: str | None


@dataclass(frozen=True)
class StoryCount:
    """A row of the summary's counts by story: paragraphs changed in one kind of story."""

    name: str  # "Body", "Tables", "Footnotes", ...
    inserted: int
    deleted: int
    modified: int
    moved: int


@dataclass
class ViewStory:
    """A story printed after the body (a note, a header, a text box) with its marks."""

    label: str  # "footnote 1 (in 18.5)"
    number: str  # the note's number as printed, "" for other stories
    anchor: str | None
    status: str  # "same", "modified", "inserted" or "deleted"
    paragraphs: list[ViewParagraph]


@dataclass
class RedlineView:
    title: str
    counts: dict[str, int]
    groups: list[tuple[str, list[SummaryEntry]]]  # (heading, entries), empty groups left out
    blocks: list[Block]  # body paragraphs and tables, in the new document's order
    # Paragraphs changed per kind of story, only kinds with a change (empty: none anywhere).
    story_counts: list[StoryCount] = field(default_factory=list)
    # Changed stories besides the body's paragraphs, one line each, under their kind's heading.
    story_groups: list[tuple[str, list[SummaryEntry]]] = field(default_factory=list)
    # Footnotes, endnotes, headers, footers and text boxes as printed, under their heading.
    stories: list[tuple[str, list[ViewStory]]] = field(default_factory=list)


def build_view(comparison: "Comparison", title: str | None = None) -> RedlineView:
    changes = list(comparison.changes)
    anchors = change_anchors(changes)
    blocks = _blocks(changes, anchors, _note_marks(comparison))
    summary = comparison.summary()
    counts = _counts(comparison, summary)
    groups = _groups(summary, changes, anchors)
    return RedlineView(
        title=title or default_title(comparison),
        counts=counts,
        groups=groups,
        blocks=blocks,
        story_counts=_story_counts(comparison),
        story_groups=_story_groups(comparison),
        stories=_stories(comparison),
    )


def _story_counts(comparison: "Comparison") -> list[StoryCount]:
    from docgen.transforms.compare import STORY_NAMES

    return [StoryCount(STORY_NAMES[key], **c) for key, c in comparison.story_counts().items() if any(c.values())]


def _story_groups(comparison: "Comparison") -> list[tuple[str, list[SummaryEntry]]]:
    from docgen.transforms.compare import STORY_KEYS, STORY_NAMES

    changed = comparison.changed_stories()
    groups = []
    for key in STORY_KEYS[1:]:
        entries = [SummaryEntry(s.entry(), s.anchor) for s in changed if s.key == key]
        if entries:
            groups.append((STORY_NAMES[key], entries))
    return groups


def _stories(comparison: "Comparison") -> list[tuple[str, list[ViewStory]]]:
    """Every story but the body's and its tables', by kind, as the HTML prints them after the body."""
    from docgen.transforms.compare import STORY_KEYS, STORY_NAMES

    out = []
    for key in STORY_KEYS[2:]:
        stories = [s for s in comparison.stories if s.key == key]
        if not stories:
            continue
        views = []
        for s in stories:
            where = f" (in {s.clause})" if s.clause else ""
            views.append(ViewStory(
                label=f"{s.label}{where}",
                number=str(s.number) if s.number is not None else "",
                anchor=s.anchor,
                status=s.status,
                paragraphs=[_story_paragraph(p) for p in s.paragraphs],
            ))
        out.append((STORY_NAMES[key], views))
    return out


def _story_paragraph(p: "StoryParaChange") -> ViewParagraph:
    if p.op == "insert":
        text = _one(INS, p.new_text or "")
    elif p.op == "delete":
        text = _one(DEL, p.old_text or "")
    elif p.op == "modify" and p.words:
        kinds = {-1: DEL, 0: SAME, 1: INS}
        text = _merge(Span(kinds[int(w_op)], t) for w_op, t in p.words if t)
    else:
        text = _one(SAME, p.new_text or "")
    return ViewParagraph(op=p.op, number=[], text=text, level=0, changed=p.is_change)


def default_title(comparison: "Comparison") -> str:
    """'Redline of <title>: v12 to v12.2', or the two file names when titles or versions are unknown."""
    old, new = comparison.old, comparison.new
    if old.title and old.title == new.title and old.version and new.version:
        return f"Redline of {new.title}: v{old.version} to v{new.version}"
    if old.title and new.title and old.title != new.title:
        return f"Redline: {old.title} to {new.title}"
    return f"Redline: {Path(old.source).name} to {Path(new.source).name}"


def change_anchors(changes: list["ParaChange"]) -> list[str]:
    """The comparison's anchor for every change ("chg-12"), made unique if it repeats one.

    Kept as given so a link to "#chg-12" means the same change in the HTML and in the
    comparison's JSON; the .docx writer turns it into a legal bookmark name itself.
    """
    seen: set[str] = set()
    out = []
    for i, change in enumerate(changes):
        base = change.anchor or f"chg-{i}"
        name, n = base, 1
        while name in seen:
            n += 1
            name = f"{base}-{n}"
        seen.add(name)
        out.append(name)
    return out


def is_changed(change: "ParaChange") -> bool:
    """A change bar goes on a real revision and on every clause whose printed number changed.

    A number shifted by edits above it (18.5(w) printed as 18.5(q)) is not a revision of
    its clause, but it is what a reader citing the old number must see: the 18.5p error
    was exactly such a silent shift.
    """
    return change.is_change or label_changed(change)


def label_changed(change: "ParaChange") -> bool:
    """The paragraph is in both versions and prints a different number in each."""
    return change.op in ("equal", "modify") and (change.old_num or "") != (change.new_num or "")


def _note_marks(comparison: "Comparison") -> dict[tuple[str, int], list[NoteMark]]:
    """The note references of each body paragraph, by ("new"|"old", paragraph index)."""
    out: dict[tuple[str, int], list[NoteMark]] = {}
    for s in comparison.stories:
        if s.number is not None and s.paragraph is not None:
            out.setdefault(s.paragraph, []).append(NoteMark(str(s.number), s.label, s.anchor, s.status))
    return out


def _marks_of(change: "ParaChange", marks: dict[tuple[str, int], list[NoteMark]]) -> list[NoteMark]:
    out = list(marks.get(("new", change.new.index), [])) if change.new is not None else []
    if change.old is not None:
        out += marks.get(("old", change.old.index), [])
    return out


def _blocks(changes: list["ParaChange"], anchors: list[str], marks: dict[tuple[str, int], list[NoteMark]] | None = None) -> list[Block]:
    """Paragraphs in order, with runs of table-cell paragraphs gathered back into tables.

    A cell is placed by its position in the new document, or in the old one for a deleted
    paragraph, so a deleted row appears between the rows that surrounded it.
    """
    blocks: list[Block] = []
    table: list[tuple[tuple[str, int, int], int, ViewParagraph]] = []
    current_table: int | None = None
    for change, anchor in zip(changes, anchors):
        view = _paragraph(change, anchor)
        if marks:
            view.marks = _marks_of(change, marks)
        cell = change.new_cell if change.new is not None else change.old_cell
        if cell is None:
            if table:
                blocks.append(_table(table))
                table, current_table = [], None
            blocks.append(view)
            continue
        side = "new" if change.new is not None else "old"
        if side == "new" and current_table is not None and cell[0] != current_table and table:
            blocks.append(_table(table))
            table = []
        if side == "new":
            current_table = cell[0]
        table.append(((side, cell[0], cell[1]), cell[2], view))
    if table:
        blocks.append(_table(table))
    return blocks


def _table(cells: list[tuple[tuple[str, int, int], int, ViewParagraph]]) -> ViewTable:
    rows: list[ViewRow] = []
    last_key: tuple[str, int, int] | None = None
    for key, column, para in cells:
        if key != last_key:
            rows.append(ViewRow(cells=[], status="same"))
            last_key = key
        row = rows[-1]
        while len(row.cells) <= column:
            row.cells.append([])
        row.cells[column].append(para)
    for row in rows:
        ops = {p.op for cell in row.cells for p in cell}
        if ops and ops <= {"insert", "move_to"}:
            row.status = "inserted"
        elif ops and ops <= {"delete", "move_from"}:
            row.status = "deleted"
        elif any(p.changed for cell in row.cells for p in cell):
            row.status = "changed"
    return ViewTable(rows=rows)


def _paragraph(change: "ParaChange", anchor: str) -> ViewParagraph:
    para = change.new if change.new is not None else change.old
    # A level change needs no note: the struck old number beside the new one shows it.
    notes = ["formatting changed"] if change.format_changed else []
    return ViewParagraph(
        op=change.op,
        number=_number(change),
        text=_text(change),
        level=_level(para),
        anchor=anchor,
        changed=is_changed(change),
        heading=bool(para is not None and para.style and _HEADING_STYLE.match(para.style)),
        notes=notes,
    )


def _level(para: "Paragraph | None") -> int:
    clause = para.clause if para is not None else None
    return max(0, int(clause.level)) if clause is not None else 0


def _number(change: "ParaChange") -> list[Span]:
    old = change.old_num or ""
    new = change.new_num or ""
    op = change.op
    if op == "delete":
        return [Span(DEL, old)] if old else []
    if op == "insert":
        return [Span(INS, new)] if new else []
    if op == "move_from":
        return [Span(MOVED_FROM, old)] if old else []
    if op == "move_to":
        return [Span(MOVED_TO, new)] if new else []
    if old != new:
        return [s for s in (Span(DEL, old), Span(INS, new)) if s.text]
    return [Span(SAME, new)] if new else []


def _text(change: "ParaChange") -> list[Span]:
    op = change.op
    old_text = change.old.text if change.old is not None else ""
    new_text = change.new.text if change.new is not None else ""
    if op == "delete":
        return _one(DEL, old_text)
    if op == "insert":
        return _one(INS, new_text)
    if op == "move_from":
        return _one(MOVED_FROM, old_text)
    words = list(change.words or [])
    if op == "equal" or not words:
        return _one(MOVED_TO if op == "move_to" else SAME, new_text)
    same = MOVED_TO if op == "move_to" else SAME
    kinds = {-1: DEL, 0: same, 1: INS}
    return _merge(Span(kinds[int(w_op)], text) for w_op, text in words if text)


def _one(kind: str, text: str) -> list[Span]:
    return [Span(kind, text)] if text else []


def _merge(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and out[-1].kind == span.kind:
            out[-1] = Span(span.kind, out[-1].text + span.text)
        else:
            out.append(span)
    return out


def _counts(comparison: "Comparison", summary: dict[str, Any]) -> dict[str, int]:
    counted = comparison.counts()
    return {key: int(counted.get(key, len(summary.get(key) or ()))) for key in CATEGORIES}


def _groups(summary: dict[str, Any], changes: list["ParaChange"], anchors: list[str]) -> list[tuple[str, list[SummaryEntry]]]:
    find = _AnchorFinder(changes, anchors)
    groups = []
    for key in CATEGORIES[:4]:
        entries = [SummaryEntry(str(ref), find.for_ref(key, str(ref))) for ref in summary.get(key) or ()]
        if entries:
            groups.append((HEADINGS[key], entries))
    renumbered = summary.get("renumbered") or {}
    pairs = [(str(o), str(n)) for o, n in (renumbered.items() if isinstance(renumbered, dict) else renumbered)]
    level_changed = {(c.old_ref, c.new_ref) for c in changes if c.level_changed}
    entries = [
        SummaryEntry(_renumbering_label(run), find.for_renumbering(*run[0]))
        for run in _renumbering_runs(pairs, level_changed)
    ]
    if entries:
        groups.append((HEADINGS["renumbered"], entries))
    return groups


def _parent(ref: str) -> str:
    """'18.5(p)(i)' -> '18.5(p)', '18.5(w)' -> '18.5', '18.6' -> '18': what a clause is numbered under."""
    m = PARENT_AND_LAST.match(ref)
    return m.group(1) if m else ""


def _renumbering_runs(pairs: list[tuple[str, str]], level_changed: set[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Consecutive renumberings under one parent, shifted by the same edit, gathered into runs.

    An insertion or deletion early in a long list renumbers every later sibling; listing
    each one would bury the few renumberings that matter (level changes, listed one by one)
    under pages of "18.6 renumbered as 18.7".
    """
    runs: list[list[tuple[str, str]]] = []
    for old, new in pairs:
        last = runs[-1] if runs else None
        if (
            last is not None
            and (old, new) not in level_changed
            and last[-1] not in level_changed
            and _parent(old) == _parent(last[-1][0])
            and _parent(new) == _parent(last[-1][1])
        ):
            last.append((old, new))
        else:
            runs.append([(old, new)])
    return runs


def _renumbering_label(run: list[tuple[str, str]]) -> str:
    (first_old, first_new), (last_old, last_new) = run[0], run[-1]
    if len(run) == 1:
        return f"{first_old} renumbered as {first_new}"
    return f"{first_old}–{last_old} renumbered as {first_new}–{last_new}"


class _AnchorFinder:
    """Which change a summary entry points at: the one of the entry's kind carrying its ref.

    Indexed once, because a long document's summary can list thousands of renumberings.
    """

    _OPS = {
        "inserted": ("insert",),
        "deleted": ("delete",),
        "modified": ("modify", "equal"),
        "moved": ("move_to", "move_from"),
    }

    def __init__(self, changes: list["ParaChange"], anchors: list[str]):
        self.by_op: dict[tuple[str, str], str] = {}
        self.by_pair: dict[tuple[str | None, str | None], str] = {}
        self.changed: dict[str, str] = {}
        self.any: dict[str, str] = {}
        for change, anchor in zip(changes, anchors):
            refs = [r for r in (change.new_ref, change.old_ref) if r]
            revised = is_changed(change)
            for ref in refs:
                if change.op != "equal" or revised:
                    self.by_op.setdefault((change.op, ref), anchor)
                if revised:
                    self.changed.setdefault(ref, anchor)
                self.any.setdefault(ref, anchor)
            self.by_pair.setdefault((change.old_ref, change.new_ref), anchor)

    def for_ref(self, key: str, ref: str) -> str | None:
        for op in self._OPS[key]:
            found = self.by_op.get((op, ref))
            if found:
                return found
        return self._any(ref)

    def for_renumbering(self, old: str, new: str) -> str | None:
        return self.by_pair.get((old, new)) or self._any(new)

    def _any(self, ref: str) -> str | None:
        return self.changed.get(ref) or self.any.get(ref)

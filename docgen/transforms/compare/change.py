"""One paragraph's change, the unit every redline writer walks. It sits apart from the
comparison that makes it so that the per-story summaries can name it without importing the
comparison (which imports them)."""

from __future__ import annotations

from dataclasses import dataclass

from docgen.model import Paragraph


OPS = ("equal", "insert", "delete", "modify", "move_from", "move_to")


@dataclass
class ParaChange:
    """One paragraph of the redline: what it was, what it is, and how it changed."""

    op: str  # one of OPS
    old: Paragraph | None
    new: Paragraph | None
    words: list[tuple[int, str]]  # word-level (-1 delete, 0 equal, 1 insert); only for "modify"
    old_ref: str | None  # clause refs when the paragraph is a clause (or a numbered table step)
    new_ref: str | None
    old_num: str  # displayed numbers
    new_num: str
    level_changed: bool  # the clause's level changed (18.5(q) -> 18.5(p)(i))
    renumbered: bool  # the number differs although the paragraphs are aligned
    format_changed: bool  # paragraph or run formatting differs on aligned text
    move_id: int | None  # shared by the move_from and move_to paragraphs of one moved block
    anchor: str  # stable HTML anchor id, "chg-12"
    # Position in a table (table, row, cell) on each side; None outside tables or unknown.
    old_cell: tuple[int, int, int] | None = None
    new_cell: tuple[int, int, int] | None = None
    # Positions in Document.paragraphs (list positions, not Paragraph.index).
    old_pos: int | None = None
    new_pos: int | None = None
    # Whether the two paragraphs' reader elements serialise alike (tails aside): None when
    # not compared by markup (no handles, or not an aligned pair). When alike, `markup` is
    # those shared bytes, so the redline writer need not serialise the pair again.
    written_alike: bool | None = None
    markup: bytes | None = None

    @property
    def ref(self) -> str | None:
        """The ref a reader of the new version would look for (old ref for deletions)."""
        return self.new_ref if self.new_ref is not None else self.old_ref

    @property
    def num(self) -> str:
        return self.new_num if self.new is not None else self.old_num

    @property
    def is_change(self) -> bool:
        """Whether this paragraph carries any revision (a cascade renumbering does not)."""
        return self.op != "equal" or self.level_changed or self.format_changed

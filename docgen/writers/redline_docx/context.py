"""What every story of the redline shares: the revision marks, the carrier of OLD content,
the items of paragraphs on each side, and the atomic objects found kept on both sides.

Atomic items (pictures, equations, fields, symbols, note references, text boxes) enter the
word diff as one private-use character each, the same character for the same identity on
both sides, so "the same picture" is an unchanged token and a replaced picture is a deleted
token plus an inserted one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from docgen.limits import Limits
from docgen.ooxml.content import Item, paragraph_items
from docgen.ooxml.element import Element
from docgen.ooxml.parts import Relationships, rels_name
from docgen.ooxml.tracked.marks import Marks
from docgen.writers.redline_docx.carry import Carrier

# Supplementary private-use plane: never met in real text (Symbol-font characters live in
# the BMP private-use area, U+F000..U+F0FF), so a token cannot collide with a character.
_TOKEN_BASE = 0xF0000


@dataclass(frozen=True)
class Story:
    """Which part a paragraph comes from on each side (relationship ids resolve there)."""

    old_part: str
    new_part: str


@dataclass
class Context:
    marks: Marks
    carrier: Carrier
    old_parts: dict[str, bytes]
    new_parts: dict[str, bytes]
    limits: Limits
    ignore_nbsp: bool = False
    # Called for each atomic item kept on both sides (notes and text boxes are diffed inside).
    on_kept: Callable[[Item, Item, Story], None] | None = None
    _tokens: dict[str, str] = field(default_factory=dict)
    _rels: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def items(self, p: Element, side: str, part: str) -> list[Item]:
        parts = self.old_parts if side == "old" else self.new_parts
        targets = self._targets(side, part, parts)

        def resolve(rid: str) -> bytes | None:
            name = targets.get(rid)
            return parts.get(name) if name is not None else None

        # Hidden text too: a reader does not see it, but rejecting the redline must bring
        # OLD's hidden text back, so its changes are tracked like any other.
        return paragraph_items(p, resolve, hidden=True)

    def _targets(self, side: str, part: str, parts: dict[str, bytes]) -> dict[str, str]:
        key = (side, part)
        if key not in self._rels:
            if rels_name(part) in parts:
                rels = Relationships.of(parts, part, self.limits)
                self._rels[key] = {r.id: r.part or r.target for r in rels.all()}
            else:
                self._rels[key] = {}
        return self._rels[key]

    def chars(self, items: list[Item]) -> str:
        """The comparable text of items: characters, and one token per atomic identity."""
        token = self.token
        out = [it.char or token(it.identity) for it in items]
        if self.ignore_nbsp:
            out = [" " if ch == "\u00a0" else ch for ch in out]  # a token is never one
        return "".join(out)

    def token(self, identity: str) -> str:
        tok = self._tokens.get(identity)
        if tok is None:
            tok = chr(_TOKEN_BASE + len(self._tokens))
            self._tokens[identity] = tok
        return tok

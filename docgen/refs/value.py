"""The reference value (`Ref`), its order and its ranges: what every check compares."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from docgen.refs.errors import RefError
from docgen.refs.labels import (
    is_point_label,
    is_letter_label,
    is_roman_label,
    letter_label,
    point_candidates,
    read_point,
    letter_value,
    roman_label,
    roman_value,
)

# The `doc` of a reference qualified "of this document": it points inside the document that
# contains it, so checks treat it like an unqualified reference.
THIS_DOCUMENT = "this document"

# A range wider than this is a typo or hostile input, never a real run of clauses.
_MAX_RANGE = 1000

_NUMBER_SHAPE = re.compile(r"(?:[A-Z](?=\d))?\d+(?:\.\d+)*[A-Z]?\Z")
_TABLE_SHAPE = re.compile(r"[A-Z]?\d+(?:\.\d+)*\Z")
_STEP_SHAPE = re.compile(r"\d+(?:\.\d+)*\Z")
_ANNEX_SHAPE = re.compile(r"[A-Z]{1,2}\Z")
_SCOPE_SHAPE = re.compile(r"(?:Annex|Appendix|Schedule|Part) [A-Z0-9]{1,3}\Z")
# Every reference the clause model makes, in its canonical spelling: what `from_canonical`
# reads. Prose and cells are read by the grammar; this is the model's own, exact form.
_CANONICAL = re.compile(
    r"(?:(?P<scope>(?:Annex|Appendix|Schedule|Part) [A-Z0-9]{1,3})(?: (?=[A-Z]?\d)|(?=\()|\Z))?"
    r"(?:Table (?P<table>[A-Z]?\d+(?:\.\d+)*) Step (?P<step>\d+(?:\.\d+)*)"
    r"|(?P<number>(?:[A-Z](?=\d))?\d+(?:\.\d+)*[A-Z]?))?"
    r"(?P<points>(?:\([a-z0-9]{1,7}\))*)\Z"
)


@dataclass(frozen=True, order=True)
class Ref:
    """One addressable provision. `doc` is who it belongs to, never part of its spelling;
    `scope` is the annex or appendix a clause is numbered within ("Annex D 1.2"). A list with
    no numbered parent has an empty `number` ("(a)", or "Annex G(a)" for an annex's own list,
    which is the annex with points)."""

    number: str
    points: tuple[str, ...] = ()
    table: str | None = None
    annex: bool = False
    doc: str | None = None
    scope: str | None = None

    def __post_init__(self) -> None:
        # Refs are dictionary keys all over docgen; a malformed one would silently never match.
        object.__setattr__(self, "points", tuple(self.points))
        if self.annex:
            if not _ANNEX_SHAPE.match(self.number) or self.table is not None or self.scope is not None:
                raise RefError(f"an annex reference is one or two capital letters, got {self.number!r}")
        if self.table is not None:
            if not _TABLE_SHAPE.match(self.table):
                raise RefError(f"{self.table!r} is not a table number (like 5.10 or A3)")
            if not _STEP_SHAPE.match(self.number):
                raise RefError(f"{self.number!r} is not a step number (like 5.10.17 or 4)")
        elif self.scope is not None and not _SCOPE_SHAPE.match(self.scope):
            raise RefError(f"{self.scope!r} is not an annex or appendix scope (like Annex D)")
        elif self.annex or (self.number == "" and (self.points or self.scope)):
            pass  # an annex, a scope, or a list with no numbered parent: the points carry it
        elif not _NUMBER_SHAPE.match(self.number):
            raise RefError(f"{self.number!r} is not a clause number (like 18.5 or 20.5A)")
        for label in self.points:
            if not is_point_label(label):
                raise RefError(
                    f"{label!r} is not a point label (a..z, aa.., lowercase romans, or digits)"
                )

    def canonical(self) -> str:
        tail = "".join(f"({p})" for p in self.points)
        if self.annex:
            return f"Annex {self.number}{tail}"
        if self.table is not None:
            return f"Table {self.table} Step {self.number}{tail}"
        if self.scope is not None:
            return f"{self.scope} {self.number}{tail}" if self.number else f"{self.scope}{tail}"
        return self.number + tail

    @classmethod
    def from_canonical(cls, text: str) -> Ref:
        """The Ref whose canonical spelling is `text`: every ref the clause model makes reads
        back (scoped "Annex D 1.2", "Annex G(a)", a root list's "(a)"). Strict, unlike the
        grammar: a spelling that is not canonical is an error, not a guess."""
        m = _CANONICAL.match(text)
        if m is None or not text:
            raise RefError(f"{text!r} is not a canonical clause reference (like 18.5(p)(i), Annex D 1.2 or Table 5.10 Step 5.10.17)")
        points = tuple(p for p in re.findall(r"\(([a-z0-9]+)\)", m.group("points")))
        scope = m.group("scope")
        if m.group("table"):
            if scope is not None:
                raise RefError(f"{text!r}: a table step is not numbered within an annex in docgen's references")
            return cls(m.group("step"), points, table=m.group("table"))
        number = m.group("number") or ""
        if scope is not None and scope.startswith("Annex ") and not number:
            return cls(scope.split(" ", 1)[1], points, annex=True)
        return cls(number, points, scope=scope)

    def own_label(self) -> str:
        """The provision's own number: 'i' of 18.5(p)(i), '5' of 18.5, 'E' of Annex E."""
        if self.points:
            return self.points[-1]
        if self.annex:
            return self.number
        return self.number.rpartition(".")[2]

    def __str__(self) -> str:
        return self.canonical()

    def parent(self) -> Ref | None:
        """The enclosing provision; table steps and annexes have none (a table is not a Ref)."""
        if self.points and (self.number or self.scope or len(self.points) > 1):
            return replace(self, points=self.points[:-1])
        if self.points or self.annex or self.table is not None or not self.number:
            return None
        head, dot, _ = self.number.rpartition(".")
        return replace(self, number=head) if dot else None

    def is_ancestor_of(self, other: Ref) -> bool:
        """Strict ancestry within one document: the same clause in another doc is unrelated."""
        up = other.parent()
        while up is not None:
            if up == self:
                return True
            up = up.parent()
        return False

    def with_points(self, points: tuple[str, ...]) -> Ref:
        return replace(self, points=tuple(points))


@dataclass(frozen=True)
class RefMatch:
    """A reference found in prose. `range_from` is set on the far end of a range
    ('Clauses 1.4 to 1.9'), so a check can expand it with expand_range()."""

    ref: Ref
    start: int
    end: int
    written: str
    range_from: Ref | None = None


# --------------------------------------------------------------------------------------------
# Ordering


def _number_key(number: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    prefix = number[0] if number[0].isalpha() else ""
    segments = []
    for part in number[len(prefix):].split("."):
        digits = part.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        segments.append((int(digits), part[len(digits):]))
    return prefix, tuple(segments)


def _point_key(label: str, depth: int) -> tuple[int, str]:
    """`(i)` is the 9th letter at a letter level and 1 at a roman level: S1SR alternates
    letters (even depths) and romans (odd depths), so depth decides when the label can't."""
    reading = read_point(point_candidates(label), depth=depth)
    return (reading[1] if reading else 0), label


def sort_key(ref: Ref) -> tuple:
    """Document order: 18.5(z) < 18.5(aa), 18.9 < 18.10, 20.5 < 20.5A < 20.6; clauses, then
    table steps, then annexes; the qualifier only breaks ties."""
    points = tuple(_point_key(label, depth) for depth, label in enumerate(ref.points))
    if ref.annex:
        return (2, ("", ()), (ref.number,), points, ref.doc or "")
    if ref.table is not None:
        return (1, _number_key(ref.table), _number_key(ref.number), points, ref.doc or "")
    return (0, ("", ()), _number_key(ref.number), points, ref.doc or "")


# --------------------------------------------------------------------------------------------
# Ranges


def _label_range(first: str, last: str, depth: int) -> list[str]:
    if first.isdigit() and last.isdigit():
        values = range(int(first), int(last) + 1)
        return [str(v) for v in values] if len(values) <= _MAX_RANGE and values else []
    styles: list[tuple[Callable[[str], int], Callable[[int], str]]] = []
    letter = (letter_value, letter_label)
    roman = (roman_value, roman_label)
    both_letters = is_letter_label(first) and is_letter_label(last)
    both_romans = is_roman_label(first) and is_roman_label(last)
    preferred = (letter, roman) if depth % 2 == 0 else (roman, letter)
    for style in preferred:
        if (style is letter and both_letters) or (style is roman and both_romans):
            styles.append(style)
    for value_of, label_of in styles:
        lo, hi = value_of(first), value_of(last)
        if lo <= hi and hi - lo < _MAX_RANGE:
            return [label_of(v) for v in range(lo, hi + 1)]
    return []


def expand_range(first: Ref, last: Ref) -> list[Ref]:
    """Every ref from `first` to `last` inclusive, stepping the one component that differs."""
    problem = f"cannot expand the range {first} to {last}"
    if (first.annex, first.table, first.doc) != (last.annex, last.table, last.doc):
        raise RefError(f"{problem}: the two ends are different kinds of reference")
    if first.annex:
        if len(first.number) == 1 and len(last.number) == 1 and first.number <= last.number:
            span = range(ord(first.number), ord(last.number) + 1)
            return [replace(first, number=chr(c)) for c in span]
        raise RefError(f"{problem}: annex ranges run between single letters, in order")
    if first.points or last.points:
        if (
            first.number != last.number
            or len(first.points) != len(last.points)
            or first.points[:-1] != last.points[:-1]
        ):
            raise RefError(f"{problem}: the ends must differ only in their last point")
        labels = _label_range(first.points[-1], last.points[-1], len(first.points) - 1)
        if not labels:
            raise RefError(f"{problem}: ({first.points[-1]}) does not come before ({last.points[-1]})")
        return [first.with_points(first.points[:-1] + (label,)) for label in labels]
    head_a, dot_a, tail_a = first.number.rpartition(".")
    head_b, dot_b, tail_b = last.number.rpartition(".")
    if head_a != head_b or dot_a != dot_b or not (tail_a.isdigit() and tail_b.isdigit()):
        raise RefError(f"{problem}: the ends must differ only in their last number")
    lo, hi = int(tail_a), int(tail_b)
    if lo > hi or hi - lo >= _MAX_RANGE:
        raise RefError(f"{problem}: {tail_a} does not come before {tail_b}")
    return [replace(first, number=f"{head_a}{dot_a}{n}") for n in range(lo, hi + 1)]

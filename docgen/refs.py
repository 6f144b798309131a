"""Clause references: read them however people wrote them, print them one way.

Every other part of docgen (the DMVES reader, the numbering lint, the cross-reference check,
renumbering) compares references as strings, so they must agree on one canonical spelling:
`18.5(p)(i)`, `Table 5.10 Step 5.10.17`, `Annex E`. Two readers live here:

* a *lenient* one for cells and command-line arguments (`parse_ref`, `parse_refs`), where
  the whole text is supposed to be references and anything left over is an error;
* a *strict* one for running prose (`find_refs`), where most numbers are not references
  (dates, versions, SRV numbers, money) and a false hit becomes a bogus lint finding.

Both share the atom scanners below so a spelling accepted in prose is always read the
same way in a cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable

__all__ = [
    "THIS_DOCUMENT",
    "Ref",
    "RefError",
    "RefMatch",
    "expand_range",
    "find_refs",
    "letter_label",
    "letter_value",
    "normalise",
    "parse_ref",
    "parse_refs",
    "rewrite_refs",
    "roman_label",
    "roman_value",
    "sort_key",
]

# The `doc` of a reference qualified "of this document": it points inside the document that
# contains it, so checks treat it like an unqualified reference.
THIS_DOCUMENT = "this document"

# A range wider than this is a typo or hostile input, never a real run of clauses.
_MAX_RANGE = 1000


class RefError(ValueError):
    """A text that should be a clause reference is not one (or is several)."""


# --------------------------------------------------------------------------------------------
# Labels: letters follow Word's lowerLetter rule (z is followed by aa, bb, ...), romans are
# lowercase. Points are stored as written; these give their ordinal value when one is needed.


def letter_label(n: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa': Word repeats the letter rather than counting in base 26."""
    if n < 1:
        raise RefError(f"letter labels start at 1, got {n}")
    repeat, index = divmod(n - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def letter_value(label: str) -> int:
    """Inverse of letter_label; 'ab' is no label Word can produce, so it is refused."""
    if not is_letter_label(label):
        raise RefError(f"{label!r} is not a letter label (a..z, aa, bb, ...)")
    return (len(label) - 1) * 26 + ord(label[0]) - ord("a") + 1


_ROMAN_PARTS = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_ROMAN_DIGITS = "ivxlcdm"


def roman_label(n: int) -> str:
    if not 1 <= n <= 3999:
        raise RefError(f"roman labels run from 1 to 3999, got {n}")
    out = []
    for value, text in _ROMAN_PARTS:
        count, n = divmod(n, value)
        out.append(text * count)
    return "".join(out)


def roman_value(label: str) -> int:
    """Strict: only the canonical spelling counts, so 'iiii' or 'vx' are refused, not guessed."""
    if not label or len(label) > 15 or any(c not in _ROMAN_DIGITS for c in label):
        raise RefError(f"{label!r} is not a lowercase roman numeral")
    weights = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for here, after in zip(label, label[1:] + " "):
        weight = weights[here]
        total += -weight if after != " " and weights[after] > weight else weight
    if total < 1 or total > 3999 or roman_label(total) != label:
        raise RefError(f"{label!r} is not a lowercase roman numeral")
    return total


def is_letter_label(label: str) -> bool:
    return bool(label) and "a" <= label[0] <= "z" and label == label[0] * len(label)


def is_roman_label(label: str) -> bool:
    try:
        roman_value(label)
    except RefError:
        return False
    return True


def _is_point_label(label: str) -> bool:
    if label.isascii() and label.isdigit():
        return True
    return is_letter_label(label) or is_roman_label(label)


# --------------------------------------------------------------------------------------------
# The reference value


_NUMBER_SHAPE = re.compile(r"(?:[A-Z](?=\d))?\d+(?:\.\d+)*[A-Z]?\Z")
_TABLE_SHAPE = re.compile(r"[A-Z]?\d+(?:\.\d+)*\Z")
_STEP_SHAPE = re.compile(r"\d+(?:\.\d+)*\Z")
_ANNEX_SHAPE = re.compile(r"[A-Z]{1,2}\Z")


@dataclass(frozen=True, order=True)
class Ref:
    """One addressable provision. `doc` is who it belongs to, never part of its spelling."""

    number: str
    points: tuple[str, ...] = ()
    table: str | None = None
    annex: bool = False
    doc: str | None = None

    def __post_init__(self) -> None:
        # Refs are dictionary keys all over docgen; a malformed one would silently never match.
        object.__setattr__(self, "points", tuple(self.points))
        if self.annex:
            if not _ANNEX_SHAPE.match(self.number) or self.points or self.table is not None:
                raise RefError(f"an annex reference is one or two capital letters, got {self.number!r}")
            return
        if self.table is not None:
            if not _TABLE_SHAPE.match(self.table):
                raise RefError(f"{self.table!r} is not a table number (like 5.10 or A3)")
            if not _STEP_SHAPE.match(self.number):
                raise RefError(f"{self.number!r} is not a step number (like 5.10.17 or 4)")
        elif not _NUMBER_SHAPE.match(self.number):
            raise RefError(f"{self.number!r} is not a clause number (like 18.5 or 20.5A)")
        for label in self.points:
            if not _is_point_label(label):
                raise RefError(
                    f"{label!r} is not a point label (a..z, aa.., lowercase romans, or digits)"
                )

    def canonical(self) -> str:
        tail = "".join(f"({p})" for p in self.points)
        if self.annex:
            return f"Annex {self.number}"
        if self.table is not None:
            return f"Table {self.table} Step {self.number}{tail}"
        return self.number + tail

    def __str__(self) -> str:
        return self.canonical()

    def parent(self) -> Ref | None:
        """The enclosing provision; table steps and annexes have none (a table is not a Ref)."""
        if self.points:
            return replace(self, points=self.points[:-1])
        if self.annex or self.table is not None:
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
    if label.isdigit():
        return int(label), label
    as_letter = is_letter_label(label)
    as_roman = is_roman_label(label)
    if as_letter and (depth % 2 == 0 or not as_roman):
        return letter_value(label), label
    if as_roman:
        return roman_value(label), label
    return 0, label


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


# --------------------------------------------------------------------------------------------
# Scanning. Compiled patterns are immutable constants; each scan builds its own small objects.

_DOC_ALTERNATIVES = (
    r"(?:SMETS1\s+)?Transition\s+and\s+Migration\s+Approach\s+Document"
    r"|SMETS1\s+Supporting\s+Requirements(?:\s+Document)?"
    r"|SMETS1\s+(?:SVTAD|TMAD|S1SR)"
    r"|Smart\s+Energy\s+Code"
    r"|CPL\s+Requirements(?:\s+Document)?"
    r"|DCC\s+Licence|Licence"
    r"|Appendix\s+[A-Z]{1,2}"
    r"|Section\s+[A-Z]"
    r"|[Tt]his\s+[Dd]ocument|this\s+Code|Code"
    r"|TMAD|S1SR|SVTAD|SEC|DMVESM?|CPL"
)
_SHORT_DOCS = r"TMAD|S1SR|SVTAD|SEC|DMVESM?|CPL"

# Possessive quantifiers (*+, ++) throughout: a paragraph of 20,000 spaces after a reference
# must not make the engine try every way of splitting them.
_QUALIFIER_RE = re.compile(
    rf"(?:\s*+,)?\s++(?:of|in)\s++(?:the\s++)?(?P<doc>{_DOC_ALTERNATIVES})(?!\w)"
    rf"(?:\s*+\((?:{_SHORT_DOCS})\))?"
)
# "TMAD Clause 1.4", "S1SR 18.5(p)": looked for just before a reference found in prose.
_DOC_BEFORE_RE = re.compile(rf"\b(?:the\s+)?(?P<doc>{_SHORT_DOCS})(?:['’]s)?\s+\Z")
_DOC_PREFIX_RE = re.compile(rf"(?:the\s++)?(?P<doc>{_DOC_ALTERNATIVES})(?:['’]s)?\s++")

_NUMBER_RE = re.compile(r"(?:[A-Z](?=\d))?\d+(?:\.\d+)*(?:[A-Z](?![A-Za-z]))?")
_STEP_RE = re.compile(r"\d+(?:\.\d+)*")
_GLUED_RE = re.compile(r"[a-z]{1,4}(?![A-Za-z0-9])")
_PAREN_STRICT_RE = re.compile(r"\((?P<label>[a-z]{1,7}|\d{1,3})\)")
_PAREN_LENIENT_RE = re.compile(r"\(\s*(?P<label>[A-Za-z]{1,7}|\d{1,3})\s*\)")
_CLEAN_END_RE = re.compile(r"(?![\w(%]|[.:]\d)")

_KEYWORD_LENIENT_RE = re.compile(
    r"(?P<kw>(?i:clauses?|sections?|paragraphs?|paras?|cl))\.?\s*+(?=[A-Z]?\d)"
)
_TABLE_RE = re.compile(
    r"(?P<tword>(?i:table))(?P<tgap>\s++)(?P<table>[A-Z]?\d++(?:\.\d++)*+)"
    r"(?P<sep>\s*+,\s*+|\s++)(?P<mid>[A-Z]{2,4}\d{1,3}\s++)?"
    r"(?P<sword>(?i:steps?))(?P<sgap>\s++)(?=\d)"
)
_ANNEX_RE = re.compile(r"(?P<aword>(?i:annex(?:es)?)\s++)(?P<letter>[A-Z]{1,2})(?!\w)")
_ANNEX_LETTER_RE = re.compile(r"[A-Z]{1,2}(?!\w)")
# In prose a lone capital after "and" is as likely the pronoun "I" or "A" as an annex.
_ANNEX_LIST_END_RE = re.compile(r"[ \xa0]*+(?:\Z|[\t\r\n.,;:)\]]|(?:of|in|and|or)\b)")

_CONNECT_STRICT_RE = re.compile(
    r"\s*+(?:(?P<range>–|—|-|\bto\b)|,?\s*+(?:\band\b|\bor\b|&)|,)\s*+"
)
_CONNECT_LENIENT_RE = re.compile(
    r"\s*+(?P<range>–|—|-|\bto\b|\bthrough\b)\s*+"
    r"|[\s,;/&]*+(?:\b(?:and|or)\b)?[\s,;/&]*+"
)
_SEPARATOR_RE = re.compile(r"[\s,;/&]*+(?:\b(?:and|or)\b)?[\s,;/&]*+")
_TRAILING_RE = re.compile(r"[\s.,;]*+\Z")

# The leading look-ahead lets the regex engine skip most characters without trying each
# alternative: on 30,000-paragraph documents it halves the scanning time.
_PROSE_TRIGGER_RE = re.compile(
    r"(?=[CcSsPpTtAa0-9])(?:"
    r"(?P<kw>\b(?i:clauses?|sections?|paragraphs?))(?=\s++[A-Z]?\d)"
    r"|(?P<table>\b(?i:table))(?=\s++[A-Z]?\d)"
    r"|(?P<annex>\b(?i:annex(?:es)?))(?=\s++[A-Z])"
    r"|(?P<bare>(?<![\w.])\d+\.\d))"
)
# The whole gap between two groups in "Annex D, Annex E and Annex F of the S1SR".
_GROUP_JOINT_RE = re.compile(r"\s*+,?\s*+(?:\b(?:and|or)\b|&)?\s*+\Z")
_PREVIOUS_WORD_RE = re.compile(r"(?P<word>[A-Za-z]\w*)\.?\s*\Z")

# Words after which a dotted number is a version, service request or page, not a clause.
_NOT_CLAUSE_AFTER = frozenset(
    "srv srvs sr version versions ver v rev revision release releases uplift figure figures "
    "fig table tables chapter page pages pp step steps gbcs duis smets smets1 smets2 issue "
    "build appendix annex schedule rule rules".split()
)
_LICENCE_WORDS = frozenset({"condition", "conditions"})
# "2.5m", "£3.1k", "1.5x": quantities whose unit letter looks like a glued point.
_UNIT_LETTERS = frozenset("kmbghsxp")
_QUANTITY_WORDS = frozenset(
    "a an around approximately approx about over under circa c some nearly almost up to "
    "only just least most by".split()
)
_BAD_CHAR_BEFORE_BARE = frozenset("£$€¥~≈#@/\\:+'’=")
# ... so such a glued ref only counts where a reference would end, not before a noun.
_UNIT_SAFE_AFTER_RE = re.compile(
    r"[ \xa0]*+(?:\Z|[\t\r\n.,;:)\]–—-]|(?:and|or|to|of|is|was|where|which|that)\b)"
)


@dataclass
class _Atom:
    ref: Ref
    start: int
    end: int
    ranged: bool = False  # joined to the atom before it by "to" or a dash


@dataclass
class _Group:
    atoms: list[_Atom]
    end: int
    doc: str | None  # written after the refs: "of the TMAD"
    fallback: str | None = None  # implied by the spelling when nothing is written


def _doc_name(raw: str) -> str:
    """One name per document however it was called, so refs can be grouped by `doc`."""
    words = raw.split()
    text = " ".join(words)
    if words[0] == "Appendix":
        by_letter = {"AK": "SVTAD", "AL": "TMAD", "AM": "S1SR", "Z": "CPL"}
        return by_letter.get(words[1], text)
    if words[0] == "Section":
        return f"SEC Section {words[1]}"
    if words[0].lower() == "this":
        return "SEC" if words[1] == "Code" else THIS_DOCUMENT
    if text.endswith("Approach Document") or text == "SMETS1 TMAD":
        return "TMAD"
    if text.startswith("SMETS1 Supporting") or text == "SMETS1 S1SR":
        return "S1SR"
    if text == "SMETS1 SVTAD":
        return "SVTAD"
    if text.startswith("CPL"):
        return "CPL"
    if text in ("Smart Energy Code", "Code"):
        return "SEC"
    if text.endswith("Licence"):
        return "DCC Licence"
    if text.startswith("DMVES"):
        return "DMVES"
    return text


@dataclass(frozen=True)
class _Mode:
    """What the scanners tolerate: cells are forgiving, prose is not."""

    lenient: bool

    @property
    def paren(self) -> re.Pattern[str]:
        return _PAREN_LENIENT_RE if self.lenient else _PAREN_STRICT_RE

    @property
    def connect(self) -> re.Pattern[str]:
        return _CONNECT_LENIENT_RE if self.lenient else _CONNECT_STRICT_RE


_LENIENT = _Mode(lenient=True)
_STRICT = _Mode(lenient=False)


@dataclass
class _Points:
    labels: tuple[str, ...]
    end: int
    glued: bool


def _scan_points(
    text: str, pos: int, mode: _Mode, *, space_ok: bool, glued_ok: bool, digits_ok: bool = True
) -> _Points | None:
    """Points after a number. None means malformed (a glued run that is no label), which
    spoils the whole reference rather than leaving a stray 'ab' behind it."""
    labels: list[str] = []
    end = pos
    glued = False
    if glued_ok:
        run = _GLUED_RE.match(text, pos)
        if run:
            if not is_letter_label(run.group()):
                return None
            labels.append(run.group())
            end = run.end()
            glued = True
        elif pos < len(text) and text[pos].isalpha() and text[pos].islower():
            return None
    while True:
        at = end
        if not labels and space_ok:
            if mode.lenient:
                while at < len(text) and text[at].isspace():
                    at += 1
            elif text.startswith(" ", at):
                at += 1
        group = mode.paren.match(text, at)
        if not group:
            break
        label = group.group("label").lower()
        if not _is_point_label(label) or (label.isdigit() and not digits_ok):
            if mode.lenient:
                raise RefError(
                    f"({group.group('label')}) in {text!r} is not a point label "
                    "(a..z, aa.., romans i, ii.., or digits)"
                )
            break
        labels.append(label)
        end = group.end()
    return _Points(tuple(labels), end, glued)


def _scan_paren_only(text: str, pos: int, mode: _Mode) -> _Points | None:
    """A continuation like the '(b)' of '18.5(a) and (b)'."""
    if not text.startswith("(", pos):
        return None
    points = _scan_points(text, pos, mode, space_ok=False, glued_ok=False)
    if points is None or not points.labels or not _CLEAN_END_RE.match(text, points.end):
        return None
    return points


def _scan_clause(
    text: str, pos: int, mode: _Mode, *, space_ok: bool, digits_ok: bool = True
) -> tuple[Ref, _Points] | None:
    number = _NUMBER_RE.match(text, pos)
    if not number:
        return None
    value = number.group()
    points = _scan_points(
        text,
        number.end(),
        mode,
        space_ok=space_ok,
        glued_ok=not value[-1].isalpha(),
        digits_ok=digits_ok,
    )
    if points is None or not _CLEAN_END_RE.match(text, points.end):
        return None
    return Ref(value, points.labels), points


def _segments(ref: Ref) -> int:
    return ref.number.count(".") + 1


def _continue(
    text: str,
    atoms: list[_Atom],
    mode: _Mode,
    next_item: Callable[[int, _Atom], _Atom | None],
) -> int:
    """Extend a group over ', (b)', ' and 20.5', ' to 1.9', '–(z)'; returns where it ends."""
    end = atoms[-1].end
    while True:
        joint = mode.connect.match(text, end)
        if joint is None or joint.end() == end:
            return end
        at = joint.end()
        ranged = joint.group("range") is not None
        last = atoms[-1]
        item: _Atom | None = None
        if last.ref.points:
            points = _scan_paren_only(text, at, mode)
            if points is not None:
                ref = last.ref.with_points(last.ref.points[:-1] + points.labels)
                item = _Atom(ref, at, points.end)
        if item is None:
            item = next_item(at, last)
        if item is None:
            return end
        item.ranged = ranged
        atoms.append(item)
        end = item.end


def _qualify(text: str, pos: int) -> tuple[str | None, int]:
    found = _QUALIFIER_RE.match(text, pos)
    if found is None:
        return None, pos
    return _doc_name(found.group("doc")), found.end()


def _table_group(text: str, pos: int, mode: _Mode) -> _Group | None:
    head = _TABLE_RE.match(text, pos)
    if head is None:
        return None
    table = head.group("table")
    step = _STEP_RE.match(text, head.end())
    assert step is not None  # the pattern looked ahead for a digit
    points = _scan_points(text, step.end(), mode, space_ok=mode.lenient, glued_ok=True)
    if points is None or not _CLEAN_END_RE.match(text, points.end):
        return None
    first = _Atom(Ref(step.group(), points.labels, table=table), pos, points.end)
    plural = head.group("sword").lower().endswith("s")

    def next_step(at: int, last: _Atom) -> _Atom | None:
        found = _STEP_RE.match(text, at)
        if found is None:
            return None
        width = found.group().count(".") + 1
        if width != _segments(last.ref) or not (mode.lenient or plural or width > 1):
            return None
        more = _scan_points(text, found.end(), mode, space_ok=False, glued_ok=True)
        if more is None or not _CLEAN_END_RE.match(text, more.end):
            return None
        return _Atom(Ref(found.group(), more.labels, table=table), at, more.end)

    atoms = [first]
    end = _continue(text, atoms, mode, next_step)
    doc, end = _qualify(text, end)
    return _Group(atoms, end, doc)


def _annex_group(text: str, pos: int, mode: _Mode) -> _Group | None:
    head = _ANNEX_RE.match(text, pos)
    if head is None:
        return None

    def next_letter(at: int, last: _Atom) -> _Atom | None:
        found = _ANNEX_LETTER_RE.match(text, at)
        if found is None:
            return None
        if not mode.lenient and not _ANNEX_LIST_END_RE.match(text, found.end()):
            return None
        return _Atom(Ref(found.group(), annex=True), at, found.end())

    atoms = [_Atom(Ref(head.group("letter"), annex=True), pos, head.end())]
    end = _continue(text, atoms, mode, next_letter)
    doc, end = _qualify(text, end)
    return _Group(atoms, end, doc)


def _clause_group(
    text: str, pos: int, mode: _Mode, *, keyword: str | None, bare_prose: bool = False
) -> _Group | None:
    """`keyword` is 'clause', 'section', 'paragraph' (any case or plural) or None."""
    strict_prose = not mode.lenient
    word = (keyword or "").lower()
    plural = word.endswith("s")
    dotted_rule = strict_prose and (word.startswith("section") or word.startswith("paragraph"))
    scanned = _scan_clause(
        text, pos, mode, space_ok=mode.lenient or keyword is not None, digits_ok=not bare_prose
    )
    if scanned is None:
        return None
    ref, points = scanned
    if dotted_rule and "." not in ref.number and not ref.points:
        return None
    if bare_prose and not _bare_acceptable(text, pos, ref, points):
        return None

    def next_clause(at: int, last: _Atom) -> _Atom | None:
        found = _scan_clause(
            text, at, mode, space_ok=mode.lenient, digits_ok=not bare_prose
        )
        if found is None:
            return None
        item, item_points = found
        if strict_prose:
            if bare_prose and not (item.points and "." in item.number):
                return None
            if bare_prose and item_points.glued and item.points[0] in _UNIT_LETTERS:
                if not _UNIT_SAFE_AFTER_RE.match(text, item_points.end):
                    return None
            if not plural and not (
                _segments(item) == _segments(last.ref) and ("." in item.number or item.points)
            ):
                return None
        return _Atom(item, at, item_points.end)

    atoms = [_Atom(ref, pos, points.end)]
    end = _continue(text, atoms, mode, next_clause)
    doc, end = _qualify(text, end)
    group = _Group(atoms, end, doc)
    if ref.number[0].isalpha() and word.startswith(("section", "paragraph")):
        group.fallback = "SEC"  # "Section A2.13": the SEC body's sections are lettered
    return group


def _bare_acceptable(text: str, pos: int, ref: Ref, points: _Points) -> bool:
    """Prose numbers are mostly not references; a bare one must look unmistakably like one."""
    if not ref.points or "." not in ref.number or ref.number.startswith("0"):
        return False
    if pos and text[pos - 1] in _BAD_CHAR_BEFORE_BARE:
        return False
    before = _PREVIOUS_WORD_RE.search(text, max(0, pos - 24), pos)
    word = before.group("word").lower() if before else ""
    if word in _NOT_CLAUSE_AFTER:
        return False
    if points.glued and ref.points[0] in _UNIT_LETTERS:
        if word in _QUANTITY_WORDS or not _UNIT_SAFE_AFTER_RE.match(text, points.end):
            return False
    return True


def _prose_group(text: str, trigger: re.Match[str]) -> tuple[_Group, int] | None:
    """Group found at a prose trigger, and where its references start (for a doc prefix)."""
    kind = trigger.lastgroup
    start = trigger.start()
    if kind == "table":
        group = _table_group(text, start, _STRICT)
        return (group, start) if group else None
    if kind == "annex":
        group = _annex_group(text, start, _STRICT)
        return (group, start) if group else None
    if kind == "kw":
        at = trigger.end()
        while at < len(text) and text[at].isspace():
            at += 1
        group = _clause_group(text, at, _STRICT, keyword=trigger.group("kw"))
        return (group, start) if group else None
    group = _clause_group(text, start, _STRICT, keyword=None, bare_prose=True)
    if group is None:
        return None
    before = _PREVIOUS_WORD_RE.search(text, max(0, start - 24), start)
    if before and before.group("word").lower() in _LICENCE_WORDS:
        group.fallback = "DCC Licence"  # "Condition 22.30(a)" cites the DCC Licence
    return group, start


def find_refs(text: str) -> list[RefMatch]:
    """References cited in running prose, in order. Precision over recall: a number only
    counts behind a keyword (Clause, Section, Table .. Step, Annex) or when it carries points
    (18.5(t), 18.5p), so dates, versions, SRVs and money never show up in the lint."""
    matches: list[RefMatch] = []
    # Indices of matches in earlier groups of a list that a qualifier after its last group
    # covers too ("Clause 20.5 and Clause 20.6 of the TMAD"), and where that list ends.
    unqualified: list[int] = []
    chain_end = -1
    pos = 0
    while True:
        trigger = _PROSE_TRIGGER_RE.search(text, pos)
        if trigger is None:
            return matches
        found = _prose_group(text, trigger)
        if found is None:
            pos = trigger.end()
            continue
        group, start = found
        joined = 0 <= start - chain_end <= 16 and bool(
            _GROUP_JOINT_RE.match(text, chain_end, start)
        )
        if not joined:
            unqualified = []
        doc = group.doc
        if doc is not None:
            for index in unqualified:
                earlier = matches[index]
                origin = earlier.range_from
                matches[index] = replace(
                    earlier,
                    ref=replace(earlier.ref, doc=doc),
                    range_from=replace(origin, doc=doc) if origin else None,
                )
            unqualified = []
        else:
            prefix = _DOC_BEFORE_RE.search(text, max(0, start - 20), start)
            doc = _doc_name(prefix.group("doc")) if prefix else group.fallback
            if doc is None:
                unqualified.extend(range(len(matches), len(matches) + len(group.atoms)))
            else:
                unqualified = []  # "TMAD Clause 1.4 and ..." starts a list of its own
        chain_end = group.end
        previous: Ref | None = None
        for atom in group.atoms:
            ref = replace(atom.ref, doc=doc) if doc else atom.ref
            matches.append(
                RefMatch(
                    ref,
                    atom.start,
                    atom.end,
                    text[atom.start : atom.end],
                    previous if atom.ranged else None,
                )
            )
            previous = ref
        pos = group.end


# --------------------------------------------------------------------------------------------
# Cells


def _lenient_group(text: str, pos: int) -> _Group | None:
    prefix_doc = None
    prefix = _DOC_PREFIX_RE.match(text, pos)
    if prefix is not None and (
        _NUMBER_RE.match(text, prefix.end())
        or _KEYWORD_LENIENT_RE.match(text, prefix.end())
        or _TABLE_RE.match(text, prefix.end())
        or _ANNEX_RE.match(text, prefix.end())
    ):
        prefix_doc = _doc_name(prefix.group("doc"))
        pos = prefix.end()
    group = _table_group(text, pos, _LENIENT) or _annex_group(text, pos, _LENIENT)
    if group is None:
        keyword = _KEYWORD_LENIENT_RE.match(text, pos)
        if keyword is not None:
            group = _clause_group(text, keyword.end(), _LENIENT, keyword=keyword.group("kw"))
        else:
            group = _clause_group(text, pos, _LENIENT, keyword=None)
    if group is not None and group.doc is None:
        group.doc = prefix_doc or group.fallback
    return group


def _cell_atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    start = _SEPARATOR_RE.match(text)
    assert start is not None  # every part of the pattern is optional
    pos = start.end()
    while not _TRAILING_RE.match(text, pos):
        group = _lenient_group(text, pos)
        if group is None:
            snippet = text[pos : pos + 30]
            raise RefError(
                f"cannot read {text!r} as clause references: {snippet!r} at position {pos} "
                "is not a reference (expected e.g. 18.5(p), Clause 13.2, Table A3 Step 4, Annex E)"
            )
        for atom in group.atoms:
            if group.doc is not None:
                atom.ref = replace(atom.ref, doc=group.doc)
            atoms.append(atom)
        after = _SEPARATOR_RE.match(text, group.end)
        assert after is not None  # every part of the pattern is optional
        if after.end() == group.end and not _TRAILING_RE.match(text, group.end):
            raise RefError(
                f"cannot read {text!r} as clause references: "
                f"{text[group.end : group.end + 30]!r} follows {text[pos:group.end]!r} "
                "without a separator"
            )
        pos = after.end()
    if not atoms:
        raise RefError(f"{text!r} holds no clause reference")
    return atoms


def parse_refs(text: str, *, expand_ranges: bool = True) -> list[Ref]:
    """Every reference in a cell, in the order written; '18.5q–18.5z' becomes ten refs
    (or just its two ends when `expand_ranges` is false)."""
    atoms = _cell_atoms(text)
    out: list[Ref] = []
    for index, atom in enumerate(atoms):
        if atom.ranged and expand_ranges:
            out.extend(expand_range(atoms[index - 1].ref, atom.ref)[1:])
        else:
            out.append(atom.ref)
    return out


def parse_ref(text: str) -> Ref:
    atoms = _cell_atoms(text)
    if len(atoms) != 1:
        what = "a range" if any(a.ranged for a in atoms) else f"{len(atoms)} references"
        listed = ", ".join(str(a.ref) for a in atoms)
        raise RefError(f"expected one clause reference in {text!r}, found {what} ({listed})")
    return atoms[0].ref


def normalise(text: str) -> str:
    return parse_ref(text).canonical()


# --------------------------------------------------------------------------------------------
# Rewriting


def _render_number(written: str, number: str, points: tuple[str, ...]) -> str:
    """`number` and `points` in the style of `written`: '18.5p' stays glued, '3.1 (g)' keeps
    its space, anything else gets the canonical parentheses."""
    found = _NUMBER_RE.match(written)
    rest = written[found.end() :] if found else ""
    tail = list(points)
    out = number
    if rest[:1].isalpha() and tail and is_letter_label(tail[0]) and not number[-1].isalpha():
        out += tail.pop(0)
    elif tail and rest[:1].isspace():
        out += rest[: len(rest) - len(rest.lstrip())]
    return out + "".join(f"({p})" for p in tail)


def _render_like(written: str, old: Ref, new: Ref) -> str:
    """`new` spelled the way `written` (a self-contained citation of `old`) was spelled."""
    if new.annex:
        head = _ANNEX_RE.match(written) if old.annex else None
        return head.group("aword") + new.number if head else new.canonical()
    if new.table is not None:
        head = _TABLE_RE.match(written) if old.table is not None else None
        if head is None:
            return new.canonical()
        same_table = new.table == old.table
        prefix = (
            head.group("tword")
            + head.group("tgap")
            + new.table
            + head.group("sep")
            + ((head.group("mid") or "") if same_table else "")
            + head.group("sword")
            + head.group("sgap")
        )
        return prefix + _render_number(written[head.end() :], new.number, new.points)
    if old.annex or old.table is not None:
        return new.canonical()
    return _render_number(written, new.number, new.points)


def _is_continuation(written: str, ref: Ref) -> bool:
    """'(b)' after '18.5(a) and', '5.10.18' after 'Table 5.10 Steps 5.10.17 and', 'F' after
    'Annex E and': spellings that only mean something after the reference before them."""
    if ref.annex:
        return not written[:5].lower() == "annex"
    if ref.table is not None:
        return not written[:5].lower() == "table"
    return written.startswith("(")


def _render_after(written: str, new: Ref, before: Ref | None) -> str:
    """`new` as a continuation of `before`, when that still reads as `new`; else in full.
    Mirrors how the scanners read continuations, so a rewrite never changes their meaning."""
    if before is not None and new.doc == before.doc:
        if new.annex and before.annex:
            return new.number
        if new.table is not None and new.table == before.table and _segments(new) == _segments(before):
            return _render_number(written, new.number, new.points)
        keep = len(before.points) - 1
        if (
            not new.annex
            and new.table is None
            and (before.table, before.annex) == (None, False)
            and before.points
            and new.number == before.number
            and len(new.points) > keep
            and new.points[:keep] == before.points[:keep]
        ):
            return "".join(f"({p})" for p in new.points[keep:])
    return new.canonical()


def rewrite_refs(
    text: str,
    mapping: dict[str, str],
    *,
    docs: Iterable[str | None] = (None, THIS_DOCUMENT),
) -> str:
    """Replace cited refs whose canonical form is a key of `mapping`, keeping how the author
    spelled them. Only refs whose qualifier is in `docs` are touched: renumbering the S1SR
    must not rewrite 'Clause 1.4 of the TMAD'. A continuation like the '(b)' of
    '18.5(a) and (b)' is spelled out in full when its head was rewritten under it. Text
    outside the rewritten spans is kept byte for byte."""
    if not mapping:
        return text
    allowed = set(docs)
    targets: dict[str, Ref] = {}
    pieces: list[str] = []
    kept = 0
    old_before: Ref | None = None
    new_before: Ref | None = None
    for match in find_refs(text):
        old = match.ref
        key = old.canonical()
        new = old
        if key in mapping and old.doc in allowed:
            if key not in targets:
                targets[key] = replace(parse_ref(mapping[key]), doc=None)
            new = replace(targets[key], doc=old.doc)
        if _is_continuation(match.written, old):
            unchanged = new == old and new_before == old_before
            spelled = match.written if unchanged else _render_after(match.written, new, new_before)
        else:
            spelled = match.written if new == old else _render_like(match.written, old, new)
        if spelled != match.written:
            pieces.append(text[kept : match.start])
            pieces.append(spelled)
            kept = match.end
        old_before, new_before = old, new
    if not pieces:
        return text
    pieces.append(text[kept:])
    return "".join(pieces)

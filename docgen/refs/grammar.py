"""Reading references: the strict reader for running prose (`find_refs`) and the lenient one
for cells and command-line arguments (`parse_ref`, `parse_refs`), sharing one set of atom
scanners so a spelling accepted in prose is always read the same way in a cell."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from docgen.refs.errors import RefError
from docgen.refs.labels import is_point_label, is_letter_label
from docgen.refs.value import THIS_DOCUMENT, Ref, RefMatch, expand_range

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
        if not is_point_label(label) or (label.isdigit() and not digits_ok):
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


def read_ref(text: str | None) -> Ref | None:
    """`parse_ref` for text that may not be a reference at all (a pack's free-text row, a
    typo): the reference, or None."""
    if not text:
        return None
    try:
        return parse_ref(text)
    except RefError:
        return None


def parse_ref(text: str) -> Ref:
    """The one reference `text` spells; the model's own canonical spellings ("Annex G(a)",
    "Annex D 1.2") are read exactly as the hierarchy writes them."""
    try:
        atoms, unread = _cell_atoms(text), None
    except RefError as exc:
        atoms, unread = [], exc
    if len(atoms) != 1:
        try:
            return Ref.from_canonical(text.strip())
        except RefError:
            if unread is not None:
                raise unread from None
    if len(atoms) != 1:
        what = "a range" if any(a.ranged for a in atoms) else f"{len(atoms)} references"
        listed = ", ".join(str(a.ref) for a in atoms)
        raise RefError(f"expected one clause reference in {text!r}, found {what} ({listed})")
    return atoms[0].ref

"""What every rule needs to know about a document, computed once per lint run.

Rules compare siblings ("(q) follows (p)"), so the document is cut once into sibling groups
and each clause's own label is read once into a family (dotted number, letter, roman...)
and an ordinal value. Reading a typed or PDF label needs its neighbours: "(i)" after "(h)"
is the ninth letter, "(i)" opening a list or after "(c)" is the roman one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from docgen.checks import Finding, default_severity
from docgen.model import STEP, Clause, Document
from docgen.refs import letter_label, roman_label
from docgen.refs.labels import point_candidates, read_point
from docgen.refs.patterns import NUMBER_TAIL

DOTTED = "dotted"  # 18, 18.5, 20.5A
LETTER = "letter"  # (a) .. (z), (aa)
ROMAN = "roman"  # (i), (ii)
DIGIT = "digit"  # (1), (2)
UPPER = "upper"  # (A), (B)
STEPNO = "step"  # Table 5.10 Step 5.10.17
OTHER = "other"  # bullets and labels no rule can count

_FORMATS = MappingProxyType({
    "lowerLetter": LETTER,
    "upperLetter": UPPER,
    "lowerRoman": ROMAN,
    "upperRoman": ROMAN,
    "decimal": DIGIT,
    "decimalZero": DIGIT,
})
# The reverse: the Word formats each family is read as (its first is the one it counts in).
_FORMATS_OF = MappingProxyType({LETTER: ("lowerLetter",), UPPER: ("upperLetter",), ROMAN: ("lowerRoman",), DIGIT: ("decimal",)})


@dataclass(frozen=True)
class Label:
    """A clause's own number: `family` and ordinal `value`, `suffix` for inserted clauses (20.5A)."""

    family: str
    value: int | None
    text: str
    suffix: str = ""
    point: bool = False  # written in parentheses after the parent's ref


def own_label_text(clause: Clause) -> tuple[str, bool]:
    """The last component of the ref: ('p', True) for 18.5(p), ('5A', False) for 20.5A."""
    ref = clause.ref_value
    if ref is None:  # a label that is no reference ("Article I"): its last word
        return clause.ref.rsplit(" ", 1)[-1], False
    return ref.own_label(), bool(ref.points)


def label_for(family: str, value: int) -> str:
    """The label text a clause of `family` would carry as the `value`-th sibling."""
    if family == LETTER:
        return letter_label(value)
    if family == UPPER:
        return letter_label(value).upper()
    if family == ROMAN:
        return roman_label(value)
    return str(value)


def child_family(family: str) -> str:
    """The family of a clause's sub-items: 18.5 -> (a), (p) -> (i), (i) -> (A)."""
    return {DOTTED: LETTER, LETTER: ROMAN, ROMAN: UPPER, STEPNO: LETTER}.get(family, LETTER)


def with_label(ref: str, label: Label, family: str, value: int) -> str:
    """`ref` with its own label replaced by the `value`-th label of `family`."""
    text = label_for(family, value)
    if label.point:
        return ref[: ref.rfind("(")] + f"({text})"
    m = NUMBER_TAIL.search(ref)
    if m is None:
        return ref
    return ref[: m.start()] + text + label.suffix


def _read_number(clause: Clause, text: str) -> Label:
    m = NUMBER_TAIL.search(text)
    if m is None:
        return Label(OTHER, None, text)
    family = STEPNO if clause.kind == STEP else DOTTED
    value = clause.num_value if clause.numbering == "auto" and clause.num_value is not None and not m.group(2) else int(m.group(1))
    return Label(family, value, text, m.group(2))


def read_group(group: list[Clause]) -> list[Label]:
    """Labels of one sibling group in order; typed and PDF labels are read in context."""
    out: list[Label] = []
    last: dict[str, int] = {}
    previous_family: str | None = None
    texts = [own_label_text(clause) for clause in group]
    for index, clause in enumerate(group):
        text, point = texts[index]
        if not point:
            label = _read_number(clause, text)
        elif clause.numbering == "auto" and clause.num_format:
            family = _FORMATS.get(clause.num_format, OTHER)
            label = Label(family, clause.num_value if family != OTHER else None, text, point=True)
        else:
            after = texts[index + 1] if index + 1 < len(texts) else None
            label = _read_point(text, previous_family, last, after[0] if after and after[1] else None)
        if label.value is not None:
            last[label.family] = label.value
            previous_family = label.family
        out.append(label)
    return out


def _read_point(text: str, previous: str | None, last: dict[str, int], following: str | None) -> Label:
    """A typed or PDF label read in context by the one letter-or-roman rule
    (`docgen.refs.labels.read_point`): after "(h)", "(i)" is a letter; after "(i)", "(ii)"."""
    candidates = point_candidates(text)
    if text.isupper():  # "(A)" lists; an upper-case roman is read as a letter at this level
        candidates = tuple(c for c in candidates if c[0] == "upperLetter") or candidates
    by_format = {fmt: value for family, value in last.items() for fmt in _FORMATS_OF.get(family, ())}
    prev = (_FORMATS_OF[previous][0], last[previous]) if previous in _FORMATS_OF and previous in last else None
    reading = read_point(candidates, previous=prev, seen=by_format, following=point_candidates(following) if following else None)
    if reading is None:
        return Label(OTHER, None, text, point=True)
    return Label(_FORMATS.get(reading[0], OTHER), reading[1], text, point=True)


def main_family(labels: list[Label]) -> str:
    """The family most siblings share; the first one's when tied."""
    counts: dict[str, int] = {}
    for label in labels:
        if label.family != OTHER:
            counts[label.family] = counts.get(label.family, 0) + 1
    if not counts:
        return OTHER
    best = max(counts.values())
    return next(lb.family for lb in labels if counts.get(lb.family) == best)


def scope_of(clause: Clause) -> str:
    """The annex or appendix a root clause is numbered within ('Annex G' of 'Annex G(a)' and
    of 'Annex G 1.2'); '' in the body of the document."""
    ref = clause.ref_value
    if ref is None:
        return clause.ref.rsplit(" ", 1)[0] if " " in clause.ref else ""
    if ref.annex:
        return f"Annex {ref.number}"
    return ref.scope or ""


def sibling_groups(doc: Document) -> list[list[Clause]]:
    """Runs of clauses that number one sequence: children of one parent (points apart from
    dotted numbers), root clauses per annex scope, and the steps of each table."""
    groups: dict[tuple, list[Clause]] = {}
    root_points_run: dict[str, tuple[int, int]] = {}  # scope -> (run id, last index)
    for index, clause in enumerate(doc.clauses):
        _, point = own_label_text(clause)
        if clause.kind == STEP:
            ref = clause.ref_value
            key: tuple = ("step", ref.table if ref is not None else clause.ref.split(" Step ", 1)[0])
        elif clause.parent is not None:
            key = ("child", id(clause.parent), point)
        elif point:
            # Unnumbered lists at the root ("Annex G(a)") are separate lists when other clauses
            # come between them.
            scope = scope_of(clause)
            run, last_index = root_points_run.get(scope, (0, -2))
            if last_index != index - 1:
                run += 1
            root_points_run[scope] = (run, index)
            key = ("rootpoint", scope, run)
        else:
            key = ("root", scope_of(clause))
        groups.setdefault(key, []).append(clause)
    return list(groups.values())


@dataclass
class LintContext:
    """The document plus the indexes rules share; built once by `build_context`."""

    doc: Document
    file: str
    groups: list[list[Clause]]
    labels: dict[int, Label] = field(default_factory=dict)
    families: dict[int, str] = field(default_factory=dict)  # id(first clause of group) -> main family
    positions: dict[int, int] = field(default_factory=dict)
    by_ref: dict[str, Clause] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)  # ref -> page, from a PDF of the document
    heading_at: dict[int, str] = field(default_factory=dict)  # paragraph index -> nearest heading above

    @property
    def name(self) -> str:
        return Path(self.file).name

    @staticmethod
    def name_of(path: str) -> str:
        """A file's name for messages: the path is already in the finding's `file`."""
        return Path(path).name

    def label(self, clause: Clause) -> Label:
        return self.labels[id(clause)]

    def group_family(self, group: list[Clause]) -> str:
        return self.families[id(group[0])]

    def position(self, clause: Clause) -> tuple[int, ...]:
        return (self.positions.get(id(clause), 1 << 29),)

    def page_of(self, clause: Clause | None) -> int | None:
        if clause is None:
            return None
        if clause.source.page is not None:
            return clause.source.page
        return self.pages.get(clause.ref)

    def heading_of(self, clause: Clause | None, paragraph: int | None = None) -> str | None:
        """The nearest heading above: the closest enclosing clause with a heading ('18 Device
        Specific Behaviours'), else the last heading-styled paragraph before this one."""
        node = clause
        while node is not None:
            if node.heading and node is not clause:
                return f"{node.num} {node.heading}".strip()
            node = node.parent
        index = paragraph if paragraph is not None else (clause.source.paragraph if clause is not None else None)
        if index is not None:
            return self.heading_at.get(index)
        return None

    def place(self, clause: Clause | None, paragraph: int | None = None) -> dict:
        """Where a finding is, as Finding's `paragraph`, `heading` and `page` fields."""
        if paragraph is None and clause is not None:
            paragraph = clause.source.paragraph
        return {"paragraph": paragraph, "heading": self.heading_of(clause, paragraph), "page": self.page_of(clause)}

    def where(self, clause: Clause | None, paragraph: int | None = None) -> str:
        """Where a person finds it: 'page 34, in "18 Device Specific Behaviours"'. The
        paragraph index is only a last resort: Word shows no paragraph numbers."""
        place = self.place(clause, paragraph)
        parts = []
        if clause is not None and clause.source.page is not None:
            parts.append(clause.source.describe())  # a PDF: page and line
        elif place["page"] is not None:
            parts.append(f"page {place['page']}")
        if place["heading"]:
            parts.append(f'in "{place["heading"]}"')
        if parts:
            return ", ".join(parts)
        if clause is not None:
            return clause.source.describe()
        return f"paragraph {paragraph}" if paragraph is not None else "unknown position"


    def _page_words(self, clause: Clause) -> str | None:
        if clause.source.page is not None:
            return clause.source.describe()  # a PDF: page and line
        page = self.pages.get(clause.ref)
        return f"page {page}" if page is not None else None

    def at(self, clause: Clause) -> str:
        """For messages, after a ref: 'S1SR-v12.docx, page 34', or the file alone."""
        page = self._page_words(clause)
        return f"{self.name}, {page}" if page else self.name

    def named(self, clause: Clause) -> str:
        """For messages, after 'in': 'S1SR-v12.docx (page 34)', or the file alone."""
        page = self._page_words(clause)
        return f"{self.name} ({page})" if page else self.name

    def page_note(self, clause: Clause) -> str:
        page = self._page_words(clause)
        return f" ({page})" if page else ""

    def spot(self, clause: Clause) -> str:
        """Where one of two clauses with the same ref is: its page, or the clause before it."""
        page = self._page_words(clause)
        if page:
            return f"on {page}"
        index = self.positions.get(id(clause))
        if index:
            return f"after {self.doc.clauses[index - 1].ref}"
        return "at the start"


def _headings(doc: Document) -> dict[int, str]:
    """For every paragraph, the text of the last heading-styled paragraph before it."""
    out: dict[int, str] = {}
    current: str | None = None
    for paragraph in doc.paragraphs:
        if current is not None:
            out[paragraph.index] = current
        if (paragraph.style or "").lower().startswith("heading") and paragraph.text:
            current = f"{paragraph.num} {paragraph.text}".strip()
    return out


def build_context(doc: Document, pages: dict[str, int] | None = None) -> LintContext:
    groups = sibling_groups(doc)
    ctx = LintContext(doc=doc, file=doc.source, groups=groups, by_ref=doc.by_ref(), pages=dict(pages or {}), heading_at=_headings(doc))
    for index, clause in enumerate(doc.clauses):
        ctx.positions[id(clause)] = index
    for group in groups:
        labels = read_group(group)
        for clause, label in zip(group, labels):
            ctx.labels[id(clause)] = label
        ctx.families[id(group[0])] = main_family(labels)
    return ctx


def rebase(ref: str, old_prefix: str, new_prefix: str) -> str:
    """A descendant's ref after its ancestor moved from `old_prefix` to `new_prefix`."""
    return new_prefix + ref[len(old_prefix):] if ref.startswith(old_prefix) else ref


def make_finding(ctx: LintContext, rule: str, clause: Clause, message: str, *, fix: dict | None = None, severity: str | None = None) -> Finding:
    """A finding at `clause` with the rule's default severity (or `severity` when a rule
    grades its own findings, e.g. an inserted 20.5A among automatic numbers is only info)."""
    return Finding(
        rule=rule,
        severity=severity or default_severity(rule),
        ref=clause.ref,
        file=ctx.file,
        location=ctx.where(clause),
        message=message,
        fix=fix,
        position=ctx.position(clause),
        **ctx.place(clause),
    )

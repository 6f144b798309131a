"""From a flat run of numbered paragraphs to the clause tree, refs and stable ids.

Both readers end here: the docx reader knows each label's format from numbering.xml; the
PDF reader only sees labels and their indentation. Either way a clause's parent is the
nearest open clause that is shallower, and its ref is built from the parent's ref and its
own label, so `18.5` + `(p)` + `(i)` gives `18.5(p)(i)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from docgen.model import KINDS, Clause, ListFacts, Provenance
from docgen.refs.patterns import DOTTED_LABEL, PAREN_LABEL, SCOPE_HEADING, SUFFIX_LABEL



@dataclass
class Numbered:
    """One numbered paragraph as a reader saw it, before the tree is known."""

    label: str  # as displayed ("18.5", "(p)", "Article I"); may be "" when hidden
    text: str
    level_key: float  # smaller is shallower: indentation (docx twips, PDF points) or ilvl rank
    source: Provenance
    numbering: str = "auto"
    num_value: int | None = None
    num_format: str | None = None
    heading: bool = False
    word_list: ListFacts | None = None  # the Word list behind an "auto" number (docx only)


@dataclass
class _Open:
    """A clause that can still take children, with what decides which ones."""

    clause: Clause
    dotted: tuple[str, ...] | None  # ("18", "5") for dotted labels
    level_key: float


_EID_NAMES = ("sec", "para", "subpara", "subpara2", "subpara3")
_NOT_SLUG = re.compile(r"[^A-Za-z0-9]+")


_EID_LAST = len(_EID_NAMES)
_EID_HEADS = tuple(f"{name}_" for name in _EID_NAMES)


def _slug(text: str) -> str:
    if text.isascii() and text.isalnum():
        return text.lower()  # most labels ("a", "ii", "12"): nothing to replace
    return _NOT_SLUG.sub("-", text).strip("-").lower() or "x"


class TreeBuilder:
    """Feeds numbered paragraphs in order; keeps the stack of open clauses."""

    def __init__(self) -> None:
        self.clauses: list[Clause] = []
        self._stack: list[_Open] = []
        self._scope: str | None = None  # "Annex D" while inside an unnumbered annex heading
        self._eids: dict[str, int] = {}
        # A list point's label ("(a)", "ii.") read once: (local label, is a point, its slug,
        # is also a dotted number, as "2" under an annex heading is).
        self._locals: dict[str, tuple[str, bool, str, bool]] = {}

    def open_scope(self, heading_text: str | None) -> None:
        """An unnumbered top-level heading closes every open clause; Annex/Appendix headings scope the refs after them."""
        self._stack.clear()
        self._scope = None
        if heading_text:
            m = SCOPE_HEADING.match(heading_text.strip())
            if m:
                self._scope = f"{m.group(1)} {m.group(2)}"

    def add(self, item: Numbered) -> Clause:
        return self.add_numbered(
            item.label, item.text, item.level_key, item.source, item.numbering, item.num_value, item.num_format, item.heading, item.word_list
        )

    def add_numbered(
        self,
        shown: str,
        text: str,
        level_key: float,
        source: Provenance,
        numbering: str = "auto",
        num_value: int | None = None,
        num_format: str | None = None,
        heading: bool = False,
        word_list: ListFacts | None = None,
    ) -> Clause:
        """`add` of a `Numbered` given field by field: the docx reader places thousands of
        numbered paragraphs and needs no Numbered object for each on the way."""
        label = shown.strip()
        known = self._locals.get(label)
        # A label already read as a list point and not a dotted number ("(a)") needs no match.
        dotted = DOTTED_LABEL.match(label) if known is None or known[3] else None
        stack = self._stack
        if dotted is not None:
            number, suffix = dotted.groups()
            if heading and "." not in number:
                self._scope = None
        scope = self._scope
        if dotted is not None and (scope is None or "." in number):
            parts = number.split(".")
            if suffix:
                parts[-1] += suffix
            comps = tuple(parts)
            n = len(comps)
            while stack:
                top = stack[-1].dotted  # the nearest open clause whose number prefixes this one
                if top is not None and len(top) < n and comps[: len(top)] == top:
                    break
                stack.pop()
            parent = stack[-1].clause if stack else None
            depth = n - 1
            ref = ".".join(comps)
            eid = "__".join([_EID_HEADS[i if i < _EID_LAST else -1] + c for i, c in enumerate(comps)])
            if scope:
                ref = f"{scope} {ref}"
                eid = f"{_slug(scope)}__{eid}"
        else:
            comps = None
            below = level_key - 1e-6
            while stack and stack[-1].dotted is None and stack[-1].level_key >= below:
                stack.pop()
            parent = stack[-1].clause if stack else None
            depth = parent.level + 1 if parent else 0
            if known is None:
                local, is_point = self._local_label(label)
                known = self._locals[label] = (local, is_point, _slug(local), dotted is not None)
            local, is_point, slug, _ = known
            base = parent.ref if parent else (scope or "")
            if is_point:
                ref = f"{base}({local})"
            else:
                ref = f"{base} {local}".strip()
            point = "point" if parent is None or parent.kind in ("section", "clause") or parent.kind == "step" else "subpoint"
            parent_eid = parent.eid if parent else (_slug(scope) if scope else "")
            eid = f"{parent_eid}__{point}_{slug}" if parent_eid else f"{point}_{slug}"
        eids = self._eids
        seen = eids.get(eid, 0) + 1
        eids[eid] = seen
        if seen > 1:
            eid = f"{eid}_{seen}"  # an id already given: the second is "..._2"
        clause = Clause(
            kind=KINDS[depth if depth < len(KINDS) else -1],
            level=depth,
            num="" if word_list is not None and word_list.hidden else shown,
            ref=ref,
            eid=eid,
            text=text,
            num_value=num_value,
            num_format=num_format,
            numbering=numbering,
            heading=text if heading else None,
            source=source,
            parent=parent,
            word_list=word_list,
        )
        if parent is not None:
            parent.children.append(clause)
        stack.append(_Open(clause, comps, level_key))
        self.clauses.append(clause)
        return clause

    @staticmethod
    def _local_label(label: str) -> tuple[str, bool]:
        """('p', True) for '(p)' or 'p.'; ('Article I', False) for labels that are not list points."""
        for pattern in (PAREN_LABEL, SUFFIX_LABEL):
            m = pattern.match(label)
            if m:
                return m.group(1), True
        return (label.strip() or "_"), False


def step_clause(table_label: str, step: str, text: str, source: Provenance, *, numbering: str, value: int | None, fmt: str | None) -> Clause:
    """A numbered table row, addressable like a clause: 'Table 5.10 Step 5.10.17'."""
    return Clause(
        kind="step",
        level=0,
        num=step,
        ref=f"Table {table_label} Step {step}",
        eid=f"table_{_slug(table_label)}__step_{_slug(step)}",
        text=text,
        num_value=value,
        num_format=fmt,
        numbering=numbering,
        source=source,
    )

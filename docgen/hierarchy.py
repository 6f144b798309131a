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
    clause: Clause
    dotted: tuple[str, ...] | None  # ("18", "5") for dotted labels
    level_key: float


_EID_NAMES = ("sec", "para", "subpara", "subpara2", "subpara3")
_NOT_SLUG = re.compile(r"[^A-Za-z0-9]+")


def _eid_part(index: int, value: str) -> str:
    return f"{_EID_NAMES[index if index < len(_EID_NAMES) else -1]}_{value}"


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text).strip("-").lower() or "x"


class TreeBuilder:
    """Feeds numbered paragraphs in order; keeps the stack of open clauses."""

    def __init__(self) -> None:
        self.clauses: list[Clause] = []
        self._stack: list[_Open] = []
        self._scope: str | None = None  # "Annex D" while inside an unnumbered annex heading
        self._eids: dict[str, int] = {}

    def open_scope(self, heading_text: str | None) -> None:
        """An unnumbered top-level heading closes every open clause; Annex/Appendix headings scope the refs after them."""
        self._stack.clear()
        self._scope = None
        if heading_text:
            m = SCOPE_HEADING.match(heading_text.strip())
            if m:
                self._scope = f"{m.group(1)} {m.group(2)}"

    def add(self, item: Numbered) -> Clause:
        label = item.label.strip()
        dotted = DOTTED_LABEL.match(label)
        if item.heading and dotted and "." not in dotted.group(1):
            self._scope = None
        if dotted and (self._scope is None or "." in dotted.group(1)):
            comps = tuple(dotted.group(1).split("."))
            comps = comps[:-1] + (comps[-1] + dotted.group(2),)
            stack = self._stack
            n = len(comps)
            while stack:
                top = stack[-1].dotted  # the nearest open clause whose number prefixes this one
                if top is not None and len(top) < n and comps[: len(top)] == top:
                    break
                stack.pop()
            parent = stack[-1].clause if stack else None
            depth = n - 1
            ref = ".".join(comps)
            if self._scope:
                ref = f"{self._scope} {ref}"
            eid = "__".join([_eid_part(i, c) for i, c in enumerate(comps)])
            if self._scope:
                eid = f"{_slug(self._scope)}__{eid}"
            opened = _Open(clause=None, dotted=comps, level_key=item.level_key)  # type: ignore[arg-type]
        else:
            while self._stack and self._stack[-1].dotted is None and self._stack[-1].level_key >= item.level_key - 1e-6:
                self._stack.pop()
            parent = self._stack[-1].clause if self._stack else None
            depth = parent.level + 1 if parent else 0
            local, is_point = self._local_label(label)
            base = parent.ref if parent else (self._scope or "")
            if is_point:
                ref = f"{base}({local})"
            else:
                ref = f"{base} {local}".strip()
            point = "point" if parent is None or parent.kind in ("section", "clause") or parent.kind == "step" else "subpoint"
            parent_eid = parent.eid if parent else (_slug(self._scope) if self._scope else "")
            eid = f"{parent_eid}__{point}_{_slug(local)}" if parent_eid else f"{point}_{_slug(local)}"
            opened = _Open(clause=None, dotted=None, level_key=item.level_key)  # type: ignore[arg-type]
        clause = Clause(
            kind=KINDS[depth if depth < len(KINDS) else -1],
            level=depth,
            num="" if item.word_list is not None and item.word_list.hidden else item.label,
            ref=ref,
            eid=self._unique(eid),
            text=item.text,
            num_value=item.num_value,
            num_format=item.num_format,
            numbering=item.numbering,
            heading=item.text if item.heading else None,
            source=item.source,
            parent=parent,
            word_list=item.word_list,
        )
        if parent is not None:
            parent.children.append(clause)
        opened.clause = clause
        self._stack.append(opened)
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

    def _unique(self, eid: str) -> str:
        n = self._eids.get(eid, 0) + 1
        self._eids[eid] = n
        return eid if n == 1 else f"{eid}_{n}"


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

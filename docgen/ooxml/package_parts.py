"""A package's parts by name, each XML part parsed at most once: the handles the model carries.

A reader parses the main part, numbering and styles to build the model; the comparison
reads paragraph formatting from the same body, the redline writer builds on both versions'
bodies, and the publication copy on the redline's. Each of them used to start again from
the bytes. `ParsedParts` is still the name -> bytes map every package edit works on (so
parts nobody touches are written back byte for byte), and it also keeps the tree of every
part parsed through it, keyed by part name.

The trees it hands out are shared: `tree()` is for reading only. A stage that edits a part
takes `copy()`, a deep copy of the parsed tree (never a second parse of the bytes), and
writes the result back as bytes with `set_tree`; replacing a part's bytes forgets its tree.
"""

from __future__ import annotations

import copy as _copy
from collections.abc import Iterator, Mapping, MutableMapping

from docgen.limits import Limits
from docgen.ooxml.element import Element
from docgen.ooxml.package import parse_xml


class ParsedParts(MutableMapping[str, bytes]):
    """Part name -> bytes, with the parsed tree of each XML part kept once it is parsed."""

    def __init__(self, data: Mapping[str, bytes], source: str = "", limits: Limits | None = None, *, trees: Mapping[str, Element] | None = None):
        self._data: dict[str, bytes] = dict(data)
        self._trees: dict[str, Element] = dict(trees or {})
        self.source = source
        self.limits = limits or Limits.from_env()

    # -- the mapping ---------------------------------------------------------------------

    def __getitem__(self, name: str) -> bytes:
        return self._data[name]

    def __setitem__(self, name: str, data: bytes) -> None:
        """New bytes for a part; its parsed tree, if any, no longer stands for it."""
        if self._data.get(name) is not data:
            self._trees.pop(name, None)
        self._data[name] = data

    def __delitem__(self, name: str) -> None:
        del self._data[name]
        self._trees.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"ParsedParts({self.source!r}, {len(self._data)} parts, {len(self._trees)} parsed)"

    # -- parsed parts --------------------------------------------------------------------

    def where(self, name: str) -> str:
        """How errors name a part: the file, then the part."""
        return f"{self.source} [{name}]" if self.source else name

    def tree(self, name: str) -> Element:
        """The part's root element, parsed on first use; shared, so never edit it."""
        root = self._trees.get(name)
        if root is None:
            root = self._trees[name] = parse_xml(self._data[name], self.where(name), self.limits)
        return root

    def parsed(self, name: str) -> bool:
        return name in self._trees

    def copy(self, name: str) -> Element:
        """A deep copy of the part's tree, for a stage that edits it."""
        return _copy.deepcopy(self.tree(name))

    def set_tree(self, name: str, root: Element, data: bytes) -> None:
        """Replace a part by an edited tree and its serialised bytes, both kept: the tree
        becomes the shared one, so the caller hands it over and edits it no more."""
        self._data[name] = data
        self._trees[name] = root

    def clone(self) -> "ParsedParts":
        """Another map over the same parts and parsed trees; edits to either map (new bytes,
        new parts) do not reach the other."""
        return ParsedParts(self._data, self.source, self.limits, trees=self._trees)


def as_parsed_parts(parts: Mapping[str, bytes], source: str = "", limits: Limits | None = None) -> ParsedParts:
    """`parts` itself when it already keeps trees, else a map that will."""
    return parts if isinstance(parts, ParsedParts) else ParsedParts(parts, source, limits)


def shared_tree(parts: Mapping[str, bytes], name: str, limits: Limits | None = None, source: str = "") -> Element:
    """A part's tree to read, never to edit: the kept one when `parts` keeps trees, else
    parsed (errors name `source`, the file, when given)."""
    if isinstance(parts, ParsedParts):
        return parts.tree(name)
    return parse_xml(parts[name], f"{source} [{name}]" if source else name, limits or Limits.from_env())


def tree_to_edit(parts: Mapping[str, bytes], name: str, limits: Limits | None = None) -> Element:
    """A part's tree that the caller owns: a deep copy of the kept one when `parts` keeps
    trees (no second parse), else parsed from the bytes."""
    if isinstance(parts, ParsedParts):
        return parts.copy(name)
    return parse_xml(parts[name], name, limits or Limits.from_env())

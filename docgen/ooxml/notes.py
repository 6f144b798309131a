"""Footnotes and endnotes parts: how they are named, typed and spelt (ECMA-376 Part 1 §17.11).

A notes part holds `w:footnote`/`w:endnote` elements with ids the body's references point
at; the first few are not notes at all but the separator lines Word draws above them, which
every notes part needs. Writers that move notes between packages ask here rather than
spelling relationship types, content types and separator kinds themselves.
"""

from __future__ import annotations

import posixpath

from docgen.ooxml.element import Element, clone
from docgen.ooxml.ns import W, qn

KINDS = ("footnote", "endnote")
# Notes that are Word's separator lines, not content (§17.11.4, ST_FtnEdn).
_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")


def notes_rel_type(kind: str) -> str:
    """The relationship type from the main part to its `kind` ("footnote", "endnote") part."""
    return f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}s"


def notes_content_type(kind: str) -> str:
    return f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"


def notes_part_name(main: str, kind: str, taken: set[str] | dict[str, bytes]) -> str:
    """A name for a new `kind` notes part beside the main part, not one already `taken`."""
    name = posixpath.join(posixpath.dirname(main), f"{kind}s.xml")
    while name in taken:
        name = name[: -len(".xml")] + "-old.xml"
    return name


def separators_only(root: Element) -> Element:
    """A copy of a notes part keeping only its separator notes: an empty part of the same kind."""
    twin = clone(root)
    for note in list(twin):
        if note.get(W.type) not in _SEPARATORS:
            twin.remove(note)
    return twin


def find_note(root: Element, kind: str, note_id: str) -> Element | None:
    return next((n for n in root.iter(qn(f"w:{kind}")) if n.get(W.id) == note_id), None)


def next_note_id(root: Element, kind: str) -> str:
    """An id above every numeric id the part's notes use."""
    ids = [int(n.get(W.id)) for n in root.iter(qn(f"w:{kind}")) if (n.get(W.id) or "").lstrip("-").isdigit()]
    return str(max(ids + [0]) + 1)

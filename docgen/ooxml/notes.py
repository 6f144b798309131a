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


def in_reference_order(main: Element, root: Element, kind: str) -> bool:
    """Renumber one kind of notes 1, 2, 3... (above the separators' ids) in the order their
    references stand in the main document, and order the notes part the same way.

    Word numbers notes by where their references stand, whatever their ids, but LibreOffice
    7.4 pairs references with notes in the part's order; a redline that keeps NEW's ids and
    gives a deleted OLD note the next free one would show each note with another's text
    there. Already ordered notes are left as they are; True when anything changed.
    """
    tag = qn(f"w:{kind}")
    ref_tag = qn(f"w:{kind}Reference")
    notes = [n for n in root if n.tag == tag and n.get(W.type) not in _SEPARATORS and not _reserved(n.get(W.id))]
    by_id = {n.get(W.id): n for n in notes}
    order: list[str] = []
    for ref in main.iter(ref_tag):
        note_id = ref.get(W.id)
        if note_id in by_id and note_id not in order:
            order.append(note_id)
    order += [n.get(W.id) or "" for n in notes if n.get(W.id) not in order]  # unreferenced last
    if [n.get(W.id) for n in notes] == order and _ascending(order):
        return False
    separator_ids = [int(n.get(W.id)) for n in root if n.tag == tag and n not in notes and (n.get(W.id) or "").lstrip("-").isdigit()]
    first = max(separator_ids + [0]) + 1
    new_ids = {old: str(first + k) for k, old in enumerate(order)}
    for ref in main.iter(ref_tag):
        if ref.get(W.id) in new_ids:
            ref.set(W.id, new_ids[ref.get(W.id)])
    for note in notes:
        root.remove(note)
    for old in order:
        note = by_id[old]
        note.set(W.id, new_ids[old])
        root.append(note)
    return True


def _reserved(note_id: str | None) -> bool:
    """Ids -1 and 0 are the separators' even where a writer left out their w:type."""
    return note_id is not None and note_id.lstrip("-").isdigit() and int(note_id) <= 0


def _ascending(ids: list[str]) -> bool:
    numbers = [int(i) if i.lstrip("-").isdigit() else None for i in ids]
    return all(n is not None for n in numbers) and numbers == sorted(numbers)  # type: ignore[type-var]

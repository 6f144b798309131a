"""A tracked-change .docx opened for editing: its body read in both versions, and new
revision marks that look like the document's own.

The publication copy edits a redline that `redline_docx` wrote: it must know, for every
body paragraph, whether it exists once all revisions are accepted (NEW) or rejected (OLD),
and it adds revisions of its own that must not clash with the ones already there. How Word
spells those (marks on a paragraph's mark, tracked table rows, one id space shared by
revisions and move ranges) is known here.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from collections.abc import Mapping, MutableMapping
from typing import Iterator

from docgen.limits import Limits
from docgen.ooxml.element import Element, make
from docgen.ooxml.ns import W, qn
from docgen.ooxml.package_parts import ParsedParts, tree_to_edit
from docgen.ooxml.parts import main_part, package_bytes, serialise
from docgen.ooxml.revisions.tables import row_cells, table_rows
from docgen.ooxml.tracked.marks import DEL, INS, MOVE_FROM, MOVE_TO, largest_id
from docgen.ooxml.tracked.wrap import mark_deleted_text
# Wrappers whose paragraphs belong to the story, walked in place.
_CONTAINERS = frozenset({W.sdt, qn("w:sdtContent"), qn("w:customXml"), INS, MOVE_TO})
_KINDS = {"ins": INS, "del": DEL, "moveFrom": MOVE_FROM, "moveTo": MOVE_TO}


@dataclass
class RedlinePackage:
    """A .docx as parts, its main document parsed, with the styles and numbering it carries."""

    parts: MutableMapping[str, bytes]
    name: str  # the main document part
    root: Element
    styles: Element | None
    numbering: Element | None

    @classmethod
    def read(cls, data: bytes | Mapping[str, bytes], limits: Limits) -> "RedlinePackage":
        """From the redline's .docx bytes, or from its parts as the writer left them (a
        `ParsedParts` keeping the trees it built, edited here as copies, never re-parsed)."""
        if isinstance(data, (bytes, bytearray)):
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                parts: MutableMapping[str, bytes] = {name: zf.read(name) for name in zf.namelist() if not name.endswith("/")}
        else:
            parts = data.clone() if isinstance(data, ParsedParts) else dict(data)
        name = main_part(parts)

        def optional(part: str) -> Element | None:
            return tree_to_edit(parts, part, limits) if part in parts else None

        return cls(parts, name, tree_to_edit(parts, name, limits), optional("word/styles.xml"), optional("word/numbering.xml"))

    @property
    def body(self) -> Element:
        return self.root.find(W.body)

    def to_bytes(self) -> bytes:
        """The package with the edited main part (other parts byte for byte as read)."""
        self.parts[self.name] = serialise(self.root)
        return package_bytes(self.parts)


# ----- the paragraphs of the body, in both versions -------------------------------------------


@dataclass
class Para:
    """A body paragraph of the redline and where it stands in each version."""

    el: Element
    in_new: bool  # present once every revision is accepted
    in_old: bool  # present once every revision is rejected
    new_index: int | None = None  # its index among NEW's paragraphs (the reader's numbering)
    old_index: int | None = None


def walk_paragraphs(body: Element) -> Iterator[Para]:
    """Every paragraph of the main story in order, table cells and tracked rows included.

    A paragraph whose mark is deleted runs on into the next one when accepted, so it takes
    no number in NEW (the reader does the same); an inserted mark likewise in OLD.
    """
    counts = {"new": 0, "old": 0}

    def walk(container: Element, row_ins: bool, row_del: bool) -> Iterator[Para]:
        for child in container:
            if child.tag == W.p:
                mark = child.find(f"{W.pPr}/{W.rPr}")
                mark_ins = mark is not None and (mark.find(INS) is not None or mark.find(MOVE_TO) is not None)
                mark_del = mark is not None and (mark.find(DEL) is not None or mark.find(MOVE_FROM) is not None)
                para = Para(child, in_new=not (mark_del or row_del), in_old=not (mark_ins or row_ins))
                if not row_del:
                    para.new_index = counts["new"]
                    counts["new"] += 1
                if not row_ins:
                    para.old_index = counts["old"]
                    counts["old"] += 1
                yield para
            elif child.tag == W.tbl:
                for tr in table_rows(child):
                    trpr = tr.find(W.trPr)
                    ins = row_ins or (trpr is not None and trpr.find(INS) is not None)
                    dele = row_del or (trpr is not None and trpr.find(DEL) is not None)
                    for tc in row_cells(tr):
                        yield from walk(tc, ins, dele)
            elif child.tag in _CONTAINERS:
                yield from walk(child, row_ins, row_del)

    yield from walk(body, False, False)


def mark_was_moved(p: Element, kind: str) -> bool:
    """Whether the paragraph's mark carries a move ('moveTo' or 'moveFrom')."""
    return p.find(f"{W.pPr}/{W.rPr}/{_KINDS[kind]}") is not None


# ----- revision marks -------------------------------------------------------------------------


@dataclass
class RevisionMarker:
    """New w:ins/w:del/w:moveTo/w:moveFrom wrappers, with the redline's own author and date
    and ids that clash with none already in the document.

    Unlike `tracked.marks.Marks`, which writes a redline from scratch, this one continues a
    finished redline: it takes the redline's author and date, and leaves w:date out when
    there is none rather than writing an empty one."""

    author: str
    date: str
    next_id: int

    @classmethod
    def from_document(cls, root: Element, author: str, date: str) -> "RevisionMarker":
        # Revisions and move ranges share one id space with bookmarks and comments: any w:id counts.
        top = largest_id(root)
        first = next(root.iter(INS, DEL), None)
        if first is not None:
            author, date = first.get(W.author, author), first.get(W.date, date)
        return cls(author, date, top + 1)

    def wrap(self, kind: str, runs: list[Element]) -> Element:
        """`runs` inside a new revision of `kind` ('ins', 'del', 'moveTo', 'moveFrom').

        A deletion's text becomes w:delText; moved-away text keeps w:t, as Word writes it."""
        mark = make(_KINDS[kind])
        mark.set(W.id, str(self.next_id))
        mark.set(W.author, self.author)
        if self.date:
            mark.set(W.date, self.date)
        self.next_id += 1
        for r in runs:
            if kind == "del":
                mark_deleted_text(r)
            mark.append(r)
        return mark

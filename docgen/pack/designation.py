"""What a pack hands over for designation: each document it changes, and its DMVES where that changes.

The conclusion's attachments, the letter's "documents provided" and the sentences that name
the documents ("the S1SR and DMVES") all come from here, so they cannot disagree with one
another, and the DMVES is never left out of a pack whose change alters its rows. A matrix
counts as changed when its rows differ between the designated and the consulted workbook,
or when a drafting row of the pack is its annex ("Annex A").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docgen.pack import names
from docgen.pack.spec import DocumentChange, PackSpec, Topic, join_list
from docgen.pack.topics import topic_documents

DMVES_NAME = "Device Model Variations to Equivalent Steps Matrix"
DMVES_SHORT = "DMVES"
FROM_CONSULTATION = "redline from Consultation version"


@dataclass(frozen=True)
class HandedOver:
    """One document DCC provides: its short name and the titles of its attachments."""

    short_name: str  # "S1SR", "DMVES", "SMETS1 SVTAD"
    of: str  # the document's short name (its own for a document, the parent's for a matrix)
    attachments: tuple[str, ...]


def matrix_short_name(doc: DocumentChange) -> str:
    """'DMVES' for the Device Model Variations to Equivalent Steps Matrix, else its name."""
    assert doc.matrix is not None
    return DMVES_SHORT if doc.matrix.name == DMVES_NAME else doc.matrix.name


def _row_keys(matrix: Any) -> list[tuple[Any, ...]]:
    return sorted((r.ref, tuple(r.srv), tuple(r.device_models), tuple(r.group_ids), r.cohort or "") for r in matrix.rows if not r.removed)


def matrix_rows_differ(old: Any, new: Any) -> bool:
    """Whether two read matrices hold different rows (order and layout aside)."""
    return _row_keys(old) != _row_keys(new)


def _annex_rows(pack: PackSpec, doc: DocumentChange, topic: Topic | None = None) -> bool:
    if doc.matrix is None:
        return False
    annex = f"Annex {doc.matrix.annex}".lower()
    single = len(pack.documents) == 1
    for entry in pack.drafting:
        if topic is not None and entry.ref not in topic.drafting:
            continue
        mine = (entry.document or "").lower() == doc.short_name.lower() or (not entry.document and (single or pack.documents[0] is doc))
        if mine and entry.ref.strip().lower() == annex:
            return True
    return False


def matrix_changes(pack: PackSpec, doc: DocumentChange, matrices: dict[str, tuple[Any, Any]]) -> bool:
    """Whether the pack changes `doc`'s matrix: its rows differ, or a drafting row is its annex."""
    if doc.matrix is None:
        return False
    if _annex_rows(pack, doc):
        return True
    pair = matrices.get(doc.short_name)
    return pair is not None and matrix_rows_differ(pair[0], pair[1])


def final_stem(doc: DocumentChange) -> str:
    """The stem of the files collation writes for a document's final version."""
    return names.safe(f"SEC Appendix {doc.appendix} {doc.name} v{doc.version_final}")


def _matrix_stem(doc: DocumentChange) -> str:
    assert doc.matrix is not None
    version = f" v{doc.version_to}" if doc.version_to else ""
    return names.safe(f"SEC Appendix {doc.appendix} Annex {doc.matrix.annex} {doc.matrix.name}{version}")


def handed_over(pack: PackSpec, matrices: dict[str, tuple[Any, Any]]) -> list[HandedOver]:
    """Every document the pack re-designates, each followed by its matrix where that changes.

    A document with a final version is attached as collation writes it (clean, redlined from
    the designated version, redline from the consultation version); one without, as the
    consultation published it; one re-designated without files, by its name alone (its
    changes are in the drafting table)."""
    out: list[HandedOver] = []
    for doc in pack.documents:
        if doc.final is not None and doc.has_redline:
            stem = final_stem(doc)
            titles: tuple[str, ...] = (f"{stem} clean", f"{stem} redlined", f"{stem} {FROM_CONSULTATION}")
        elif doc.has_redline:
            stem = names.appendix_stem(doc)
            titles = (f"{stem} clean", f"{stem} redlined")
        else:
            titles = (names.appendix_stem(doc),)
        out.append(HandedOver(doc.short_name, doc.short_name, titles))
        if matrix_changes(pack, doc, matrices):
            stem = _matrix_stem(doc)
            out.append(HandedOver(matrix_short_name(doc), doc.short_name, (f"{stem} clean", f"{stem} redlined")))
    return out


def attachment_titles(documents: list[HandedOver]) -> list[str]:
    """The attachments in order: each document's, then its matrix's."""
    return [title for d in documents for title in d.attachments]


def documents_phrase(documents: list[HandedOver]) -> str:
    """'S1SR and DMVES', 'TMAD and SMETS1 SVTAD'."""
    return join_list([d.short_name for d in documents])


def topic_phrase(pack: PackSpec, topic: Topic, documents: list[HandedOver]) -> str:
    """The documents one topic changes, with a matrix where the topic has its annex row."""
    mine = topic_documents(pack, topic)
    shorts: list[str] = []
    for name in mine:
        shorts.append(name)
        doc = pack.document(name)
        if doc is not None and doc.matrix is not None and _annex_rows(pack, doc, topic) and any(d.short_name == matrix_short_name(doc) for d in documents):
            shorts.append(matrix_short_name(doc))
    return join_list(shorts)


def with_matrices(pack: PackSpec, short_names: list[str], documents: list[HandedOver]) -> str:
    """Document short names (a date group's), each followed by its matrix where that changes."""
    out: list[str] = []
    for name in short_names:
        out.append(name)
        out += [d.short_name for d in documents if d.of == name and d.short_name != name]
    return join_list(out)

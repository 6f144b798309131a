"""The impact of a pack's changes, as the consultation document and the letter show it.

`docgen impact` (docgen.transforms.impact) answers "what does this change touch?" for one
OLD/NEW pair. A pack changes several documents at once, and each one's change may be cited
by the others (the TMAD citing an S1SR clause the pack renumbers), so this module runs that
same analysis once per redlined document, with the pack's other documents as the `--also`
documents, and keeps only what a reader of the consultation needs: the Device Models
affected, grouped by manufacturer, and the references elsewhere that must follow. No
judgement is made here; every status and suggestion comes from transforms.impact.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from docgen.model import Document, Matrix
from docgen.transforms.chain import link
from docgen.transforms.impact import DELETED, FOLLOW, MISMATCH, Impact, Place, build_impact

# The places whose reference has to change: it should cite the new number, the clause it
# cites is gone, or it fits neither version. A place NEW already corrected, one the change
# makes right again, or one whose reference stays while the cited text changed is not a
# reference that follows (`docgen impact` lists those too).
_FOLLOWS = (FOLLOW, DELETED, MISMATCH)


@dataclass(frozen=True)
class ChangedDocument:
    """One redlined document of a pack, read: what build.py has after its reading step."""

    short_name: str
    old: Document
    new: Document
    matrix: Matrix | None = None  # the DMVES as it stood before the change (it cites OLD refs)
    comparison: Any | None = None  # the build's comparison of old and new, not made twice


@dataclass(frozen=True)
class ModelRow:
    """One row of the "Device Models affected" table."""

    document: str  # short name of the changed document whose DMVES rows name the models
    manufacturer: str
    device_models: tuple[str, ...]


@dataclass(frozen=True)
class FollowingRef:
    """A reference elsewhere that follows a change: where it is and what it should now say."""

    document: str  # short name of the changed document the reference points into
    kind: str  # "xref" (inside that document) or "also" (another document of the pack)
    where: str  # the citing document's name and location: "TMAD 5.2", "S1SR 18.9"
    cites: str
    status: str
    should_say: str | None
    note: str


@dataclass(frozen=True)
class PackImpact:
    models: tuple[ModelRow, ...]
    references: tuple[FollowingRef, ...]

    @property
    def empty(self) -> bool:
        return not self.models and not self.references


def pack_impact(changed: list[ChangedDocument], others: dict[str, Document] | None = None) -> PackImpact:
    """The impact of every changed document, each read against the pack's other documents.

    `others` adds documents the pack carries without a redline (short name -> document);
    each changed document's NEW version is an "elsewhere" for every other changed document.
    """
    others = dict(others or {})
    models: list[ModelRow] = []
    refs: list[FollowingRef] = []
    for doc in changed:
        elsewhere = {d.short_name: d.new for d in changed if d.short_name != doc.short_name}
        elsewhere.update({k: v for k, v in others.items() if k != doc.short_name})
        pairing = link(doc.old, doc.new, doc.comparison) if doc.comparison is not None else None
        result = build_impact(doc.old, doc.new, [doc.matrix] if doc.matrix is not None else [], list(elsewhere.values()), pairing)
        models.extend(_model_rows(doc.short_name, result))
        refs.extend(_following(doc.short_name, result, {d.source: k for k, d in elsewhere.items()}))
    return PackImpact(tuple(models), tuple(refs))


def _model_rows(short_name: str, result: Impact) -> list[ModelRow]:
    return [ModelRow(short_name, maker, tuple(found)) for maker, found in result.manufacturers.items() if found]


def _following(short_name: str, result: Impact, source_names: dict[str, str]) -> list[FollowingRef]:
    out: list[FollowingRef] = []
    seen: set[tuple[str, str, str]] = set()
    for place in result.places:
        if place.kind == "dmves" or place.status not in _FOLLOWS:
            continue
        where = _where(short_name, place, source_names)
        key = (where, place.cites, place.status)
        if key in seen:
            continue
        seen.add(key)
        out.append(FollowingRef(short_name, place.kind, where, place.cites, place.status, place.should_say, place.note))
    return out


def _where(short_name: str, place: Place, source_names: dict[str, str]) -> str:
    owner = short_name if place.kind == "xref" else source_names.get(place.source, place.source)
    return f"{owner} {place.location}"


Reader = Callable[[Path], Document]


def read_changed(pack, read_document: Reader | None = None, read_matrix: Callable[[Path], Matrix] | None = None) -> list[ChangedDocument]:
    """The pack's redlined documents read as build.py reads them (a pack without redlines has none)."""
    if read_document is None:
        from docgen.readers import read_document
    if read_matrix is None:
        from docgen.readers import read_matrix
    out: list[ChangedDocument] = []
    for doc in pack.documents:
        if not doc.has_redline:
            continue
        matrix = read_matrix(doc.matrix.old) if doc.matrix is not None else None
        out.append(ChangedDocument(doc.short_name, read_document(doc.old), read_document(doc.new), matrix))
    return out

"""What a change from OLD to NEW touches: `docgen impact`.

Every clause of OLD that NEW changed, moved, renumbered or deleted is a *target*; the
places that cite a target by its OLD reference are the impact: DMVES rows, cross-references
inside the document, and references in other documents (`--also`). Each place gets what it
should now say.

Following the lineage is not always right. The DMVES cites clauses by what they say, so a
row whose Device Model and SRV the OLD clause never mentions was already pointing at the
wrong text (the v12 18.5 shift); when NEW puts the text the row describes back at the row's
reference, the correction *restores* the row and it should keep its reference. The same
test (does the cited text name the Device Models and SRVs the citing place names?) decides
for a reference in another document that names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.model import Clause, Document, Matrix
from docgen.refs import THIS_DOCUMENT, RefError, expand_range, find_refs
from docgen.transforms.chain import ClauseMap, link
from docgen.transforms.wording import clause_wording, contains_phrase, contains_srv, named_models, normalise_text, row_srv_numbers, srv_numbers

# How SEC documents cite each other, by appendix ("... of the S1SR").
OWN_NAMES = {"AM": "S1SR", "AL": "TMAD", "AK": "SVTAD", "Z": "CPL"}
UNKNOWN_MANUFACTURER = "(manufacturer not stated in the documents)"

# Statuses of a place, what a reader is asked to do with it.
FOLLOW = "update"  # cite the new reference
RESTORED = "restored"  # the change makes the reference right again: keep it
DONE = "updated"  # NEW already says what it should
REVIEW = "review"  # the cited text changed; the reference stays, the citing text may not
DELETED = "deleted"  # the cited clause is gone: remove the reference or point it elsewhere
MISMATCH = "mismatch"  # the reference did not fit OLD and does not fit NEW either


@dataclass(frozen=True)
class Target:
    """One clause of OLD that NEW changed, and where its text is now."""

    old_ref: str
    new_ref: str | None  # None: deleted
    changes: tuple[str, ...]

    def to_json(self) -> dict:
        return {"old_ref": self.old_ref, "new_ref": self.new_ref, "changes": list(self.changes)}


@dataclass
class Place:
    """One place that cites a target, and what it should now say."""

    kind: str  # "dmves", "xref" (inside the document) or "also" (another document)
    source: str  # the file
    location: str  # "ESME!A12", "18.9", "paragraph 14"
    cites: str  # the OLD reference it cites
    written: str  # as written there
    status: str  # one of the statuses above
    should_say: str | None  # the reference it should cite; None when there is none to cite
    note: str
    device_models: list[str] = field(default_factory=list)
    srv: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        out = {
            "kind": self.kind,
            "source": self.source,
            "location": self.location,
            "cites": self.cites,
            "written": self.written,
            "status": self.status,
            "should_say": self.should_say,
            "note": self.note,
        }
        if self.kind == "dmves":
            out["device_models"] = self.device_models
            out["srv"] = self.srv
        return out


@dataclass
class Impact:
    old: Document
    new: Document
    targets: list[Target]
    places: list[Place]
    manufacturers: dict[str, list[str]]  # manufacturer -> Device Models affected, sorted

    def to_json(self) -> dict:
        return {
            "old": {"source": self.old.source, "version": self.old.version},
            "new": {"source": self.new.source, "version": self.new.version},
            "targets": [t.to_json() for t in self.targets],
            "places": [p.to_json() for p in self.places],
            "device_models_affected": [{"manufacturer": m, "device_models": models} for m, models in self.manufacturers.items()],
        }


def build_impact(old: Document, new: Document, matrices: list[Matrix], also: list[Document], pairing: ClauseMap | None = None) -> Impact:
    pairing = pairing or link(old, new)
    targets = _targets(pairing)
    by_ref = {t.old_ref: t for t in targets}
    texts = _Texts(old, new)
    places: list[Place] = []
    for matrix in matrices:
        places.extend(_matrix_places(matrix, by_ref, texts))
    places.extend(_xref_places(old, new, pairing, by_ref))
    known = sorted({m for matrix in matrices for row in matrix.rows for m in row.device_models} | _table_models([old, new]))
    for doc in also:
        places.extend(_also_places(doc, old, by_ref, texts, known))
    models = [m for p in places if p.kind == "dmves" for m in p.device_models]
    return Impact(old, new, targets, places, group_by_manufacturer(models, [old, new]))


def _targets(pairing: ClauseMap) -> list[Target]:
    out: list[Target] = []
    seen: set[str] = set()
    for item in pairing.links:
        if item.old is None or not item.changes or item.old.ref in seen:
            continue
        seen.add(item.old.ref)
        out.append(Target(item.old.ref, item.new.ref if item.new is not None else None, item.changes))
    return out


class _Texts:
    """A clause's text with its sub-items and lead-in, normalised: what a citation may name
    (the DMVES lint reads a row against the same text)."""

    def __init__(self, old: Document, new: Document):
        self.old, self.new = old.by_ref(), new.by_ref()
        self._cache: dict[int, str] = {}

    def of(self, clause: Clause | None) -> str:
        if clause is None:
            return ""
        key = id(clause)
        if key not in self._cache:
            self._cache[key] = clause_wording(clause, lead_in=True)
        return self._cache[key]

    def fits(self, clause: Clause | None, models: list[str], srvs: list[str]) -> bool | None:
        """Whether the clause names every model and SRV; None when there is nothing to test."""
        if not models and not srvs:
            return None
        if clause is None:
            return False
        text = self.of(clause)
        return all(contains_phrase(text, m) for m in models) and all(contains_srv(text, s) for s in srvs)

    def where_named(self, models: list[str], srvs: list[str]) -> str | None:
        """NEW's one clause naming all of them (the deepest, when a clause and its item both do)."""
        hits = [c for c in self.new.values() if self.fits(c, models, srvs)]
        hits = [c for c in hits if not any(o is not c and _is_under(o, c) for o in hits)]
        return hits[0].ref if len(hits) == 1 else None


def _is_under(clause: Clause, ancestor: Clause) -> bool:
    up = clause.parent
    while up is not None:
        if up is ancestor:
            return True
        up = up.parent
    return False


def _judge(target: Target, texts: _Texts, models: list[str], srvs: list[str]) -> tuple[str, str | None, str]:
    """(status, should_say, note) for a citation of `target` that names `models` and `srvs`."""
    old_clause = texts.old.get(target.old_ref)
    before = texts.fits(old_clause, models, srvs)
    named = ", ".join(models + [f"SRV {s}" for s in srvs])
    if before is False:
        # The citation was already pointing at other text: follow what it describes, not the lineage.
        if texts.fits(texts.new.get(target.old_ref), models, srvs):
            return RESTORED, target.old_ref, f"{target.old_ref} in OLD does not mention {named}; in NEW it is the text naming them again: keep {target.old_ref}"
        found = texts.where_named(models, srvs)
        if found is not None:
            return FOLLOW, found, f"{target.old_ref} in OLD does not mention {named}; in NEW {found} does"
        return MISMATCH, None, f"neither {target.old_ref} in OLD nor any one clause of NEW mentions {named}: decide which clause it means"
    if target.new_ref is None:
        found = texts.where_named(models, srvs) if before else None
        hint = f"; {found} in NEW names {named}" if found else ""
        return DELETED, found, f"{target.old_ref} is deleted in NEW: remove the reference or point it at the clause that replaces it{hint}"
    if target.new_ref != target.old_ref:
        what = "moved and renumbered" if "moved" in target.changes else "renumbered"
        extra = "; its text changed too: check it still applies" if "modified" in target.changes else ""
        return FOLLOW, target.new_ref, f"{target.old_ref} is {what} as {target.new_ref}{extra}"
    what = "text changed" if "modified" in target.changes else "moved"
    if before and not texts.fits(texts.new.get(target.new_ref), models, srvs):
        return REVIEW, target.new_ref, f"{target.old_ref}: {what}, and NEW's text no longer mentions {named}: check the citation"
    return REVIEW, target.new_ref, f"{target.old_ref}: {what}; the reference stays: check the citing text still fits"


# ----- the places ----------------------------------------------------------------------


def _matrix_places(matrix: Matrix, targets: dict[str, Target], texts: _Texts) -> list[Place]:
    out: list[Place] = []
    for row in matrix.rows:
        target = targets.get(row.ref)
        if row.removed or target is None:
            continue
        srvs = row_srv_numbers(row)
        status, should, note = _judge(target, texts, list(row.device_models), srvs)
        out.append(Place("dmves", matrix.source, row.location, row.ref, row.ref_as_written, status, should, note, list(row.device_models), list(row.srv)))
    return out


def _cited(text: str, own: set[str | None]) -> list[tuple[str, str]]:
    """(canonical ref, as written) for each reference in `text` that points into the document."""
    out: list[tuple[str, str]] = []
    for match in find_refs(text):
        if match.ref.doc not in own:
            continue
        refs = [match.ref]
        if match.range_from is not None:
            try:
                refs = expand_range(match.range_from, match.ref)[1:]
            except RefError:
                pass
        for ref in refs:
            plain = ref.canonical()
            out.append((plain, match.written))
    return out


def _own(doc: Document) -> set[str | None]:
    return {None, THIS_DOCUMENT, OWN_NAMES.get(doc.appendix or "")}


def _xref_places(old: Document, new: Document, pairing: ClauseMap, targets: dict[str, Target]) -> list[Place]:
    """Cross-references inside the document: every paragraph of OLD (clauses, unnumbered
    paragraphs, table cells) citing a target, read against the paragraph the comparison
    aligned it with in NEW, which may already have been corrected (18.9 of S1SR v12.2 was)."""
    own_old, own_new = _own(old), _own(new)
    out: list[Place] = []
    current: str | None = None  # the clause an unnumbered paragraph belongs to
    for ch in pairing.comparison.changes:
        if ch.old is None:
            continue
        if ch.old.clause is not None:
            current = ch.old.clause.ref
        if ch.op == "move_from":
            continue  # its move_to twin reads both sides
        cited = [(r, w) for r, w in _cited(ch.old.text, own_old) if r in targets]
        if not cited:
            continue
        own_ref = ch.old_ref or current
        where = own_ref if own_ref else f"paragraph {ch.old.index + 1}"
        if ch.old_ref is None and current is not None and ch.old_cell is None:
            where = f"{current} (unnumbered paragraph {ch.old.index + 1})"
        elif ch.old_cell is not None and ch.old_ref is None:
            where = f"table {ch.old_cell[0] + 1} row {ch.old_cell[1] + 1}"
        if ch.new_ref and ch.old_ref and ch.new_ref != ch.old_ref:
            where += f" (now {ch.new_ref})"
        now = {r for r, _ in _cited(ch.new.text, own_new)} if ch.new is not None else None
        for ref, written in cited:
            out.append(_xref_place(old, new, targets[ref], ref, written, where, now))
    return out


def _xref_place(old: Document, new: Document, target: Target, ref: str, written: str, where: str, now: set[str] | None) -> Place:
    if now is None:
        return Place("xref", old.source, where, ref, written, REVIEW, None, "the citing text is deleted in NEW: nothing to update")
    if target.new_ref is None:
        if ref in now:
            return Place("xref", new.source, where, ref, written, DELETED, None, f"cites {ref}, deleted in NEW: remove the reference or point it at the clause that replaces it")
        return Place("xref", new.source, where, ref, written, DONE, None, f"cites {ref}, deleted in NEW; NEW no longer cites it")
    if target.new_ref == ref:
        what = "text changed" if "modified" in target.changes else "moved"
        return Place("xref", new.source, where, ref, written, REVIEW, ref, f"{ref}: {what}; the reference stays: check the citing text still fits")
    if target.new_ref in now and ref not in now:
        return Place("xref", new.source, where, ref, written, DONE, target.new_ref, f"{ref} is renumbered as {target.new_ref}, and NEW already says {target.new_ref}")
    return Place("xref", new.source, where, ref, written, FOLLOW, target.new_ref, f"{ref} is renumbered as {target.new_ref}: NEW still says {written}")


def _also_places(doc: Document, old: Document, targets: dict[str, Target], texts: _Texts, known: list[str]) -> list[Place]:
    """References to OLD in another document. Qualified ones ('18.5(q) of the S1SR') always
    count; unqualified ones only in a document that is no SEC appendix of its own (a
    direction text, a consultation document), where they can only mean OLD."""
    name = OWN_NAMES.get(old.appendix or "")
    own: set[str | None] = {name} if name else set()
    if doc.appendix is None or doc.appendix == old.appendix:
        own |= {None, THIS_DOCUMENT}
    out: list[Place] = []
    current: str | None = None
    for paragraph in doc.paragraphs:
        if paragraph.clause is not None:
            current = paragraph.clause.ref
        cited = [(r, w) for r, w in _cited(paragraph.text, own) if r in targets]
        if not cited:
            continue
        where = f"{current}" if current else f"paragraph {paragraph.index + 1}"
        models = sorted(named_models(paragraph.text, known, guess=not known))
        srvs = sorted(srv_numbers(paragraph.text))
        for ref, written in cited:
            status, should, note = _judge(targets[ref], texts, models, srvs)
            out.append(Place("also", doc.source, where, ref, written, status, should, note))
    return out


# ----- Device Models by manufacturer -----------------------------------------------------


def manufacturers(docs: list[Document]) -> dict[str, str]:
    """Device Model -> manufacturer, from any table with both columns (the S1SR's Table G1)."""
    out: dict[str, str] = {}
    for doc in docs:
        for table in doc.tables:
            if not table.rows:
                continue
            head = [normalise_text(c) for c in table.rows[0]]
            try:
                who, model = head.index("manufacturer"), head.index("device model")
            except ValueError:
                continue
            for row in table.rows[1:]:
                if max(who, model) < len(row) and row[who].strip() and row[model].strip():
                    out.setdefault(normalise_text(row[model]), " ".join(row[who].split()))
    return out


def _table_models(docs: list[Document]) -> set[str]:
    """The Device Model names of the manufacturer table, as written there."""
    return set(_model_names(docs).values())


def _model_names(docs: list[Document]) -> dict[str, str]:
    out: dict[str, str] = {}
    for doc in docs:
        for table in doc.tables:
            head = [normalise_text(c) for c in table.rows[0]] if table.rows else []
            if "device model" in head and "manufacturer" in head:
                col = head.index("device model")
                for row in table.rows[1:]:
                    if col < len(row) and row[col].strip():
                        out.setdefault(normalise_text(row[col]), " ".join(row[col].split()))
    return out


def group_by_manufacturer(models: list[str], docs: list[Document]) -> dict[str, list[str]]:
    makers = manufacturers(docs)
    groups: dict[str, set[str]] = {}
    for model in models:
        groups.setdefault(makers.get(normalise_text(model), UNKNOWN_MANUFACTURER), set()).add(" ".join(model.split()))
    order = sorted(groups, key=lambda m: (m == UNKNOWN_MANUFACTURER, m.lower()))
    return {m: sorted(groups[m], key=str.lower) for m in order}

"""`docgen impact` output: text for the analyst, JSON and CSV for tools and the packs.

The text groups the places by kind (DMVES rows, cross-references in the document,
references in other documents), each with its status and what it should now say, and ends
with the Device Models affected by manufacturer: the list a recommendation letter needs.
"""

from __future__ import annotations

import json

from docgen.transforms.impact import Impact, Place
from docgen.writers.csv_table import csv_text

CSV_COLUMNS = ("kind", "source", "location", "cites", "written", "status", "should_say", "device_models", "srv", "note")
_SECTIONS = (("dmves", "DMVES rows"), ("xref", "Cross-references in the document"), ("also", "References in other documents"))
_DO = {
    "update": "should now say {should}",
    "restored": "restored: keep {should}",
    "updated": "already says {should}",
    "review": "review (reference stays {should})",
    "deleted": "cited clause deleted",
    "mismatch": "does not fit OLD or NEW: decide",
}


def impact_json(impact: Impact) -> str:
    return json.dumps(impact.to_json(), indent=2, ensure_ascii=False) + "\n"


def impact_csv(impact: Impact) -> str:
    return csv_text(CSV_COLUMNS, ([p.kind, p.source, p.location, p.cites, p.written, p.status, p.should_say or "", "; ".join(p.device_models), "; ".join(p.srv), p.note] for p in impact.places))


def impact_text(impact: Impact, *, also_given: bool, matrices_given: bool) -> str:
    old, new = impact.old, impact.new
    out = [f"Impact of {old.source} (version {old.version}) -> {new.source} (version {new.version})"]
    if not impact.targets:
        out.append("No clause was changed, moved, renumbered or deleted.")
    else:
        out.append(f"{len(impact.targets)} clauses changed, moved, renumbered or deleted:")
        for t in impact.targets:
            if t.new_ref is None:
                out.append(f"  {t.old_ref}  deleted")
            elif t.new_ref != t.old_ref:
                extra = "".join(f", {c}" for c in t.changes if c not in ("renumbered",))
                out.append(f"  {t.old_ref} -> {t.new_ref}  renumbered{extra}")
            else:
                out.append(f"  {t.old_ref}  {', '.join('text changed' if c == 'modified' else c for c in t.changes)}")
    for kind, title in _SECTIONS:
        if (kind == "dmves" and not matrices_given) or (kind == "also" and not also_given):
            continue
        places = [p for p in impact.places if p.kind == kind]
        out.append("")
        out.append(f"{title} ({len(places)}):" if places else f"{title}: none refer to a changed clause.")
        out.extend(_place(p) for p in places)
    if matrices_given:
        out.append("")
        if impact.manufacturers:
            out.append("Device Models affected, by manufacturer:")
            out.extend(f"  {maker}: {', '.join(models)}" for maker, models in impact.manufacturers.items())
        else:
            out.append("Device Models affected: none.")
    return "\n".join(out) + "\n"


def _place(p: Place) -> str:
    where = f"{p.source} {p.location}" if p.kind != "xref" else p.location
    named = "; ".join(p.device_models + p.srv)
    written = f" (written '{p.written}')" if p.written != p.cites else ""
    head = f"  {where}: cites {p.cites}{written}" + (f" [{named}]" if named else "")
    return f"{head}: {_DO[p.status].format(should=p.should_say)}\n      {p.note}"

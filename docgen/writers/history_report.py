"""`docgen history` output: text for a reader, JSON and CSV for tools.

The text lists every line that changed in full (one row per version, with the word diff and
the proposing consultation) and names the unchanged ones together, so the 18.5 shift of
v12 and its correction in v12.2 stand out rather than drown among 400 untouched clauses.
JSON and CSV carry every line and every version.
"""

from __future__ import annotations

import json
import textwrap

from docgen.transforms.chain import render_words
from docgen.transforms.history import History, Line, Step
from docgen.writers.csv_table import csv_text

CSV_COLUMNS = ("line", "ref", "version", "ref_in_version", "num", "previous_ref", "changes", "level_changed", "word_diff", "proposed_by", "drafting_ref", "description")


def history_json(history: History, lines: list[Line]) -> str:
    return json.dumps(history.to_json(lines), indent=2, ensure_ascii=False) + "\n"


def history_csv(history: History, lines: list[Line]) -> str:
    rows = []
    for n, line in enumerate(lines, 1):
        for step in line.steps:
            proposals = step.proposed_by
            rows.append(
                [
                    n,
                    line.label,
                    step.version,
                    step.ref or "",
                    step.num,
                    step.previous_ref or "",
                    ";".join(step.changes),
                    "yes" if step.level_changed else "",
                    render_words(step.words) if step.words else "",
                    ";".join(p.pack for p in proposals),
                    ";".join(p.drafting_ref or "" for p in proposals),
                    " | ".join(p.description or "" for p in proposals),
                ]
            )
    return csv_text(CSV_COLUMNS, rows)


def history_text(history: History, lines: list[Line], *, everything: bool, ref: str | None = None) -> str:
    """`everything`: no --ref was given, so unchanged lines are summarised, not listed."""
    out = ["Versions: " + ", ".join(f"{d.version} ({d.source})" for d in history.versions)]
    if ref is not None and len(lines) > 1:
        out.append(f"{ref} names {len(lines)} different clauses across the versions (the label was reused); each has its own line.")
    changed = [line for line in lines if line.changed] if everything else lines
    if everything:
        out.append(f"{len(lines)} clauses, {len(changed)} changed in some version.")
    for line in changed:
        out.append("")
        out.extend(_line_text(line))
    if everything:
        same = [line.label for line in lines if not line.changed]
        if same:
            out.append("")
            out.append(f"Unchanged in every version ({len(same)}):")
            out.extend(textwrap.wrap(", ".join(same), width=100, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False))
    return "\n".join(out) + "\n"


def _line_text(line: Line) -> list[str]:
    head = " ".join(line.text.split())
    if len(head) > 80:
        head = head[:77].rstrip() + "..."
    out = [f"{line.label}  {head}" if head else line.label]
    width = max(len(s.version) for s in line.steps)
    ref_width = max(len(s.ref or "-") for s in line.steps)
    for step in line.steps:
        what = _what(step)
        out.append(f"  {step.version:<{width}}  {(step.ref or '-'):<{ref_width}}  {what}".rstrip())
        if step.words:
            out.append(f"  {'':<{width}}  text: {render_words(step.words)}")
        for p in step.proposed_by:
            out.append(f"  {'':<{width}}  proposed by {p.describe()}")
    return out


def _what(step: Step) -> str:
    if not step.changes and not step.level_changed:
        return ""
    if "inserted" in step.changes:
        return "inserted"
    if "deleted" in step.changes:
        return f"deleted (was {step.previous_ref})"
    parts = []
    if "renumbered" in step.changes:
        parts.append(f"renumbered from {step.previous_ref}")
    if step.level_changed:
        parts.append("level changed")
    if "moved" in step.changes:
        parts.append("moved" + ("" if "renumbered" in step.changes else f" (still {step.ref})"))
    if "modified" in step.changes:
        parts.append("text changed")
    return ", ".join(parts)

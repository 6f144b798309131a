"""The change summary that opens the publication copy, in the document's own styles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docgen.ooxml.markup.bookmarks import Bookmarks
from docgen.ooxml.markup.build import (
    bordered_table,
    hyperlink,
    insert_first,
    page_break_paragraph,
    paragraph,
    run_props,
    text_run,
)
from docgen.ooxml.element import Element
from docgen.ooxml.redline_package import Para
from docgen.ooxml.markup.sections import first_section, number_pages, section_end_like
from docgen.ooxml.markup.style_ids import paragraph_style_ids
from docgen.model import SUMMARY_HEADING, SUMMARY_KEY
from docgen.writers.redline_view import RedlineView, change_anchors

if TYPE_CHECKING:
    from docgen.transforms.compare import Comparison

# The key's colours: those LibreOffice draws revisions in, so the key matches the pages.
RED, BLUE, GREEN = "C00000", "0033CC", "00803A"
# The counts table: label and value columns (twentieths of a point) and a grey border.
COUNT_WIDTHS = [2268, 1134]
# The counts by story: the story's name, then paragraphs inserted, deleted, modified, moved.
STORY_WIDTHS = [2268, 1134, 1134, 1134, 1134]
STORY_COLUMNS = ("Paragraphs", "Inserted", "Deleted", "Modified", "Moved")
BORDER = "808080"


@dataclass
class StyleNames:
    """The document's own style ids for the summary's title, headings and body text."""

    title: str | None
    heading1: str | None
    heading2: str | None

    @classmethod
    def of(cls, styles: Element | None) -> "StyleNames":
        by_name = paragraph_style_ids(styles)
        h1 = by_name.get("heading 1")
        return cls(title=by_name.get("title") or h1, heading1=h1, heading2=by_name.get("heading 2") or h1)


def link_targets(comparison: "Comparison", view: RedlineView, paragraphs: list[Para], bookmarks: Bookmarks) -> dict[str, str]:
    """Summary anchor -> bookmark placed on that change's paragraph in the redline."""
    wanted = {e.anchor for _, entries in [*view.groups, *view.story_groups] for e in entries if e.anchor}
    by_new = {p.new_index: p for p in paragraphs if p.in_new and p.new_index is not None}
    by_old = {p.old_index: p for p in paragraphs if p.in_old and p.old_index is not None}
    out: dict[str, str] = {}
    for change, anchor in zip(comparison.changes, change_anchors(list(comparison.changes))):
        if anchor not in wanted or anchor in out:
            continue
        para = None
        if change.new is not None:
            para = by_new.get(change.new.index)
        elif change.old is not None:
            para = by_old.get(change.old.index)
        if para is not None:
            out[anchor] = bookmarks.add(para.el, anchor)
    return out


def insert_summary(body: Element, view: RedlineView, styles: StyleNames, targets: dict[str, str]) -> None:
    """The summary first in the body, in a section of its own (see `_closing`)."""
    first_sect = first_section(body)
    summary = [_heading(view.title, styles.title), _heading(SUMMARY_HEADING, styles.heading1)]
    rows = [("Inserted", view.counts["inserted"]), ("Deleted", view.counts["deleted"]), ("Modified", view.counts["modified"]),
            ("Moved", view.counts["moved"]), ("Renumbered", view.counts["renumbered"])]
    cells = [[paragraph(*_runs(label)), paragraph(*_runs(str(value)), align="right")] for label, value in rows]
    summary.append(bordered_table(COUNT_WIDTHS, cells, border_color=BORDER))
    summary.append(paragraph())
    if not view.groups and not view.story_counts:
        summary.append(paragraph(*_runs("No differences.")))
    for heading, entries in view.groups:
        summary.append(_heading(heading, styles.heading2))
        if heading == "Renumbered":
            summary.extend(paragraph(*_link(e.label, targets.get(e.anchor or ""))) for e in entries)
        else:
            links: list[Element] = []
            for i, e in enumerate(entries):
                if i:
                    links.extend(_runs(", "))
                links.extend(_link(e.label, targets.get(e.anchor or "")))
            summary.append(paragraph(*links))
    summary.extend(_by_story(view, styles, targets))
    summary.append(paragraph(
        *_runs(SUMMARY_KEY + " deleted text is "), *_runs("struck through in red", run_props(strike=True, color=RED)),
        *_runs(", inserted text is "), *_runs("underlined in blue", run_props(color=BLUE, underline=True)),
        *_runs(", moved text is "), *_runs("green", run_props(color=GREEN)),
        *_runs("; a bar in the margin marks each changed line, and a clause whose number changed shows its old number struck beside the new one."),
    ))
    summary.append(_closing(first_sect))
    insert_first(body, summary)


def _by_story(view: RedlineView, styles: StyleNames, targets: dict[str, str]) -> list[Element]:
    """The paragraphs changed in each story (a table of counts), then each changed story on a
    line of its own under its kind: footnotes, table cells and headers count as much as clauses."""
    if not view.story_counts:
        return []
    out = [_heading("Changes by story", styles.heading2)]
    rows = [STORY_COLUMNS] + [(c.name, str(c.inserted), str(c.deleted), str(c.modified), str(c.moved)) for c in view.story_counts]
    cells = [[paragraph(*_runs(row[0]))] + [paragraph(*_runs(v), align="right") for v in row[1:]] for row in rows]
    out.append(bordered_table(STORY_WIDTHS, cells, border_color=BORDER))
    out.append(paragraph())
    for heading, entries in view.story_groups:
        out.append(_heading(heading, styles.heading2))
        out.extend(paragraph(*_link(e.label, targets.get(e.anchor or ""))) for e in entries)
    return out


def _closing(first_sect: Element | None) -> Element:
    """The paragraph that ends the summary's pages.

    The summary gets its own section: NEW's page setup and headers/footers, numbered i, ii,
    ...; the body's first section then starts on a new page at page 1. A document without
    section properties gets a plain page break.
    """
    if first_sect is None:
        return page_break_paragraph()
    closing = section_end_like(first_sect, page_start="1", page_format="lowerRoman")
    number_pages(first_sect, start="1")
    return closing


def _heading(text: str, style: str | None) -> Element:
    # A heading style may be numbered or start a page; the summary wants neither.
    return paragraph(*_runs(text), style=style, unlisted=True)


def _runs(text: str, rpr: Element | None = None) -> list[Element]:
    """The text as a run, or nothing for empty text (an empty run would only add markup)."""
    return [text_run(text, rpr)] if text else []


def _link(label: str, bookmark: str | None) -> list[Element]:
    """An entry of the summary, a link to its change when the change has a bookmark."""
    runs = _runs(label)
    return [hyperlink(bookmark, *runs)] if bookmark else runs

"""The text of every story besides the body, read as a reader sees it, for change summaries.

A redline's summary must count changes wherever a reader would see them: a footnote, an
endnote, a header or footer, a text box, a comment. The body's paragraphs come from the reader; this
module gives the other stories as lists of paragraph texts (accepted state, whitespace
collapsed, as `paragraph_text` reads the body), each with what identifies it across
versions: a header or footer by section and type, a note and a text box by the order in
which its reference or anchor stands in the body, and the body paragraph it hangs on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from docgen.limits import Limits
from docgen.ooxml.body import iter_paragraphs, paragraph_text
from docgen.ooxml.content import paragraph_items
from docgen.ooxml.notes import find_note
from docgen.ooxml.package_parts import shared_tree
from docgen.ooxml.parts import part_relationships, related_part
from docgen.ooxml.ns import W, qn
from docgen.ooxml.stories import has_stories, primary_text_boxes, section_parts

# Story kinds, in the order summaries list them.
HEADER, FOOTER, FOOTNOTE, ENDNOTE, TEXT_BOX, COMMENT = "header", "footer", "footnote", "endnote", "text box", "comment"
_COMMENT, _COMMENT_MARKS = qn("w:comment"), (qn("w:commentRangeStart"), qn("w:commentReference"))
_TYPES = {"default": "", "first": "first page", "even": "even pages"}


@dataclass
class StoryParagraph:
    text: str
    cell: tuple[int, int, int] | None = None  # (table, row, cell) inside the story's own tables


@dataclass
class StoryText:
    """One story's paragraphs and where it belongs."""

    kind: str  # HEADER, FOOTER, FOOTNOTE, ENDNOTE or TEXT_BOX
    number: int  # 1-based among the stories of its kind: a note's number as Word prints it
    label: str  # "footnote 2", "header (section 1, first page)", "text box 1"
    paragraphs: list[StoryParagraph] = field(default_factory=list)
    anchor: int | None = None  # the index of the body paragraph holding its reference or anchor
    key: str = ""  # what pairs it with the other version's story of the same kind, when known

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


def read_stories(parts: Mapping[str, bytes], main: str, source: str, limits: Limits | None = None) -> list[StoryText]:
    """Headers and footers, then footnotes, endnotes and text boxes in body order, then comments.

    `source` names the file in the error a part that is not XML raises. The trees are the
    ones `parts` keeps (the reader's), read and never edited here."""
    if main not in parts:
        return []
    root = shared_tree(parts, main, limits, source)
    body = root.find(W.body)
    out = _headers_footers(parts, main, root, source, limits)
    if body is not None:
        out.extend(_anchored(parts, main, body, source, limits))
        out.extend(_comments(parts, main, body, source, limits))
    return out


def _story_paragraphs(container: etree._Element) -> list[StoryParagraph]:
    return [StoryParagraph(paragraph_text(bp.el), _cell(bp.table, bp.row, bp.cell)) for bp in iter_paragraphs(container)]


def _cell(table: int | None, row: int | None, cell: int | None) -> tuple[int, int, int] | None:
    return (table, row, cell) if table is not None and row is not None and cell is not None else None


def _headers_footers(parts: Mapping[str, bytes], main: str, root: etree._Element, source: str, limits: Limits | None) -> list[StoryText]:
    """Each header and footer part once, under the first section that refers to it."""
    rels = part_relationships(parts, main, limits)
    seen: set[str] = set()
    out: list[StoryText] = []
    counters = {HEADER: 0, FOOTER: 0}
    for k, refs in enumerate(section_parts(root, rels), start=1):
        for (kind, type_), part in sorted(refs.items()):
            if part in seen or part not in parts:
                continue
            seen.add(part)
            counters[kind] += 1
            where = ", ".join(x for x in (f"section {k}", _TYPES.get(type_, type_)) if x)
            story = StoryText(kind, counters[kind], f"{kind} ({where})", key=f"{k}:{type_}")
            story.paragraphs = _story_paragraphs(shared_tree(parts, part, limits, source))
            out.append(story)
    return out


def _anchored(parts: Mapping[str, bytes], main: str, body: etree._Element, source: str, limits: Limits | None) -> list[StoryText]:
    """Notes by the order of their references, text boxes by the order of their anchors."""
    roots: dict[str, etree._Element | None] = {}
    for kind in (FOOTNOTE, ENDNOTE):
        name = related_part(parts, main, kind + "s", limits)
        roots[kind] = shared_tree(parts, name, limits, source) if name else None
    out: list[StoryText] = []
    if not has_stories(body):
        return out  # one C-level scan of the whole body spares the walk of every paragraph
    counters = {FOOTNOTE: 0, ENDNOTE: 0, TEXT_BOX: 0}
    referenced: set[tuple[str, str]] = set()
    for bp in iter_paragraphs(body):
        if not has_stories(bp.el):
            continue  # one C-level scan spares most paragraphs the walk of their content
        for item in paragraph_items(bp.el, per_char=False, identify=False):
            if item.kind in (FOOTNOTE, ENDNOTE):
                note_id = item.nodes[0].get(W.id) or ""
                root = roots[item.kind]
                note = find_note(root, item.kind, note_id) if root is not None else None
                if note is None or (item.kind, note_id) in referenced:
                    continue
                referenced.add((item.kind, note_id))
                counters[item.kind] += 1
                n = counters[item.kind]
                out.append(StoryText(item.kind, n, f"{item.kind} {n}", _story_paragraphs(note), bp.index))
            elif item.kind == "textbox":
                for box in primary_text_boxes(item.nodes[0]):
                    counters[TEXT_BOX] += 1
                    n = counters[TEXT_BOX]
                    out.append(StoryText(TEXT_BOX, n, f"text box {n}", _story_paragraphs(box), bp.index))
    return out



def _comments(parts: Mapping[str, bytes], main: str, body: etree._Element, source: str, limits: Limits | None) -> list[StoryText]:
    """Comments in the order their ranges start in the body (unanchored ones last).

    A redline carries NEW's comments and compares none, but a reader of the summary should
    still learn that comments came or went."""
    name = related_part(parts, main, "comments", limits)
    if name is None:
        return []
    root = shared_tree(parts, name, limits, source)
    comments = {c.get(W.id) or "": c for c in root if c.tag == _COMMENT}
    if not comments:
        return []
    index_of = {bp.el: bp.index for bp in iter_paragraphs(body)}
    anchors: dict[str, int | None] = {}
    for mark in body.iter(*_COMMENT_MARKS):
        comment_id = mark.get(W.id) or ""
        if comment_id in comments and comment_id not in anchors:
            para = next((a for a in mark.iterancestors(W.p) if a in index_of), None)
            anchors[comment_id] = index_of[para] if para is not None else None
    order = list(anchors) + [i for i in comments if i not in anchors]
    out = []
    for n, comment_id in enumerate(order, start=1):
        out.append(StoryText(COMMENT, n, f"comment {n}", _story_paragraphs(comments[comment_id]), anchors.get(comment_id)))
    return out

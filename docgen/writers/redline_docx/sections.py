"""Which OLD section each NEW section is compared with, for page layout and for the headers
and footers that only OLD had.

Sections are paired in order when both versions have as many; otherwise only the last
sections (the body's own `w:sectPr`) are paired, since a section break added or removed in
between leaves no reliable way to tell which section became which. Headers and footers both
sides have are compared by `stories.headers_footers`; this module adds the ones NEW dropped.
"""

from __future__ import annotations

from docgen.ooxml.element import Element, is_element
from docgen.ooxml.ns import W
from docgen.ooxml.package_parts import tree_to_edit
from docgen.ooxml.parts import serialise
from docgen.ooxml.tracked.sections import (
    add_story_reference,
    mark_story_deleted,
    story_content_type,
    story_relationship,
    story_root,
    track_layout_change,
)
from docgen.writers.redline_docx.stories import StoryDiff

SectionStories = dict[tuple[str, str], str]  # (header|footer, default|first|even) -> part


class Sections:
    """NEW's and OLD's sections as they were before the redline added OLD content."""

    def __init__(self, old_root: Element, new_root: Element):
        self.old = list(old_root.iter(W.sectPr))
        self.new = list(new_root.iter(W.sectPr))

    def pairs(self) -> list[tuple[int, int]]:
        if not self.old or not self.new:
            return []
        if len(self.old) == len(self.new):
            return [(k, k) for k in range(len(self.new))]
        return [(len(self.old) - 1, len(self.new) - 1)]

    def track(self, diff: StoryDiff, new_main: str, old_stories: list[SectionStories], new_stories: list[SectionStories], out_parts: dict[str, bytes]) -> None:
        for old_k, new_k in self.pairs():
            self._dropped_stories(diff, new_main, old_k, new_k, old_stories, new_stories, out_parts)
            track_layout_change(diff.ctx.marks, self.old[old_k], self.new[new_k])

    def _dropped_stories(
        self,
        diff: StoryDiff,
        new_main: str,
        old_k: int,
        new_k: int,
        old_stories: list[SectionStories],
        new_stories: list[SectionStories],
        out_parts: dict[str, bytes],
    ) -> None:
        """OLD's headers and footers that NEW's section neither has nor inherits.

        A section without a reference of some type shows the previous section's; only when no
        earlier NEW section has one does NEW show nothing there, and only then is OLD's story
        added back as deleted content (anything else would change what NEW shows on accept).
        """
        ctx = diff.ctx
        for (kind, type_), old_part in sorted(old_stories[old_k].items()):
            if any((kind, type_) in refs for refs in new_stories[: new_k + 1]) or old_part not in ctx.old_parts:
                continue
            name = _free_name(out_parts, kind)
            old_root = tree_to_edit(ctx.old_parts, old_part, ctx.limits)
            new_root = story_root(kind)
            for block in old_root:
                if is_element(block):
                    new_root.append(ctx.carrier.copy(block, old_part, name))
            mark_story_deleted(new_root, ctx.marks)
            rel_id = ctx.carrier.importer.add_part(new_main, story_relationship(kind), name, serialise(new_root), story_content_type(kind))
            add_story_reference(self.new[new_k], kind, type_, rel_id)


def _free_name(parts: dict[str, bytes], kind: str) -> str:
    n = 1
    while f"word/{kind}-removed{n}.xml" in parts:
        n += 1
    return f"word/{kind}-removed{n}.xml"

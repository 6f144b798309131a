"""Phrase-level revisions inside one paragraph: which of NEW's items are kept, inserted or
preceded by deleted OLD items.

The paragraph's items (characters, and atomic objects as single tokens) are word-diffed
against OLD's; `docgen.ooxml.tracked.runs` then writes the answer into NEW's runs (splitting
them, `w:ins`, `w:del` with OLD's formatting, `w:rPrChange`).
"""

from __future__ import annotations

from docgen.ooxml.content import Item
from docgen.ooxml.element import Element
from docgen.ooxml.tracked.runs import rewrite_runs
from docgen.transforms.compare import word_diff
from docgen.writers.redline_docx.context import Context, Story


def rebuild_paragraph(ctx: Context, p: Element, old_p: Element, story: Story, *, force: bool = False) -> bool:
    """Revisions for the differences between OLD's paragraph and NEW's `p` (edited in place).

    Returns whether the paragraph's content differed. Without differences the runs are left
    untouched (unless `force`, for formatting-only changes), but kept objects are still
    reported to `ctx.on_kept` so text boxes and notes are compared inside.
    """
    new_items = ctx.items(p, "new", story.new_part)
    old_items = ctx.items(old_p, "old", story.old_part)
    a, b = ctx.chars(old_items), ctx.chars(new_items)
    keep: list[Item | None] = [None] * len(new_items)
    deletions: dict[int, list[Item]] = {}
    if a == b:
        keep = list(old_items)
    else:
        x = y = 0
        for op, text in word_diff(a, b):
            n = len(text)
            if op == 0:
                keep[y : y + n] = old_items[x : x + n]
                x += n
                y += n
            elif op == -1:
                deletions.setdefault(y, []).extend(old_items[x : x + n])
                x += n
            else:
                y += n
    if a != b or force:
        carrier = ctx.carrier
        rewrite_runs(
            p,
            new_items,
            keep,
            deletions,
            marks=ctx.marks,
            carry=lambda el: carrier.copy(el, story.old_part, story.new_part),
        )
    if ctx.on_kept is not None:
        for new_it, old_it in zip(new_items, keep):
            if old_it is not None and new_it.atomic:
                ctx.on_kept(old_it, new_it, story)
    return a != b

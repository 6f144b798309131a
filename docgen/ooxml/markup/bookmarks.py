"""Bookmarks added to a document that already has its own: names and ids that clash with none.

Word requires bookmark names to be unique, start with a letter and hold only letters, digits
and underscores (at most 40 characters), and bookmark ids to be unique among bookmarks.
"""

from __future__ import annotations

import re

from docgen.ooxml.element import Element, make
from docgen.ooxml.ns import W, qn

BOOKMARK_START, BOOKMARK_END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")


class Bookmarks:
    """Bookmarks for a document's links, with ids and names that clash with none of its own."""

    def __init__(self, root: Element):
        ids = [int(b.get(W.id)) for b in root.iter(BOOKMARK_START) if (b.get(W.id) or "").isdigit()]
        self.next_id = max(ids, default=0) + 1
        self.names = {b.get(W.name) for b in root.iter(BOOKMARK_START)}

    def add(self, p: Element, wanted: str) -> str:
        """Bookmark the whole of paragraph `p` under a name made from `wanted`; the name."""
        base = re.sub(r"[^A-Za-z0-9_]", "_", wanted)
        base = ("c" + base if not base[:1].isalpha() else base)[:36]
        name, n = base, 1
        while name in self.names:
            n += 1
            name = f"{base}_{n}"
        self.names.add(name)
        start = make(BOOKMARK_START, {W.id: str(self.next_id), W.name: name})
        end = make(BOOKMARK_END, {W.id: str(self.next_id)})
        self.next_id += 1
        ppr = p.find(W.pPr)
        at = list(p).index(ppr) + 1 if ppr is not None else 0
        p.insert(at, start)
        p.append(end)
        return name

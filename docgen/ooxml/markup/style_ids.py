"""Style ids by style name: a document's "Heading 1" may have any id (Word localises them,
"Überschrift1"), so text docgen adds in the document's own styles is styled by name."""

from __future__ import annotations

from docgen.ooxml.element import Element
from docgen.ooxml.ns import W


def paragraph_style_ids(styles: Element | None) -> dict[str, str]:
    """Lower-cased name -> style id of every paragraph style (the first of a name wins)."""
    by_name: dict[str, str] = {}
    if styles is not None:
        for st in styles.findall(W.style):
            if st.get(W.type) != "paragraph":
                continue
            name = st.find(W.name)
            if name is not None and st.get(W.styleId):
                by_name.setdefault((name.get(W.val) or "").lower(), st.get(W.styleId))
    return by_name

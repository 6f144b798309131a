"""The few element names and removal rules every step of accepting or rejecting shares."""

from __future__ import annotations

from lxml import etree

from docgen.ooxml.ns import qn

CELL_MERGE = qn("w:cellMerge")


def drop_element(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        keep_tail(el)
        parent.remove(el)


def keep_tail(el: etree._Element) -> None:
    """lxml removes an element's tail text with it; whitespace-only tails may go, others stay."""
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        parent = el.getparent()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        elif parent is not None:
            parent.text = (parent.text or "") + el.tail
    el.tail = None

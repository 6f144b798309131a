"""The element type and the few constructors code outside `docgen/ooxml/` may use.

Readers, transforms and writers hold WordprocessingML and SpreadsheetML elements (a paragraph
to compare, a cell to rewrite, a run to wrap in `w:ins`), but they never import the XML library
themselves: they name the type `Element` and build through `make` and `sub`. The parser, its
hardening and the serialisation rules then live in one package, as python-docx keeps lxml behind
its oxml layer.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Mapping

from lxml import etree

from docgen.ooxml.ns import W, qn

XML_NS = "{http://www.w3.org/XML/1998/namespace}"

# lxml's element class; the alias is the name the rest of docgen uses in type hints.
Element = etree._Element
# The values of ST_OnOff (ECMA-376 17.17.4) that switch a toggle property off.
_OFF = frozenset({"0", "false", "off"})


def clark(name: str) -> str:
    """'w:val' -> Clark name; a Clark name or an unprefixed name is returned as it is."""
    if name.startswith("{") or ":" not in name:
        return name
    if name.startswith("xml:"):
        return XML_NS + name[4:]
    return qn(name)


def make(tag: str, attrs: Mapping[str, str] | None = None, text: str | None = None, *, nsmap: Mapping[str | None, str] | None = None) -> Element:
    """A new element; `tag` and attribute names may be prefixed ('w:p', 'w:val') or Clark names.

    Attributes keep the order given, so serialised output stays byte-identical run to run.
    """
    el = etree.Element(clark(tag), nsmap=dict(nsmap) if nsmap else None)
    for name, value in (attrs or {}).items():
        el.set(clark(name), value)
    if text is not None:
        el.text = text
    return el


def sub(parent: Element, tag: str, attrs: Mapping[str, str] | None = None, text: str | None = None) -> Element:
    """A new last child of `parent` (see `make` for names and attribute order)."""
    el = etree.SubElement(parent, clark(tag))
    for name, value in (attrs or {}).items():
        el.set(clark(name), value)
    if text is not None:
        el.text = text
    return el


def clone(el: Element) -> Element:
    """A deep copy, detached from `el`'s tree (tail text included, as lxml copies it)."""
    return copy.deepcopy(el)


def child(el: Element, tag: str) -> Element | None:
    """The first child with this (Clark) tag: `el.find(tag)` without lxml's Python path
    machinery, which costs twice as much on the paths walked once per paragraph.

    A paragraph's, pPr's or numPr's few children are looked at directly: a tag-filtered
    iterchildren builds its matcher on every call, which costs more than comparing a
    handful of tags. Only a large parent (a body) is left to lxml's filter."""
    if len(el) > _FEW_CHILDREN:
        return next(el.iterchildren(tag), None)
    for c in el:
        if c.tag == tag:
            return c
    return None


_FEW_CHILDREN = 16


def markup(el: Element, *, with_tail: bool = True) -> bytes:
    """The element's XML as bytes: an identity for comparing content, not a part to write."""
    return etree.tostring(el, with_tail=with_tail)


def is_on(el: Element | None, attr: str = W.val) -> bool:
    """A toggle property (w:vanish, w:caps, w:isLgl...; `attr="val"` for SpreadsheetML's
    unprefixed ones, ss:strike) as Word and Excel read it: absent is off, present is on unless
    its value is 0, false or off. The one reading, so hidden text, hidden list numbers, table
    cells and struck workbook runs agree on what is switched off."""
    return el is not None and el.get(attr, "true").lower() not in _OFF


def is_element(node: object) -> bool:
    """True for elements, False for comments and processing instructions lxml also yields."""
    return isinstance(node, etree._Element) and isinstance(node.tag, str)


def fragment(xml: str | bytes) -> Element:
    """Parse a snippet docgen itself wrote (a template of markup), with the hardened parser."""
    from docgen.ooxml.package import xml_parser  # package.py imports nothing from here

    return etree.fromstring(xml.encode() if isinstance(xml, str) else xml, xml_parser())


def insert_before(parent: Element, el: Element, before: Collection[str]) -> None:
    """Insert `el` before `parent`'s first child whose tag is in `before` (Clark names), else
    last: how a child finds its place in a schema sequence without listing the whole sequence."""
    for i, c in enumerate(parent):
        if c.tag in before:
            parent.insert(i, el)
            return
    parent.append(el)

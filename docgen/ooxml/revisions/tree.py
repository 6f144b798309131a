"""Accepting or rejecting the revisions of one XML tree, and of every part of a package."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, MutableMapping
from typing import Callable

from lxml import etree

from docgen.limits import Limits
from docgen.ooxml.ns import CELL_DEL, CELL_INS, DEL, DEL_INSTR, DEL_TEXT, INS, MOVE_FROM, MOVE_TO, PPR_CHANGE, RPR_CHANGE, SECT_PR_CHANGE, W, qn
from docgen.ooxml.package_parts import ParsedParts, tree_to_edit
from docgen.ooxml.parts import (
    ContentTypes,
    main_part,
    package_bytes,
    read_parts,
    serialise,
)
from docgen.ooxml.revisions.elements import drop_element, keep_tail
from docgen.ooxml.revisions.markup_ranges import tracked_markup
from docgen.ooxml.revisions.tables import tracked_cells, tracked_rows, vertical_merges
from docgen.ooxml.revisions.tidy import (
    containers_end_with_paragraph,
    emptied_wrappers,
    filled_wrappers,
    hollow_tables,
    orphan_field_codes,
)

# The package plumbing lives in docgen.ooxml.parts; these names stay importable from here.
__all__ = ["accept_all", "accept_tree", "main_part", "may_hold_revisions", "package_bytes", "read_parts", "reject_all", "reject_tree", "revision_parts", "serialise", "tree_may_hold_revisions"]

_MARKER_PARENTS = {W.rPr, W.trPr, W.numPr}
_RANGE_MARKERS = {
    qn(f"w:{name}")
    for name in (
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
    )
}  # (the custom XML markup ranges are applied, not just dropped: see markup_ranges)
# Property-change elements: (change element, the properties element it sits in, what the
# properties keep of their own when the old properties come back).
_PR_CHANGES = {
    PPR_CHANGE: {W.rPr, W.sectPr},
    RPR_CHANGE: {INS, DEL, MOVE_FROM, MOVE_TO},
    SECT_PR_CHANGE: {qn("w:headerReference"), qn("w:footerReference")},
    qn("w:tblPrChange"): set(),
    qn("w:trPrChange"): {INS, DEL},
    qn("w:tcPrChange"): {CELL_INS, CELL_DEL, qn("w:cellMerge")},
    qn("w:tblGridChange"): set(),
    qn("w:tblPrExChange"): set(),
    qn("w:numberingChange"): set(),
}
# Changes that record what was there without holding it: rejecting can only drop them.
# (w:numberingChange keeps the old number's text, not the numbering that produced it.)
_RECORD_ONLY = {qn("w:numberingChange")}
# Where kept children go back relative to the restored ones (schema order).
_KEPT_FIRST = {RPR_CHANGE, SECT_PR_CHANGE}

# The parts whose XML may carry revisions: every story, plus styles and numbering, whose
# definitions can hold tracked property changes.
_STORY_TYPES = (
    "document.main+xml",
    "document.macroEnabled.main+xml",
    "document.glossary+xml",
    "template.main+xml",
    "template.macroEnabledTemplate.main+xml",
    "header+xml",
    "footer+xml",
    "footnotes+xml",
    "endnotes+xml",
    "comments+xml",
    "styles+xml",
    "stylesWithEffects+xml",
    "numbering+xml",
)


# ----- whole packages -------------------------------------------------------------------


def accept_all(parts: Mapping[str, bytes], *, skip: Collection[str] = ()) -> MutableMapping[str, bytes]:
    """Every tracked change accepted; parts without revisions come back byte-identical.

    Given a `ParsedParts`, the result is one too: it shares the parsed trees of the parts
    left alone and keeps the accepted tree of each part it changed, which it works on as a
    deep copy, never parsing the part again. Parts in `skip` are left as they are (a caller
    that accepts one part itself, on a copy it keeps)."""
    return _apply(parts, accept_tree, skip)


def reject_all(parts: Mapping[str, bytes]) -> MutableMapping[str, bytes]:
    """Every tracked change rejected; parts without revisions come back byte-identical."""
    return _apply(parts, reject_tree, ())


def _apply(parts: Mapping[str, bytes], fn: Callable[[etree._Element], bool], skip: Collection[str]) -> MutableMapping[str, bytes]:
    limits = Limits.from_env()
    kept = parts.clone() if isinstance(parts, ParsedParts) else None
    out = kept if kept is not None else dict(parts)
    for name in revision_parts(parts):
        if name in skip or not may_hold_revisions(parts[name]):
            continue
        root = tree_to_edit(parts, name, limits)
        if fn(root):
            if kept is not None:
                kept.set_tree(name, root, serialise(root))
            else:
                out[name] = serialise(root)
    return out


# Local names of every revision element; a part mentioning none of them is left unparsed.
# The prefix is matched possessively (`*+:`, `?+`): a name holds no colon, so giving a matched
# prefix back can never let a name match, and not trying costs a third less on a large part.
_REVISION_NAMES = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*+:)?+(?:ins|del|moveFrom|moveTo|cellIns|cellDel|cellMerge|\w+PrChange|\w+PrExChange|tblGridChange"
    rb"|numberingChange|moveFromRange\w+|moveToRange\w+|customXml\w+Range\w+)[\s/>]"
)


def may_hold_revisions(data: bytes) -> bool:
    """False when a part cannot hold a revision (it names no revision element), so it need not be walked."""
    return _REVISION_NAMES.search(data) is not None


def tree_may_hold_revisions(root: etree._Element, data: bytes) -> bool:
    """`may_hold_revisions(data)` for a part whose tree `root` was parsed from `data` and not
    edited since, found mostly from the tree: the same answer without scanning every tag.

    lxml looks a wildcard tag up in the names its parser has seen, so asking the tree for
    elements no document named costs almost nothing, where the pattern tries every `<` of
    the bytes. What the tree cannot answer goes to the pattern: a tag whose name holds
    "Change" or "Range" (the names the pattern spells with a suffix, `...PrChange`,
    `moveFromRange...`; the words in text, "Changes to", do not count), markup outside
    elements (comments, processing instructions, CDATA: `<!`, `<?` past the declaration),
    and any element found, so an odd prefix the pattern would not take gives its answer,
    not the tree's. Every other `<` of a well-formed part starts or ends one of the tree's
    elements."""
    if _outside_elements(data) or _in_a_tag_name(data, b"Change") or _in_a_tag_name(data, b"Range"):
        return may_hold_revisions(data)
    if next(root.iter(*_TREE_NAMES), None) is None:
        return False
    return may_hold_revisions(data)


def _in_a_tag_name(data: bytes, word: bytes) -> bool:
    """Whether `word` occurs inside a tag's name: only name characters between it and the
    `<` before it (text and attribute values have a `>` or a space in between)."""
    at = data.find(word)
    while at != -1:
        lt = data.rfind(b"<", 0, at)
        if lt != -1 and _NAME_CHARS.fullmatch(data, lt + 1, at):
            return True
        at = data.find(word, at + len(word))
    return False


_NAME_CHARS = re.compile(rb"[\w.:-]*")


def _outside_elements(data: bytes) -> bool:
    """Whether the part has markup besides its elements: a comment, CDATA or a DTD (`<!`),
    or a processing instruction other than its XML declaration (at the start, after a
    byte-order mark at most). Looked for by the rare `!` and `?` (a byte search each),
    not by the two-byte needles, which the frequent `<` makes a slow scan."""
    declaration = data.find(b"<?xml ", 0, 9)
    for mark in (0x21, 0x3F):  # "!", "?"
        at = data.find(mark)
        while at != -1:
            if at > 0 and data[at - 1] == 0x3C and not (mark == 0x3F and at - 1 == declaration):
                return True
            at = data.find(mark, at + 1)
    return False


# The pattern's names that need no suffix, as lxml's any-namespace tags.
_TREE_NAMES = tuple("{*}" + n for n in ("ins", "del", "moveFrom", "moveTo", "cellIns", "cellDel", "cellMerge"))


def revision_parts(parts: dict[str, bytes]) -> list[str]:
    """Names of the parts that can hold tracked changes.

    The main document (found through the package relationships, whatever its name) and every
    part whose content type, from its Override or else its extension's Default rule, is a
    story or a definitions part. Without [Content_Types].xml, every XML part under word/.
    """
    names: set[str] = set()
    if "[Content_Types].xml" in parts:
        names.update(ContentTypes.of(parts).names_of_type(parts, _STORY_TYPES))
        names.add(main_part(parts))
    else:
        names.update(n for n in parts if n.startswith("word/") and n.endswith(".xml") and "/_rels/" not in n)
    return sorted(n for n in names if n in parts)


# ----- one XML tree ---------------------------------------------------------------------


def accept_tree(root: etree._Element) -> bool:
    """Accept every revision under `root` in place; True when anything changed."""
    filled = filled_wrappers(root)
    changed = tracked_markup(root, accept=True)
    for el in _collect(root, {DEL, MOVE_FROM}):
        if _is_marker(el):
            continue
        drop_element(el)
        changed = True
    for el in _collect(root, {INS, MOVE_TO}):
        if not _is_marker(el):
            _unwrap(el)
            changed = True
    changed |= _drop_range_markers(root)
    for el in _collect(root, set(_PR_CHANGES)):
        drop_element(el)
        changed = True
    changed |= tracked_rows(root, remove_when=DEL, keep_when=INS)
    changed |= vertical_merges(root, accept=True)
    changed |= tracked_cells(root, remove_when=CELL_DEL, keep_when=CELL_INS)
    changed |= _numbering_marks(root, remove_numpr_when=DEL)
    changed |= _paragraph_marks(root, merge_when={DEL, MOVE_FROM}, keep_when={INS, MOVE_TO})
    if changed:
        _tidy(root, filled)
    return changed


def reject_tree(root: etree._Element) -> bool:
    """Reject every revision under `root` in place; True when anything changed."""
    filled = filled_wrappers(root)
    changed = tracked_markup(root, accept=False)
    for el in _collect(root, {INS, MOVE_TO}):
        if _is_marker(el):
            continue
        drop_element(el)
        changed = True
    for el in _collect(root, {DEL, MOVE_FROM}):
        if _is_marker(el):
            continue
        for t in el.iter(DEL_TEXT, DEL_INSTR):
            t.tag = W.t if t.tag == DEL_TEXT else W.instrText
        _unwrap(el)
        changed = True
    changed |= _drop_range_markers(root)
    for el in _collect(root, set(_PR_CHANGES)):
        if el.tag in _RECORD_ONLY:
            drop_element(el)
        else:
            _restore(el)
        changed = True
    changed |= tracked_rows(root, remove_when=INS, keep_when=DEL)
    changed |= vertical_merges(root, accept=False)
    changed |= tracked_cells(root, remove_when=CELL_INS, keep_when=CELL_DEL)
    changed |= _numbering_marks(root, remove_numpr_when=INS)
    changed |= _paragraph_marks(root, merge_when={INS, MOVE_TO}, keep_when={DEL, MOVE_FROM})
    if changed:
        _tidy(root, filled)
    return changed


def _tidy(root: etree._Element, filled: list[etree._Element]) -> None:
    """What Word cleans up once the revisions are gone: stray field codes, content controls
    (and hyperlinks...) left with nothing in them, and containers left without the paragraph
    they must end with."""
    orphan_field_codes(root)
    emptied_wrappers(filled)
    hollow_tables(root)
    containers_end_with_paragraph(root)


def _collect(root: etree._Element, tags: set[str]) -> list[etree._Element]:
    return [el for el in root.iter(*tags)]


def _is_marker(el: etree._Element) -> bool:
    """w:ins/w:del as a mark on a paragraph mark, a row or a number, not a run container."""
    parent = el.getparent()
    return parent is not None and parent.tag in _MARKER_PARENTS


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    idx = parent.index(el)
    for child in list(el):
        parent.insert(idx, child)
        idx += 1
    keep_tail(el)
    parent.remove(el)


def _drop_range_markers(root: etree._Element) -> bool:
    found = _collect(root, _RANGE_MARKERS)
    for el in found:
        drop_element(el)
    return bool(found)


def _restore(change: etree._Element) -> None:
    """Put the old properties held by a *PrChange back in place of the current ones."""
    props = change.getparent()
    if props is None:
        return
    old = next((c for c in change if isinstance(c.tag, str)), None)
    keep_tags = _PR_CHANGES[change.tag]
    kept = [c for c in props if c is not change and isinstance(c.tag, str) and c.tag in keep_tags]
    restored = list(old) if old is not None else []
    for c in list(props):
        props.remove(c)
    ordered = kept + restored if change.tag in _KEPT_FIRST else restored + kept
    if change.tag == PPR_CHANGE:
        # pPr: the mark's rPr comes before sectPr, both after the base properties.
        ordered = restored + [c for c in kept if c.tag == W.rPr] + [c for c in kept if c.tag == W.sectPr]
    elif change.tag == RPR_CHANGE:
        ordered = kept + restored  # CT_ParaRPr: revision marks first
    for c in ordered:
        props.append(c)


def _numbering_marks(root: etree._Element, *, remove_numpr_when: str) -> bool:
    """The old numbering-change marks inside w:numPr: accept keeps the number, reject removes it."""
    changed = False
    for mark in [m for m in root.iter(INS, DEL) if m.getparent() is not None and m.getparent().tag == W.numPr]:
        numpr = mark.getparent()
        if numpr is None:
            continue  # its numPr already went with an earlier mark
        if mark.tag == remove_numpr_when:
            drop_element(numpr)
        else:
            numpr.remove(mark)
        changed = True
    return changed


def _paragraph_marks(root: etree._Element, *, merge_when: set[str], keep_when: set[str]) -> bool:
    """Drop kept marks; paragraphs whose mark goes run on into the next paragraph.

    Done last and from the end backwards, so a chain of removed marks folds into the first
    surviving paragraph in order.
    """
    changed = False
    going: list[etree._Element] = []
    for mark in list(root.iter(*(merge_when | keep_when))):
        rpr = mark.getparent()
        ppr = rpr.getparent() if rpr is not None and rpr.tag == W.rPr else None
        p = ppr.getparent() if ppr is not None and ppr.tag == W.pPr else None
        if p is None or p.tag != W.p:
            continue
        if mark.tag in merge_when:
            if not going or going[-1] is not p:
                going.append(p)
        else:
            rpr.remove(mark)
            changed = True
    for p in reversed(going):
        _merge_into_next(p, merge_when)
        changed = True
    return changed


def _merge_into_next(p: etree._Element, marks: set[str]) -> None:
    rpr = p.find(f"{W.pPr}/{W.rPr}")
    if rpr is not None:
        for c in [c for c in rpr if c.tag in marks]:
            rpr.remove(c)
    content = [c for c in p if c.tag != W.pPr]
    parent = p.getparent()
    if parent is None:
        return
    nxt = p.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    has_section = p.find(f"{W.pPr}/{W.sectPr}") is not None
    if has_section:
        return  # a section break cannot fold into the next paragraph; keep the paragraph
    if nxt is not None and nxt.tag == W.p:
        ppr = nxt.find(W.pPr)
        idx = 1 if ppr is not None else 0
        for c in content:
            nxt.insert(idx, c)
            idx += 1
        drop_element(p)
        return
    if not _has_text_content(content):
        # Nothing to carry and nowhere to carry it: the paragraph goes, unless a cell or
        # another container would be left without the paragraph it must hold.
        siblings = [c for c in parent if c.tag == W.p]
        if len(siblings) > 1 or parent.tag not in (W.tc, qn("w:txbxContent"), qn("w:footnote"), qn("w:endnote"), qn("w:comment"), qn("w:hdr"), qn("w:ftr")):
            drop_element(p)
        else:
            for c in content:
                p.remove(c)


def _has_text_content(content: list[etree._Element]) -> bool:
    for c in content:
        for el in c.iter(W.t, W.tab, W.br, W.cr, qn("w:drawing"), qn("w:object"), qn("w:pict"), qn("w:sym")):
            return True
    return False

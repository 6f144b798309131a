"""Accepting or rejecting every tracked change of a .docx package, without Word.

Users want it on its own (`docgen accept`, `docgen reject`), and the redline's tests need it
as an oracle: accepting a redline must give the new version and rejecting it the old one.
The rules follow ECMA-376 Part 1 §17.13 (annotations):

* run content: `w:ins`/`w:moveTo` wrap added runs, `w:del`/`w:moveFrom` wrap removed ones;
* paragraph marks: a mark that was inserted (rejected) or deleted (accepted) disappears, so
  the paragraph's remaining content runs on into the next paragraph, which keeps its own
  properties, as Word does;
* table rows (`w:trPr/w:ins|w:del`) and cells (`w:cellIns`/`w:cellDel`) come and go whole;
* property changes (`w:pPrChange`, `w:rPrChange`, `w:tblPrChange`, ...) hold the old
  properties: accepting drops them, rejecting puts them back.
Move range markers and custom XML revision markers simply go.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Callable

from lxml import etree

from docgen.limits import Limits
from docgen.ooxml.ns import NS, WORD_DOC_REL, W, qn
from docgen.ooxml.package import Package, parse_xml
from docgen.zipdet import FIXED_DATE_TIME

_INS, _DEL = qn("w:ins"), qn("w:del")
_MOVE_FROM, _MOVE_TO = qn("w:moveFrom"), qn("w:moveTo")
_MARKER_PARENTS = {W.rPr, W.trPr, W.numPr}
_RANGE_MARKERS = {
    qn(f"w:{name}")
    for name in (
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
    )
}
# Property-change elements: (change element, the properties element it sits in, what the
# properties keep of their own when the old properties come back).
_PR_CHANGES = {
    qn("w:pPrChange"): {W.rPr, W.sectPr},
    qn("w:rPrChange"): {_INS, _DEL, _MOVE_FROM, _MOVE_TO},
    qn("w:sectPrChange"): {qn("w:headerReference"), qn("w:footerReference")},
    qn("w:tblPrChange"): set(),
    qn("w:trPrChange"): {_INS, _DEL},
    qn("w:tcPrChange"): {qn("w:cellIns"), qn("w:cellDel"), qn("w:cellMerge")},
    qn("w:tblGridChange"): set(),
    qn("w:tblPrExChange"): set(),
    qn("w:numberingChange"): set(),
}
# Where kept children go back relative to the restored ones (schema order).
_KEPT_FIRST = {qn("w:rPrChange"), qn("w:sectPrChange")}

# The parts whose XML may carry revisions: every story, plus styles and numbering, whose
# definitions can hold tracked property changes.
_STORY_TYPES = (
    "document.main+xml",
    "document.macroEnabled.main+xml",
    "template.main+xml",
    "template.macroEnabledTemplate.main+xml",
    "header+xml",
    "footer+xml",
    "footnotes+xml",
    "endnotes+xml",
    "comments+xml",
    "styles+xml",
    "numbering+xml",
)


# ----- whole packages -------------------------------------------------------------------


def accept_all(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Every tracked change accepted; parts without revisions come back byte-identical."""
    return _apply(parts, accept_tree)


def reject_all(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Every tracked change rejected; parts without revisions come back byte-identical."""
    return _apply(parts, reject_tree)


def _apply(parts: dict[str, bytes], fn: Callable[[etree._Element], bool]) -> dict[str, bytes]:
    limits = Limits.from_env()
    out = dict(parts)
    for name in revision_parts(parts):
        if not _may_hold_revisions(parts[name]):
            continue
        root = parse_xml(parts[name], name, limits)
        if fn(root):
            out[name] = serialise(root)
    return out


# Local names of every revision element; a part mentioning none of them is left unparsed.
_REVISION_NAMES = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(?:ins|del|moveFrom|moveTo|cellIns|cellDel|cellMerge|\w+PrChange|\w+PrExChange|tblGridChange"
    rb"|numberingChange|moveFromRange\w+|moveToRange\w+|customXml\w+Range\w+)[\s/>]"
)


def _may_hold_revisions(data: bytes) -> bool:
    return _REVISION_NAMES.search(data) is not None


def revision_parts(parts: dict[str, bytes]) -> list[str]:
    """Names of the parts that can hold tracked changes, from [Content_Types].xml."""
    names: list[str] = []
    ct = parts.get("[Content_Types].xml")
    if ct is not None:
        root = parse_xml(ct, "[Content_Types].xml", Limits.from_env())
        for ov in root.iter(f"{{{NS['ct']}}}Override"):
            name = (ov.get("PartName") or "").lstrip("/")
            kind = ov.get("ContentType") or ""
            if name in parts and kind.endswith(_STORY_TYPES):
                names.append(name)
    if not names:
        names = [n for n in parts if n.startswith("word/") and n.endswith(".xml") and "/_rels/" not in n]
    return sorted(set(names))


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def main_part(parts: dict[str, bytes]) -> str:
    """The main document part's name, from the package relationships."""
    rels = parts.get("_rels/.rels")
    if rels is not None:
        root = parse_xml(rels, "_rels/.rels", Limits.from_env())
        for rel in root.iter(f"{{{NS['rel']}}}Relationship"):
            if rel.get("Type") == WORD_DOC_REL:
                target = posixpath.normpath(rel.get("Target", "")).lstrip("/")
                if target in parts:
                    return target
    return "word/document.xml"


def read_parts(path: Path) -> dict[str, bytes]:
    """A package's parts (name -> bytes), read through the vetted Package reader."""
    with Package(path, kind="Word document (.docx)") as pkg:
        return {name: pkg.read(name) for name in sorted(pkg.names) if not name.endswith("/")}


def package_bytes(parts: dict[str, bytes]) -> bytes:
    """A deterministic .docx from parts: [Content_Types].xml first, then the parts by name."""
    order = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            zf.writestr(info, parts[name])
    return buf.getvalue()


# ----- one XML tree ---------------------------------------------------------------------


def accept_tree(root: etree._Element) -> bool:
    """Accept every revision under `root` in place; True when anything changed."""
    changed = False
    for el in _collect(root, {_DEL, _MOVE_FROM}):
        if _is_marker(el):
            continue
        _drop(el)
        changed = True
    for el in _collect(root, {_INS, _MOVE_TO}):
        if not _is_marker(el):
            _unwrap(el)
            changed = True
    changed |= _drop_range_markers(root)
    for el in _collect(root, set(_PR_CHANGES)):
        _drop(el)
        changed = True
    changed |= _rows(root, remove_when=_DEL, keep_when=_INS)
    changed |= _cells(root, remove_when=qn("w:cellDel"), keep_when=qn("w:cellIns"))
    changed |= _numbering_marks(root, remove_numpr_when=_DEL)
    changed |= _paragraph_marks(root, merge_when={_DEL, _MOVE_FROM}, keep_when={_INS, _MOVE_TO})
    return changed


def reject_tree(root: etree._Element) -> bool:
    """Reject every revision under `root` in place; True when anything changed."""
    changed = False
    for el in _collect(root, {_INS, _MOVE_TO}):
        if _is_marker(el):
            continue
        _drop(el)
        changed = True
    for el in _collect(root, {_DEL, _MOVE_FROM}):
        if _is_marker(el):
            continue
        for t in el.iter(W.delText, qn("w:delInstrText")):
            t.tag = W.t if t.tag == W.delText else W.instrText
        _unwrap(el)
        changed = True
    changed |= _drop_range_markers(root)
    for el in _collect(root, set(_PR_CHANGES)):
        _restore(el)
        changed = True
    changed |= _rows(root, remove_when=_INS, keep_when=_DEL)
    changed |= _cells(root, remove_when=qn("w:cellIns"), keep_when=qn("w:cellDel"))
    changed |= _numbering_marks(root, remove_numpr_when=_INS)
    changed |= _paragraph_marks(root, merge_when={_INS, _MOVE_TO}, keep_when={_DEL, _MOVE_FROM})
    return changed


def _collect(root: etree._Element, tags: set[str]) -> list[etree._Element]:
    return [el for el in root.iter(*tags)]


def _is_marker(el: etree._Element) -> bool:
    """w:ins/w:del as a mark on a paragraph mark, a row or a number, not a run container."""
    parent = el.getparent()
    return parent is not None and parent.tag in _MARKER_PARENTS


def _drop(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        _keep_tail(el)
        parent.remove(el)


def _keep_tail(el: etree._Element) -> None:
    """lxml removes an element's tail text with it; whitespace-only tails may go, others stay."""
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        parent = el.getparent()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        elif parent is not None:
            parent.text = (parent.text or "") + el.tail
    el.tail = None


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    idx = parent.index(el)
    for child in list(el):
        parent.insert(idx, child)
        idx += 1
    _keep_tail(el)
    parent.remove(el)


def _drop_range_markers(root: etree._Element) -> bool:
    found = _collect(root, _RANGE_MARKERS)
    for el in found:
        _drop(el)
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
    if change.tag == qn("w:pPrChange"):
        # pPr: the mark's rPr comes before sectPr, both after the base properties.
        ordered = restored + [c for c in kept if c.tag == W.rPr] + [c for c in kept if c.tag == W.sectPr]
    elif change.tag == qn("w:rPrChange"):
        ordered = kept + restored  # CT_ParaRPr: revision marks first
    for c in ordered:
        props.append(c)


def _rows(root: etree._Element, *, remove_when: str, keep_when: str) -> bool:
    changed = False
    for tr in list(root.iter(W.tr)):
        trpr = tr.find(W.trPr)
        if trpr is None:
            continue
        if trpr.find(remove_when) is not None:
            _drop(tr)
            changed = True
            continue
        for mark in trpr.findall(keep_when):
            trpr.remove(mark)
            changed = True
        if len(trpr) == 0:
            tr.remove(trpr)
    for tbl in list(root.iter(W.tbl)):
        if tbl.find(W.tr) is None:
            _drop(tbl)
            changed = True
    return changed


def _cells(root: etree._Element, *, remove_when: str, keep_when: str) -> bool:
    changed = False
    for tcpr in list(root.iter(W.tcPr)):
        tc = tcpr.getparent()
        if tcpr.find(remove_when) is not None and tc is not None:
            _drop(tc)
            changed = True
            continue
        for tag in (keep_when, qn("w:cellMerge")):
            for mark in tcpr.findall(tag):
                tcpr.remove(mark)
                changed = True
    return changed


def _numbering_marks(root: etree._Element, *, remove_numpr_when: str) -> bool:
    """The old numbering-change marks inside w:numPr: accept keeps the number, reject removes it."""
    changed = False
    for mark in [m for m in root.iter(_INS, _DEL) if m.getparent() is not None and m.getparent().tag == W.numPr]:
        numpr = mark.getparent()
        if numpr is None:
            continue  # its numPr already went with an earlier mark
        if mark.tag == remove_numpr_when:
            _drop(numpr)
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
        _drop(p)
        return
    if not _has_text_content(content):
        # Nothing to carry and nowhere to carry it: the paragraph goes, unless a cell or
        # another container would be left without the paragraph it must hold.
        siblings = [c for c in parent if c.tag == W.p]
        if len(siblings) > 1 or parent.tag not in (W.tc, qn("w:txbxContent"), qn("w:footnote"), qn("w:endnote"), qn("w:comment"), qn("w:hdr"), qn("w:ftr")):
            _drop(p)
        else:
            for c in content:
                p.remove(c)


def _has_text_content(content: list[etree._Element]) -> bool:
    for c in content:
        for el in c.iter(W.t, W.tab, W.br, W.cr, qn("w:drawing"), qn("w:object"), qn("w:pict"), qn("w:sym")):
            return True
    return False

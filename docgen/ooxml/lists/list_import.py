"""Lists as whole definitions: what a list draws, and carrying one from one numbering part
into another under fresh ids.

A paragraph's list is a `w:num` pointing at a `w:abstractNum` (ECMA-376 Part 1 §17.9); two
lists draw the same numbers when both definitions match, whatever their ids (`w:nsid` and
`w:tmpl` are Word's bookkeeping, not what it draws). A definition copied into another
package needs ids free there and a fresh `w:nsid`, or Word merges it with the list that
already has that nsid.
"""

from __future__ import annotations

from lxml import etree

from docgen.ooxml.element import Element, clone, insert_before
from docgen.ooxml.formatting import canonical
from docgen.ooxml.ns import NS, W, qn

_NSID, _TMPL = qn("w:nsid"), qn("w:tmpl")
_VAL = W.val


# A paragraph's own list (not its style's): the first w:numId of the first w:numPr of its
# first w:pPr (`w:pPr[1]` is the first w:pPr child, whatever comes before it).
_OWN_NUM_IDS = etree.XPath("//w:p/w:pPr[1]/w:numPr[1]/w:numId[1]", namespaces={"w": NS["w"]})


def paragraph_num_ids(root: Element) -> dict[Element, str | None]:
    """The numId each paragraph of `root`'s tree gives in its own properties, for all of them
    in one XPath pass (a paragraph not in the map gives none): the redline asks it of every
    aligned paragraph, where a walk of each paragraph's children cost twice as much."""
    return {num_id.getparent().getparent().getparent(): num_id.get(_VAL) for num_id in _OWN_NUM_IDS(root)}


def list_drawings(numbering: Element) -> dict[str, str]:
    """numId -> a canonical description of what it draws (its num and its abstractNum)."""
    abstracts = {}
    for a in numbering.iter(W.abstractNum):
        abstracts[a.get(W.abstractNumId)] = canonical(a, {_NSID, _TMPL})
    out = {}
    for n in numbering.iter(W.num):
        aid = n.find(W.abstractNumId)
        a = abstracts.get(aid.get(W.val) if aid is not None else None, "")
        out[n.get(W.numId)] = a + "|" + canonical(n, {W.abstractNumId})
    return out


def import_list(source: Element, target: Element, num_id: str) -> str | None:
    """Copy list `num_id` of numbering part `source` (its num and abstractNum) into `target`
    under fresh ids, placed where the schema wants them; its numId in `target`, or None when
    `source` has no such list."""
    num = next((n for n in source.iter(W.num) if n.get(W.numId) == num_id), None)
    if num is None:
        return None
    aid_el = num.find(W.abstractNumId)
    abstract = next((a for a in source.iter(W.abstractNum) if aid_el is not None and a.get(W.abstractNumId) == aid_el.get(W.val)), None)
    new_num_id = str(max([int(n.get(W.numId)) for n in target.iter(W.num) if (n.get(W.numId) or "").isdigit()] + [0]) + 1)
    new_aid = str(max([int(a.get(W.abstractNumId)) for a in target.iter(W.abstractNum) if (a.get(W.abstractNumId) or "").isdigit()] + [-1]) + 1)
    num_twin = clone(num)
    num_twin.set(W.numId, new_num_id)
    if abstract is not None:
        abs_twin = clone(abstract)
        abs_twin.set(W.abstractNumId, new_aid)
        num_twin.find(W.abstractNumId).set(W.val, new_aid)
        nsid = abs_twin.find(_NSID)
        if nsid is not None:
            nsid.set(W.val, f"{0x0D0C0000 + int(new_aid):08X}")
        anchor = list(target.iter(W.abstractNum))
        if anchor:
            anchor[-1].addnext(abs_twin)
        else:
            target.insert(0, abs_twin)
    nums = list(target.iter(W.num))
    if nums:
        nums[-1].addnext(num_twin)
    else:
        insert_before(target, num_twin, {qn("w:numIdMacAtCleanup")})
    return new_num_id

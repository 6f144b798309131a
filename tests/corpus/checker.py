"""An independent judge of tracked-change .docx files: accept-all, reject-all, and what a reader sees.

It shares no code with docgen on purpose (no `import docgen`): a redline checked by the walk that
wrote it would agree with itself whatever it got wrong. Everything here is read from the package
with zipfile and lxml, following ECMA-376 Part 1 directly:

- `accept_all` / `reject_all` resolve w:ins, w:del, w:moveFrom, w:moveTo (run containers, paragraph
  marks, table rows, math runs) and the property-change records (w:pPrChange, w:rPrChange, ...) in
  every WordprocessingML part of the package (body, headers, footers, notes, numbering, styles).
- `snapshot` reads what a reader of a clean document sees, story by story: the body (tables with
  their merged cells, nested tables), each header and footer by section and type, footnotes and
  endnotes in the order of their references, and each text box. Pictures read as the hash of their
  image bytes (resolved through the part's relationships), equations as a canonical form of their
  m: markup, SmartArt as its data part's text, list paragraphs as (numId, ilvl, rendered label)
  from numbering.xml with a small renderer of its own.
- `integrity` lists broken references: relationship ids that do not resolve, targets missing from
  the package, parts without a content type, note references without a note, unknown numIds, and
  text boxes whose mc:Choice and mc:Fallback say different things.

`check_redline` puts them together: the problems it returns are what a reviewer would be misled by.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
DSP = "http://schemas.microsoft.com/office/drawing/2008/diagram"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
_REVISION_CONTAINERS = ("ins", "del", "moveFrom", "moveTo")
_PROPERTY_HOLDERS = ("rPr", "pPr", "trPr", "tcPr")
# Change records and the properties element each one restores on reject.
_CHANGE_RECORDS = {
    "pPrChange": "pPr",
    "rPrChange": "rPr",
    "sectPrChange": "sectPr",
    "tblPrChange": "tblPr",
    "trPrChange": "trPr",
    "tcPrChange": "tcPr",
    "tblPrExChange": "tblPrEx",
    "tblGridChange": "tblGrid",
}
# Children of a properties element that the old copy in a change record never holds (CT_PPrBase
# has no rPr/sectPr; CT_SectPrBase no header/footer references): they survive a reject.
_KEPT_ON_RESTORE = {
    "pPr": ("rPr", "sectPr"),
    "sectPr": ("headerReference", "footerReference"),
    "rPr": _REVISION_CONTAINERS,
    "trPr": _REVISION_CONTAINERS,
    "tcPr": ("cellIns", "cellDel", "cellMerge"),
}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def ns(el: etree._Element) -> str:
    return etree.QName(el).namespace or "" if isinstance(el.tag, str) else ""


# --------------------------------------------------------------------------- the package
@dataclass
class Package:
    """The parts of a zip package by name (no leading slash), bytes as stored."""

    parts: dict[str, bytes]

    @classmethod
    def read(cls, data: bytes) -> "Package":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            if len(set(names)) != len(names):
                raise ValueError("the package has duplicate entries")
            return cls({n: z.read(n) for n in names if not n.endswith("/")})

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in self.parts.items():
                z.writestr(name, data)
        return buf.getvalue()

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.parts[name], _PARSER)

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """Relationship id -> (type, resolved target, external) for `part` ("" is the package)."""
        name = rels_name(part)
        if name not in self.parts:
            return {}
        out = {}
        for rel in self.xml(name).iter(f"{{{PKG_REL}}}Relationship"):
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target", "")
            out[rel.get("Id", "")] = (rel.get("Type", ""), target if external else resolve_target(part, target), external)
        return out

    def related(self, part: str, rel_type: str) -> list[str]:
        return [t for typ, t, ext in self.rels(part).values() if typ == REL_TYPE + rel_type and not ext]

    def main_part(self) -> str:
        for typ, target, _ in self.rels("").values():
            if typ.endswith("/officeDocument"):
                return target
        raise ValueError("the package has no officeDocument relationship")


def rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve_target(part: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target[1:])
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


# --------------------------------------------------------------------------- accept / reject
def accept_all(pkg: Package) -> Package:
    """The document as it reads when every tracked change is accepted."""
    return _resolve_package(pkg, keep_new=True)


def reject_all(pkg: Package) -> Package:
    """The document as it reads when every tracked change is rejected."""
    return _resolve_package(pkg, keep_new=False)


def _resolve_package(pkg: Package, keep_new: bool) -> Package:
    parts = dict(pkg.parts)
    for name, data in pkg.parts.items():
        if not name.endswith(".xml") or b"wordprocessingml/2006/main" not in data[:4096]:
            continue
        root = etree.fromstring(data, _PARSER)
        if ns(root) != W:
            continue
        resolve_revisions(root, keep_new)
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return Package(parts)


def resolve_revisions(root: etree._Element, keep_new: bool) -> None:
    """Accept (keep_new) or reject every revision under `root`, in place."""
    dropped = {"del", "moveFrom"} if keep_new else {"ins", "moveTo"}
    # Table rows and cells first: a dropped row takes its content with it.
    for tr in list(root.iter(w("tr"))):
        trpr = tr.find(w("trPr"))
        if trpr is not None and any(local(m) in dropped for m in trpr):
            _remove(tr)
    for tbl in list(root.iter(w("tbl"))):
        if _attached(tbl, root) and tbl.find(w("tr")) is None and not any(local(x) == "tr" for x in tbl.iter()):
            _remove(tbl)  # every row went: so does the table (a cell keeps its paragraph)
    for tc in list(root.iter(w("tc"))):
        tcpr = tc.find(w("tcPr"))
        if tcpr is None:
            continue
        if tcpr.find(w("cellDel" if keep_new else "cellIns")) is not None:
            _remove(tc)
    # Run-level containers: dropped with their content, or unwrapped.
    for el in list(root.iter(*(w(t) for t in _REVISION_CONTAINERS))):
        parent = el.getparent()
        if parent is None or not _attached(el, root) or local(parent) in _PROPERTY_HOLDERS:
            continue
        if local(el) in dropped:
            _remove(el)
        else:
            _unwrap(el)
    if not keep_new:
        for el in root.iter(w("delText"), w("delInstrText")):
            el.tag = w("t") if local(el) == "delText" else w("instrText")
    # Property changes: forgotten on accept, restored on reject.
    for record, holder in _CHANGE_RECORDS.items():
        for change in list(root.iter(w(record))):
            if not _attached(change, root):
                continue
            props = change.getparent()
            if not keep_new:
                _restore(props, change.find(w(holder)), _KEPT_ON_RESTORE.get(holder, ()))
            if change.getparent() is not None:
                change.getparent().remove(change)
    # Marks: paragraph marks join paragraphs, math runs go, row/cell marks are forgotten.
    for p in list(root.iter(w("p"))):
        if not _attached(p, root):
            continue
        marks = p.find(f"{w('pPr')}/{w('rPr')}")
        gone = marks is not None and any(local(m) in dropped for m in marks)
        if marks is not None:
            for m in [m for m in marks if local(m) in _REVISION_CONTAINERS]:
                marks.remove(m)
        if gone:
            _join_with_next(p)
    for rpr in list(root.iter(w("rPr"))):
        if not _attached(rpr, root):
            continue
        owner = rpr.getparent()
        flagged = [m for m in rpr if local(m) in _REVISION_CONTAINERS]
        if not flagged:
            continue
        if owner is not None and ns(owner) == M and local(owner) == "r" and any(local(m) in dropped for m in flagged):
            _remove(owner)
            continue
        for m in flagged:
            rpr.remove(m)
    for holder in ("trPr", "tcPr"):
        for props in root.iter(w(holder)):
            for m in [m for m in props if local(m) in (*_REVISION_CONTAINERS, "cellIns", "cellDel")]:
                props.remove(m)
    for el in list(root.iter(*(w(t) for t in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")))):
        _remove(el)


def _attached(el: etree._Element, root: etree._Element) -> bool:
    while el is not None:
        if el is root:
            return True
        el = el.getparent()
    return False


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    index = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(index, child)
    parent.remove(el)


def _restore(props: etree._Element, old: etree._Element | None, kept: tuple[str, ...]) -> None:
    survivors = [c for c in props if local(c) in kept]
    for c in list(props):
        props.remove(c)
    for c in list(old) if old is not None else []:
        props.append(c)
    for c in survivors:
        props.append(c)


def _join_with_next(p: etree._Element) -> None:
    """A removed paragraph mark: the paragraph's content runs on into the next paragraph.

    The joined paragraph keeps the next paragraph's properties (they live in its mark). With no
    next paragraph in the same container (a table follows, or the story ends) there is nothing to
    join: an emptied paragraph disappears, one with content stays.
    """
    nxt = p.getnext()
    while nxt is not None and not (local(nxt) == "p" and ns(nxt) == W):
        if local(nxt) in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "proofErr", "permStart", "permEnd"):
            nxt = nxt.getnext()
            continue
        nxt = None
    content = [c for c in p if local(c) != "pPr"]
    if nxt is None:
        if not any(_has_content(c) for c in content):
            _remove(p)
        return
    at = 1 if nxt.find(w("pPr")) is not None else 0
    for c in reversed(content):
        nxt.insert(at, c)
    _remove(p)


def _has_content(el: etree._Element) -> bool:
    for x in el.iter():
        name = local(x)
        if name in ("t", "delText", "tab", "br", "cr", "sym", "drawing", "pict", "object", "footnoteReference", "endnoteReference", "noBreakHyphen", "instrText"):
            return True
        if ns(x) == M and name in ("oMath", "oMathPara"):
            return True
    return False


# --------------------------------------------------------------------------- what a reader sees
@dataclass(frozen=True)
class Line:
    """One paragraph (or table structure line) of a story: its text and list label."""

    text: str
    label: str = ""
    num_id: str = ""
    ilvl: int | None = None


@dataclass
class Snapshot:
    """Every story of a document as lines, plus the references that did not resolve."""

    stories: dict[str, list[Line]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def snapshot(pkg: Package) -> Snapshot:
    return _Reader(pkg).read()


@dataclass
class _Ctx:
    part: str
    story: str


class _Reader:
    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.main = pkg.main_part()
        self.snap = Snapshot()
        self.numbering = _Numbering(pkg, self.main)
        self.notes: dict[str, list[tuple[str, str]]] = {"footnote": [], "endnote": []}
        self.textboxes = 0
        self.field_code: list[str] | None = None
        self.probing = 0

    def read(self) -> Snapshot:
        root = self.pkg.xml(self.main)
        body = root.find(w("body"))
        ctx = _Ctx(self.main, "body")
        self.snap.stories["body"] = self._blocks(body, ctx) if body is not None else []
        sections = [s for s in body.iter(w("sectPr"))] if body is not None else []
        rels = self.pkg.rels(self.main)
        for number, sect in enumerate(sections, 1):
            self.snap.stories[f"section {number} layout"] = [Line(_layout(sect))]
            for ref in sect:
                if local(ref) not in ("headerReference", "footerReference"):
                    continue
                kind = "header" if local(ref) == "headerReference" else "footer"
                rid = ref.get(f"{{{R}}}id")
                name = f"section {number} {kind} {ref.get(w('type'), 'default')}"
                if rid not in rels:
                    self.snap.problems.append(f"{name}: r:id {rid} does not resolve")
                    continue
                part = rels[rid][1]
                if part not in self.pkg.parts:
                    self.snap.problems.append(f"{name}: part {part} is missing")
                    continue
                self.snap.stories[name] = self._blocks(self.pkg.xml(part), _Ctx(part, name))
        for kind in ("footnote", "endnote"):
            self._notes(kind)
        return self.snap

    # ----- notes
    def _notes(self, kind: str) -> None:
        refs = self.notes[kind]
        if not refs:
            return
        parts = self.pkg.related(self.main, kind + "s")
        if not parts or parts[0] not in self.pkg.parts:
            self.snap.problems.append(f"{kind} references but no {kind}s part")
            return
        root = self.pkg.xml(parts[0])
        by_id = {n.get(w("id")): n for n in root if local(n) == kind}
        lines: list[Line] = []
        for number, (note_id, where) in enumerate(refs, 1):
            note = by_id.get(note_id)
            if note is None:
                self.snap.problems.append(f"{where}: {kind} reference {note_id} has no {kind}")
                continue
            for line in self._blocks(note, _Ctx(parts[0], f"{kind}s")):
                lines.append(Line(f"{kind} {number}: {line.text}", line.label, line.num_id, line.ilvl))
        self.snap.stories[f"{kind}s"] = lines

    # ----- blocks
    def _blocks(self, container: etree._Element, ctx: _Ctx) -> list[Line]:
        lines: list[Line] = []
        for el in container:
            name = local(el)
            if ns(el) != W:
                continue
            if name == "p":
                line = self._paragraph(el, ctx)
                if line.text or line.ilvl is not None:
                    lines.append(line)
            elif name == "tbl":
                lines.extend(self._table(el, ctx))
            elif name == "sdt":
                content = el.find(w("sdtContent"))
                if content is not None:
                    lines.extend(self._blocks(content, ctx))
            elif name in ("customXml", "ins", "del", "moveTo", "moveFrom", "sdtContent"):
                lines.extend(self._blocks(el, ctx))
        return lines

    def _table(self, tbl: etree._Element, ctx: _Ctx) -> list[Line]:
        lines = [Line("<table>")]
        for tr in tbl.iter(w("tr")):
            if tr.getparent() is not tbl and local(tr.getparent()) not in ("sdtContent", "customXml"):
                continue
            lines.append(Line("<row>"))
            for tc in tr:
                if local(tc) != "tc":
                    continue
                tcpr = tc.find(w("tcPr"))
                attrs = []
                if tcpr is not None:
                    span = tcpr.find(w("gridSpan"))
                    if span is not None and span.get(w("val"), "1") != "1":
                        attrs.append(f"span={span.get(w('val'))}")
                    vmerge = tcpr.find(w("vMerge"))
                    if vmerge is not None:
                        attrs.append(f"vmerge={vmerge.get(w('val'), 'continue')}")
                lines.append(Line("<cell" + "".join(" " + a for a in attrs) + ">"))
                lines.extend(self._blocks(tc, ctx))
        lines.append(Line("</table>"))
        return lines

    # ----- paragraphs
    def _paragraph(self, p: etree._Element, ctx: _Ctx) -> Line:
        self.field_code = None
        pieces: list[str] = []
        for child in p:
            if local(child) != "pPr":
                self._inline(child, ctx, pieces)
        text = "".join(pieces)
        numbered = None if self.probing else self.numbering.label(p.find(w("pPr")))
        if numbered is None:
            return Line(text)
        num_id, ilvl, label = numbered
        return Line(text, label, num_id, ilvl)

    def _inline(self, el: etree._Element, ctx: _Ctx, out: list[str]) -> None:
        name, space = local(el), ns(el)
        if space == M and name in ("oMath", "oMathPara"):
            out.append(f"[math {canonical_math(el)}]")
            return
        if space == MC and name == "AlternateContent":
            self._alternate(el, ctx, out)
            return
        if space != W:
            return
        if name == "r":
            for item in el:
                self._run_item(item, ctx, out)
        elif name == "fldSimple":
            out.append(f"{{{_squash(el.get(w('instr'), ''))}}}")
            for child in el:
                self._inline(child, ctx, out)
        elif name in ("hyperlink", "smartTag", "customXml", "ins", "del", "moveTo", "moveFrom", "dir", "bdo"):
            for child in el:
                self._inline(child, ctx, out)
        elif name == "sdt":
            content = el.find(w("sdtContent"))
            if content is not None:
                for child in content:
                    self._inline(child, ctx, out)

    def _run_item(self, item: etree._Element, ctx: _Ctx, out: list[str]) -> None:
        name, space = local(item), ns(item)
        if space == MC and name == "AlternateContent":
            self._alternate(item, ctx, out)
            return
        if space != W:
            return
        if name in ("t", "delText"):
            if self.field_code is not None:
                return
            out.append(item.text or "")
        elif name in ("tab", "ptab"):
            out.append("\t")
        elif name in ("br", "cr"):
            out.append("[page]" if item.get(w("type")) == "page" else "\n")
        elif name == "noBreakHyphen":
            out.append("\u2011")
        elif name == "softHyphen":
            out.append("\u00ad")
        elif name == "sym":
            out.append(f"[sym {item.get(w('font'), '')} {item.get(w('char'), '').upper()}]")
        elif name in ("footnoteReference", "endnoteReference"):
            kind = name[: -len("Reference")]
            if self.probing:
                out.append(f"[{kind}]")
                return
            self.notes[kind].append((item.get(w("id"), ""), ctx.story))
            out.append(f"[{kind} {len(self.notes[kind])}]")
        elif name == "fldChar":
            kind = item.get(w("fldCharType"))
            if kind == "begin":
                self.field_code = []
            elif kind in ("separate", "end") and self.field_code is not None:
                out.append(f"{{{_squash(''.join(self.field_code))}}}")
                self.field_code = None
        elif name in ("instrText", "delInstrText"):
            if self.field_code is not None:
                self.field_code.append(item.text or "")
        elif name in ("drawing", "pict", "object"):
            self._graphic(item, ctx, out)

    def _alternate(self, el: etree._Element, ctx: _Ctx, out: list[str]) -> None:
        """mc:AlternateContent: read the first Choice, and check the Fallback says the same."""
        choice = el.find(f"{{{MC}}}Choice")
        fallback = el.find(f"{{{MC}}}Fallback")
        chosen = choice if choice is not None else fallback
        if chosen is None:
            return
        for child in chosen:
            if ns(child) == W and local(child) in ("drawing", "pict", "object"):
                self._graphic(child, ctx, out)
            else:
                self._run_item(child, ctx, out)
        if choice is not None and fallback is not None:
            choice_text = [self._box_text(b, ctx) for b in _text_boxes(choice)]
            fallback_text = [self._box_text(b, ctx) for b in _text_boxes(fallback)]
            if choice_text != fallback_text:
                self.snap.problems.append(
                    f"{ctx.story}: a text box's mc:Choice reads {choice_text!r} but its mc:Fallback {fallback_text!r}"
                )

    def _box_text(self, box: etree._Element, ctx: _Ctx) -> str:
        """A text box's text for the Choice/Fallback comparison, read without counting anything
        (list counters, note references, story numbers) a second time."""
        self.probing += 1
        try:
            return " / ".join(line.text for line in self._blocks(box, _Ctx(ctx.part, "probe")))
        finally:
            self.probing -= 1

    def _graphic(self, el: etree._Element, ctx: _Ctx, out: list[str]) -> None:
        boxes = _text_boxes(el)
        if boxes and self.probing:
            out.append("[textbox]" * len(boxes))
        elif boxes:
            for box in boxes:
                self.textboxes += 1
                name = f"textbox {self.textboxes}"
                out.append(f"[{name}]")
                self.snap.stories[name] = self._blocks(box, _Ctx(ctx.part, name))
        rels = self.pkg.rels(ctx.part)
        for blip in el.iter(f"{{{A}}}blip", f"{{{V}}}imagedata"):
            rid = blip.get(f"{{{R}}}embed") or blip.get(f"{{{R}}}id") or blip.get(f"{{{R}}}link")
            out.append(f"[picture {self._hash_target(rels, rid, ctx)}]")
        for chart in el.iter(f"{{{CHART}}}chart"):
            out.append(f"[chart {self._hash_target(rels, chart.get(f'{{{R}}}id'), ctx)}]")
        for dgm in el.iter(f"{{{DGM}}}relIds"):
            rid = dgm.get(f"{{{R}}}dm")
            target = rels.get(rid or "")
            if target is None or target[1] not in self.pkg.parts:
                self.snap.problems.append(f"{ctx.story}: SmartArt data r:dm={rid} does not resolve")
                out.append("[smartart ?]")
                continue
            words = [t.text or "" for t in self.pkg.xml(target[1]).iter(f"{{{A}}}t")]
            out.append(f"[smartart {' | '.join(words)}]")
        if ns(el) == W and local(el) == "drawing" and not boxes and not any(
            True for _ in el.iter(f"{{{A}}}blip", f"{{{CHART}}}chart", f"{{{DGM}}}relIds")
        ):
            out.append("[shape]")

    def _hash_target(self, rels: dict, rid: str | None, ctx: _Ctx) -> str:
        target = rels.get(rid or "")
        if target is None:
            self.snap.problems.append(f"{ctx.story}: picture r:id {rid} does not resolve in {ctx.part}")
            return "?"
        if target[2]:
            return f"external {target[1]}"
        data = self.pkg.parts.get(target[1])
        if data is None:
            self.snap.problems.append(f"{ctx.story}: {target[1]} is missing from the package")
            return "?"
        return hashlib.sha256(data).hexdigest()[:12]


def _layout(sect: etree._Element) -> str:
    """A section's page set-up as one comparable line: its properties, sorted, without the
    header and footer references (compared as stories) and any change record."""
    props = []
    for child in sect:
        if not isinstance(child.tag, str) or local(child) in ("headerReference", "footerReference", "sectPrChange"):
            continue
        attrs = " ".join(f"{etree.QName(k).localname}={v}" for k, v in sorted(child.attrib.items()))
        props.append(f"{local(child)}({attrs})")
    return "layout: " + "; ".join(sorted(props))


def _text_boxes(el: etree._Element) -> list[etree._Element]:
    """The w:txbxContent of text boxes directly in `el` (not those inside another text box's content)."""
    found = []
    for box in el.iter(w("txbxContent")):
        outer = box.getparent()
        nested = False
        while outer is not None and outer is not el:
            if local(outer) == "txbxContent":
                nested = True
                break
            outer = outer.getparent()
        if not nested:
            found.append(box)
    return found


def _squash(code: str) -> str:
    return " ".join(code.split())


def canonical_math(el: etree._Element) -> str:
    """An equation as structure and characters only: m: elements with their m:val settings and
    the text of m:t, everything else (w:rPr fonts, revision ids) left out."""
    if ns(el) != M:
        return ""
    name = local(el)
    if name == "t":
        return repr(el.text or "")
    if name in ("rPr", "ctrlPr"):
        return ""
    val = el.get(f"{{{M}}}val")
    inner = "".join(canonical_math(c) for c in el if isinstance(c.tag, str))
    head = f"{name}={val}" if val is not None else name
    return f"{head}({inner})" if inner else head


# --------------------------------------------------------------------------- numbering
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def render_number(value: int, fmt: str) -> str:
    """A list counter in one of the formats SEC documents use (ECMA-376 17.18.59)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        out, n = "", value
        for size, letters in _ROMAN:
            while n >= size:
                out += letters
                n -= size
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False


class _Numbering:
    """numbering.xml and the styles that carry numPr, with counters as Word keeps them."""

    def __init__(self, pkg: Package, main: str):
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.styles: dict[str, tuple[str | None, str | None, int | None]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.known_num_ids: set[str] = set()
        numbering = pkg.related(main, "numbering")
        style_links: dict[str, str] = {}
        if numbering and numbering[0] in pkg.parts:
            root = pkg.xml(numbering[0])
            for an in root.findall(w("abstractNum")):
                levels = {}
                for lvl in an.findall(w("lvl")):
                    levels[int(lvl.get(w("ilvl"), "0"))] = self._level(lvl)
                aid = an.get(w("abstractNumId"), "")
                self.abstracts[aid] = levels
                link = an.find(w("numStyleLink"))
                if link is not None:
                    style_links[aid] = link.get(w("val"), "")
            for num in root.findall(w("num")):
                nid = num.get(w("numId"), "")
                ref = num.find(w("abstractNumId"))
                overrides = {}
                for ov in num.findall(w("lvlOverride")):
                    start = ov.find(w("startOverride"))
                    if start is not None:
                        overrides[int(ov.get(w("ilvl"), "0"))] = int(start.get(w("val"), "0"))
                self.nums[nid] = (ref.get(w("val"), "") if ref is not None else "", overrides)
        styles = pkg.related(main, "styles")
        if styles and styles[0] in pkg.parts:
            for st in pkg.xml(styles[0]).findall(w("style")):
                based = st.find(w("basedOn"))
                numpr = st.find(f"{w('pPr')}/{w('numPr')}")
                nid = ilvl = None
                if numpr is not None:
                    n, i = numpr.find(w("numId")), numpr.find(w("ilvl"))
                    nid = n.get(w("val")) if n is not None else None
                    ilvl = int(i.get(w("val"), "0")) if i is not None else None
                self.styles[st.get(w("styleId"), "")] = (based.get(w("val")) if based is not None else None, nid, ilvl)
        # numStyleLink: the abstractNum borrows the levels of the one its numbering style uses.
        for aid, style in style_links.items():
            _, nid, _ = self._style_numpr(style)
            if nid in self.nums and self.nums[nid][0] in self.abstracts and self.nums[nid][0] != aid:
                self.abstracts[aid] = self.abstracts[self.nums[nid][0]]

    @staticmethod
    def _level(lvl: etree._Element) -> _Level:
        def val(tag: str, default: str) -> str:
            el = lvl.find(w(tag))
            return el.get(w("val"), default) if el is not None else default

        return _Level(val("numFmt", "decimal"), val("lvlText", ""), int(val("start", "0")), lvl.find(w("isLgl")) is not None)

    def _style_numpr(self, style: str | None) -> tuple[str | None, str | None, int | None]:
        seen = set()
        nid = ilvl = None
        while style and style not in seen and style in self.styles:
            seen.add(style)
            based, snid, silvl = self.styles[style]
            nid = nid if nid is not None else snid
            ilvl = ilvl if ilvl is not None else silvl
            style = based
        return None, nid, ilvl

    def label(self, ppr: etree._Element | None) -> tuple[str, int, str] | None:
        style = None
        nid: str | None = None
        ilvl: int | None = None
        if ppr is not None:
            ps = ppr.find(w("pStyle"))
            style = ps.get(w("val")) if ps is not None else None
            numpr = ppr.find(w("numPr"))
            if numpr is not None:
                n, i = numpr.find(w("numId")), numpr.find(w("ilvl"))
                nid = n.get(w("val")) if n is not None else None
                ilvl = int(i.get(w("val"), "0")) if i is not None else None
        _, snid, silvl = self._style_numpr(style)
        nid = nid if nid is not None else snid
        ilvl = ilvl if ilvl is not None else (silvl or 0)
        if nid is None or nid == "0":
            return None
        if nid not in self.nums:
            return (nid, ilvl, f"?unknown numId {nid}")
        aid, overrides = self.nums[nid]
        levels = self.abstracts.get(aid, {})
        if ilvl not in levels:
            return (nid, ilvl, f"?no level {ilvl}")
        counters = self.counters.setdefault(aid, [None] * 9)
        if nid not in self.started:
            self.started.add(nid)
            for lvl_no, start in overrides.items():
                if 0 <= lvl_no < 9:
                    counters[lvl_no] = start - 1
        current = counters[ilvl]
        counters[ilvl] = levels[ilvl].start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        level = levels[ilvl]
        if level.fmt == "bullet":
            return (nid, ilvl, level.text)

        def number(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            lv = levels.get(k, _Level())
            value = counters[k] if counters[k] is not None else lv.start
            fmt = "decimal" if level.legal and lv.fmt != "none" else lv.fmt
            return render_number(value, fmt)

        return (nid, ilvl, re.sub(r"%([1-9])", number, level.text))


# --------------------------------------------------------------------------- integrity
def integrity(pkg: Package) -> list[str]:
    """Broken references anywhere in the package (each one a place a reader hits an error)."""
    problems = []
    types = pkg.xml("[Content_Types].xml") if "[Content_Types].xml" in pkg.parts else None
    defaults, overrides = set(), set()
    if types is None:
        problems.append("[Content_Types].xml is missing")
    else:
        for d in types.iter(f"{{{CT}}}Default"):
            defaults.add(d.get("Extension", "").lower())
        for o in types.iter(f"{{{CT}}}Override"):
            part = o.get("PartName", "").lstrip("/")
            overrides.add(part)
            if part not in pkg.parts:
                problems.append(f"[Content_Types].xml names {part}, which is not in the package")
    for name, data in pkg.parts.items():
        if name == "[Content_Types].xml":
            continue
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if types is not None and name not in overrides and ext not in defaults:
            problems.append(f"{name} has no content type")
        if name.endswith(".rels"):
            continue
        if not (name.endswith(".xml") or name.endswith(".vml")):
            continue
        rels = pkg.rels(name)
        for rid, (_, target, external) in rels.items():
            if not external and target not in pkg.parts:
                problems.append(f"{name}: relationship {rid} points to {target}, which is missing")
        root = etree.fromstring(data, _PARSER)
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr, value in el.attrib.items():
                if attr.startswith(f"{{{R}}}") and value and value not in rels:
                    problems.append(f"{name}: <{local(el)} r:{attr.split('}')[1]}={value!r}> does not resolve")
            if ns(el) == DGM and local(el) == "relIds":
                problems.extend(_diagram_drawing(pkg, name, rels, el))
    main = pkg.main_part()
    if main in pkg.parts:
        known = _Numbering(pkg, main).nums
        for numid in pkg.xml(main).iter(w("numId")):
            value = numid.get(w("val"))
            if value not in (None, "0") and value not in known:
                problems.append(f"{main}: numId {value} is not defined in numbering.xml")
    return problems


def _diagram_drawing(pkg: Package, name: str, rels: dict, relids: etree._Element) -> list[str]:
    """SmartArt's pre-drawn shapes: the data part names them by a plain relId attribute that
    resolves in the relationships of the part holding the diagram (Word's 2008 extension)."""
    data = rels.get(relids.get(f"{{{R}}}dm", ""))
    if data is None or data[1] not in pkg.parts:
        return []
    out = []
    for ext in pkg.xml(data[1]).iter(f"{{{DSP}}}dataModelExt"):
        rid = ext.get("relId")
        if rid and rid not in rels:
            out.append(f"{name}: SmartArt data {data[1]} names drawing relId {rid!r}, which does not resolve in {name}")
        elif rid and not rels[rid][2] and rels[rid][1] not in pkg.parts:
            out.append(f"{name}: SmartArt drawing {rels[rid][1]} is missing")
    return out


# --------------------------------------------------------------------------- the verdict
def compare_snapshots(actual: Snapshot, expected: Snapshot, what: str) -> list[str]:
    """Story-by-story differences, each a readable diff; list numIds are compared up to renaming
    (a redline may give OLD's list a new id) but labels, levels and list membership exactly."""
    problems = []
    names = sorted(set(actual.stories) | set(expected.stories))
    id_map: dict[str, str] = {}
    reverse: dict[str, str] = {}
    for name in names:
        got = actual.stories.get(name, [])
        want = expected.stories.get(name, [])
        got_show = [_show_without_id(line) for line in got]
        want_show = [_show_without_id(line) for line in want]
        if got_show != want_show:
            diff = "\n".join(difflib.unified_diff(want_show, got_show, f"{what}: expected", f"{what}: got", lineterm="", n=1))
            problems.append(f"{what}, {name}:\n{diff}")
            continue
        for g, e in zip(got, want):
            if g.ilvl is None:
                continue
            if id_map.setdefault(e.num_id, g.num_id) != g.num_id or reverse.setdefault(g.num_id, e.num_id) != e.num_id:
                problems.append(f"{what}, {name}: {g.text[:40]!r} is in list {g.num_id}, which does not match the lists of the expected document")
    return problems


def _show_without_id(line: Line) -> str:
    if line.ilvl is None:
        return line.text
    return f"[level {line.ilvl} {line.label!r}] {line.text}"


@dataclass
class Report:
    accept: list[str]
    reject: list[str]
    integrity: list[str]

    def all(self) -> list[str]:
        return self.accept + self.reject + self.integrity


def check_redline(redline: bytes, old: bytes, new: bytes) -> Report:
    """What is wrong with `redline` as a tracked-change comparison of `old` and `new`."""
    red = Package.read(redline)
    accepted, rejected = accept_all(red), reject_all(red)
    snap_new, snap_old = snapshot(Package.read(new)), snapshot(Package.read(old))
    snap_acc, snap_rej = snapshot(accepted), snapshot(rejected)
    broken = [f"redline: {p}" for p in integrity(red)]
    broken += [f"accepted: {p}" for p in snap_acc.problems if p not in snap_new.problems]
    broken += [f"rejected: {p}" for p in snap_rej.problems if p not in snap_old.problems]
    return Report(
        accept=compare_snapshots(snap_acc, snap_new, "accept-all vs NEW"),
        reject=compare_snapshots(snap_rej, snap_old, "reject-all vs OLD"),
        integrity=broken,
    )

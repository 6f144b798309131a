"""An Office package as a name -> bytes map: content types, relationships, parts added with
everything they need, and a reproducible zip.

Every command that edits a package (accept/reject, renumber, the redline) works on such a
map: parts it does not change are kept byte for byte, which is what keeps Word's and Excel's
own formatting, themes and settings intact. This module is the one place that knows the Open
Packaging Conventions (ECMA-376 Part 2): `[Content_Types].xml` with its `Default` (by
extension) and `Override` (by part name) rules, `_rels/*.rels` files and how their targets
resolve, and how a part is carried from one package into another together with the parts it
refers to (a chart's embedded workbook, a SmartArt diagram's layout, colours and drawing).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, MutableMapping

from lxml import etree

from docgen.limits import Limits
from docgen.ooxml.ns import DOCUMENT_MAIN_CT, NS, OTHER_MAIN_CTS, VBA_PROJECT_REL, WORD_DOC_REL
from docgen.ooxml.package import Package, parse_xml

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
WORD_MAIN = "word/document.xml"  # where Word puts the main part when nothing says otherwise
FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)
_CT = NS["ct"]
_REL = NS["rel"]
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


# ----- reading and writing whole packages ---------------------------------------------------


def read_parts(path: str | Path, *, kind: str = "Word document (.docx)", limits: Limits | None = None) -> dict[str, bytes]:
    """Every file entry of a package, through the vetted reader (zip bombs, unsafe names...)."""
    with Package(Path(path), limits, kind=kind) as pkg:
        return {name: pkg.read(name) for name in sorted(pkg.names) if not name.endswith("/")}


def package_bytes(parts: Mapping[str, bytes], date_time: tuple[int, int, int, int, int, int] = FIXED_DATE_TIME) -> bytes:
    """The package zipped reproducibly: content types first and package relationships second
    (as Office writes them), then the parts by name; fixed times and attributes. Parts typed
    only by a Default whose extension differs in case are given an Override (`exact_types`),
    and a document saved with macros or as a template becomes a plain .docx (`plain_document`)."""
    parts = exact_types(plain_document(parts))
    order = sorted(parts, key=lambda n: (n != CONTENT_TYPES, n != PACKAGE_RELS, n))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in order:
            zf.writestr(_entry(name, date_time), parts[name])
    return buf.getvalue()


def normalise_zip(data: bytes, date_time: tuple[int, int, int, int, int, int] = FIXED_DATE_TIME) -> bytes:
    """Rewrite a zip with fixed entry times and attributes, keeping entry order and content.

    Entries are recompressed with DEFLATE at the default level; directories (names ending
    in "/") are kept as stored empty entries.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = _entry(item.filename, date_time)
            if item.filename.endswith("/"):
                info.compress_type = zipfile.ZIP_STORED
                dst.writestr(info, b"")
            else:
                dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def _entry(name: str, date_time: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    return info


def serialise(root: etree._Element) -> bytes:
    """A part as Office writes it: UTF-8 with the standalone declaration."""
    return _DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


def xml_part(parts: Mapping[str, bytes], name: str, source: str, limits: Limits | None = None) -> etree._Element:
    """One part parsed with the safe parser; `source` names the file in error messages."""
    return parse_xml(parts[name], f"{source} [{name}]", limits or Limits.from_env())


# ----- names ----------------------------------------------------------------------------------


def rels_name(part: str) -> str:
    """`word/document.xml` -> `word/_rels/document.xml.rels`; "" (the package) -> `_rels/.rels`."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source_part: str, target: str) -> str:
    """A relationship target as a part name, resolved against the folder of its source part."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    folder = posixpath.dirname(source_part)
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")


def relative(source_part: str, name: str) -> str:
    """A part name as a target relative to its source part's folder (how Office writes them)."""
    return posixpath.relpath(name, posixpath.dirname(source_part) or ".")


# ----- content types --------------------------------------------------------------------------


@dataclass
class ContentTypes:
    """`[Content_Types].xml`: Override by part name, else Default by extension."""

    root: etree._Element
    changed: bool = False

    @classmethod
    def of(cls, parts: Mapping[str, bytes], limits: Limits | None = None) -> "ContentTypes":
        data = parts.get(CONTENT_TYPES)
        if data is None:
            return cls(etree.Element(f"{{{_CT}}}Types", nsmap={None: _CT}), changed=True)
        return cls(parse_xml(data, CONTENT_TYPES, limits or Limits.from_env()))

    def defaults(self) -> dict[str, str]:
        return {(d.get("Extension") or "").lower(): d.get("ContentType") or "" for d in self.root.iter(f"{{{_CT}}}Default")}

    def of_part(self, name: str) -> str | None:
        """The content type a consumer gives `name`: its Override, else its extension's Default."""
        for o in self.root.iter(f"{{{_CT}}}Override"):
            if (o.get("PartName") or "").lstrip("/").lower() == name.lower():
                return o.get("ContentType")
        ext = posixpath.splitext(name)[1].lstrip(".").lower()
        return self.defaults().get(ext)

    def declare(self, name: str, content_type: str) -> None:
        """Make `name` read as `content_type`: nothing when it already does, a Default for a
        new extension (images), an Override otherwise."""
        if self.of_part(name) == content_type:
            return
        ext = posixpath.splitext(name)[1].lstrip(".").lower()
        if ext and ext not in self.defaults() and not content_type.endswith("xml"):
            el = etree.Element(f"{{{_CT}}}Default")
            el.set("Extension", ext)
            el.set("ContentType", content_type)
            self.root.insert(0, el)
        else:
            el = etree.SubElement(self.root, f"{{{_CT}}}Override")
            el.set("PartName", "/" + name)
            el.set("ContentType", content_type)
        self.changed = True

    def names_of_type(self, parts: Mapping[str, bytes], suffixes: tuple[str, ...]) -> list[str]:
        """Parts (present in `parts`) whose content type ends with one of `suffixes`."""
        return sorted(n for n in parts if (self.of_part(n) or "").endswith(suffixes))

    def write(self, parts: MutableMapping[str, bytes]) -> None:
        if self.changed:
            parts[CONTENT_TYPES] = serialise(self.root)


def exact_types(parts: Mapping[str, bytes]) -> Mapping[str, bytes]:
    """`parts` with an Override for every part whose content type comes from a Default rule
    that matches its extension only when case is ignored (`Extension="XML"` for
    word/document.xml, as .NET packaging can write). The Open Packaging Conventions match
    extensions without regard to case and Word opens such a file, but LibreOffice matches
    them exactly and cannot load it, so a redline of it could not be printed or opened
    there. Packages that spell their extensions alike come back as they were, unparsed."""
    data = parts.get(CONTENT_TYPES)
    if data is None or b"Default" not in data:
        return parts
    types = ContentTypes.of(parts)
    exact = {d.get("Extension") or "": d.get("ContentType") or "" for d in types.root.iter(f"{{{_CT}}}Default")}
    if all(ext == ext.lower() for ext in exact) and all(posixpath.splitext(n)[1] == posixpath.splitext(n)[1].lower() for n in parts):
        return parts  # every extension in lower case: exact and case-blind matching agree
    overridden = {(o.get("PartName") or "").lstrip("/").lower() for o in types.root.iter(f"{{{_CT}}}Override")}
    for name in sorted(parts):
        ext = posixpath.splitext(name)[1].lstrip(".")
        if name == CONTENT_TYPES or name.endswith("/") or not ext or ext in exact or name.lower() in overridden:
            continue
        content_type = types.defaults().get(ext.lower())
        if content_type is not None:
            el = etree.SubElement(types.root, f"{{{_CT}}}Override")
            el.set("PartName", "/" + name)
            el.set("ContentType", content_type)
            types.changed = True
    if not types.changed:
        return parts
    out = dict(parts)
    types.write(out)
    return out


def plain_document(parts: Mapping[str, bytes]) -> Mapping[str, bytes]:
    """`parts` as a .docx: a main part typed as a macro-enabled document or a template (the
    NEW of a redline saved as .docm or .dotx) is typed as a document, and the macros go with
    their parts. Every Word output of docgen is named .docx, and Word refuses to open a .docx
    whose main part says otherwise. Other packages come back as they were, unparsed."""
    data = parts.get(CONTENT_TYPES)
    if data is None or not any(ct.encode() in data for ct in OTHER_MAIN_CTS):
        return parts
    main = find_main_part(parts)
    types = ContentTypes.of(parts)
    if main is None or types.of_part(main) not in OTHER_MAIN_CTS:
        return parts
    out = dict(parts)
    rels = Relationships.of(out, main)
    dropped: list[str] = []
    for el in list(rels.root):
        target = el.get("Target") or ""
        if el.get("Type") == VBA_PROJECT_REL and target and el.get("TargetMode") != "External":
            dropped.append(resolve(main, target))
            rels.root.remove(el)
            rels.changed = True
    while dropped:  # the macros' own parts (vbaData.xml) go with them
        name = dropped.pop()
        if out.pop(name, None) is not None and rels_name(name) in out:
            dropped.extend(r.part for r in Relationships.of(out, name).all() if r.part)
            del out[rels_name(name)]
    rels.write(out)
    for o in list(types.root.iter(f"{{{_CT}}}Override")):
        name = (o.get("PartName") or "").lstrip("/")
        if name.lower() == main.lower():
            o.set("ContentType", DOCUMENT_MAIN_CT)
        elif name not in out:
            types.root.remove(o)
    types.changed = True
    types.declare(main, DOCUMENT_MAIN_CT)  # typed by a Default: an Override of its own
    types.write(out)
    return out


# ----- relationships --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str  # as written
    external: bool
    part: str | None  # the resolved part name for internal targets


@dataclass
class Relationships:
    """The relationships of one source part (or of the package, for source ""), editable."""

    source: str
    root: etree._Element
    changed: bool = False

    @classmethod
    def of(cls, parts: Mapping[str, bytes], source: str, limits: Limits | None = None, *, file: str = "") -> "Relationships":
        """`file` names the package in an error about a malformed relationships part."""
        data = parts.get(rels_name(source))
        if data is None:
            return cls(source, etree.Element(f"{{{_REL}}}Relationships", nsmap={None: _REL}))
        where = f"{file} [{rels_name(source)}]" if file else rels_name(source)
        return cls(source, parse_xml(data, where, limits or Limits.from_env()))

    def all(self) -> list[Rel]:
        out = []
        for r in self.root.iter(f"{{{_REL}}}Relationship"):
            external = r.get("TargetMode") == "External"
            target = r.get("Target") or ""
            out.append(Rel(r.get("Id") or "", r.get("Type") or "", target, external, None if external or not target else resolve(self.source, target)))
        return out

    def by_id(self) -> dict[str, Rel]:
        return {r.id: r for r in self.all()}

    def add(self, type_: str, target: str, external: bool = False, *, wanted_id: str | None = None) -> str:
        """The id of a relationship of this type and target, added when there is none (as
        `wanted_id` when that id is free)."""
        for r in self.all():
            if r.type == type_ and r.target == target and r.external == external:
                return r.id
        ids = {r.id for r in self.all()}
        n = len(ids) + 1
        while f"rIdDocgen{n}" in ids:
            n += 1
        new_id = wanted_id if wanted_id and wanted_id not in ids else f"rIdDocgen{n}"
        el = etree.SubElement(self.root, f"{{{_REL}}}Relationship")
        el.set("Id", new_id)
        el.set("Type", type_)
        el.set("Target", target)
        if external:
            el.set("TargetMode", "External")
        self.changed = True
        return new_id

    def write(self, parts: MutableMapping[str, bytes]) -> None:
        if self.changed:
            parts[rels_name(self.source)] = serialise(self.root)


def find_main_part(parts: Mapping[str, bytes], limits: Limits | None = None, *, file: str = "") -> str | None:
    """The main document part as Word finds it: where the package relationships point
    (document-management systems rename it), else word/document.xml; None when neither is
    in the package (not a Word document). The one lookup: every reader and writer asks here
    (an open zip through `Package.parts()`)."""
    if PACKAGE_RELS in parts:
        for rel in Relationships.of(parts, "", limits, file=file).all():
            if rel.type == WORD_DOC_REL and rel.part in parts:
                return rel.part
    return WORD_MAIN if WORD_MAIN in parts else None


def main_part(parts: Mapping[str, bytes], limits: Limits | None = None) -> str:
    """`find_main_part` for a package already known to be a Word document."""
    return find_main_part(parts, limits) or WORD_MAIN


def related_part(parts: Mapping[str, bytes], part: str, kind: str, limits: Limits | None = None, *, file: str = "") -> str | None:
    """The part a relationship of type `.../kind` (numbering, styles, footnotes) points at."""
    if rels_name(part) not in parts:
        return None
    rel = next((r for r in Relationships.of(parts, part, limits, file=file).all() if r.type.rsplit("/", 1)[-1] == kind and not r.external), None)
    return rel.part if rel is not None and rel.part in parts else None


def part_relationships(parts: Mapping[str, bytes], part: str, limits: Limits | None = None) -> dict[str, str]:
    """Relationship id -> target part name for one part's internal relationships."""
    return {r.id: r.part for r in Relationships.of(parts, part, limits).all() if r.part is not None}


# ----- carrying parts from one package into another ------------------------------------------


@dataclass
class PartImporter:
    """Re-points relationship ids found in content copied from one part of a source package
    (OLD) at relationships of a part of the target package (NEW), copying every part they
    reach, with that part's own relationships, recursively: a SmartArt's data part brings its
    layout, style, colours and drawing; a chart brings its embedded workbook and colours.

    A part whose bytes already sit in the target under the same name is shared, not copied;
    a name clash gets a fresh name. The target's content types declare every copied part as
    the source declared it.
    """

    source: Mapping[str, bytes]
    target: MutableMapping[str, bytes]
    limits: Limits = field(default_factory=Limits.from_env)
    _types: ContentTypes | None = None
    _source_types: ContentTypes | None = None
    _rels: dict[str, Relationships] = field(default_factory=dict)
    _copied: dict[str, str] = field(default_factory=dict)  # source part -> target part

    def rels(self, part: str) -> Relationships:
        """The target package's (editable) relationships of `part`."""
        if part not in self._rels:
            self._rels[part] = Relationships.of(self.target, part, self.limits)
        return self._rels[part]

    def rel_id(self, source_part: str, old_id: str, target_part: str) -> str:
        """The id in `target_part`'s relationships standing for `old_id` of `source_part`."""
        rel = Relationships.of(self.source, source_part, self.limits).by_id().get(old_id) if rels_name(source_part) in self.source else None
        if rel is None:
            return old_id
        if rel.external:
            return self.rels(target_part).add(rel.type, rel.target, True)
        if rel.part is None or rel.part not in self.source:
            return old_id  # dangling in the source already; nothing better to point at
        name = self.import_part(rel.part, referrer=(source_part, target_part))
        return self.rels(target_part).add(rel.type, relative(target_part, name))

    def import_part(self, name: str, referrer: tuple[str, str] | None = None) -> str:
        """The target's name for the source part `name`, copied with its relationships.

        `referrer` is the (source, target) part whose content refers to it: a SmartArt data
        part names its drawing part by a relationship id *of the referring part*
        (`dsp:dataModelExt/@relId`), which is translated too.
        """
        if name in self._copied:
            return self._copied[name]
        data = self.source[name]
        if referrer is not None and b"relId=" in data and (self._source_type(name) or "").endswith("diagramData+xml"):
            data = self._diagram_data(data, name, referrer)
        new_name = name
        stem, ext = posixpath.splitext(name)
        n = 0
        while new_name in self.target and self.target[new_name] != data:
            n += 1
            new_name = f"{stem}-old{n}{ext}"
        self._copied[name] = new_name
        shared = new_name in self.target
        if not shared:
            self.target[new_name] = data
            self._declare(name, new_name)
        if rels_name(name) in self.source and not (shared and rels_name(new_name) in self.target):
            src_rels = Relationships.of(self.source, name, self.limits)
            out = self.rels(new_name)
            for r in src_rels.all():
                if r.external or r.part is None:
                    el = out.add(r.type, r.target, r.external)
                    _rename(out, el, r.id)
                    continue
                if r.part not in self.source:
                    continue
                el = out.add(r.type, relative(new_name, self.import_part(r.part)))
                _rename(out, el, r.id)
        return new_name

    def add_part(self, source_part: str, rel_type: str, name: str, data: bytes, content_type: str) -> str:
        """A new part of the target, related from `source_part`; its relationship id."""
        self.target[name] = data
        if self._types is None:
            self._types = ContentTypes.of(self.target, self.limits)
        self._types.declare(name, content_type)
        return self.rels(source_part).add(rel_type, relative(source_part, name))

    def _source_type(self, name: str) -> str | None:
        if self._source_types is None:
            self._source_types = ContentTypes.of(self.source, self.limits)
        return self._source_types.of_part(name)

    def _diagram_data(self, data: bytes, name: str, referrer: tuple[str, str]) -> bytes:
        root = parse_xml(data, name, self.limits)
        changed = False
        for el in root.iter():
            rid = el.get("relId") if isinstance(el.tag, str) else None
            if rid:
                el.set("relId", self.rel_id(referrer[0], rid, referrer[1]))
                changed = True
        return serialise(root) if changed else data

    def _declare(self, source_name: str, name: str) -> None:
        if self._source_types is None:
            self._source_types = ContentTypes.of(self.source, self.limits)
        if self._types is None:
            self._types = ContentTypes.of(self.target, self.limits)
        kind = self._source_types.of_part(source_name) or "application/octet-stream"
        self._types.declare(name, kind)

    def write(self) -> None:
        """Put the edited relationships and content types back into the target package."""
        for rels in self._rels.values():
            rels.write(self.target)
        if self._types is not None:
            self._types.write(self.target)


def _rename(rels: Relationships, current: str, wanted: str) -> None:
    """Give a relationship copied into a fresh part its source id (the part's XML uses it)."""
    if current == wanted:
        return
    ids = {r.id for r in rels.all()}
    if wanted in ids:
        return
    for el in rels.root.iter(f"{{{_REL}}}Relationship"):
        if el.get("Id") == current:
            el.set("Id", wanted)
            rels.changed = True
            return

"""Reading Office packages (docx, xlsx) defensively.

Files arrive by e-mail from many parties, so a package is checked before anything is
inflated: entry names, duplicates, declared sizes and compression ratios, and then the
actual bytes are counted while reading because declared sizes can lie. XML is parsed with
a parser that never resolves entities, never loads a DTD and never touches the network.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO

from lxml import etree

from docgen.errors import InputError
from docgen.limits import Limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD_DECLARATION = re.compile(rb"<!(?i:doctype|entity)")
_XML_PART_SUFFIXES = (".xml", ".rels", ".vml")
# libxml2 refuses element nesting deeper than this unless huge_tree is set, which
# `xml_parser` never does (tests/test_bench_parse_speedups.py holds it to that).
PARSER_MAX_DEPTH = 256


def sniff(path: Path) -> str:
    """Say what a file really is from its first bytes: 'zip', 'pdf', 'ole', 'empty' or 'other'."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        return "empty"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "ole"
    return "other"


# Word and Excel never write a DTD; one in a part is a hand-made or hostile file.
_NO_DTD_FIX = "re-save the file from Word or Excel, which writes none"


def check_input_file(path: Path, limits: Limits) -> None:
    """The checks common to every input: exists, is a regular file, not empty, not huge."""
    if not path.exists():
        raise InputError(path, "no such file", "check the path")
    if path.is_dir():
        raise InputError(path, "is a directory, not a document", "give a .docx, .pdf or .xlsx file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(path, "is empty", "give a document with content")
    if size > limits.max_input_bytes:
        raise InputError(
            path,
            f"is {size // (1024 * 1024)} MiB, over the {limits.max_input_bytes // (1024 * 1024)} MiB input limit",
            "raise DOCGEN_MAX_INPUT_MB if this is intended",
        )


def xml_parser() -> etree.XMLParser:
    """A parser that cannot be made to expand entities or fetch anything (no XXE, no billion laughs)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


@dataclass
class ParseLog:
    """Every XML parse made while it is open: (where, bytes parsed), in order.

    Parsing once is a design rule (the model hands out parsed parts; later stages never
    start again from bytes), and this is how the tests and the benchmark hold docgen to it."""

    parses: list[tuple[str, int, int]] = field(default_factory=list)  # where, size, content hash

    @property
    def total(self) -> int:
        return sum(n for _, n, _ in self.parses)

    @property
    def distinct(self) -> int:
        """Bytes of distinct content parsed: what parsing each thing once would cost."""
        return sum({digest: n for _, n, digest in self.parses}.values())

    def repeated(self, at_least: int = 0) -> dict[str, int]:
        """Parts (file and part, as errors name them) of `at_least` bytes or more parsed
        more than once: where -> how many times."""
        seen: dict[str, int] = {}
        for where, n, _ in self.parses:
            if n >= at_least:
                seen[where] = seen.get(where, 0) + 1
        return {w: k for w, k in seen.items() if k > 1}


_LOGS: list[ParseLog] = []


@contextmanager
def logging_parses() -> Iterator[ParseLog]:
    """Record every `parse_xml` call inside the block (nested logs each see every parse)."""
    log = ParseLog()
    _LOGS.append(log)
    try:
        yield log
    finally:
        _LOGS.remove(log)


def parse_xml(data: bytes, where: str, limits: Limits) -> etree._Element:
    """Parse one XML part; a DTD is refused outright since Office parts never carry one."""
    for log in _LOGS:
        log.parses.append((where, len(data), hash(data)))
    head = data[:2048].lower()
    if b"<!doctype" in head or b"<!entity" in head:
        raise InputError(where, "contains a DTD or entity declarations, which docgen refuses to expand", _NO_DTD_FIX)
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        if "depth" in (exc.msg or "").lower():
            raise InputError(where, f"nests XML deeper than {limits.max_xml_depth} levels", "the file is corrupt or hostile") from None
        raise InputError(where, f"is not well-formed XML ({exc.msg})", "the file is corrupt; re-save it from Word") from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise InputError(where, "contains a DTD or entity declarations, which docgen refuses to expand", _NO_DTD_FIX)
    if _depth_exceeds(root, limits.max_xml_depth):
        raise InputError(where, f"nests XML deeper than {limits.max_xml_depth} levels", "the file is corrupt or hostile")
    return root


def _depth_exceeds(root: etree._Element, limit: int) -> bool:
    if limit >= PARSER_MAX_DEPTH:
        # libxml2 already refused elements nested deeper than this while parsing, so only a
        # comment or processing instruction inside the deepest elements can be deeper: look
        # at those alone rather than walking every element of a large part in Python.
        return any(
            sum(1 for _ in node.iterancestors()) + 1 > limit
            for node in root.iter(etree.Comment, etree.ProcessingInstruction)
        )
    # iterancestors on every element would be quadratic; a single explicit-stack walk is linear.
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in el)
    return False


class Package:
    """An Office zip package, opened after its directory has been vetted."""

    def __init__(self, path: Path, limits: Limits | None = None, *, kind: str = "Office document"):
        self.path = Path(path)
        self.limits = limits or Limits.from_env()
        check_input_file(self.path, self.limits)
        what = sniff(self.path)
        if what == "ole":
            raise InputError(
                self.path,
                "is an encrypted (password-protected) Office file or an old binary .doc/.xls",
                "remove the password or save it as .docx/.xlsx",
            )
        if what == "pdf":
            hint = "this command needs the Office file itself" if self.path.suffix.lower() == ".pdf" else "rename it to .pdf"
            raise InputError(self.path, f"is a PDF, not {'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}", hint)
        if what != "zip":
            raise InputError(self.path, f"is not a valid {kind} (not a zip package)", "give a .docx or .xlsx saved by Word or Excel")
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise InputError(self.path, f"is a corrupt or truncated zip package ({exc})", "re-save it from Word or Excel") from None
        self._vet()

    def _vet(self) -> None:
        infos = self._zip.infolist()
        lim = self.limits
        if len(infos) > lim.max_entries:
            raise InputError(self.path, f"has {len(infos)} zip entries, over the limit of {lim.max_entries}")
        seen: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
                raise InputError(self.path, f"has an unsafe entry name {name!r}", "the package is hostile or corrupt")
            if name in seen:
                raise InputError(self.path, f"has a duplicate entry {name!r}", "the package is corrupt")
            seen.add(name)
            if info.flag_bits & 0x1:
                raise InputError(self.path, "is an encrypted zip", "remove the password")
            total += info.file_size
            if info.file_size > lim.max_entry_bytes or total > lim.max_unzipped_bytes:
                raise InputError(
                    self.path,
                    f"would inflate to more than {max(lim.max_entry_bytes, lim.max_unzipped_bytes) // (1024 * 1024)} MiB (zip bomb?)",
                    "raise DOCGEN_MAX_UNZIPPED_MB if this is intended",
                )
            if info.file_size > 1024 * 1024 and info.file_size > lim.max_ratio * max(info.compress_size, 1):
                raise InputError(self.path, f"entry {name!r} has a compression ratio over {lim.max_ratio}:1 (zip bomb?)")
        self.names = seen

    def refuse_dtd(self, name: str, data: bytes) -> None:
        """Refuse a part declaring a DTD anywhere in it (a long comment can push one past a
        header check). For parts handed to parsers we do not configure, such as openpyxl's
        standard-library parser, which expands internal entities; Office never writes one."""
        if _DTD_DECLARATION.search(data):
            raise InputError(self.path, f"part {name} declares a DTD or entities, which docgen refuses to expand", _NO_DTD_FIX)

    def refuse_dtds(self) -> None:
        for name in sorted(self.names):
            if name.lower().endswith(_XML_PART_SUFFIXES):
                self.refuse_dtd(name, self.read(name))

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """Read an entry, counting real bytes so a lying header cannot inflate past the limit."""
        cap = self.limits.max_entry_bytes
        try:
            with self._zip.open(name) as fh:
                data = _read_capped(fh, cap)
        except KeyError:
            raise InputError(self.path, f"has no {name}", "the package is incomplete") from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error) as exc:
            raise InputError(self.path, f"entry {name} is corrupt ({exc})", "re-save it from Word or Excel") from None
        if data is None:
            raise InputError(self.path, f"entry {name} inflates past {cap // (1024 * 1024)} MiB (zip bomb?)")
        return data

    def xml(self, name: str) -> etree._Element:
        return parse_xml(self.read(name), f"{self.path} [{name}]", self.limits)

    def parts(self) -> "PackageParts":
        """The package as a name -> bytes map, each entry inflated when first asked for, so
        the lookups of `docgen.ooxml.parts` (main part, relationships) serve an open zip as
        they serve a map of parts."""
        return PackageParts(self)

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PackageParts(Mapping[str, bytes]):
    """A vetted package read lazily, entry by entry, each inflated once (see Package.parts)."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.read: dict[str, bytes] = {}  # the entries inflated so far

    def __getitem__(self, name: str) -> bytes:
        if name not in self.read:
            if not self.pkg.has(name) or name.endswith("/"):
                raise KeyError(name)
            self.read[name] = self.pkg.read(name)
        return self.read[name]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.pkg.has(name) and not name.endswith("/")

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(n for n in self.pkg.names if not n.endswith("/")))

    def __len__(self) -> int:
        return sum(1 for n in self.pkg.names if not n.endswith("/"))


def _read_capped(fh: IO[bytes], cap: int) -> bytes | None:
    chunks = []
    got = 0
    while True:
        chunk = fh.read(1 << 20)
        if not chunk:
            return b"".join(chunks)
        got += len(chunk)
        if got > cap:
            return None
        chunks.append(chunk)

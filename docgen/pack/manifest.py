"""manifest.json and the pack's .zip: what was built, from what, by which docgen.

The manifest lets a reviewer check that the attachments on the website are the ones built
from the committed sources (sha256 of both sides), and records the warnings of the build
so they are not lost with the terminal scrollback. Nothing in it depends on the clock, the
machine or the checkout location, so it is as reproducible as the files it lists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen import __version__
from docgen.pack.dates import zip_time
from docgen.pack.spec import PackSpec
from docgen.pack.load import repository_root

MANIFEST_VERSION = 1


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def display_source(path: Path, pack: PackSpec) -> str:
    """A source path as the manifest records it: relative to the repository, '/' separators."""
    root = repository_root(pack.path)
    resolved = Path(path).resolve()
    for base in [b for b in (root, pack.path.parent.resolve()) if b is not None]:
        try:
            return resolved.relative_to(base).as_posix()
        except ValueError:
            continue
    return resolved.name


@dataclass
class ManifestData:
    pack: PackSpec
    moment: dt.datetime
    files: dict[str, bytes]  # output name -> bytes (everything but manifest.json and the zip)
    roles: dict[str, str] = field(default_factory=dict)  # output name -> role (contract values)
    templates: dict[str, bytes] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    lint: dict[str, dict[str, Any]] = field(default_factory=dict)
    redlines: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    status: str = "ok"


def manifest_json(data: ManifestData) -> bytes:
    pack = data.pack
    sources = []
    for path in pack.source_files():
        raw = Path(path).read_bytes()
        sources.append({"path": display_source(path, pack), "sha256": sha256(raw), "bytes": len(raw)})
    body = {
        "manifest_version": MANIFEST_VERSION,
        "pack": pack.reference,
        "title": pack.title,
        "status": data.status,
        "docgen_version": __version__,
        "build_time": data.moment.isoformat() + "Z",
        "department": pack.department,
        "draft": pack.direction.is_draft,
        "sources": sources,
        "templates": [{"name": n, "sha256": sha256(b), "bytes": len(b)} for n, b in sorted(data.templates.items())],
        "files": [{"name": n, "role": data.roles.get(n, "other"), "sha256": sha256(b), "bytes": len(b)} for n, b in sorted(data.files.items())],
        "redlines": data.redlines,
        "lint": data.lint,
        "warnings": data.warnings,
        "notes": data.notes,
    }
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def pack_zip(files: dict[str, bytes], moment: dt.datetime, folder: str) -> bytes:
    """Every file under one folder named for the pack, in name order, with fixed times."""
    buf = io.BytesIO()
    stamp = zip_time(moment)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            zf.writestr(info, files[name])
    return buf.getvalue()

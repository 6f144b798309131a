"""The publication copy assembled: the redline's package, its numbers typed, REF fields
flattened and the change summary put first."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from lxml import etree

from docgen.limits import Limits
from docgen.ooxml.numbering import NumberingDefs
from docgen.ooxml.ns import W
from docgen.ooxml.package import parse_xml
from docgen.ooxml.parts import main_part, package_bytes, serialise
from docgen.writers.publication_docx.common import (
    DEFAULT_AUTHOR,
    DEFAULT_DATE,
    Marks,
    walk_paragraphs,
)
from docgen.writers.publication_docx.fields import flatten_ref_fields
from docgen.writers.publication_docx.labels import LabelWriter
from docgen.writers.publication_docx.summary import (
    Bookmarks,
    StyleNames,
    insert_summary,
    link_targets,
)
from docgen.writers.redline_view import (
    build_view,
)

if TYPE_CHECKING:
    from docgen.transforms.compare import Comparison


def publication_docx(
    comparison: "Comparison",
    *,
    title: str | None = None,
    redline: bytes | None = None,
    author: str = DEFAULT_AUTHOR,
    date: str = DEFAULT_DATE,
) -> bytes:
    """The publication copy as .docx bytes, ready for `docgen.soffice.convert`.

    `redline` is the tracked-change .docx already written for `comparison` (the pack and
    `docgen redline` pass theirs, so the PDF shows exactly that document's revisions);
    without it one is written here with `author` and `date`.
    """
    if redline is None:
        from docgen.writers.redline_docx import write_redline

        redline = write_redline(comparison, author=author, date=date)
    view = build_view(comparison, title)
    with zipfile.ZipFile(io.BytesIO(redline)) as zf:
        parts = {name: zf.read(name) for name in zf.namelist() if not name.endswith("/")}
    limits = Limits.from_env()
    name = main_part(parts)
    root = parse_xml(parts[name], name, limits)
    body = root.find(W.body)
    styles = optional(parts, "word/styles.xml", limits)
    numbering = optional(parts, "word/numbering.xml", limits)
    paragraphs = list(walk_paragraphs(body))
    marks = Marks.from_document(root, author, date)
    LabelWriter(NumberingDefs.from_xml(numbering, styles), numbering, marks).write(paragraphs)
    flatten_ref_fields(body)
    bookmarks = Bookmarks(root)
    targets = link_targets(comparison, view, paragraphs, bookmarks)
    insert_summary(body, view, StyleNames.of(styles), targets)
    parts[name] = serialise(root)
    return package_bytes(parts)


def optional(parts: dict[str, bytes], name: str, limits: Limits) -> etree._Element | None:
    return parse_xml(parts[name], name, limits) if name in parts else None

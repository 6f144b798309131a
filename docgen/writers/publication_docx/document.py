"""The publication copy assembled: the redline's package, its numbers typed, REF fields
flattened and the change summary put first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docgen.limits import Limits
from docgen.ooxml.markup.bookmarks import Bookmarks
from docgen.ooxml.markup.fields import flatten_fields
from docgen.ooxml.lists.list_labels import ListLabels
from docgen.ooxml.redline_package import RedlinePackage, RevisionMarker, walk_paragraphs
from docgen.writers.publication_docx.labels import LabelWriter
from docgen.writers.publication_docx.summary import StyleNames, insert_summary, link_targets
from docgen.writers.redline_view import build_view

if TYPE_CHECKING:
    from docgen.transforms.compare import Comparison
    from docgen.writers.redline_docx import Redline

# The revisions' author and date when the caller gives no redline (tests, previews): fixed,
# so the bytes never depend on the clock.
DEFAULT_AUTHOR = "docgen"
DEFAULT_DATE = "2000-01-01T00:00:00Z"


def publication_docx(
    comparison: "Comparison",
    *,
    title: str | None = None,
    redline: "bytes | Redline | None" = None,
    author: str = DEFAULT_AUTHOR,
    date: str = DEFAULT_DATE,
) -> bytes:
    """The publication copy as .docx bytes, ready for `docgen.soffice.convert`.

    `redline` is the tracked-change .docx already written for `comparison` (the pack and
    `docgen redline` pass theirs, so the PDF shows exactly that document's revisions; as a
    `Redline`, its trees are edited as copies rather than parsed again); without it one is
    written here with `author` and `date`.
    """
    if redline is None:
        from docgen.writers.redline_docx import redline_document

        redline = redline_document(comparison, author=author, date=date)
    view = build_view(comparison, title)
    package = RedlinePackage.read(redline if isinstance(redline, bytes) else redline.parts, Limits.from_env())
    body = package.body
    paragraphs = list(walk_paragraphs(body))
    marks = RevisionMarker.from_document(package.root, author, date)
    LabelWriter(ListLabels(package.numbering, package.styles), marks).write(paragraphs)
    # A REF field's result is printed as it stands, so a revised result shows as the
    # revision it is rather than being recomputed by LibreOffice.
    flatten_fields(body, "REF")
    bookmarks = Bookmarks(package.root)
    targets = link_targets(comparison, view, paragraphs, bookmarks)
    insert_summary(body, view, StyleNames.of(package.styles), targets)
    return package.to_bytes()

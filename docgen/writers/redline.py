"""The document redline as one call: read, compare once, write the tracked-change .docx, and
hand the same comparison and the same parsed redline to the PDF and the HTML.

`docgen redline` and the pack build both make redlines; they used to spell out the flow each
(read both versions, compare, write, then give the publication copy the bytes just written,
which it parsed again). Here it is written once: the redline's trees go on to the
publication copy as they are, so no part is parsed twice on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docgen.limits import Limits
from docgen.model import Document
from docgen.transforms.compare import Comparison, compare
from docgen.writers.redline_docx import Redline, pending_revisions, redline_document, revision_date


@dataclass(frozen=True)
class RedlineOptions:
    """How the redline is written: who and when its revisions are, and what counts as a change."""

    author: str = "docgen"
    date: str | None = None  # ISO 8601; None for SOURCE_DATE_EPOCH, else now (see ooxml/tracked/dates)
    ignore_nbsp: bool = False  # a no-break space for a space (or back) is no change
    limits: Limits | None = None


@dataclass
class RedlineResult:
    """A redline made: the comparison every output shows, the tracked-change .docx (with its
    parsed parts) and the pending revisions each version already held (accepted first)."""

    comparison: Comparison
    redline: Redline
    pending: list[tuple[str, int]] = field(default_factory=list)  # (version's source, count) when not 0

    @property
    def docx(self) -> bytes:
        return self.redline.data

    def publication_docx(self, title: str | None = None) -> bytes:
        """The publication copy (the PDF's source), built on copies of the redline's trees."""
        from docgen.writers.publication_docx import publication_docx

        return publication_docx(self.comparison, title=title, redline=self.redline)


def redline(old: Document | Path, new: Document | Path, options: RedlineOptions = RedlineOptions()) -> RedlineResult:
    """The redline of OLD -> NEW. A path is read as a .docx; a `Document` is used as read
    (a caller that reads each file once for several jobs, as the pack build does, passes
    its own). The date is checked before anything is read, so a bad `--date` costs nothing."""
    when = revision_date(options.date)
    old_doc = _document(old, options)
    new_doc = _document(new, options)
    comparison = compare(old_doc, new_doc)
    written = redline_document(comparison, author=options.author, date=when, ignore_nbsp=options.ignore_nbsp, limits=options.limits)
    pending = [(doc.source, n) for doc in (comparison.old, comparison.new) if (n := pending_revisions(doc.parts))]
    return RedlineResult(comparison, written, pending)


def _document(source: Document | Path, options: RedlineOptions) -> Document:
    if isinstance(source, Document):
        return source
    from docgen.readers.docx import read_docx

    return read_docx(source, options.limits)

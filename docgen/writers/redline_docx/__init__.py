"""The tracked-change .docx redline: NEW's package with native Word revisions for every change.

The redline is built on NEW (its styles, numbering, sections, headers and footers stay), so
accepting every revision gives NEW back exactly, and the revisions carry just enough of OLD
(deleted text, objects, paragraphs and rows, old paragraph and run properties, old list
definitions, old notes) that rejecting every revision gives OLD back. Every story is
compared: the body, tables (nested too), headers and footers, footnotes and endnotes, and
text boxes. `docgen.ooxml.revisions` is the oracle the tests hold this writer to.

Modules, one job each: `body` places the body's paragraph changes, `runs` decides the
phrase-level changes inside a paragraph, `stories` compares the other stories, `carry`
makes OLD content fit NEW's package. How each change is spelt in WordprocessingML (and the
revisions' date) is `docgen.ooxml.tracked`; this package only decides where it goes.
"""

from docgen.ooxml.tracked.pending import pending_revisions
from docgen.writers.redline_docx.body import Redline, redline_document, write_redline
from docgen.ooxml.tracked.dates import revision_date

__all__ = ["Redline", "pending_revisions", "redline_document", "revision_date", "write_redline"]

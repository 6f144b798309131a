"""The publication copy of a redline: NEW's tracked-change .docx, made ready to print with markup.

The published PDF is the new document itself with its revisions shown, the way Word's
"print with markup" gives it: NEW's styles, cover page, headers and footers, tables, page
breaks and fonts, with LibreOffice drawing each native revision (deletions struck,
insertions underlined, a bar in the margin). What LibreOffice is given is the tracked-change
redline that `redline_docx` writes, with three changes made for print, in this copy only:

* List numbers become typed text. A number that only Word's list engine knows cannot be
  revised, so a clause shifted by an edit above it (18.5(w) -> 18.5(q)) would print its new
  number unmarked, exactly the silent shift the 18.5p error was. Typed, the old number is
  a deletion and the new one an insertion beside the text, and the change bar follows by
  itself. The labels come from `docgen.ooxml.lists.numbering`, counted once over the accepted
  paragraphs and once over the rejected ones, never typed by hand. The level's indents,
  tab stops and number formatting move onto the paragraph so the layout stays Word's.
* REF fields become their results, so a revised result (18.9: 18.5(z) -> 18.5(t)) is
  printed as the revision it is rather than recomputed by LibreOffice.
* The change summary (counts, changed clauses, renumbering as ranges) comes first, in the
  document's own styles, in a section of its own that carries the document's headers and
  footers; the body starts on a new page at page 1, cover page first.

The native .docx redline is untouched: its accept/reject behaviour is `redline_docx`'s.
"""


from docgen.writers.publication_docx.document import publication_docx

__all__ = ["publication_docx"]

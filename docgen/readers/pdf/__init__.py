"""Reading a PDF (a published appendix or a redline) into the clause model.

The pipeline, one module a step: `source` (characters and ruled lines from pdfminer, one
page at a time), `tokens` (words and their runs), `tables` and `layout` (ruled tables and
the page's tokens), `furniture` (running headers, footers and contents pages), `redline`
(revision marks settled for the requested view), `blocks` (paragraphs and whole tables),
`labels` (what a drawn clause label can mean), and `reader`, which turns labelled
paragraphs into clauses through the same TreeBuilder the .docx reader uses.
"""

from docgen.readers.pdf.reader import read_pdf

__all__ = ["read_pdf"]

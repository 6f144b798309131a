"""Every spelling of a clause label docgen recognises, as the regular expressions that read it.

Readers, the tree builder, the lint, the matrix update, the word diff and the change summary
all meet clause labels and references in text: "18.5", "(p)", "p.", "A2.13", "Table 5.10",
"[(q)]", "Annex D". Their patterns live here, beside the reference grammar (`grammar.py`), so
a new spelling is taught once. Names say where a pattern applies when two differ on purpose:
a PDF token may be any word on a page, so the PDF patterns are stricter than the ones for a
label Word drew.
"""

from __future__ import annotations

import re

# ----- a label Word drew (or a reader read as one), as the clause tree takes it ---------------
DOTTED_LABEL = re.compile(r"^(\d+(?:\.\d+)*)([A-Z]{0,2})\.?$")  # "18", "18.5", "20.5A", "3.1."
PAREN_LABEL = re.compile(r"^\(([A-Za-z]{1,4}|\d{1,4})\)$")  # "(p)", "(ii)", "(A)", "(3)"
SUFFIX_LABEL = re.compile(r"^([A-Za-z]{1,4}|\d{1,4})[.)]$")  # "p.", "ii)", "3."
# A heading that scopes the numbers after it: "Annex D", "Appendix AM", "Part 2".
SCOPE_HEADING = re.compile(r"^(Annex|Appendix|Schedule|Part)\s+([A-Z0-9]{1,3})\b")
ANNEX_HEADING = re.compile(r"^\s*Annex\s+([A-Z]{1,2})\b")

# ----- labels typed as text in a .docx (older documents, pasted lists) -----------------------
TYPED_LABEL = re.compile(r"^\s*(\d+(?:\.\d+)+[A-Z]{0,2}|\([a-z]{1,4}\)|\([ivxlc]{1,6}\)|\(\d{1,3}\))(?:\t|\s+)(?=\S)")
TYPED_HEADING_NUMBER = re.compile(r"^(\d{1,3})(?:\t|\s+)(?=\S)")  # "18<tab>Device Specific..."
TABLE_CAPTION = re.compile(r"^\s*Table\s+([A-Z]?\d+(?:\.\d+)*[A-Za-z]?)\b")  # "Table 5.10", "Table A3"
STEP_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*[A-Z]?)\.?\s*$")  # a step cell: "5.10.17", "4."

# ----- a label as a PDF draws it --------------------------------------------------------------
PDF_DOTTED_LABEL = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)([A-Z]{0,2})\.?$")
PDF_BARE_LABEL = re.compile(r"^(\d{1,3})\.?$")
# Clause numbers with a section letter, as in SEC Section A: "A2.13", and "A2" for its heading.
PDF_PREFIXED_LABEL = re.compile(r"^([A-Z]{1,2})(\d{1,3}(?:\.\d{1,3})*)([A-Z]{0,2})\.?$")
PDF_PAREN_LABEL = re.compile(r"^\(([A-Za-z]{1,6}|\d{1,3})\)$")
PDF_SUFFIX_LABEL = re.compile(r"^([A-Za-z]{1,6}|\d{1,3})[.)]$")
# LibreOffice draws the number of a list item touched by tracked changes in brackets: "[(q)]".
BRACKETED_LABEL = re.compile(r"^\[([^\]]+)\]$")

# ----- parts of a reference ---------------------------------------------------------------------
NUMBER_TAIL = re.compile(r"(\d+)([A-Z]{0,2})\Z")  # the own number of "18.5" or "20.5A": 5, 5 + "A"
TOP_NUMBER = re.compile(r"^(\d+)(?:[.(]|\Z)")  # the section a ref is in: 18 of "18.5(p)"
LAST_POINT = re.compile(r"\([^()]*\)\Z")  # "(i)" of "18.5(p)(i)"
# A ref minus its own label, and that label: "18.5(p)" + "(i)", "18" + ".5".
PARENT_AND_LAST = re.compile(r"^(.*?)(\([^()]*\)|\.[^.()]+)$")
# A clause number as written in a cell or a sentence, and the points after it, glued ("18.5q"),
# spaced ("18.5 (q)") or bracketed ("18.5(q)(i)").
WRITTEN_NUMBER = re.compile(r"\d+(?:\.\d+)*[A-Z]?")
WRITTEN_POINTS = re.compile(r"(?P<gap>\s*)(?P<points>(?:\([a-z0-9]{1,7}\)|[a-z]{1,4}(?![a-z]))(?:\s*\([a-z0-9]{1,7}\))*)")
# A clause reference as one token of a word diff: "18.5(z)" is struck whole, not a letter in it.
REF_TOKEN = r"\d+(?:\.\d+)+[A-Z]?(?:\([a-z0-9]{1,5}\))*"

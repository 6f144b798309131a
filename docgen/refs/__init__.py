"""Clause references: read them however people wrote them, print them one way.

Every other part of docgen (the DMVES reader, the numbering lint, the cross-reference check,
renumbering) compares references as strings, so they must agree on one canonical spelling:
`18.5(p)(i)`, `Table 5.10 Step 5.10.17`, `Annex E`. Two readers live here:

* a *lenient* one for cells and command-line arguments (`parse_ref`, `parse_refs`), where
  the whole text is supposed to be references and anything left over is an error;
* a *strict* one for running prose (`find_refs`), where most numbers are not references
  (dates, versions, SRV numbers, money) and a false hit becomes a bogus lint finding.

Both share the atom scanners below so a spelling accepted in prose is always read the
same way in a cell.

The package splits along those seams: `labels` (letters and romans), `value` (the `Ref`
value, its order and ranges), `grammar` (reading references in cells and prose) and
`rewrite` (re-spelling cited references after a renumbering).
"""

from __future__ import annotations

from docgen.refs.errors import RefError
from docgen.refs.grammar import find_refs, parse_ref, parse_refs, read_ref
from docgen.refs.labels import is_letter_label, is_roman_label, letter_label, letter_value, roman_label, roman_value
from docgen.refs.rewrite import rewrite_refs
from docgen.refs.value import THIS_DOCUMENT, Ref, RefMatch, expand_range, sort_key

__all__ = [
    "THIS_DOCUMENT",
    "Ref",
    "RefError",
    "RefMatch",
    "expand_range",
    "find_refs",
    "is_letter_label",
    "is_roman_label",
    "letter_label",
    "letter_value",
    "parse_ref",
    "parse_refs",
    "read_ref",
    "rewrite_refs",
    "roman_label",
    "roman_value",
    "sort_key",
]

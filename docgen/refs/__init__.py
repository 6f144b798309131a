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

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what the names are, for readers and type checkers; bound lazily below
    from docgen.refs.errors import RefError
    from docgen.refs.grammar import find_refs, parse_ref, parse_refs, read_ref
    from docgen.refs.labels import is_letter_label, is_roman_label, letter_label, letter_value, roman_label, roman_value
    from docgen.refs.rewrite import rewrite_refs
    from docgen.refs.value import THIS_DOCUMENT, Ref, RefMatch, expand_range, sort_key

# The names below are read from their modules on first use (PEP 562), not at import: a
# module that needs only `docgen.refs.patterns` or `.errors` (the clause model, the docx
# reader, a redline) should not pay for compiling the prose grammar it never runs.
_HOMES = {
    "RefError": "errors",
    "find_refs": "grammar", "parse_ref": "grammar", "parse_refs": "grammar", "read_ref": "grammar",
    "is_letter_label": "labels", "is_roman_label": "labels", "letter_label": "labels",
    "letter_value": "labels", "roman_label": "labels", "roman_value": "labels",
    "rewrite_refs": "rewrite",
    "THIS_DOCUMENT": "value", "Ref": "value", "RefMatch": "value", "expand_range": "value", "sort_key": "value",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # bound as an import would bind it, so the lookup runs once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


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

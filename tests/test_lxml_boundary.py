"""The XML library stays behind `docgen/ooxml/`: code that says what a document should hold
(the publication copy, the consultation pack) asks ooxml for markup and never parses or
builds XML itself, so how Word spells things is decided in one place."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import docgen

PACKAGE = Path(docgen.__file__).parent
# The parts of docgen already kept clear of lxml (issue 17 widens this to all but
# ooxml/ and the Akoma Ntoso writer).
CLEAR = ["writers/publication_docx", "pack"]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("folder", CLEAR)
def test_these_folders_leave_xml_to_ooxml(folder):
    modules = sorted((PACKAGE / folder).rglob("*.py"))
    assert modules, f"no modules under docgen/{folder}"
    offenders = [str(m.relative_to(PACKAGE)) for m in modules if any(n == "lxml" or n.startswith("lxml.") for n in _imports(m))]
    assert offenders == [], f"import lxml outside docgen/ooxml/: {offenders}"


def test_the_check_sees_an_lxml_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from lxml import etree\nimport lxml.html\n", encoding="utf-8")
    assert {"lxml", "lxml.html"} <= _imports(module)

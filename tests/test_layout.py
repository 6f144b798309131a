"""The shipped package holds docgen and nothing else: no test-data generators, no imports
from the repository's sources or tests (a wheel has neither)."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "docgen"
# Top-level names that exist only in a checkout: the generators beside the sources, the tests.
CHECKOUT_ONLY = {"synth", "sources", "tests", "corpus", "bench"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_document_generators_are_not_part_of_the_package():
    assert importlib.util.find_spec("docgen.synth") is None
    assert not (PACKAGE / "synth").exists()


def test_no_module_of_the_package_imports_from_the_checkout():
    offenders = {
        str(path.relative_to(PACKAGE.parent)): sorted(_imports(path) & CHECKOUT_ONLY)
        for path in PACKAGE.rglob("*.py")
        if _imports(path) & CHECKOUT_ONLY
    }
    assert offenders == {}


# The XML library is a detail of the OOXML layer: everything else asks docgen.ooxml (and the
# Akoma Ntoso writer, whose XML is not Office's, builds its own tree).
XML_LIBRARY_ALLOWED = ("docgen/ooxml/", "docgen/writers/akn.py")


def test_only_the_ooxml_layer_imports_the_xml_library():
    offenders = sorted(
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "lxml" in _imports(path) and not str(path.relative_to(PACKAGE.parent)).startswith(XML_LIBRARY_ALLOWED)
    )
    assert offenders == []


def test_no_module_is_over_600_lines():
    long = {str(p.relative_to(PACKAGE.parent)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}

"""The shipped package holds docgen and nothing else: no test-data generators, no imports
from the repository's sources or tests (a wheel has neither)."""

from __future__ import annotations

import ast
import importlib.util
import re
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


# ----------------------------------------------------------------------------- the pipeline

# The README's Layout as layers, lowest first: a module imports only from its own layer or
# lower ones, lazy imports inside functions included. `docgen` itself (__init__) holds only
# the version. A new top-level module or sub-package must be placed here to pass.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("docgen", "errors", "limits", "refs"),
    ("model", "model_sheets", "outputs", "office_version"),
    ("hierarchy", "ooxml", "soffice", "publisher"),
    ("readers",),
    ("transforms",),
    ("checks",),
    ("writers",),
    ("pack",),
    ("commands",),
    ("cli_app",),
    ("cli", "__main__"),
)


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _unit(module: str) -> str:
    """The top-level module or sub-package a module belongs to: docgen.ooxml.ns -> ooxml."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def import_edges(root: Path) -> list[tuple[str, str, int]]:
    """(importer, imported module, line) for every import of the package by itself, at
    module level or inside a function, relative imports resolved; `from a import b` counts
    as importing a.b when b is a module of the package, else as importing a."""
    files = {_module_name(p, root): p for p in root.rglob("*.py")}
    edges: list[tuple[str, str, int]] = []
    for module, path in sorted(files.items()):
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names]
            else:
                continue
            for target in targets:
                while target and target not in files and "." in target:
                    target = target.rsplit(".", 1)[0]  # `import docgen.x.y` of a name inside y
                if target in files and target != module and (module, target, node.lineno) not in edges:
                    edges.append((module, target, node.lineno))
    return edges


def upward_imports(root: Path) -> list[str]:
    rank = {unit: i for i, layer in enumerate(LAYERS) for unit in layer}
    out = []
    for module, target, line in import_edges(root):
        low, high = _unit(module), _unit(target)
        if low not in rank or high not in rank:
            out.append(f"{module}:{line} -> {target}: place {sorted({low, high} - set(rank))} in LAYERS (and the README's Layout)")
        elif rank[high] > rank[low]:
            out.append(f"{module}:{line} imports {target}, a higher layer")
    return out


def import_cycles(edges: list[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected parts of more than one node (Tarjan, iteratively)."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.append(member)
                    if member == node:
                        break
                if len(part) > 1:
                    cycles.append(sorted(part))
    return cycles


def test_no_module_imports_a_higher_layer_of_the_pipeline():
    assert upward_imports(PACKAGE) == []


def test_no_import_cycle_between_sub_packages_or_modules():
    """Every import counts, those for type checkers alone included: two modules that name
    each other's types are one idea split in two, and a reader cannot take either first."""
    edges = import_edges(PACKAGE)
    units = [(_unit(a), _unit(b)) for a, b, _ in edges if _unit(a) != _unit(b)]
    assert import_cycles(units) == []
    assert import_cycles([(a, b) for a, b, _ in edges]) == []


def test_the_layer_check_finds_an_upward_lazy_import_and_a_cycle(tmp_path: Path):
    root = tmp_path / "docgen"
    (root / "transforms").mkdir(parents=True)
    (root / "checks").mkdir()
    for init in (root, root / "transforms", root / "checks"):
        (init / "__init__.py").write_text("")
    (root / "checks" / "lint.py").write_text("from docgen.transforms.pairing import pair\n")
    (root / "transforms" / "pairing.py").write_text("def pair():\n    from ..checks.lint import lint\n")
    assert upward_imports(root) == ["docgen.transforms.pairing:2 imports docgen.checks.lint, a higher layer"]
    edges = [(a, b) for a, b, _ in import_edges(root)]
    assert import_cycles(edges) == [["docgen.checks.lint", "docgen.transforms.pairing"]]


def test_the_layers_are_the_readmes():
    """The README's Layout states the same order, so the two cannot drift apart."""
    layout = (PACKAGE.parent / "README.md").read_text(encoding="utf-8").split("## Layout", 1)[1]
    chain = next(block for block in layout.split("\n\n") if block.startswith("errors,"))
    stated = tuple(tuple(unit.strip() for unit in layer.split(",")) for layer in " ".join(chain.split()).split("->"))
    placed = tuple(tuple(u for u in layer if u not in ("docgen", "__main__")) for layer in LAYERS)
    assert stated == placed


# ----------------------------------------------------------------------------- one vocabulary


def _sources(*allowed: str) -> dict[str, str]:
    return {
        str(p.relative_to(PACKAGE.parent)): p.read_text(encoding="utf-8")
        for p in sorted(PACKAGE.rglob("*.py"))
        if str(p.relative_to(PACKAGE.parent)) not in allowed
    }


def test_the_revision_elements_are_named_in_ns_only():
    spelt = re.compile(r"""qn\(["']w:(?:ins|del|moveFrom|moveTo|cellIns|cellDel|pPrChange|rPrChange|sectPrChange|delText|delInstrText)["']\)""")
    assert {name: spelt.findall(text) for name, text in _sources("docgen/ooxml/ns.py").items() if spelt.search(text)} == {}


def test_toggles_and_relationships_are_read_in_one_place():
    toggle = re.compile(r"""not in \(["']0["'], ["']false["']""")
    assert [name for name, text in _sources("docgen/ooxml/element.py").items() if toggle.search(text)] == []
    # Relationship parts are parsed by docgen/ooxml/parts.py alone (Relationships, find_main_part).
    rels = re.compile(r"""["']_rels/|}Relationship["']|['"]Relationship["']""")
    assert [name for name, text in _sources("docgen/ooxml/parts.py").items() if rels.search(text)] == []

"""Lint configuration: where it is found, what it changes, and bad files named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_builders import doc_from

from docgen.checks.lint import lint
from docgen.checks.config import LintConfig, load_config
from docgen.errors import InputError

PROMOTED = [
    ("h", "Behaviours"),
    ("c", "The following apply:"),
    ("i", "the Alpha One ESME, on receipt of SRV 1.1.1, applies the following:"),
    ("i", "one;"),
    ("i", "two."),
    ("i", "the Beta Two GSME, on receipt of SRV 2.2, fails."),
]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_no_file_is_found(tmp_path: Path):
    assert load_config(start=tmp_path) == LintConfig()


def test_pyproject_table(tmp_path: Path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.docgen.lint]\nseverity = { "numbering/gap" = "error", "xref/unresolved" = "off" }\nexternal = ["Annex B"]\n')
    config = load_config(start=tmp_path)
    assert dict(config.severity) == {"numbering/gap": "error", "xref/unresolved": "off"}
    assert config.external == ("Annex B",) and config.source == str(tmp_path / "pyproject.toml")


def test_lookup_goes_up_and_prefers_docgen_toml(tmp_path: Path):
    write(tmp_path / "pyproject.toml", '[tool.docgen.lint]\nexternal = ["from-pyproject"]\n')
    write(tmp_path / "docgen.toml", '[lint]\nexternal = ["from-docgen"]\n')
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    write(nested / "pyproject.toml", '[project]\nname = "no lint table here"\n')
    assert load_config(start=nested).external == ("from-docgen",)


def test_explicit_file(tmp_path: Path):
    path = write(tmp_path / "lint.toml", '[tool.docgen.lint]\ndmves-sections = ["17", "18"]\n')
    assert load_config(path).dmves_sections == ("17", "18")


@pytest.mark.parametrize(
    "body, key",
    [
        ('[tool.docgen.lint]\nseverity = { "numbering/gaps" = "error" }\n', "severity.numbering/gaps"),
        ('[tool.docgen.lint]\nseverity = { "numbering/gap" = "fatal" }\n', "severity.numbering/gap"),
        ('[tool.docgen.lint]\nsevereity = {}\n', "severeity"),
        ('[[tool.docgen.lint.ignore]]\nref = "18.5(q)"\n', "ignore[0].reason"),
        ('[[tool.docgen.lint.ignore]]\nreason = "why"\n', "ignore[0].ref"),
        ('[[tool.docgen.lint.ignore]]\nref = "1"\nreason = "why"\nrule = "nope"\n', "ignore[0].rule"),
        ('[tool.docgen.lint]\nexternal = "Annex B"\n', "external"),
    ],
)
def test_bad_configuration_names_file_and_key(tmp_path: Path, body: str, key: str):
    path = write(tmp_path / "pyproject.toml", body)
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert str(path) in str(caught.value) and f"'{key}'" in str(caught.value)


def test_invalid_toml_and_missing_file(tmp_path: Path):
    with pytest.raises(InputError, match="not valid TOML"):
        load_config(write(tmp_path / "docgen.toml", "[lint\n"))
    with pytest.raises(InputError, match="not found"):
        load_config(tmp_path / "missing.toml")


def test_severity_override_changes_the_exit_code(tmp_path: Path):
    doc = doc_from(PROMOTED, tmp_path)
    assert lint(doc).exit_code == 1
    demoted = LintConfig(severity={"numbering/promoted-subitems": "warning"})
    report = lint(doc, config=demoted)
    assert [f.severity for f in report.findings] == ["warning"] and report.exit_code == 0
    assert lint(doc, config=LintConfig(severity={"numbering/promoted-subitems": "off"})).findings == []


def test_ignored_ref_is_suppressed_with_its_reason(tmp_path: Path, monkeypatch):
    write(tmp_path / "docgen.toml", '[[lint.ignore]]\nref = "1.1(*)"\nrule = "numbering/promoted-subitems"\nreason = "approved in consultation"\n')
    monkeypatch.chdir(tmp_path)
    report = lint(doc_from(PROMOTED, tmp_path), config=load_config())
    assert report.findings == [] and report.exit_code == 0
    assert [(f.ref, i.reason) for f, i in report.suppressed] == [("1.1(b)", "approved in consultation")]
    assert report.renumber_mapping() == {}

"""Lint configuration: severity per rule, refs to ignore (each with a reason), and the like.

Read from `docgen.toml` (table `[lint]`, or `[tool.docgen.lint]`) or `pyproject.toml`
(`[tool.docgen.lint]`), so a repository that keeps an appendix under version control
configures its CI lint next to it:

    [tool.docgen.lint]
    severity = { "dmves/unmapped-clause" = "error", "numbering/gap" = "off" }
    external = ["Annex B"]            # refs that live outside the document
    dmves-sections = ["18"]           # sections whose clauses the DMVES must cover

    [[tool.docgen.lint.ignore]]
    ref = "18.5(q)"                   # '*' matches any run of characters
    rule = "baseline/shift"           # optional: every rule when left out
    reason = "renumbered on purpose in v12.2, see the 2025 consultation"

Unknown keys are errors rather than silently ignored: a misspelt rule id would otherwise
turn a CI gate off without anyone noticing.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from docgen.checks import OFF, RULES, SEVERITIES
from docgen.errors import InputError

CONFIG_NAMES = ("docgen.toml", "pyproject.toml")
_KEYS = {"severity", "ignore", "external", "dmves-sections"}
_IGNORE_KEYS = {"ref", "rule", "reason"}


@dataclass(frozen=True)
class Ignore:
    """Findings at refs matching `ref` (and of `rule`, when given) are suppressed, for `reason`."""

    ref: str
    reason: str
    rule: str | None = None

    def matches(self, rule: str, ref: str) -> bool:
        if self.rule is not None and self.rule != rule:
            return False
        if "*" in self.ref:
            # Refs contain brackets, which fnmatch would read as character sets.
            pattern = self.ref.replace("[", "[[]")
            return fnmatch.fnmatchcase(ref, pattern)
        return self.ref == ref


@dataclass(frozen=True)
class LintConfig:
    severity: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    ignore: tuple[Ignore, ...] = ()
    external: tuple[str, ...] = ()
    dmves_sections: tuple[str, ...] = ("18",)
    source: str | None = None  # the file it came from, for messages

    def ignored(self, rule: str, ref: str) -> Ignore | None:
        return next((i for i in self.ignore if i.matches(rule, ref)), None)


def load_config(path: Path | None = None, *, start: Path | None = None) -> LintConfig:
    """The configuration in `path`, or the nearest one found from `start` (default: the
    current directory) upwards; defaults when there is none."""
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise InputError(path, "configuration file not found", "give a docgen.toml or pyproject.toml")
        table = _lint_table(path, _read_toml(path), explicit=True)
        return _parse(path, table or {})
    found = find_config(start or Path.cwd())
    if found is None:
        return LintConfig()
    path, table = found
    return _parse(path, table)


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The first docgen.toml, or pyproject.toml with a [tool.docgen.lint] table, from
    `start` up to the file system root."""
    here = start.resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            table = _lint_table(candidate, _read_toml(candidate), explicit=False)
            if table is not None:
                return candidate, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"is not valid TOML: {exc}", "fix the syntax or pass another --config") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror or exc}") from None


def _lint_table(path: Path, data: dict[str, Any], *, explicit: bool) -> dict[str, Any] | None:
    """The lint table of a config file; None when it has none (the lookup then goes on
    upwards), an empty table for a file named explicitly (all defaults)."""
    table = None
    tool = data.get("tool")
    if isinstance(tool, dict) and isinstance(tool.get("docgen"), dict):
        table = tool["docgen"].get("lint")
    if table is None and path.name != "pyproject.toml":
        table = data.get("lint")
    if table is None and explicit:
        table = {}
    if table is not None and not isinstance(table, dict):
        raise InputError(path, "the lint configuration must be a table", "write [tool.docgen.lint] (or [lint] in docgen.toml)")
    return table


def _key(path: Path, key: str, problem: str, hint: str | None = None) -> InputError:
    return InputError(path, f"key '{key}': {problem}", hint)


def _parse(path: Path, table: dict[str, Any]) -> LintConfig:
    for key in table:
        if key not in _KEYS:
            raise _key(path, key, "unknown lint setting", f"known settings: {', '.join(sorted(_KEYS))}")
    severity = _severity(path, table.get("severity", {}))
    ignore = tuple(_ignore(path, i, entry) for i, entry in enumerate(_list(path, "ignore", table.get("ignore", []))))
    external = tuple(_strings(path, "external", table.get("external", [])))
    sections = tuple(_strings(path, "dmves-sections", table.get("dmves-sections", ["18"])))
    return LintConfig(
        severity=MappingProxyType(severity),
        ignore=ignore,
        external=external,
        dmves_sections=sections,
        source=str(path),
    )


def _severity(path: Path, raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise _key(path, "severity", "must be a table of rule = severity", 'e.g. severity = { "numbering/gap" = "error" }')
    allowed = (*SEVERITIES, OFF)
    out: dict[str, str] = {}
    for rule, level in raw.items():
        if rule not in RULES:
            raise _key(path, f"severity.{rule}", "unknown rule", f"rules: {', '.join(RULES)}")
        if level not in allowed:
            raise _key(path, f"severity.{rule}", f"unknown severity {level!r}", f"use one of {', '.join(allowed)}")
        out[rule] = level
    return out


def _list(path: Path, key: str, raw: Any) -> list[Any]:
    if not isinstance(raw, list):
        raise _key(path, key, "must be a list")
    return raw


def _strings(path: Path, key: str, raw: Any) -> list[str]:
    items = _list(path, key, raw)
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise _key(path, f"{key}[{i}]", "must be a non-empty string")
    return [s.strip() for s in items]


def _ignore(path: Path, index: int, entry: Any) -> Ignore:
    where = f"ignore[{index}]"
    if not isinstance(entry, dict):
        raise _key(path, where, "must be a table with ref and reason", '[[tool.docgen.lint.ignore]] ref = "18.5(q)" reason = "..."')
    for key in entry:
        if key not in _IGNORE_KEYS:
            raise _key(path, f"{where}.{key}", "unknown setting", f"known: {', '.join(sorted(_IGNORE_KEYS))}")
    ref, reason, rule = entry.get("ref"), entry.get("reason"), entry.get("rule")
    if not isinstance(ref, str) or not ref.strip():
        raise _key(path, f"{where}.ref", "is required: the clause reference to ignore")
    if not isinstance(reason, str) or not reason.strip():
        raise _key(path, f"{where}.reason", "is required: say why the finding is acceptable", "an ignore without a reason cannot be reviewed")
    if rule is not None and rule not in RULES:
        raise _key(path, f"{where}.rule", f"unknown rule {rule!r}", f"rules: {', '.join(RULES)}")
    return Ignore(ref=ref.strip(), reason=reason.strip(), rule=rule)


__all__ = ["CONFIG_NAMES", "Ignore", "LintConfig", "find_config", "load_config"]

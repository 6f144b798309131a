"""Errors a user sees. Anything raised as InputError becomes one line and exit code 2."""

from __future__ import annotations


class DocgenError(Exception):
    """Base of docgen's own errors."""

    exit_code = 2


class InputError(DocgenError):
    """Bad input: missing, wrong type, corrupt, hostile or too large. Message names the file."""

    def __init__(self, path: object, problem: str, hint: str | None = None):
        self.path = str(path)
        self.problem = problem
        self.hint = hint
        text = f"{self.path}: {problem}"
        if hint:
            text += f" ({hint})"
        super().__init__(text)


class UsageError(DocgenError):
    """A request that cannot be carried out as asked (unknown ref, impossible demotion...)."""

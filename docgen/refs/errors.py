"""The one error type of the reference package."""

from __future__ import annotations


class RefError(ValueError):
    """A text that should be a clause reference is not one (or is several)."""

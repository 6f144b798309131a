"""Input limits, in one place, so they can be documented and changed together.

Each limit can be raised by an environment variable (documented in the README under
"Limits and security"); the defaults let every real SEC appendix through with a wide margin.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return max(1, int(raw))
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    """Bounds on what docgen reads, so a hostile or broken input fails fast and clearly."""

    max_input_bytes: int = 200 * 1024 * 1024  # a file on disk
    max_unzipped_bytes: int = 512 * 1024 * 1024  # all entries of one package together
    max_entry_bytes: int = 256 * 1024 * 1024  # one entry
    max_ratio: int = 200  # uncompressed / compressed for any entry bigger than 1 MiB
    max_entries: int = 10_000
    max_xml_depth: int = 256  # element nesting in any XML part
    max_pdf_pages: int = 5_000

    @classmethod
    def from_env(cls) -> "Limits":
        mb = 1024 * 1024
        d = cls()
        return cls(
            max_input_bytes=_env_int("DOCGEN_MAX_INPUT_MB", d.max_input_bytes // mb) * mb,
            max_unzipped_bytes=_env_int("DOCGEN_MAX_UNZIPPED_MB", d.max_unzipped_bytes // mb) * mb,
            max_entry_bytes=_env_int("DOCGEN_MAX_ENTRY_MB", d.max_entry_bytes // mb) * mb,
            max_ratio=_env_int("DOCGEN_MAX_ZIP_RATIO", d.max_ratio),
            max_entries=_env_int("DOCGEN_MAX_ZIP_ENTRIES", d.max_entries),
            max_xml_depth=_env_int("DOCGEN_MAX_XML_DEPTH", d.max_xml_depth),
            max_pdf_pages=_env_int("DOCGEN_MAX_PDF_PAGES", d.max_pdf_pages),
        )

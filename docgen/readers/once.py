"""Each input read once per command, however many jobs use it.

`docgen build` lints each pack (which compares every redlined document) before it builds
the pack (which compares them again, writes the redlines and lints the new versions), and
a document can be one pack's NEW and the baseline of a lint. Reading is parsing, so the
command keeps what it read here and every job takes the same `Document`, with the parsed
parts it carries. Documents are shared: a job may set `source` (how reports name the file)
but changes nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docgen.limits import Limits
from docgen.model import Document, Matrix


@dataclass
class ReadOnce:
    """`read_document` and `read_matrix`, remembered by the file's resolved path."""

    limits: Limits | None = None
    _documents: dict[tuple[Path, str], Document] = field(default_factory=dict)
    _matrices: dict[Path, Matrix] = field(default_factory=dict)

    def document(self, path: str | Path, *, view: str = "new") -> Document:
        from docgen.readers import read_document

        key = (Path(path).resolve(), view)
        if key not in self._documents:
            self._documents[key] = read_document(path, view=view, limits=self.limits)
        return self._documents[key]

    def matrix(self, path: str | Path) -> Matrix:
        from docgen.readers import read_matrix

        key = Path(path).resolve()
        if key not in self._matrices:
            self._matrices[key] = read_matrix(path, limits=self.limits)
        return self._matrices[key]

"""Loading a DMVES exported as CSV: one grid named after the file.

Excel writes CSV as UTF-8 with a byte-order mark, or in the Windows code page, with commas or
(in locales with a decimal comma) semicolons; so the encoding and the delimiter are detected
rather than assumed. Row numbers are CSV records, which is what Excel shows when it opens
the file, so `cell` still points at the right place.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from docgen.errors import InputError
from docgen.readers.dmves.grid import Grid, GridCell

_SAMPLE = 64 * 1024
_DELIMITERS = ",;\t|"


def decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:_SAMPLE]:
        raise InputError(path, "is a binary file, not CSV text", "export the matrix as CSV or give the .xlsx")
    return decode_csv(data)[1]


def decode_csv(data: bytes) -> tuple[str, str]:
    """(encoding, text): UTF-8 (with or without the byte-order mark Excel writes), else the
    Windows code page, else Latin-1, which decodes every byte (cp1252 leaves five unassigned).
    The encoding is the one to write the file back in, so an edited matrix keeps its own."""
    try:
        return ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"), data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return "cp1252", data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1", data.decode("latin-1")


def csv_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The delimiter and quoting of a CSV, sniffed from its start (Excel writes ";" in locales
    with a decimal comma)."""
    try:
        return csv.Sniffer().sniff(text[:_SAMPLE], delimiters=_DELIMITERS)
    except csv.Error:
        return csv.excel  # one column, or too little text to tell: Excel's own default


def load_csv_grid(path: Path) -> Grid:
    text = decode(path, path.read_bytes())
    grid = Grid(path.stem)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), csv_dialect(text))
        for row_no, record in enumerate(reader, start=1):
            for col_no, value in enumerate(record, start=1):
                if value.strip():
                    grid.cells[(row_no, col_no)] = GridCell(value, value)
    except csv.Error as exc:
        raise InputError(path, f"is not readable CSV ({exc})", "export it again from Excel as CSV UTF-8") from None
    return grid

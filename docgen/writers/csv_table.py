"""Tables written as CSV the way every docgen report writes them: a header row, then rows,
CRLF line ends (RFC 4180, and what Excel writes); for files a person opens in Excel, UTF-8
with a byte-order mark, without which Excel reads ☒ and accents in the Windows code page.

The files opened in Excel carry what respondents wrote (names, organisations, comments).
Excel runs a cell that opens with '=', '+', '-' or '@' as a formula, so a comment reading
"=HYPERLINK(...)" would be a live link on DCC's machine: such a text cell is written with a
leading apostrophe, which makes it text (the formula-injection guard OWASP describes), and
`text_cell` reads it back as written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _as_text(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def text_cell(value: str) -> str:
    """A cell of a file `excel_csv` wrote (or Excel re-saved) as it was before the guard."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def excel_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """`csv_text` as the bytes of a .csv Excel opens correctly (UTF-8 with a byte-order mark),
    with every text cell that Excel would run as a formula kept as text."""
    return csv_text(columns, ([_as_text(v) for v in row] for row in rows)).encode("utf-8-sig")

"""Tables written as CSV the way every docgen report writes them: a header row, then rows,
CRLF line ends (RFC 4180, and what Excel writes); for files a person opens in Excel, UTF-8
with a byte-order mark, without which Excel reads ☒ and accents in the Windows code page.
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


def excel_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """`csv_text` as the bytes of a .csv Excel opens correctly (UTF-8 with a byte-order mark)."""
    return csv_text(columns, rows).encode("utf-8-sig")

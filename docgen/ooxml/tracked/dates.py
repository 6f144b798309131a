"""The date every revision carries: `--date`, else SOURCE_DATE_EPOCH, else now.

A fixed date makes a redline byte-identical run to run (reproducible builds set
SOURCE_DATE_EPOCH); w:date wants ISO 8601 in UTC, which is what Word writes. The one reading
of a revision date, for the .docx redline's w:date and the workbook redline's properties.
"""

from __future__ import annotations

import datetime as _dt
import os

from docgen.errors import UsageError


def parse_revision_date(date: str) -> _dt.datetime:
    """`--date` as a UTC instant without microseconds (naive: UTC is implied); a date without
    a zone is read as UTC. UsageError, saying what is expected, when it is not ISO 8601."""
    try:
        when = _dt.datetime.fromisoformat(date.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--date {date!r} is not an ISO 8601 date (e.g. 2025-03-31 or 2025-03-31T12:00:00Z)") from None
    if when.tzinfo is not None:
        when = when.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return when.replace(microsecond=0)


def revision_date(date: str | None = None) -> str:
    """The revisions' date: `--date`, else SOURCE_DATE_EPOCH, else now; UTC, no microseconds."""
    if date:
        when = parse_revision_date(date)
    elif os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        raw = os.environ["SOURCE_DATE_EPOCH"].strip()
        try:
            when = _dt.datetime.fromtimestamp(int(raw), _dt.timezone.utc).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={raw!r} is not a whole number of seconds") from None
    else:
        when = _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
    return when.replace(microsecond=0).isoformat() + "Z"

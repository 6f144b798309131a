"""Dates as SEC documents print them, independent of the machine's locale.

`strftime("%B")` follows the C library locale, so a build on a machine set to French
would name "février"; the month names are spelled out here instead.
"""

from __future__ import annotations

import datetime as dt
import os

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def long_date(day: dt.date) -> str:
    """'5 February 2025'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_year(day: dt.date) -> str:
    """'February 2025'."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def deadline(moment: dt.datetime) -> str:
    """'1600 on 5 March 2025', the form consultations give their closing time in."""
    return f"{moment.hour:02d}{moment.minute:02d} on {long_date(moment.date())}"


def build_moment(published: dt.date) -> dt.datetime:
    """The one timestamp written inside every output: SOURCE_DATE_EPOCH if set, else the pack date.

    Using the pack's own date (not "now") is what makes two builds byte-identical; honouring
    SOURCE_DATE_EPOCH lets reproducible-build tooling pin it explicitly.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            moment = dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc).replace(tzinfo=None)
            return max(moment, dt.datetime(1980, 1, 1))
        except (ValueError, OverflowError, OSError):
            pass
    return dt.datetime.combine(max(published, dt.date(1980, 1, 1)), dt.time(0, 0))


def zip_time(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """Zip entries carry local time with 2-second resolution and cannot predate 1980."""
    moment = max(moment, dt.datetime(1980, 1, 1))
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second - moment.second % 2)

"""Version chains of a small S1SR-like section 18, for the history and impact tests.

Each version is a real .docx with Word numbering (built by lint_builders.build_docx, read
back by the docx reader), titled "SMETS1 Supporting Requirements vN" so the reader finds
the appendix (AM) and the version the chain is ordered by.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from lint_builders import Para, build_docx

LEAD = ("c", "The following Device Models behave as described when they receive the variants listed:")
ALPHA = ("i", "the Alpha ESME, on receipt of SRV 1.1, applies the new tariff at midnight;")
BETA = ("i", "the Beta ESME, on receipt of SRV 4.8.3, is read as follows:")
SUB_1 = "no more than 48 half-hour periods are returned in one response;"
SUB_2 = "periods with no recorded export are returned as zero;"
GAMMA = ("i", "the Gamma GSME, on receipt of SRV 4.14, returns an empty event log;")
DELTA = ("i", "the Delta PPMID, on receipt of SRV 8.8.1, remains shown as joined until the next synchronisation.")
EPSILON = ("c", "The Epsilon CHF reports the signal strength of a Device in response to SRV 8.2 only for joined Devices.")
ZETA = ("c", "The Zeta GSME takes its daily read at 05:00 local time rather than at midnight.")
ETA = ("c", "The Eta ESME rejects SRV 7.2 while a friendly credit period is running.")


def unjoined(ref: str) -> Para:
    return ("c", f"Where the Delta PPMID has been unjoined as described in Clause {ref}, the S1SP rejects any SRV 8.7.1 for it.")


def section(*paras: Para) -> list[Para]:
    return [("h", "Device behaviours"), *paras]


def correct(ref: str = "18.1(d)") -> list[Para]:
    """18.1(b) with its sub-items numbered (i), (ii): the v11 shape."""
    return section(LEAD, ALPHA, BETA, ("s", SUB_1), ("s", SUB_2), GAMMA, DELTA, unjoined(ref), EPSILON, ZETA)


def promoted(ref: str = "18.1(f)") -> list[Para]:
    """The v12 error: the sub-items of 18.1(b) lettered as items, so Gamma and Delta shift."""
    return section(LEAD, ALPHA, BETA, ("i", SUB_1), ("i", SUB_2), GAMMA, DELTA, unjoined(ref), EPSILON, ZETA)


def write(tmp_path: Path, name: str, version: str, paras: Sequence[Para]) -> Path:
    return build_docx(paras, tmp_path / name, first_section=18, title=f"SMETS1 Supporting Requirements v{version}")

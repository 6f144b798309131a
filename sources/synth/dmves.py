"""The synthetic DMVES workbook (S1SR Annex A), versions 12 (older) and 12.2 (current).

Rows are derived from the S1SR's own facts (`s1sr.behaviours`), so each row's Device Model
and SRV cells appear verbatim in the clause they cite. The matrix always used the correct
(v11) numbering, which is what makes the S1SR v12 shift detectable. To look like a real
workbook it has title rows above the header, one sheet per device family plus a "Read Me"
sheet, and references spelled in the four ways seen in the wild.

Version "12" is the older matrix: it lacks the rows for the clauses S1SR v12 added
(18.7(f) and 18.62) and has one SRV cell and one Device Model cell that v12.2 changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from synth.devices import device
from synth.s1sr import Behaviour, behaviours
from docgen.ooxml.sheets.workbook import workbook_bytes

VERSIONS = ("12", "12.2")
TITLE = "SEC Appendix AM Annex A – Device Model Variations to Equivalent Steps Matrix"
HEADER = ("S1SR Clause", "Manufacturer", "Device Model(s)", "EPCL GroupID", "Cohort", "SRV", "Notes")
SHEETS = {"ESME": "ESME", "GSME": "GSME", "CHF": "Comms Hubs and PPMIDs", "PPMID": "Comms Hubs and PPMIDs"}
SHEET_ORDER = ("ESME", "GSME", "Comms Hubs and PPMIDs")
TITLE_ROWS = 3  # the header is on worksheet row 4
COLUMN_WIDTHS = (18, 22, 30, 14, 10, 26, 44)

# Cells the older matrix (version 12) had differently: (ref, device) -> column -> old value.
_OLDER_CELLS: dict[tuple[str, str], dict[str, str]] = {
    ("18.21", "Kamstrup Nordic ESME"): {"SRV": "SRV 6.15.1"},
    ("18.40", "Secure Liberty 100 ESME"): {"Device Model(s)": "Liberty 100"},
}
_NOTES: dict[str, str] = {
    "18.5(p)": "Includes the constraints at sub-items (i) to (vi).",
    "18.7(f)": "Added with S1SR version 12.",
    "18.62": "Added with S1SR version 12.",
    "18.9": "Read with the row for 18.5(t).",
}
_READ_ME = (
    TITLE,
    "",
    "This workbook forms Annex A of the SMETS1 Supporting Requirements (S1SR).",
    "Each row ties a clause of Section 18 of the S1SR to a Device Model to which it applies.",
    "Where a clause applies to several Device Models, it has one row for each of them.",
    "The SRV column gives the Service Request Variant(s) named in the clause.",
    "Clause references follow the numbering of the S1SR version this matrix accompanies.",
    "Rows are grouped by device type on the ESME, GSME and Comms Hubs and PPMIDs sheets.",
)


@dataclass(frozen=True)
class DmvesRow:
    """One worksheet row as written, plus the canonical ref it stands for."""

    sheet: str
    ref: str  # canonical: "18.5(p)"
    ref_as_written: str
    manufacturer: str
    device_model: str
    group_id: str
    cohort: str
    srv: str
    notes: str

    def cells(self) -> tuple[str, ...]:
        return (self.ref_as_written, self.manufacturer, self.device_model, self.group_id, self.cohort, self.srv, self.notes)


def _spell(ref: str, n: int) -> str:
    """The n-th row's spelling of a ref: the four item forms in turn, clauses two ways."""
    match = re.fullmatch(r"(\d+\.\d+)\(([a-z]+)\)", ref)
    if match:
        clause, letter = match.groups()
        forms = (f"{clause}{letter}", f"{clause}({letter})", f"{clause} ({letter})", f"Clause {clause}({letter})")
        return forms[n % 4]
    return f"Clause {ref}" if n % 3 == 2 else ref


def rows(version: str) -> list[DmvesRow]:
    """Every row of the matrix version, in sheet order then clause order."""
    if version not in VERSIONS:
        raise ValueError(f"unknown DMVES version {version!r}; known: {', '.join(VERSIONS)}")
    source: list[Behaviour] = behaviours("12.2" if version == "12.2" else "11")
    out: list[DmvesRow] = []
    n = 0
    for behaviour in source:
        for name in behaviour.devices:
            dev = device(name)
            cells = {"Device Model(s)": name, "SRV": ", ".join(behaviour.srvs)}
            if version == "12":
                cells.update(_OLDER_CELLS.get((behaviour.ref, name), {}))
            out.append(
                DmvesRow(
                    sheet=SHEETS[dev.kind],
                    ref=behaviour.ref,
                    ref_as_written=_spell(behaviour.ref, n),
                    manufacturer=dev.manufacturer,
                    device_model=cells["Device Model(s)"],
                    group_id=dev.group_id,
                    cohort=dev.cohort,
                    srv=cells["SRV"],
                    notes=_NOTES.get(behaviour.ref, ""),
                )
            )
            n += 1
    return sorted(out, key=lambda r: SHEET_ORDER.index(r.sheet))  # stable: clause order kept


def _version_label(version: str) -> str:
    return version if "." in version else f"{version}.0"


def render_dmves(version: str) -> Workbook:
    wb = Workbook()
    readme = wb.active
    readme.title = "Read Me"
    for i, line in enumerate(_READ_ME, 1):
        readme.cell(row=i, column=1, value=line or None)
    readme["A1"].font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 100
    all_rows = rows(version)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    for name in SHEET_ORDER:
        ws = wb.create_sheet(name)
        ws.cell(row=1, column=1, value=TITLE).font = Font(bold=True, size=14)
        ws.cell(row=2, column=1, value=f"Version {_version_label(version)}").font = Font(bold=True)
        for col, label in enumerate(HEADER, 1):
            cell = ws.cell(row=TITLE_ROWS + 1, column=col, value=label)
            cell.font = Font(bold=True)
            cell.fill = header_fill
        r = TITLE_ROWS + 2
        for row in all_rows:
            if row.sheet != name:
                continue
            for col, value in enumerate(row.cells(), 1):
                cell = ws.cell(row=r, column=col, value=value or None)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            r += 1
        for col, width in enumerate(COLUMN_WIDTHS):
            ws.column_dimensions[chr(65 + col)].width = width
        ws.freeze_panes = ws.cell(row=TITLE_ROWS + 2, column=1)
    wb.properties.title = f"Device Model Variations to Equivalent Steps Matrix v{_version_label(version)}"
    wb.properties.subject = "SEC Appendix AM Annex A"
    wb.properties.creator = "docgen-synth"
    return wb


def build_dmves(version: str) -> bytes:
    return workbook_bytes(render_dmves(version))

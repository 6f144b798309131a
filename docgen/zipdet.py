"""Byte-identical Office packages: the same content must give the same file on every run.

zipfile stamps each entry with the current time and openpyxl stamps the workbook's
"modified" property with the current time, so two saves of the same workbook differ. Every
writer that produces a zip (docx, xlsx) passes its bytes through `normalise_zip` (which lives
with the rest of the package format in `docgen.ooxml.parts`); workbooks go through
`deterministic_xlsx_bytes`, which also pins the core properties.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from typing import TYPE_CHECKING

from docgen.ooxml.parts import FIXED_DATE_TIME, normalise_zip

__all__ = ["FIXED_DATE_TIME", "FIXED_PROPERTIES_TIME", "deterministic_xlsx_bytes", "normalise_zip"]

if TYPE_CHECKING:  # openpyxl is only needed by callers that already hold a workbook
    from openpyxl import Workbook

FIXED_PROPERTIES_TIME = _dt.datetime(2020, 1, 1, 0, 0, 0)


def deterministic_xlsx_bytes(workbook: "Workbook", when: _dt.datetime = FIXED_PROPERTIES_TIME) -> bytes:
    """Serialise an openpyxl workbook reproducibly.

    `openpyxl.save_workbook` overwrites `properties.modified` with the current time, so the
    workbook is written through openpyxl's ExcelWriter directly, after pinning created,
    modified and the author fields, and the zip is then normalised.
    """
    from openpyxl.writer.excel import ExcelWriter

    props = workbook.properties
    props.created = when
    props.modified = when
    props.creator = props.creator or "docgen"
    props.lastModifiedBy = props.lastModifiedBy or props.creator
    buf = io.BytesIO()
    archive = zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(workbook, archive).save()  # closes the archive
    return normalise_zip(buf.getvalue())

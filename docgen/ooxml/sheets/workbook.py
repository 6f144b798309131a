"""Opening and saving .xlsx packages with openpyxl, the one way every reader and writer does.

Opening: the package's zip has already been checked by `docgen.ooxml.package.Package` (entry
names, sizes, DTDs); its bytes become an openpyxl workbook without running or keeping any
macro, and whatever openpyxl raises on a damaged file becomes one InputError.

Saving: openpyxl stamps the workbook's "modified" property and every zip entry with the
current time, so two saves of the same workbook differ. `workbook_bytes` pins the core
properties and normalises the zip, so the same content always gives the same file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from docgen.errors import InputError
from docgen.ooxml.parts import normalise_zip

FIXED_PROPERTIES_TIME = dt.datetime(2020, 1, 1, 0, 0, 0)


def open_workbook(path: Path, data: bytes, *, data_only: bool, read_only: bool = False, rich_text: bool | None = None) -> Any:
    # Imported here: openpyxl takes a noticeable time to import and most commands never need it.
    from openpyxl import load_workbook

    try:
        # A file object, not the path: openpyxl refuses names it does not recognise (.XLSX.bak).
        return load_workbook(
            io.BytesIO(data),
            read_only=read_only,
            data_only=data_only,
            keep_vba=False,
            keep_links=False,
            rich_text=(not read_only) if rich_text is None else rich_text,
        )
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises anything from KeyError to TypeError on bad files
        raise InputError(
            path,
            f"could not be read as an Excel workbook ({type(exc).__name__}: {exc})".replace("\n", " "),
            "open it in Excel and save it again as .xlsx",
        ) from None


def workbook_bytes(workbook: Any, when: dt.datetime = FIXED_PROPERTIES_TIME) -> bytes:
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

"""Opening a vetted .xlsx package with openpyxl, the one way every reader and writer does.

The package's zip has already been checked by `docgen.ooxml.package.Package` (entry names,
sizes, DTDs); this turns its bytes into an openpyxl workbook without running or keeping any
macro, and turns whatever openpyxl raises on a damaged file into one InputError.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docgen.errors import InputError


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

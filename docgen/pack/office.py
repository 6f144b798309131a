"""Finishing Word packages the pack writes: fixed core properties and fixed zip times.

python-docx keeps whatever created/modified stamps the template carried and docxtpl adds
nothing of its own, so pinning the core properties to the build moment and normalising the
zip is all it takes for two builds to give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docgen.ooxml.parts import normalise_zip
from docgen.pack.dates import zip_time
from docgen.pack.templates import docx_bytes


def stamp_core(document: Any, *, title: str, moment: dt.datetime, subject: str = "", identifier: str = "") -> None:
    props = document.core_properties
    props.title = title
    props.subject = subject
    props.identifier = identifier
    props.author = "docgen"
    props.last_modified_by = "docgen"
    props.comments = ""
    props.revision = 1
    props.created = moment
    props.modified = moment


def finish_docx(document: Any, moment: dt.datetime) -> bytes:
    """Serialise with fixed zip entry times (the core properties are stamped by the caller)."""
    return normalise_zip(docx_bytes(document), zip_time(moment))

"""The HTML redline: one self-contained page, a change summary on top, the marked document below.

The page comes from a jinja2 template users can edit (templates/redline.html.j2, or the
same name in the folder DOCGEN_TEMPLATES names) so house style is a template change, not a
code change. Autoescaping is on because clause text arrives from documents docgen did not
write; the template therefore never has to remember to escape.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.errors import UsageError
from docgen.writers.redline_view import build_view

if TYPE_CHECKING:
    import jinja2

    from docgen.transforms.compare import Comparison

TEMPLATE = "redline.html.j2"


def template_dirs() -> list[Path]:
    """Where templates are looked up: the user's folder (DOCGEN_TEMPLATES) first, then docgen's."""
    dirs = []
    override = os.environ.get("DOCGEN_TEMPLATES")
    if override:
        dirs.append(Path(override))
    dirs.append(Path(__file__).resolve().parents[2] / "templates")
    return dirs


def _environment() -> "jinja2.Environment":
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs()]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(comparison: "Comparison", *, title: str | None = None) -> str:
    import jinja2

    view = build_view(comparison, title)
    try:
        template = _environment().get_template(TEMPLATE)
    except jinja2.TemplateNotFound:
        where = ", ".join(str(d) for d in template_dirs())
        raise UsageError(f"{TEMPLATE}: template not found in {where}; set DOCGEN_TEMPLATES to a folder holding it") from None
    except jinja2.TemplateSyntaxError as exc:
        raise UsageError(f"{exc.filename or TEMPLATE}:{exc.lineno}: template error: {exc.message}") from None
    try:
        return template.render(view=view)
    except jinja2.UndefinedError as exc:
        raise UsageError(f"{TEMPLATE}: template uses something the redline does not provide ({exc.message})") from None

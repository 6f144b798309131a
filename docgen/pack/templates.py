"""Finding and rendering the user-editable templates in `templates/`.

The wording of a direction and the layout of the Word files belong to the people who
publish them, so they live as files users can edit (jinja2 text, Word documents restyled in
Word) rather than as strings in code. DOCGEN_TEMPLATES points at a folder of replacements;
any template missing there falls back to the bundled one.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Callable

import jinja2

from docgen.errors import InputError

BUNDLED = Path(__file__).resolve().parents[2] / "templates"


def template_path(name: str) -> Path:
    override = os.environ.get("DOCGEN_TEMPLATES", "").strip()
    if override:
        candidate = Path(override) / name
        if candidate.is_file():
            return candidate
    path = BUNDLED / name
    if not path.is_file():
        raise InputError(path, "template not found", "restore it from the repository (git checkout templates/) or run templates/make_templates.py")
    return path


def render_text(name: str, context: dict[str, Any], filters: dict[str, Any] | None = None) -> str:
    """Render a jinja2 text template; a broken edit becomes one line naming the template."""
    path = template_path(name)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(path.parent)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(filters or {})
    try:
        return env.get_template(path.name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(path, f"template error at line {exc.lineno}: {exc.message}", "fix the jinja2 syntax of the template") from None
    except jinja2.UndefinedError as exc:
        raise InputError(path, f"template uses an unknown value: {exc.message}", "see docs/packs.md for the values a template can use") from None


def render_docx(name: str, context: dict[str, Any]) -> Any:
    """Render a docxtpl Word template; returns the python-docx Document, not yet saved."""
    return render_docx_with(name, lambda _tpl: context)


def render_docx_with(name: str, make_context: Callable[[Any], dict[str, Any]]) -> Any:
    """Like render_docx, for a context that needs the template itself (sub-documents)."""
    from docxtpl import DocxTemplate

    path = template_path(name)
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except (KeyError, ValueError, OSError) as exc:
        raise InputError(path, f"is not a usable Word template ({exc})", "restore it from the repository or re-run templates/make_templates.py") from None
    context = make_context(tpl)  # outside the try: our own mistakes are not the template's
    try:
        tpl.render(context, autoescape=True)
    except jinja2.TemplateError as exc:
        raise InputError(path, f"Word template error: {exc}", "check the {{ }} and {% %} tags of the template in Word") from None
    except (KeyError, ValueError, OSError) as exc:
        raise InputError(path, f"is not a usable Word template ({exc})", "restore it from the repository or re-run templates/make_templates.py") from None
    return tpl.docx


def docx_bytes(document: Any) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()

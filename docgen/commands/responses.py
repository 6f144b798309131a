"""`docgen responses collate`: returned response forms into responses.csv, the draft
conclusion and (with --pack) the recommendation letter and the post-consultation redline.

responses.csv is private: it names every respondent. Everything else is written to be
published and is checked, before anything is written, never to contain the name or the
organisation of a respondent who asked for confidentiality (or did not say).

Files that are not filled response templates of the pack are listed with the reason and
skipped; a second form from the same respondent is counted once, with a note; the rest are
collated. Exit codes: 0 when at least one form was collated, 2 when none was (or the pack
description is wrong).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from docgen.errors import DocgenError
from docgen.outputs import atomic_write, refuse_overwriting_inputs
from docgen.pack.conclusion import conclusion_docx, responses_csv
from docgen.pack.dates import build_moment, long_date
from docgen.pack.manifest import sha256
from docgen.pack.responses import Collation, collate
from docgen.pack.spec import PackSpec
from docgen.pack.load import load_pack

CSV_NAME = "responses.csv"
CONCLUSION_NAME = "conclusion.docx"
RECOMMENDATION_NAME = "recommendation-letter.docx"
MANIFEST_NAME = "manifest.json"
# Without a pack nor a publication date in the forms, outputs still need a fixed stamp.
_FALLBACK_DATE = dt.date(2020, 1, 1)
REVISION_AUTHOR = "DCC"


def run(files: list[Path], output: Path, pack: Path | None) -> int:
    spec = load_pack(pack) if pack is not None else None
    fixed = [output / n for n in (CSV_NAME, CONCLUSION_NAME, RECOMMENDATION_NAME, MANIFEST_NAME)]
    refuse_overwriting_inputs(fixed, [*files, pack])
    result = collate(files, spec)
    for problem in result.problems:
        label = "skipped" if problem.rejected else "note"
        print(f"docgen: {label}: {problem.path}: {problem.message}", file=sys.stderr)
    if not result.responses:
        print(f"docgen: error: no response form could be collated from {len(files)} file(s)", file=sys.stderr)
        return 2
    published = result.published or _FALLBACK_DATE
    moment = build_moment(published)
    outputs: dict[str, bytes] = {CSV_NAME: responses_csv(result)}
    roles: dict[str, str] = {CSV_NAME: "responses"}
    later = None
    extra: dict[str, Any] = {}
    if spec is not None:
        later, documents = _after_consultation(spec, moment)
        for name, (role, data) in documents.items():
            outputs[name] = data
            roles[name] = role
        extra = _conclusion_extra(spec, roles)
        outputs[RECOMMENDATION_NAME] = _recommendation(spec, result, moment)
        roles[RECOMMENDATION_NAME] = "recommendation"
    outputs[CONCLUSION_NAME] = conclusion_docx(result, later, moment, extra)
    roles[CONCLUSION_NAME] = "conclusion"
    _check_publishable(result, {n: d for n, d in outputs.items() if roles[n] in ("conclusion", "recommendation")})
    refuse_overwriting_inputs([output / n for n in outputs], [*files, pack])
    for name, data in outputs.items():
        atomic_write(output / name, data)
    manifest = {
        "pack": result.reference,
        "collated": [str(r.path.name) for r in result.responses],
        "files": [{"name": n, "role": roles[n], "sha256": sha256(d), "bytes": len(d), "private": roles[n] == "responses"} for n, d in sorted(outputs.items())],
    }
    atomic_write(output / MANIFEST_NAME, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    skipped = sum(1 for p in result.problems if p.rejected)
    print(
        f"docgen: collated {len(result.responses)} response(s)"
        + (f", skipped {skipped} file(s)" if skipped else "")
        + f": {', '.join(str(output / n) for n in sorted(outputs))}",
        file=sys.stderr,
    )
    return 0


def _after_consultation(spec: PackSpec, moment: dt.datetime) -> tuple[list[Any] | None, dict[str, tuple[str, bytes]]]:
    """For each document with a `final` version: the changes made after the consultation, the
    final version (clean), its redline from the designated version and from the consulted one."""
    from docgen.pack import names
    from docgen.pack.after_consultation import later_changes
    from docgen.pack.dates import zip_time
    from docgen.readers import read_document
    from docgen.transforms.compare import compare
    from docgen.writers.redline_docx import write_redline
    from docgen.ooxml.parts import normalise_zip

    finals = [d for d in spec.documents if d.final is not None and d.old is not None and d.new is not None]
    if not finals:
        return None, {}
    changes: list[Any] = []
    out: dict[str, tuple[str, bytes]] = {}
    stamp = zip_time(moment)
    for doc in finals:
        designated, consulted, final = read_document(doc.old), read_document(doc.new), read_document(doc.final)
        found, later = later_changes(doc.short_name if len(spec.documents) > 1 else "", designated, consulted, final)
        changes.extend(found)
        stem = names.safe(f"SEC Appendix {doc.appendix} {doc.name} v{doc.version_final}")
        date = moment.isoformat() + "Z"
        out[f"{stem} clean.docx"] = ("clean", normalise_zip(Path(doc.final).read_bytes(), stamp))
        out[f"{stem} redlined.docx"] = ("redline", normalise_zip(write_redline(compare(designated, final), author=REVISION_AUTHOR, date=date), stamp))
        out[f"{stem} redline from Consultation version.docx"] = ("consultation-redline", normalise_zip(write_redline(later, author=REVISION_AUTHOR, date=date), stamp))
    return changes, out


def _conclusion_extra(spec: PackSpec, roles: dict[str, str]) -> dict[str, Any]:
    from docgen.pack.consultation import date_groups
    from docgen.pack.spec import join_list

    order = ("clean", "redline", "consultation-redline")
    attached = sorted((n for n, r in roles.items() if r in order), key=lambda n: (order.index(roles[n]), n))
    prose_key = "[docgen: introduction]"
    intro = spec.introduction.read_text(encoding="utf-8") if spec.introduction is not None else "[Set out the background to the consultation and the changes it proposed.]"
    return {
        "classification": spec.classification,
        "contact": spec.author_line,
        "date": long_date(spec.report_by) if spec.report_by else "[DD Month YYYY]",
        "report_by": long_date(spec.report_by) if spec.report_by else "",
        "department": spec.department,
        "dates": [{"date": long_date(day), "documents": join_list(docs)} for day, docs, _ in date_groups(spec)],
        "attachments": [{"number": i, "title": Path(n).stem} for i, n in enumerate(attached, start=1)],
        "prose": {prose_key: intro},
    }


def _recommendation(spec: PackSpec, result: Collation, moment: dt.datetime) -> bytes:
    from docgen.pack.lint import drafting_against_redlines
    from docgen.pack.recommendation import recommendation_docx
    from docgen.readers import read_document, read_matrix

    tables, _ = drafting_against_redlines(spec)
    matrices = {}
    for doc in spec.documents:
        if doc.matrix is not None and doc.new is not None:
            matrices[doc.short_name] = (read_matrix(doc.matrix.old), read_matrix(doc.matrix.new), read_document(doc.new))
    return recommendation_docx(spec, result, tables, matrices, moment)


def _check_publishable(result: Collation, documents: dict[str, bytes]) -> None:
    """The last guard before writing: no confidential respondent named in what is published."""
    import re

    from docgen.ooxml.package_text import package_text

    secrets = {x.strip() for r in result.responses if r.confidential is not False for x in (r.name, r.organisation) if x and len(x.strip()) > 2}
    for name, data in documents.items():
        text = package_text(data)
        for secret in sorted(secrets):
            if re.search(rf"(?<!\w){re.escape(secret)}(?!\w)", text, re.IGNORECASE):
                raise DocgenError(f"{name}: would name a respondent who asked for confidentiality ({secret!r}); nothing was written. Remove the name from the prose or the template")

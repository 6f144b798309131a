"""`docgen responses collate`: returned response forms into responses.csv, the draft
conclusion and (with --pack) the recommendation letter and the post-consultation redline.

responses.csv is private: it names every respondent. Everything else is written to be
published and is checked, before anything is written, never to contain the name or the
organisation of a respondent who asked for confidentiality (or did not say).

Files that are not filled response templates of the pack are listed with the reason and
skipped; a second form from the same respondent is counted once, with a note; the rest are
collated. Every count comes from one tally, written as collation.json; answers that need a
person's decision are listed on stderr and in review.csv, and settled by `--decisions FILE`.
Exit codes: 0 when at least one form was collated and nothing is left to review, 1 when
answers are still to be reviewed (the outputs are written and say so), 2 when no form could
be collated, the pack or the decisions file is wrong, or a published document would name a
confidential respondent (then nothing is written).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from docgen import soffice
from docgen.errors import DocgenError, InputError, UsageError
from docgen.ooxml.package_text import package_text
from docgen.outputs import atomic_write, refuse_overwriting_inputs
from docgen.pack.conclusion import conclusion_docx, responses_csv
from docgen.pack.dates import build_moment, long_date
from docgen.pack.manifest import sha256
from docgen.pack.designation import HandedOver, attachment_titles, documents_phrase, final_stem, handed_over, with_matrices
from docgen.pack.decisions import apply_decisions, load_decisions, review_csv, review_items
from docgen.pack.recommendation import topic_tallies
from docgen.pack.responses import Collation, collate
from docgen.pack.tally import Tally, tally
from docgen.pack.spec import PackSpec
from docgen.pack.load import load_pack

CSV_NAME = "responses.csv"
COLLATION_NAME = "collation.json"
REVIEW_NAME = "review.csv"
CONCLUSION_NAME = "conclusion.docx"
RECOMMENDATION_NAME = "recommendation-letter.docx"
MANIFEST_NAME = "manifest.json"
# Without a pack nor a publication date in the forms, outputs still need a fixed stamp.
_FALLBACK_DATE = dt.date(2020, 1, 1)
REVISION_AUTHOR = "DCC"


FORM_SUFFIXES = (".docx", ".pdf")
PUBLISHED_ROLES = ("conclusion", "recommendation")


def expand_folders(files: list[Path]) -> list[Path]:
    """The forms to collate: files as given, and for a folder the forms in it, by name.

    Responses arrive in a mailbox folder, so a folder stands for its .docx and .pdf files
    (not hidden files, nor the "~$" lock files Word leaves beside an open document), in
    name order so that the outputs do not depend on the file system's order.
    """
    expanded: list[Path] = []
    for path in files:
        if not Path(path).is_dir():
            expanded.append(path)
            continue
        found = sorted(
            p for p in Path(path).iterdir()
            if p.is_file() and p.suffix.lower() in FORM_SUFFIXES and not p.name.startswith((".", "~$"))
        )
        if not found:
            raise InputError(path, "is a folder with no .docx or .pdf response in it", "give the folder the returned forms are in, or the forms themselves")
        expanded.extend(found)
    return expanded


def check_output_folder(output: Path) -> None:
    """-o names a folder (made when missing): a file there, or above it, is a one-line error
    before anything is read or written."""
    for at in (output, *output.parents):
        if at.exists():
            if not at.is_dir():
                what = "is a file" if at == output else f"is inside {at}, which is a file"
                raise UsageError(f"{output}: {what}, not a folder; give -o the folder to write the collation into (it is created if missing)")
            return


def run(files: list[Path], output: Path, pack: Path | None, decisions: Path | None = None, pdf: bool = False) -> int:
    check_output_folder(Path(output))
    if pdf and not soffice.available():
        raise UsageError("--pdf needs LibreOffice (soffice), which was not found; install libreoffice-writer-nogui, or leave out --pdf")
    files = expand_folders(files)
    spec = load_pack(pack) if pack is not None else None
    fixed = [output / n for n in (CSV_NAME, CONCLUSION_NAME, RECOMMENDATION_NAME, MANIFEST_NAME, COLLATION_NAME, REVIEW_NAME)]
    refuse_overwriting_inputs(fixed, [*files, pack, decisions])
    settled = load_decisions(decisions) if decisions is not None else {}
    result = collate(files, spec)
    for problem in result.problems:
        label = "skipped" if problem.rejected else "note"
        print(f"docgen: {label}: {problem.path}: {problem.message}", file=sys.stderr)
    if not result.responses:
        print(f"docgen: error: no response form could be collated from {len(files)} file(s)", file=sys.stderr)
        return 2
    if decisions is not None:
        for note in apply_decisions(result, settled, decisions):
            print(f"docgen: note: {note}", file=sys.stderr)
    counts = topic_tallies(spec, result) if spec is not None else tally(result)
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
        matrices = _matrices(spec)
        handed = handed_over(spec, {k: (v[0], v[1]) for k, v in matrices.items()})
        extra = _conclusion_extra(spec, handed)
        outputs[RECOMMENDATION_NAME] = _recommendation(spec, result, moment, counts, matrices, handed)
        roles[RECOMMENDATION_NAME] = "recommendation"
    outputs[CONCLUSION_NAME] = conclusion_docx(result, later, moment, extra, counts)
    roles[CONCLUSION_NAME] = "conclusion"
    outputs[COLLATION_NAME] = counts.to_json().encode("utf-8")
    roles[COLLATION_NAME] = "collation"
    items = review_items(result)
    outputs[REVIEW_NAME] = review_csv(items)
    roles[REVIEW_NAME] = "review"
    question_ids = [q.id for q in result.questions]
    _check_publishable(result, {n: package_text(d, properties=True) for n, d in outputs.items() if roles[n] in PUBLISHED_ROLES}, question_ids)
    if pdf:
        made = _pdfs(outputs)
        outputs.update(made)
        roles.update({name: roles[Path(name).stem + ".docx"] for name in made})
        _check_publishable(result, {n: _pdf_text(d) for n, d in made.items()}, question_ids)
    refuse_overwriting_inputs([output / n for n in outputs], [*files, pack, decisions])
    for name, data in outputs.items():
        atomic_write(output / name, data)
    private = ("responses", "review")
    manifest = {
        "pack": result.reference,
        "collated": [str(r.path.name) for r in result.responses],
        "files": [{"name": n, "role": roles[n], "sha256": sha256(d), "bytes": len(d), "private": roles[n] in private} for n, d in sorted(outputs.items())],
    }
    atomic_write(output / MANIFEST_NAME, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    for item in items:
        print(f"docgen: review: {item.file}: {item.question}: {item.why} (read: {item.read!r})", file=sys.stderr)
    skipped = sum(1 for p in result.problems if p.rejected)
    print(
        f"docgen: collated {len(result.responses)} response(s)"
        + (f", skipped {skipped} file(s)" if skipped else "")
        + f": {', '.join(str(output / n) for n in sorted(outputs))}",
        file=sys.stderr,
    )
    if items:
        print(
            f"docgen: {len(items)} answer(s) to be reviewed: add a position column to a copy of {output / REVIEW_NAME} "
            "and collate again with --decisions FILE; until then the conclusion and the letter say how many are to be reviewed",
            file=sys.stderr,
        )
        return 1
    return 0


def _after_consultation(spec: PackSpec, moment: dt.datetime) -> tuple[list[Any] | None, dict[str, tuple[str, bytes]]]:
    """For each document with a `final` version: the changes made after the consultation, the
    final version (clean), its redline from the designated version and from the consulted one."""
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
        stem = final_stem(doc)
        date = moment.isoformat() + "Z"
        out[f"{stem} clean.docx"] = ("clean", normalise_zip(Path(doc.final).read_bytes(), stamp))
        out[f"{stem} redlined.docx"] = ("redline", normalise_zip(write_redline(compare(designated, final), author=REVISION_AUTHOR, date=date), stamp))
        out[f"{stem} redline from Consultation version.docx"] = ("consultation-redline", normalise_zip(write_redline(later, author=REVISION_AUTHOR, date=date), stamp))
    return changes, out


def _conclusion_extra(spec: PackSpec, handed: list[HandedOver]) -> dict[str, Any]:
    """What the conclusion says from the pack: the documents handed over (a changed DMVES
    among them), the topics consulted on, the dates and every attachment."""
    from docgen.pack.conclusion_intro import background
    from docgen.pack.topics import date_groups, effective_topics

    prose_key = "[docgen: introduction]"
    intro = background(spec.introduction.read_text(encoding="utf-8")) if spec.introduction is not None else ""
    return {
        "classification": spec.classification,
        "contact": spec.author_line,
        "date": long_date(spec.report_by) if spec.report_by else "[DD Month YYYY]",
        "report_by": long_date(spec.report_by) if spec.report_by else "",
        "department": spec.department,
        "documents": documents_phrase(handed),
        "documents_count": len(handed),
        "topics": [t.title for t in effective_topics(spec)],
        "dates": [{"date": long_date(day), "documents": with_matrices(spec, docs, handed)} for day, docs, _ in date_groups(spec)],
        "attachments": [{"number": i, "title": title} for i, title in enumerate(attachment_titles(handed), start=1)],
        "prose": {prose_key: intro or "[Set out the background to the consultation.]"},
    }


def _matrices(spec: PackSpec) -> dict[str, tuple[Any, Any, Any]]:
    """Each document's DMVES, designated and consulted, with the consulted document."""
    from docgen.readers import read_document, read_matrix

    matrices = {}
    for doc in spec.documents:
        if doc.matrix is not None and doc.new is not None:
            matrices[doc.short_name] = (read_matrix(doc.matrix.old), read_matrix(doc.matrix.new), read_document(doc.new))
    return matrices


def _recommendation(spec: PackSpec, result: Collation, moment: dt.datetime, counts: Tally, matrices: dict[str, tuple[Any, Any, Any]], handed: list[HandedOver]) -> bytes:
    from docgen.pack.lint import drafting_against_redlines
    from docgen.pack.recommendation import recommendation_docx

    tables, _ = drafting_against_redlines(spec)
    return recommendation_docx(spec, result, tables, matrices, moment, counts, handed, _device_models(spec))


def _device_models(spec: PackSpec) -> tuple[Any, ...]:
    """The Device Models the pack's change affects, by manufacturer (docgen.pack.impact_tables)."""
    from docgen.pack.impact_tables import pack_impact, read_changed

    if not any(d.matrix is not None and d.has_redline for d in spec.documents):
        return ()
    return pack_impact(read_changed(spec)).models


def _pdfs(outputs: dict[str, bytes]) -> dict[str, bytes]:
    """The conclusion and the letter printed by LibreOffice, from the .docx files as they will
    be written (the conclusion's contents already carry the pages of its layout: see
    docgen.pack.conclusion.conclusion_docx)."""
    import tempfile

    wanted = [n for n in (CONCLUSION_NAME, RECOMMENDATION_NAME) if n in outputs]
    with tempfile.TemporaryDirectory(prefix="docgen-collate-pdf-") as tmp:
        work = Path(tmp)
        sources = []
        for name in wanted:
            (work / name).write_bytes(outputs[name])
            sources.append(work / name)
        return {Path(name).stem + ".pdf": pdf.read_bytes() for name, pdf in zip(wanted, soffice.convert(sources, "pdf", work / "pdf"))}


def _pdf_text(data: bytes) -> str:
    """What a reader of the PDF sees: the text of every page (and its document information)."""
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        info = " ".join(str(v) for v in (pdf.metadata or {}).values())
        return "\n".join(page.extract_text() or "" for page in pdf.pages) + "\n" + info


def _check_publishable(result: Collation, texts: dict[str, str], question_ids: list[str]) -> None:
    """The last guard before writing: no form of a confidential respondent's names anywhere in
    what is published: the whole text of each .docx (body, tables, headers, footers, notes,
    properties) and, when PDFs are made, what each PDF shows."""
    from docgen.pack.disclosure import find_leak

    for name, text in texts.items():
        leak = find_leak(name, text, result.responses, question_ids)
        if leak is not None:
            section = f" in the section on {leak.question}" if leak.question else ""
            raise DocgenError(
                f"{name}: would name a respondent who asked for confidentiality ({leak.form!r}, a form of the respondent of "
                f"{leak.response.path.name}){section}, in {leak.where!r}; nothing was written. Remove the name from the prose, "
                "the template or the answer that quotes it"
            )

"""Building one consultation pack: every attachment, the manifest and the zip.

This module only orders the work; each output is made by its own module. Everything is
written into a hidden staging folder beside the target and moved into place at the end, so
an interrupted or failed build never leaves a half-made pack where a finished one was. All
PDFs of a pack come from one LibreOffice process, because starting soffice costs more than
converting a document; only the consultation is converted a second time, once its contents
carry the page numbers the first layout gave.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from docgen.errors import UsageError
from docgen.ooxml.markup.classification import stamp_docx
from docgen.pack import direction, names
from docgen.pack.consultation import ConsultationInputs, consultation_docx
from docgen.pack.dates import build_moment, zip_time
from docgen.pack.drafting import DocumentDrafting, clause_changes, document_drafting, drafting_csv, drafting_docx, known_refs, matrix_changed
from docgen.pack.impact_tables import ChangedDocument, pack_impact
from docgen.pack.manifest import ManifestData, display_source, manifest_json, pack_zip
from docgen.pack.response_template import response_template_docx
from docgen.pack.spec import DocumentChange, PackSpec
from docgen.pack.templates import template_path
from docgen.readers.once import ReadOnce
from docgen.ooxml.parts import normalise_zip

TEMPLATES = ("direction.md.j2", "direction.docx", "response_template.docx", "drafting_table.docx", "consultation.docx", "changed_clauses.docx")

Step = Callable[[str], None]


@dataclass
class PackResult:
    pack: PackSpec
    folder: Path
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lint_errors: dict[str, int] = field(default_factory=dict)
    failed: bool = False  # lint errors the pack does not allow


def steps_for(pack: PackSpec) -> int:
    """How many progress steps `build_pack` reports, so a progress bar can size itself."""
    redlined = [d for d in pack.documents if d.has_redline]
    return 5 + 3 * len(redlined) + sum(1 for d in redlined if d.matrix) + (1 if redlined else 0)


def build_pack(pack: PackSpec, out_root: Path, step: Step = lambda _: None, reads: ReadOnce | None = None) -> PackResult:
    """Build the pack into OUT_ROOT/<reference>/. `reads` holds the documents the command
    already read (the pack lint compares them too), so each file is read and parsed once."""
    moment = build_moment(pack.published)
    target = out_root / pack.reference
    _check_target(target)
    out_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{pack.reference}.", suffix=".building", dir=out_root))
    try:
        result = _build_into(pack, staging, moment, step, reads or ReadOnce())
        _swap(staging, target)
        result.folder = target
        return result
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _build_into(pack: PackSpec, staging: Path, moment: dt.datetime, step: Step, reads: ReadOnce) -> PackResult:
    result = PackResult(pack, staging)
    files: dict[str, bytes] = {}
    info = ManifestData(pack, moment, files)
    roles = info.roles
    revision_date = moment.isoformat() + "Z"
    pdf_jobs: list[tuple[str, bytes]] = []  # (pdf name, .docx bytes to convert)
    tables: list[DocumentDrafting] = []
    comparisons: dict[str, object] = {}
    changed: list[ChangedDocument] = []  # read once, for the consultation's impact tables

    for doc in pack.documents:
        if not doc.has_redline:
            tables.append(document_drafting(pack, doc, None))
            info.notes.append(f"{doc.short_name} (Appendix {doc.appendix}) is re-designated by the direction without a redline in this pack; its drafting rows are not checked")
            _changed_clauses(pack, doc, files, roles, pdf_jobs, moment)
            continue
        tables.append(_document_outputs(pack, doc, files, info, result, pdf_jobs, revision_date, moment, step, comparisons, changed, reads))

    step("direction text")
    text = direction.render(pack)
    # Published as Word and PDF, as DCC publishes it; the Markdown stays beside the zip for
    # whoever reviews the wording (role `direction-text`, not an attachment).
    files[names.direction(pack, "md")] = text.markdown.encode("utf-8")
    roles[names.direction(pack, "md")] = "direction-text"
    direction_docx = direction.direction_docx(pack, text, moment)
    files[names.direction(pack, "docx")] = direction_docx
    roles[names.direction(pack, "docx")] = "direction"
    pdf_jobs.append((names.direction(pack, "pdf"), direction_docx))

    step("response template")
    files[names.response_template(pack)] = response_template_docx(pack, moment)
    roles[names.response_template(pack)] = "response-template"

    step("drafting-change table")
    for t in tables:
        info.warnings.extend(t.warnings)
        if t.untabled:
            info.notes.append(f"{t.document.short_name}: changes outside numbered clauses, not tabled: " + "; ".join(repr(u) for u in t.untabled))
    files[names.drafting_table(pack, "csv")] = drafting_csv(tables)
    files[names.drafting_table(pack, "docx")] = drafting_docx(pack, tables, moment)
    roles[names.drafting_table(pack, "csv")] = roles[names.drafting_table(pack, "docx")] = "drafting-table"

    step("consultation document")
    # Its attachments list is made from the files built so far (PDFs are named in advance:
    # they come from the one LibreOffice run below).
    planned = dict(roles)
    if soffice_available():
        planned.update({name: "redline-pdf" for name, _ in pdf_jobs})
        planned[names.direction(pack, "pdf")] = "direction"
        planned.update({names.changed_clauses(pack, d, "pdf"): "changed-clauses" for d in pack.documents if names.changed_clauses(pack, d, "docx") in roles})
    inputs = ConsultationInputs(tables, comparisons, text, planned, pack_impact(changed))
    consultation = consultation_docx(pack, inputs, moment, laid_out=soffice_available())
    files[names.consultation(pack, "docx")] = consultation
    roles[names.consultation(pack, "docx")] = "consultation"
    pdf_jobs.append((names.consultation(pack, "pdf"), consultation))
    roles[names.consultation(pack, "pdf")] = "consultation"

    if pdf_jobs:
        step("PDFs (LibreOffice)")
        _convert_pdfs(pdf_jobs, files, info)
        if names.direction(pack, "pdf") in files:
            roles[names.direction(pack, "pdf")] = "direction"
        for doc in pack.documents:
            if names.changed_clauses(pack, doc, "pdf") in files:
                roles[names.changed_clauses(pack, doc, "pdf")] = "changed-clauses"
        _paginate_consultation(pack, files, info, moment)

    for name in TEMPLATES:
        info.templates[name] = template_path(name).read_bytes()
    result.warnings = list(info.warnings)
    errors = {k: v["errors"] for k, v in info.lint.items() if v["errors"]}
    result.lint_errors = errors
    if errors and not pack.allow_lint_errors:
        result.failed = True
        info.status = "failed: lint errors (set allow_lint_errors = true in the pack to publish anyway)"
    elif errors:
        info.status = "ok (lint errors allowed by the pack)"

    step("manifest and zip")
    _classify(files, pack.classification, moment)
    manifest = manifest_json(info)
    for name, data in files.items():
        (staging / name).write_bytes(data)
    (staging / names.MANIFEST).write_bytes(manifest)
    if not result.failed:
        (staging / names.pack_zip(pack)).write_bytes(pack_zip(_published(files, info.roles), moment, pack.reference))
    result.files = sorted(p.name for p in staging.iterdir())
    return result


def _changed_clauses(pack: PackSpec, doc: DocumentChange, files: dict[str, bytes], roles: dict[str, str], pdf_jobs: list[tuple[str, bytes]], moment: dt.datetime) -> None:
    """A document without a redline is attached as the text of the clauses it changes."""
    from docgen.pack.changed_clauses import changed_clauses_docx

    data = changed_clauses_docx(pack, doc, moment)
    if data is None:
        return
    files[names.changed_clauses(pack, doc, "docx")] = data
    roles[names.changed_clauses(pack, doc, "docx")] = "changed-clauses"
    pdf_jobs.append((names.changed_clauses(pack, doc, "pdf"), data))


def _document_outputs(
    pack: PackSpec,
    doc: DocumentChange,
    files: dict[str, bytes],
    info: ManifestData,
    result: PackResult,
    pdf_jobs: list[tuple[str, bytes]],
    revision_date: str,
    moment: dt.datetime,
    step: Step,
    comparisons: dict[str, object],
    changed: list[ChangedDocument],
    reads: ReadOnce,
) -> DocumentDrafting:
    from docgen.writers.redline import RedlineOptions, redline

    assert doc.old is not None and doc.new is not None
    step(f"{doc.short_name}: reading and comparing v{doc.version_from} and v{doc.version_to}")
    old = reads.document(doc.old)
    new = reads.document(doc.new)
    # Reports print the source path; the repository-relative one is the same on every checkout.
    old.source = display_source(doc.old, pack)
    new.source = display_source(doc.new, pack)
    made = redline(old, new, RedlineOptions(author=pack.organisation, date=revision_date))
    comparison = made.comparison
    comparisons[doc.short_name] = comparison
    info.redlines[doc.short_name] = comparison.summary()
    stem = names.appendix_stem(doc)
    files[names.clean_docx(pack, doc)] = normalise_zip(Path(doc.new).read_bytes(), zip_time(moment))
    info.roles[names.clean_docx(pack, doc)] = "clean"

    step(f"{doc.short_name}: redline")
    files[names.redline_docx(pack, doc)] = normalise_zip(made.docx, zip_time(moment))
    info.roles[names.redline_docx(pack, doc)] = "redline"
    pdf_jobs.append((names.redline_pdf(pack, doc), made.publication_docx(title=f"{stem} redline from v{doc.version_from}")))

    matrix_new = None
    matrix_old = None
    did_change = False
    if doc.matrix is not None:
        step(f"{doc.short_name}: Annex {doc.matrix.annex} workbook redline")
        from docgen.readers.workbook import read_workbook
        from docgen.writers.redline_xlsx import redline_workbook

        # The draft DMVES as it would be designated, beside its redline (stamped with the rest).
        files[names.matrix_clean(pack, doc)] = normalise_zip(Path(doc.matrix.new).read_bytes(), zip_time(moment))
        info.roles[names.matrix_clean(pack, doc)] = "matrix-clean"
        matrix_old = reads.matrix(doc.matrix.old)
        matrix_new = reads.matrix(doc.matrix.new)
        matrix_new.source = display_source(doc.matrix.new, pack)
        did_change = matrix_changed(matrix_old, matrix_new)
        matrix_old.source = display_source(doc.matrix.old, pack)
        redline = redline_workbook(read_workbook(doc.matrix.old), read_workbook(doc.matrix.new), author=pack.organisation, date=revision_date).data
        files[names.matrix_redline(pack, doc)] = normalise_zip(redline, zip_time(moment))
        info.roles[names.matrix_redline(pack, doc)] = "matrix-redline"

    step(f"{doc.short_name}: lint")
    from docgen.checks.lint import lint
    from docgen.checks.config import load_config
    from docgen.writers.lint_report import TEXT_WIDTH, to_json, to_text

    baseline = old
    if doc.baseline is not None:
        baseline = reads.document(doc.baseline)
        baseline.source = display_source(doc.baseline, pack)
    report = lint(new, matrix=matrix_new, baseline=baseline, config=load_config(start=pack.path.parent))
    files[names.lint_report(doc, "txt")] = to_text(report, color=False, width=TEXT_WIDTH).encode("utf-8")
    files[names.lint_report(doc, "json")] = to_json(report).encode("utf-8")
    info.roles[names.lint_report(doc, "txt")] = info.roles[names.lint_report(doc, "json")] = "lint-report"
    info.lint[doc.short_name] = {**report.summary(), "report": names.lint_report(doc, "txt")}
    if report.errors:
        info.warnings.append(
            f"{doc.short_name} v{doc.version_to}: {len(report.errors)} lint error(s); see {names.lint_report(doc, 'txt')}"
        )

    changed.append(ChangedDocument(doc.short_name, old, new, matrix_old, comparison))
    changes, untabled = clause_changes(comparison)
    return document_drafting(pack, doc, changes, matrix_did_change=did_change, untabled=untabled, known_refs=known_refs(old, new))


def _paginate_consultation(pack: PackSpec, files: dict[str, bytes], info: ManifestData, moment: dt.datetime) -> None:
    """Contents page numbers from the layout, converted again until they are the pages the
    PDF shows (writing them can move the text after the contents)."""
    from docgen.pack.toc import MAX_LAYOUTS, settle_pages

    docx_name, pdf_name = names.consultation(pack, "docx"), names.consultation(pack, "pdf")
    if pdf_name not in files:
        return

    def convert(docx: bytes) -> bytes:
        _convert_pdfs([(pdf_name, docx)], files, info)
        return files[pdf_name]

    docx, _, settled = settle_pages(files[docx_name], files[pdf_name], moment, convert)
    files[docx_name] = docx
    if not settled:
        info.warnings.append(f"{pdf_name}: the contents' page numbers still moved after {MAX_LAYOUTS + 1} layouts; open the .docx in Word and update the table of contents")


def soffice_available() -> bool:
    from docgen import soffice

    return soffice.available()


def _convert_pdfs(jobs: list[tuple[str, bytes]], files: dict[str, bytes], info: ManifestData) -> None:
    """All PDFs of the pack in one soffice process; without LibreOffice they are skipped, loudly."""
    from docgen import soffice

    if not soffice.available():
        info.warnings.append(f"PDF redlines not made: LibreOffice (soffice) was not found; {soffice.INSTALL_HINT}")
        return
    with tempfile.TemporaryDirectory(prefix="docgen-pack-pdf-") as tmp:
        work = Path(tmp)
        sources = []
        for pdf_name, docx in jobs:
            src = work / (Path(pdf_name).stem + ".docx")
            src.write_bytes(stamp_docx(docx, info.pack.classification))
            sources.append(src)
        outputs = soffice.convert(sources, "pdf", work / "pdf")
        for (pdf_name, _), made in zip(jobs, outputs):
            files[pdf_name] = made.read_bytes()
            info.roles.setdefault(pdf_name, "redline-pdf")


def _classify(files: dict[str, bytes], classification: str, moment: dt.datetime) -> None:
    """Every Word document and workbook of the pack shows its classification on every page
    (PDFs get it from the .docx they are made from); text files (CSV, Markdown, JSON) cannot."""
    from docgen.writers.workbook_stamp import stamp_workbook

    for name in sorted(files):
        data = files[name]
        if name.endswith(".docx"):
            stamped = stamp_docx(data, classification)
        elif name.endswith(".xlsx"):
            stamped = stamp_workbook(data, classification, moment)
        else:
            continue
        if stamped != data:
            files[name] = normalise_zip(stamped, zip_time(moment))


_NOT_PUBLISHED = ("lint-report", "direction-text")


def _published(files: dict[str, bytes], roles: dict[str, str]) -> dict[str, bytes]:
    """What goes in the zip: the documents the consultation publishes. The manifest and the
    lint reports are for whoever builds and checks the pack, and stay beside the zip."""
    return {name: data for name, data in files.items() if roles.get(name) not in _NOT_PUBLISHED}


def _check_target(target: Path) -> None:
    """Only a folder docgen made (it has a manifest) or an empty one may be replaced."""
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not (target / names.MANIFEST).exists())):
        raise UsageError(f"{target}: exists and was not made by docgen build; remove it or choose another --output folder")


def _swap(staging: Path, target: Path) -> None:
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        if old.exists():
            shutil.rmtree(old)
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(target)

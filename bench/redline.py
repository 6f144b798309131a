"""Redline benchmark: docgen against python-redlines' Docxodus engine on generated pairs.

The pairs come from generate.edit: a 3,000-paragraph appendix with 30 tables and 50 edits
of each kind (insert, delete, modify, move, format, table), and a 30,000-paragraph one
with the same script scaled up. Docxodus is the self-contained .NET binary that the
`python-redlines-docxodus` wheel ships; it is run directly, as the wrapper runs it, so
both tools are timed as one whole process each (launch, read, compare, write).
"""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

from generate import write_pair
from measure import PY, ROOT, BenchError, BenchTimeout, Config, Row, Section, Target, ratio, repeat, run_process, run_worker

DOCGEN = str(Path(PY).with_name("docgen"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REVISION_TAGS = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "tblPrChange", "tcPrChange", "trPrChange")
PAIRS = (("3k", 3000, 30, 50), ("30k", 30000, 300, 500))


def docxodus_binary() -> str | None:
    """The engine binary, unpacked by python-redlines into its cache; None when not installed."""
    try:
        from python_redlines import DocxodusEngine
    except ImportError:
        return None
    try:
        return DocxodusEngine().extracted_binaries_path
    except Exception:  # the engine's own "not installed" and platform errors
        return None


def revision_counts(path: Path) -> Counter:
    """Tracked-change marks in a redline's body, by kind (w:ins inside w:rPr counts as a mark too)."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    counts: Counter = Counter()
    for tag in REVISION_TAGS:
        counts[tag] = sum(1 for _ in root.iter(W + tag))
    return counts


def run(cfg: Config) -> Section:
    section = Section("Redline")
    engine = docxodus_binary()
    if engine is None:
        section.notes.append("python-redlines[docxodus] is not installed: no peer rows (pip install 'python-redlines[docxodus]').")
    pairs = PAIRS[:1] if cfg.quick else PAIRS
    results: dict[str, tuple[Row, Row | None]] = {}
    results_inproc: dict[str, Row] = {}
    for name, paragraphs, tables, per_kind in pairs:
        old, new, script = write_pair(cfg.out, paragraphs, tables, per_kind, f"redline-{name}")
        case = f"{paragraphs:,} paragraphs, {tables} tables, {per_kind} edits of each kind"
        ours_out, theirs_out = cfg.out / f"redline-{name}.docgen.docx", cfg.out / f"redline-{name}.docxodus.docx"
        theirs_out.unlink(missing_ok=True)  # a figure only from this run's output
        ours = Row("redline", case, "docgen redline (CLI)", repeat(
            lambda: run_process([DOCGEN, "redline", str(old), str(new), "-o", str(ours_out), "--date", "2025-01-01T00:00:00Z"], cwd=ROOT)[0],
            cfg.runs), "whole process", size=paragraphs)
        inproc = Row("redline", case, "docgen compare + write (in-process)", repeat(
            lambda: run_worker("redline-docgen", old, new, cfg.out / f"redline-{name}.inproc.docx"), cfg.runs), "reads, alignment, diff, .docx", size=paragraphs)
        section.rows += [ours, inproc]
        theirs = None
        if engine is not None:
            try:
                theirs = Row("redline", case, "python-redlines Docxodus", repeat(
                    lambda: run_process([engine, str(old), str(new), str(theirs_out), "--author=bench"], timeout=cfg.peer_timeout_s)[0],
                    cfg.runs, budget_s=cfg.peer_budget_s), "whole process (.NET, self-contained)", size=paragraphs)
                section.rows.append(theirs)
            except BenchTimeout:
                section.notes.append(f"Docxodus did not finish the {name} pair within {cfg.peer_timeout_s:.0f} s and was stopped: no figure, and docgen is at least {cfg.peer_timeout_s / ours.wall:.0f}× faster on it.")
                section.ratios.append((f"{paragraphs:,} paragraphs: Docxodus / docgen", f"> {cfg.peer_timeout_s / ours.wall:.0f}× (Docxodus stopped at {cfg.peer_timeout_s:.0f} s)"))
            except BenchError as exc:
                section.notes.append(f"Docxodus failed on the {name} pair: {exc}")
        results[name] = (ours, theirs)
        results_inproc[name] = inproc
        mine = revision_counts(ours_out)
        line = f"{name} pair, edit script {dict(script.counts)}; revision marks docgen {_fmt(mine)}"
        if theirs is not None and theirs_out.exists():
            line += f"; Docxodus {_fmt(revision_counts(theirs_out))}"
        section.notes.append(line)
        section.notes.append(f"{name} pair, docgen's own change counts: {inproc.samples[0].extra.get('counts')}")

    ours3, theirs3 = results["3k"]
    if theirs3 is not None:
        x = ratio(theirs3.wall, ours3.wall)
        cpu_x = ratio(theirs3.cpu or 0, ours3.cpu or 0)
        inproc_x = ratio(theirs3.wall, results_inproc["3k"].wall)
        section.ratios.append(("3,000 paragraphs: Docxodus / docgen (whole process)", f"{x:.2f}× wall, {cpu_x:.2f}× CPU (Docxodus uses both cores)"))
        section.ratios.append(("3,000 paragraphs: Docxodus / docgen compare + write (docgen without its start-up)", f"{inproc_x:.2f}×"))
        section.targets.append(Target("redline ≥ 5× faster than Docxodus (3,000 paragraphs)", "≥ 5×", f"{x:.2f}×", x >= 5.0))
    section.targets.append(Target("redline peak memory (3,000 paragraphs)", "< 150 MB", f"{ours3.rss_mb:.0f} MB", ours3.rss_mb < 150))
    if "30k" in results:
        ours30, theirs30 = results["30k"]
        size_x = 10.0
        time_x = ratio(ours30.wall, ours3.wall)
        section.ratios.append(("growth 3,000 → 30,000 paragraphs, docgen", f"time {time_x:.1f}× for size {size_x:.0f}×"))
        if theirs30 is not None:
            section.ratios.append(("30,000 paragraphs: Docxodus / docgen", f"{ratio(theirs30.wall, ours30.wall):.1f}×"))
            section.ratios.append(("growth 3,000 → 30,000 paragraphs, Docxodus", f"time {ratio(theirs30.wall, theirs3.wall):.1f}× for size {size_x:.0f}×"))
        section.targets.append(Target("redline growth near-linear to 30,000 paragraphs", f"time ratio ≤ 1.5 × size ratio ({size_x:.0f}×)", f"{time_x:.1f}×", time_x <= 1.5 * size_x))
    return section


def _fmt(c: Counter) -> str:
    return ", ".join(f"{k} {v}" for k, v in c.items() if v) or "none"

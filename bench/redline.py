"""Redline benchmark: docgen against python-redlines' Docxodus engine on generated pairs.

The pairs come from generate.edit: a 3,000-paragraph appendix with 30 tables and 50 edits
of each kind (insert, delete, modify, move, format, table), the same again from another
seed (other text, other edits: a pair nothing was tuned on), and a 30,000-paragraph one
with the script scaled up. Docxodus is the self-contained .NET binary that the
`python-redlines-docxodus` wheel ships; it is run directly, as the wrapper runs it, so
both tools are timed as one whole process each (launch, read, compare, write). On the
3,000-paragraph pairs the two run in turn, sample by sample, so both see the same load.
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


TARGET_X = 10.0  # issue 25: the redline of a 3,000-paragraph pair at least 10x faster than Docxodus
UNSEEN_SEED = 7  # another text and other edits of the same kinds and numbers


def _interleaved(ours, theirs, runs: int, budget_s: float) -> tuple[list, list]:
    """Samples of both tools taken in turn (ours, theirs, ours, ...), so both see the same
    load on a shared machine; theirs gets fewer runs when `runs` of them would blow the budget."""
    a, b = [ours()], [theirs()]
    want = runs if b[0].wall * runs <= budget_s else max(1, min(runs, int(budget_s // max(b[0].wall, 1e-9))))
    while len(a) < runs:
        a.append(ours())
        if len(b) < want:
            b.append(theirs())
    return a, b


def run(cfg: Config) -> Section:
    section = Section("Redline")
    engine = docxodus_binary()
    if engine is None:
        section.notes.append("python-redlines[docxodus] is not installed: no peer rows (pip install 'python-redlines[docxodus]').")
    pairs = [(name, paragraphs, tables, per_kind, 0) for name, paragraphs, tables, per_kind in (PAIRS[:1] if cfg.quick else PAIRS)]
    pairs.insert(1, ("3k-unseen", 3000, 30, 50, UNSEEN_SEED))
    results: dict[str, tuple[Row, Row | None]] = {}
    results_inproc: dict[str, Row] = {}
    for name, paragraphs, tables, per_kind, seed in pairs:
        old, new, script = write_pair(cfg.out, paragraphs, tables, per_kind, f"redline-{name}", seed=seed)
        case = f"{paragraphs:,} paragraphs, {tables} tables, {per_kind} edits of each kind" + (f" (seed {seed})" if seed else "")
        ours_out, theirs_out = cfg.out / f"redline-{name}.docgen.docx", cfg.out / f"redline-{name}.docxodus.docx"
        theirs_out.unlink(missing_ok=True)  # a figure only from this run's output

        def ours_once():
            return run_process([DOCGEN, "redline", str(old), str(new), "-o", str(ours_out), "--date", "2025-01-01T00:00:00Z"], cwd=ROOT)[0]

        def theirs_once():
            return run_process([engine, str(old), str(new), str(theirs_out), "--author=bench"], timeout=cfg.peer_timeout_s)[0]

        theirs = None
        ours_samples: list | None = None
        if engine is not None and paragraphs <= 3000:
            # Side by side: the two tools alternate, so a load spike hits both.
            try:
                ours_samples, theirs_samples = _interleaved(ours_once, theirs_once, cfg.runs, cfg.peer_budget_s)
                theirs = Row("redline", case, "python-redlines Docxodus", theirs_samples, "whole process (.NET, self-contained)", size=paragraphs)
            except BenchTimeout:
                section.notes.append(f"Docxodus did not finish the {name} pair within {cfg.peer_timeout_s:.0f} s and was stopped.")
            except BenchError as exc:
                section.notes.append(f"Docxodus failed on the {name} pair: {exc}")
        ours = Row("redline", case, "docgen redline (CLI)", ours_samples or repeat(ours_once, cfg.runs), "whole process", size=paragraphs)
        inproc = Row("redline", case, "docgen compare + write (in-process)", repeat(
            lambda: run_worker("redline-docgen", old, new, cfg.out / f"redline-{name}.inproc.docx"), cfg.runs), "reads, alignment, diff, .docx", size=paragraphs)
        section.rows += [ours, inproc]
        if engine is not None and theirs is None and paragraphs > 3000:
            try:
                theirs = Row("redline", case, "python-redlines Docxodus", repeat(theirs_once, cfg.runs, budget_s=cfg.peer_budget_s), "whole process (.NET, self-contained)", size=paragraphs)
            except BenchTimeout:
                section.notes.append(f"Docxodus did not finish the {name} pair within {cfg.peer_timeout_s:.0f} s and was stopped: no figure, and docgen is at least {cfg.peer_timeout_s / ours.wall:.0f}× faster on it.")
                section.ratios.append((f"{paragraphs:,} paragraphs: Docxodus / docgen", f"> {cfg.peer_timeout_s / ours.wall:.0f}× (Docxodus stopped at {cfg.peer_timeout_s:.0f} s)"))
            except BenchError as exc:
                section.notes.append(f"Docxodus failed on the {name} pair: {exc}")
        if theirs is not None:
            section.rows.append(theirs)
        results[name] = (ours, theirs)
        results_inproc[name] = inproc
        mine = revision_counts(ours_out)
        line = f"{name} pair, edit script {dict(script.counts)}; revision marks docgen {_fmt(mine)}"
        if theirs is not None and theirs_out.exists():
            line += f"; Docxodus {_fmt(revision_counts(theirs_out))}"
        section.notes.append(line)
        section.notes.append(f"{name} pair, docgen's own change counts: {inproc.samples[0].extra.get('counts')}")

    for name, label in (("3k", "3,000 paragraphs"), ("3k-unseen", f"3,000 paragraphs, seed {UNSEEN_SEED}")):
        ours3, theirs3 = results[name]
        if theirs3 is None:
            continue
        x = ratio(theirs3.wall, ours3.wall)
        cpu_x = ratio(theirs3.cpu or 0, ours3.cpu or 0)
        inproc_x = ratio(theirs3.wall, results_inproc[name].wall)
        section.ratios.append((f"{label}: Docxodus / docgen (whole process, side by side)", f"{x:.2f}× wall, {cpu_x:.2f}× CPU (Docxodus uses both cores)"))
        section.ratios.append((f"{label}: Docxodus / docgen compare + write (docgen without its start-up)", f"{inproc_x:.2f}×"))
        section.targets.append(Target(f"redline ≥ {TARGET_X:.0f}× faster than Docxodus ({label})", f"≥ {TARGET_X:.0f}×", f"{x:.2f}×", x >= TARGET_X))
    ours3, _ = results["3k"]
    section.targets.append(Target("redline peak memory (3,000 paragraphs)", "< 150 MB", f"{ours3.rss_mb:.0f} MB", ours3.rss_mb < 150))
    if "30k" in results:
        ours30, theirs30 = results["30k"]
        _, theirs3 = results["3k"]
        size_x = 10.0
        time_x = ratio(ours30.wall, ours3.wall)
        section.ratios.append(("growth 3,000 → 30,000 paragraphs, docgen", f"time {time_x:.1f}× for size {size_x:.0f}×"))
        if theirs30 is not None:
            section.ratios.append(("30,000 paragraphs: Docxodus / docgen", f"{ratio(theirs30.wall, ours30.wall):.1f}×"))
            if theirs3 is not None:
                section.ratios.append(("growth 3,000 → 30,000 paragraphs, Docxodus", f"time {ratio(theirs30.wall, theirs3.wall):.1f}× for size {size_x:.0f}×"))
        section.targets.append(Target("redline growth near-linear to 30,000 paragraphs", f"time ratio ≤ 1.5 × size ratio ({size_x:.0f}×)", f"{time_x:.1f}×", time_x <= 1.5 * size_x))
    return section


def _fmt(c: Counter) -> str:
    return ", ".join(f"{k} {v}" for k, v in c.items() if v) or "none"

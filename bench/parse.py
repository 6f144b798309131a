"""Parse benchmark: docgen against pandoc, docx2python and the floor, same run, three sizes.

In-process rows time the read alone (docgen's `read_docx`, docx2python's full extraction,
the floor's unzip plus lxml parse of word/document.xml and word/numbering.xml); whole-process
rows time a user's command from launch to exit, output written (`docgen parse FILE -o
OUT.json` against `pandoc -f docx -t json FILE -o OUT.json`).
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from generate import SIZE_LABELS, SIZES, corpus, write_sizes
from measure import PY, ROOT, Config, Row, Section, Target, ratio, repeat, run_process, run_worker

DOCGEN = str(Path(PY).with_name("docgen"))


def run(cfg: Config) -> Section:
    section = Section("Parse")
    paths = write_sizes(cfg.out, cfg.sizes)
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        section.notes.append("pandoc is not installed (Debian package `pandoc`): its rows are missing.")
    has_d2p = importlib.util.find_spec("docx2python") is not None
    if not has_d2p:
        section.notes.append("docx2python is not installed (the bench extra: pip install docx2python): its rows are missing.")
    by_size: dict[str, dict[str, Row]] = {}
    for name in cfg.sizes:
        path = paths[name]
        n = corpus(SIZES[name]).counts()["paragraphs"]
        case = f"{SIZE_LABELS[name]} ({n:,} paragraphs)"
        json_out = cfg.out / f"{name}.parse.json"
        rows: dict[str, Row] = {}

        def add(key: str, tool: str, measure, note: str = "", peer: bool = False) -> None:
            samples = repeat(measure, cfg.runs, budget_s=cfg.peer_budget_s if peer else None)
            rows[key] = Row("parse", case, tool, samples, note, size=n)
            section.rows.append(rows[key])

        add("floor", "floor: unzip + lxml parse", lambda: run_worker("parse-floor", path), "in-process")
        add("docgen", "docgen read_docx", lambda: run_worker("parse-docgen", path), "in-process")
        if has_d2p:
            add("d2p", "docx2python", lambda: run_worker("parse-docx2python", path), "in-process", peer=True)
        add("docgen_cli", "docgen parse (CLI)", lambda: run_process([DOCGEN, "parse", str(path), "-o", str(json_out)], cwd=ROOT)[0], "whole process, JSON written")
        if pandoc:
            add("pandoc", "pandoc -t json", lambda: run_process([pandoc, "-f", "docx", "-t", "json", str(path), "-o", str(cfg.out / f"{name}.pandoc.json")], timeout=cfg.peer_timeout_s)[0], "whole process, JSON written", peer=True)
        by_size[name] = rows

    for name, rows in by_size.items():
        d, cli = rows["docgen"], rows["docgen_cli"]
        label = SIZE_LABELS[name]
        floor_x = ratio(d.wall, rows["floor"].wall)
        section.ratios.append((f"{label}: docgen read_docx / floor", f"{floor_x:.2f}× wall, {ratio(d.cpu or 0, rows['floor'].cpu or 0):.2f}× CPU"))
        section.targets.append(Target(f"parse within 2× of the floor ({label})", "≤ 2.0×", f"{floor_x:.2f}×", floor_x <= 2.0))
        if "d2p" in rows:
            d2p_x = ratio(rows["d2p"].wall, d.wall)
            section.ratios.append((f"{label}: docx2python / docgen (in-process)", f"{d2p_x:.1f}×"))
            section.targets.append(Target(f"parse ≥ 3× faster than docx2python ({label})", "≥ 3×", f"{d2p_x:.2f}×", d2p_x >= 3.0))
        if "pandoc" in rows:
            pandoc_x = ratio(rows["pandoc"].wall, cli.wall)
            pandoc_in_x = ratio(rows["pandoc"].wall, d.wall)
            pandoc_cpu_x = ratio(rows["pandoc"].cpu or 0, cli.cpu or 0)
            section.ratios.append((f"{label}: pandoc / docgen parse CLI (both whole process)", f"{pandoc_x:.2f}× wall, {pandoc_cpu_x:.2f}× CPU"))
            section.ratios.append((f"{label}: pandoc / docgen read_docx", f"{pandoc_in_x:.1f}×"))
            section.targets.append(Target(f"parse ≥ 3× faster than pandoc ({label}, whole process)", "≥ 3×", f"{pandoc_x:.2f}×", pandoc_x >= 3.0))

    if len(by_size) >= 2:
        small, large = cfg.sizes[0], cfg.sizes[-1]
        size_x = by_size[large]["docgen"].size / by_size[small]["docgen"].size  # type: ignore[operator]
        for key, tool in (("docgen", "docgen read_docx"), ("docgen_cli", "docgen parse CLI"), ("floor", "floor"), ("d2p", "docx2python"), ("pandoc", "pandoc")):
            if key in by_size[large] and key in by_size[small]:
                time_x = ratio(by_size[large][key].wall, by_size[small][key].wall)
                section.ratios.append((f"growth {SIZE_LABELS[small]} → {SIZE_LABELS[large]}, {tool}", f"time {time_x:.1f}× for size {size_x:.1f}×"))
        time_x = ratio(by_size[large]["docgen"].wall, by_size[small]["docgen"].wall)
        section.targets.append(Target("parse growth near-linear", f"time ratio ≤ 1.5 × size ratio ({size_x:.1f}×)", f"{time_x:.1f}×", time_x <= 1.5 * size_x))
    return section

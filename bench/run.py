"""`make bench`: every benchmark, a table of the figures, and bench/RESULTS.md.

    python bench/run.py [--only parse,lint,redline,build] [--sizes s1sr,five,sec]
                        [--runs 5] [--quick] [--out out/bench] [--results bench/RESULTS.md]

BENCH_QUICK=1 (or --quick) is a smoke run: one size, one sample per row, the small redline
pair, and the results go to OUT/RESULTS.md so the recorded figures are not replaced by
rough ones; so do the results of a partial run (--only, --sizes or --runs narrower than
everything), which would otherwise replace the whole record with one section. The machine is shared and has two cores, so every figure is a median and every
comparison is against a peer measured in the same run, never against a remembered number.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from generate import SIZES  # noqa: E402
from measure import BenchError, Config, Section, machine, package_version, tool_version  # noqa: E402

BENCHES = ("startup", "parse", "lint", "redline", "build")
PROFILE_HEADING = "## Profiling and what changed"


def _args(argv: list[str]) -> argparse.Namespace:
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    ap = argparse.ArgumentParser(description="docgen benchmarks against their peers")
    ap.add_argument("--only", default=",".join(BENCHES), help="comma-separated: " + ", ".join(BENCHES))
    ap.add_argument("--sizes", default=None, help="parse sizes, comma-separated: " + ", ".join(SIZES))
    ap.add_argument("--runs", type=int, default=None, help="samples per row (default 5, quick 1)")
    ap.add_argument("--peer-budget", type=float, default=None, help="seconds one slow peer row may take before it gets 3 runs (default 90)")
    ap.add_argument("--quick", action="store_true", default=quick, help="smoke run (also BENCH_QUICK=1)")
    ap.add_argument("--out", type=Path, default=HERE.parent / "out" / "bench", help="generated inputs and outputs")
    ap.add_argument("--results", type=Path, default=None, help="where to write the Markdown results")
    return ap.parse_args(argv)


def main(argv: list[str]) -> int:
    args = _args(argv)
    only = [b.strip() for b in args.only.split(",") if b.strip()]
    unknown = [b for b in only if b not in BENCHES]
    if unknown:
        print(f"bench: unknown benchmark(s) {unknown}; choose from {', '.join(BENCHES)}", file=sys.stderr)
        return 2
    sizes = [s.strip() for s in (args.sizes or ("s1sr" if args.quick else ",".join(SIZES))).split(",") if s.strip()]
    if any(s not in SIZES for s in sizes):
        print(f"bench: unknown size in {sizes}; choose from {', '.join(SIZES)}", file=sys.stderr)
        return 2
    cfg = Config(
        runs=args.runs or (1 if args.quick else 5),
        peer_budget_s=args.peer_budget if args.peer_budget is not None else (0.0 if args.quick else 90.0),
        sizes=sizes,
        out=args.out,
        quick=args.quick,
        peer_timeout_s=60.0 if args.quick else 120.0,
    )
    partial = cfg.quick or set(only) != set(BENCHES) or set(sizes) != set(SIZES) or cfg.runs < 5
    results_path = args.results or (cfg.out / "RESULTS.md" if partial else HERE / "RESULTS.md")
    # docgen as installed: pip writes every module's bytecode at install time, so a run must
    # not pay for compiling sources a checkout (or PYTHONDONTWRITEBYTECODE) left uncompiled.
    compileall.compile_dir(str(HERE.parent / "docgen"), quiet=1)
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 150)
    info = machine()
    console.print(f"[bold]docgen benchmarks[/bold] on {info['CPU']}, {info['cores']} cores, {info['memory']}, Python {info['Python']}; load {info['load average at start (1, 5, 15 min)']}")
    console.print(f"runs per row: {cfg.runs}; sizes: {', '.join(cfg.sizes)}; inputs in {cfg.out}")
    sections: list[Section] = []
    started = time.perf_counter()
    for name in only:
        console.print(f"[dim]running {name}...[/dim]")
        module = __import__(name)
        t0 = time.perf_counter()
        try:
            section = module.run(cfg)
        except BenchError as exc:  # one broken tool must not lose every other figure
            section = Section(name.capitalize(), notes=[f"This benchmark could not run: {exc}"])
        section.notes.append(f"This benchmark took {time.perf_counter() - t0:.0f} s to run.")
        sections.append(section)
        _print(console, section)
    total = time.perf_counter() - started
    _print_targets(console, sections)
    results_path.parent.mkdir(parents=True, exist_ok=True)
    results_path.write_text(_markdown(sections, info, cfg, total), encoding="utf-8")
    (cfg.out / "results.json").write_text(json.dumps([
        {"title": s.title, "rows": [r.to_json() for r in s.rows], "ratios": s.ratios, "targets": [t.__dict__ for t in s.targets], "notes": s.notes}
        for s in sections
    ], indent=2), encoding="utf-8")
    console.print(f"\nwrote {results_path} ({total:.0f} s in all)")
    return 0


def _print(console: Console, section: Section) -> None:
    table = Table(title=section.title, title_justify="left")
    for col, justify in (("case", "left"), ("tool", "left"), ("median wall", "right"), ("median CPU", "right"), ("peak RSS", "right"), ("runs", "right"), ("how", "left")):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for r in section.rows:
        table.add_row(r.case, r.tool, f"{r.wall:.3f} s", _cpu(r.cpu), _rss(r.rss_mb), str(r.runs), r.note)
    console.print(table)
    for what, figure in section.ratios:
        console.print(f"  {what}: [bold]{figure}[/bold]")
    for note in section.notes:
        console.print(f"  [dim]{note}[/dim]")


def _cpu(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f} s"


def _rss(mb: float) -> str:
    return "–" if mb <= 0 else f"{mb:.0f} MB"


def _print_targets(console: Console, sections: list[Section]) -> None:
    table = Table(title="Targets", title_justify="left")
    for col in ("target", "goal", "measured", "met"):
        table.add_column(col)
    for s in sections:
        for t in s.targets:
            table.add_row(t.name, t.goal, t.measured, "[green]yes[/green]" if t.met else "[red]no (gap stated)[/red]")
    console.print(table)


def _markdown(sections: list[Section], info: dict[str, str], cfg: Config, total: float) -> str:
    lines = [
        "# docgen benchmark results",
        "",
        "Written by `make bench` (`bench/run.py`); the figures below are from one run. Medians of "
        f"{cfg.runs} runs per row unless the runs column says fewer (a slow peer gets as many runs as "
        "fit its time budget). Each run is a fresh process; peak RSS is that process's "
        "own peak (GNU time's `%M`, which, unlike a child forked straight from the benchmark, does not "
        "inherit the benchmark's own size). CPU is user + system time (`os.wait4` for whole "
        "processes, `time.process_time` in-process), steadier than wall time on a shared machine. "
        "Targets are judged on median wall time; ratios compare tools measured side by side in this run.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in info.items()],
        f"| pandoc | {tool_version(['pandoc', '--version'])} |",
        f"| docx2python | {package_version('docx2python')} |",
        f"| python-redlines / docxodus engine | {package_version('python-redlines')} / {package_version('python-redlines-docxodus')} |",
        f"| LibreOffice | {tool_version(['soffice', '--version'])} |",
        f"| total bench time | {total:.0f} s |",
        "",
        "The machine is shared with other work (two cores), so wall times carry noise; the "
        "load average above says how busy it was when the run started.",
        "",
        "## Targets",
        "",
        "| target | goal | measured | met |",
        "|---|---|---|---|",
    ]
    for s in sections:
        for t in s.targets:
            lines.append(f"| {t.name} | {t.goal} | {t.measured} | {'yes' if t.met else '**no**'} |")
    for s in sections:
        lines += ["", f"## {s.title}", "", "| case | tool | median wall | median CPU | peak RSS | runs | how |", "|---|---|---:|---:|---:|---:|---|"]
        for r in s.rows:
            lines.append(f"| {r.case} | {r.tool.strip()} | {r.wall:.3f} s | {_cpu(r.cpu)} | {_rss(r.rss_mb)} | {r.runs} | {r.note} |")
        if s.ratios:
            lines += ["", *[f"- {what}: **{figure}**" for what, figure in s.ratios]]
        if s.notes:
            lines += ["", *[f"- {n}" for n in s.notes]]
    lines += ["", *_profile_notes()]
    return "\n".join(lines) + "\n"


def _profile_notes() -> list[str]:
    """The profiling narrative lives in bench/README.md, so it survives every rerun."""
    text = (HERE / "README.md").read_text(encoding="utf-8") if (HERE / "README.md").exists() else ""
    if PROFILE_HEADING not in text:
        return []
    return text[text.index(PROFILE_HEADING):].strip().splitlines()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

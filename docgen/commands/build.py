"""`docgen build`: every pack description given (default: sources/packs/*.toml) into OUT/<pack-id>/.

Exit codes: 0 built; 1 a pack has lint errors it does not allow (its folder is still
written, without the zip, so the lint report can be read); 2 bad input (one line).
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from docgen.errors import UsageError
from docgen.pack.build import PackResult, build_pack, steps_for
from docgen.pack.spec import PackSpec
from docgen.pack.load import load_pack
from docgen.readers.once import ReadOnce

DEFAULT_PACKS = Path("sources") / "packs"


def run(packs: list[Path], output: Path) -> int:
    console = Console(stderr=True, highlight=False)
    paths = packs or _default_packs()
    specs = [load_pack(p) for p in paths]  # every description is checked before any work starts
    _refuse_clashes(specs, output)
    reads = ReadOnce()  # the pack lint and the build share what they read: each file parsed once
    if _refuse_pack_lint(console, specs, reads):
        return 1
    results: list[PackResult] = []
    with Progress(
        TextColumn("[bold]{task.fields[pack]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        for spec in specs:
            task = progress.add_task("starting", total=steps_for(spec), pack=spec.reference)

            def step(label: str, task: int = task) -> None:
                progress.update(task, description=label)
                progress.advance(task)

            result = build_pack(spec, output, step, reads)
            progress.update(task, description="done", completed=steps_for(spec))
            results.append(result)
    for r in results:
        _report(console, r)
    return 1 if any(r.failed for r in results) else 0


def _refuse_pack_lint(console: Console, specs: list[PackSpec], reads: ReadOnce) -> bool:
    """The pack lint (`docgen lint PACK.toml`) first: errors stop the build unless allowed."""
    from docgen.checks.config import load_config
    from docgen.pack.lint import pack_lint

    refused = False
    for spec in specs:
        report = pack_lint(spec, config=load_config(start=spec.path.parent), reads=reads)
        for f in report.findings:
            label = "[red]error[/red]" if f.severity == "error" else "[yellow]warning[/yellow]"
            console.print(f"{label} {spec.path}: {f.rule}: {escape(f.message)}", markup=True, soft_wrap=True, highlight=False)
        if report.errors and not spec.allow_lint_errors:
            refused = True
            console.print(
                f"[red]refused[/red] {spec.reference}: {len(report.errors)} pack lint error(s) (see `docgen lint {spec.path}`); "
                "fix them, or set allow_lint_errors = true in the pack description to build anyway.",
                soft_wrap=True,
            )
    return refused


def _default_packs() -> list[Path]:
    found = sorted(DEFAULT_PACKS.glob("*.toml"))
    if not found:
        raise UsageError(f"no pack descriptions in {DEFAULT_PACKS}/ (run from the repository root, or give PACK.toml paths)")
    return found


def _refuse_clashes(specs: list[PackSpec], output: Path) -> None:
    seen: dict[str, Path] = {}
    for spec in specs:
        if spec.reference in seen:
            raise UsageError(f"{spec.path}: reference {spec.reference!r} is also used by {seen[spec.reference]}; each pack needs its own reference")
        seen[spec.reference] = spec.path
    out = output.resolve()
    sources = Path("sources").resolve()
    if out == sources or sources in out.parents:
        raise UsageError(f"{output}: is inside sources/, which holds inputs; build into out/ or another folder")
    if output.exists() and not output.is_dir():
        raise UsageError(f"-o {output}: is a file; give the folder the packs are built into")
    try:  # before any work: a folder that cannot be made fails now, not after the PDFs
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"-o {output}: cannot create the output folder ({exc.strerror}); choose a folder you can write to") from None


def _report(console: Console, r: PackResult) -> None:
    # Everything but our own colour tags is escaped: warnings quote TOML keys such as
    # [[drafting]], which rich would otherwise take for markup and drop.
    ref = escape(r.pack.reference)
    for w in r.warnings:
        console.print(f"[yellow]warning[/yellow] {ref}: {escape(w)}", markup=True, soft_wrap=True)
    if r.failed:
        errors = escape(", ".join(f"{doc}: {n}" for doc, n in r.lint_errors.items()))
        console.print(
            f"[red]failed[/red] {ref}: lint errors ({errors}); the pack was written to {escape(str(r.folder))} without its zip. "
            "Fix the document, or set allow_lint_errors = true in the pack description to publish anyway.",
            soft_wrap=True,
        )
    else:
        console.print(f"[green]built[/green] {ref}: {len(r.files)} files in {escape(str(r.folder))}", soft_wrap=True)

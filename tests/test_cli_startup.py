"""The command line starts at once and behaves like a Unix tool: what importing it loads, what
`--version` and `--help` load, global flags anywhere, messages on stderr, shell completion."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from renumber_builders import build_docx

HEAVY = ("rich", "openpyxl", "pdfplumber", "jinja2", "lxml", "docx", "PIL", "pydantic")


def loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after `code` (printed on stderr, stdout is the command's)."""
    probe = code + "\nimport sys, json\nsys.stderr.write('\\nMODULES' + json.dumps(sorted(sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert "MODULES" in done.stderr, done.stderr
    return set(json.loads(done.stderr.rsplit("MODULES", 1)[1]))


def _tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def _commands(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith("docgen.") and m not in ("docgen.cli", "docgen.errors", "docgen.office_version")}


def test_importing_the_cli_loads_nothing_heavy_and_no_command():
    modules = loaded_after("import docgen.cli")
    assert not _tops(modules) & set(HEAVY)
    assert not _tops(modules) & {"typer", "click"}  # the parser waits for a command line
    assert not _commands(modules)


def _main(*args: str) -> str:
    return f"import sys\nsys.argv = ['docgen', {', '.join(repr(a) for a in args)}]\nimport docgen.cli\ntry:\n    docgen.cli.main()\nexcept SystemExit:\n    pass"


def test_version_does_not_load_the_parser():
    modules = loaded_after(_main("--version"))
    assert not _tops(modules) & {"typer", "click", *HEAVY}
    assert not _commands(modules) - {"docgen.office_version"}


def test_help_loads_the_parser_but_no_command_module():
    modules = loaded_after(_main("redline", "--help"))
    assert "typer" in _tops(modules)
    assert not {m for m in modules if m.startswith("docgen.commands")}
    assert not _tops(modules) & {"lxml", "openpyxl", "pdfplumber", "jinja2"}


def test_a_command_loads_its_own_module_only(tmp_path: Path):
    doc = build_docx([("h", "Device Specific Behaviours")], tmp_path / "d.docx")
    modules = loaded_after(_main("parse", str(doc), "-o", str(tmp_path / "d.json")))
    commands = {m for m in modules if m.startswith("docgen.commands.")}
    assert commands == {"docgen.commands.parse"}
    assert not _tops(modules) & {"openpyxl", "pdfplumber", "jinja2", "rich", "typer", "click"}  # the fast path


def test_the_parse_fast_path_knows_exactly_the_parsers_options():
    import click
    import typer.main

    from docgen.cli import PARSE_OPTIONS
    from docgen.cli_app import app

    parse = typer.main.get_command(app).commands["parse"]  # type: ignore[attr-defined]
    options = {}
    for param in parse.params:
        if isinstance(param, click.Option) and not param.is_flag:
            choices = tuple(param.type.choices) if isinstance(param.type, click.Choice) else None
            options.update({flag: (param.name, choices) for flag in param.opts})
    fast = PARSE_OPTIONS
    assert set(fast) == set(options)
    assert all(fast[f][1] == options[f][1] for f in fast)


@pytest.mark.parametrize("extra", [[], ["-f", "text"], ["--format", "akn"], ["-o", "-"]])
def test_the_parse_fast_path_writes_what_the_parser_writes(extra: list[str], tmp_path: Path):
    doc = build_docx([("h", "Device Specific Behaviours"), ("c", "A clause.")], tmp_path / "d.docx")
    fast = docgen("parse", str(doc), *extra)
    slow = subprocess.run(
        [sys.executable, "-c", f"from docgen.cli_app import app; app({['parse', str(doc), *extra]!r}, prog_name='docgen')"],
        capture_output=True, text=True, timeout=120,
    )
    assert fast.returncode == slow.returncode == 0, fast.stderr + slow.stderr
    assert fast.stdout == slow.stdout and fast.stdout


def _parser_options(command: str) -> tuple[dict, set[str]]:
    import click
    import typer.main

    from docgen.cli_app import app

    cmd = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    options, flags = {}, set()
    for param in cmd.params:
        if isinstance(param, click.Option) and param.is_flag:
            flags.update(param.opts)
        elif isinstance(param, click.Option):
            choices = tuple(param.type.choices) if isinstance(param.type, click.Choice) else None
            options.update({flag: (param.name, choices) for flag in param.opts})
    return options, flags


def test_the_redline_fast_path_knows_exactly_the_parsers_options_and_flags():
    from docgen.cli import REDLINE_FLAGS, REDLINE_OPTIONS

    options, flags = _parser_options("redline")
    assert set(REDLINE_OPTIONS) == set(options) and all(REDLINE_OPTIONS[f][1] == options[f][1] for f in options)
    assert set(REDLINE_FLAGS) == flags


@pytest.mark.parametrize("extra", [[], ["--summary", "json"], ["--author", "Someone", "-q"], ["--ignore-nbsp", "--summary", "text"]])
def test_the_redline_fast_path_writes_what_the_parser_writes(extra: list[str], tmp_path: Path):
    old = build_docx([("h", "Device Specific Behaviours"), ("c", "A clause."), ("c", "Another one.")], tmp_path / "old.docx")
    new = build_docx([("h", "Device Specific Behaviours"), ("c", "A clause, changed."), ("c", "Another one.")], tmp_path / "new.docx")
    line = ["redline", str(old), str(new), "--date", "2025-01-01", *extra]
    fast = docgen(*line, "-o", str(tmp_path / "fast.docx"))
    slow = subprocess.run(
        [sys.executable, "-c", f"from docgen.cli_app import app; app({[*line, '-o', str(tmp_path / 'slow.docx')]!r}, prog_name='docgen')"],
        capture_output=True, text=True, timeout=120,
    )
    assert fast.returncode == slow.returncode == 0, fast.stderr + slow.stderr
    assert fast.stdout == slow.stdout
    assert fast.stderr.replace("fast.docx", "slow.docx") == slow.stderr
    assert (tmp_path / "fast.docx").read_bytes() == (tmp_path / "slow.docx").read_bytes()


def test_a_redline_loads_neither_typer_nor_click(tmp_path: Path):
    doc = build_docx([("h", "Device Specific Behaviours"), ("c", "A clause.")], tmp_path / "d.docx")
    modules = loaded_after(_main("redline", str(doc), str(doc), "-o", str(tmp_path / "r.docx"), "-q"))
    assert "docgen.commands.redline" in modules
    assert not _tops(modules) & {"typer", "click", "rich"}


def test_a_redline_leaves_what_it_never_runs_unloaded(tmp_path: Path):
    # Start-up is a tenth of a 3,000-paragraph redline: the reference grammar (only lint
    # and the DMVES read it), hashlib (only drawings and equations are hashed) and the
    # matrix and workbook model classes (docgen.model_sheets) wait, and writing the
    # redline beside its name needs no tempfile (nor the random and shutil it pulls in).
    old = build_docx([("h", "Device Specific Behaviours"), ("c", "A clause."), ("i", "an item")], tmp_path / "old.docx")
    new = build_docx([("h", "Device Specific Behaviours"), ("c", "A clause, changed."), ("i", "an item")], tmp_path / "new.docx")
    modules = loaded_after(_main("redline", str(old), str(new), "-o", str(tmp_path / "r.docx"), "-q"))
    assert "docgen.transforms.compare.comparison" in modules and (tmp_path / "r.docx").is_file()
    assert not modules & {"docgen.refs.grammar", "docgen.refs.rewrite", "docgen.refs.value", "hashlib", "docgen.model_sheets", "tempfile"}


def test_a_redline_line_the_fast_path_does_not_understand_gets_the_parsers_error(tmp_path: Path):
    run = docgen("redline", "a.docx", "-o", str(tmp_path / "x.docx"))
    assert run.returncode == 2 and "Missing argument 'NEW'" in run.stderr


def test_a_parse_line_the_fast_path_does_not_understand_gets_the_parsers_error():
    run = docgen("parse", "x.docx", "--format", "xml")
    assert run.returncode == 2 and "'xml' is not one of" in run.stderr


def docgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_is_accepted_anywhere_on_the_line(where: str, tmp_path: Path):
    missing = str(tmp_path / "missing.docx")
    args = ["--debug", "parse", missing] if where == "before" else ["parse", missing, "--debug"]
    run = docgen(*args)
    assert run.returncode != 0 and "Traceback" in run.stderr
    plain = docgen("parse", missing)
    assert plain.returncode == 2 and "Traceback" not in plain.stderr


@pytest.mark.parametrize("args", [["--quiet", "accept"], ["accept", "-q"], ["-q", "reject"]])
def test_quiet_is_accepted_anywhere_and_silences_the_message(args: list[str], tmp_path: Path):
    doc = build_docx([("h", "Device Specific Behaviours")], tmp_path / "d.docx")
    verb_at = 1 if args[0].startswith("-") else 0
    line = args[: verb_at + 1] + [str(doc), "-o", str(tmp_path / "o.docx")] + args[verb_at + 1 :]
    run = docgen(*line)
    assert run.returncode == 0, run.stderr
    assert run.stderr == "" and run.stdout == ""
    assert (tmp_path / "o.docx").is_file()


def test_renumber_reports_on_stderr_and_keeps_stdout_for_data(tmp_path: Path):
    doc = build_docx([("h", "Behaviours"), ("c", "one"), ("i", "a"), ("i", "b"), ("i", "c")], tmp_path / "d.docx")
    table = tmp_path / "t.csv"
    run = docgen("renumber", str(doc), "--demote", "18.1(b)", "-o", str(tmp_path / "o.docx"), "--table", str(table))
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    assert "renumbered as" in run.stderr
    to_stdout = docgen("renumber", str(doc), "--demote", "18.1(b)", "-o", str(tmp_path / "p.docx"), "--table", "-", "--quiet")
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stdout == table.read_text() and to_stdout.stderr == ""


def test_help_documents_every_option_the_commands_accept():
    redline = docgen("redline", "--help").stdout
    assert "--summary" in redline and "'json' or" in redline and "'text'" in redline
    root = docgen("--help").stdout
    for flag in ("--debug", "--quiet", "--version", "--install-completion", "--show-completion"):
        assert flag in root


def test_shell_completion_is_offered_for_bash():
    script = docgen("--show-completion", "bash")
    assert script.returncode == 0 and "_DOCGEN_COMPLETE" in script.stdout
    env = {"_DOCGEN_COMPLETE": "complete_bash", "COMP_WORDS": "docgen re", "COMP_CWORD": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "docgen"], capture_output=True, text=True, env=env, timeout=60)
    assert set(done.stdout.split()) == {"redline", "reject", "renumber", "responses"}


def test_version_reports_the_same_with_and_without_the_parser():
    fast = docgen("--version")
    slow = subprocess.run([sys.executable, "-c", "from docgen.cli_app import app; app(['--version'], prog_name='docgen')"], capture_output=True, text=True, timeout=120)
    assert fast.returncode == 0 and fast.stdout == slow.stdout
    assert json.dumps(fast.stdout).count("LibreOffice:") == 1


def test_help_shows_required_and_defaults_in_plain_brackets_without_loading_rich():
    text = docgen("lint", "--help").stdout
    assert "DOC  [required]" in text and "[default: text]" in text
    assert "\\[" not in text
    modules = loaded_after(_main("lint", "--help"))
    assert "rich" not in _tops(modules)

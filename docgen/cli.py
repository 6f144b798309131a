"""`docgen`'s entry point: start fast, show errors in one line, then hand over to the parser.

Importing this module loads nothing but the standard library's basics: the argument parser
(typer, in `docgen.cli_app`) is imported when a command line is parsed, and each command's
modules only when that command runs. `docgen --version` does not import the parser at all,
so it costs little more than starting the interpreter.

Before parsing, `--debug` and `--quiet` (`-q`) are taken from wherever they appear on the
line (up to a lone `--`): they are the root's options, and every command honours them.
Every DocgenError becomes one line on stderr and exit code 2; --debug shows the traceback.
"""

from __future__ import annotations

import sys

_GLOBAL_FLAGS = {"--debug": "--debug", "--quiet": "--quiet", "-q": "--quiet"}
# `docgen parse`'s options, for the fast path below (tests/test_cli_startup.py holds them equal
# to the parser's): flag -> (keyword, allowed values or None).
PARSE_OPTIONS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "--format": ("format", ("json", "text", "akn")), "-f": ("format", ("json", "text", "akn")),
    "--output": ("output", None), "-o": ("output", None),
    "--view": ("view", ("new", "original")), "--baseline": ("baseline", None),
    "--ref-column": ("ref", None), "--srv-column": ("srv", None), "--device-column": ("device", None),
    "--group-column": ("group", None), "--cohort-column": ("cohort", None),
}
_COLUMNS = ("ref", "srv", "device", "group", "cohort")


def hoist_global_flags(args: list[str]) -> tuple[list[str], bool]:
    """`args` with --debug/--quiet moved to the front (once each), and whether --debug was given."""
    found: list[str] = []
    rest: list[str] = []
    for i, arg in enumerate(args):
        if arg == "--":
            rest.extend(args[i:])
            break
        flag = _GLOBAL_FLAGS.get(arg)
        if flag is None:
            rest.append(arg)
        elif flag not in found:
            found.append(flag)
    return found + rest, "--debug" in found


def fast_parse(args: list[str]) -> int | None:
    """Run `docgen parse` without the parser when the line is plainly well-formed.

    One S1SR parses in well under 0.2 s, so importing typer and click would be a tenth of
    it. A line this does not fully understand (help, an unknown or repeated option, a value
    outside its choices, `--opt=value` forms, a second file) returns None and goes to the
    parser, which explains the mistake as it does for every command.
    """
    while args and args[0] in ("--debug", "--quiet"):
        args = args[1:]
    if not args or args[0] != "parse":
        return None
    values: dict[str, str] = {}
    files: list[str] = []
    tokens = iter(args[1:])
    for token in tokens:
        if token.startswith("-") and token != "-":
            known = PARSE_OPTIONS.get(token)
            value = next(tokens, None)
            if known is None or value is None or known[0] in values or (known[1] is not None and value not in known[1]):
                return None
            values[known[0]] = value
        else:
            files.append(token)
    if len(files) != 1:
        return None
    from pathlib import Path

    from docgen.commands.parse import run

    output = values.get("output")
    columns = {k: values[k] for k in _COLUMNS if values.get(k)}
    baseline = values.get("baseline")
    return run(
        Path(files[0]), values.get("format", "json"), None if output in (None, "-") else Path(output),
        values.get("view", "new"), columns or None, Path(baseline) if baseline else None,
    )


def print_version() -> None:
    from docgen.office_version import version_report

    sys.stdout.write(version_report())


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:  # the fast path: no parser, no commands
        print_version()
        sys.exit(0)
    args, debug = hoist_global_flags(args)
    from docgen.errors import DocgenError

    try:
        code = fast_parse(args)
        if code is not None:
            sys.exit(code)
        from docgen.cli_app import app

        app(args=args, prog_name="docgen")  # standalone: typer reports its own usage errors (exit 2)
    except DocgenError as exc:
        if debug:
            raise
        print(f"docgen: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("docgen: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # anything unforeseen: still one line unless --debug
        if debug:
            raise
        print(f"docgen: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback and please report it)", file=sys.stderr)
        sys.exit(3)


def __getattr__(name: str):
    """`docgen.cli.app` still names the typer app, built on first use."""
    if name == "app":
        from docgen.cli_app import app

        return app
    raise AttributeError(name)

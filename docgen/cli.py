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

import errno
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
# `docgen redline`'s options and flags, for its fast path (held to the parser's the same way).
REDLINE_OPTIONS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "--output": ("output", None), "-o": ("output", None), "--pdf": ("pdf", None), "--html": ("html", None),
    "--author": ("author", None), "--date": ("date", None), "--summary": ("summary", None),
}
REDLINE_FLAGS: dict[str, str] = {
    "--quiet": "quiet", "-q": "quiet", "--show-respellings": "show_respellings", "--ignore-nbsp": "ignore_nbsp",
}


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


def _plain_line(args: list[str], options: dict[str, tuple[str, tuple[str, ...] | None]], flags: dict[str, str], files: int) -> dict[str, str] | None:
    """The options, flags (as "1") and files ("file0", "file1", ...) of a line the fast path
    fully understands, else None: help, an unknown or repeated option, a value outside its
    choices, `--opt=value` forms or the wrong number of files go to the parser."""
    values: dict[str, str] = {}
    found: list[str] = []
    tokens = iter(args)
    for token in tokens:
        if token in flags:
            values[flags[token]] = "1"  # a flag given twice is still the flag
        elif token.startswith("-") and token != "-":
            known = options.get(token)
            value = next(tokens, None)
            if known is None or value is None or known[0] in values or (known[1] is not None and value not in known[1]):
                return None
            values[known[0]] = value
        else:
            found.append(token)
    if len(found) != files:
        return None
    values.update({f"file{i}": name for i, name in enumerate(found)})
    return values


def fast_parse(args: list[str]) -> int | None:
    """Run `docgen parse` or `docgen redline` without the parser when the line is plainly
    well-formed.

    One S1SR parses in well under 0.2 s, and a 3,000-paragraph redline takes about half a
    second, so importing typer and click would be a tenth of either. A line this does not
    fully understand returns None and goes to the parser, which explains the mistake as it
    does for every command.
    """
    quiet = False
    while args and args[0] in ("--debug", "--quiet"):
        quiet = quiet or args[0] == "--quiet"
        args = args[1:]
    if not args or args[0] not in ("parse", "redline"):
        return None
    if args[0] == "redline":
        return _fast_redline(args[1:], quiet)
    values = _plain_line(args[1:], PARSE_OPTIONS, {}, 1)
    if values is None:
        return None
    from pathlib import Path

    from docgen.commands.parse import run

    output = values.get("output")
    columns = {k: values[k] for k in _COLUMNS if values.get(k)}
    baseline = values.get("baseline")
    return run(
        Path(values["file0"]), values.get("format", "json"), None if output in (None, "-") else Path(output),
        values.get("view", "new"), columns or None, Path(baseline) if baseline else None,
    )


def _fast_redline(args: list[str], quiet: bool) -> int | None:
    values = _plain_line(args, REDLINE_OPTIONS, REDLINE_FLAGS, 2)
    if values is None or "output" not in values:
        return None
    import gc

    # This process ends with the redline: the trees and models it builds live to the end and
    # hold few cycles (a 3,000-paragraph pair leaves a few hundred objects for the collector),
    # yet the default thresholds re-walk the growing heap hundreds of times, about 6% of the
    # run. Collections are made rare rather than stopped, so a huge pair is still swept.
    gc.set_threshold(100_000, 50, 1000)
    from pathlib import Path

    from docgen.commands.redline import run
    from docgen.publisher import ORGANISATION

    def path(key: str) -> Path | None:
        return Path(values[key]) if key in values else None

    return run(
        Path(values["file0"]), Path(values["file1"]), Path(values["output"]), path("pdf"), path("html"),
        values.get("author") or ORGANISATION, values.get("date"), values.get("summary"),
        quiet=quiet or "quiet" in values, show_respellings="show_respellings" in values, ignore_nbsp="ignore_nbsp" in values,
    )


def print_version() -> None:
    from docgen.office_version import version_report

    sys.stdout.write(version_report())


def main(argv: list[str] | None = None, *, end_at_once: bool = False) -> None:
    """Run one command line (this process's own when `argv` is None) and exit with its code.

    With `end_at_once` (the console script, `python -m docgen`), a command that took the
    fast path ends the process without freeing its heap, see `_end_now`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:  # the fast path: no parser, no commands
        print_version()
        sys.exit(0)
    args, debug = hoist_global_flags(args)
    from docgen.errors import DocgenError

    try:
        code = fast_parse(args)
        if code is not None:
            if end_at_once:
                _end_now(code)
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
    except OSError as exc:
        if debug or exc.errno not in _FULL_OR_READ_ONLY:
            raise_or_report(exc, debug)
        where = exc.filename or "standard output"
        print(f"docgen: error: could not write {where}: {exc.strerror} (free some space, or write the output elsewhere)", file=sys.stderr)
        sys.exit(2)
    except Exception as exc:  # anything unforeseen: still one line unless --debug
        raise_or_report(exc, debug)


def raise_or_report(exc: BaseException, debug: bool) -> None:
    """Anything unforeseen: the traceback with --debug, else one line and exit 3."""
    if debug:
        raise exc
    print(f"docgen: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback and please report it)", file=sys.stderr)
    sys.exit(3)


# A disk that is full or will not take writes: the environment, not a docgen fault.
_FULL_OR_READ_ONLY = {errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EFBIG}


def entry() -> None:
    """The `docgen` console script and `python -m docgen`: this process's command line."""
    main(end_at_once=True)


def _end_now(code: int) -> None:
    """End the process at once after a fast-path command, without freeing its heap.

    The command has written and closed its outputs; what is left are two parsed packages and
    a few hundred thousand objects, which the interpreter would free one by one on the way
    out (about 50 ms after a 3,000-paragraph redline, a tenth of the run). Nothing on the
    fast paths registers an exit handler or leaves a temporary file, so only the standard
    streams need flushing; when they cannot be (a closed pipe), the ordinary exit reports it."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    import os

    os._exit(code)


def __getattr__(name: str):
    """`docgen.cli.app` still names the typer app, built on first use."""
    if name == "app":
        from docgen.cli_app import app

        return app
    raise AttributeError(name)

"""The one output contract of every command: where `-o PATH` goes, and what is refused.

| PATH | what happens |
|---|---|
| `-` | standard output, for text outputs (parse, lint reports, CSV tables); a binary output (.docx, .xlsx, .pdf) may go to a pipe or a file but not to a terminal (exit 2) |
| a character device, FIFO or socket (`/dev/stdout`, `/dev/null`, a named pipe) | written in place: opened and written, never renamed over |
| `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N` | written through the descriptor the shell opened, whatever it points at |
| a symlink | followed; its target is replaced atomically and the link stays |
| a regular file, or a new name in an existing folder | written to a temporary file beside it and renamed into place (atomic) |
| an existing folder, a missing parent folder, a parent that is not a folder, one of the inputs | refused before any work, one line, exit 2 |

Folder outputs (`build -o DIR`, `responses collate -o DIR`) create their folder. The checks run
before any work starts, so a run that is going to fail does so at once and writes nothing.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from docgen.errors import UsageError

STDOUT = "-"
# Names that are this process's own descriptors: the shell opened them, so they are written
# through as they are (a regular file behind /dev/stdout is the shell's `>` redirection and
# must not be replaced behind the shell's back).
_OWN_DESCRIPTORS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/")


@dataclass(frozen=True)
class Output:
    """One output a command will write: its path, the flag that named it, and whether it is
    binary (a binary output is never written to a terminal)."""

    path: Path | None
    flag: str = "-o"
    binary: bool = False


def is_stdout(path: str | Path | None) -> bool:
    return path is not None and str(path) == STDOUT


def written_in_place(path: str | Path) -> bool:
    """True for '-', a device, FIFO or socket, or this process's own descriptor: outputs
    opened and written as they are, whose name says nothing of the format."""
    return is_stdout(path) or _special(Path(path))


def check_outputs(outputs: Iterable[Output], inputs: Iterable[str | Path | None]) -> None:
    """Refuse, before any work, every output the contract does not allow (see the module)."""
    wanted = [o for o in outputs if o.path is not None]
    to_stdout = [o for o in wanted if is_stdout(o.path)]
    if len(to_stdout) > 1:
        raise UsageError(f"{' and '.join(o.flag for o in to_stdout)}: only one output can go to standard output ('-')")
    for out in wanted:
        _check_one(out)
    refuse_overwriting_inputs([o.path for o in wanted if not is_stdout(o.path)], inputs)
    seen: dict[Path, Output] = {}
    for out in wanted:
        if is_stdout(out.path) or _special(Path(out.path)):
            continue
        key = Path(out.path).resolve()
        if key in seen:
            raise UsageError(f"{out.path}: given for both {seen[key].flag} and {out.flag}; give each output its own path")
        seen[key] = out


def _check_one(out: Output) -> None:
    path = Path(out.path)  # type: ignore[arg-type]
    if is_stdout(path):
        if out.binary and sys.stdout.isatty():
            raise UsageError(f"{out.flag} -: this output is binary and standard output is a terminal; redirect it (> FILE) or give a file name")
        return
    if path.is_dir():
        raise UsageError(f"{out.flag} {path}: is a folder; give a file name inside it, e.g. {path / _example(out)}")
    if _special(path):
        if out.binary and _is_terminal(path):
            raise UsageError(f"{out.flag} {path}: is a terminal and this output is binary; give a file name")
        return
    parent = path.resolve().parent if path.is_symlink() else path.absolute().parent
    if not parent.exists():
        raise UsageError(f"{out.flag} {path}: folder {path.parent} does not exist; create it first (mkdir -p {path.parent})")
    if not parent.is_dir():
        raise UsageError(f"{out.flag} {path}: {path.parent} is not a folder; give a path in an existing folder")
    _check_writable(out, path, parent)


def _check_writable(out: Output, path: Path, parent: Path) -> None:
    """A folder that takes no new file (permissions, a read-only mount, /proc) is refused
    now, so a command with two outputs never writes one and then fails on the other. The
    probe is the one test that holds for root and for every file system: make a file."""
    try:
        fd, probe = _create_beside(parent / path.name)  # the write's own way of making its file
    except OSError as exc:
        raise UsageError(f"{out.flag} {path}: cannot write in {parent} ({exc.strerror}); choose a folder you can write to") from None
    os.close(fd)
    os.unlink(probe)


def _example(out: Output) -> str:
    return "out.docx" if out.binary else "out.txt"


def _own_descriptor(path: Path) -> bool:
    text = str(path)
    return any(text == d or (d.endswith("/") and text.startswith(d)) for d in _OWN_DESCRIPTORS)


def _special(path: Path) -> bool:
    """A character device, FIFO or socket (after following links), or one of our own descriptors."""
    if _own_descriptor(path):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def _is_terminal(path: Path) -> bool:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    if not stat.S_ISCHR(mode):
        return False
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def refuse_overwriting_inputs(outputs: Iterable[str | Path | None], inputs: Iterable[str | Path | None]) -> None:
    """An output path equal to an input (symlinks followed) would destroy the input if the
    run failed halfway."""
    ins = {Path(p).resolve() for p in inputs if p and not is_stdout(p)}
    for out in outputs:
        if out and not is_stdout(out) and Path(out).resolve() in ins:
            raise UsageError(f"{out}: output path is one of the inputs; choose another output path")


def atomic_write(path: str | Path, data: bytes | str) -> Path:
    """Write `data` to `path` as the contract says (see the module docstring).

    A regular file is written to a temporary file beside the target and renamed into place:
    the rename is atomic on POSIX, so an interrupted or failed run leaves either the old file
    or the new one, never a half-written one. A symlink's target is what gets replaced, so
    the link survives. Devices, FIFOs and sockets cannot be renamed over (that would replace
    `/dev/null` with a file), so they are opened and written.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if is_stdout(path):
        _write_stdout(payload)
        return Path(STDOUT)
    path = Path(path)
    if _special(path):
        with open(path, "wb") as fh:
            fh.write(payload)
        return path
    if path.is_dir():
        raise UsageError(f"{path}: is a folder; give a file name inside it")
    target = path.resolve() if path.is_symlink() else path
    target.parent.mkdir(parents=True, exist_ok=True)  # folder outputs make their folder
    try:
        fd, tmp = _create_beside(target)
    except OSError as exc:  # a folder that takes no new files (permissions, /proc, read-only)
        raise UsageError(f"{path}: cannot be written in {target.parent} ({exc.strerror}); choose a folder you can write to") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


# What tempfile.mkstemp opens a new file with: exclusively, never through a symlink.
_TEMP_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _create_beside(target: Path) -> tuple[int, str]:
    """A new file beside `target` (`.NAME.<random>.part`), created exclusively and readable by
    its owner only, as tempfile.mkstemp makes one: importing tempfile pulls in random and
    shutil, a start-up cost every command that writes a file would pay."""
    for _ in range(100):
        tmp = os.path.abspath(os.path.join(target.parent, f".{target.name}.{os.urandom(6).hex()}.part"))
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o600), tmp
        except FileExistsError:
            continue  # a name already taken: draw another, as mkstemp does
    raise FileExistsError(errno.EEXIST, f"no free temporary name beside {target.name}")


def _mode_for(target: Path) -> int:
    """Keep a replaced file's permissions; a new file gets what a plain open() would give
    (mkstemp creates it 0600)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_stdout(payload: bytes) -> None:
    out = sys.stdout
    out.flush()
    buffer = getattr(out, "buffer", None)
    if buffer is None:  # a replaced sys.stdout (tests capturing text): decode what is text
        out.write(payload.decode("utf-8"))
    else:
        buffer.write(payload)
        buffer.flush()

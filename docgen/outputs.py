"""Writing outputs safely: all or nothing, never over an input, never into sources/ unasked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from docgen.errors import UsageError


def refuse_overwriting_inputs(outputs: Iterable[str | Path | None], inputs: Iterable[str | Path | None]) -> None:
    """An output path equal to an input would destroy the input if the run failed halfway."""
    ins = {Path(p).resolve() for p in inputs if p}
    for out in outputs:
        if out and Path(out).resolve() in ins:
            raise UsageError(f"{out}: output path is one of the inputs; choose another output path")


def atomic_write(path: str | Path, data: bytes | str) -> Path:
    """Write to a temporary file beside the target and rename it into place.

    The rename is atomic on POSIX, so an interrupted or failed run leaves either the old
    file or the new one, never a half-written one.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        # mkstemp creates the file 0600; give it the permissions a plain open() would have.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path

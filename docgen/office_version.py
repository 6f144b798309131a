"""Which LibreOffice docgen will use, and its version, cheaply enough for `docgen --version`.

`soffice --version` takes longer than all of docgen's start-up, so its answer is kept in the
user's cache (XDG_CACHE_HOME, else ~/.cache) under the executable's real path, size and
modification time: a different or upgraded LibreOffice is asked again. When the cache cannot
be read or written, LibreOffice is simply asked every time. Only the standard library's
lightest modules are imported here, since `docgen --version` runs nothing else.
"""

from __future__ import annotations

import json
import os
import shutil

INSTALL_HINT = "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui)"
_CANDIDATES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    """The soffice executable, honouring DOCGEN_SOFFICE for installs outside PATH."""
    override = os.environ.get("DOCGEN_SOFFICE")
    if override:
        return override if os.path.isfile(override) else shutil.which(override)
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def describe(exe: str | None) -> str:
    """The `LibreOffice:` line of `docgen --version`: version and path, or how to install it."""
    if exe is None:
        return "not found (PDF outputs unavailable; " + INSTALL_HINT + ")"
    shown = version(exe)
    return f"{shown} ({exe})" if shown else f"{exe} (did not report its version)"


def version_report() -> str:
    """What `docgen --version` prints: docgen's version and the LibreOffice it found (the
    fast path of `docgen.cli` and the typer app's flag print the same)."""
    from docgen import __version__

    return f"docgen {__version__}\nLibreOffice: {describe(find_soffice())}\n"


def version(exe: str) -> str | None:
    """The first line `exe --version` prints, from the cache when it holds this executable."""
    try:
        real = os.path.realpath(exe)
        st = os.stat(real)
    except OSError:
        return None
    key = f"{real}|{st.st_size}|{st.st_mtime_ns}"
    cache = _cache_file()
    try:
        with open(cache, encoding="utf-8") as fh:
            known = json.load(fh)
        if isinstance(known, dict) and isinstance(known.get(key), str):
            return known[key]
    except (OSError, ValueError):
        known = {}
    shown = _ask(exe)
    if shown:
        try:
            os.makedirs(os.path.dirname(cache), exist_ok=True)
            tmp = f"{cache}.{os.getpid()}.part"
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump({key: shown}, fh)
            os.replace(tmp, cache)
        except OSError:
            pass
    return shown


def _ask(exe: str) -> str | None:
    import subprocess

    try:
        done = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = done.stdout.strip().splitlines()
    return lines[0] if lines else None


def _cache_file() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "docgen", "soffice-version.json")

"""Run `lo_uno.py` (LibreOffice's own reading, Accept All and Reject All) for a batch of files.

The script needs Debian's python3-uno, which belongs to the system Python, not to the project's
virtualenv, so it runs as a child process of whichever system interpreter can import uno.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

SCRIPT = Path(__file__).with_name("lo_uno.py")
_CANDIDATES = ("/usr/bin/python3", "/usr/local/bin/python3")


@lru_cache(maxsize=1)
def uno_python() -> str | None:
    """A Python that can `import uno` (None when python3-uno or LibreOffice is missing)."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        return None
    for exe in _CANDIDATES:
        if Path(exe).is_file():
            probe = subprocess.run([exe, "-c", "import uno"], capture_output=True, timeout=60)
            if probe.returncode == 0:
                return exe
    return None


def read_with_libreoffice(jobs: list[tuple[Path, str]], timeout: float = 900) -> list[dict]:
    """[(path, "none"|"accept"|"reject")] -> LibreOffice's stories for each, in one soffice run."""
    exe = uno_python()
    if exe is None:
        raise RuntimeError("no Python with uno (apt-get install python3-uno)")
    with tempfile.TemporaryDirectory(prefix="corpus-lo-jobs-") as tmp:
        jobs_file, results_file = Path(tmp, "jobs.json"), Path(tmp, "results.json")
        jobs_file.write_text(json.dumps([{"path": str(p), "action": a} for p, a in jobs]))
        run = subprocess.run([exe, str(SCRIPT), str(jobs_file), str(results_file)], capture_output=True, text=True, timeout=timeout)
        if run.returncode != 0 or not results_file.is_file():
            raise RuntimeError(f"lo_uno.py failed ({run.returncode}): {run.stderr[-2000:]}")
        return json.loads(results_file.read_text())


def visible(stories: dict[str, list[str]]) -> dict[str, list[str]]:
    """Stories without empty paragraphs (a redline may leave an empty paragraph mark where a
    writer had none, which no reader sees as a difference of text)."""
    def shown(line: str) -> str:
        return line.replace("\u200b", "")  # LibreOffice's zero-width anchor marks of objects

    return {name: [shown(line) for line in lines if shown(line).strip()] for name, lines in stories.items()}

"""`docgen doctor`: is this machine able to print redlines as Word would paginate them?

PDFs come from LibreOffice, which lays pages out with the fonts installed here. A font
that is missing is replaced by whatever fontconfig offers; unless that replacement has the
same metrics (Liberation for Arial, Times New Roman and Courier New; Carlito and Caladea
for Calibri and Cambria), lines wrap differently and the pages no longer match Word's. The
command reports LibreOffice and the substitutes fontconfig picks, for the usual Office
fonts and for every font the given documents use. Exit 0 when all is well, 1 when
something needs installing, 2 for bad input.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from docgen import soffice

# Office fonts and the fonts drawn to the same metrics (same advance widths), which keep
# Word's line breaks and page breaks.
METRIC_COMPATIBLE: dict[str, tuple[str, ...]] = {
    "arial": ("Liberation Sans", "Arimo"),
    "helvetica": ("Liberation Sans", "Arimo"),
    "times new roman": ("Liberation Serif", "Tinos"),
    "times": ("Liberation Serif", "Tinos"),
    "courier new": ("Liberation Mono", "Cousine"),
    "courier": ("Liberation Mono", "Cousine"),
    "arial narrow": ("Liberation Sans Narrow",),
    "calibri": ("Carlito",),
    "cambria": ("Caladea",),
    "georgia": ("Gelasio",),
}
PACKAGES = {
    "Liberation Sans": "fonts-liberation", "Liberation Serif": "fonts-liberation", "Liberation Mono": "fonts-liberation",
    "Liberation Sans Narrow": "fonts-liberation", "Carlito": "fonts-crosextra-carlito", "Caladea": "fonts-crosextra-caladea",
    "Gelasio": "fonts-gelasio",
}
OFFICE_FONTS = ("Arial", "Times New Roman", "Courier New", "Calibri", "Cambria")


def run(documents: list[Path]) -> int:
    out = sys.stdout
    problems = 0
    fonts: dict[str, list[str]] = {name: [] for name in OFFICE_FONTS}
    if documents:
        from docgen.ooxml.fonts import document_fonts

        fonts = {}
        for doc in documents:  # read first: a bad document is refused before anything is printed
            for name in document_fonts(Path(doc)):
                fonts.setdefault(name, []).append(str(doc))
    exe = soffice.find_soffice()
    if exe is None:
        out.write(f"LibreOffice: missing; PDF redlines cannot be made ({soffice.INSTALL_HINT})\n")
        problems += 1
    else:
        out.write(f"LibreOffice: {_version(exe)} ({exe})\n")
    if shutil.which("fc-match") is None:
        out.write("fontconfig: fc-match not found; cannot tell which fonts LibreOffice will use (apt-get install fontconfig)\n")
        return 1
    out.write("fonts (as LibreOffice will draw them):\n")
    for name in sorted(fonts, key=str.lower):
        used = fonts[name]
        family = substitute(name)
        verdict, ok = judge(name, family)
        where = f" [{', '.join(used)}]" if used else ""
        out.write(f"  {name} -> {family or '?'}: {verdict}{where}\n")
        problems += 0 if ok else 1
    if problems:
        out.write(f"{problems} problem(s): PDFs made here may paginate differently from Word\n")
        return 1
    out.write("ok: PDFs made here lay out pages as Word does\n")
    return 0


def substitute(font: str) -> str | None:
    """The family fontconfig gives LibreOffice for `font`, or None if fc-match fails."""
    try:
        done = subprocess.run(["fc-match", "--format=%{family[0]}", font], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def judge(font: str, family: str | None) -> tuple[str, bool]:
    """(what to tell the user, whether the layout will match Word's)."""
    if family is None:
        return "fontconfig gave no answer", False
    if family.lower() == font.lower():
        return "installed", True
    compatible = METRIC_COMPATIBLE.get(font.lower(), ())
    if family in compatible:
        return "metric-compatible substitute", True
    if compatible:
        package = PACKAGES.get(compatible[0])
        hint = f"install {compatible[0]}" + (f" (Debian: apt-get install {package})" if package else "")
        return f"NOT metric-compatible; {hint}", False
    return f"no metric-compatible substitute installed; install {font} or a font drawn to its metrics", False


def _version(exe: str) -> str:
    try:
        done = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return "installed, version unknown"
    line = done.stdout.strip().splitlines()[0] if done.stdout.strip() else ""
    return line or "installed, version unknown"

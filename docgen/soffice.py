"""Running LibreOffice headless to convert documents, many files per process.

Starting soffice costs a second or more on a small machine, so callers (the redline PDF,
the consultation pack) hand over every file of a batch at once and get one process.
Each run gets a private, throw-away user profile: a shared profile would make a second
soffice hand its work to the first one (or refuse to start while the first holds the
lock), and a user's own settings would make the output depend on who ran docgen.

The profile is seeded with how tracked changes are drawn (Tools > Options > Writer >
Changes), since that is an application setting no document can carry: deletions struck
through in red, insertions underlined in blue, attribute-only changes left as they are
printed, and a black bar in the left margin of every changed line. LibreOffice prints
tracked changes as it shows them, so a redline .docx becomes a redline PDF.

LibreOffice stamps every PDF with the time of conversion (/CreationDate, sometimes
/ModDate) and a file /ID derived from it, so the same document gives different bytes on
every run. Those fields are rewritten in place with strings of the same length, which
keeps every byte offset in the cross-reference table valid without re-serialising the
PDF (and without a PDF library as a dependency).
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import tempfile
from pathlib import Path

from docgen.errors import DocgenError, UsageError
from docgen.office_version import INSTALL_HINT, find_soffice
from docgen.outputs import atomic_write

# PDF date strings are "D:YYYYMMDDHHmmSS" plus an optional zone: Z, Z', +01'00', -05'00.
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\((D:\d{4,14})([^)]{0,8})\)")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
_XMP_DATE = re.compile(rb"<(xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate)>([^<]{1,40})</\1>")
_XMP_STAMP = re.compile(rb"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
_XMP_UUID = re.compile(rb"uuid:[0-9a-fA-F-]{36}")
FIXED_PDF_DATE = b"D:20000101000000"
DELETED_RGB, INSERTED_RGB, BAR_RGB = 0xC00000, 0x0033CC, 0x000000
# org.openoffice.Office.Writer/Revision. Attribute codes: 3 is single underline for an
# insertion and strike-through for a deletion, 0 no attribute; Mark 3 is the left margin.
_REVISION_DISPLAY = (
    ("TextDisplay/Insert", "Attribute", 3),
    ("TextDisplay/Insert", "Color", INSERTED_RGB),
    ("TextDisplay/Delete", "Attribute", 3),
    ("TextDisplay/Delete", "Color", DELETED_RGB),
    ("TextDisplay/ChangedAttribute", "Attribute", 0),
    ("LinesChanged", "Mark", 3),
    ("LinesChanged", "Color", BAR_RGB),
)


class SofficeError(DocgenError):
    """LibreOffice is missing, failed, or timed out; the message says which and what to do."""


def available() -> bool:
    """True when a conversion can be attempted; tests use it to skip, commands to fail early."""
    return find_soffice() is not None


def convert(
    files: list[Path],
    target: str = "pdf",
    outdir: Path | None = None,
    *,
    timeout: float = 300,
) -> list[Path]:
    """Convert every file in one soffice process; return the output paths in input order.

    `target` is what soffice's --convert-to takes ("pdf", "docx", "pdf:writer_pdf_Export");
    the output's extension is the part before any ":". `outdir` defaults to each input's
    own folder. Outputs appear atomically and only once the whole batch has succeeded, and
    PDFs are made byte-reproducible. Two inputs with the same stem would write the same
    output name, so that is refused rather than letting one silently replace the other.
    """
    files = [Path(f) for f in files]
    if not files:
        return []
    ext = target.split(":", 1)[0].strip().lower()
    if not ext or "/" in ext:
        raise UsageError(f"cannot convert to {target!r}: give an extension such as 'pdf'")
    stems: dict[str, Path] = {}
    for f in files:
        if not f.is_file():
            raise SofficeError(f"{f}: no such file to convert")
        clash = stems.setdefault(f.stem, f)
        if clash is not f:
            raise UsageError(f"{f}: has the same name as {clash}; both would convert to {f.stem}.{ext}")
    exe = find_soffice()
    if exe is None:
        raise SofficeError(f"LibreOffice (soffice) was not found; {INSTALL_HINT}")
    outputs = [(Path(outdir) if outdir is not None else f.parent) / f"{f.stem}.{ext}" for f in files]
    with tempfile.TemporaryDirectory(prefix="docgen-soffice-") as tmp:
        work = Path(tmp)
        produced = work / "out"
        produced.mkdir()
        seed_profile(work / "profile")
        log = _run(exe, files, target, produced, work / "profile", timeout)
        results: list[bytes] = []
        for f in files:
            made = produced / f"{f.stem}.{ext}"
            if not made.is_file() or made.stat().st_size == 0:
                detail = _error_line(log)
                raise SofficeError(
                    f"{f}: LibreOffice could not convert it to {ext}"
                    + (f" ({detail})" if detail else "")
                    + "; check that it opens in LibreOffice"
                )
            data = made.read_bytes()
            results.append(normalise_pdf(data) if ext == "pdf" else data)
    for path, data in zip(outputs, results):
        atomic_write(path, data)
    return outputs


def seed_profile(profile: Path) -> None:
    """Write the revision display settings into a fresh LibreOffice user profile."""
    items = "".join(
        f'<item oor:path="/org.openoffice.Office.Writer/Revision/{group}">'
        f'<prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>\n'
        for group, name, value in _REVISION_DISPLAY
    )
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' + items + "</oor:items>\n",
        encoding="utf-8",
    )


def _run(exe: str, files: list[Path], target: str, outdir: Path, profile: Path, timeout: float) -> str:
    cmd = [
        exe,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *[str(f.resolve()) for f in files],
    ]
    env = dict(os.environ)
    env.setdefault("SAL_USE_VCLPLUGIN", "svp")  # never try to reach a display
    try:
        # A new session so a timeout can end soffice together with the helpers it spawns.
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=env, start_new_session=True,
        )
    except OSError as exc:
        raise SofficeError(f"could not start LibreOffice ({exc}); {INSTALL_HINT}") from None
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        names = ", ".join(f.name for f in files[:3]) + (" ..." if len(files) > 3 else "")
        raise SofficeError(f"LibreOffice took longer than {timeout:g} s converting {names}; it was stopped") from None
    return out.decode("utf-8", "replace")


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()


def _error_line(log: str) -> str:
    for line in log.splitlines():
        if line.lower().startswith("error"):
            return line.strip()
    return ""


def normalise_pdf(data: bytes) -> bytes:
    """Pin the conversion-time fields of a PDF so identical input gives identical bytes.

    Dates become 2000-01-01 (UTC), each replacement as long as the original so the
    cross-reference offsets stay right; the /ID pair, which LibreOffice derives from the
    time, becomes a digest of the rest of the file, so it still differs between documents.
    Nothing changes length, so the file is written back without touching its offsets.
    """

    def fix_date(m: re.Match[bytes]) -> bytes:
        stamp = m.group(2)
        zone = re.sub(rb"\d", b"0", m.group(3)).replace(b"-", b"+")
        return b"/" + m.group(1) + b"(" + FIXED_PDF_DATE[: len(stamp)] + zone + b")"

    def fix_xmp(m: re.Match[bytes]) -> bytes:
        value = m.group(2)
        head = _XMP_STAMP.sub(b"2000-01-01T00:00:00", value, count=1)
        fixed = head[:19] + re.sub(rb"\d", b"0", head[19:]).replace(b"-", b"+")
        return b"<" + m.group(1) + b">" + fixed + b"</" + m.group(1) + b">"

    data = _PDF_DATE.sub(fix_date, data)
    data = _XMP_DATE.sub(fix_xmp, data)
    data = _XMP_UUID.sub(lambda m: b"uuid:" + b"0" * 36, data)
    # LibreOffice also writes /DocChecksum, an MD5 over content that includes the date it
    # stamped; it is replaced too, since it can no longer be recomputed the same way.
    spans = [m.span(g) for m in _PDF_ID.finditer(data) for g in (1, 2)]
    spans += [m.span(1) for m in _PDF_CHECKSUM.finditer(data)]
    if not spans:
        return data
    spans.sort()
    blank = b"".join(data[a:b] for a, b in _gaps(spans, len(data)))
    digest = hashlib.md5(blank).hexdigest().upper().encode("ascii")  # an identifier, not security
    out = bytearray(data)
    for start, end in spans:
        out[start:end] = (digest * (1 + (end - start) // len(digest)))[: end - start]
    return bytes(out)


def _gaps(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """The byte ranges between the given sorted spans (the parts of the file that stay)."""
    gaps, pos = [], 0
    for start, end in spans:
        gaps.append((pos, start))
        pos = end
    gaps.append((pos, size))
    return gaps

"""Timing and memory of one command, and the statistics every benchmark reports.

Every measurement runs in a fresh process so each tool's peak memory is its own: the
parent starts the child with subprocess, waits for it with os.wait4 and reads that one
child's ru_maxrss (RUSAGE_CHILDREN would give the largest of all children so far).
Whole-process rows time the command from launch to exit with time.perf_counter; in-process
rows run `bench/worker.py`, which times only the call under test and reports it as JSON.
"""

from __future__ import annotations

import functools
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable


@dataclass
class Sample:
    wall: float  # seconds
    rss_kb: int  # peak resident set size of the measured process
    extra: dict = field(default_factory=dict)
    cpu: float | None = None  # user + system seconds: steadier than wall on a shared machine


class BenchError(RuntimeError):
    """A measured command failed: the benchmark reports it instead of a figure."""


class BenchTimeout(BenchError):
    """A measured command ran past its time limit and was stopped."""


def _kill_group(pid: int) -> None:
    """Stop a measured command and anything it started (it runs in its own session)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@functools.cache
def gnu_time() -> str | None:
    """GNU time, when installed: a small launcher whose child's peak RSS is the tool's alone."""
    exe = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if exe is None:
        return None
    try:
        probe = subprocess.run([exe, "-f", "%M", "true"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return exe if probe.returncode == 0 and probe.stderr.strip().isdigit() else None


def run_process(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None, capture: bool = False, timeout: float | None = None) -> tuple[Sample, bytes]:
    """Run `cmd` to completion: its wall time, its own peak RSS, and its stdout if `capture`.

    Linux hands a forked child its parent's peak RSS, so a child started straight from
    this (large) Python process would report at least our own size. The command is
    therefore started through GNU time, whose fork is small, and the peak is the one it
    reports; without GNU time, os.wait4's figure is used and says so (Sample.extra).
    Output goes to temporary files, not pipes, so a chatty child never blocks on a pipe.
    """
    launcher = gnu_time()
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f, tempfile.NamedTemporaryFile(suffix=".rss") as rss_f:
        full = [launcher, "-f", "%M", "-o", rss_f.name, *cmd] if launcher else list(cmd)
        start = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, env=env, stdout=out_f if capture else subprocess.DEVNULL, stderr=err_f, start_new_session=True)
        killer = threading.Timer(timeout, _kill_group, (proc.pid,)) if timeout else None
        if killer is not None:
            killer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if killer is not None:
            killer.cancel()
            if timeout is not None and wall >= timeout:
                raise BenchTimeout(f"{Path(str(cmd[0])).name} did not finish within {timeout:.0f} s and was stopped")
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read(), err_f.read()
        reported = Path(rss_f.name).read_text().strip().splitlines() if launcher else []
    if code not in (0, 1):  # docgen lint exits 1 when it finds errors: that is a result, not a failure
        tail = err.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise BenchError(f"{' '.join(map(str, cmd[:4]))} ... exited {code}: {' / '.join(tail)}")
    cpu = usage.ru_utime + usage.ru_stime  # wait4 counts the launcher's waited-for child too
    if reported and reported[-1].strip().isdigit():
        return Sample(wall, int(reported[-1]), cpu=cpu), out
    return Sample(wall, usage.ru_maxrss, {"rss_includes_launcher": True}, cpu=cpu), out


def run_worker(task: str, *args: str) -> Sample:
    """One in-process measurement in a fresh interpreter (see worker.py)."""
    sample, out = run_process([PY, str(HERE / "worker.py"), task, *map(str, args)], cwd=ROOT, capture=True)
    try:
        data = json.loads(out.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise BenchError(f"worker {task} printed no result") from None
    data.pop("rss_kb", None)  # the worker's own figure inherits our peak at fork; the launcher's does not
    return Sample(data.pop("wall"), sample.rss_kb, data, cpu=data.pop("cpu", None))


def repeat(measure, runs: int, *, budget_s: float | None = None) -> list[Sample]:
    """`runs` samples; fewer when the first shows that `runs` of them would blow `budget_s`
    (a slow peer still gets as many as fit, and at least the one already taken)."""
    samples = [measure()]
    want = runs
    if budget_s is not None and samples[0].wall * runs > budget_s:
        want = max(1, min(runs, int(budget_s // max(samples[0].wall, 1e-9))))
    while len(samples) < want:
        samples.append(measure())
    return samples


@dataclass
class Row:
    """One line of a results table: a tool on one input, with its samples."""

    group: str  # "parse", "lint", ...
    case: str  # "one S1SR (1,793 paragraphs)"
    tool: str
    samples: list[Sample]
    note: str = ""
    size: int | None = None  # paragraphs, for growth

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float | None:
        cpus = [s.cpu for s in self.samples if s.cpu is not None]
        return statistics.median(cpus) if cpus else None

    @property
    def rss_mb(self) -> float:
        return max(s.rss_kb for s in self.samples) / 1024

    @property
    def runs(self) -> int:
        return len(self.samples)

    def to_json(self) -> dict:
        return {
            "group": self.group, "case": self.case, "tool": self.tool, "note": self.note, "size": self.size,
            "median_s": round(self.wall, 4), "median_cpu_s": None if self.cpu is None else round(self.cpu, 4), "peak_rss_mb": round(self.rss_mb, 1), "runs": self.runs,
            "walls": [round(s.wall, 4) for s in self.samples],
        }


@dataclass
class Target:
    """A goal from the issue, and whether this run met it."""

    name: str
    goal: str
    measured: str
    met: bool


def ratio(slow: float, fast: float) -> float:
    return slow / fast if fast > 0 else float("inf")


def machine() -> dict[str, str]:
    """What the figures came from: CPU model, cores, memory, Python, and the load when run."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "load average at start (1, 5, 15 min)": load,
    }


def tool_version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()
    except (OSError, subprocess.SubprocessError):
        return "not available"
    return out[0] if out else "unknown"


def package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


@dataclass
class Config:
    """What `run.py` was asked for: shared by every benchmark module."""

    runs: int  # samples per docgen row (and per peer row unless its budget cuts it)
    peer_budget_s: float  # time one slow peer row may take before it gets fewer (>= 3) runs
    sizes: list[str]  # parse corpus sizes, from generate.SIZES
    out: Path  # generated inputs and outputs, never committed
    quick: bool = False
    peer_timeout_s: float = 120.0  # one peer run longer than this is stopped and reported as such


@dataclass
class Section:
    """One benchmark's results: its rows, the targets it checks and what a reader should know."""

    title: str
    rows: list[Row] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ratios: list[tuple[str, str]] = field(default_factory=list)  # (what, figure)

"""Test-session settings shared by every module.

Hypothesis runs without per-example deadlines (a loaded two-core CI machine is not a
performance test; bench/ measures speed), and in CI (`CI` set, as .ci/run does) with a
fixed derandomised search so a run can be repeated exactly.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

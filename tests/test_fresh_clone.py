"""A fresh clone has no ../shared: the tests that need it skip with a reason
instead of failing (CI, which has it, runs them)."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT

NEEDS_SHARED = ("tests/test_vale.py", "tests/test_vale_packs.py", "tests/test_ci_formats.py")


def test_tests_that_need_shared_skip_without_it(tmp_path: object) -> None:
    env = {**os.environ, "TONECHECK_SHARED": str(ROOT / "no-such-shared-folder")}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *NEEDS_SHARED],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    skipped = [line for line in proc.stdout.splitlines() if line.startswith("SKIPPED")]
    assert skipped and all("shared" in line for line in skipped), skipped

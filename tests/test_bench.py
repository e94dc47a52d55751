"""The benchmark's quick mode runs in the suite, so the script never rots.

It asserts only that every figure is printed (the figures themselves are for
people to read: a timed unit test on a shared machine would be noise).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_quick_benchmark_prints_every_figure() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    for figure in ("tonecheck --version", "word letter, cold", "bare en_core_web_sm", "tonecheck (default)",
                   "tonecheck --thorough", "tonecheck --jobs 2", "tonecheck cached re-run",
                   "default vs bare spaCy", "identical to --thorough", "cached re-run:", "--jobs 2 vs --jobs 1",
                   "time grows as size^", "over the 5 MB limit"):
        assert figure in out, f"{figure!r} missing from:\n{out}"
    assert "DIFFERENT" not in out, out


def test_classifier_cost_prints_the_classifier_share() -> None:
    """benchmarks/classifier_cost.py (issue 13's figures: the model's cost per
    1,000 words and its share of the pack's time) runs against the engine as it is."""
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "classifier_cost.py"), "--letters", "5",
                           "--repeat", "1"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "per 1,000 words" in proc.stdout and "cold run" in proc.stdout, proc.stdout

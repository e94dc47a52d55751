"""``--jobs``: the same output, in the same order, as one process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tonecheck import pool
from tonecheck.formats import read_letter
from tonecheck.source import SourceText

ROOT = Path(__file__).resolve().parents[1]


def _letters(tmp: Path) -> Path:
    folder = tmp / "letters"
    folder.mkdir()
    sources = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    for i, path in enumerate(sources):
        (folder / f"{i:03d}-{path.name}").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("output", ["json", "line"])
def test_jobs_2_prints_what_jobs_1_prints(output: str, tmp_path: Path) -> None:
    folder = _letters(tmp_path)
    outs = []
    for jobs in ("1", "2"):
        proc = subprocess.run([sys.executable, "-m", "tonecheck", "--no-cache", "--format", output, "--jobs", jobs,
                               str(folder)], capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"})
        assert proc.returncode == 1, proc.stderr
        outs.append(proc.stdout)
    assert outs[0] == outs[1]
    assert outs[0].count("Business.") > 100  # a real comparison, over many findings


def test_pool_keeps_input_order(linter, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = sorted((ROOT / "tests" / "corpus").glob("*.txt"))[:12]
    letters = [read_letter(SourceText(str(p), p.read_text(encoding="utf-8"))) for p in paths]
    one = linter.lint_letters(letters)
    many = pool.lint_letters(linter, letters, jobs=2)
    assert [r.path for r in many] == [str(p) for p in paths]
    assert [r.findings for r in many] == [r.findings for r in one]
    assert all(r.letter is letter for r, letter in zip(many, letters))


def test_default_jobs_pay_for_themselves(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "available_cpus", lambda: 2)
    assert pool.default_jobs(1) == 1
    assert pool.default_jobs(pool.LETTERS_PER_JOB - 1) == 1  # a few files: one process
    assert pool.default_jobs(1000) == 2  # never more than the CPUs

"""The composite action (action.yml) that README's Actions snippet uses: its
inputs are the ones the snippet passes, and its lint step runs as written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT
from .test_precommit import _readme_snippet

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())


def test_snippet_passes_only_inputs_the_action_has() -> None:
    workflow = yaml.safe_load(_readme_snippet("actions"))
    steps = [s for s in workflow["jobs"]["tonecheck"]["steps"] if s.get("uses", "").startswith("tonecheck/tonecheck@")]
    assert steps
    for step in steps:
        assert set(step["with"]) <= set(ACTION["inputs"])
    assert all(not spec.get("required") or name == "paths" for name, spec in ACTION["inputs"].items())


@pytest.mark.parametrize(("fmt", "output"), [("github", ""), ("sarif", "tonecheck.sarif")])
def test_lint_step_runs(tmp_path: Path, fmt: str, output: str) -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    step = next(s for s in ACTION["runs"]["steps"] if s.get("name") == "Lint")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "TONECHECK_PATHS": str(ROOT / "examples" / "lost-account.txt"), "TONECHECK_FORMAT": fmt,
           "TONECHECK_ARGS": "--no-config --exit-zero" if output else "--no-config",
           "TONECHECK_OUTPUT": output}
    proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True)
    if output:
        assert proc.returncode == 0, proc.stderr
        assert '"version": "2.1.0"' in (tmp_path / output).read_text()
    else:
        assert proc.returncode == 1, proc.stderr
        assert proc.stdout.startswith("::") and "Business.AffectionateSignOff" in proc.stdout

"""The pre-commit hook, end to end: a throwaway git repository with a bad
letter and a .pre-commit-config.yaml pointing at this checkout (its HEAD
commit).  pre-commit installs tonecheck from the checkout into its own
environment (from PyPI, like a user's machine), so the first run takes a while.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

BAD = "Dear Ms Lee,\n\nThank you for the order.\n\nLove,\nSam\n"


def test_manifest_declares_the_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"tonecheck", "tonecheck-fix"}
    assert hooks["tonecheck"]["entry"] == "tonecheck check" and hooks["tonecheck-fix"]["entry"] == "tonecheck check --fix"
    import re

    pattern = re.compile(hooks["tonecheck"]["files"])
    for name in ("a.txt", "b.md", "c.HTML", "d.eml", "e.html.j2", "f.hbs", "g.liquid", "h.jinja2"):
        assert pattern.search(name), name
    for name in ("setup.py", "data.json", "README.rst"):
        assert not pattern.search(name), name
    assert all(h["require_serial"] and h["language"] == "python" for h in hooks.values())


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def head() -> str:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    committed = subprocess.run(["git", "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"], cwd=ROOT, capture_output=True)
    if committed.returncode != 0:
        pytest.skip(".pre-commit-hooks.yaml is not committed yet")
    return _git(ROOT, "rev-parse", "HEAD")


def test_hook_fails_on_a_bad_letter_and_passes_once_fixed(tmp_path: Path, head: str) -> None:
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    if not os.path.exists(pre_commit):
        pytest.skip("pre-commit is not installed (pip install -e .[test])")
    repo = tmp_path / "letters"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "t")
    (repo / "letter.txt").write_text(BAD)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: tonecheck\n")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": os.environ.get("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-home"))}

    def pre_commit_run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([pre_commit, "run", "--all-files", "--color", "never"], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=1200)

    first = pre_commit_run()
    if first.returncode != 0 and "An unexpected error has occurred" in first.stdout + first.stderr:
        pytest.skip("pre-commit could not install the hook environment (no network?):\n" + first.stdout[-2000:])
    assert first.returncode == 1, first.stdout + first.stderr
    assert "tonecheck....." in first.stdout and "Failed" in first.stdout
    assert "letter.txt:5:1: error Business.AffectionateSignOff" in first.stdout
    (repo / "letter.txt").write_text(BAD.replace("Love,", "Best regards,"))
    second = pre_commit_run()
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout

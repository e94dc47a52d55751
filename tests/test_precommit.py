"""The pre-commit hook, end to end: README's pre-commit snippet, run in a
throwaway git repository against a local clone of this checkout tagged at the
snippet's ``rev`` (the real tag is made at release).  pre-commit installs
tonecheck from the clone into its own environment (from the package index,
like a user's machine), so the first run takes a while.
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

    files, exclude = re.compile(hooks["tonecheck"]["files"]), re.compile(hooks["tonecheck"]["exclude"])

    def linted(name: str) -> bool:
        return bool(files.search(name)) and not exclude.search(name)

    for name in ("letters/a.txt", "drafts/b.md", "mail/c.HTML", "d.eml", "templates/e.html.j2", "templates/x/f.hbs",
                 "emails/g.liquid", "letters/h.jinja2"):
        assert linted(name), name
    # a templates repository's README (which documents {{company}}) and its docs are not letters
    for name in ("README.md", "templates/README.md", "docs/templates/a.md", "CHANGELOG.md", "setup.py",
                 "requirements.txt", "data.json", "notes.md"):
        assert not linted(name), name
    assert hooks["tonecheck"]["files"] == hooks["tonecheck-fix"]["files"]
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


def _readme_snippet(name: str) -> str:
    readme = (ROOT / "README.md").read_text()
    block = readme.split(f"<!-- snippet:{name} -->")[1].split(f"<!-- /snippet:{name} -->")[0]
    return block.split("```yaml\n", 1)[1].split("```", 1)[0]


def _tagged_clone(tmp_path: Path, rev: str) -> Path:
    """A clone of this checkout's HEAD with ``rev`` as a tag (kept when the tag exists)."""
    clone = tmp_path / "tonecheck-clone"
    _git(tmp_path, "clone", "--quiet", str(ROOT), str(clone))
    tags = _git(clone, "tag", "--list", rev)
    if not tags:
        _git(clone, "-c", "user.email=t@example.org", "-c", "user.name=t", "tag", rev)
    return clone


def test_readme_snippets_name_the_same_release() -> None:
    pre_commit = yaml.safe_load(_readme_snippet("pre-commit"))
    workflow = yaml.safe_load(_readme_snippet("actions"))
    rev = pre_commit["repos"][0]["rev"]
    uses = [step["uses"] for step in workflow["jobs"]["tonecheck"]["steps"] if "tonecheck/tonecheck@" in step.get("uses", "")]
    assert rev == "v0.2.0" and uses == [f"tonecheck/tonecheck@{rev}"]
    assert f"@{rev}" in (ROOT / "README.md").read_text().split("Without the action, install from the repository:")[1][:200]


def test_hook_fails_on_a_bad_letter_and_passes_once_fixed(tmp_path: Path, head: str) -> None:
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    if not os.path.exists(pre_commit):
        pytest.skip("pre-commit is not installed (pip install -e .[test])")
    repo = tmp_path / "letters"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "t")
    (repo / "letters").mkdir()
    (repo / "letters" / "letter.txt").write_text(BAD)
    (repo / "README.md").write_text("# Templates\n\nWrite {{company}} where the company goes.\n\nLove,\nSam\n")
    snippet = _readme_snippet("pre-commit")
    rev = yaml.safe_load(snippet)["repos"][0]["rev"]
    clone = _tagged_clone(tmp_path, rev)
    (repo / ".pre-commit-config.yaml").write_text(snippet.replace("https://github.com/tonecheck/tonecheck", str(clone)))
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
    assert "letters/letter.txt:5:1: error Business.AffectionateSignOff" in first.stdout
    assert "README.md" not in first.stdout
    (repo / "letters" / "letter.txt").write_text(BAD.replace("Love,", "Best regards,"))
    second = pre_commit_run()
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout

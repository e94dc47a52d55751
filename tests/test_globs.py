"""The one glob matcher (``tonecheck.globs``): gitignore-like, used by --exclude,
configuration and .vale.ini sections alike."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tonecheck import config, inputs
from tonecheck.globs import expand_braces, glob_match
from tonecheck.vale import ini


@pytest.mark.parametrize(("path", "pattern", "expected"), [
    ("drafts/a.txt", "drafts/*.txt", True),
    ("drafts/old/a.txt", "drafts/*.txt", False),  # * does not cross folders
    ("x/drafts/a.txt", "drafts/*.txt", False),  # a slash anchors the pattern
    ("drafts/old/a.txt", "drafts/*", True),  # drafts/old is matched, so is what is in it
    ("drafts/old/a.txt", "drafts/**", True),
    ("a/b/c.txt", "*.txt", True),  # no slash: a name at any depth
    ("a/archive/x.txt", "archive", True),
    ("a/archive/x.txt", "archive/", True),
    ("a/archive", "archive/", False),  # a trailing slash matches folders only
    ("x/y/a.md", "**/*.md", True),
    ("a/x/y/b", "a/**/b", True),
    ("a.md", "*.{md,txt}", True),
    ("a.txt", "*.{md,txt}", True),
    ("a.html", "*.{md,txt}", False),
    ("./drafts/a.txt", "./drafts/*.txt", True),
    ("b1.txt", "b[0-9].txt", True),
    ("templates/a.txt", "templates/**", True),
    ("drafts/a.txt", "templates/**", False),
])
def test_glob_semantics(path: str, pattern: str, expected: bool) -> None:
    assert glob_match(path, pattern) is expected


def test_folder_only_pattern_matches_a_folder() -> None:
    assert glob_match("a/archive", "archive/", is_dir=True)


def test_braces_expand() -> None:
    assert expand_braces("a.{md,txt}") == ["a.md", "a.txt"]


def test_config_exclude_inputs_and_vale_agree(tmp_path: Path) -> None:
    """The three places that used to have three matchers give one answer."""
    for rel in ("drafts/a.txt", "drafts/old/a.txt", "x/drafts/a.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("Hi Jo,\n\nThanks.\n")
    cfg = config.Config(path=str(tmp_path / ".tonecheck.yaml"), root=str(tmp_path), exclude=("drafts/*.txt",))
    by_config = {rel for rel in ("drafts/a.txt", "drafts/old/a.txt", "x/drafts/a.txt") if cfg.excludes(str(tmp_path / rel))}
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        walked = set(inputs.walk(".", ("drafts/*.txt",)))
    finally:
        os.chdir(old)
    by_walk = {"drafts/a.txt", "drafts/old/a.txt", "x/drafts/a.txt"} - walked
    vale_config = ini.ValeConfig(root=tmp_path, styles_path=tmp_path, sections=[("drafts/*.txt", ["S"], {})])
    by_vale = {rel for rel in ("drafts/a.txt", "drafts/old/a.txt", "x/drafts/a.txt") if ini.enabled_for(vale_config, rel)}
    assert by_config == by_walk == by_vale == {"drafts/a.txt"}

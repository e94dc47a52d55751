"""The README's rule examples are real rules, and its commands exist."""

from __future__ import annotations

import re

import pytest
import yaml

from tonecheck.kinds import KINDS
from tonecheck.rules import build_rule

from .conftest import ROOT

README = (ROOT / "README.md").read_text()
SECTION = README.split("<!-- section:rule-format -->")[1].split("<!-- /section:rule-format -->")[0]
BLOCKS = re.findall(r"```yaml\n(.*?)```", SECTION, flags=re.S)


def test_one_example_per_kind() -> None:
    kinds = sorted(yaml.safe_load(block)["extends"] for block in BLOCKS)
    assert kinds == sorted(KINDS)


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: yaml.safe_load(b)["extends"])
def test_readme_rule_examples_load(block: str) -> None:
    rule = build_rule(yaml.safe_load(block), rule_id="Readme.Example", pack="Readme", path="README.md")
    assert rule.kind == yaml.safe_load(block)["extends"]


def test_readme_names_the_two_setup_commands() -> None:
    assert "pip install . && tonecheck examples/lost-account.txt" in README
    assert (ROOT / "examples" / "lost-account.txt").is_file()
    test_block = README.split("<!-- test-command -->")[1].split("<!-- /test-command -->")[0]
    assert "pytest" in test_block


def test_the_module_map_names_every_module_of_the_package() -> None:
    """README's "How it works" map matches the code: every module and package
    under src/tonecheck is named in it, and everything it names exists."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = readme.split("## How it works", 1)[1].split("```", 2)[1]
    package = root / "src" / "tonecheck"
    modules = {p.name for p in package.glob("*.py") if p.name != "__init__.py"}
    packages = {p.name + "/" for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    named = set(re.findall(r"^  ([\w./]+(?:\.py|/))\s", block, re.MULTILINE))
    assert modules | packages <= named, sorted((modules | packages) - named)
    for name in named:
        assert (package / name).exists() or (root / name).exists(), name

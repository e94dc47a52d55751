"""errors.load_yaml: libyaml reads good files fast, the strict loader words every problem."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tonecheck import errors

ROOT = Path(__file__).resolve().parents[1]
RULE_FILES = sorted((ROOT / "rules").rglob("*.yml"))


def _strict(text: str) -> object:
    return yaml.load(text, Loader=errors._StrictLoader)  # noqa: S506 - the strict SafeLoader


def test_every_shipped_file_reads_the_same_with_and_without_libyaml() -> None:
    assert RULE_FILES
    for path in RULE_FILES:
        text = path.read_text(encoding="utf-8")
        assert errors.load_yaml(text) == _strict(text), path


@pytest.mark.skipif(errors._FAST_LOADER is None, reason="PyYAML without libyaml: only the strict loader runs")
def test_good_files_take_the_libyaml_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_strict(*args: object, **kwargs: object) -> object:
        raise AssertionError("the pure-Python loader ran on a good file")

    monkeypatch.setattr(errors.yaml, "load", no_strict)
    assert errors.load_yaml("extends: existence\ntokens: [a, b]\n") == {"extends": "existence", "tokens": ["a", "b"]}


@pytest.mark.parametrize(("text", "problem"), [
    ("a: &x [1]\nb: *x\n", "aliases (*name) are not allowed"),
    ("a: &x [*x]\n", "aliases (*name) are not allowed"),  # a cycle
    ("laughs: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "aliases (*name) are not allowed"),
    ("a: b: c\n", "mapping values are not allowed here (line 1, column 5)"),
    ("a: [1\n", "expected ',' or ']'"),
])
def test_problems_are_worded_by_the_strict_loader(text: str, problem: str) -> None:
    with pytest.raises(yaml.YAMLError) as caught:
        errors.load_yaml(text)
    assert problem in errors.yaml_problem(caught.value)

"""Small helpers for tests: build rules from dicts and lint text with them."""

from __future__ import annotations

from typing import Any

from tonecheck.engine import Linter
from tonecheck.finding import Finding
from tonecheck.nlp import Pipeline
from tonecheck.formats import read_letter
from tonecheck.rules import Rule, build_rule
from tonecheck.source import SourceText


def make_rule(data: dict[str, Any], rule_id: str = "Test.Rule") -> Rule:
    return build_rule({"message": "found %s", **data}, rule_id=rule_id, pack=rule_id.split(".")[0], path=f"{rule_id}.yml")


def lint(rule: Rule | list[Rule], text: str, *, pipeline: Pipeline | None = None) -> list[Finding]:
    """Lint ``text`` with the given rules; ``pipeline`` shares a loaded spaCy pipeline."""
    rules = rule if isinstance(rule, list) else [rule]
    linter = Linter(rules, pipeline=pipeline)
    return list(linter.lint_letter(read_letter(SourceText("letter.txt", text))).findings)


def spans(findings: list[Finding]) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.match) for f in findings]

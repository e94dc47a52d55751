"""Fixtures for the format tests: fixture files, and linters over a few rules
that share the session's spaCy pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonecheck.engine import Linter
from tonecheck.finding import Finding
from tonecheck.formats import read_letter
from tonecheck.letter import Letter
from tonecheck.nlp import Pipeline
from tonecheck.rules import Rule, load_rule
from tonecheck.source import read_path

from ..conftest import ROOT
from ..helpers import make_rule

FIXTURES = ROOT / "tests" / "fixtures" / "formats"
BUSINESS = ROOT / "rules" / "Business"

# A test rule with fixed phrases, so coordinates do not depend on the shipped pack.
PHRASES = ["minor hiccup", "love", "hugs", "sorry if you felt", "Alex", "20", "attached"]


def fixture(name: str) -> Path:
    return FIXTURES / name


def letter_of(name: str) -> Letter:
    return read_letter(read_path(str(FIXTURES / name)))


def shipped(*names: str) -> list[Rule]:
    """Shipped Business rules by name; skips the test when one is absent."""
    rules = []
    for name in names:
        path = BUSINESS / f"{name}.yml"
        if not path.is_file():
            pytest.skip(f"Business.{name} is not in the pack")
        rules.append(load_rule(path, "Business"))
    return rules


@pytest.fixture(scope="session")
def phrase_linter() -> Linter:
    rule = make_rule({"extends": "existence", "tokens": PHRASES, "ignorecase": True}, "Test.Phrase")
    return Linter([rule])


def lint_with(rules: list[Rule], letter: Letter, pipeline: Pipeline | None = None) -> list[Finding]:
    return list(Linter(rules, pipeline=pipeline).lint_letter(letter).findings)


def coords(findings: list[Finding]) -> list[tuple[int, int, int, int, str]]:
    return [(f.line, f.column, f.end_line, f.end_column, f.match) for f in findings]

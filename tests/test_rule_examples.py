"""Every rule of every shipped pack is tested from the examples in its own file:
bad examples must fire the rule, good ones must not.

An example that opens with e-mail headers (a ``From:``, ``To:`` or
``MIME-Version:`` field among the leading ``Name: value`` lines) is read as a
saved e-mail, so envelope rules can show attachments and subjects; every other
example is a plain-text letter.  Examples are judged as client letters (genre
``letter``, where every rule of the pack applies); how genres change that is
tested in tests/test_genres.py."""

from __future__ import annotations

import re

import pytest

from tonecheck.engine import Linter
from tonecheck.formats import read_letter
from tonecheck.rules import load_rules
from tonecheck.source import SourceText

RULES = load_rules()
CASES = [
    pytest.param(rule.id, verdict, text, id=f"{rule.id}-{verdict}-{i}")
    for rule in RULES
    for verdict, items in (("bad", rule.examples.bad), ("good", rule.examples.good))
    for i, text in enumerate(items)
]


_HEADERS = re.compile(r"\A(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)+\n")


def _example_path(text: str) -> str:
    head = _HEADERS.match(text)
    is_email = head is not None and re.search(r"^(?:From|To|MIME-Version):", head.group(0), re.MULTILINE | re.IGNORECASE)
    return "<example>.eml" if is_email else "<example>"


def _fired(linter: Linter, rule_id: str, text: str) -> list[str]:
    letter = read_letter(SourceText(_example_path(text), text), genre="letter")
    return [f.match or f.message for f in linter.lint_letter(letter, only={rule_id}).findings]


@pytest.mark.parametrize(("rule_id", "verdict", "text"), CASES)
def test_rule_example(linter: Linter, rule_id: str, verdict: str, text: str) -> None:
    fired = _fired(linter, rule_id, text)
    if verdict == "bad":
        assert fired, f"{rule_id} should report this bad example:\n{text}"
    else:
        assert not fired, f"{rule_id} must not report this good example, but reported {fired}:\n{text}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.description.strip(), f"{rule.id} has no description"
    assert len(rule.examples.bad) >= 3, f"{rule.id} needs at least three bad examples"
    assert len(rule.examples.good) >= 3, f"{rule.id} needs at least three good examples"

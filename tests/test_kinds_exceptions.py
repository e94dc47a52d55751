"""``exceptions`` are validated as regexes, so they are compared as regexes
(each matching a whole captured text or token), in every kind that has them."""

from __future__ import annotations

from tonecheck.api import lint_text
from tonecheck.rules import build_rule


def _ids(data: dict[str, object], text: str) -> list[str]:
    rule = build_rule(data, rule_id="T.R", pack="T", path="T/R.yml")
    return [f.match for f in lint_text(text, rules=[rule])]


def test_conditional_exceptions_are_regexes() -> None:
    data = {"extends": "conditional", "message": "Define '%s'.", "first": r"\b([A-Z]{3,5})\b",
            "second": r"(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)", "exceptions": ["US[A-Z]", "FAQ"]}
    assert _ids(data, "Ship to the USA and USB port per FAQ and the EMEA office.\n") == ["EMEA"]


def test_repetition_exceptions_are_regexes() -> None:
    data = {"extends": "repetition", "message": "'%s' twice.", "tokens": [r"[^\s]+"], "exceptions": ["ha+"]}
    assert _ids(data, "It was very very good, haa haa.\n") == ["very very"]

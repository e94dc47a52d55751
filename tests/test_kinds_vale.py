"""The kinds added for Vale styles: repetition and capitalization."""

from __future__ import annotations

import pytest

from tonecheck.rules import RuleLoadError

from .helpers import lint, make_rule, spans


def test_repetition_reports_the_repeated_pair() -> None:
    rule = make_rule({"extends": "repetition", "ignorecase": True, "alpha": True})
    text = "We will will call.\nThe\nthe meeting is on. Is it? 2 2 apples, and, and so on.\n"
    assert spans(lint(rule, text)) == [(1, 4, "will will"), (2, 1, "The\nthe")]
    assert [f.message for f in lint(rule, text)] == ["found will", "found the"]


def test_repetition_respects_case_and_exceptions() -> None:
    rule = make_rule({"extends": "repetition", "exceptions": ["had"]})
    assert lint(rule, "It had had an effect. Bye bye. The the.\n") == []  # an exception; different case
    assert [f.match for f in lint(rule, "It had had an effect. bye bye.\n")] == ["bye bye"]
    assert lint(rule, "Bye bye.\n") == []  # case-sensitive without ignorecase


@pytest.mark.parametrize(("match", "subject", "reported"), [
    ("$sentence", "Subject: Your renewal terms for 2025", False),
    ("$sentence", "Subject: Your Renewal Terms For 2025", True),
    ("$title", "Subject: Your Renewal Terms for 2025", False),
    ("$title", "Subject: your renewal terms", True),
    ("$lower", "Subject: renewal", False),
    ("$upper", "Subject: renewal", True),
])
def test_capitalization_styles(match: str, subject: str, reported: bool) -> None:
    rule = make_rule({"extends": "capitalization", "match": match, "scope": "subject"})
    found = lint(rule, f"{subject}\n\nDear Ms Lee,\n\nThe terms are attached.\n\nBest regards,\nSam\n")
    assert bool(found) == reported
    if reported:
        assert found[0].message == f"found {subject.split(': ', 1)[1]}"


def test_capitalization_exceptions_and_threshold() -> None:
    rule = make_rule({"extends": "capitalization", "match": "$sentence", "scope": "subject",
                      "exceptions": ["Harlow Foods"], "threshold": 1})
    letter = "Subject: {}\n\nDear Ms Lee,\n\nThanks.\n\nBest regards,\nSam\n"
    assert lint(rule, letter.format("Your contract with Harlow Foods")) == []
    assert len(lint(rule, letter.format("Your Contract with Harlow Foods"))) == 1


def test_capitalization_bad_threshold_is_a_rule_error() -> None:
    with pytest.raises(RuleLoadError, match="threshold: expected a number between 0 and 1"):
        make_rule({"extends": "capitalization", "match": "$sentence", "threshold": 2})

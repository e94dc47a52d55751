"""Phrases wrapped across two lines of a hard-wrapped letter still match."""

from __future__ import annotations

import re

from tests.helpers import lint, make_rule
from tonecheck.engine import Linter
from tonecheck.kinds.base import flexible_spaces

WRAPPED = "Dear Jo,\n\nThe launch had a minor\nhiccup, and I just\nwanted to say sorry.\n\nBest,\nSam\n"


def test_flexible_spaces_keeps_classes_and_escapes() -> None:
    assert re.fullmatch(flexible_spaces(r"a b"), "a\nb")
    assert re.fullmatch(flexible_spaces(r"a b"), "a   b")
    assert not re.fullmatch(flexible_spaces(r"a b"), "a\n\nb")
    assert not re.fullmatch(flexible_spaces(r"a b"), "ab")
    assert flexible_spaces(r"[ _]x\ y") == r"[ _]x\ y"
    assert flexible_spaces(r"[] ]") == r"[] ]"


def test_existence_matches_across_a_line_break() -> None:
    rule = make_rule({"extends": "existence", "tokens": ["minor hiccup"]})
    (finding,) = lint(rule, WRAPPED)
    assert (finding.line, finding.column, finding.end_line, finding.match) == (3, 18, 4, "minor\nhiccup")


def test_existence_never_matches_across_a_blank_line() -> None:
    rule = make_rule({"extends": "existence", "tokens": ["minor hiccup"]})
    assert lint(rule, "We had a minor\n\nhiccup.") == []


def test_substitution_matches_across_a_line_break() -> None:
    rule = make_rule({"extends": "substitution", "swap": {"minor hiccup": "a four-day delay"}})
    assert [f.match for f in lint(rule, WRAPPED)] == ["minor\nhiccup"]


def test_pattern_matches_across_a_line_break(linter: Linter) -> None:
    rule = make_rule({"extends": "pattern", "patterns": [[{"LOWER": "just"}, {"LEMMA": "want"}, {"LOWER": "to"}]]})
    (finding,) = lint(rule, WRAPPED, pipeline=linter.pipeline)
    assert (finding.line, finding.column, finding.match) == (4, 15, "just\nwanted to")

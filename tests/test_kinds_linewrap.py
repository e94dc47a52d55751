"""Phrases wrapped across two lines of a hard-wrapped letter still match."""

from __future__ import annotations

import re

import pytest

from tests.helpers import lint, make_rule
from tonecheck.engine import Linter
from tonecheck.kinds.base import WRAP_SPACE, flexible_spaces

WRAPPED = "Dear Jo,\n\nThe launch had a minor\nhiccup, and I just\nwanted to say sorry.\n\nBest,\nSam\n"


def test_flexible_spaces_keeps_classes_and_escapes() -> None:
    assert re.fullmatch(flexible_spaces(r"a b"), "a\nb")
    assert re.fullmatch(flexible_spaces(r"a b"), "a   b")
    assert not re.fullmatch(flexible_spaces(r"a b"), "a\n\nb")
    assert not re.fullmatch(flexible_spaces(r"a b"), "ab")
    assert flexible_spaces(r"[ _]x\ y") == r"[ _]x\ y"
    assert flexible_spaces(r"[] ]") == r"[] ]"


_LOOKAHEAD_FORM = r"(?:[ \t]+(?![ \t])(?:(?:\r\n?|\n)[ \t]*(?![ \t]))?|(?:\r\n?|\n)[ \t]*(?![ \t]))"


@pytest.mark.parametrize("text", ["a b", "a\tb", "a  \t b", "a\nb", "a \n  b", "a\r\nb", "a\rb", "a \r\n\tb",
                                  "a\n\nb", "a \n \n b", "a\r\n\r\nb", "ab", "a b c", "a\n", "a \nb\n\nc"])
def test_the_wrap_space_in_use_matches_like_the_look_ahead_form(text: str) -> None:
    # 3.11's possessive form and 3.10's look-ahead form match the same text in the same places
    ours = re.compile(f"a{WRAP_SPACE}(?:b|$)|b{WRAP_SPACE}c", re.M)
    reference = re.compile(f"a{_LOOKAHEAD_FORM}(?:b|$)|b{_LOOKAHEAD_FORM}c", re.M)
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in reference.finditer(text)]


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

"""One finding per sentence (on each line it spans) for ``first_per_sentence``
rules, and one finding for overlapping matches of a dependency rule (issue 13)."""

from __future__ import annotations

from tests.helpers import lint, make_rule

CHAT = {"extends": "existence", "tokens": ["lol", "gonna", "ur"], "ignorecase": True}
NAG = {"extends": "pattern", "patterns": [[{"LOWER": "per"}, {"LOWER": "my"}, {"LOWER": "last"}, {"LOWER": "email"}],
                                          [{"LOWER": "still"}, {"LOWER": "waiting"}]]}


def test_existence_reports_every_match_by_default() -> None:
    assert len(lint(make_rule(CHAT), "lol ur gonna love it.\n")) == 3


def test_existence_first_per_sentence() -> None:
    findings = lint(make_rule({**CHAT, "first_per_sentence": True}), "lol ur gonna love it. Ur order is in, lol.\n")
    assert [f.match for f in findings] == ["lol", "Ur"]


def test_existence_first_per_sentence_keeps_one_per_line_of_a_wrapped_sentence() -> None:
    findings = lint(make_rule({**CHAT, "first_per_sentence": True}), "lol ur order is\ngonna be late.\n")
    assert [(f.line, f.match) for f in findings] == [(1, "lol"), (2, "gonna")]


def test_pattern_first_per_sentence() -> None:
    text = "Per my last email, I am still waiting. I am still waiting.\n"
    assert len(lint(make_rule(NAG), text)) == 3
    assert [f.match for f in lint(make_rule({**NAG, "first_per_sentence": True}), text)] == ["Per my last email", "still waiting"]


def test_dependency_overlapping_matches_make_one_finding() -> None:
    verb = {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "mess"}}
    subj = {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subj", "RIGHT_ATTRS": {"DEP": "nsubj"}}
    up = {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "up", "RIGHT_ATTRS": {"LOWER": "up"}}
    rule = make_rule({"extends": "dependency", "patterns": [[verb, subj], [verb, subj, up]]})
    (finding,) = lint(rule, "The agent messed up the labels.\n")
    assert finding.match == "agent messed up"

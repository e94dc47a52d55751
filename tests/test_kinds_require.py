"""require's ``min_letter_words``: a missing part is reported only on real letters."""

from __future__ import annotations

from tests.helpers import lint, make_rule

GREETING = {"extends": "require", "tokens": [r"\w+"], "scope": "greeting", "min_letter_words": 8}


def test_missing_part_is_reported_on_a_letter_long_enough() -> None:
    (finding,) = lint(make_rule(GREETING), "The files you asked for are attached to this note.\n\nBest,\nSam\n")
    assert (finding.line, finding.column, finding.match) == (1, 1, "")


def test_short_note_is_not_checked() -> None:
    assert lint(make_rule(GREETING), "Files attached.\n\nBest,\nSam\n") == []


def test_present_part_satisfies_the_rule() -> None:
    assert lint(make_rule(GREETING), "Dear Jo,\n\nThe files you asked for are attached to this note.\n\nBest,\nSam\n") == []


def test_default_zero_keeps_old_behaviour() -> None:
    rule = make_rule({"extends": "require", "tokens": [r"\w+"], "scope": "greeting"})
    assert len(lint(rule, "Files attached.\n")) == 1


# ``when``: the rule concerns one kind of letter and stays silent on the others (issue 13)
LAMENT = {"extends": "require", "tokens": [r"please", r"\w+(?=\?)"], "when": [r"miss(?:ing)? (?:you|our)", r"memories"]}


def test_when_checks_a_letter_of_its_kind() -> None:
    (finding,) = lint(make_rule(LAMENT), "Eight years of memories. We will miss our calls.\n")
    assert finding.line == 1


def test_when_leaves_other_letters_alone() -> None:
    assert lint(make_rule(LAMENT), "The parts ship on Monday and the invoice follows.\n") == []


def test_when_still_needs_the_purpose_to_be_missing() -> None:
    assert lint(make_rule(LAMENT), "We will miss our calls. Could we meet in June?\n") == []

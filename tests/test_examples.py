"""What tonecheck reports on each letter in examples/, as the README describes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonecheck.engine import Linter
from tonecheck.formats import read_letter
from tonecheck.source import SourceText

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# example -> (rule, line) of every Business finding
EXPECTED: dict[str, list[tuple[str, int]]] = {
    "lost-account.txt": [("NoGratitude", 1), ("EmotionalLament", 5), ("MissingPurpose", 5), ("SelfFocus", 5),
                         ("PassiveEvasion", 9), ("NonApology", 10), ("Sugarcoating", 10), ("EmotionalLament", 13),
                         ("AffectionateSignOff", 15)],
    "lost-account-rewrite.txt": [],
    "renewal-clean.txt": [],
    "sugarcoated-apology.txt": [("Sugarcoating", 5), ("PassiveEvasion", 6), ("Sugarcoating", 6),
                                ("PassiveEvasion", 7), ("NonApology", 9), ("NonApology", 9), ("VagueCommitment", 10)],
    "friendly-favour.txt": [("NoGratitude", 1), ("Overfamiliar", 3), ("CasualConcession", 5), ("Overfamiliar", 5),
                            ("CasualConcession", 6), ("UnilateralChange", 6), ("UnilateralChange", 7),
                            ("SympathySeeking", 9), ("VagueCommitment", 10), ("AffectionateSignOff", 12)],
    # "Per my last email, I still haven't heard back": one PushyFollowUp finding for the sentence (first_per_sentence)
    "pushy-follow-up.txt": [("NoGratitude", 1), ("Hedging", 5), ("PushyFollowUp", 5),
                            ("PushyFollowUp", 6), ("Hedging", 7), ("PushyFollowUp", 7)],
    "outage-blame.txt": [("NoGratitude", 1), ("Hostile", 5), ("Shouting", 5), ("Hostile", 6), ("Shouting", 6),
                         ("Excuse", 7), ("Excuse", 8), ("PassiveEvasion", 10), ("Sugarcoating", 10),
                         ("VagueCommitment", 11)],
    "price-ultimatum.txt": [("NoGratitude", 1), ("SympathySeeking", 5), ("Ultimatum", 6), ("Ultimatum", 7),
                            ("SalesPressure", 9), ("NonApology", 10)],
    "template-draft.txt": [("UnfilledPlaceholder", 1), ("GenericGreeting", 3), ("UnfilledPlaceholder", 5),
                           ("UnfilledPlaceholder", 5), ("UnfilledPlaceholder", 6), ("UnfilledPlaceholder", 11)],
    # No salutation and no close: read as a note unless the genre says letter (see below).
    "project-update-wall.txt": [("LongSentence", 1), ("VagueCommitment", 5)],
}


def test_every_example_is_described() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.txt")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 8


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_findings(linter: Linter, name: str) -> None:
    path = EXAMPLES / name
    letter = read_letter(SourceText(str(path), path.read_text(encoding="utf-8")))
    found = sorted((f.rule.split(".", 1)[1], f.line) for f in linter.lint_letter(letter).findings
                   if f.rule.startswith("Business."))
    assert found == sorted(EXPECTED[name], key=lambda x: (x[0], x[1]))


def test_the_letter_genre_judges_the_wall_of_text_as_a_letter(linter: Linter) -> None:
    path = EXAMPLES / "project-update-wall.txt"
    letter = read_letter(SourceText(str(path), path.read_text(encoding="utf-8")), genre="letter")
    found = sorted((f.rule.split(".", 1)[1], f.line) for f in linter.lint_letter(letter).findings)
    assert found == [("LongSentence", 1), ("MissingGreeting", 1), ("MissingSignOff", 1),
                     ("NoGratitude", 1), ("SelfFocus", 1), ("VagueCommitment", 5)]


def test_love_sign_off_is_reported_on_its_line(linter: Linter) -> None:
    path = EXAMPLES / "lost-account.txt"
    text = path.read_text(encoding="utf-8")
    love_line = text.splitlines().index("Love,") + 1
    letter = read_letter(SourceText(str(path), text))
    (finding,) = [f for f in linter.lint_letter(letter).findings if f.rule == "Business.AffectionateSignOff"]
    assert (finding.line, finding.column, finding.match) == (love_line, 1, "Love")


# a finding covers the offending construction, not the rest of its sentence
SPANS = [
    ("Business.NonApology", "I'm sorry if you felt the export delay was handled badly.", "sorry if you felt"),
    ("Business.NonApology", "We are sorry if you felt let down by the launch.", "sorry if you felt let down"),
    ("Business.NonApology", "We apologize if this caused any confusion last week.", "apologize if this caused any confusion"),
    ("Business.VagueCommitment", "We will share more details in due course.", "in due course"),
    ("Business.VagueCommitment", "They should be with you at some stage next week.", "at some stage"),
    ("Business.Hostile", "If you wanted a different overhang, you should have said so at the time.",
     "you should have said so"),
    ("Business.Hostile", "So it's your fault that the damage was not reported.", "it's your fault"),
    ("Business.EmotionalLament", "Our little team won't be the same without you.", "won't be the same without you"),
    ("Business.PushyFollowUp", "I have now chased it by email, by phone and by post. Please pay by Friday.",
     "chased it by email, by phone and by post"),
    ("Business.CasualConcession", "I quietly kept the old rate on your last invoice.", "quietly kept"),
]


@pytest.mark.parametrize(("rule", "sentence", "span"), SPANS, ids=[f"{r}-{s}" for r, _, s in SPANS])
def test_finding_spans_the_construction_only(linter: Linter, rule: str, sentence: str, span: str) -> None:
    text = f"Dear Ms. Grant,\n\n{sentence}\n\nKind regards,\nOlivia Hart\n"
    letter = read_letter(SourceText("span.txt", text))
    found = [f.match for f in linter.lint_letter(letter).findings if f.rule == rule]
    assert found == [span]

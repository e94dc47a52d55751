"""The Business pack stays silent on common polite phrasing (the issue's quality bar)."""

from __future__ import annotations

import pytest

from tonecheck.engine import Linter
from tonecheck.formats import read_letter
from tonecheck.source import SourceText

POLITE = """Subject: Next steps for the Tacoma order

Dear Ms. Grant,

Thank you so much for your time on Tuesday. As discussed on Tuesday, we will
ship on Friday, June 6, and I would love to meet your new buyer when she
starts. Our office on Love Street is open on Saturdays if that suits her
better.

Could you confirm the delivery address by Wednesday?

Kind regards,
Olivia Hart
"""

PHRASES = [
    "I would love to meet your team next month.",
    "Our office on Love Street is open on Saturdays.",
    "Thank you so much for the referral.",
    "We will ship on Friday, June 6.",
    "As discussed on Tuesday, the price includes installation.",
    "FYI, the CEO signed the ISO 9001 audit report for Q3.",
    "I'm sorry we missed the deadline; the parts ship today.",
    "There is no hurry; take the quote to your board first.",
    "Your shipment was delivered by our courier on Monday.",
    # near-misses of the generalised patterns (minimising words, nags, ultimatums, bandwagon, excuses)
    "One small thing: could you add the PO number to the invoice?",
    "No further action is needed on your side.",
    "You should have received the replacement parts on Monday.",
    # near-misses of the second generalisation pass (third parties, guilt, deadlines, order changes, passives)
    "Our supplier shipped the fabric a day late; I'm sorry, and your fitting is now on Thursday.",
    "I know how keen you were to launch by May, so here is the schedule.",
    "The 2024 rate holds for orders placed by June 30.",
    "As you asked, we trimmed the run to 4,000 copies.",
    "We could swap the oak finish for walnut if you prefer.",
    "Your card was not charged twice, and your data was not shared with anyone.",
    "You could tell us which date suits your team.",
    "We'll come back to you with a firm date by Friday, June 6.",
    "Please don't take the reminder personally; it goes to every account.",
    "Many of our clients have already moved to the new portal, and the guide is attached.",
    "The client portal crashed on us last night for two hours; we restored it by 3 a.m.",
    "My email about the lost parcel is below.",
    "Later today we will send the signed copy.",
]


def _findings(linter: Linter, text: str) -> list[str]:
    letter = read_letter(SourceText("polite.txt", text))
    return [f"{f.rule}: {f.match!r}" for f in linter.lint_letter(letter).findings if f.rule.startswith("Business.")]


def test_a_polite_professional_letter_gets_no_finding(linter: Linter) -> None:
    assert _findings(linter, POLITE) == []


@pytest.mark.parametrize("phrase", PHRASES)
def test_polite_phrase_is_not_reported(linter: Linter, phrase: str) -> None:
    assert _findings(linter, phrase) == []

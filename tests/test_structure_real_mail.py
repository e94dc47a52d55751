"""Letter parts the way people write them (issue 12): greetings inline with the
first sentence, sign-offs run into the last line, signature blocks without a
close, mobile and legal footers."""

from __future__ import annotations

import pytest

from tonecheck.formats.structure import find_parts


def parts(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in find_parts(text):
        out.setdefault(p.kind, []).append(text[p.start:p.end])
    return out


@pytest.mark.parametrize(("text", "expected"), [
    ("Mike, since Terry is out this week, can you take the lead?  Thanks. Lynn",
     {"greeting": ["Mike,"], "body": ["since Terry is out this week, can you take the lead?"],
      "closing": ["Thanks."], "signature": ["Lynn"]}),
    ("How about tomorrow at 1:30?  Diana, Terry\nand John can meet me.  Thanks. Lynn",
     {"body": ["How about tomorrow at 1:30?  Diana, Terry\nand John can meet me."],
      "closing": ["Thanks."], "signature": ["Lynn"]}),
    ("Joe, the numbers are in.\n\nThx, Bob", {"greeting": ["Joe,"], "body": ["the numbers are in."],
                                               "closing": ["Thx,"], "signature": ["Bob"]}),
    ("Hi all - quick update: the feed is back.\n\n-- Sam",
     {"greeting": ["Hi all - "], "body": ["quick update: the feed is back."], "signature": ["-- Sam"]}),
    ("Can you send it over?\n\nSent from my iPhone", {"body": ["Can you send it over?"], "signature": ["Sent from my iPhone"]}),
    ("Hi Greg,\n\nThe valve was fine.\n\nBrett\nCoastline Plumbing\n(02) 5555 1234",
     {"greeting": ["Hi Greg,"], "body": ["The valve was fine."],
      "signature": ["Brett\nCoastline Plumbing\n(02) 5555 1234"]}),
    ("Hiya Laura!\n\nThe canopy is booked.\n\nJess x\nWedding Coordinator, Fernleigh Manor",
     {"greeting": ["Hiya Laura!"], "body": ["The canopy is booked."], "closing": ["x"],
      "signature": ["Jess x\nWedding Coordinator, Fernleigh Manor"]}),
    ("Hi Robert,\n\nThe quote follows tomorrow.\n\nThanks a million for your patience,\nNiamh",
     {"greeting": ["Hi Robert,"], "body": ["The quote follows tomorrow."],
      "closing": ["Thanks a million for your patience,"], "signature": ["Niamh"]}),
])
def test_parts_of_real_mail(text: str, expected: dict[str, list[str]]) -> None:
    assert parts(text) == expected


def test_discourse_words_are_not_vocative_greetings() -> None:
    for opener in ("However", "Unfortunately", "Yes", "Thanks", "Also"):
        assert "greeting" not in parts(f"{opener}, the valve was fine and the pressure holds.\n\nBest,\nSam")


def test_a_legal_footer_belongs_to_the_signature() -> None:
    text = ("Please review the attached worksheet by Friday.\n\nThanks,\nLynn\n\n" + "*" * 30 + "\n"
            "The information contained in this e-mail message may be privileged and confidential. If you are not\n"
            "the intended recipient, please delete it.\n")
    found = parts(text)
    assert found["body"] == ["Please review the attached worksheet by Friday."]
    assert found["closing"] == ["Thanks,"]
    assert found["signature"][0].startswith("Lynn") and found["signature"][0].endswith("please delete it.")


def test_the_close_is_found_above_a_long_signature_block() -> None:
    block = "\n".join(["John Sodergreen", "Editor-in-Chief", "Scudder Publishing Group, LLC", "New Power Executive",
                       "The Risk Desk, The Bandwidth Desk", "johns@example.com", "phone: 410.923.0688  fax: 410.923.0667"])
    found = parts(f"Dear Ms. Park,\n\nThe white paper is attached.\n\nRegards,\n{block}\n")
    assert found["closing"] == ["Regards,"]

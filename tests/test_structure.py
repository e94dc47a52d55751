"""Letter parts found in plain text, with offsets into the source."""

from __future__ import annotations

import pytest

from tonecheck.formats.structure import find_parts
from tonecheck.letter import OffsetMap, Part, TextBuilder


def parts_of(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for part in find_parts(text):
        found.setdefault(part.kind, []).append(text[part.start:part.end])
    return found


def test_full_letter() -> None:
    text = ("Subject: Your renewal\n\nDear Ms. Park,\n\nThank you for the call.\nWe will send the plan.\n\n"
            "Best regards,\nSam Lee\nAccount Manager\n")
    assert parts_of(text) == {
        "subject": ["Your renewal"],
        "greeting": ["Dear Ms. Park,"],
        "body": ["Thank you for the call.\nWe will send the plan."],
        "closing": ["Best regards,"],
        "signature": ["Sam Lee\nAccount Manager"],
    }


def test_greeting_on_the_same_line_as_the_body() -> None:
    assert parts_of("Hi Sam, thanks for the call yesterday.\n\nCheers,\nJo") == {
        "greeting": ["Hi Sam,"], "body": ["thanks for the call yesterday."], "closing": ["Cheers,"], "signature": ["Jo"],
    }


def test_closing_with_name_on_one_line() -> None:
    assert parts_of("The files are ready.\n\nLove, Cheryl\n") == {
        "body": ["The files are ready."], "closing": ["Love,"], "signature": ["Cheryl"],
    }


@pytest.mark.parametrize("close", ["Love,", "Lots of love,", "XOXO", "Hugs and kisses,", "Kind regards,", "Thanks!",
                                   "Sincerely,", "Yours faithfully,", "Onwards,", "Cheers", "Thanks & Regards,",
                                   "Thanks and best regards,", "Thank you for your patience, and distinti saluti,"])
def test_closings(close: str) -> None:
    assert parts_of(f"Dear Jo,\n\nThe files are ready.\n\n{close}\nSam")["closing"] == [close]


@pytest.mark.parametrize("greeting", ["Dear Customer,", "To whom it may concern,", "Hello team!", "Good morning Ana,",
                                      "Hi,", "Maria,"])
def test_greetings(greeting: str) -> None:
    assert parts_of(f"{greeting}\n\nThe files are ready.\n\nBest,\nSam")["greeting"] == [greeting]


def test_a_longer_close_above_a_team_signature() -> None:
    parts = parts_of("Hello neighbours,\n\nThe new rates start in June.\n\nSee you on the rooftops,\nThe Sunward Solar team\n")
    assert parts["closing"] == ["See you on the rooftops,"]
    assert parts["signature"] == ["The Sunward Solar team"]


def test_a_name_with_kisses_as_the_last_line_is_a_signature_with_its_close() -> None:
    parts = parts_of("Hi Sarah,\n\nCould you tell me who looks after the bookings from July?\n\nMel xx\n")
    assert parts["signature"] == ["Mel xx"]
    assert parts["closing"] == ["xx"]
    assert parts["body"] == ["Could you tell me who looks after the bookings from July?"]


@pytest.mark.parametrize(("close", "closings"), [
    ("Love,", ["Love,"]),  # an affectionate close and its kisses are one sign-off
    ("Cheers,", ["Cheers,", "xx"]),  # kisses after a plain close are a close of their own
    ("Bisous,", ["Bisous,"]),  # a kiss in another language is an affectionate close too
])
def test_kisses_after_a_close(close: str, closings: list[str]) -> None:
    parts = parts_of(f"Hi Sarah,\n\nThe flowers arrive at nine.\n\n{close}\nMel xx\n")
    assert parts["closing"] == closings
    assert parts["signature"] == ["Mel xx"]


def test_a_thank_you_line_above_the_name_is_the_close() -> None:
    parts = parts_of("Hey Jo,\n\nThe benchtops come next week.\n\nCheers for your patience\n\nShane x\nCoastline Kitchens\n")
    assert parts["closing"] == ["Cheers for your patience", "x"]
    assert parts["signature"] == ["Shane x\nCoastline Kitchens"]


def test_a_close_in_another_language_above_the_name() -> None:
    parts = parts_of("Bonjour Julien,\n\nThe croissants come at six.\n\nAu plaisir de vous servir,\n\nGenevieve Tremblay\nBoulangerie\n")
    assert parts["closing"] == ["Au plaisir de vous servir,"]


def test_a_close_in_two_languages_and_a_long_affectionate_close() -> None:
    parts = parts_of("Dear Mrs Raman,\n\nThe hold is lifted.\n\nMet vriendelijke groet / Kind regards,\n\nJoost van der Berg\nDeclarant\n")
    assert parts["closing"] == ["Met vriendelijke groet / Kind regards,"]
    parts = parts_of("Hi Priya,\n\nThe news came this morning.\n\nAll my love to you and the kitchen teams,\n\nSharon\n")
    assert parts["closing"] == ["All my love to you and the kitchen teams,"]


def test_alright_greets_when_the_line_is_a_salutation() -> None:
    assert parts_of("Alright our kid,\n\nThe lamps are packed.\n\nCheers,\nGaz\n")["greeting"] == ["Alright our kid,"]


def test_a_close_takes_a_capitalised_name_after_it_not_any_words() -> None:
    assert parts_of("Hi Jo,\n\nAll set.\n\nThanks Maria\n")["closing"] == ["Thanks"]
    parts = parts_of("Hi Jo,\n\nAll set for Friday.\nCheers for your help with it all\n")
    assert parts.get("closing") != ["Cheers"]


def test_a_last_body_line_ending_in_a_kiss_is_not_a_signature() -> None:
    parts = parts_of("Hi Sarah,\n\nThe flowers arrive at nine and I have asked for extra peonies, as you hoped x\n")
    assert "signature" not in parts


def test_body_sentence_starting_with_thanks_is_not_a_closing() -> None:
    parts = parts_of("Dear Jo,\n\nThe files are ready.\nThanks for your patience with the delay.\n")
    assert "closing" not in parts
    assert parts["body"] == ["The files are ready.\nThanks for your patience with the delay."]


def test_quoted_reply_lines() -> None:
    text = "Hi Jo,\n\nYes, Friday works.\n\nBest,\nSam\n\nOn Mon, 3 Mar 2025 at 10:00, Jo Smith wrote:\n> Does Friday work?\n> Love,\n> Jo\n"
    parts = parts_of(text)
    assert parts["quoted"] == ["On Mon, 3 Mar 2025 at 10:00, Jo Smith wrote:\n> Does Friday work?\n> Love,\n> Jo"]
    assert parts["closing"] == ["Best,"]


def test_original_message_and_everything_after_is_quoted() -> None:
    text = "Sounds good.\n\nRegards,\nAl\n\n-----Original Message-----\nFrom: Jo\nLove the plan.\n\nLove,\nJo\n"
    parts = parts_of(text)
    assert parts["quoted"] == ["-----Original Message-----\nFrom: Jo\nLove the plan.\n\nLove,\nJo"]
    assert parts["closing"] == ["Regards,"]


def test_inline_reply_keeps_answers_outside_quotes() -> None:
    text = "On Tue, Jo wrote:\n> Can you ship Friday?\nYes, we can.\n> Price?\nUnchanged.\n"
    parts = parts_of(text)
    assert parts["quoted"] == ["On Tue, Jo wrote:\n> Can you ship Friday?", "> Price?"]
    assert "Yes, we can." in "".join(parts["body"])


def test_crlf_line_ends() -> None:
    text = "Dear Jo,\r\n\r\nThe files are ready.\r\n\r\nBest,\r\nSam\r\n"
    assert parts_of(text) == {"greeting": ["Dear Jo,"], "body": ["The files are ready."], "closing": ["Best,"],
                              "signature": ["Sam"]}


def test_signature_delimiter() -> None:
    parts = parts_of("Files attached.\n\n-- \nSam Lee\nAcme\n")
    assert parts["signature"] == ["-- \nSam Lee\nAcme"]
    assert parts["body"] == ["Files attached."]


def test_parts_are_ordered_and_disjoint() -> None:
    text = "Subject: Hi\n\nDear Jo,\n\nBody text.\n\nBest,\nSam\n\n> quoted\n"
    parts = find_parts(text)
    assert [p.kind for p in parts] == ["subject", "greeting", "body", "closing", "signature", "quoted"]
    assert all(a.end <= b.start for a, b in zip(parts, parts[1:]))


def test_empty_text_has_no_parts() -> None:
    assert find_parts("") == ()


def test_part_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError):
        Part("footer", 0, 1)


def test_offset_map_maps_copied_and_replaced_text() -> None:
    builder = TextBuilder()
    builder.copy("Dear ", 0)
    builder.replace("Alex", 5, 19)  # "{{ first_name }}" stood at 5..19
    builder.copy(", thanks", 19)
    text, offsets = builder.build()
    assert text == "Dear Alex, thanks"
    assert offsets.span_to_source(0, 4) == (0, 4)
    assert offsets.span_to_source(5, 9) == (5, 19)  # the placeholder maps to its whole source range
    assert offsets.span_to_source(6, 7) == (5, 19)
    assert offsets.span_to_source(11, 17) == (21, 27)
    assert OffsetMap.identity(10).span_to_source(3, 7) == (3, 7)


@pytest.mark.parametrize("greeting", ["Awright big man,", "Wotcha Dave,", "Ey up Sal,", "How do Mr Leigh,"])
def test_regional_hellos_greet(greeting: str) -> None:
    assert parts_of(f"{greeting}\n\nThe boiler is fitted.\n\nCheers,\nTam\n")["greeting"] == [greeting]


def test_a_regional_hello_in_a_sentence_is_no_greeting() -> None:
    assert parts_of("Dear Sal,\n\nAwright, the boiler is fitted and running.\n\nCheers,\nTam\n")["greeting"] == ["Dear Sal,"]

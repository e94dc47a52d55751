"""A greeting that ends in stacked punctuation stays whole ("Hey Sam!!")."""

from __future__ import annotations

from tonecheck.formats.structure import find_parts


def _parts(text: str) -> list[tuple[str, str]]:
    return [(p.kind, text[p.start:p.end]) for p in find_parts(text)]


def test_stacked_exclamation_marks_stay_in_the_greeting() -> None:
    text = "Hey Sam!!\n\nThe install moves to Monday.\n\nCheers,\nDom\n"
    assert _parts(text)[:2] == [("greeting", "Hey Sam!!"), ("body", "The install moves to Monday.")]


def test_greeting_with_text_after_the_comma_is_still_split() -> None:
    text = "Hi Jo, quick update: the parts ship on Friday.\n\nBest,\nSam\n"
    assert _parts(text)[:2] == [("greeting", "Hi Jo,"), ("body", "quick update: the parts ship on Friday.")]

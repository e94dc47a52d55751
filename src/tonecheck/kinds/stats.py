"""Letter statistics for ``metric`` rules, computed over a scope's units."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, cast

from ..letter import PARAGRAPH_BREAK
from .base import Unit

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})

# variable -> (annotations it needs, description)
VARIABLES: dict[str, tuple[frozenset[str], str]] = {
    "words": (frozenset({"tokens"}), "words (tokens with a letter or digit)"),
    "sentences": (frozenset({"sentences"}), "sentences"),
    "words_per_sentence": (frozenset({"sentences"}), "average words per sentence"),
    "longest_sentence": (frozenset({"sentences"}), "words in the longest sentence"),
    "questions": (frozenset({"sentences"}), "sentences ending in a question mark"),
    "exclamations": (frozenset({"sentences"}), "sentences ending in an exclamation mark"),
    "first_person": (frozenset({"tokens"}), "I, me, my, we, us, our... "),
    "second_person": (frozenset({"tokens"}), "you, your, yours, yourself"),
    "paragraphs": (frozenset(), "blocks separated by blank lines"),
    "characters": (frozenset(), "characters, not counting surrounding whitespace"),
    "grade": (frozenset(), "Flesch-Kincaid grade level (textstat)"),
}

_PARAGRAPH = PARAGRAPH_BREAK


def compute(units: Iterable[Unit], wanted: frozenset[str]) -> dict[str, float]:
    units = list(units)
    values: dict[str, float] = {}
    getters: dict[str, Callable[[], float]] = {
        "characters": lambda: float(sum(len(u.text.strip()) for u in units)),
        "paragraphs": lambda: float(sum(len([p for p in _PARAGRAPH.split(u.text) if p.strip()]) for u in units)),
        "grade": lambda: _grade(" ".join(u.text for u in units)),
    }
    for name, get in getters.items():
        if name in wanted:
            values[name] = get()
    if wanted & {"words", "first_person", "second_person"}:
        words = first = second = 0
        for unit in units:
            if unit.doc is None:
                continue
            for token in unit.doc:
                if any(ch.isalnum() for ch in token.text):
                    words += 1
                low = token.lower_
                if low in FIRST_PERSON and not (low == "us" and token.text == "US"):
                    first += 1
                elif low in SECOND_PERSON:
                    second += 1
        values.update(words=float(words), first_person=float(first), second_person=float(second))
    if wanted & {"sentences", "words_per_sentence", "longest_sentence", "questions", "exclamations"}:
        lengths: list[int] = []
        questions = exclamations = 0
        for unit in units:
            if unit.doc is None:
                continue
            for sent in cast("Doc", unit.doc).sents:  # a Span has .sents too
                n = sum(1 for t in sent if any(ch.isalnum() for ch in t.text))
                if not n:
                    continue
                lengths.append(n)
                last = sent.text.rstrip()[-1:]
                questions += last == "?"
                exclamations += last == "!"
        values.update(
            sentences=float(len(lengths)),
            words_per_sentence=(sum(lengths) / len(lengths)) if lengths else 0.0,
            longest_sentence=float(max(lengths, default=0)),
            questions=float(questions),
            exclamations=float(exclamations),
        )
    return values


def _grade(text: str) -> float:
    if not text.strip():
        return 0.0
    import textstat

    return float(textstat.flesch_kincaid_grade(text))

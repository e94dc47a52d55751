"""A 10 MB letter is read and linted without hitting spaCy's max_length: the
engine cuts parts into chunks, and every finding keeps its exact place."""

from __future__ import annotations

import quopri

import pytest

from tonecheck.engine import CHUNK_CHARS, chunk_letter
from tonecheck.formats import read_letter
from tonecheck.source import SourceText

from ..helpers import make_rule
from tonecheck.engine import Linter

PARAGRAPH = "The delay was a minor hiccup on our side; we have fixed the line."
REPEAT = 10 * 1024 * 1024 // (len(PARAGRAPH) + 2)


def big_letter() -> str:
    return "Dear Jo,\n\n" + "\n\n".join([PARAGRAPH] * REPEAT) + "\n\nBest regards,\nSam\n"


@pytest.mark.parametrize("path", ["big.txt", "big.md", "big.eml"])
def test_ten_megabyte_letter(path: str) -> None:
    text = big_letter()
    if path.endswith(".eml"):
        text = "Subject: News\nContent-Transfer-Encoding: quoted-printable\n\n" + quopri.encodestring(text.encode()).decode()
    letter = read_letter(SourceText(path, text))
    chunks = chunk_letter(letter)
    assert all(c.end - c.start <= CHUNK_CHARS for c in chunks)
    assert len(chunks) > 200
    rule = make_rule({"extends": "existence", "tokens": ["minor hiccup"]}, "Test.Phrase")
    findings = Linter([rule]).lint_letter(letter).findings
    assert len(findings) == REPEAT
    last = findings[-1]
    assert last.match == "minor hiccup"
    expected_line = 3 + 2 * (REPEAT - 1) + (3 if path.endswith(".eml") else 0)
    assert (last.line, last.column) == (expected_line, PARAGRAPH.index("minor") + 1)

"""Plain-text letters: the text rules see is the file itself."""

from __future__ import annotations

from ..letter import Letter, OffsetMap
from ..source import SourceText
from .structure import find_parts


def read_plain(source: SourceText) -> Letter:
    text = source.text
    return Letter(source, text, find_parts(text), OffsetMap.identity(len(text)), "text")

"""Plain-text letters: the text rules see is the file itself.

A lone CR (a file from an old Mac) ends a line, as LF and CRLF do: it reads
as LF, one character for one, so every offset still maps to itself."""

from __future__ import annotations

import re

from ..letter import Letter, OffsetMap
from ..source import SourceText
from .structure import find_parts

_LONE_CR = re.compile(r"\r(?!\n)")


def read_plain(source: SourceText) -> Letter:
    text = _LONE_CR.sub("\n", source.text) if "\r" in source.text else source.text
    return Letter(source, text, find_parts(text), OffsetMap.identity(len(text)), "text")

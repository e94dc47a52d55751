"""Plain-text letters: the text rules see is the file itself, less its
directive lines.

Plain text has no comments, so tonecheck's inline directives are lines of
their own (``TEXT_DIRECTIVE``)::

    tonecheck: disable-next-line=Business.Hedging
    tonecheck: disable=Business.Sugarcoating, Business.Excuse   ... tonecheck: enable
    tonecheck: disable-file=Business.LongLetter

The reader leaves those lines out of the letter (they are not prose, and
structure detection must not take one for a greeting); ``tonecheck.suppress``
reads them from the source.  The file keeps them: delete them before sending.

A lone CR (a file from an old Mac) ends a line, as LF and CRLF do: it reads
as LF, one character for one, so every offset still maps to itself.
"""

from __future__ import annotations

import re

from ..letter import Letter, OffsetMap, TextBuilder
from ..source import SourceText
from .structure import find_parts

TEXT_DIRECTIVE = re.compile(
    r"^[ \t]*tonecheck:[ \t]*(?P<verb>disable-next-line|disable-file|disable|enable)\b"
    r"(?:[ \t]*=[ \t]*(?P<ids>[^\n]*))?[ \t]*\r?$",
    re.MULTILINE,
)

_LONE_CR = re.compile(r"\r(?!\n)")


def read_plain(source: SourceText) -> Letter:
    text = _LONE_CR.sub("\n", source.text) if "\r" in source.text else source.text
    directives = list(TEXT_DIRECTIVE.finditer(text))
    if not directives:
        return Letter(source, text, find_parts(text), OffsetMap.identity(len(text)), "text")
    out = TextBuilder()
    pos = 0
    for m in directives:
        out.copy(text[pos:m.start()], pos)
        pos = min(len(text), m.end() + 1)  # the line and its line break
    out.copy(text[pos:], pos)
    stripped, offsets = out.build()
    return Letter(source, stripped, find_parts(stripped), offsets, "text")

"""Input formats: one reader per format, each turning a SourceText into a Letter.

``READERS`` is the one registry; ``format_for`` picks a format from a file name.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Callable

from ..letter import Letter
from ..source import SourceText
from .plain import read_plain

Reader = Callable[[SourceText], Letter]

READERS: dict[str, Reader] = {
    "text": read_plain,
}

# Suffix (lower case, with dot) -> format name.
SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    "": "text",
}


def format_for(path: str) -> str | None:
    """The format of a file name, or None when tonecheck does not read it."""
    name = PurePath(path).name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if suffix and name.endswith(suffix):
            return SUFFIXES[suffix]
    if "." not in name.lstrip("."):
        return SUFFIXES.get("")
    return None


def read_letter(source: SourceText, fmt: str | None = None) -> Letter:
    """Read a source in the given format (default: by its path, else plain text)."""
    fmt = fmt or format_for(source.path) or "text"
    return READERS[fmt](source)

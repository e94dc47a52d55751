"""Input formats: one reader per format, each turning a SourceText into a Letter.

``READERS`` is the one registry; ``format_for`` picks a format from a file name.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePath
from typing import Callable

from .. import genres
from ..letter import Letter
from ..source import SourceText
from .eml import read_eml
from .html import read_html
from .markdown import read_markdown
from .plain import read_plain
from .structure import replied_prose
from .templates import TEMPLATE_SUFFIXES, read_template, sniff_template

Reader = Callable[[SourceText], Letter]

def _read_template(source: SourceText) -> Letter:
    """Templates are read with the other readers under their masks."""
    return read_template(source, READERS, format_for)


READERS: dict[str, Reader] = {
    "text": read_plain,
    "markdown": read_markdown,
    "html": read_html,
    "eml": read_eml,
    "template": _read_template,
}

# Suffix (lower case, with dot) -> format name.  The longest suffix wins, so
# "welcome.html.j2" is a template (read as HTML under its masks).
SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    "": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".eml": "eml",
    **{suffix: "template" for suffix in TEMPLATE_SUFFIXES},
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


_EMAIL_HEAD = re.compile(r"\A(?:From [^\n]*\n)?(?:[\w-]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*){2,}\r?\n")
_EMAIL_FIELD = re.compile(r"^(?:From|To|Date|Message-ID|MIME-Version|Received|Return-Path):", re.MULTILINE | re.IGNORECASE)
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html\b)", re.IGNORECASE)


def sniff_format(text: str) -> str:
    """The format of a text without a name (standard input): an e-mail when it
    opens with at least two header fields, one of them an envelope field
    (From, To, Date, Message-ID...); HTML when it opens with a doctype or
    ``<html>``; else plain text."""
    head = _EMAIL_HEAD.match(text[:65536])
    if head and _EMAIL_FIELD.search(head.group(0)):
        return "eml"
    if _HTML_START.match(text):
        return "html"
    return "text"


# Formats whose files are read as templates when their text is one.
SNIFFED_AS_TEMPLATE = ("text", "html", "markdown")


def read_letter(source: SourceText, fmt: str | None = None, *, sniff: bool = True,
                genre: str | None = None) -> Letter:
    """Read a source in the given format (default: by its path, else plain text).

    With ``sniff`` (the default when no configuration names the format) a
    ``.txt``, ``.html`` or ``.md`` file whose text has template syntax is read
    as a template of that format.  ``genre`` is the configured genre; without
    one (or with ``auto``) the letter's own text decides."""
    fmt = fmt or format_for(source.path) or "text"
    flavour = sniff_template(source.text) if sniff and fmt in SNIFFED_AS_TEMPLATE else None
    if flavour is not None:
        letter = read_template(source, READERS, format_for, inner=fmt, flavour=flavour)
    else:
        letter = READERS[fmt](source)
    # The reply's quoted message is found once, from the parts every reader found.
    letter = replace(letter, replied=replied_prose(letter.text, letter.parts))
    return replace(letter, genre=genres.resolve(letter, genre))

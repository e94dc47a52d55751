"""Inline suppression: directive comments in each format's own comment syntax.

Markdown, HTML and e-mail::

    <!-- tonecheck-disable Business.Hedging -->  ...  <!-- tonecheck-enable -->
    <!-- tonecheck-disable-next-line Business.NonApology -->

Jinja and Liquid use ``{# ... #}``, Handlebars ``{{!-- ... --}}`` (or ``{{! ... }}``).
Plain text has no comments: use a baseline instead.  A directive without ids
applies to every rule; ids may be globs (``Business.*``) or pack names,
separated by spaces or commas.  ``tonecheck-enable`` without ids ends every
open region; with ids it ends theirs.  A region left open runs to the end of
the file.

This is a step after the engine: it reads the source text, never the letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from .finding import FileResult, Finding, rule_matches
from .formats.templates import TEMPLATE_SUFFIXES
from .scan import Next

@dataclass(frozen=True)
class Syntax:
    """A directive comment: ``opener`` up to the verb, then ids up to ``closer``.

    The ids run to the first closer on the line (or to the line's end when the
    closer follows on a later line, after nothing but blanks).  Found by search,
    not by a lazy ``[^\\n]*?\\s*`` regex, so a directive followed by a long run
    of spaces is read in linear time."""

    opener: re.Pattern[str]
    closer: re.Pattern[str]


_VERB = r"\s*tonecheck-(?P<verb>disable-next-line|disable|enable)\b"
_HTML = Syntax(re.compile(r"<!--" + _VERB), re.compile(r"-->"))
_JINJA = Syntax(re.compile(r"\{#-?" + _VERB), re.compile(r"-?#\}"))
_HANDLEBARS = Syntax(re.compile(r"\{\{~?!(?:--)?" + _VERB), re.compile(r"(?:--)?~?\}\}"))
_BLANKS = re.compile(r"\s*")

SYNTAX: dict[str, tuple[Syntax, ...]] = {
    "markdown": (_HTML,),
    "html": (_HTML,),
    "eml": (_HTML,),
    "jinja": (_JINJA,),
    "liquid": (_JINJA,),
    "handlebars": (_HANDLEBARS,),
    "mustache": (_HANDLEBARS,),
    "text": (),
}


@dataclass(frozen=True)
class Directive:
    verb: str
    ids: str
    start: int
    end: int


def directives(text: str, syntax: Syntax) -> list[Directive]:
    """Every directive comment of one syntax in ``text``, in order."""
    found: list[Directive] = []
    newlines, closers = Next(text, "\n"), Next(text, syntax.closer)
    pos = 0
    while True:
        m = syntax.opener.search(text, pos)
        if m is None:
            return found
        line_end = newlines.find(m.end())[0]
        line_end = len(text) if line_end == -1 else line_end
        at, end = closers.find(m.end())
        if at != -1 and at < line_end:
            found.append(Directive(m.group("verb"), text[m.end():at], m.start(), end))
            pos = end
            continue
        after = _BLANKS.match(text, line_end).end()
        close = syntax.closer.match(text, after) if line_end < len(text) else None
        if close is not None:
            found.append(Directive(m.group("verb"), text[m.end():line_end], m.start(), close.end()))
            pos = close.end()
        else:
            pos = m.end()


def syntax_for(fmt: str | None, path: str = "") -> str:
    """The comment syntax of a file: its format, or its template flavour."""
    if fmt == "template":
        lower = path.lower()
        return next((flavour for suffix, flavour in TEMPLATE_SUFFIXES.items() if lower.endswith(suffix)), "jinja")
    return fmt or "text"
ALL = "*"


@dataclass(frozen=True)
class Region:
    """Rules ``ids`` (``("*",)`` for all) are off for source offsets ``[start, end)``."""

    start: int
    end: int
    ids: tuple[str, ...]

    def covers(self, finding: Finding) -> bool:
        return self.start <= finding.start < self.end and any(_matches(finding.rule, i) for i in self.ids)


def _matches(rule_id: str, selector: str) -> bool:
    return selector == ALL or rule_matches(rule_id, selector)


def _ids(text: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s,]+", text.strip()) if t) or (ALL,)


def regions(text: str, fmt: str | None) -> list[Region]:
    """The suppressed regions of a source written in format ``fmt``."""
    syntaxes = SYNTAX.get(fmt or "text", ())
    ordered = sorted((d for syntax in syntaxes for d in directives(text, syntax)), key=lambda d: d.start)
    found: list[Region] = []
    open_: dict[str, int] = {}
    for m in ordered:
        verb, ids = m.verb, _ids(m.ids)
        if verb == "disable-next-line":
            line_end = text.find("\n", m.end)
            if line_end == -1:
                continue
            next_end = text.find("\n", line_end + 1)
            found.append(Region(line_end + 1, len(text) if next_end == -1 else next_end, ids))
        elif verb == "disable":
            for i in ids:
                open_.setdefault(i, m.start)
        else:
            closing = list(open_) if ids == (ALL,) else [i for i in ids if i in open_]
            for i in closing:
                found.append(Region(open_.pop(i), m.end, (i,)))
    found.extend(Region(start, len(text) + 1, (i,)) for i, start in open_.items())
    return found


def apply(result: FileResult, fmt: str | None) -> FileResult:
    """Drop the findings an inline directive suppresses (``fmt``: the file's format name)."""
    if result.source is None or not result.findings:
        return result
    found = regions(result.source.text, syntax_for(fmt, result.path))
    if not found:
        return result
    kept = tuple(f for f in result.findings if not any(r.covers(f) for r in found))
    return replace(result, findings=kept) if len(kept) != len(result.findings) else result


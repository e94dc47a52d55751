"""Inline suppression: directive comments in each format's own comment syntax.

Markdown, HTML and e-mail::

    <!-- tonecheck-disable Business.Hedging -->  ...  <!-- tonecheck-enable -->
    <!-- tonecheck-disable-next-line Business.NonApology -->

Jinja and Liquid use ``{# ... #}``, Handlebars ``{{!-- ... --}}`` (or ``{{! ... }}``).
Plain text has no comments: a directive is a line of its own,
``tonecheck: disable-next-line=Business.Hedging`` (``disable=``, ``enable``,
``disable-file=`` likewise; see ``formats.plain``), which the plain-text
reader leaves out of the letter.  ``tonecheck-disable-file`` (or
``tonecheck: disable-file``) turns rules off for the whole file.  A directive without ids
applies to every rule; ids may be globs (``Business.*``) or pack names,
separated by spaces or commas.  ``tonecheck-enable`` without ids ends every
open region; with ids it ends theirs.  A region left open runs to the end of
the file.

This is a step after the engine: it takes the result with the letter the
engine linted, finds directives in the letter's source text and picks the
comment syntax from the letter's format (and template flavour), so standard
input read as HTML is suppressed as HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .finding import FileResult, Finding, rule_matches
from .formats.plain import TEXT_DIRECTIVE
from .letter import Letter
from .rules import unknown_selector
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


_VERB = r"\s*tonecheck-(?P<verb>disable-next-line|disable-file|disable|enable)\b"
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
}
TEXT = "text"  # plain text: directive lines of their own (``formats.plain.TEXT_DIRECTIVE``)


def syntax_of(letter: Letter) -> str:
    """The comment syntax of a letter: its format, or its template flavour
    (merge-tag templates take Jinja's comments)."""
    if letter.format == "template":
        flavour = str(letter.meta.get("template", ""))
        return flavour if flavour in SYNTAX else "jinja"
    return letter.format if letter.format in SYNTAX else TEXT


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
        blanks = _BLANKS.match(text, line_end)
        after = blanks.end() if blanks is not None else line_end
        close = syntax.closer.match(text, after) if line_end < len(text) else None
        if close is not None:
            found.append(Directive(m.group("verb"), text[m.end():line_end], m.start(), close.end()))
            pos = close.end()
        else:
            pos = m.end()


def found_directives(text: str, syntax: str) -> list[Directive]:
    """Every directive of a source in comment syntax ``syntax`` (a key of
    ``SYNTAX``, or ``TEXT``), in order."""
    if syntax == TEXT:
        return [Directive(m.group("verb"), (m.group("ids") or "").rstrip(" \t\r"), m.start(), m.end())
                for m in TEXT_DIRECTIVE.finditer(text)]
    return sorted((d for one in SYNTAX.get(syntax, ()) for d in directives(text, one)), key=lambda d: d.start)


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


def _ids(text: str | None) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s,]+", (text or "").strip()) if t) or (ALL,)


def regions(text: str, fmt: str | None) -> list[Region]:
    """The suppressed regions of a source written in format ``fmt``."""
    ordered = found_directives(text, fmt or TEXT)
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
        elif verb == "disable-file":
            found.append(Region(0, len(text) + 1, ids))
        elif verb == "disable":
            for i in ids:
                open_.setdefault(i, m.start)
        else:
            closing = list(open_) if ids == (ALL,) else [i for i in ids if i in open_]
            for i in closing:
                found.append(Region(open_.pop(i), m.end, (i,)))
    found.extend(Region(start, len(text) + 1, (i,)) for i, start in open_.items())
    return found


def unknown_ids(result: FileResult, rule_ids: list[str], syntax: str | None = None) -> list[str]:
    """``path:line: tonecheck-disable: unknown rule ...`` for each directive id that names no rule."""
    if result.letter is None:
        return []
    source = result.letter.source
    problems = []
    for d in found_directives(source.text, syntax or syntax_of(result.letter)):
        for selector in _ids(d.ids):
            problem = unknown_selector(selector, rule_ids) if selector != ALL else None
            if problem is not None:
                line, _ = source.position(d.start)
                problems.append(f"{result.path}:{line}: tonecheck-{d.verb}: {problem}")
    return problems


def apply(result: FileResult, syntax: str | None = None) -> FileResult:
    """Drop the findings an inline directive suppresses.  The comment syntax is
    the letter's (``syntax`` overrides it: a key of ``SYNTAX``)."""
    if result.letter is None or not result.findings:
        return result
    found = regions(result.letter.source.text, syntax or syntax_of(result.letter))
    if not found:
        return result
    kept = tuple(f for f in result.findings if not any(r.covers(f) for r in found))
    return replace(result, findings=kept) if len(kept) != len(result.findings) else result


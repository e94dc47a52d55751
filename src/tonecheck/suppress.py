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

_BODY = r"\s*tonecheck-(?P<verb>disable-next-line|disable-file|disable|enable)\b(?P<ids>[^\n]*?)\s*"
_HTML = re.compile(r"<!--" + _BODY + r"-->")
_JINJA = re.compile(r"\{#-?" + _BODY + r"-?#\}")
_HANDLEBARS = re.compile(r"\{\{~?!(?:--)?" + _BODY + r"(?:--)?~?\}\}")

SYNTAX: dict[str, tuple[re.Pattern[str], ...]] = {
    "markdown": (_HTML,),
    "html": (_HTML,),
    "eml": (_HTML,),
    "jinja": (_JINJA,),
    "liquid": (_JINJA,),
    "handlebars": (_HANDLEBARS,),
    "mustache": (_HANDLEBARS,),
    "text": (TEXT_DIRECTIVE,),
}


def syntax_of(letter: Letter) -> str:
    """The comment syntax of a letter: its format, or its template flavour
    (merge-tag templates take Jinja's comments)."""
    if letter.format == "template":
        flavour = str(letter.meta.get("template", ""))
        return flavour if flavour in SYNTAX else "jinja"
    return letter.format if letter.format in SYNTAX else "text"


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
    patterns = SYNTAX.get(fmt or "text", ())
    directives = sorted((m for p in patterns for m in p.finditer(text)), key=lambda m: m.start())
    found: list[Region] = []
    open_: dict[str, int] = {}
    for m in directives:
        verb, ids = m.group("verb"), _ids(m.group("ids"))
        if verb == "disable-next-line":
            line_end = text.find("\n", m.end())
            if line_end == -1:
                continue
            next_end = text.find("\n", line_end + 1)
            found.append(Region(line_end + 1, len(text) if next_end == -1 else next_end, ids))
        elif verb == "disable-file":
            found.append(Region(0, len(text) + 1, ids))
        elif verb == "disable":
            for i in ids:
                open_.setdefault(i, m.start())
        else:
            closing = list(open_) if ids == (ALL,) else [i for i in ids if i in open_]
            for i in closing:
                found.append(Region(open_.pop(i), m.end(), (i,)))
    found.extend(Region(start, len(text) + 1, (i,)) for i, start in open_.items())
    return found


def unknown_ids(result: FileResult, rule_ids: list[str], syntax: str | None = None) -> list[str]:
    """``path:line: tonecheck-disable: unknown rule ...`` for each directive id that names no rule."""
    if result.letter is None:
        return []
    source = result.letter.source
    patterns = SYNTAX.get(syntax or syntax_of(result.letter), ())
    problems = []
    for m in sorted((m for p in patterns for m in p.finditer(source.text)), key=lambda m: m.start()):
        for selector in _ids(m.group("ids")):
            problem = unknown_selector(selector, rule_ids) if selector != ALL else None
            if problem is not None:
                line, _ = source.position(m.start())
                problems.append(f"{result.path}:{line}: tonecheck-{m.group('verb')}: {problem}")
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


"""E-mail templates: Jinja, Liquid, Handlebars/Mustache and merge tags.

The template is *masked* first: every placeholder (``{{ first_name }}``,
``{{{ name }}}``, ``*|FNAME|*``, ``%FIRST_NAME%``, ``{first_name}``) becomes a
neutral, real-looking value chosen from the variable's name ("Alex" for a
name, "Northwind" for a company, "Monday" for a date, "20" for an amount,
"Dear" for a salutation), so
spaCy parses "Dear {{ name }}," as the personal greeting it will be.  Block
tags (``{% if %}``, ``{{#if}}``, ``{{/if}}``, ``{{else}}``, partials) are not
prose: a tag alone on its line is removed with its line, any other tag is
removed in place, and the text inside a block is still linted.  Comments
(``{# ... #}``, ``{{!-- ... --}}``, ``{{! ... }}``, Liquid's
``{% comment %}...{% endcomment %}``) are not prose.  Every mask maps to the
whole placeholder in the file, so a finding on it points at the placeholder.

The masked text is then read by the format under the template: HTML for
``.html.j2`` or when the template is HTML, Markdown for ``.md.j2``, plain text
otherwise.  Masked values never look like placeholders, so
``Business.UnfilledPlaceholder`` cannot report them.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Callable, Iterator, Mapping

from ..letter import Letter, OffsetMap, TextBuilder
from ..scan import Next
from ..source import SourceText
from .html import looks_like_html
from .view import rebase

TEMPLATE_SUFFIXES: dict[str, str] = {
    ".j2": "jinja", ".jinja": "jinja", ".jinja2": "jinja", ".njk": "jinja",
    ".hbs": "handlebars", ".handlebars": "handlebars", ".mustache": "mustache",
    ".liquid": "liquid", ".erb": "erb",
}

# Template tokens, tried in this order at each opener (longest first): comments,
# block tags, ERB tags, triple-stash, expressions, merge tags.  Closers are found with
# ``scan.Next`` (amortised ``str.find``), never with lazy ``.*?`` scans, so text
# full of unclosed openers (40,000 ``{{!--``) is read in linear time.
_NON_BLANK = re.compile(r"\S")
_OPENER = re.compile(r"\{|\*\||%|<%")
_COMMENT_TAG = re.compile(r"\{%-?\s*comment\s*-?%\}")
_ENDCOMMENT_TAG = re.compile(r"\{%-?\s*endcomment\s*-?%\}")
_BLOCK_HEAD = re.compile(r"\{\{~?\s*(?:[#/^>]|else\b)")
_MAILCHIMP = re.compile(r"\*\|(?P<mailchimp>[A-Za-z0-9_:]+)\|\*")
_PERCENT = re.compile(r"%(?P<percent>[A-Za-z][\w.]*)%")
_BRACE = re.compile(r"(?<![{\w$])\{(?P<brace>[A-Za-z_][\w.]*)\}(?!\})")


def _strip_edges(inner: str, lead: str, trail: str) -> str:
    """An expression without its whitespace-control marks (``{{- ~ x ~ -}}``)."""
    for mark in lead:
        inner = inner[1:] if inner.startswith(mark) else inner
    inner = inner.lstrip()
    for mark in trail:
        inner = inner[:-1] if inner.endswith(mark) else inner
    return inner.rstrip()


class _Scanner:
    """The template tokens of one text, left to right: ``(kind, start, end, expression)``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.next = {key: Next(text, key) for key in ("#}", "--}}", "%}", "}", "%>")}
        self.endcomment = Next(text, _ENDCOMMENT_TAG)

    def _closed_by_braces(self, pos: int, count: int) -> int:
        """The end of ``}}`` (``count`` braces) at the first ``}`` at or after ``pos``, or -1."""
        at, _ = self.next["}"].find(pos)
        return at + count if at != -1 and self.text.startswith("}" * count, at) else -1

    def token(self, start: int) -> tuple[str, int, str] | None:
        text = self.text
        if text.startswith("{#", start):
            at, end = self.next["#}"].find(start + 2)
            if at != -1:
                return "comment", end, ""
        if text.startswith("{{!--", start):
            at, end = self.next["--}}"].find(start + 5)
            if at != -1:
                return "comment", end, ""
        if text.startswith("{{!", start):
            end = self._closed_by_braces(start + 3, 2)
            if end != -1:
                return "comment", end, ""
        if text.startswith("{%", start):
            m = _COMMENT_TAG.match(text, start)
            if m:
                at, end = self.endcomment.find(m.end())
                if at != -1:
                    return "comment", end, ""
            at, end = self.next["%}"].find(start + 2)
            if at != -1:
                return "block", end, ""
        if text.startswith("<%", start):  # ERB: <%# comment %>, <% code %>, <%= expression -%>
            at, end = self.next["%>"].find(start + (3 if text.startswith(("<%#", "<%="), start) else 2))
            if at == -1:
                return None
            if text.startswith("<%#", start):
                return "comment", end, ""
            if not text.startswith("<%=", start):
                return "block", end, ""
            return "erb", end, _strip_edges(text[start + 3:at], "=-", "-")
        if text.startswith("{{", start):
            m = _BLOCK_HEAD.match(text, start)
            if m:
                end = self._closed_by_braces(m.end(), 2)
                if end != -1:
                    return "block", end, ""
        if text.startswith("{{{", start):
            end = self._closed_by_braces(start + 3, 3)
            if end != -1:
                return "triple", end, _strip_edges(text[start + 3:end - 3], "~", "~")
        if text.startswith("{{", start):
            end = self._closed_by_braces(start + 2, 2)
            if end != -1:
                return "expr", end, _strip_edges(text[start + 2:end - 2], "-~", "-~")
        for pattern in (_MAILCHIMP, _PERCENT, _BRACE):
            m = pattern.match(text, start)
            if m:
                return m.lastgroup or "", m.end(), m.group(m.lastgroup or 0)
        return None

    def __iter__(self) -> Iterator[tuple[str, int, int, str]]:
        pos = 0
        while True:
            m = _OPENER.search(self.text, pos)
            if m is None:
                return
            found = self.token(m.start())
            if found is None:
                pos = m.start() + 1
                continue
            kind, end, expression = found
            yield kind, m.start(), end, expression
            pos = end


# Variable name fragment -> the value that stands in for it (first match wins).
_MASKS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), value)
    for pattern, value in (
        (r"greeting|salutation", "Dear"),
        (r"closing|sign_?off|valediction|complimentary", "Best regards"),
        (r"honorific|^prefix$|^title$", "Ms."),
        (r"e-?mail", "alex@example.com"),
        (r"url|link|href|website", "example.com"),
        (r"company|org|business|account|client|employer|team", "Northwind"),
        (r"product|plan|tier|service|item|package|subscription", "Premium"),
        (r"city|town|country|state|region|address", "Springfield"),
        (r"date|day|deadline|expir|renew|time|month", "Monday"),
        (r"amount|price|total|discount|percent|cost|fee|balance|sum|rate|savings|credit", "20"),
        (r"number|count|qty|quantity|\bid\b|_id|code|year|age", "12"),
        (r"last|surname|family", "Morgan"),
        (r"name|first|fname|recipient|customer|contact|user|member|person|to\b", "Alex"),
    )
)
DEFAULT_MASK = "Alex"


def template_flavour(path: str) -> str | None:
    name = PurePath(path).name.lower()
    for suffix, flavour in TEMPLATE_SUFFIXES.items():
        if name.endswith(suffix):
            return flavour
    return None


def inner_suffix(path: str) -> str:
    """The suffix under the template suffix: ``.html`` for ``welcome.html.j2``."""
    suffixes = PurePath(path).suffixes
    return suffixes[-2].lower() if len(suffixes) >= 2 else ""


def mask_value(expression: str) -> str:
    """The stand-in value for a placeholder's expression."""
    name = re.split(r"[|(]", expression, maxsplit=1)[0].strip()
    name = name.split(".")[-1] if "." in name else name
    for pattern, value in _MASKS:
        if pattern.search(name):
            return value
    return DEFAULT_MASK


def mask(text: str) -> tuple[str, OffsetMap, int]:
    """Mask a template: placeholders become values, tags and comments vanish.

    Returns the masked text, its map to ``text`` and the number of placeholders.
    """
    out = TextBuilder()
    pos = 0
    count = 0
    newlines = Next(text, "\n")
    line_start = seen_to = 0
    for kind, start, end, expression in _Scanner(text):
        if start < pos:
            continue
        if kind in ("comment", "block"):
            newline = text.rfind("\n", seen_to, start)
            line_start = newline + 1 if newline != -1 else line_start
            seen_to = start
            line_end = newlines.find(end)[0]
            line_end = len(text) if line_end == -1 else line_end
            alone = _NON_BLANK.search(text, line_start, start) is None and _NON_BLANK.search(text, end, line_end) is None
            if alone and line_start >= pos:  # drop the whole line, like Jinja's trim_blocks
                out.copy(text[pos:line_start], pos)
                pos = min(len(text), line_end + 1)
            else:
                out.copy(text[pos:start], pos)
                pos = end
            continue
        out.copy(text[pos:start], pos)
        out.replace(mask_value(expression), start, end)
        count += 1
        pos = end
    out.copy(text[pos:], pos)
    masked, offsets = out.build()
    return masked, offsets, count


# Template syntax that no letter draft carries by accident: block tags and
# comments, ERB, and variables written the way template engines write them
# ("{{ check.name }}", "{{ total|floatformat:2 }}").
_STRUCTURE = re.compile(
    r"\{%-?\s*\w[^%\n]{0,200}?%\}|\{\#.{0,200}?\#\}|\{\{[\#/^!>][^}\n]{0,200}\}\}|<%[=\#-]?\s.{0,200}?%>"
    r"|\{\{-?\s+[\w.]+(?:\s*\|[^}\n]{0,100})?\s*\}\}|\{\{\s*\w+(?:\.\w+)+\s*\}\}|\{\{\s*\w+\s*\|[^}\n]{0,100}\}\}",
    re.DOTALL,
)
# Variables a draft may also hold by mistake ("Dear {{first_name}},"): one of
# them is a slot someone forgot to fill; two or more mark a template.
_VARIABLE = re.compile(r"\{\{\{?\s*\w+\s*\}?\}\}|\*\|[A-Z0-9_:]+\|\*|%recipient[\w.]*%|%[A-Z][A-Z0-9_]{2,}%")


def sniff_template(text: str) -> str | None:
    """The template flavour of a ``.txt``, ``.html`` or ``.md`` file whose text is
    a template, else None.  Block tags, comments, ERB and engine-style variables
    mark a template; plain ``{{name}}``-style variables and merge tags do when
    there are two or more of them."""
    sample = text[:200_000]
    m = _STRUCTURE.search(sample)
    if m is not None:
        return "erb" if m.group(0).startswith("<%") else "jinja"
    found = {v.group(0) for v in _VARIABLE.finditer(sample)}
    if len(found) >= 2:
        return "merge-tags" if not any(v.startswith("{{") for v in found) else "mustache"
    return None


def read_template(source: SourceText, readers: Mapping[str, Callable[[SourceText], Letter]],
                  format_for: Callable[[str], str | None], inner: str | None = None,
                  flavour: str | None = None) -> Letter:
    """Mask a template and read what is left as ``inner`` (default: from the
    suffix under the template suffix, else HTML when it looks like HTML), with
    the registry's ``readers`` and ``format_for`` (passed in so this module does
    not import the registry)."""
    masked, offsets, count = mask(source.text)
    flavour = flavour or template_flavour(source.path) or "merge-tags"
    if inner is None:
        inner_path = source.path[: len(source.path) - len(PurePath(source.path).suffix)] if template_flavour(source.path) else source.path
        inner = format_for(inner_path) if inner_suffix(source.path) else None
    if inner in (None, "text", "template") and looks_like_html(masked):
        inner = "html"
    if inner in (None, "template"):
        inner = "html" if looks_like_html(masked) else "text"
    letter = readers[inner](SourceText(source.path, masked, source.encoding, source.bom, source.notice))
    return rebase(letter, source, offsets, fmt="template",
                  meta={"template": flavour, "template_inner": inner, "placeholders": count})

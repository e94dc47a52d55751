"""HTML letters and newsletters: the rendered prose, with offsets into the markup.

Tags are dropped, ``script``/``style``/``head`` and hidden elements (inline
``display:none`` and friends, the ``hidden`` attribute, e-mail "preheader"
blocks) are skipped, entities are decoded (each decoded character maps to its
whole ``&...;`` reference), runs of white space collapse to one space, and
block elements (``<p>``, ``<div>``, ``<br>``, table rows and cells, list items,
headings) become line breaks so the letter's structure can be found.
``<blockquote>`` and the quote containers of common mail clients are quoted
history.  Parsing uses the standard library's ``html.parser``, which never
rejects malformed markup.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..letter import Letter, TextBuilder
from ..source import SourceText
from .structure import find_parts

SKIPPED = frozenset({"script", "style", "head", "title", "template", "noscript", "svg", "math", "object", "iframe"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "hr", "blockquote", "pre",
                       "dl", "figure", "address", "center", "section", "article", "header", "footer", "main"})
LINE = frozenset({"div", "li", "tr", "td", "th", "dt", "dd", "caption", "form", "fieldset", "nav", "aside", "tbody",
                  "thead", "tfoot", "body", "html"})
QUOTE_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix", "protonmail_quote", "divrplyfwdmsg")
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|max-height\s*:\s*0(?![.\d])"
    r"|opacity\s*:\s*0(?![.\d])|font-size\s*:\s*0(?![.\d])",
    re.IGNORECASE,
)
_END_TAG = re.compile(r"</[^>]*>?")
_SPACE = re.compile(r"\s+")
_REF = re.compile(r"&(?:#[xX][0-9A-Fa-f]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?")
_IMPLIED_END = {"p": {"p"}, "li": {"li"}, "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr"}, "option": {"option"}}


class _Extractor(HTMLParser):
    def __init__(self, src: str, base: int, out: TextBuilder) -> None:
        super().__init__(convert_charrefs=False)
        self.src = src
        self.base = base
        self.out = out
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", src)]
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, hides, quotes)
        self.open_count: dict[str, int] = {}  # tag -> how many are on the stack: unmatched end tags cost O(1)
        self.hidden = 0
        self.quoting = 0
        self.quote_start = 0
        self.quoted: list[tuple[int, int]] = []
        self.pending_breaks = 0
        self.break_at = (base, base)
        self.pending_space: tuple[int, int] | None = None
        self.tail = markup_end(src)

    # -------------------------------------------------------------- positions
    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    # -------------------------------------------------------------- output
    def _break(self, count: int, start: int, end: int, *, add: bool = False) -> None:
        if self.hidden:
            return
        self.pending_breaks = min(2, self.pending_breaks + count) if add else max(self.pending_breaks, count)
        self.break_at = (self.base + start, self.base + end)
        self.pending_space = None

    def _emit(self, text: str, start: int, end: int, *, exact: bool) -> None:
        if len(self.out):
            if self.pending_breaks:
                self.out.replace("\n" * self.pending_breaks, *self.break_at)
            elif self.pending_space is not None:
                s, e = self.pending_space
                if e - s == 1 and self.src[s] == " ":
                    self.out.copy(" ", self.base + s)
                else:
                    self.out.replace(" ", self.base + s, self.base + e)
        self.pending_breaks = 0
        self.pending_space = None
        if exact:
            self.out.copy(text, self.base + start)
        else:
            self.out.replace(text, self.base + start, self.base + end)

    def _space(self, start: int, end: int) -> None:
        if self.pending_space is None and not self.pending_breaks:
            self.pending_space = (start, end)

    # -------------------------------------------------------------- parser hooks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._pos()
        end = start + len(self.get_starttag_text() or "")
        implied = _IMPLIED_END.get(tag)
        if implied and self.stack and self.stack[-1][0] in implied:
            self._pop_to(len(self.stack) - 1)
        if tag == "br":
            self._break(1, start, end, add=True)
            return
        if tag in PARAGRAPH:
            self._break(2, start, end)
        elif tag in LINE:
            self._break(1, start, end)
        if tag in VOID:
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        classes = (values.get("class", "") + " " + values.get("id", "")).lower()
        hides = (
            tag in SKIPPED or "hidden" in values or bool(_HIDDEN_STYLE.search(values.get("style", "")))
            or "preheader" in classes or values.get("aria-hidden", "").lower() == "true"
        )
        quotes = tag == "blockquote" or any(c in classes for c in QUOTE_CLASSES)
        if quotes and not self.quoting and not self.hidden:
            self._break(1, start, end)
            self.quote_start = len(self.out)
        self.stack.append((tag, hides, quotes))
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        self.hidden += hides
        self.quoting += quotes

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        start = self._pos()
        m = _END_TAG.match(self.src, start)
        end = m.end() if m else start
        if self.open_count.get(tag):
            for index in range(len(self.stack) - 1, -1, -1):
                if self.stack[index][0] == tag:
                    self._pop_to(index)
                    break
        if tag in PARAGRAPH:
            self._break(2, start, end)
        elif tag in LINE:
            self._break(1, start, end)

    def _pop_to(self, index: int) -> None:
        while len(self.stack) > index:
            tag, hides, quotes = self.stack.pop()
            self.open_count[tag] -= 1
            self.hidden -= hides
            self.quoting -= quotes
            if quotes and not self.quoting and not self.hidden and len(self.out) > self.quote_start:
                self.quoted.append((self.quote_start, len(self.out)))

    def handle_data(self, data: str) -> None:
        if self.hidden or not data:
            return
        start = self._pos()
        self._text(data, start)

    def _text(self, data: str, start: int) -> None:
        pos = 0
        for m in _SPACE.finditer(data):
            if m.start() > pos:
                self._emit(data[pos:m.start()], start + pos, start + m.start(), exact=True)
            self._space(start + m.start(), start + m.end())
            pos = m.end()
        if pos < len(data):
            self._emit(data[pos:], start + pos, start + len(data), exact=True)

    def _reference(self) -> None:
        if self.hidden:
            return
        start = self._pos()
        m = _REF.match(self.src, start)
        if m is None:
            return
        decoded = html.unescape(m.group(0))
        if decoded.isspace():
            self._space(start, m.end())
        else:
            self._emit(decoded, start, m.end(), exact=decoded == m.group(0))

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    def close(self) -> None:
        super().close()
        if self.tail < len(self.src) and not self.hidden:
            self._text(self.src[self.tail:], self.tail)
        self._pop_to(0)


def markup_end(src: str) -> int:
    """Where markup that can still be complete ends: the first ``<`` after the
    last ``>``.  Nothing after it can close a tag, so it is text; the standard
    parser would rescan it to the end once per ``<`` (quadratic on 20,000
    unterminated ``<a ``)."""
    last = src.rfind(">")
    first = src.find("<", last + 1)
    return len(src) if first == -1 else first


def extract(src: str, out: TextBuilder, *, base: int = 0) -> list[tuple[int, int]]:
    """Append the prose of HTML ``src`` to ``out`` (source offsets shifted by
    ``base``); return the quoted ranges, in ``out`` text offsets."""
    parser = _Extractor(src, base, out)
    try:
        parser.feed(src[:parser.tail])
        parser.close()
    except (AssertionError, ValueError, IndexError):  # very broken markup: keep what was read
        pass
    return parser.quoted


def read_html(source: SourceText) -> Letter:
    out = TextBuilder()
    quoted = extract(source.text, out)
    text, offsets = out.build()
    return Letter(source, text, find_parts(text, quoted=quoted), offsets, "html")


def looks_like_html(text: str) -> bool:
    """Whether a text (an extensionless template, a message body) is HTML."""
    return bool(re.search(r"<(?:html|body|p|div|br|table|td|span|a|h[1-6]|ul|li|b|strong|em)\b[^<>]*>", text[:20000], re.IGNORECASE))

"""Markdown letters, parsed with markdown-it-py (CommonMark plus tables).

Only prose is kept: paragraphs, headings, list items and table cells.  Code
blocks, inline code, images, HTML comments and a leading YAML front matter
block are not prose; HTML blocks are read by the HTML reader (which drops
comments but keeps text around them).  Block
quotes are quoted history; a heading that opens the letter is its subject.  Each text token is found in the source lines its
block's source map names, so emphasis markers and link targets are skipped
without shifting columns: the letter's text maps character for character onto
the file, except for backslash escapes and entities, which map to their whole
source form.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..letter import Letter, TextBuilder
from ..source import SourceText
from .html import extract
from .structure import find_parts
from .view import append

if TYPE_CHECKING:  # pragma: no cover
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# An inline 'tag' in capitals is a template slot left unfilled ("<CHECK-IN TIME>"), kept as text.
_SLOT = re.compile(r"<[A-Z][A-Z0-9 _/-]{1,30}>")
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\.\.\.|\+\+\+)[ \t]*\r?$", re.DOTALL | re.MULTILINE)


@lru_cache(maxsize=1)
def _parser() -> "MarkdownIt":
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    md.core.ruler.disable("text_join")  # keep escapes and entities as their own tokens
    return md


class _Walker:
    def __init__(self, src: str) -> None:
        self.src = src
        self.starts = [0] + [m.end() for m in re.finditer("\n", src)]
        self.out = TextBuilder()
        self.quoted: list[tuple[int, int]] = []
        self.prev_end_line: int | None = None
        self.prev_end_offset = 0
        self.title: tuple[int, int] | None = None  # a leading heading: the subject
        self.prev_map: list[int] | None = None

    def line_offset(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.src)

    def separate(self, first_line: int, at: int) -> None:
        if len(self.out) and self.prev_end_line is not None:
            gap = self.src[self.line_offset(self.prev_end_line):self.line_offset(first_line)]
            sep = "\n\n" if any(not line.strip(" \t\r>") for line in gap.split("\n")[:-1]) else "\n"
            self.out.replace(sep, self.prev_end_offset, max(at, self.prev_end_offset))

    def walk(self, tokens: list["Token"]) -> None:
        quote_depth = 0
        quote_start = 0
        last_map: list[int] | None = None
        heading = False
        for token in tokens:
            if token.map:
                last_map = token.map
            if token.type in ("heading_open", "heading_close"):
                heading = token.type == "heading_open"
            if token.type == "blockquote_open":
                quote_depth += 1
                if quote_depth == 1:
                    quote_start = -1
            elif token.type == "blockquote_close":
                quote_depth -= 1
                if quote_depth == 0 and quote_start >= 0 and len(self.out) > quote_start:
                    self.quoted.append((quote_start, len(self.out)))
            elif token.type == "inline" and last_map is not None:
                before = len(self.out)
                self.inline(token, last_map)
                if before == 0 and len(self.out) and heading and not quote_depth:
                    self.title = (0, len(self.out))
                if quote_depth and quote_start < 0 and len(self.out) > before:
                    quote_start = before
            elif token.type == "html_block" and token.map:  # comments inside are skipped
                lo, hi = self.line_offset(token.map[0]), self.line_offset(token.map[1])
                sub = TextBuilder()
                extract(self.src[lo:hi], sub, base=lo)
                text, offsets = sub.build()
                if text.strip():
                    self.separate(token.map[0], lo)
                    append(self.out, text, offsets)
                    self.prev_end_line = token.map[1]
                    self.prev_end_offset = hi

    def inline(self, token: "Token", block_map: list[int]) -> None:
        src = self.src
        lo, hi = self.line_offset(block_map[0]), self.line_offset(block_map[1])
        # Cells of one table row share the row's map: go on after the previous cell.
        cursor = max(lo, self.prev_end_offset) if block_map == self.prev_map else lo
        self.prev_map = list(block_map)
        started = False
        for child in token.children or []:
            kind = child.type
            if kind == "image":
                at = src.find("](", cursor, hi)
                if at != -1:
                    close = src.find(")", at, hi)
                    cursor = close + 1 if close != -1 else at + 2
                continue
            if kind in ("text", "text_special"):
                needle = child.markup if kind == "text_special" and child.markup else child.content
                if not child.content:
                    continue
                at = src.find(needle, cursor, hi) if needle else -1
                if not started:
                    self.separate(block_map[0], at if at != -1 else cursor)
                    started = True
                if at == -1:
                    self.out.replace(child.content, cursor, cursor)
                    continue
                if kind == "text" or child.content == needle:
                    self.out.copy(child.content, at)
                else:
                    self.out.replace(child.content, at, at + len(needle))
                cursor = at + len(needle)
            elif kind in ("softbreak", "hardbreak"):
                at = src.find("\n", cursor, hi)
                if at == -1:
                    self.out.replace("\n", cursor, cursor)
                else:
                    self.out.copy("\n", at)
                    cursor = at + 1
            elif kind in ("code_inline", "html_inline"):
                needle = child.content if kind == "html_inline" else child.markup + child.content
                at = src.find(needle, cursor, hi) if needle else -1
                if at != -1:
                    if kind == "html_inline" and _SLOT.fullmatch(needle):  # "<CHECK-IN TIME>": a slot, not a tag
                        self.out.copy(needle, at)
                    cursor = at + len(needle) + (len(child.markup) if kind == "code_inline" else 0)
            elif kind == "link_close" and src.startswith("](", cursor):
                close = src.find(")", cursor, hi)
                if close != -1:
                    cursor = close + 1
        if started:
            self.prev_end_line = block_map[1]
            self.prev_end_offset = cursor


def read_markdown(source: SourceText) -> Letter:
    src = source.text
    parse_text = src
    front = _FRONT_MATTER.match(src)
    if front:  # blank the front matter's lines so line numbers stay the same
        parse_text = re.sub(r"[^\r\n]", "", src[: front.end()]) + src[front.end():]
    walker = _Walker(src)
    walker.walk(_parser().parse(parse_text))
    text, offsets = walker.out.build()
    meta = {"front_matter": bool(front)}
    parts = find_parts(text, subject=walker.title, quoted=walker.quoted)
    return Letter(source, text, parts, offsets, "markdown", meta)

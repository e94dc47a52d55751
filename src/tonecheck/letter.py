"""The letter model: the text rules see, its parts, and the way back to the source.

A reader (``tonecheck.formats``) turns a ``SourceText`` into a ``Letter``.  For a
plain-text letter the text rules see *is* the source text; for Markdown, HTML,
e-mail and templates it is a prose view of it, and ``OffsetMap`` takes every
offset of that view back to an offset of the original source.

This module imports only ``tonecheck.source``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from .source import SourceText

if TYPE_CHECKING:  # pragma: no cover
    from .profiles import Profile

PART_KINDS: tuple[str, ...] = ("subject", "greeting", "body", "closing", "signature", "quoted")
LINTED_PARTS: tuple[str, ...] = ("subject", "greeting", "body", "closing", "signature")
# A paragraph break: a blank line (spaces, tabs and CR allowed on it).
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


@dataclass(frozen=True)
class Part:
    """A region ``[start, end)`` of the letter's text."""

    kind: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.kind not in PART_KINDS:
            raise ValueError(f"unknown letter part {self.kind!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad part span {self.start}..{self.end}")


@dataclass(frozen=True)
class Segment:
    """One piece of the text-to-source mapping.

    Text ``[text_start, text_start + text_len)`` came from source
    ``[src_start, src_end)``.  When ``exact`` the two have the same length and
    map character by character; otherwise (decoded entities, quoted-printable,
    masked template placeholders) every offset inside maps to the whole source
    range.
    """

    text_start: int
    text_len: int
    src_start: int
    src_end: int
    exact: bool = True


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets of a letter's text to offsets of its source."""

    segments: tuple[Segment, ...]
    _starts: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s.text_start for s in self.segments))

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls((Segment(0, length, 0, length, True),))

    def _segment(self, offset: int) -> Segment | None:
        if not self.segments:
            return None
        index = max(0, bisect_right(self._starts, offset) - 1)
        return self.segments[index]

    def to_source(self, offset: int, *, end: bool = False) -> int:
        """Source offset of a text offset; ``end=True`` for an exclusive end."""
        seg = self._segment(offset - 1 if end and offset > 0 else offset)
        if seg is None:
            return offset
        rel = offset - seg.text_start
        if seg.exact:
            return seg.src_start + max(0, min(rel, seg.src_end - seg.src_start))
        if end:
            return seg.src_end if rel > 0 else seg.src_start
        return seg.src_start if rel < seg.text_len else seg.src_end

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            pos = self.to_source(start)
            return pos, pos
        return self.to_source(start), self.to_source(end, end=True)


class TextBuilder:
    """Builds a letter text piece by piece while recording the offset map."""

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0

    def copy(self, text: str, src_start: int) -> None:
        """Append source text unchanged (it maps character for character)."""
        if text:
            self._add(text, src_start, src_start + len(text), True)

    def replace(self, text: str, src_start: int, src_end: int) -> None:
        """Append text standing for the source range ``[src_start, src_end)``."""
        if text:
            self._add(text, src_start, src_end, False)

    def _add(self, text: str, src_start: int, src_end: int, exact: bool) -> None:
        last = self._segments[-1] if self._segments else None
        if (
            exact
            and last is not None
            and last.exact
            and last.src_end == src_start
            and last.text_start + last.text_len == self._length
        ):
            self._segments[-1] = Segment(last.text_start, last.text_len + len(text), last.src_start, src_end, True)
        else:
            self._segments.append(Segment(self._length, len(text), src_start, src_end, exact))
        self._chunks.append(text)
        self._length += len(text)

    def __len__(self) -> int:
        return self._length

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._chunks), OffsetMap(tuple(self._segments))


@dataclass(frozen=True)
class Letter:
    """A letter ready for linting.

    ``text`` is what rules see; ``parts`` cover it in order; ``offsets`` maps it
    back to ``source``.  ``meta`` holds envelope data a format provides
    (headers, attachment names, template flavour) for rules that need it.
    """

    source: SourceText
    text: str
    parts: tuple[Part, ...]
    offsets: OffsetMap
    format: str = "text"
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    genre: str = ""  # letter, note, template... (tonecheck.genres); set when the letter is read
    # The readers it is for (tonecheck.profiles), chosen after reading and before linting.
    profiles: tuple["Profile", ...] = field(default=(), compare=False)
    # The message this one replies to: (start, end) of each line of its prose in
    # ``text`` (formats.structure.replied_prose), for rules about the reply.
    replied: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    @property
    def path(self) -> str:
        return self.source.path

    def parts_of(self, kinds: Iterable[str]) -> tuple[Part, ...]:
        wanted = set(kinds)
        return tuple(p for p in self.parts if p.kind in wanted)

    def part_at(self, offset: int) -> str:
        for part in self.parts:
            if part.start <= offset < part.end or part.start == part.end == offset:  # an empty subject
                return part.kind
        return "body"

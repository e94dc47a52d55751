"""Layered readers: compose offset maps, and wrap a letter read from a derived text.

A template is masked first and then read as HTML, Markdown or plain text; an
e-mail body is decoded first and then read as text or HTML.  Each layer maps its
text back to the text below it; ``compose`` chains two maps so the letter's
offsets still lead to the original file.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from ..letter import Letter, OffsetMap, Segment, TextBuilder
from ..source import SourceText


def compose(outer: OffsetMap, inner: OffsetMap) -> OffsetMap:
    """The map ``text2 -> source`` from ``outer: text2 -> text1`` and ``inner: text1 -> source``."""
    segments: list[Segment] = []
    inner_segs = inner.segments
    starts = [s.text_start for s in inner_segs]
    for seg in outer.segments:
        if not seg.exact or not inner_segs:
            lo, hi = inner.span_to_source(seg.src_start, seg.src_end)
            segments.append(Segment(seg.text_start, seg.text_len, lo, hi, False))
            continue
        a, b = seg.src_start, seg.src_start + seg.text_len
        index = max(0, bisect_right(starts, a) - 1)
        pos = a
        while pos < b and index < len(inner_segs):
            s1 = inner_segs[index]
            s1_end = s1.text_start + s1.text_len
            if s1_end <= pos:
                index += 1
                continue
            x, y = pos, min(b, s1_end)
            t2 = seg.text_start + (x - a)
            if s1.exact:
                src = s1.src_start + (x - s1.text_start)
                segments.append(Segment(t2, y - x, src, src + (y - x), True))
            else:
                segments.append(Segment(t2, y - x, s1.src_start, s1.src_end, False))
            pos = y
            index += 1
        if pos < b:  # past the end of the inner text: pin to its end
            end = inner.to_source(pos)
            segments.append(Segment(seg.text_start + (pos - a), b - pos, end, end, False))
    return OffsetMap(tuple(segments))


def rebase(letter: Letter, source: SourceText, inner: OffsetMap, *, fmt: str | None = None,
           meta: dict[str, Any] | None = None) -> Letter:
    """A letter read from a derived text (``letter.source``), re-anchored on ``source``."""
    merged = dict(letter.meta)
    merged.update(meta or {})
    return Letter(source, letter.text, letter.parts, compose(letter.offsets, inner), fmt or letter.format, merged)


def append(out: TextBuilder, text: str, offsets: OffsetMap) -> None:
    """Append a piece of text, already mapped to the source, to a builder."""
    for seg in offsets.segments:
        piece = text[seg.text_start:seg.text_start + seg.text_len]
        if seg.exact:
            out.copy(piece, seg.src_start)
        else:
            out.replace(piece, seg.src_start, seg.src_end)

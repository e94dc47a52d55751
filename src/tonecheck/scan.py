"""Linear-time searching helpers for readers that look for closers.

A reader that, for each opener, searches the rest of the text for its closer
takes quadratic time on text full of unclosed openers.  ``Next`` answers
"where is the next closer at or after here?" from its last search whenever it
can, so a left-to-right scan costs linear time overall.  Imports nothing from
tonecheck.
"""

from __future__ import annotations

import re


class Next:
    """Where ``needle`` next occurs at or after a position.  Answers come from the
    last search while they can, so a forward scan costs linear time overall."""

    def __init__(self, text: str, needle: str | re.Pattern[str]) -> None:
        self.text = text
        self.needle = needle
        self.frm = len(text) + 1
        self.at = -1
        self.end = -1

    def _search(self, pos: int, stop: int | None = None) -> tuple[int, int]:
        if isinstance(self.needle, str):
            hit = self.text.find(self.needle, pos) if stop is None else self.text.find(self.needle, pos, stop)
            return hit, hit + len(self.needle) if hit != -1 else -1
        m = self.needle.search(self.text, pos) if stop is None else self.needle.search(self.text, pos, stop)
        return (m.start(), m.end()) if m else (-1, -1)

    def find(self, pos: int) -> tuple[int, int]:
        """(start, end) of the next occurrence at or after ``pos``, or (-1, -1)."""
        if self.frm <= pos and (self.at == -1 or pos <= self.at):
            return self.at, self.end
        if pos < self.frm <= len(self.text):
            width = len(self.needle) if isinstance(self.needle, str) else 64
            hit = self._search(pos, min(len(self.text), self.frm + width))
            if hit[0] != -1 and hit[0] < self.frm:
                return hit
            return self.at, self.end
        self.frm = pos
        self.at, self.end = self._search(pos)
        return self.at, self.end

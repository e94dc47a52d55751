"""Human output: location, level, rule, message, the source line with carets
under the exact span, the suggestion, and a one-line summary.

Long lines (a paragraph pasted from a mail client is often one 700-character
line) are shown as a window around the match, cut with an ellipsis, as ruff
and rustc do; a match over several lines shows its first and last line.
Messages wrap at the terminal width with an indent.  Colour through rich: on
for terminals, off when ``NO_COLOR`` is set (rich's own check) or with
``--no-color``, forced with ``--color``."""

from __future__ import annotations

import textwrap
from typing import Sequence

from rich.console import Console
from rich.text import Text

from ..finding import FileResult, Finding, Level
from ..printable import printable
from ..source import SourceText
from .base import Reporter, fixable_line, summary_line

STYLES = {Level.ERROR: "bold red", Level.WARNING: "bold yellow", Level.SUGGESTION: "bold cyan"}
ELLIPSIS = "…"
TAB = 4


def window(line_text: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """A piece of ``line_text`` at most ``width`` characters wide that shows
    ``[start, end)`` (0-based), cut with an ellipsis at either side; returns the
    piece and the span's start and end in it.  Tabs are expanded and control
    characters shown as escapes (``printable``), so a letter cannot command
    the terminal; columns are counted in what is shown."""
    text = printable(line_text.expandtabs(TAB))
    # Columns after expanding tabs and escaping (both work character by character).
    start_col = len(printable(line_text[:start].expandtabs(TAB)))
    end = max(start_col + 1, len(printable(line_text[:end].expandtabs(TAB))))
    start = start_col
    width = max(width, 20)
    if len(text) <= width:
        return text, start, min(end, max(len(text), start + 1))
    span = min(end - start, width - 2)
    room = width - span - 2  # two ellipses at most
    left = max(0, start - room // 2)
    right = min(len(text), left + span + room)
    left = max(0, right - span - room)
    piece = text[left:right]
    offset = left
    if left > 0:
        piece = ELLIPSIS + piece
        offset -= 1
    if right < len(text):
        piece += ELLIPSIS
    return piece, start - offset, start - offset + span


def caret_line(line_text: str, column: int, end_column: int, same_line: bool, width: int = 10_000) -> tuple[str, str]:
    """The (windowed) source line and a caret line under columns [column, end_column)."""
    end = end_column - 1 if same_line else len(line_text)
    piece, start, stop = window(line_text, column - 1, max(end, column), width)
    return piece, " " * start + "^" * max(1, stop - start)


class TextReporter(Reporter):
    def report(self, results: Sequence[FileResult]) -> None:
        no_color = True if self.color is False else (False if self.color else None)  # None: rich checks NO_COLOR
        console = Console(file=self.stream, force_terminal=self.color or None, no_color=no_color,
                          highlight=False, soft_wrap=True, emoji=False)
        width = console.width
        for result in results:
            for finding in result.findings:
                self._finding(console, result, finding, width)
        if not self.quiet:
            console.print(Text(summary_line(results), style="bold"))
            if fixable_line(self.fixable):
                console.print(Text(fixable_line(self.fixable)))

    def _finding(self, console: Console, result: FileResult, f: Finding, width: int) -> None:
        head = Text()
        head.append(f"{f.path}:{f.line}:{f.column}: ", style="bold")
        head.append(str(f.level), style=STYLES[f.level])
        head.append(f" {f.rule}", style="magenta")
        console.print(head)
        for line in textwrap.wrap(f.message, width=max(20, width - 2)) or [""]:
            console.print(Text("  " + line))
        if result.source is not None:
            self._snippet(console, result.source, f, width)
        if f.suggestions:
            text = "= write instead: " + " / ".join(f.suggestions)
            for line in textwrap.wrap(text, width=max(20, width - 2), subsequent_indent="  "):
                console.print(Text("  " + line, style="green"))
        console.print()

    def _snippet(self, console: Console, source: SourceText, f: Finding, width: int) -> None:
        last = f.end_line if f.end_line > f.line and f.end_column > 1 else f.line
        gutter_width = len(str(last))
        room = width - gutter_width - 5  # "  NN | "
        rows: list[tuple[int, str, str]] = []
        if last == f.line:
            src, carets = caret_line(source.line_text(f.line), f.column, f.end_column, True, room)
            rows.append((f.line, src, carets))
        else:
            first = source.line_text(f.line)
            src, carets = caret_line(first, f.column, len(first) + 1, True, room)
            rows.append((f.line, src, carets))
            final = source.line_text(last)
            src, carets = caret_line(final, 1, f.end_column, True, room)
            rows.append((last, src, carets))
        console.print(Text(f"  {' ' * gutter_width} |", style="blue"))
        for i, (number, src, carets) in enumerate(rows):
            if i and number > rows[i - 1][0] + 1:
                console.print(Text(f"  {'.' * gutter_width} |", style="blue"))
            line = Text(f"  {number:>{gutter_width}} | ", style="blue")
            line.append(src)
            console.print(line)
            mark = Text(f"  {' ' * gutter_width} | ", style="blue")
            mark.append(carets, style=STYLES[f.level])
            console.print(mark)

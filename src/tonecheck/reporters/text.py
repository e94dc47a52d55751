"""Human output: location, level, rule, message, the source line with a caret
under the exact span, the suggestion, and a one-line summary.  Colour through
rich, off when the stream is not a terminal or ``NO_COLOR`` is set."""

from __future__ import annotations

from typing import Sequence

from rich.console import Console
from rich.text import Text

from ..finding import FileResult, Finding, Level
from ..printable import printable
from .base import Reporter, summary_line

STYLES = {Level.ERROR: "bold red", Level.WARNING: "bold yellow", Level.SUGGESTION: "bold cyan"}


def caret_line(line_text: str, column: int, end_column: int, same_line: bool) -> tuple[str, str]:
    """The source line (tabs expanded) and a caret line under columns [column, end_column)."""
    start = column - 1
    end = end_column - 1 if same_line else len(line_text)
    end = max(end, start + 1)
    prefix = printable(line_text[:start].expandtabs(4))
    marked = printable(line_text[start:end].expandtabs(4))
    pad = " " * len(prefix)
    return printable(line_text.expandtabs(4)), pad + "^" * max(1, len(marked))


class TextReporter(Reporter):
    def report(self, results: Sequence[FileResult]) -> None:
        # rich already drops colour when the stream is not a terminal or NO_COLOR is set.
        console = Console(file=self.stream, force_terminal=self.color or None, no_color=self.color is False,
                          highlight=False, soft_wrap=True, emoji=False)
        for result in results:
            for finding in result.findings:
                self._finding(console, result, finding)
        console.print(Text(summary_line(results), style="bold"))

    def _finding(self, console: Console, result: FileResult, f: Finding) -> None:
        head = Text()
        head.append(f"{f.path}:{f.line}:{f.column}: ", style="bold")
        head.append(str(f.level), style=STYLES[f.level])
        head.append(f" {f.rule}", style="magenta")
        console.print(head)
        console.print(Text("  " + f.message))
        if result.source is not None:
            src, carets = caret_line(result.source.line_text(f.line), f.column, f.end_column, f.line == f.end_line)
            gutter = str(f.line)
            width = len(gutter)
            console.print(Text(f"  {' ' * width} |", style="blue"))
            line = Text(f"  {gutter} | ", style="blue")
            line.append(src)
            console.print(line)
            mark = Text(f"  {' ' * width} | ", style="blue")
            mark.append(carets, style=STYLES[f.level])
            console.print(mark)
        if f.suggestions:
            console.print(Text("  = write instead: " + " / ".join(f.suggestions), style="green"))
        console.print()

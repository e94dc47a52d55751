"""GitHub Actions workflow commands: one annotation per finding.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=Rule.Id::message``;
suggestions become ``::notice`` and warnings ``::warning``.  Property values
and messages are escaped as the runner expects.
"""

from __future__ import annotations

from typing import Sequence

from ..finding import FileResult, Level
from .base import Reporter

COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    def report(self, results: Sequence[FileResult]) -> None:
        for result in results:
            if result.error is not None:
                self.stream.write(f"::error file={escape_property(result.path)},title=tonecheck::{escape_data(result.error)}\n")
            for f in result.findings:
                # GitHub ignores columns of an annotation that spans lines: give them only on one line.
                one_line = f.line == f.end_line
                props = (f"file={escape_property(f.path)},line={f.line}" + (f",col={f.column}" if one_line else "")
                         + f",endLine={f.end_line}" + (f",endColumn={f.end_column}" if one_line else "")
                         + f",title={escape_property(f.rule)}")
                self.stream.write(f"::{COMMANDS[f.level]} {props}::{escape_data(f.message)}\n")

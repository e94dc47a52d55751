"""``path:line:col: level Rule.Id message``, one finding per line."""

from __future__ import annotations

from typing import Sequence

from ..finding import FileResult
from .base import Reporter


class LineReporter(Reporter):
    def report(self, results: Sequence[FileResult]) -> None:
        for result in results:
            for f in result.findings:
                self.stream.write(f"{f.path}:{f.line}:{f.column}: {f.level} {f.rule} {f.message}\n")

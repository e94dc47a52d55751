"""The reporter interface and the one-line summary every text format shares."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Mapping, Sequence, TextIO

from ..finding import FileResult, Level, count_levels


@dataclass(frozen=True)
class RuleInfo:
    """What a reporter may say about a rule (SARIF's ``tool.driver.rules``)."""

    id: str
    summary: str
    help: str = ""
    link: str = ""
    level: Level = Level.WARNING


class Reporter(ABC):
    """Writes the results of a run.  ``color`` is a hint for terminal formats;
    ``rules`` describes the rules of the run for formats that list them."""

    def __init__(self, stream: TextIO, *, color: bool | None = None,
                 rules: Mapping[str, RuleInfo] | None = None) -> None:
        self.stream = stream
        self.color = color
        self.rules = dict(rules or {})

    @abstractmethod
    def report(self, results: Sequence[FileResult]) -> None:
        """Write every result."""


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(results: Sequence[FileResult]) -> str:
    """``2 errors, 3 warnings, 1 suggestion in 1 file``."""
    counts = count_levels(results)
    linted = sum(1 for r in results if r.error is None)
    text = ", ".join([plural(counts[Level.ERROR], "error"), plural(counts[Level.WARNING], "warning"),
                      plural(counts[Level.SUGGESTION], "suggestion")])
    text += f" in {plural(linted, 'file')}"
    failed = sum(1 for r in results if r.error is not None)
    if failed:
        text += f" ({plural(failed, 'file')} could not be linted)"
    return text

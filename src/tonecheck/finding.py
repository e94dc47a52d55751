"""Findings, levels and the result of linting one file.

Findings are immutable values with offsets into the original source and the
line/column derived from them; reporters only ever read these.
This module imports only ``tonecheck.source`` and ``tonecheck.letter``.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Sequence

from .letter import Letter
from .source import SourceText


class Level(IntEnum):
    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Level":
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown level {name!r} (expected suggestion, warning or error)") from None

    def __str__(self) -> str:
        return self.name.lower()


LEVEL_NAMES: tuple[str, ...] = ("suggestion", "warning", "error")


def rule_matches(rule_id: str, selector: str) -> bool:
    """Whether a selector names a rule: its id, a glob (``Business.*``) or its pack name."""
    return fnmatch.fnmatchcase(rule_id, selector) or rule_id.split(".", 1)[0] == selector


class ExitCode(IntEnum):
    """Process exit codes, documented in README."""

    OK = 0  # nothing at or above the fail level
    FINDINGS = 1  # at least one finding at or above the fail level
    ERROR = 2  # usage, configuration or input error (other files still linted)


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in one file.

    ``start``/``end`` are character offsets into the decoded source; ``line`` and
    ``column`` are 1-based, ``end_column`` is exclusive (the column after the
    last character).  ``match`` is the source text of the span.
    """

    path: str
    start: int
    end: int
    rule: str
    level: Level = field(compare=False)
    message: str = field(compare=False)
    line: int = field(compare=False)
    column: int = field(compare=False)
    end_line: int = field(compare=False)
    end_column: int = field(compare=False)
    match: str = field(compare=False)
    suggestions: tuple[str, ...] = field(default=(), compare=False)
    part: str = field(default="body", compare=False)
    context: str = field(default="", compare=False)
    signal: str = field(default="pattern", compare=False)  # "pattern" (the rule's kind) or "classifier"
    score: float | None = field(default=None, compare=False)  # the classifier's score (0..1)


@dataclass(frozen=True)
class FileResult:
    """Everything a run learnt about one input: its findings or why it failed.

    ``letter`` is the letter the engine linted (its source, format, parts and
    offset map); the steps after the engine (suppression, baseline, fixes,
    reporters) use it and never read or parse the file again.
    """

    path: str
    findings: tuple[Finding, ...] = ()
    letter: Letter | None = None
    error: str | None = None
    notices: tuple[str, ...] = ()

    @property
    def source(self) -> SourceText | None:
        return self.letter.source if self.letter is not None else None

    def failed(self, fail_level: "Level | None") -> bool:
        """Does this file fail a run at ``fail_level`` (None: nothing fails)?"""
        return fail_level is not None and any(f.level >= fail_level for f in self.findings)


def count_levels(results: "Sequence[FileResult]") -> dict[Level, int]:
    counts = {level: 0 for level in Level}
    for result in results:
        for finding in result.findings:
            counts[finding.level] += 1
    return counts

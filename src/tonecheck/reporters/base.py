"""The reporter interface and the one-line summary every text format shares."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from typing import Callable, Mapping, Sequence, TextIO

from ..finding import FileResult, Finding, Level, count_levels
from ..printable import printable, valid_unicode


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
    ``rules`` describes the rules of the run for formats that list them;
    ``fail_levels`` gives each file's fail level (None: never fails; a path not
    listed fails at error), so formats that mark failures agree with the exit
    code; ``fixable`` is (safe, unsafe) counts of findings ``--fix`` can fix;
    ``quiet`` drops summaries."""

    def __init__(self, stream: TextIO, *, color: bool | None = None,
                 rules: Mapping[str, RuleInfo] | None = None, quiet: bool = False,
                 fail_levels: Mapping[str, Level | None] | None = None,
                 fixable: tuple[int, int] = (0, 0)) -> None:
        self.stream = stream
        self.color = color
        self.rules = dict(rules or {})
        self.quiet = quiet
        self.fail_levels = dict(fail_levels or {})
        self.fixable = fixable

    def fails(self, result: FileResult) -> bool:
        """Does this file fail the run (as the exit code counts it)?"""
        return result.failed(self.fail_levels.get(result.path, Level.ERROR))

    @abstractmethod
    def report(self, results: Sequence[FileResult]) -> None:
        """Write every result."""

    # A format whose own escaping carries control characters (JSON) keeps them;
    # every other format gets them shown as escapes.
    carries_controls = False

    def write(self, results: Sequence[FileResult]) -> None:
        """Write every result with its untrusted text made safe for the format
        (``printable_result``): what the CLI calls."""
        clean = valid_unicode if self.carries_controls else printable
        self.report([printable_result(r, clean) for r in results])


def _printable_finding(f: Finding, clean: Callable[[str], str]) -> Finding:
    path, message, match, context = clean(f.path), clean(f.message), clean(f.match), clean(f.context)
    suggestions = tuple(clean(s) for s in f.suggestions)
    if (path, message, match, context, suggestions) == (f.path, f.message, f.match, f.context, f.suggestions):
        return f  # nothing to escape (nearly always): no copy
    return replace(f, path=path, message=message, match=match, context=context, suggestions=suggestions)


def printable_result(result: FileResult, clean: Callable[[str], str] = printable) -> FileResult:
    """A result whose paths, messages, matches, suggestions, context, error and
    notices went through ``clean``; the source stays as read (the text reporter
    escapes the lines it shows)."""
    return replace(result, path=clean(result.path),
                   findings=tuple(_printable_finding(f, clean) for f in result.findings),
                   error=clean(result.error) if result.error is not None else None,
                   notices=tuple(clean(n) for n in result.notices))


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def fixable_line(fixable: tuple[int, int]) -> str:
    """``3 fixable with --fix (1 more with --unsafe-fixes)``, or "" when nothing is."""
    safe, unsafe = fixable
    if not safe and not unsafe:
        return ""
    text = f"{safe} fixable with --fix"
    return text + (f" ({unsafe} more with --fix --unsafe-fixes)" if unsafe else "")


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

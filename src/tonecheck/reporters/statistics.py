"""``--statistics``: how many findings each rule produced, most frequent first."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from ..finding import FileResult, Level
from .base import Reporter, summary_line


def rule_counts(results: Sequence[FileResult]) -> list[tuple[str, Level, int]]:
    """(rule, highest level seen, count), sorted by count descending then rule id."""
    counts: Counter[str] = Counter()
    levels: dict[str, Level] = {}
    for result in results:
        for f in result.findings:
            counts[f.rule] += 1
            levels[f.rule] = max(levels.get(f.rule, f.level), f.level)
    return sorted(((rule, levels[rule], n) for rule, n in counts.items()), key=lambda t: (-t[2], t[0]))


class StatisticsReporter(Reporter):
    def report(self, results: Sequence[FileResult]) -> None:
        rows = rule_counts(results)
        width = max((len(str(n)) for _, _, n in rows), default=1)
        id_width = max((len(rule) for rule, _, _ in rows), default=1)
        for rule, level, n in rows:
            self.stream.write(f"{n:>{width}}  {rule:<{id_width}}  {level}\n")
        if not self.quiet:
            self.stream.write(summary_line(results) + "\n")


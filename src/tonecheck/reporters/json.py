"""The versioned JSON contract (see README, "JSON output")."""

from __future__ import annotations

import json
from typing import Any, Sequence

from ..finding import FileResult, Finding, Level, count_levels
from .base import Reporter

JSON_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "rule": f.rule,
        "level": str(f.level),
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "match": f.match,
        "suggestions": list(f.suggestions),
        "part": f.part,
        "signal": f.signal,
    }
    if f.score is not None:
        entry["score"] = f.score
    return entry


def results_dict(results: Sequence[FileResult]) -> dict[str, Any]:
    counts = count_levels(results)
    files = []
    for result in results:
        entry: dict[str, Any] = {"path": result.path, "findings": [finding_dict(f) for f in result.findings]}
        if result.error is not None:
            entry["error"] = result.error
        files.append(entry)
    return {
        "version": JSON_VERSION,
        "files": files,
        "summary": {
            "files": sum(1 for r in results if r.error is None),
            "errors": counts[Level.ERROR],
            "warnings": counts[Level.WARNING],
            "suggestions": counts[Level.SUGGESTION],
        },
    }


class JsonReporter(Reporter):
    carries_controls = True

    def report(self, results: Sequence[FileResult]) -> None:
        # one string, one write: streaming json.dump makes a write call per token
        self.stream.write(json.dumps(results_dict(results), indent=2, ensure_ascii=False) + "\n")

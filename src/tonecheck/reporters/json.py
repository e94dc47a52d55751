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
        self.stream.write(pretty(results_dict(results)) + "\n")


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # without an indent, json uses its C encoder
PRETTY_DEPTH = 4  # the document, its files, a file, its findings: indented; each finding one line


def pretty(value: object, depth: int = 0) -> str:
    """JSON indented by two spaces down to ``PRETTY_DEPTH`` and compact below it: the
    same document as ``json.dumps(value, indent=2)``, an order of magnitude faster on
    thousands of findings (the indenting encoder is pure Python)."""
    if depth >= PRETTY_DEPTH or not isinstance(value, (dict, list)) or not value:
        return _ENCODER.encode(value)
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{inner}{_ENCODER.encode(str(k))}: {pretty(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    return "[\n" + ",\n".join(f"{inner}{pretty(v, depth + 1)}" for v in value) + f"\n{pad}]"

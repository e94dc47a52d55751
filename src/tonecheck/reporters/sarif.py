"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps...).

Rules of the run are described in ``tool.driver.rules`` with their help text;
each finding is a result with a region in 1-based lines and columns counted in
Unicode code points (``columnKind``), ``endColumn`` exclusive as SARIF wants.
Files that could not be read become ``toolExecutionNotifications``.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from urllib.parse import quote
from typing import Any, Sequence

from ..finding import FileResult, Level
from .base import Reporter, RuleInfo

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "note"}
INFO_URI = "https://github.com/tonecheck/tonecheck"


def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tonecheck")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


def _uri(path: str) -> str:
    """A relative path as a percent-encoded relative URI; an absolute one as a ``file://`` URI."""
    if PurePath(path).is_absolute():
        return Path(path).as_uri()
    return quote(PurePath(path).as_posix(), safe="/")


def _rule(info: RuleInfo) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": info.id,
        "name": info.id.replace(".", ""),
        "shortDescription": {"text": info.summary or info.id},
        "fullDescription": {"text": (info.help or info.summary or info.id).strip()},
        "help": {"text": (info.help or info.summary or info.id).strip()},
        "defaultConfiguration": {"level": SARIF_LEVELS[info.level]},
    }
    if info.link:
        rule["helpUri"] = info.link
    return rule


def sarif_log(results: Sequence[FileResult], rules: dict[str, RuleInfo]) -> dict[str, Any]:
    used = sorted({f.rule for r in results for f in r.findings} | set(rules))
    infos = [rules.get(rule_id) or RuleInfo(rule_id, rule_id) for rule_id in used]
    index = {info.id: i for i, info in enumerate(infos)}
    out_results = []
    for result in results:
        for f in result.findings:
            region: dict[str, Any] = {"startLine": f.line, "startColumn": f.column,
                                      "endLine": f.end_line, "endColumn": max(f.end_column, f.column + (f.end_line == f.line))}
            if f.match:
                region["snippet"] = {"text": f.match}
            entry: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": SARIF_LEVELS[f.level],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}}],
                "partialFingerprints": {"tonecheck/v1": f"{f.rule}:{' '.join(f.match.split())}:{f.context}"[:200]},
            }
            if f.suggestions:
                entry["fixes"] = [{
                    "description": {"text": f"Replace with '{s}'"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _uri(f.path)},
                        "replacements": [{"deletedRegion": {k: region[k] for k in ("startLine", "startColumn", "endLine", "endColumn")},
                                          "insertedContent": {"text": s}}],
                    }],
                } for s in f.suggestions]
            out_results.append(entry)
    notifications = [{"level": "error", "message": {"text": f"{r.path}: {r.error}"},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}]}
                     for r in results if r.error is not None]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "tonecheck", "version": tool_version(), "informationUri": INFO_URI,
                                "rules": [_rule(info) for info in infos]}},
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation],
            "results": out_results,
        }],
    }


class SarifReporter(Reporter):
    carries_controls = True

    def report(self, results: Sequence[FileResult]) -> None:
        json.dump(sarif_log(results, self.rules), self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")

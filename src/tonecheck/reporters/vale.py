"""Vale's own output formats, for ``tonecheck vale --output``.

``line``: ``path:line:col:Style.Rule:message``, sorted (Vale's ``--output=line --sort``).
``JSON``: ``{path: [{Check, Line, Span, Message, Severity, Match, Link, Description}]}``
with ``Span`` the 1-based first and last column on the alert's line.
"""

from __future__ import annotations

import json
from typing import Any, Sequence

from ..finding import FileResult
from .base import Reporter


class ValeLineReporter(Reporter):
    def report(self, results: Sequence[FileResult]) -> None:
        found = {(f.path, f.line, f.column, f"{f.path}:{f.line}:{f.column}:{f.rule}:{f.message}")
                 for r in results for f in r.findings}
        for *_, text in sorted(found):
            self.stream.write(text + "\n")


class ValeJsonReporter(Reporter):
    def report(self, results: Sequence[FileResult]) -> None:
        out: dict[str, list[dict[str, Any]]] = {}
        for result in sorted(results, key=lambda r: r.path):
            alerts = []
            for f in sorted(result.findings, key=lambda f: (f.line, f.column, f.rule)):
                last = f.end_column - 1 if f.end_line == f.line and f.end_column > f.column else f.column
                info = self.rules.get(f.rule)
                alerts.append({"Check": f.rule, "Line": f.line, "Span": [f.column, last], "Message": f.message,
                               "Severity": str(f.level), "Match": f.match,
                               "Link": info.link if info else "", "Description": info.help if info else ""})
            if alerts:
                out[result.path] = alerts
        self.stream.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")

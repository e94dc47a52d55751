"""occurrence: count ``token`` in each unit of the scope against ``max`` / ``min``.

With ``scope: sentence`` this is a long-sentence check; with a part scope it
limits how often a phrase may appear in, say, the body.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from .regexes import RulePattern, rule_regex
from .base import BuildContext, Check, Key, KindSpec, Match, RuleError, Scope, v_int, v_regex


class OccurrenceCheck(Check):
    def __init__(self, pattern: RulePattern, maximum: int | None, minimum: int | None) -> None:
        self.pattern = pattern
        self.maximum = maximum
        self.minimum = minimum

    def run(self, scope: Scope) -> Iterator[Match]:
        for unit in scope.units:
            count = sum(1 for m in self.pattern.finditer(unit.text) if m.end() > m.start())
            text = unit.text
            lead = len(text) - len(text.lstrip())
            start, end = unit.start + lead, unit.start + len(text.rstrip())
            if self.maximum is not None and count > self.maximum:
                yield Match(start, end, args=(str(count),))
            elif self.minimum is not None and count < self.minimum:
                yield Match(start, start, args=(str(count),))


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    if options["max"] is None and options["min"] is None:
        raise RuleError("max", "give max, min or both")
    flags = re.IGNORECASE if ctx.ignorecase else 0
    return OccurrenceCheck(rule_regex(options["token"], flags), options["max"], options["min"])


KIND = KindSpec(
    name="occurrence",
    summary="limit how often a token occurs in each unit of the scope",
    keys={
        "token": Key(v_regex, required=True, doc="regex counted in each unit (e.g. \\b\\w+\\b for words)"),
        "max": Key(v_int, doc="report a unit with more matches than this"),
        "min": Key(v_int, doc="report a unit with fewer matches than this"),
    },
    build=build,
)

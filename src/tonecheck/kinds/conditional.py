"""conditional: when ``first`` matches, ``second`` must match somewhere too.

If ``second`` has a capture group (Vale's shape), each text captured by
``first`` must also be among the texts captured by ``second``; otherwise the
mere presence of ``second`` anywhere in the scope satisfies every ``first``.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from .base import BuildContext, Check, Key, KindSpec, Match, Scope, compile_regex, v_regex, v_regex_list, whole_match_any
from .regexes import RulePattern


class ConditionalCheck(Check):
    def __init__(self, first: RulePattern, second: RulePattern, exceptions: RulePattern | None) -> None:
        self.first = first
        self.second = second
        self.exceptions = exceptions

    def run(self, scope: Scope) -> Iterator[Match]:
        captured: set[str] = set()
        present = False
        for unit in scope.units:
            for m in self.second.finditer(unit.text):
                present = True
                if self.second.groups:
                    captured.update(g for g in m.groups() if g)
        if present and not self.second.groups:
            return
        for unit in scope.units:
            for m in self.first.finditer(unit.text):
                key = next((g for g in m.groups() if g), m.group(0)) if self.first.groups else m.group(0)
                if key in captured or (self.exceptions is not None and self.exceptions.match(key)):
                    continue
                g = 1 if self.first.groups and m.group(1) else 0
                yield Match(unit.start + m.start(g), unit.start + m.end(g), args=(key,))


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    flags = re.IGNORECASE if ctx.ignorecase else 0
    return ConditionalCheck(compile_regex(options["first"], "first", flags), compile_regex(options["second"], "second", flags),
                            whole_match_any(options["exceptions"], flags))


KIND = KindSpec(
    name="conditional",
    summary="if the first phrase occurs, the second must occur too",
    keys={
        "first": Key(v_regex, required=True, doc="regex that triggers the rule"),
        "second": Key(v_regex, required=True, doc="regex that must then be present"),
        "exceptions": Key(v_regex_list, default=(), doc="regexes of captured texts that need nothing (each matches the whole text)"),
    },
    build=build,
)

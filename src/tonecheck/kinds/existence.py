"""existence: report every occurrence of any of ``tokens``."""

from __future__ import annotations

import re
from typing import Any, Iterator

from .regexes import RulePattern, rule_regex
from .base import BuildContext, Check, Key, KindSpec, Match, RuleError, Scope, iter_regex, v_bool, v_regex_list, word_alternation


class ExistenceCheck(Check):
    def __init__(self, pattern: RulePattern, exceptions: tuple[RulePattern, ...]) -> None:
        self.pattern = pattern
        self.exceptions = exceptions

    def run(self, scope: Scope) -> Iterator[Match]:
        for m, unit in iter_regex(self.pattern, scope, self.exceptions):
            yield Match(unit.start + m.start(), unit.start + m.end())


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    if not options["tokens"]:
        raise RuleError("tokens", "needs at least one token")
    flags = re.IGNORECASE if ctx.ignorecase else 0
    pattern = word_alternation(options["tokens"], ignorecase=ctx.ignorecase, nonword=options["nonword"])
    return ExistenceCheck(pattern, tuple(rule_regex(e, flags) for e in options["exceptions"]))


KIND = KindSpec(
    name="existence",
    summary="report each occurrence of a word or phrase",
    keys={
        "tokens": Key(v_regex_list, required=True, doc="regex fragments, matched as whole words"),
        "exceptions": Key(v_regex_list, default=(), doc="matches equal to one of these are not reported"),
        "nonword": Key(v_bool, default=False, doc="do not add word boundaries around tokens"),
    },
    build=build,
)

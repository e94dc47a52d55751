"""existence: report every occurrence of any of ``tokens``.

With ``first_per_line``, only the first occurrence on each line is reported: a
line of chat-speak ("ur gonna love it lol") needs one finding, not four.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from .regexes import RulePattern, rule_regex
from .base import BuildContext, Check, Key, KindSpec, Match, RuleError, Scope, iter_regex, v_bool, v_regex_list, word_alternation


class ExistenceCheck(Check):
    def __init__(self, pattern: RulePattern, exceptions: tuple[RulePattern, ...], first_per_line: bool = False) -> None:
        self.pattern = pattern
        self.exceptions = exceptions
        self.first_per_line = first_per_line

    def run(self, scope: Scope) -> Iterator[Match]:
        text = scope.letter.text
        lines_seen: set[int] = set()
        for m, unit in iter_regex(self.pattern, scope, self.exceptions):
            start = unit.start + m.start()
            if self.first_per_line:
                line_start = text.rfind("\n", 0, start)
                if line_start in lines_seen:
                    continue
                lines_seen.add(line_start)
            yield Match(start, unit.start + m.end())


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    if not options["tokens"]:
        raise RuleError("tokens", "needs at least one token")
    flags = re.IGNORECASE if ctx.ignorecase else 0
    pattern = word_alternation(options["tokens"], ignorecase=ctx.ignorecase, nonword=options["nonword"])
    return ExistenceCheck(pattern, tuple(rule_regex(e, flags) for e in options["exceptions"]), options["first_per_line"])


KIND = KindSpec(
    name="existence",
    summary="report each occurrence of a word or phrase",
    keys={
        "tokens": Key(v_regex_list, required=True, doc="regex fragments, matched as whole words"),
        "exceptions": Key(v_regex_list, default=(), doc="matches equal to one of these are not reported"),
        "nonword": Key(v_bool, default=False, doc="do not add word boundaries around tokens"),
        "first_per_line": Key(v_bool, default=False, doc="report only the first occurrence on each line"),
    },
    build=build,
)

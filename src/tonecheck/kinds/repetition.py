"""repetition: report a word repeated right after itself ("the the").

``tokens`` are the regexes that cut the text into tokens (Vale's default for
its built-in rule is ``[^\\s]+``); surrounding punctuation is ignored when
comparing, so "plan plan." repeats.  With ``alpha: true`` only alphabetic
tokens count.  Two tokens repeat when only whitespace separates them.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from .regexes import RulePattern, rule_regex
from .base import BuildContext, Check, Key, KindSpec, Match, Scope, v_bool, v_regex_list, whole_match_any

_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


class RepetitionCheck(Check):
    def __init__(self, pattern: RulePattern, *, alpha: bool, ignorecase: bool, exceptions: RulePattern | None) -> None:
        self.pattern = pattern
        self.alpha = alpha
        self.ignorecase = ignorecase
        self.exceptions = exceptions

    def _key(self, text: str) -> str:
        core = _EDGE_PUNCT.sub("", text)
        return core.lower() if self.ignorecase else core

    def run(self, scope: Scope) -> Iterator[Match]:
        for unit in scope.units:
            previous: re.Match[str] | None = None
            for m in self.pattern.finditer(unit.text):
                if m.end() == m.start():
                    continue
                core = _EDGE_PUNCT.sub("", m.group(0))
                if not core or (self.alpha and not core.isalpha()):
                    previous = None
                    continue
                if (previous is not None and not unit.text[previous.end():m.start()].strip()
                        and self._key(previous.group(0)) == self._key(m.group(0))
                        and not re.search(r"[\W_]$", previous.group(0))
                        and not (self.exceptions is not None and self.exceptions.match(core))):
                    first = _EDGE_PUNCT.sub("", previous.group(0))
                    lead = previous.group(0).find(first)
                    yield Match(unit.start + previous.start() + lead, unit.start + m.start() + m.group(0).find(core) + len(core),
                                args=(core,))
                    previous = None
                    continue
                previous = m


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    tokens = options["tokens"] or (r"[^\s]+",)
    flags = re.IGNORECASE if ctx.ignorecase else 0
    pattern = rule_regex("|".join(f"(?:{t})" for t in tokens), flags)
    return RepetitionCheck(pattern, alpha=options["alpha"], ignorecase=ctx.ignorecase,
                           exceptions=whole_match_any(options["exceptions"], flags))


KIND = KindSpec(
    name="repetition",
    summary="report a word repeated right after itself",
    keys={
        "tokens": Key(v_regex_list, default=(), doc="regexes that cut the text into tokens (default: runs of non-space)"),
        "alpha": Key(v_bool, default=False, doc="only alphabetic tokens count"),
        "exceptions": Key(v_regex_list, default=(), doc="regexes of tokens that may repeat (each matches a whole token)"),
    },
    build=build,
)

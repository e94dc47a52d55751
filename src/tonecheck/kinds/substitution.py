"""substitution: report a phrase and suggest its replacement (``swap: {bad: good}``)."""

from __future__ import annotations

import re
from typing import Any, Iterator

from .regexes import RulePattern, rule_regex
from ..errors import excerpt
from .base import (BuildContext, Check, Key, KindSpec, Match, RuleError, Scope, compile_regex, flexible_spaces, iter_regex,
                   v_bool, v_regex_list)


def v_swap(value: Any, key: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not value:
        raise RuleError(key, "expected a mapping of 'phrase to avoid: replacement'")
    pairs = []
    for bad, good in value.items():
        if not isinstance(bad, str) or not isinstance(good, str):
            raise RuleError(key, f"entry {excerpt(bad)}: both sides must be strings")
        compile_regex(bad, f"{key}.{bad}")
        pairs.append((bad, good))
    return tuple(pairs)


def match_case(replacement: str, found: str) -> str:
    """Keep the capitalisation of the text being replaced."""
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class SubstitutionCheck(Check):
    def __init__(self, pattern: RulePattern, replacements: dict[str, str], exceptions: tuple[RulePattern, ...]) -> None:
        self.pattern = pattern
        self.replacements = replacements
        self.exceptions = exceptions

    def run(self, scope: Scope) -> Iterator[Match]:
        for m, unit in iter_regex(self.pattern, scope, self.exceptions):
            group = next(name for name, value in m.groupdict().items() if value is not None and name in self.replacements)
            found = m.group(0)
            options = tuple(match_case(r.strip(), found) for r in self.replacements[group].split("|") if r.strip())
            if any(o.lower() == found.lower() for o in options):
                continue
            yield Match(unit.start + m.start(), unit.start + m.end(), args=(" or ".join(options) or "", found), suggestions=options)


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    flags = re.IGNORECASE if ctx.ignorecase else 0
    groups = {f"swap{i}": good for i, (_, good) in enumerate(options["swap"])}
    body = "|".join(f"(?P<swap{i}>{flexible_spaces(bad)})" for i, (bad, _) in enumerate(options["swap"]))
    pattern = f"(?:{body})" if options["nonword"] else rf"\b(?:{body})\b"
    try:
        compiled = rule_regex(pattern, flags)
    except re.error as exc:  # each phrase compiled alone; together they must share one alternation
        raise RuleError("swap", f"the phrases do not combine into one regex ({exc}): no global flags such as "
                                "(?i) after the start, no group named swapN, no space in a look-behind "
                                "(write it as [ ])") from None
    return SubstitutionCheck(compiled, groups, tuple(rule_regex(e, flags) for e in options["exceptions"]))


KIND = KindSpec(
    name="substitution",
    summary="report a phrase and suggest what to write instead",
    keys={
        "swap": Key(v_swap, required=True, doc="mapping of phrase (regex) to replacement; 'a|b' offers several"),
        "exceptions": Key(v_regex_list, default=(), doc="matches equal to one of these are not reported"),
        "nonword": Key(v_bool, default=False, doc="do not add word boundaries"),
    },
    build=build,
)

"""existence: report every occurrence of any of ``tokens``.

With ``first_per_sentence``, only the first occurrence in each sentence is
reported (on each line it spans): a sentence of chat-speak ("ur gonna love it
lol") needs one finding, not four.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, Iterator

from .regexes import RulePattern, rule_regex
from .base import BuildContext, Check, Key, KindSpec, Match, RuleError, Scope, Unit, iter_regex, v_bool, v_regex_list, word_alternation


class ExistenceCheck(Check):
    def __init__(self, pattern: RulePattern, exceptions: tuple[RulePattern, ...], first_per_sentence: bool = False) -> None:
        self.pattern = pattern
        self.exceptions = exceptions
        self.first_per_sentence = first_per_sentence
        self.needs = frozenset({"sentences"}) if first_per_sentence else frozenset()

    def run(self, scope: Scope) -> Iterator[Match]:
        seen: set[tuple[int, int]] = set()
        text = scope.letter.text
        starts: dict[int, list[int]] = {}
        for m, unit in iter_regex(self.pattern, scope, self.exceptions):
            start = unit.start + m.start()
            if self.first_per_sentence:
                sentence = (_sentence_of(unit, start, starts), text.rfind("\n", 0, start))
                if sentence in seen:
                    continue
                seen.add(sentence)
            yield Match(start, unit.start + m.end())


def _sentence_of(unit: Unit, offset: int, cache: dict[int, list[int]]) -> int:
    """The letter offset where the sentence holding ``offset`` starts (the unit's start
    when it has no sentence boundaries)."""
    if unit.doc is None or not unit.doc.doc.has_annotation("SENT_START"):
        return unit.start
    key = id(unit)
    if key not in cache:
        cache[key] = [unit.base + s.start_char for s in unit.doc.doc.sents]
    sentence_starts = cache[key]
    i = bisect_right(sentence_starts, offset) - 1
    return sentence_starts[i] if i >= 0 else unit.start


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    if not options["tokens"]:
        raise RuleError("tokens", "needs at least one token")
    flags = re.IGNORECASE if ctx.ignorecase else 0
    pattern = word_alternation(options["tokens"], ignorecase=ctx.ignorecase, nonword=options["nonword"])
    return ExistenceCheck(pattern, tuple(rule_regex(e, flags) for e in options["exceptions"]),
                          options["first_per_sentence"])


KIND = KindSpec(
    name="existence",
    summary="report each occurrence of a word or phrase",
    keys={
        "tokens": Key(v_regex_list, required=True, doc="regex fragments, matched as whole words"),
        "exceptions": Key(v_regex_list, default=(), doc="matches equal to one of these are not reported"),
        "nonword": Key(v_bool, default=False, doc="do not add word boundaries around tokens"),
        "first_per_sentence": Key(v_bool, default=False, doc="report only the first occurrence in each sentence"),
    },
    build=build,
)

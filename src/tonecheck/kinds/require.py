"""require: the scope must contain at least one match of ``tokens`` or ``patterns``.

When nothing in the scope matches, one letter-level finding is reported at the
first line of the part the rule concerns (``MissingPurpose``, ``NoGratitude``).
With ``when``, only a scope that matches one of its fragments is checked: the
rule concerns one kind of letter (``MissingPurpose``: a letter that talks about
the relationship or a loss) and stays silent on the others.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Sequence

from .base import BuildContext, Check, Key, KindSpec, Match, RuleError, Scope, v_bool, v_regex_list, v_int, word_alternation
from .regexes import RulePattern
from ..letter import LINTED_PARTS, Letter
from .pattern import TokenMatcher
from .spacy_patterns import needs_of_token_pattern, v_token_patterns
from .trigger import HEAVY, Trigger, of_token_patterns


class RequireCheck(Check):
    def __init__(self, pattern: RulePattern | None, patterns: tuple[list[dict[str, Any]], ...], min_words: int,
                 min_letter_words: int = 0, when: RulePattern | None = None) -> None:
        self.pattern = pattern
        self.when = when
        self.matcher = TokenMatcher(patterns) if patterns else None
        self.min_words = min_words
        self.min_letter_words = min_letter_words
        needs: set[str] = set()
        for p in patterns:
            needs |= needs_of_token_pattern(p)
        self.needs = frozenset(needs)

    @property
    def trigger(self) -> Trigger | None:
        if self.matcher is None or not self.needs & HEAVY:
            return None
        return of_token_patterns(self.matcher.patterns)

    def settled(self, letter: Letter, texts: Sequence[str]) -> bool:
        """Too short to check, or a phrase of ``tokens`` is there: the patterns are not read."""
        if self.min_words and sum(len(t.split()) for t in texts) < self.min_words:
            return True
        if self.min_letter_words and _words_of(letter) < self.min_letter_words:
            return True
        return self.pattern is not None and any(self.pattern.search(t) for t in texts)

    def run(self, scope: Scope) -> Iterator[Match]:
        if self.min_words and sum(len(u.text.split()) for u in scope.units) < self.min_words:
            return
        if self.min_letter_words and _letter_words(scope) < self.min_letter_words:
            return
        if self.when is not None and not any(self.when.search(unit.text) for unit in scope.units):
            return
        for unit in scope.units:
            if self.pattern is not None and self.pattern.search(unit.text):
                return
            if self.matcher is not None and scope.matchers is not None and self.matcher.spans(unit, scope.matchers):
                return
        yield Match(scope.anchor, scope.anchor)


def _letter_words(scope: Scope) -> int:
    """Words in every linted part of the letter, whatever the rule's scope."""
    return _words_of(scope.letter)


def _words_of(letter: Letter) -> int:
    text = letter.text
    return sum(len(text[p.start:p.end].split()) for p in letter.parts_of(LINTED_PARTS))


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    tokens, patterns = options["tokens"], options["patterns"]
    if not tokens and not patterns:
        raise RuleError("tokens", "give tokens, patterns or both")
    pattern = word_alternation(tokens, ignorecase=ctx.ignorecase, nonword=options["nonword"]) if tokens else None
    when = word_alternation(options["when"], ignorecase=ctx.ignorecase, nonword=options["nonword"]) \
        if options["when"] else None
    return RequireCheck(pattern, patterns, options["min_words"], options["min_letter_words"], when)


KIND = KindSpec(
    name="require",
    summary="the scope must contain at least one of the given phrases or patterns",
    keys={
        "tokens": Key(v_regex_list, default=(), doc="regex fragments; any match satisfies the rule"),
        "patterns": Key(v_token_patterns, default=(), doc="spaCy Matcher patterns; any match satisfies the rule"),
        "when": Key(v_regex_list, default=(),
                    doc="regex fragments; only a scope matching one of them is checked (the kind of letter the rule concerns)"),
        "nonword": Key(v_bool, default=False, doc="do not add word boundaries around tokens"),
        "min_words": Key(v_int, default=0, doc="only check letters whose scope has at least this many words"),
        "min_letter_words": Key(v_int, default=0,
                                doc="only check letters with at least this many words in all their parts (for a missing part)"),
    },
    build=build,
)

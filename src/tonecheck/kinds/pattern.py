"""pattern: spaCy ``Matcher`` token patterns (LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, OP...).

With ``first_per_sentence``, only the first match in each sentence is reported
(on each line it spans): two phrases of one nagging sentence are one thing for
the writer to rewrite.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from .regexes import RulePattern, rule_regex
from .base import BuildContext, Check, Key, KindSpec, Match, Matchers, Scope, Unit, v_bool, v_regex_list
from .spacy_patterns import needs_of_token_pattern, v_token_patterns
from .trigger import HEAVY, Trigger, of_token_patterns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.matcher import Matcher
    from spacy.tokens import Span
    from spacy.vocab import Vocab


# spaCy makes a line break inside a paragraph its own whitespace token; this
# optional token between every two pattern tokens lets a phrase wrap lines.
LINE_BREAK: dict[str, Any] = {"IS_SPACE": True, "OP": "?"}


def skip_line_breaks(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pattern with an optional whitespace token between its tokens."""
    out: list[dict[str, Any]] = []
    for i, token in enumerate(pattern):
        if i:
            out.append(LINE_BREAK)
        out.append(token)
    return out


class TokenMatcher:
    """A fixed list of token patterns; the spaCy Matcher is the linter's (``Matchers``)."""

    def __init__(self, patterns: tuple[list[dict[str, Any]], ...]) -> None:
        self.patterns = patterns

    def _build(self, vocab: "Vocab") -> "Matcher":
        from spacy.matcher import Matcher

        matcher = Matcher(vocab)
        matcher.add("rule", [skip_line_breaks(p) for p in self.patterns])
        return matcher

    def spans(self, unit: Unit, matchers: Matchers) -> list["Span"]:
        from spacy.util import filter_spans

        if unit.doc is None:
            return []
        matcher = matchers.get(self, self._build)
        return filter_spans(matcher(unit.doc, as_spans=True))


class PatternCheck(Check):
    def __init__(self, patterns: tuple[list[dict[str, Any]], ...], exceptions: tuple[RulePattern, ...],
                 first_per_sentence: bool = False) -> None:
        self.matcher = TokenMatcher(patterns)
        self.exceptions = exceptions
        self.first_per_sentence = first_per_sentence
        needs = set().union(*(needs_of_token_pattern(p) for p in patterns))
        self.needs = frozenset(needs | {"sentences"}) if first_per_sentence else frozenset(needs)

    @property
    def trigger(self) -> Trigger | None:
        return of_token_patterns(self.matcher.patterns) if self.needs & HEAVY else None

    def run(self, scope: Scope) -> Iterator[Match]:
        assert scope.matchers is not None
        for unit in scope.units:
            sentences_seen: set[tuple[int, int]] = set()
            for span in self.matcher.spans(unit, scope.matchers):
                if any(e.fullmatch(span.text) for e in self.exceptions):
                    continue
                if self.first_per_sentence and span.doc.has_annotation("SENT_START"):
                    # lines are counted in the letter's own text (the Doc may see a soft wrap as a space)
                    line = scope.letter.text.rfind("\n", 0, unit.base + span.start_char)
                    sentence = (span[0].sent.start, line)
                    if sentence in sentences_seen:
                        continue
                    sentences_seen.add(sentence)
                yield Match(unit.base + span.start_char, unit.base + span.end_char)


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    flags = re.IGNORECASE if ctx.ignorecase else 0
    return PatternCheck(options["patterns"], tuple(rule_regex(e, flags) for e in options["exceptions"]),
                        options["first_per_sentence"])


KIND = KindSpec(
    name="pattern",
    summary="spaCy Matcher token patterns over lemmas, parts of speech, dependencies and entities",
    keys={
        "patterns": Key(v_token_patterns, required=True, doc="list of spaCy Matcher patterns"),
        "exceptions": Key(v_regex_list, default=(), doc="matched text equal to one of these is not reported"),
        "first_per_sentence": Key(v_bool, default=False, doc="report only the first match in each sentence"),
    },
    build=build,
)

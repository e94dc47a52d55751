"""capitalization: each unit (a subject, a heading) must follow a case style.

``match`` is ``$sentence``, ``$title``, ``$lower``, ``$upper`` or a regex the
whole unit must match.  For sentence and title case, the share of words that
follow the style must reach ``threshold`` (default 0.8); ``exceptions`` are
words or phrases that keep their own case, ``indicators`` are characters after
which a capital is allowed again (``:``), and ``prefix`` is a regex stripped
from the start first ("a. ").  Words are runs of letters; numbers do not count.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from .base import BuildContext, Check, Key, KindSpec, Match, RuleError, Scope, compile_regex, v_regex, v_str, v_str_list
from .regexes import RulePattern

SMALL_WORDS = frozenset(
    "a an and as at but by en for if in nor of on or per the to v v. via vs vs. from into than with up down over".split())


def v_threshold(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise RuleError(key, f"expected a number between 0 and 1, got {value!r}")
    return float(value)


class CapitalizationCheck(Check):
    def __init__(self, style: str, pattern: RulePattern | None, threshold: float, exceptions: tuple[str, ...],
                 indicators: tuple[str, ...], prefix: RulePattern | None) -> None:
        self.style = style
        self.pattern = pattern
        self.threshold = threshold
        self.exceptions = tuple(sorted(exceptions, key=len, reverse=True))
        self.indicators = indicators
        self.prefix = prefix

    def conforms(self, text: str) -> bool:
        if self.pattern is not None:
            return self.pattern.fullmatch(text) is not None
        if self.style == "$lower":
            return text == text.lower()
        if self.style == "$upper":
            return text == text.upper()
        if self.prefix is not None:
            text = self.prefix.sub("", text, count=1)
        for phrase in self.exceptions:  # exceptions keep their case: take them out
            text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " \x00 ", text)
        good = total = 0
        first = True
        after_indicator = False
        for m in re.finditer(r"\x00|[^\W\d_][\w'’.-]*|[^\w\s]", text):
            word = m.group(0)
            if word == "\x00":
                first = after_indicator = False
                continue
            if not word[0].isalpha():
                after_indicator = after_indicator or word in self.indicators
                continue
            total += 1
            if self.style == "$sentence":
                ok = (word[0].isupper() or not word[0].isalpha()) if first else (
                    word[0].islower() or word.isupper() and len(word) > 1 or after_indicator)
            else:  # $title
                ok = word[0].isupper() or (not first and word.lower() in SMALL_WORDS and word.islower())
            good += ok
            first = after_indicator = False
        return total == 0 or good / total >= self.threshold

    def run(self, scope: Scope) -> Iterator[Match]:
        for unit in scope.units:
            text = unit.text.strip()
            if not text or self.conforms(text):
                continue
            lead = len(unit.text) - len(unit.text.lstrip())
            yield Match(unit.start + lead, unit.start + lead + len(text), args=(text,))


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    match = options["match"]
    pattern = None
    if match not in ("$sentence", "$title", "$lower", "$upper"):
        pattern = compile_regex(match, "match")
    prefix = compile_regex(options["prefix"], "prefix") if options["prefix"] else None
    return CapitalizationCheck(match, pattern, options["threshold"], options["exceptions"], options["indicators"], prefix)


KIND = KindSpec(
    name="capitalization",
    summary="each unit (subject, heading) must be in sentence case, title case, lower or upper case",
    keys={
        "match": Key(v_str, required=True, doc="$sentence, $title, $lower, $upper or a regex"),
        "threshold": Key(v_threshold, default=0.8, doc="share of words that must follow the style"),
        "exceptions": Key(v_str_list, default=(), doc="words or phrases that keep their own case"),
        "indicators": Key(v_str_list, default=(), doc="characters after which a capital is allowed again"),
        "prefix": Key(v_regex, default="", doc="regex removed from the start before checking"),
    },
    build=build,
)

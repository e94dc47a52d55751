"""envelope: rules about the message around the prose (subject, attachments, the reply).

A reader that knows the envelope puts it in ``Letter.meta`` (the ``.eml``
reader sets ``email``, ``subject`` and ``attachments``); a plain draft only has
the ``Subject:`` line ``find_parts`` recognises.  ``check`` picks one of a
closed set of tests:

``missing-attachment``
    A ``tokens`` match ("attached", "enclosed") while the letter is known to
    carry no attachment.  Letters whose attachments are unknown (a ``.txt``
    draft) are never reported.  One finding, at the first mention.
``empty-subject``
    An e-mail, or a draft with a ``Subject:`` line, whose subject is blank or
    only "Re:"/"Fwd:".  The finding points at the Subject line (line 1 of an
    e-mail with no Subject header).
``subject-shouting``
    A subject written in capitals or with stacked marks ("!!", "?!"), or one
    with a ``tokens`` match ("URGENT")
    when neither the subject nor the scope matches ``unless`` (a deadline, a
    time, an outage).
``unanswered-question``
    A direct question in the message being replied to (``Letter.replied``: the
    first quoted message, as the reader's structure found it)
    whose key content words the reply never uses; reported at the question.
    A question counts as answered when the reply shares half of its key words
    (rounded up), or ``min_shared`` of them when that is fewer.  A salutation
    opening the question ("Hi Julien, can you...") is not a key word.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator

from .base import (
    BuildContext, Check, Key, KindSpec, Match, RuleError, Scope, v_bool, v_int, v_regex_list, v_str, word_alternation,
)
from .regexes import RulePattern

CHECKS = ("missing-attachment", "empty-subject", "subject-shouting", "unanswered-question")
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|aw|sv|wg)\s*(?:\[\d+\]\s*)?:\s*)+", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
_STACKED = re.compile(r"[!?]{2,}")
_SALUTATION = re.compile(r"^(?:hi|hello|hey|dear|morning|good \w+)\b[^,.!?]{0,40}[,!]\s*", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?]*[.!?]+|[^.!?]+$")
# Words too general to show that a reply addresses a question.
_GENERIC = frozenset({
    "please", "thanks", "thank", "let", "know", "hi", "hello", "hey", "dear", "could", "would", "can", "will",
    "able", "possible", "maybe", "think", "want", "like", "need", "get", "got", "sure", "just", "also",
})


def _subject(scope: Scope) -> tuple[int, int] | None:
    parts = scope.letter.parts_of(("subject",))
    if parts:
        return parts[0].start, parts[0].end
    return None


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # the language data only, no pipeline

    return frozenset(STOP_WORDS) | _GENERIC


def stem(word: str) -> str:
    """A crude stem, enough to match "pricing" with "price" and "shipment" with "shipping"."""
    word = word.lower().replace("'", "")
    for suffix, repl in (("ies", "y"), ("ments", ""), ("ment", ""), ("ings", ""), ("ing", ""), ("ed", ""),
                         ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + repl
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    word = word.rstrip("e") if len(word) > 3 else word
    return word[:6]


def key_words(text: str) -> set[str]:
    stops = _stop_words()
    return {stem(w) for w in _WORD.findall(text) if len(w) >= 3 and w.lower() not in stops}


class EnvelopeCheck(Check):
    def __init__(self, check: str, tokens: RulePattern | None, unless: RulePattern | None,
                 min_shared: int, *, capitals: bool = True, stacked: re.Pattern[str] = _STACKED) -> None:
        self.check = check
        self.capitals = capitals
        self.stacked = stacked
        self.tokens = tokens
        self.unless = unless
        self.min_shared = min_shared

    def run(self, scope: Scope) -> Iterator[Match]:
        yield from getattr(self, "_" + self.check.replace("-", "_"))(scope)

    def _missing_attachment(self, scope: Scope) -> Iterator[Match]:
        attachments = scope.letter.meta.get("attachments")
        if attachments is None or attachments or self.tokens is None:
            return
        for unit in scope.units:
            m = self.tokens.search(unit.text)
            if m:
                yield Match(unit.start + m.start(), unit.start + m.end())
                return

    def _empty_subject(self, scope: Scope) -> Iterator[Match]:
        letter = scope.letter
        span = _subject(scope)
        if span is None and not letter.meta.get("email"):
            return
        subject = letter.text[span[0]:span[1]] if span else ""
        if _REPLY_PREFIX.sub("", subject).strip():
            return
        at = span[0] if span else 0
        yield Match(at, at, args=(subject.strip() or "(none)",))

    def _subject_shouting(self, scope: Scope) -> Iterator[Match]:
        span = _subject(scope)
        if span is None:
            return
        text = scope.letter.text[span[0]:span[1]]
        body = _REPLY_PREFIX.sub("", text)
        offset = span[0] + len(text) - len(body)
        letters = [c for c in body if c.isalpha()]
        words = [w for w in _WORD.findall(body) if len(w) >= 2]
        if self.capitals and len(letters) >= 6 and len(words) >= 2 and not any(c.islower() for c in letters):
            stripped = body.strip()
            start = offset + body.index(stripped)
            yield Match(start, start + len(stripped), args=(stripped,))
            return
        marks = self.stacked.search(body)
        if marks:
            yield Match(offset + marks.start(), offset + marks.end(), args=(marks.group(0),))
            return
        if self.tokens is None:
            return
        m = self.tokens.search(body)
        if m is None:
            return
        if self.unless is not None and (self.unless.search(body) or any(self.unless.search(u.text) for u in scope.units)):
            return
        yield Match(offset + m.start(), offset + m.end(), args=(m.group(0),))

    def _unanswered_question(self, scope: Scope) -> Iterator[Match]:
        letter = scope.letter
        if not letter.replied:
            return
        reply = set().union(*(key_words(u.text) for u in scope.units if u.part != "subject")) if scope.units else set()
        for start, end, question in _questions(letter.text, letter.replied):
            keys = key_words(_SALUTATION.sub("", question))
            if not keys:
                continue
            if len(keys & reply) >= min(self.min_shared, (len(keys) + 1) // 2):
                continue
            yield Match(start, end, args=(question,))


def _questions(text: str, lines: tuple[tuple[int, int], ...]) -> Iterator[tuple[int, int, str]]:
    """Direct questions of the message replied to: (start, end, text) in letter offsets.

    ``lines`` are the prose spans of that message's lines, as
    ``formats.structure.replied_prose`` found them (``Letter.replied``)."""
    # Sentences may run over quoted lines: scan the joined prose.
    joined = ""
    where: list[int] = []
    for a, b in lines:
        if joined:
            joined += " "
            where.append(a)
        joined += text[a:b]
        where.extend(range(a, b))
    for m in _SENTENCE.finditer(joined):
        sentence = m.group(0)
        lead = len(sentence) - len(sentence.lstrip())
        body = sentence.strip()
        if body.endswith("?") and len(body.split()) >= 3:
            s = where[m.start() + lead]
            e = where[m.start() + lead + len(body) - 1] + 1
            yield s, e, " ".join(body.split())


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    check = options["check"]
    if check not in CHECKS:
        raise RuleError("check", f"unknown envelope check {check!r}; expected one of {', '.join(CHECKS)}")
    if check == "missing-attachment" and not options["tokens"]:
        raise RuleError("tokens", "missing-attachment needs the phrases that mention an attachment")
    tokens = word_alternation(options["tokens"], ignorecase=ctx.ignorecase) if options["tokens"] else None
    unless = word_alternation(options["unless"], ignorecase=True) if options["unless"] else None
    if options["min_shared"] < 1:
        raise RuleError("min_shared", "must be at least 1")
    if options["min_marks"] < 2:
        raise RuleError("min_marks", "must be at least 2 (one mark is ordinary punctuation)")
    return EnvelopeCheck(check, tokens, unless, options["min_shared"], capitals=options["capitals"],
                         stacked=re.compile("[!?]{%d,}" % options["min_marks"]))


KIND = KindSpec(
    name="envelope",
    summary="a check on the message around the prose: subject, attachments, the quoted question",
    keys={
        "check": Key(v_str, required=True, doc="one of " + ", ".join(CHECKS)),
        "tokens": Key(v_regex_list, default=(), doc="attachment mentions (missing-attachment) or alarm words (subject-shouting)"),
        "unless": Key(v_regex_list, default=(), doc="subject-shouting: phrases in the letter that justify the alarm"),
        "min_shared": Key(v_int, default=2, doc="unanswered-question: key words the reply must share with the question"),
        "capitals": Key(v_bool, default=True, doc="subject-shouting: report a subject written in capitals"),
        "min_marks": Key(v_int, default=2, doc="subject-shouting: how many stacked ! or ? are shouting"),
    },
    build=build,
)

"""profile: a check against the letter's reader (a recipient profile) and its genre.

The readers were chosen and attached to the letter before linting
(``tonecheck.profiles``); a check only reads them (``profiles.readers``), each
profile merged over its genre's settings.  With no reader the check reports
nothing, so profile rules cost nothing on mail nobody profiled.

``check`` picks the behaviour; each names its cases, and ``messages`` may word
a case other than the rule's ``message``.  A message (and a token of
``mentions`` / ``requires``) takes ``{placeholders}``: the reader's profile
fields (``{name}``, ``{address_as}``, ``{first_name}``, ``{sign_off}``, the
team's own ``fields``...), its settings (``{max_words}``...), ``{genre}``,
``{reader}`` (the name, else the id) and the check's values (``{match}``,
``{words}``, ``{questions}``, ``{source}``, ``{phrase}``, ``{reason}``,
``{part}``, ``{expected}``); ``%s`` is the matched text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, Mapping, cast

from ..errors import excerpt
from ..finding import Level
from ..genres import ELEMENTS
from ..profiles import Reader, readers
from .regexes import RulePattern
from .base import (BuildContext, Check, Key, KindSpec, Match, RuleError, Scope, Unit, compile_regex, type_name,
                   v_regex_list, v_str_list, word_alternation)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# check -> its cases (the first is worded by the rule's own ``message``)
CASES: dict[str, tuple[str, ...]] = {
    "wrong-name": ("someone-else", "first-name", "title", "honorific"),
    "too-long": ("too-long", "late-purpose", "no-purpose"),
    "too-short": ("too-short",),
    "questions": ("too-few", "too-many"),
    "avoid": ("avoid",),
    "register": ("too-casual", "too-stiff"),
    "sign-off": ("sign-off",),
    "element": ("missing",),
    "mentions": ("mention",),
    "requires": ("missing",),
}
CHECKS: tuple[str, ...] = tuple(CASES)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")
_SALUTATION = re.compile(r"^\s*(?:(?:dear|hi+|hello|hey+|hiya|howdy|greetings|yo|good\s+(?:morning|afternoon|evening|day)|"
                         r"morning|afternoon|evening)\b[\s,]*)+", re.IGNORECASE)
_TRAILING = " \t\r\n,:;!.\u2014\u2013-"  # stripped from the end of a greeting (no regex: '+$' retries at every start)
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'\u2019-]*")
_COUNTED = re.compile(r"[A-Za-z0-9\u00C0-\u024F][\w'\u2019-]*")
_QUESTION = re.compile(r"\?+")  # a run of question marks; it ends a question when a space, quote or bracket follows
_QUESTION_END = frozenset(" \t\r\n\"'\u2019\u201d)]")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[ \t]*\n")
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "sir", "dame", "lord", "lady"})
# Words of a greeting to a group or to nobody in particular: not a wrong name.
_NOBODY = frozenset({"there", "all", "everyone", "everybody", "folks", "team", "guys", "friends", "friend", "y'all"})


def v_when(value: Any, key: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or not value:
        raise RuleError(key, "expected a mapping of profile field to a value or a list of values, "
                             "e.g. {formality: formal}")
    out: dict[str, tuple[str, ...]] = {}
    for name, item in value.items():
        items = item if isinstance(item, list) else [item]
        if not isinstance(name, str) or not name.isidentifier():
            raise RuleError(f"{key}.{name}", "expected the name of a profile field")
        if not items or not all(isinstance(i, (str, int)) and not isinstance(i, bool) for i in items):
            raise RuleError(f"{key}.{name}", f"expected a value or a list of values, got {type_name(item)}")
        out[name] = tuple(str(i).lower() for i in items)
    return out


def v_messages(value: Any, key: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
        raise RuleError(key, "expected a mapping of case to message, e.g. {late-purpose: '...'}")
    return {str(k): v for k, v in value.items()}


def v_check(value: Any, key: str) -> str:
    if value not in CHECKS:
        from difflib import get_close_matches

        hint = get_close_matches(str(value), CHECKS, n=1)
        raise RuleError(key, f"unknown check {excerpt(value)}" + (f" (did you mean '{hint[0]}'?)" if hint else "")
                        + f"; expected one of {', '.join(CHECKS)}")
    return str(value)


def v_element(value: Any, key: str) -> str:
    if value not in ELEMENTS:
        raise RuleError(key, f"unknown element {excerpt(value)}; expected one of {', '.join(ELEMENTS)}")
    return str(value)


def v_level(value: Any, key: str) -> Level:
    if isinstance(value, str) and value.strip().lower() in ("suggestion", "warning", "error"):
        return Level.parse(value)
    raise RuleError(key, f"expected suggestion, warning or error, got {excerpt(value)}")


def v_field_tokens(value: Any, key: str) -> tuple[str, ...]:
    """Regex fragments that may name profile fields as ``{field}``."""
    items = v_str_list(value, key)
    for i, token in enumerate(items):
        compile_regex(_PLACEHOLDER.sub("x", token), f"{key}[{i}]")
    return items


def _norm(text: str) -> str:
    return " ".join(text.replace(".", " ").replace(",", " ").lower().split())


def _fill(template: str, values: Mapping[str, str], reader: Reader, match: str) -> str:
    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in values:
            return values[name]
        found = reader.field(name)
        return found if found is not None else m.group(0)

    return " ".join(_PLACEHOLDER.sub(one, template).replace("%s", match).split())


@dataclass
class ProfileCheck(Check):
    check: str
    message: str
    messages: Mapping[str, str]
    when: Mapping[str, tuple[str, ...]]
    tokens: tuple[str, ...] = ()
    element: str = ""
    purpose: RulePattern | None = None
    casual: RulePattern | None = None
    stiff: RulePattern | None = None
    stiff_level: Level = Level.SUGGESTION
    titles: RulePattern | None = None
    ignorecase: bool = True

    def __post_init__(self) -> None:
        self.needs = frozenset({"sentences"}) if self.check == "too-long" else frozenset()

    # ---------------------------------------------------------------- plumbing
    def _applies(self, reader: Reader) -> bool:
        for name, wanted in self.when.items():
            found = reader.field(name)
            if found is None or found.lower() not in wanted:
                return False
        return True

    def _say(self, case: str, reader: Reader, start: int, end: int, text: str, *, level: Level | None = None,
             suggestions: tuple[str, ...] = (), **values: object) -> Match:
        template = self.messages.get(case) or self.message
        filled = {k: str(v) for k, v in values.items()}
        filled.setdefault("match", text)
        filled.setdefault("reader", reader.label)
        return Match(start, end, args=(text,), suggestions=suggestions, message=_fill(template, filled, reader, text),
                     level=level)

    def run(self, scope: Scope) -> Iterator[Match]:
        for reader in readers(scope.letter):
            if self._applies(reader):
                yield from getattr(self, "_" + self.check.replace("-", "_"))(scope, reader)

    # ---------------------------------------------------------------- checks
    def _wrong_name(self, scope: Scope, reader: Reader) -> Iterator[Match]:
        profile = reader.profile
        if profile is None or not (profile.name or profile.address_as):
            return
        name_words = [w.lower() for w in _WORD.findall(profile.name)] or \
            [w.lower() for w in _WORD.findall(profile.address_as) if w.lower() not in HONORIFICS]
        first, last = (name_words[0], name_words[-1]) if name_words else ("", "")
        address_words = [w.lower() for w in _WORD.findall(profile.address_as)]
        wanted_honorific = next((w for w in address_words if w in HONORIFICS), "")
        formal = profile.formality == "formal"
        expected = profile.address_as or (profile.name if formal else first.title() or profile.name)
        for unit in scope.units:
            if unit.part != "greeting":
                continue
            lead = _SALUTATION.match(unit.text)
            begin = lead.end() if lead else len(unit.text) - len(unit.text.lstrip())
            end = max(begin, len(unit.text.rstrip(_TRAILING)))
            addressee = unit.text[begin:end]
            words = [w.lower() for w in _WORD.findall(addressee)]
            if not words or _norm(addressee) == _norm(profile.address_as) or set(words) <= _NOBODY:
                continue
            start, stop = unit.start + begin, unit.start + end
            named = (first in words) or (last in words)
            if not named:
                if self.titles is not None and self.titles.search(addressee):
                    yield self._say("title", reader, start, stop, addressee, expected=expected)
                elif not set(words) & _NOBODY:
                    yield self._say("someone-else", reader, start, stop, addressee, expected=expected)
            elif formal and first in words and last not in words and first != last:
                yield self._say("first-name", reader, start, stop, addressee, expected=expected)
            elif wanted_honorific and last in words:
                used = next((w for w in words if w in HONORIFICS), "")
                if used and used != wanted_honorific:
                    yield self._say("honorific", reader, start, stop, addressee, expected=expected)

    def _body_words(self, scope: Scope) -> int:
        return sum(len(_COUNTED.findall(u.text)) for u in scope.units)

    def _too_long(self, scope: Scope, reader: Reader) -> Iterator[Match]:
        limit = reader.settings.get("max_words")
        words = self._body_words(scope)
        if limit is not None and words > limit:
            yield self._say("too-long", reader, scope.anchor, scope.anchor, "", words=words,
                            max_words=limit, source=reader.sources.get("max_words", ""))
        profile = reader.profile
        if profile is None or profile.detail != "big-picture" or self.purpose is None:
            return
        sentences = list(_sentences(scope.units))
        if len(sentences) <= 3:
            return  # a letter this short cannot bury its purpose
        for index, (start, text) in enumerate(sentences):
            hit = self.purpose.search(text)
            if hit is None:
                continue
            if index >= 3:
                yield self._say("late-purpose", reader, start + hit.start(), start + hit.end(), hit.group(0),
                                sentence=index + 1)
            return
        yield self._say("no-purpose", reader, scope.anchor, scope.anchor, "")

    def _too_short(self, scope: Scope, reader: Reader) -> Iterator[Match]:
        limit = reader.settings.get("min_words")
        words = self._body_words(scope)
        if limit is not None and 0 < words < limit:
            yield self._say("too-short", reader, scope.anchor, scope.anchor, "", words=words, min_words=limit,
                            source=reader.sources.get("min_words", ""))

    def _questions(self, scope: Scope, reader: Reader) -> Iterator[Match]:
        low, high = reader.settings.get("min_questions"), reader.settings.get("max_questions")
        marks = [(u.start + m.start(), u.start + m.end()) for u in scope.units for m in _QUESTION.finditer(u.text)
                 if m.end() == len(u.text) or u.text[m.end()] in _QUESTION_END]
        if low is not None and len(marks) < low and self._body_words(scope):
            yield self._say("too-few", reader, scope.anchor, scope.anchor, "", questions=len(marks),
                            min_questions=low, source=reader.sources.get("min_questions", ""))
        if high is not None and len(marks) > high:
            start, end = marks[high]
            yield self._say("too-many", reader, start, end, "?", questions=len(marks), max_questions=high,
                            source=reader.sources.get("max_questions", ""))

    def _avoid(self, scope: Scope, reader: Reader) -> Iterator[Match]:
        if reader.profile is None:
            return
        for item in reader.profile.avoid:
            words = item.phrase.split()
            pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"(?:s|es)?\b", re.IGNORECASE)
            for unit in scope.units:
                for m in pattern.finditer(unit.text):
                    yield self._say("avoid", reader, unit.start + m.start(), unit.start + m.end(), m.group(0),
                                    phrase=item.phrase, reason=item.reason or "no reason given")

    def _register(self, scope: Scope, reader: Reader) -> Iterator[Match]:
        profile = reader.profile
        if profile is None:
            return
        if profile.formality == "formal":
            pattern, case, level = self.casual, "too-casual", None
        elif profile.formality == "casual":
            pattern, case, level = self.stiff, "too-stiff", self.stiff_level
        else:
            return
        if pattern is None:
            return
        for unit in scope.units:
            if unit.part not in ("greeting", "closing"):
                continue
            for m in pattern.finditer(unit.text):
                yield self._say(case, reader, unit.start + m.start(), unit.start + m.end(), m.group(0), level=level,
                                part="greeting" if unit.part == "greeting" else "sign-off")

    def _sign_off(self, scope: Scope, reader: Reader) -> Iterator[Match]:
        profile = reader.profile
        if profile is None or not profile.sign_off:
            return
        for unit in scope.units:
            if unit.part != "closing":
                continue
            text = unit.text.strip()
            if not text or _norm(text) == _norm(profile.sign_off):
                continue
            start = unit.start + unit.text.find(text)
            yield self._say("sign-off", reader, start, start + len(text), text, suggestions=(profile.sign_off,),
                            expected=profile.sign_off)

    def _element(self, scope: Scope, reader: Reader) -> Iterator[Match]:
        if self.element not in reader.requires or not self._body_words(scope):
            return
        pattern = self._pattern(reader)
        if pattern is not None and not any(pattern.search(u.text) for u in scope.units):
            yield self._say("missing", reader, scope.anchor, scope.anchor, "", element=self.element,
                            source=reader.requires_source)

    def _mentions(self, scope: Scope, reader: Reader) -> Iterator[Match]:
        pattern = self._pattern(reader)
        if pattern is None:
            return
        for unit in scope.units:
            for m in pattern.finditer(unit.text):
                if m.end() > m.start():
                    yield self._say("mention", reader, unit.start + m.start(), unit.start + m.end(), m.group(0))

    def _requires(self, scope: Scope, reader: Reader) -> Iterator[Match]:
        pattern = self._pattern(reader)
        if pattern is not None and not any(pattern.search(u.text) for u in scope.units):
            yield self._say("missing", reader, scope.anchor, scope.anchor, "")

    def _pattern(self, reader: Reader) -> RulePattern | None:
        """``tokens`` with this reader's fields filled in (regex-escaped); None
        when a token names a field this reader does not have."""
        filled = []
        for token in self.tokens:
            missing = False

            def one(m: re.Match[str]) -> str:
                nonlocal missing
                value = reader.field(m.group(1))
                if value is None:
                    missing = True
                    return ""
                return re.escape(value).replace(r"\ ", " ")

            text = _PLACEHOLDER.sub(one, token)
            if missing:
                return None
            filled.append(text)
        return word_alternation(tuple(filled), ignorecase=self.ignorecase) if filled else None


def _sentences(units: tuple[Unit, ...]) -> Iterator[tuple[int, str]]:
    """(letter offset, text) of each sentence of the units: spaCy's when parsed, else by punctuation."""
    for unit in units:
        if unit.doc is not None:
            for sent in cast("Doc", unit.doc).sents:  # a Span has .sents too
                if sent.text.strip():
                    yield unit.base + sent.start_char, sent.text
        else:
            begin = 0
            for m in _SENTENCE_END.finditer(unit.text):
                if unit.text[begin:m.end()].strip():
                    yield unit.start + begin, unit.text[begin:m.end()]
                begin = m.end()
            if unit.text[begin:].strip():
                yield unit.start + begin, unit.text[begin:]


def _alternation(tokens: tuple[str, ...], ctx: BuildContext) -> RulePattern | None:
    return word_alternation(tokens, ignorecase=True) if tokens else None


NEEDED: dict[str, tuple[str, ...]] = {"element": ("tokens", "element"), "mentions": ("tokens",),
                                      "requires": ("tokens",), "register": ("casual", "stiff"),
                                      "too-long": ("purpose",), "wrong-name": ("titles",)}
OWN_KEYS: dict[str, tuple[str, ...]] = {"tokens": ("element", "mentions", "requires"), "element": ("element",),
                                        "purpose": ("too-long",), "casual": ("register",), "stiff": ("register",),
                                        "stiff_level": ("register",), "titles": ("wrong-name",)}


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    check = options["check"]
    for key, checks in OWN_KEYS.items():
        given = options.get(key) not in (None, (), "")
        if given and check not in checks:
            raise RuleError(key, f"not a key of check {check} (it belongs to {', '.join(checks)})")
    for key in NEEDED.get(check, ()):
        if options.get(key) in (None, (), ""):
            raise RuleError(key, f"required by check {check}")
    for case in options["messages"]:
        if case not in CASES[check]:
            raise RuleError(f"messages.{case}", f"unknown case of check {check}; its cases: {', '.join(CASES[check])}")
    return ProfileCheck(
        check=check, message=ctx.message, messages=options["messages"], when=options["when"],
        tokens=options["tokens"], element=options["element"] or "",
        purpose=_alternation(options["purpose"], ctx), casual=_alternation(options["casual"], ctx),
        stiff=_alternation(options["stiff"], ctx), stiff_level=options["stiff_level"] or Level.SUGGESTION,
        titles=_alternation(options["titles"], ctx), ignorecase=ctx.ignorecase or check in ("element",),
    )


KIND = KindSpec(
    name="profile",
    summary="a check against the letter's reader, from its recipient profile and genre: wrong-name, too-long, "
            "too-short, questions, avoid, register, sign-off, element, or a team's own mentions / requires over "
            "profile fields; silent when no profile (or genre band) applies",
    keys={
        "check": Key(v_check, required=True, doc="what to check: " + ", ".join(CHECKS)),
        "tokens": Key(v_field_tokens, default=(), doc="element, mentions, requires: regex fragments; {field} takes "
                      "the reader's profile field (a letter to a reader without that field is not checked)"),
        "element": Key(v_element, default="", doc="element: what the reader's genre requires, one of "
                       + ", ".join(ELEMENTS) + " (complaint-reply requires both)"),
        "purpose": Key(v_regex_list, default=(), doc="too-long: phrases that state the letter's purpose; a "
                       "big-picture reader must meet one within the first three sentences"),
        "casual": Key(v_regex_list, default=(), doc="register: greetings and sign-offs too casual for a formal reader"),
        "stiff": Key(v_regex_list, default=(), doc="register: greetings and sign-offs too stiff for a casual reader"),
        "stiff_level": Key(v_level, default=None, doc="register: the level of a too-stiff finding "
                           "(default suggestion: stiffness is not a lapse)"),
        "titles": Key(v_regex_list, default=(), doc="wrong-name: words of a title or role ('General Counsel', "
                      "'Customer'), reported when the reader's name is known"),
        "when": Key(v_when, default={}, doc="only readers whose profile fields have these values, e.g. "
                    "{formality: formal} or {genre: [cold-outreach]}"),
        "messages": Key(v_messages, default={}, doc="the message of each further case of the check (the rule's "
                        "message words the first): " + "; ".join(f"{c}: {', '.join(v)}" for c, v in CASES.items())),
    },
    build=build,
)

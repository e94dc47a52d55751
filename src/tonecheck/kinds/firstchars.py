"""The characters a regex match can start with, as a look-ahead that skips the rest.

Python's ``re`` tries every alternative of ``\\b(?:sorry|apologi[sz]e|...)\\b`` at
every word boundary of the text, the end of each word included.  A look-ahead on
the characters a match can begin with, put in front, rejects most of those
positions in one step and changes nothing else: the look-ahead is implied by
the pattern, so the matches are the same (``tests/test_kinds_linewrap.py`` and
``tests/test_regex_prefilter.py`` hold every shipped pattern to that).

``first_chars`` reads the pattern with ``re``'s own parser and gives up (None)
on anything it does not follow: a pattern that can match the empty string, a
negated class, ``.``, a backreference, inline global flags.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any

# re's own parser: re._parser from Python 3.11, sre_parse before
_p: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")
_c: Any = importlib.import_module("re._constants" if sys.version_info >= (3, 11) else "sre_constants")

_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())
_CATEGORIES = {_c.CATEGORY_WORD: r"\w", _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s"}
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


class _GiveUp(Exception):
    pass


def _char(code: int) -> set[str]:
    ch = chr(code)
    return {re.escape(c) for c in {ch, ch.lower(), ch.upper()} if len(c) == 1}


def _class(items: Any) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out |= _char(av)
        elif op is _c.RANGE:
            lo, hi = av
            out.add(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
            if chr(lo).isalpha() and chr(hi).isalpha() and chr(lo).islower() == chr(hi).islower():
                swap = str.upper if chr(lo).islower() else str.lower
                if len(swap(chr(lo))) == 1 and len(swap(chr(hi))) == 1:
                    out.add(f"{re.escape(swap(chr(lo)))}-{re.escape(swap(chr(hi)))}")
        elif op is _c.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:  # a negated class, a negated category
            raise _GiveUp
    return out


def _first(items: Any) -> tuple[set[str], bool]:
    """(the characters a match of ``items`` can start with, whether it can match empty)."""
    found: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            return found | _char(av), False
        if op is _c.IN:
            return found | _class(av), False
        if op is _c.SUBPATTERN:
            chars, empty = _first(av[-1])
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            chars, empty = _first(av)
        elif op is _c.BRANCH:
            empty = False
            chars = set()
            for alternative in av[1]:
                alt_chars, alt_empty = _first(alternative)
                chars |= alt_chars
                empty = empty or alt_empty
        elif op in _REPEATS:
            low, _high, inner = av
            chars, empty = _first(inner)
            empty = empty or low == 0
        else:  # ., a backreference, a conditional: anything may come first
            raise _GiveUp
        found |= chars
        if not empty:
            return found, False
    return found, True


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A character class (``[...]``) every match of ``pattern`` starts with, or None."""
    if _GLOBAL_FLAGS.match(pattern) or flags & re.VERBOSE:
        return None
    try:
        chars, empty = _first(_p.parse(pattern, flags))
    except (_GiveUp, re.error, RecursionError):
        return None
    if empty or not chars:
        return None
    return "[" + "".join(sorted(chars)) + "]"


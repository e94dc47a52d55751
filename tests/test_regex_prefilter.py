"""The look-ahead on a shipped pattern's first characters changes no match (kinds.firstchars)."""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from tonecheck.kinds.firstchars import first_chars
from tonecheck.kinds.regexes import RulePattern
from tonecheck.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("pattern", "starts", "never"), [
    (r"\bsorry\b", "sS", "a"),
    (r"(?:ab|cd)e", "acAC", "be"),
    (r"(?<!x)foo|(?=b)bar", "fb", "xo"),
    (r"a?b", "ab", "c"),
    (r"(?:a|)b", "ab", "c"),
    (r"\d+x", "7", "x"),
    (r"[k-m]it", "kLm", "i"),
    (r"(?-i:Pal)(?=,)", "Pp", "a"),
    (r"'em\b", "'", "e"),
])
def test_first_chars_of_a_pattern(pattern: str, starts: str, never: str) -> None:
    chars = first_chars(pattern, re.IGNORECASE)
    assert chars is not None
    assert all(re.fullmatch(chars, c, re.IGNORECASE) for c in starts)
    assert not any(re.fullmatch(chars, c) for c in never)


@pytest.mark.parametrize("pattern", [r"a*", r"(?:x|)", r"[^a]b", r".x", r"(?i)abc", r"\Bfoo|\W", r"^$"])
def test_first_chars_gives_up_where_it_cannot_tell(pattern: str) -> None:
    assert first_chars(pattern) is None


def _patterns(obj: Any, depth: int = 0) -> Iterator[RulePattern]:
    if depth > 6:
        return
    if isinstance(obj, RulePattern):
        yield obj
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for item in obj:
            yield from _patterns(item, depth + 1)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from _patterns(item, depth + 1)
    elif hasattr(obj, "__dict__") or hasattr(obj, "__slots__"):
        fields = getattr(obj, "__dict__", None) or {s: getattr(obj, s, None) for s in getattr(obj, "__slots__", ())}
        for item in fields.values():
            yield from _patterns(item, depth + 1)


def test_every_shipped_pattern_finds_the_same_with_its_look_ahead() -> None:
    shipped = {id(p): p for rule in load_rules() for p in _patterns(rule)}
    assert sum(1 for p in shipped.values() if p.lookahead) >= 20  # most shipped patterns have one
    texts = [p.read_text(encoding="utf-8") for folder in ("tests/corpus", "examples")
             for p in sorted((ROOT / folder).glob("*.txt"))]
    # line breaks and tabs inside phrases, and text in capitals
    texts += ["We had a minor\nhiccup.\tSorry\r\nfor any inconvenience!", "OUR FINAL OFFER. Per my\tlast email, LOVE,\n"]
    text = "\n\n".join(texts)
    for p in shipped.values():
        plain = re.compile(p.pattern, p.flags)
        assert [m.span() for m in p.finditer(text)] == [m.span() for m in plain.finditer(text)], p.pattern[:80]


def test_the_look_ahead_survives_the_rule_cache() -> None:
    made = RulePattern(r"\bfoo\b", 0, budgeted=False, lookahead="(?=[f])")
    back = pickle.loads(pickle.dumps(made))
    assert (back.lookahead, back.pattern) == ("(?=[f])", r"\bfoo\b")
    assert [m.span() for m in back.finditer("a foo")] == [(2, 5)]


def test_shipped_patterns_compile_on_first_use_and_compile_all_reaches_them() -> None:
    from tonecheck.kinds.regexes import compile_all, rule_patterns

    rules = load_rules()
    patterns = list(rule_patterns(rules))
    assert len(patterns) > 20
    assert all(p._compiled is None for p in patterns if not p.budgeted)  # loading compiled none of them
    assert compile_all(rules) == len(patterns)
    assert all(p._compiled is not None for p in patterns)
    # a pickled pattern (the rule cache, a worker) keeps its look-ahead and compiles to the same regex
    shipped = next(p for p in patterns if p.lookahead)
    again = pickle.loads(pickle.dumps(shipped))
    assert again.lookahead == shipped.lookahead and again.compiled.pattern == shipped.compiled.pattern


def test_a_shipped_pattern_that_does_not_compile_is_named_not_a_traceback(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A shipped rule compiles on first use: one being edited with a broken regex is
    skipped with a notice naming it, and the other rules still run."""
    import tonecheck.rules as rules_module
    from tonecheck.engine import Linter
    from tonecheck.kinds.regexes import RuleRegexError, rule_regex, trusted_patterns
    from tonecheck.formats import read_letter
    from tonecheck.source import SourceText

    with trusted_patterns():
        broken = rule_regex(r"(?<=a+)b")
    with pytest.raises(RuleRegexError, match="does not compile"):
        broken.search("aab")

    pack = tmp_path / "Edit"
    pack.mkdir()
    (pack / "Broken.yml").write_text("extends: existence\nmessage: \"'%s' broken\"\nlevel: warning\n"
                                     "tokens:\n  - '(?<=a+)zzz'\n", encoding="utf-8")
    (pack / "Fine.yml").write_text("extends: existence\nmessage: \"'%s' found\"\nlevel: warning\n"
                                   "tokens:\n  - widget\n", encoding="utf-8")
    monkeypatch.setattr(rules_module, "shipped_packs", lambda: [pack])
    loaded = rules_module.load_packs([pack])  # nothing compiled yet: loading succeeds
    result = Linter(loaded).lint_letter(read_letter(SourceText("a.txt", "The widget is ready.\n")))
    assert [f.rule for f in result.findings] == ["Edit.Fine"]
    assert any("Edit.Broken" in n and "does not compile" in n for n in result.notices)

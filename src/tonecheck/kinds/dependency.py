"""dependency: spaCy ``DependencyMatcher`` patterns over the parse tree.

``without`` lists extra nodes that must *not* be attached for a match to count
(e.g. a passive verb without an ``agent`` child): a match of the pattern that
also matches the pattern plus those nodes is dropped.  ``highlight`` names the
nodes whose tokens the finding spans (default: all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator, cast

from .regexes import RulePattern, rule_regex
from .base import BuildContext, Check, Key, KindSpec, Match, RuleError, Scope, Unit, v_regex_list, v_str_list
from .spacy_patterns import check_dependency_pattern, needs_of_dependency_pattern, v_dependency_patterns
from .trigger import Atom, Trigger, atom_of_token, of_dependency_patterns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.matcher import DependencyMatcher
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab


def v_without(value: Any, key: str) -> tuple[list[dict[str, Any]], ...]:
    if not isinstance(value, list) or not all(isinstance(p, list) and p and all(isinstance(n, dict) for n in p) for p in value):
        raise RuleError(key, "expected a list of node lists extending the patterns")
    return tuple(value)


def _ids(pattern: list[dict[str, Any]]) -> list[str]:
    return [str(node.get("RIGHT_ID")) for node in pattern]


@dataclass(frozen=True)
class _Matchers:
    """The spaCy matchers of one rule for one vocabulary, one DependencyMatcher
    per pattern, each built the first time a sentence could match it.

    ``atoms[i]`` are the words pattern i cannot match without (``kinds.trigger``):
    a sentence that lacks one of them skips the pattern, so a rule of twenty
    patterns runs the one or two its words allow, and the DependencyMatcher
    (which walks the ancestors of every token a node matches) never sees the
    rest.  ``negative[i]`` holds pattern i extended by each ``without`` node
    list; it runs only where pattern i matched.
    """

    vocab: "Vocab"
    patterns: tuple[list[dict[str, Any]], ...]
    atoms: tuple[tuple[Atom, ...], ...]
    negatives: tuple[tuple[int, list[dict[str, Any]]], ...]
    negated: frozenset[int]  # the patterns that have a ``without`` extension
    _built: dict[tuple[str, int], "DependencyMatcher"] = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, vocab: "Vocab", patterns: tuple[list[dict[str, Any]], ...],
              negatives: list[tuple[int, list[dict[str, Any]]]]) -> "_Matchers":
        atoms = tuple(tuple(a for a in (atom_of_token(node.get("RIGHT_ATTRS", {})) for node in p) if a is not None)
                      for p in patterns)
        return cls(vocab, patterns, atoms, tuple(negatives), frozenset(i for i, _ in negatives))

    def candidates(self, doc: "Doc") -> list[int]:
        """The patterns whose required words are all in ``doc``."""
        lowers = {t.lower_ for t in doc}
        lemmas = {t.lemma_.lower() for t in doc}
        return [i for i, atoms in enumerate(self.atoms) if all(_met(a, lowers, lemmas) for a in atoms)]

    def positive(self, i: int) -> "DependencyMatcher":
        return self._matcher(("pos", i), lambda: [self.patterns[i]])

    def negative(self, i: int) -> "DependencyMatcher | None":
        if i not in self.negated:
            return None
        return self._matcher(("neg", i), lambda: [p for j, p in self.negatives if j == i])

    def _matcher(self, key: tuple[str, int],
                 patterns: Callable[[], list[list[dict[str, Any]]]]) -> "DependencyMatcher":
        found = self._built.get(key)
        if found is None:
            from spacy.matcher import DependencyMatcher

            found = DependencyMatcher(self.vocab)
            for n, p in enumerate(patterns()):
                found.add(f"{key[0]}{key[1]}.{n}", [p])
            self._built[key] = found
        return found


def _met(atom: Atom, lowers: set[str], lemmas: set[str]) -> bool:
    return bool(atom.forms & lowers or atom.lemmas & lemmas
                or any(re.search(r, w) for r in atom.regexes for w in lowers))


class DependencyCheck(Check):
    def __init__(self, patterns: tuple[list[dict[str, Any]], ...], without: tuple[list[dict[str, Any]], ...],
                 highlight: tuple[str, ...], exceptions: tuple[RulePattern, ...]) -> None:
        self.patterns = patterns
        # (index of the positive pattern, the extended pattern) pairs
        self.negatives = [
            (i, p + ext) for i, p in enumerate(patterns) for ext in without
            if {str(n.get("LEFT_ID")) for n in ext} <= set(_ids(p)) | set(_ids(ext))
        ]
        self.highlight = highlight
        self.exceptions = exceptions
        needs: set[str] = set()
        for p in patterns + without:
            needs |= needs_of_dependency_pattern(p)
        self.needs = frozenset(needs)

    @property
    def trigger(self) -> Trigger | None:
        return of_dependency_patterns(self.patterns)

    def _build(self, vocab: "Vocab") -> "_Matchers":
        return _Matchers.build(vocab, self.patterns, self.negatives)

    def run(self, scope: Scope) -> Iterator[Match]:
        assert scope.matchers is not None
        matchers = scope.matchers.get(self, self._build)
        for unit in scope.units:
            for part in unit.focused():  # a tree never crosses a sentence: the triggered ones suffice
                yield from self._run(unit, part, matchers)

    def _run(self, unit: Unit, part: "Doc | Span", matchers: "_Matchers") -> Iterator[Match]:
        # A Span (a sentence) is matched as its own Doc, so offsets restart at its first character.
        is_span = part.doc is not part
        doc: Doc = cast("Span", part).as_doc() if is_span else cast("Doc", part)
        offset = unit.base + (cast("Span", part).start_char if is_span else 0)
        positives = [(i, tokens) for i in matchers.candidates(doc) for _, tokens in matchers.positive(i)(doc)]
        blocked: set[tuple[int, tuple[int, ...]]] = set()
        for i in {i for i, _ in positives}:
            negative = matchers.negative(i)
            if negative is not None:
                blocked.update((i, tuple(tokens[: len(self.patterns[i])])) for _, tokens in negative(doc))
        seen: set[tuple[int, int]] = set()
        for i, tokens in positives:
            if (i, tuple(tokens)) in blocked:
                continue
            ids = _ids(self.patterns[i])
            chosen = [t for node, t in zip(ids, tokens) if not self.highlight or node in self.highlight] or tokens
            lo, hi = min(chosen), max(chosen)
            # a span never starts inside a word: "n't", "'s", "'ll" bring in the word they hang on
            while lo > 0 and doc[lo].text.startswith(("'", "\u2019", "n't", "n\u2019t")) and not doc[lo - 1].whitespace_:
                lo -= 1
            span = (doc[lo].idx, doc[hi].idx + len(doc[hi].text))
            if span in seen or any(e.fullmatch(doc.text[span[0]:span[1]]) for e in self.exceptions):
                continue
            seen.add(span)
        # two patterns finding overlapping words of one phrase make one finding: the widest
        kept: list[tuple[int, int]] = []
        for span in sorted(seen, key=lambda sp: (sp[0], -sp[1])):
            if kept and span[0] < kept[-1][1]:
                if span[1] > kept[-1][1]:
                    kept[-1] = (kept[-1][0], span[1])
                continue
            kept.append(span)
        for start, end in kept:
            yield Match(offset + start, offset + end)


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    patterns = options["patterns"]
    all_ids = {i for p in patterns for i in _ids(p)}
    for k, ext in enumerate(options["without"]):
        usable = [p for p in patterns if {str(n.get("LEFT_ID")) for n in ext} <= set(_ids(p)) | set(_ids(ext))]
        if not usable:
            raise RuleError(f"without[{k}]", "its LEFT_IDs name no node of any pattern")
        for p in usable:
            check_dependency_pattern(p + ext, f"without[{k}]")
    unknown = set(options["highlight"]) - all_ids
    if unknown:
        raise RuleError("highlight", f"no pattern has a node named {sorted(unknown)[0]!r}")
    flags = re.IGNORECASE if ctx.ignorecase else 0
    return DependencyCheck(patterns, options["without"], options["highlight"],
                           tuple(rule_regex(e, flags) for e in options["exceptions"]))


KIND = KindSpec(
    name="dependency",
    summary="spaCy DependencyMatcher patterns over the dependency parse",
    keys={
        "patterns": Key(v_dependency_patterns, required=True, doc="list of DependencyMatcher patterns"),
        "without": Key(v_without, default=(), doc="node lists that, when also matched, cancel a match"),
        "highlight": Key(v_str_list, default=(), doc="RIGHT_IDs of the nodes the finding spans"),
        "exceptions": Key(v_regex_list, default=(), doc="matched text equal to one of these is not reported"),
    },
    build=build,
)

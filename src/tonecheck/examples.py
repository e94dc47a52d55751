"""The one example runner: a rule's good and bad examples, run through the engine.

``tonecheck test-rules`` and the test suite (``tests/test_rule_examples.py``)
both use it, so they cannot disagree.  A bad example must be reported by its
rule (and, when it says so, at ``match`` and fixed into ``fix``); a good one
must not be reported.  An example that opens with e-mail headers (a ``From:``,
``To:`` or ``MIME-Version:`` field among its leading ``Name: value`` lines) is
read as a saved e-mail, so envelope rules can show attachments and subjects;
every other example is a plain-text letter.  Examples are judged as client
letters (genre ``letter``, where every rule of a pack applies).  An example
may be written to a reader (``profile:``, for the profile rules): that profile
is attached to the letter as ``--to`` would attach it, with its genre.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from .engine import Linter
from .finding import FileResult
from .fixes import plan_file
from .formats import read_letter
from .profiles import Profile, attach
from .rules import Example, Rule
from .source import SourceText

_HEADERS = re.compile(r"\A(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)+\n")
_EMAIL_FIELD = re.compile(r"^(?:From|To|MIME-Version):", re.MULTILINE | re.IGNORECASE)


def example_path(text: str) -> str:
    """The name an example is read under: ``<example>.eml`` for one with e-mail headers."""
    head = _HEADERS.match(text)
    return "<example>.eml" if head is not None and _EMAIL_FIELD.search(head.group(0)) else "<example>"


@dataclass(frozen=True)
class Case:
    """One example of one rule."""

    rule: Rule
    verdict: str  # "bad" or "good"
    index: int
    example: Example

    @property
    def id(self) -> str:
        """``Business.Hedging-bad-0``: ``pytest -k Hedging`` selects a rule's cases."""
        return f"{self.rule.id}-{self.verdict}-{self.index}"


def cases(rules: Iterable[Rule]) -> list[Case]:
    return [Case(rule, verdict, i, example)
            for rule in rules
            for verdict, items in (("bad", rule.examples.bad), ("good", rule.examples.good))
            for i, example in enumerate(items)]


def lint_example(linter: Linter, rule: Rule, text: str, profile: Profile | None = None) -> FileResult:
    letter = read_letter(SourceText(example_path(text), text), genre="letter")
    if profile is not None:
        letter = attach(letter, (profile,))
    return linter.lint_letter(letter, only={rule.id})


def check(linter: Linter, case: Case) -> str:
    """What is wrong with one case ("" when it passes)."""
    result = lint_example(linter, case.rule, case.example.text, case.example.profile)
    found = result.findings
    if case.verdict == "good":
        return f"was reported ({found[0].message})" if found else ""
    if not found:
        return "was not reported"
    expected = case.example.match
    if expected is not None and not any(f.match == expected for f in found):
        return f"was reported at {', '.join(repr(f.match) for f in found)}, not at {expected!r}"
    if case.example.fix is not None:
        fplan = plan_file(result, {case.rule.id: case.rule.fix or "unsafe"}, unsafe=True)
        fixed = fplan.new_text if fplan is not None else case.example.text
        if fixed != case.example.fix:
            return f"was fixed into {fixed!r}, not {case.example.fix!r}"
    return ""


@dataclass(frozen=True)
class Outcome:
    case: Case
    problem: str

    @property
    def passed(self) -> bool:
        return not self.problem

    def describe(self) -> str:
        return f"{self.case.rule.path}: {self.case.rule.id}: {self.case.verdict} example {self.case.index + 1} {self.problem}"


def run_examples(rules: Sequence[Rule], linter: Linter | None = None) -> list[Outcome]:
    """Run every example of ``rules`` (one Linter, one spaCy load)."""
    linter = linter or Linter(rules)
    return [Outcome(case, check(linter, case)) for case in cases(rules)]

"""metric: a condition over letter statistics, e.g. ``first_person > 3 * second_person + 4``.

``formula`` is an expression over the variables in ``stats.VARIABLES``; it is
either a condition itself or a number compared with ``condition`` (Vale's
shape: ``condition: "> 3"``).  With a ``condition``, the message's ``%s`` takes the formula's value.
"""

from __future__ import annotations

import ast
from typing import Any, Iterator

from .base import BuildContext, Check, Key, KindSpec, Match, RuleError, Scope, v_str
from .expression import Expression, ExpressionError, parse
from .stats import VARIABLES, compute

NAMES = frozenset(VARIABLES)


def v_expression(value: Any, key: str) -> Expression:
    try:
        return parse(v_str(value, key), NAMES)
    except ExpressionError as exc:
        raise RuleError(key, str(exc)) from None


def v_condition(value: Any, key: str) -> str:
    text = v_str(value, key).strip()
    try:
        parse(f"0 {text}", NAMES)
    except ExpressionError as exc:
        raise RuleError(key, f"expected a comparison like '> 3': {exc}") from None
    return text


def format_value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


class MetricCheck(Check):
    def __init__(self, formula: Expression, condition: Expression | None) -> None:
        self.formula = formula
        self.condition = condition
        needs: set[str] = set()
        for name in formula.names:
            needs |= VARIABLES[name][0]
        self.needs = frozenset(needs)

    def run(self, scope: Scope) -> Iterator[Match]:
        if not scope.units:
            return
        env = compute(scope.units, self.formula.names)
        value = self.formula.evaluate(env)
        if self.condition is None:
            if value:
                yield Match(scope.anchor, scope.anchor, args=("",))
        elif self.condition.evaluate({"value": float(value)}):
            yield Match(scope.anchor, scope.anchor, args=(format_value(float(value)),))


def build(options: dict[str, Any], ctx: BuildContext) -> Check:
    formula: Expression = options["formula"]
    condition = None
    if options["condition"] is not None:
        condition = parse(f"value {options['condition']}", frozenset({"value"}))
    elif not isinstance(formula.tree.body, (ast.Compare, ast.BoolOp, ast.UnaryOp)):
        raise RuleError("condition", "the formula is a number: add a condition such as '> 3'")
    return MetricCheck(formula, condition)


KIND = KindSpec(
    name="metric",
    summary="a condition over letter statistics (words, sentences, pronouns, readability)",
    keys={
        "formula": Key(v_expression, required=True, doc="expression over: " + ", ".join(sorted(NAMES))),
        "condition": Key(v_condition, doc="comparison applied to a numeric formula, e.g. '> 3'"),
    },
    build=build,
)

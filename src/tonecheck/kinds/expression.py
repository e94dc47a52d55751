"""A small, safe arithmetic and comparison language for ``metric`` rules.

Expressions are parsed with ``ast`` and evaluated by walking an allow-listed set
of node types: numbers, variable names, + - * / // % **, comparisons,
and/or/not, parentheses, and the functions ``min``, ``max`` and ``abs``.
Nothing is ever passed to ``eval``.
"""

from __future__ import annotations

import ast
import math
import operator
from dataclasses import dataclass
from typing import Callable, Mapping

_BINOPS: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Mod: operator.mod, ast.Pow: operator.pow,
}
_CMPOPS: dict[type, Callable[[float, float], bool]] = {
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Lt: operator.lt,
    ast.LtE: operator.le, ast.Eq: operator.eq, ast.NotEq: operator.ne,
}
_FUNCS: dict[str, Callable[..., float]] = {"min": min, "max": max, "abs": abs}
MAX_LENGTH = 500
MAX_EXPONENT = 100


class ExpressionError(ValueError):
    pass


def _divide(a: float, b: float, floor: bool = False) -> float:
    if b == 0:
        return math.inf if a > 0 else 0.0
    return a // b if floor else a / b


@dataclass(frozen=True)
class Expression:
    source: str
    tree: ast.Expression
    names: frozenset[str]

    def evaluate(self, variables: Mapping[str, float]) -> float | bool:
        return _eval(self.tree.body, variables)


def parse(source: str, allowed_names: frozenset[str] | set[str]) -> Expression:
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"cannot parse {source!r}: {exc.msg}") from None
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if node.id not in allowed_names and node.id not in _FUNCS:
                raise ExpressionError(f"unknown name {node.id!r} (known: {', '.join(sorted(allowed_names))})")
            names.add(node.id)
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCS or node.keywords:
                raise ExpressionError("only min(), max() and abs() may be called")
            if any(isinstance(a, ast.Starred) for a in node.args):
                raise ExpressionError(f"{node.func.id}() takes plain arguments")
            if node.func.id == "abs" and len(node.args) != 1:
                raise ExpressionError(f"abs() takes exactly one argument, got {len(node.args)}")
            if not node.args:
                raise ExpressionError(f"{node.func.id}() needs at least one argument")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            exponent = node.right
            if isinstance(exponent, ast.UnaryOp) and isinstance(exponent.operand, ast.Constant):
                exponent = exponent.operand
            if isinstance(exponent, ast.Constant) and isinstance(exponent.value, (int, float)) \
                    and abs(exponent.value) > MAX_EXPONENT:
                raise ExpressionError(f"exponent {exponent.value} is too large (at most {MAX_EXPONENT})")
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise ExpressionError(f"only numbers are allowed, not {node.value!r}")
        elif not isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp, ast.Load,
                                   ast.USub, ast.UAdd, ast.Not, ast.And, ast.Or, ast.Div, ast.FloorDiv,
                                   *_BINOPS, *_CMPOPS)):
            raise ExpressionError(f"{type(node).__name__} is not allowed in an expression")
    return Expression(source, tree, frozenset(names - set(_FUNCS)))


def _eval(node: ast.AST, env: Mapping[str, float]) -> float | bool:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, (bool, int, float)):
            return node.value
        raise ExpressionError(f"{node.value!r} is not a number")
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.BinOp):
        left, right = float(_eval(node.left, env)), float(_eval(node.right, env))
        if isinstance(node.op, ast.Div):
            return _divide(left, right)
        if isinstance(node.op, ast.FloorDiv):
            return _divide(left, right, floor=True)
        if isinstance(node.op, ast.Pow) and abs(right) > MAX_EXPONENT:
            return math.inf  # a computed exponent out of bounds: as large as it gets, never a crash
        if isinstance(node.op, ast.Mod) and right == 0:
            return 0.0
        try:
            result = _BINOPS[type(node.op)](left, right)
        except OverflowError:
            return math.inf
        except ZeroDivisionError:  # 0 ** -1
            return math.inf
        return result if isinstance(result, (int, float)) else math.nan  # (-8) ** 0.5 is complex
    if isinstance(node, ast.UnaryOp):
        value = _eval(node.operand, env)
        if isinstance(node.op, ast.Not):
            return not value
        return -value if isinstance(node.op, ast.USub) else +value
    if isinstance(node, ast.Compare):
        left = _eval(node.left, env)
        for op, comparator in zip(node.ops, node.comparators):
            right = _eval(comparator, env)
            if not _CMPOPS[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BoolOp):
        values = [_eval(v, env) for v in node.values]
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        return _FUNCS[node.func.id](*(_eval(a, env) for a in node.args))
    raise ExpressionError(f"{type(node).__name__} is not allowed")  # pragma: no cover - parse() rejects it

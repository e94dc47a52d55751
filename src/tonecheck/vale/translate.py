"""Vale rules -> tonecheck rule mappings.  Rule loading, not a front end.

Vale rules are built by tonecheck's own kinds (``existence``, ``substitution``,
``occurrence``, ``repetition``, ``conditional``, ``capitalization``,
``metric``); keys a kind does not know are dropped with a notice, and rules of
kinds tonecheck lacks (``VALE_ONLY_KINDS``) are skipped with a notice.
Accepted ``Vocab`` terms become exceptions of every rule.

This module imports the kinds only: ``tonecheck.rules`` imports it.
"""

from __future__ import annotations

import re
from typing import Any

from ..kinds import KINDS
from ..kinds.base import replace_spaces

# Keys, kinds and scopes only Vale rules have: a file with one of them that
# tonecheck's strict schema refuses is read as a Vale rule instead.
VALE_ONLY_KEYS = frozenset({"action", "raw", "vocab", "append", "limit"})
VALE_ONLY_KINDS = frozenset({"spelling", "sequence", "script", "consistency", "readability"})
VALE_COMMON = ("extends", "message", "level", "ignorecase", "link", "description")
_VALE_SCOPE = re.compile(r"^\s*~?(?:heading(?:\.h[1-6])?|raw|list|summary|title|blockquote|table(?:\.\w+)?|alt|code|"
                         r"(?:text|paragraph|sentence)\.\w+)"
                         r"(?:\s*&\s*~?[\w.]+)*\s*$")

# Vale's built-in rules that a .vale.ini can switch on by name.
BUILTIN: dict[str, dict[str, Any]] = {
    "Vale.Repetition": {"extends": "repetition", "message": "'%s' is repeated!", "level": "error",
                        "alpha": True, "tokens": [r"[^\s]+"], "ignorecase": True},
}


def looks_like_vale(data: Any) -> bool:
    """Does a rule mapping have a key, kind or scope only a Vale rule has?"""
    if not isinstance(data, dict):
        return False
    scope = data.get("scope")
    scopes: list[Any] = scope if isinstance(scope, list) else [scope]
    kind = data.get("extends")
    return bool(set(data) & VALE_ONLY_KEYS) or (isinstance(kind, str) and kind in VALE_ONLY_KINDS) or any(
        isinstance(scope, str) and _VALE_SCOPE.match(scope) for scope in scopes)


def literal_spaces(pattern: str) -> str:
    """Make each literal space of a regex match exactly one space, as in Vale
    (tonecheck's own kinds let a space in a phrase match a line break too)."""
    return replace_spaces(pattern, "[ ]", collapse=False)


def translate(data: dict[str, Any], vocab: tuple[str, ...], where: str) -> tuple[dict[str, Any] | None, str, list[str]]:
    """A Vale rule mapping -> (tonecheck rule mapping or None when skipped, Vale scope, notices)."""
    kind = data.get("extends")
    if kind in VALE_ONLY_KINDS:
        return None, "text", [f"{where}: '{kind}' rules are not supported by tonecheck; skipped"]
    if not isinstance(kind, str) or kind not in KINDS:
        return None, "text", [f"{where}: unknown rule kind {kind!r}; skipped"]
    notices: list[str] = []
    out: dict[str, Any] = {k: data[k] for k in VALE_COMMON if k in data}
    out["message"] = str(out.get("message", "")).replace("%d", "%s").replace("%v", "%s")
    scope = data.get("scope", "text")
    scope = " ".join(str(s) for s in scope) if isinstance(scope, list) else str(scope)
    if scope in ("sentence", "paragraph"):
        out["scope"] = scope
    elif kind == "capitalization" and scope == "text":
        out["scope"] = "paragraph"  # Vale checks each block of text on its own
    allowed = KINDS[kind].keys
    for key, value in data.items():
        if key in VALE_COMMON or key == "scope":
            continue
        if key == "raw" and kind == "existence":
            # Vale joins the raw fragments, then appends the tokens (word-bounded unless nonword).
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"raw: expected a list of regex fragments, got {type(value).__name__}")
            tokens = "|".join(str(t) for t in _as_list(data.get("tokens")))
            tail = "" if not tokens else (f"(?:{tokens})" if data.get("nonword") else rf"\b(?:{tokens})\b")
            out["tokens"] = [literal_spaces("".join(str(v) for v in _as_list(value)) + tail)]
            out["nonword"] = True
        elif key in ("tokens", "nonword") and kind == "existence" and "raw" in data:
            continue
        elif key == "tokens" and kind == "existence":
            out["tokens"] = [literal_spaces(str(t)) for t in _as_list(value)]
        elif key == "swap" and kind == "substitution" and isinstance(value, dict):
            out["swap"] = {literal_spaces(str(k)): v for k, v in value.items()}
        elif key in allowed:
            out[key] = value
        elif key not in ("vocab", "action"):
            notices.append(f"{where}: {key}: not supported by tonecheck for '{kind}'; ignored")
    if vocab and data.get("vocab", True) and "exceptions" in allowed:
        out["exceptions"] = list(out.get("exceptions") or []) + list(vocab)
    if kind == "existence" and "tokens" not in out:
        out["tokens"] = []
    return out, scope, notices


def _as_list(value: Any) -> list[Any]:
    """A YAML list as given; one scalar as a list of one; nothing as empty."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]

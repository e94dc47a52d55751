"""Reporters: each a small class that writes one list of FileResults to a stream.

``REPORTERS`` is the one registry.  Reporters see only findings and sources;
they never re-parse a letter.  A reporter's module is imported when its format
is asked for, so a run pays only for the one it writes (the text reporter
brings in rich).
"""

from __future__ import annotations

from importlib import import_module
from typing import Iterator, Mapping

from .base import Reporter, RuleInfo


class _Registry(Mapping[str, "type[Reporter]"]):
    """Format name -> reporter class, each looked up in its module on first use."""

    def __init__(self, where: dict[str, str]) -> None:
        self._where = where  # name -> "module:Class", relative to this package

    def __getitem__(self, name: str) -> type[Reporter]:
        module, _, cls = self._where[name].partition(":")
        found: type[Reporter] = getattr(import_module(f"{__name__}.{module}"), cls)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


REPORTERS: Mapping[str, type[Reporter]] = _Registry({
    "text": "text:TextReporter",
    "json": "json:JsonReporter",
    "line": "line:LineReporter",
    "sarif": "sarif:SarifReporter",
    "github": "github:GithubReporter",
    "junit": "junit:JunitReporter",
    "statistics": "statistics:StatisticsReporter",
})

# ``tonecheck vale --output``: Vale's names for its formats.
VALE_REPORTERS: Mapping[str, type[Reporter]] = _Registry({
    "line": "vale:ValeLineReporter",
    "JSON": "vale:ValeJsonReporter",
    "CLI": "text:TextReporter",
})

__all__ = ["REPORTERS", "VALE_REPORTERS", "Reporter", "RuleInfo"]

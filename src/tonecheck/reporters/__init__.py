"""Reporters: each a small class that writes one list of FileResults to a stream.

``REPORTERS`` is the one registry.  Reporters see only findings and sources;
they never re-parse a letter.
"""

from __future__ import annotations

from .base import Reporter, RuleInfo
from .github import GithubReporter
from .json import JsonReporter
from .junit import JunitReporter
from .line import LineReporter
from .sarif import SarifReporter
from .statistics import StatisticsReporter
from .text import TextReporter
from .vale import ValeJsonReporter, ValeLineReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "line": LineReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
    "statistics": StatisticsReporter,
}

# ``tonecheck vale --output``: Vale's names for its formats.
VALE_REPORTERS: dict[str, type[Reporter]] = {
    "line": ValeLineReporter,
    "JSON": ValeJsonReporter,
    "CLI": TextReporter,
}

__all__ = ["REPORTERS", "VALE_REPORTERS", "Reporter", "RuleInfo"]

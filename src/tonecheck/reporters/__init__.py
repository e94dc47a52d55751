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
from .text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "line": LineReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
}

__all__ = ["REPORTERS", "Reporter", "RuleInfo"]

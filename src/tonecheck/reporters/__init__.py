"""Reporters: each a small class that writes one list of FileResults to a stream.

``REPORTERS`` is the one registry.  Reporters see only findings and sources;
they never re-parse a letter.
"""

from __future__ import annotations

from .base import Reporter
from .json import JsonReporter
from .line import LineReporter
from .text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "line": LineReporter,
}

__all__ = ["REPORTERS", "Reporter"]

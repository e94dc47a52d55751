"""The closed set of rule kinds, chosen by a rule's ``extends:`` key."""

from __future__ import annotations

from . import capitalization, classifier, conditional, dependency, envelope, existence, metric, occurrence, pattern, profile, repetition, require, substitution
from .base import KindSpec

KINDS: dict[str, KindSpec] = {
    module.KIND.name: module.KIND
    for module in (existence, substitution, occurrence, pattern, dependency, require, conditional, metric, envelope, repetition, capitalization, classifier, profile)
}

__all__ = ["KINDS", "KindSpec"]

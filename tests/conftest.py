"""Shared fixtures: one Linter (and so one spaCy pipeline) for the whole session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tonecheck.api import make_linter
from tonecheck.engine import Linter
from tonecheck.kinds.base import ANNOTATIONS
from tonecheck.nlp import Pipeline, load_pipeline
from tonecheck.rules import Rule, load_rules

ROOT = Path(__file__).resolve().parents[1]
# The project's shared material (Vale's test data, schemas), beside the checkout.
# Tests that need it skip with a reason when it is absent (a fresh clone);
# TONECHECK_SHARED points elsewhere (or at nothing, to check those skips).
SHARED = Path(os.environ.get("TONECHECK_SHARED") or ROOT.parent / "shared")
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session", autouse=True)
def _cache_outside_the_checkout(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Runs of the command line in tests keep their cache in a temporary folder
    (subprocesses inherit it), never in the checkout or the folder a test runs in."""
    os.environ["TONECHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("tonecheck-cache"))


@pytest.fixture(scope="session")
def all_rules() -> list[Rule]:
    return load_rules()


@pytest.fixture(scope="session")
def linter(all_rules: list[Rule]) -> Linter:
    return make_linter(rules=all_rules)


@pytest.fixture(scope="session")
def full_pipeline() -> Pipeline:
    """A pipeline with every annotation enabled, for tests of single rules."""
    return load_pipeline(None, ANNOTATIONS)

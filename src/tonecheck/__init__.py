"""tonecheck: a linter for the tone of business correspondence.

    >>> import tonecheck
    >>> findings = tonecheck.lint_text("Dear Ana,\\n\\nThe deadline was missed.\\n\\nLove,\\nSam\\n")

The heavy modules (spaCy, the rule engine) load on first use, so importing
tonecheck and ``tonecheck --version`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

__all__ = ["__version__", "lint_text", "lint_paths", "make_linter", "Finding", "FileResult", "Level", "ExitCode"]

if TYPE_CHECKING:  # pragma: no cover
    from .api import lint_paths, lint_text, make_linter
    from .finding import ExitCode, FileResult, Finding, Level


def __getattr__(name: str) -> Any:
    if name in ("lint_text", "lint_paths", "make_linter"):
        from . import api

        return getattr(api, name)
    if name in ("Finding", "FileResult", "Level", "ExitCode"):
        from . import finding

        return getattr(finding, name)
    raise AttributeError(f"module 'tonecheck' has no attribute {name!r}")

"""The type checker passes: mypy, configured in pyproject.toml ([tool.mypy])."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_passes() -> None:
    api = pytest.importorskip("mypy.api", reason="mypy is not installed (pip install -e '.[test]')")
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), "--no-incremental"])
    finally:
        os.chdir(old)
    assert status == 0, out + err
    assert "Success" in out

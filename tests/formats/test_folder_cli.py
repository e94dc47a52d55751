"""The issue's "done when": tonecheck on a folder holding one file of each
format reports correct lines and columns, skips the binary and the quoted
history, and exits 2 because one input could not be read."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from tonecheck.cli import main

from .conftest import FIXTURES

SELECT = ",".join(f"Business.{name}" for name in (
    "AffectionateSignOff", "Sugarcoating", "GenericGreeting", "UnfilledPlaceholder",
    "MissingAttachment", "SubjectShouting", "EmptySubject", "RepliedQuestionUnanswered",
))

EXPECTED = [
    ("base64.eml", 3, 10, "Business.SubjectShouting"),
    ("base64.eml", 9, 1, "Business.Sugarcoating"),
    ("base64.eml", 10, 1, "Business.AffectionateSignOff"),
    ("base64.eml", 10, 1, "Business.MissingAttachment"),
    ("html-reply.eml", 1, 1, "Business.EmptySubject"),
    ("letter.md", 9, 42, "Business.Sugarcoating"),
    ("newsletter.html", 13, 10, "Business.GenericGreeting"),
    ("newsletter.html", 15, 40, "Business.Sugarcoating"),
    ("qp.eml", 19, 60, "Business.Sugarcoating"),
    ("renewal.html.j2", 7, 69, "Business.Sugarcoating"),
    ("reply.eml", 14, 63, "Business.Sugarcoating"),
    ("reply.eml", 15, 23, "Business.MissingAttachment"),
    ("reply.eml", 17, 1, "Business.AffectionateSignOff"),
    ("welcome.hbs", 8, 4, "Business.AffectionateSignOff"),
]


def test_folder_of_every_format(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    shutil.copytree(FIXTURES, folder)
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    result = CliRunner().invoke(main, ["--format", "line", "--select", SELECT, str(folder)])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [f"{folder / 'scan.txt'}: not a text file"]
    found = []
    for line in result.stdout.splitlines():
        location, rest = line.split(": ", 1)
        path, row, col = location.rsplit(":", 2)
        found.append((Path(path).name, int(row), int(col), rest.split()[1]))
    assert found == EXPECTED


def test_stdin_with_a_filename_is_read_in_that_format() -> None:
    data = (FIXTURES / "reply.eml").read_bytes()
    result = CliRunner().invoke(main, ["--format", "line", "--select", "Business.AffectionateSignOff",
                                       "--stdin-filename", "inbox/reply.eml", "-"], input=data)
    assert result.exit_code == 1
    assert result.stdout.startswith("inbox/reply.eml:17:1: error Business.AffectionateSignOff")


def test_windows_1252_file_gets_a_notice_and_is_linted(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Caf\u00e9 news.\n\nLove,\nSam\n".encode("cp1252"))
    result = CliRunner().invoke(main, ["--format", "line", "--select", "Business.AffectionateSignOff", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{path}: not valid UTF-8 (byte 3); read as Windows-1252"
    assert result.stdout.startswith(f"{path}:3:1: error Business.AffectionateSignOff")

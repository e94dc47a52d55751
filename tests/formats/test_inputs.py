"""Bad input and the ways files come in: encodings, binaries, folders, stdin."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from tonecheck.formats import sniff_format
from tonecheck.inputs import collect, walk
from tonecheck.source import SourceError, decode, read_path

from .conftest import FIXTURES


# ------------------------------------------------------------------ encodings
def test_utf8_bom_is_not_a_character() -> None:
    source = decode(b"\xef\xbb\xbfDear Jo,\r\nLove,\r\n", "a.txt")
    assert source.text == "Dear Jo,\r\nLove,\r\n"
    assert source.bom == b"\xef\xbb\xbf"
    assert source.position(source.text.index("Love")) == (2, 1)
    assert source.line_text(1) == "Dear Jo,"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    source = decode(bom + "Dear Jo,\nCaf\u00e9 \u2014 ok\n".encode(codec), "a.txt")
    assert source.text == "Dear Jo,\nCaf\u00e9 \u2014 ok\n"
    assert source.encoding == codec


def test_invalid_utf8_is_read_as_windows_1252_with_a_notice() -> None:
    source = decode("Caf\u00e9 \u2019quoted\u2019\n".encode("cp1252"), "a.txt")
    assert source.text == "Caf\u00e9 \u2019quoted\u2019\n"
    assert source.encoding == "cp1252"
    assert source.notice == "not valid UTF-8 (byte 3); read as Windows-1252"


@pytest.mark.parametrize(
    "data",
    [b"Dear\x00Jo", b"\x89PNG\r\n\x1a\n" + b"x" * 20, b"\xff\xd8\xff\xe0JFIF", b"GIF89a....", b"%PDF-1.4\n", b"PK\x03\x04zip"],
)
def test_binary_is_not_a_text_file(data: bytes) -> None:
    with pytest.raises(SourceError, match="^not a text file$"):
        decode(data, "a.txt")


def test_read_path_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="^no such file$"):
        read_path(str(tmp_path / "nope.txt"))
    with pytest.raises(SourceError, match="^is a directory$"):
        read_path(str(tmp_path))


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Hi")
    path.chmod(0)
    assert collect([str(path)])[0].error == "permission denied"


# ------------------------------------------------------------------ folders
def make_tree(root: Path) -> None:
    for name in ("b.txt", "a.md", "c.html", "d.eml", "e.html.j2", "f.hbs", "g.liquid", "h.mustache", "i.htm",
                 "j.markdown", "k.jinja2"):
        (root / name).write_text("Hi Jo,\n\nThanks.\n")
    for skipped in (".git", "node_modules", ".hidden", "venv", "myenv", "build"):
        (root / skipped).mkdir()
        (root / skipped / "x.txt").write_text("Hi")
    (root / "myenv" / "pyvenv.cfg").write_text("home = /usr")
    (root / "LICENSE").write_text("MIT")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "notes.rst").write_text("Hi")
    (root / ".draft.txt").write_text("Hi")
    (root / "sub").mkdir()
    (root / "sub" / "z.txt").write_text("Hi")
    os.symlink(root, root / "sub" / "loop")


def test_walk_finds_every_format_sorted_and_skips_the_rest(tmp_path: Path) -> None:
    make_tree(tmp_path)
    found = [os.path.relpath(p, tmp_path) for p in walk(str(tmp_path))]
    assert found == ["a.md", "b.txt", "build/x.txt", "c.html", "d.eml", "e.html.j2", "f.hbs", "g.liquid",
                     "h.mustache", "i.htm", "j.markdown", "k.jinja2", "sub/z.txt"]


@pytest.mark.parametrize(
    ("patterns", "missing"),
    [(("build",), {"build/x.txt"}), (("*.md",), {"a.md"}), (("sub/*",), {"sub/z.txt"}), (("*.j2", "*.hbs"), {"e.html.j2", "f.hbs"})],
)
def test_exclude_globs(tmp_path: Path, patterns: tuple[str, ...], missing: set[str]) -> None:
    make_tree(tmp_path)
    everything = {os.path.relpath(p, tmp_path) for p in walk(str(tmp_path))}
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        found = set(walk(".", patterns))
    finally:
        os.chdir(cwd)
    assert found == everything - missing


def test_collect_reports_each_bad_path_once_and_reads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "only.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "good.txt").write_text("Hi Jo,\n\nThanks.\n")
    (tmp_path / "bin.txt").write_bytes(b"Hi\x00there")
    inputs = collect([str(tmp_path / "nope.txt"), str(tmp_path / "empty"), str(tmp_path / "bin.txt"),
                      str(tmp_path / "good.txt")])
    assert [(Path(i.path).name, i.error or i.note) for i in inputs] == [
        ("nope.txt", "no such file or directory"),
        ("empty", "no lintable files in this folder; nothing to lint"),  # a note, not an error
        ("bin.txt", "not a text file"),
        ("good.txt", None),
    ]
    assert inputs[1].error is None


def test_stdin_filename_picks_the_format_and_the_path() -> None:
    (item,) = collect(["-"], stdin=io.BytesIO(b"<p>Hi Jo,</p>"), stdin_filename="drafts/hi.html")
    assert (item.path, item.format, item.source.text) == ("drafts/hi.html", "html", "<p>Hi Jo,</p>")
    (item,) = collect(["-"], stdin=io.BytesIO(b"Hi Jo"))
    assert (item.path, item.format) == ("<stdin>", "text")
    (item,) = collect(["-"], stdin=io.BytesIO(b"\x00\x01"), stdin_filename="x.eml")
    assert (item.path, item.error) == ("x.eml", "not a text file")


def test_fixture_folder_is_complete() -> None:
    names = sorted(p.name for p in FIXTURES.iterdir() if not p.name.startswith("."))
    assert names == sorted(["base64.eml", "html-reply.eml", "letter.md", "newsletter.html", "offer.txt.j2", "qp.eml",
                            "renewal.html.j2", "reply.eml", "welcome.hbs"])


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("From: a@example.com\nTo: b@example.org\nSubject: Hi\n\nHello", "eml"),
        ("Subject: Hi\r\nMIME-Version: 1.0\r\n\r\nHello", "eml"),
        ("Subject: Hi\n\nDear Jo,", "text"),  # one header line: a plain draft
        ("Subject: Hi\nPriority: high\n\nDear Jo,", "text"),  # no envelope field
        ("<!DOCTYPE html><p>Hi</p>", "html"),
        ("  <html><body>Hi</body></html>", "html"),
        ("Dear Jo,\n\n<p>not html</p>", "text"),
    ],
)
def test_stdin_without_a_name_is_sniffed(text: str, fmt: str) -> None:
    assert sniff_format(text) == fmt
    (item,) = collect(["-"], stdin=io.BytesIO(text.encode()))
    assert item.format == fmt

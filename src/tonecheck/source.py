"""The original file as the user has it: decoded text and line/column lookup.

Character offsets into ``SourceText.text`` are tonecheck's only coordinate
system; lines and columns are computed from them at report time.  This module
imports no other tonecheck module.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from bisect import bisect_right
from dataclasses import dataclass, field

# The default of ``--max-size``: far beyond any real letter (a long one is
# 20 KB; an e-mail with attachments a few MB), small enough to be read in
# seconds.  A larger file is refused before it is read.
MAX_BYTES = 5 * 1024 * 1024

_LONE_CR = re.compile(r"\r(?!\n)")

_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF",
    b"PK\x03\x04",  # zip, docx, xlsx
    b"\x7fELF",
)


class SourceError(Exception):
    """A file that cannot be read as a letter; ``str()`` is a one-line reason."""


@dataclass(frozen=True)
class SourceText:
    """Decoded text of one input with a line index.

    ``encoding`` is the codec that decoded the bytes, ``bom`` the byte-order mark
    that preceded them (empty when none).  A BOM is not a character of ``text``.
    """

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    notice: str = ""
    line_starts: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.line_starts:
            starts = [0]
            text = self.text
            find = text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            lone_cr = [m.end() for m in _LONE_CR.finditer(text)] if "\r" in text else []
            if lone_cr:  # a lone CR (old Mac files) ends a line too; CRLF is one line end
                starts = sorted(starts + lone_cr)
            object.__setattr__(self, "line_starts", tuple(starts))

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; CRLF is one line end."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line end."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        text = self.text[start:end]
        if text.endswith("\n"):
            text = text[:-1]
        return text[:-1] if text.endswith("\r") else text

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line's first character and of its end (before CR/LF)."""
        start = self.line_starts[line - 1]
        return start, start + len(self.line_text(line))


def size_text(size: int) -> str:
    """A byte count for a message: ``5 MB``, ``12.3 MB``, ``300 KB``, ``12 bytes``."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"


def too_big(size: int | None, limit: int) -> SourceError:
    """The refusal of an input over ``limit`` bytes (``size`` None: not known, a stream)."""
    what = f"file is {size_text(size)}, over" if size is not None else "input is over"
    return SourceError(f"{what} the {size_text(limit)} limit; nothing was read (raise it with --max-size)")


def decode(data: bytes, path: str = "<bytes>", *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Decode bytes into a SourceText.

    UTF-8 (with or without BOM), UTF-16 and UTF-32 with BOM are decoded; other
    bytes that are not valid UTF-8 are read as Windows-1252 with a notice.
    Binary data raises SourceError("not a text file").
    """
    if len(data) > max_bytes:
        raise too_big(len(data), max_bytes)
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return SourceText(path, data[len(bom):].decode(codec), codec, bom)
            except UnicodeDecodeError as exc:
                raise SourceError(f"invalid {codec} data at byte {exc.start + len(bom)}") from None
    bom = b""
    if data.startswith(codecs.BOM_UTF8):
        bom, data = codecs.BOM_UTF8, data[len(codecs.BOM_UTF8):]
    if _looks_binary(data):
        raise SourceError("not a text file")
    try:
        return SourceText(path, data.decode("utf-8"), "utf-8", bom)
    except UnicodeDecodeError as exc:
        if bom:
            raise SourceError(f"invalid UTF-8 after a UTF-8 BOM at byte {exc.start + 3}") from None
        notice = f"not valid UTF-8 (byte {exc.start}); read as Windows-1252"
        return SourceText(path, data.decode("cp1252", errors="replace"), "cp1252", b"", notice)


def _looks_binary(data: bytes) -> bool:
    if any(data.startswith(magic) for magic in _BINARY_MAGIC):
        return True
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.1


def read_path(path: str, *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read and decode a regular file; every failure is a SourceError with a
    one-line reason.  A FIFO, device or socket is refused without reading from
    it (reading a FIFO blocks until a writer comes), and a file over
    ``max_bytes`` is refused before it is read."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise SourceError("is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise SourceError(f"not a regular file ({_file_kind(st.st_mode)}); only files and '-' are read")
        if st.st_size > max_bytes:
            raise too_big(st.st_size, max_bytes)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped after the check
                raise SourceError("not a regular file; only files and '-' are read")
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except IsADirectoryError:
        raise SourceError("is a directory") from None
    except PermissionError:
        raise SourceError("permission denied") from None
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    return decode(data, path, max_bytes=max_bytes)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"

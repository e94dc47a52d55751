"""The original file as the user has it: decoded text and line/column lookup.

Character offsets into ``SourceText.text`` are tonecheck's only coordinate
system; lines and columns are computed from them at report time.  This module
imports no other tonecheck module.
"""

from __future__ import annotations

import codecs
from bisect import bisect_right
from dataclasses import dataclass, field

MAX_BYTES = 64 * 1024 * 1024  # refuse anything larger than this outright

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
            find = self.text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
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
        return self.text[start:end].rstrip("\r\n")

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line's first character and of its end (before CR/LF)."""
        start = self.line_starts[line - 1]
        return start, start + len(self.line_text(line))


def decode(data: bytes, path: str = "<bytes>") -> SourceText:
    """Decode bytes into a SourceText.

    UTF-8 (with or without BOM) and UTF-16 with BOM are decoded; other bytes that
    are not valid UTF-8 are read as Windows-1252 with a notice.  Binary data
    raises SourceError("not a text file").
    """
    if len(data) > MAX_BYTES:
        raise SourceError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom) and not data.startswith(codecs.BOM_UTF32_LE):
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


def read_path(path: str) -> SourceText:
    """Read and decode a file; every failure is a SourceError with a one-line reason."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except IsADirectoryError:
        raise SourceError("is a directory") from None
    except PermissionError:
        raise SourceError("permission denied") from None
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    return decode(data, path)

"""Make untrusted text safe to print: letter content and file names must not
command the terminal (``ESC ]0;``, ``ESC [2J``, OSC-8 links) or a CI log
(a file name holding a line break and ``::error ...``).

``printable`` shows every control character visibly, as Python writes it
(``\\x1b``, ``\\n``), and so do the C1 controls, DEL, the bidirectional
overrides that reorder what a reader sees, the line and paragraph separators,
the XML-forbidden non-characters, and lone surrogates: a file name that is not
valid UTF-8 reaches Python with its bad bytes as U+DC80-U+DCFF, which are shown
as the bytes they stand for (``\\xff``).  The result is valid UTF-8, valid in
a JSON string and in XML 1.0, and one line.  Tabs are kept.  Imports nothing
from tonecheck.
"""

from __future__ import annotations


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)]:
        if code != 0x09:
            table[code] = repr(chr(code))[1:-1] if code in (0x0A, 0x0D) else f"\\x{code:02x}"
    for code in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029, 0xFEFF,
                 0xFFFE, 0xFFFF):
        table[code] = f"\\u{code:04x}"
    for code in range(0xD800, 0xE000):
        table[code] = f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"
    return table


_TABLE = _table()
_SURROGATES = {code: value for code, value in _TABLE.items() if 0xD800 <= code < 0xE000}


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (see the module)."""
    return text.translate(_TABLE)


def is_printable(text: str) -> bool:
    return printable(text) == text


def valid_unicode(text: str) -> str:
    """``text`` with only its lone surrogates escaped: what a JSON string needs
    (JSON escapes control characters itself, and a consumer wants them back)."""
    return text.translate(_SURROGATES)

"""Saved e-mails (``.eml``, RFC 5322 / MIME).

The standard library's ``email`` package (``policy.default``) reads every
header block: content types, boundaries, transfer encodings, charsets, file
names and RFC 2047 encoded words.  This module only finds *where* each header
block and body sits in the file, by walking the MIME boundaries, so every
character of the letter keeps its offset in the original file.

The letter's text is the ``Subject`` followed by one body: the first
``text/plain`` part that is not an attachment, else the first ``text/html``
part (read by the HTML reader).  Quoted-printable bodies map character for
character except for each ``=XX`` run, which maps to its encoded form; a base64
body maps each decoded line to the line of the file that holds its encoded
bytes, so a finding in it names the right file line, with the column of that
line's start (and end).  ``To``, ``From``, ``Cc``, ``Date``, the subject and the
attachment names are kept in ``Letter.meta``.  A malformed message (no
headers, a broken boundary, bad base64) is read as far as it goes.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from dataclasses import dataclass
from email.message import Message
from email.parser import Parser
from email.policy import default as default_policy
from typing import Any

from ..letter import Letter, OffsetMap, TextBuilder
from ..source import SourceText
from .html import extract
from .structure import find_parts
from .view import append, compose

_HEADER = re.compile(r"[\x21-\x39\x3b-\x7e]+[ \t]*:")
_QP_TOKEN = re.compile(r"=\r?\n|(?:=[0-9A-Fa-f]{2}|=\r?\n)*=[0-9A-Fa-f]{2}")
MAX_DEPTH = 20
MAX_FIELD_CHARS = 8_000  # one header field, all its folded lines (RFC 5322 lines are at most 998)
MAX_FIELDS = 1_000


@dataclass(frozen=True)
class HeaderSpan:
    name: str
    line_start: int
    value_start: int
    value_end: int


@dataclass(frozen=True)
class _Block:
    headers: list[HeaderSpan]
    body_start: int


@dataclass(frozen=True)
class _Leaf:
    message: Message
    start: int
    end: int

    @property
    def content_type(self) -> str:
        return self.message.get_content_type()

    @property
    def filename(self) -> str | None:
        try:
            name = self.message.get_filename()
        except Exception:  # noqa: BLE001 - malformed parameters
            return None
        if name is None and self.content_type == "message/rfc822":
            return "forwarded message"
        return name

    @property
    def disposition(self) -> str | None:
        try:
            return self.message.get_content_disposition()
        except Exception:  # noqa: BLE001
            return None

    @property
    def is_attachment(self) -> bool:
        disposition = self.disposition
        if disposition == "attachment" or self.content_type == "message/rfc822":
            return True
        if disposition == "inline" or (disposition is None and "content-id" in self.message):
            return False  # shown in the body (an embedded logo), not attached
        return self.filename is not None


def _line_end(src: str, pos: int, end: int) -> tuple[int, int]:
    """(end of the line's text, start of the next line) for the line at ``pos``."""
    nl = src.find("\n", pos, end)
    if nl == -1:
        return end, end
    text_end = nl - 1 if nl > pos and src[nl - 1] == "\r" else nl
    return text_end, nl + 1


def header_block(src: str, start: int, end: int) -> _Block:
    """The header fields at ``start`` and where the body begins."""
    headers: list[HeaderSpan] = []
    pos = start
    if src.startswith("From ", pos):  # an mbox "From " line
        pos = _line_end(src, pos, end)[1]
    while pos < end:
        text_end, nxt = _line_end(src, pos, end)
        line = src[pos:text_end]
        if not line.strip():
            return _Block(headers, nxt)
        if line[0] in " \t" and headers:
            last = headers[-1]
            headers[-1] = HeaderSpan(last.name, last.line_start, last.value_start, text_end)
        else:
            m = _HEADER.match(line)
            if m is None:
                return _Block(headers, pos)  # no blank line before the body
            value_start = pos + m.end()
            while value_start < text_end and src[value_start] in " \t":
                value_start += 1
            headers.append(HeaderSpan(line[: m.end() - 1].strip().lower(), pos, value_start, text_end))
        pos = nxt
    return _Block(headers, end)


def capped_headers(text: str) -> str:
    """A header block cut to what the standard library's parser reads in linear
    time: at most ``MAX_FIELDS`` fields of at most ``MAX_FIELD_CHARS`` each.
    Its header parser is super-linear in a field's length (a 400 KB Subject of
    encoded words took 16 s); no real field comes near the cap."""
    if len(text) <= MAX_FIELD_CHARS:
        return text
    out: list[str] = []
    fields = field_chars = 0
    for line in text.splitlines(keepends=True):
        folded = line[:1] in (" ", "\t") and fields > 0
        if not folded:
            fields += 1
            field_chars = 0
            if fields > MAX_FIELDS:
                break
        room = MAX_FIELD_CHARS - field_chars
        if room <= 0:
            continue
        if len(line) > room:
            line = line[:room].rstrip("\r\n") + "\n"
        field_chars += len(line)
        out.append(line)
    return "".join(out)


def _parse_headers(src: str, start: int, body_start: int) -> Message:
    try:
        return Parser(policy=default_policy).parsestr(capped_headers(src[start:body_start]), headersonly=True)
    except Exception:  # noqa: BLE001 - the stdlib parser is lenient; be safe anyway
        return Message()


def _leaves(src: str, start: int, end: int, depth: int = 0) -> list[_Leaf]:
    block = header_block(src, start, end)
    message = _parse_headers(src, start, block.body_start)
    body_start = block.body_start
    try:
        boundary = message.get_boundary() if message.get_content_maintype() == "multipart" else None
    except Exception:  # noqa: BLE001
        boundary = None
    if not boundary or depth >= MAX_DEPTH:
        return [_Leaf(message, body_start, end)]
    delimiter = re.compile(rf"^--{re.escape(boundary)}(--)?[ \t]*\r?$", re.MULTILINE)
    marks = list(delimiter.finditer(src, body_start, end))
    if not marks:  # a broken boundary: read the body as one text part
        return [_Leaf(Message(), body_start, end)]
    leaves: list[_Leaf] = []
    for index, mark in enumerate(marks):
        if mark.group(1):  # the closing delimiter
            break
        part_start = _line_end(src, mark.start(), end)[1]
        if index + 1 < len(marks):
            part_end = marks[index + 1].start()
            # the line end before a delimiter belongs to the delimiter
            if part_end > part_start and src[part_end - 1] == "\n":
                part_end -= 2 if part_end - 2 >= part_start and src[part_end - 2] == "\r" else 1
        else:
            part_end = end
        leaves.extend(_leaves(src, part_start, max(part_start, part_end), depth + 1))
    return leaves


def _codec(leaf: _Leaf) -> str:
    charset = leaf.message.get_content_charset() or "utf-8"
    if charset in ("us-ascii", "ascii"):
        charset = "utf-8"
    try:
        info = codecs.lookup(charset)
    except (LookupError, ValueError, TypeError):
        return "utf-8"
    # a charset that names a bytes-to-bytes or str-to-str codec (base64, zlib,
    # rot13) is no charset: fall back as for an unknown one
    return info.name if getattr(info, "_is_text_encoding", True) else "utf-8"


def _decode_qp(src: str, start: int, end: int, codec: str, out: TextBuilder) -> None:
    pos = start
    for m in _QP_TOKEN.finditer(src, start, end):
        out.copy(src[pos:m.start()], pos)
        token = m.group(0)
        if token in ("=\n", "=\r\n"):  # a soft line break
            pos = m.end()
            continue
        raw = bytes.fromhex(re.sub(r"=\r?\n|=", "", token))
        out.replace(raw.decode(codec, errors="replace"), m.start(), m.end())
        pos = m.end()
    out.copy(src[pos:end], pos)


def _decode_base64(src: str, start: int, end: int, codec: str, out: TextBuilder) -> bool:
    """Decode line by line; each decoded piece maps to its encoded line."""
    lines: list[tuple[int, int, str]] = []
    pos = start
    while pos < end:
        text_end, nxt = _line_end(src, pos, end)
        chars = src[pos:text_end].strip()
        if re.search(r"[^A-Za-z0-9+/=]", chars):
            return False  # not base64 after all (a mislabelled plain body): keep the text
        if chars:
            lines.append((pos, text_end, chars))
        pos = nxt if nxt > pos else end
    joined = "".join(c for _, _, c in lines)
    joined = joined.rstrip("=")
    try:
        data = base64.b64decode(joined + "=" * (-len(joined) % 4))
    except (binascii.Error, ValueError):
        return False
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    seen = 0
    byte_pos = 0
    for index, (line_start, line_end, chars) in enumerate(lines):
        seen += len(chars.rstrip("="))
        upto = len(data) if index == len(lines) - 1 else min(len(data), seen * 3 // 4)
        text = decoder.decode(data[byte_pos:upto], final=index == len(lines) - 1)
        byte_pos = upto
        if text:
            out.replace(text, line_start, line_end)
    return True


def _body(src: str, leaf: _Leaf, out: TextBuilder) -> list[tuple[int, int]]:
    """Append the decoded body of ``leaf`` to ``out``; return quoted ranges (text offsets)."""
    cte = str(leaf.message.get("content-transfer-encoding", "7bit") or "7bit").strip().lower()
    codec = _codec(leaf)
    view = TextBuilder()
    if cte == "quoted-printable":
        _decode_qp(src, leaf.start, leaf.end, codec, view)
    elif cte == "base64":
        if not _decode_base64(src, leaf.start, leaf.end, codec, view):
            view.copy(src[leaf.start:leaf.end], leaf.start)
    else:
        view.copy(src[leaf.start:leaf.end], leaf.start)
    text, offsets = view.build()
    if leaf.content_type != "text/html":
        append(out, text, offsets)
        return []
    html_out = TextBuilder()
    quoted = extract(text, html_out)
    html_text, html_offsets = html_out.build()
    base = len(out)
    append(out, html_text, compose(html_offsets, offsets))
    return [(s + base, e + base) for s, e in quoted]


def _subject(src: str, span: HeaderSpan | None, decoded: str, out: TextBuilder) -> None:
    if span is None:
        return
    raw = src[span.value_start:span.value_end]
    if " ".join(raw.split()) != " ".join(decoded.split()) or "=?" in raw:
        if decoded.strip():
            out.replace(" ".join(decoded.split()), span.value_start, span.value_end)
        return
    pos = 0
    # unfold: a folded line end reads as one space; a match starts only where a
    # run of blanks starts, so a long run is scanned once, not once per blank
    for m in re.finditer(r"(?<!\s)\s*\r?\n\s*", raw):
        out.copy(raw[pos:m.start()], span.value_start + pos)
        out.replace(" ", span.value_start + m.start(), span.value_start + m.end())
        pos = m.end()
    out.copy(raw[pos:].rstrip(), span.value_start + pos)


def _header_value(message: Message, name: str) -> str | None:
    try:
        value = message.get(name)
    except Exception:  # noqa: BLE001 - a malformed header
        return None
    if value is None:
        return None
    try:
        return str(value)
    except Exception:  # noqa: BLE001
        return None


def read_eml(source: SourceText) -> Letter:
    src = source.text
    top = header_block(src, 0, len(src))
    if not top.headers:  # not an e-mail after all: lint it as a plain letter
        return Letter(source, src, find_parts(src), OffsetMap.identity(len(src)), "eml", {"email": False})
    message = _parse_headers(src, 0, top.body_start)
    leaves = _leaves(src, 0, len(src))
    attachments = tuple(leaf.filename or leaf.content_type for leaf in leaves if leaf.is_attachment)
    body = next((leaf for leaf in leaves if not leaf.is_attachment and leaf.content_type == "text/plain"), None)
    if body is None:
        body = next((leaf for leaf in leaves if not leaf.is_attachment and leaf.content_type == "text/html"), None)

    out = TextBuilder()
    subject_span = next((h for h in top.headers if h.name == "subject"), None)
    subject = _header_value(message, "subject")
    _subject(src, subject_span, subject or "", out)
    subject_end = len(out)
    if subject_end:  # the break after the subject stands at the subject's end
        out.replace("\n\n", subject_span.value_end, subject_span.value_end)  # type: ignore[union-attr]
    else:  # an empty subject: a finding about it points at the Subject line, else line 1
        at = subject_span.line_start if subject_span else 0
        out.replace("\n\n", at, subject_span.value_end if subject_span else 0)
    quoted = _body(src, body, out) if body is not None else []
    text, offsets = out.build()
    meta: dict[str, Any] = {
        "email": True,
        "subject": subject,
        "from": _header_value(message, "from"),
        "to": _header_value(message, "to"),
        "cc": _header_value(message, "cc"),
        "date": _header_value(message, "date"),
        "in_reply_to": _header_value(message, "in-reply-to"),
        "attachments": attachments,
        "body_type": body.content_type if body is not None else None,
    }
    parts = find_parts(text, subject=(0, subject_end), quoted=quoted)
    return Letter(source, text, parts, offsets, "eml", meta)

"""Find a letter's parts in its prose text.

Every reader produces a plain prose view of its input and hands it here, so the
parts are found the same way for a ``.txt`` draft, an e-mail body, Markdown,
HTML and templates.  The result covers the text with ``Part`` spans:
subject, greeting, body, closing, signature and quoted.  Within the quoted
history, ``replied_prose`` finds the lines of the message being replied to, so
rules about the reply (``envelope``'s unanswered question) use this one reading
of the quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..letter import Part

_GREETING = re.compile(
    r"""^\s*(?:
        dear(?:est)?\b | hi\b | hello\b | hey\b | hiya\b | howdy\b | greetings\b |
        good\s+(?:morning|afternoon|evening|day)\b | morning\b | afternoon\b |
        to\s+whom\s+it\s+may\s+concern\b | attention\b | attn\b | yo\b | ahoy\b
        | (?:alright|awright|a'right|aright|wotcha|how\s+do|ey\s+up|eyup)(?=(?:\s+[\w'’]+){1,3}\s*[,!])
        | evening\b | g'?day\b | kia\s+ora\b | jambo\b | habari\b | hola\b | bonjour\b | namaste\b |
        salaam\b | salam\b | assalamu?\b | aloha\b | shalom\b | sawubona\b | mabuhay\b | hallo\b | servus\b | moin\b | oi\b | ol[aá]\b |
        howzit\b | wah\s+gwaan\b | wha\s+gwan\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# A complimentary close, alone on its line (optionally followed by a short name).
# Blanks belong to the close only before its punctuation, so a run of blanks is
# split one way (``Love`` + 20,000 spaces + ``1`` was quadratic).
_CLOSING_PHRASE = r"""(?:
    (?:with\s+)?(?:best|kind|kindest|warm|warmest|warmly|warm\s+best)(?:\s+(?:regards|wishes))? |
    (?:with\s+)?(?:regards|respect|gratitude|appreciation|thanks|love|affection)(?:\s+(?:and|&)\s+(?:(?:best|kind|warm|warmest|kindest)\s+)?(?:regards|wishes|thanks|respect|gratitude|appreciation|kisses|hugs|love|affection|best))? |
    all\s+the\s+best | best\s+wishes | sincerely(?:\s+yours)? | yours(?:\s+(?:sincerely|truly|faithfully|respectfully|ever))? |
    respectfully(?:\s+yours)? | cordially | cheers | thx | tks | thnx | rgds | brgds | ta | many\s+thanks | thanks(?:\s+(?:again|so\s+much|a\s+lot|a\s+million))? |
    thank\s+you(?:\s+(?:again|so\s+much))? | talk\s+(?:soon|later) | take\s+care | speak\s+soon | until\s+next\s+time |
    (?:lots\s+of|all\s+my|much|all\s+of\s+my|big)\s+love | love(?:\s+(?:you|always|ya))? | hugs?(?:\s+and\s+kisses)? | kisses |
    x+o+x*o* | xo+ | x{1,3} | love\s+and\s+hugs | warmly | fondly | affectionately | ciao | cya | ttyl | later
)"""
_CLOSING = re.compile(
    rf"^\s*(?P<close>{_CLOSING_PHRASE}(?:\s*[,.!]+)?)(?:\s+(?P<rest>(?-i:[A-Z])[\w.'-]*(?:\s+(?-i:[A-Z])[\w.'-]*){{0,3}}))?\s*$",
    re.IGNORECASE | re.VERBOSE,
)
# Any short line ending in a comma near the end is a closing too ("Onwards,").
_SHORT_COMMA = re.compile(r"^\s*[A-Za-z][\w' &-]{0,30},\s*$")
_SIG_DELIMITER = re.compile(r"^--\s?$")
_KISSES = re.compile(r"(?<=[A-Za-z])[ \t]+(x{1,3}|xo+x*)[ \t]*$", re.IGNORECASE)
_LONG_CLOSE = re.compile(r"^\s*[A-Za-z][\w' &-]{0,60}(?:,[\w' &-]{1,30})?,\s*$")
# "-- Sam", "- Bob": a dash and a name as the last line.
_DASH_NAME = re.compile(r"^\s*-{1,2}\s?(?=[A-Z])[\w.'-]+(?:\s+[A-Z][\w.'-]*){0,2}\s*$")
# Mobile and client footers: "Sent from my iPhone", "Get Outlook for Android".
_MOBILE = re.compile(r"^\s*(?:sent\s+from\s+my\s+\w+|sent\s+from\s+(?:yahoo\s+)?mail\s+for\s+\w+|sent\s+via\s+\w+|"
                     r"get\s+outlook\s+for\s+\w+)\b.{0,40}$", re.IGNORECASE)
# A sign-off run into the last line of the text: "... on Tuesday.  Thanks. Lynn", "Thx, Bob".
_RUN_IN_CLOSE = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"')]))[ \t]+(?P<close>(?:many\s+)?(?:thanks|thank\s+you|thx|tks|ta|cheers|regards|"
    r"best(?:\s+regards)?|kind\s+regards|rgds|br|love|best\s+wishes)[ \t]*[,.!]{0,3})[ \t]+"
    r"(?P<name>[A-Z][\w.'-]{0,30}(?:[ \t]+[A-Z][\w.'-]{0,30}){0,2})[ \t]*$",
    re.IGNORECASE,
)
# A vocative first line: "Mike, since Terry is out this week, can you ..."
_VOCATIVE = re.compile(r"^\s*(?P<name>[A-Z][a-z'’-]{1,20}(?:\s+[A-Z][a-z'’-]{1,20})?|All|Team|Folks|Guys|Everyone),\s+\S")
_NOT_A_NAME = frozenset("""
however unfortunately also yes no ok okay sure well first firstly second secondly finally again so now then
actually anyway apparently basically besides today tomorrow yesterday tonight currently recently meanwhile
thanks thank please sorry again great good fine hello hi hey dear regards cheers initially otherwise
additionally further furthermore moreover overall ultimately personally frankly honestly clearly obviously
luckily fortunately hopefully sadly instead still once next last later earlier previously unless
""".split())
# Lines of a signature block without a complimentary close: phone, e-mail,
# web address, a job title or a company form.
_SIG_DETAIL = re.compile(
    r"(?:\+?\(?\d[\d ().-]{6,}\d|(?<![^\s@])[^\s@]+@[\w-]+(?:\.[\w-]+)+|https?://|www\.|\b(?:tel|phone|mobile|mob|cell|fax|office|direct)\b\s*[:.]|"
    r"\b(?:manager|director|coordinator|analyst|officer|executive|associate|consultant|engineer|specialist|"
    r"representative|president|ceo|cfo|coo|head\s+of|partner|assistant|supervisor|lead|team)\b|"
    r"\b(?:ltd|llc|inc|plc|gmbh|co\.|corp|limited|pty|s\.a\.|llp)\b|\|)",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(r"^\s*(?:confidentiality|disclaimer|this\s+e-?mail\s+(?:and|is|may|message)|the\s+information\s+"
                         r"(?:contained|in\s+this)|privileged|please\s+consider\s+the\s+environment)", re.IGNORECASE)
_SUBJECT = re.compile(r"^\s*(?:subject|re|subj)\s*:\s*", re.IGNORECASE)
_QUOTE_LINE = re.compile(r"^\s*>")
_WROTE = re.compile(r"^\s*On\b.{3,200}\bwrote:\s*$", re.IGNORECASE)
_HISTORY = re.compile(
    r"^\s*(?:-{2,}\s*(?:original\s+message|forwarded\s+message)\s*-{2,}|_{10,}|begin\s+forwarded\s+message:)",
    re.IGNORECASE,
)
_OUTLOOK_FROM = re.compile(r"^\s*From:\s+\S")
_OUTLOOK_NEXT = re.compile(r"^\s*(?:Sent|Date|To):\s+\S", re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"^[ \t]*((?:>[ \t]?)*)")
_QUOTE_HEADER = re.compile(r"\s*On\b.*\bwrote:\s*$|\s*-{2,}", re.IGNORECASE)
_HEADER_LINE = re.compile(r"\s*(?:From|Sent|To|Subject|Date|Cc):\s")

MAX_SIGNATURE_LINES = 12


@dataclass(frozen=True)
class _Line:
    start: int  # offset of first character
    end: int  # offset after last non-newline character
    text: str  # without line end

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def content_start(self) -> int:
        return self.start + (len(self.text) - len(self.text.lstrip()))

    @property
    def content_end(self) -> int:
        return self.start + len(self.text.rstrip())


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        body = raw[:-1] if raw.endswith("\r") else raw
        lines.append(_Line(pos, pos + len(body), body))
        pos += len(raw) + 1
    return lines


def _quoted_lines(lines: list[_Line], known: Sequence[tuple[int, int]] = ()) -> list[bool]:
    """Mark which lines belong to quoted replies and forwarded history.

    ``known`` are ranges a reader already knows to be quoted (an HTML
    ``<blockquote>``, a Markdown block quote)."""
    quoted = [False] * len(lines)
    ranges = sorted(known)
    k = 0
    for index, line in enumerate(lines):  # lines and ranges both in order: one sweep
        while k < len(ranges) and ranges[k][1] <= line.content_start:
            k += 1
        quoted[index] = k < len(ranges) and ranges[k][0] <= line.content_start
    i = 0
    while i < len(lines):
        line = lines[i]
        if _HISTORY.match(line.text) or (
            _OUTLOOK_FROM.match(line.text)
            and any(_OUTLOOK_NEXT.match(lines[j].text) for j in range(i + 1, min(i + 4, len(lines))))
            and i > 0
        ):
            for j in range(i, len(lines)):
                quoted[j] = True
            break
        if _WROTE.match(line.text):
            quoted[i] = True
            nxt = next((j for j in range(i + 1, len(lines)) if not lines[j].blank), None)
            if nxt is not None and not _QUOTE_LINE.match(lines[nxt].text):
                for j in range(i + 1, len(lines)):
                    quoted[j] = True
                break
        elif _QUOTE_LINE.match(line.text):
            quoted[i] = True
        i += 1
    return quoted


def find_parts(text: str, *, subject: tuple[int, int] | None = None,
               quoted: Sequence[tuple[int, int]] = ()) -> tuple[Part, ...]:
    """Split ``text`` into letter parts.

    ``subject`` lets a reader that knows the subject (an e-mail header) pass its
    span; otherwise a leading ``Subject:`` line is recognised.  ``quoted`` are
    ranges of ``text`` the reader knows to be quoted history.
    """
    lines = _lines(text)
    quoted_lines = _quoted_lines(lines, quoted)
    parts: list[Part] = []
    if subject is not None:
        parts.append(Part("subject", *subject))

    # Indices of the non-quoted, non-blank lines that carry the letter itself.
    own = [i for i, line in enumerate(lines) if not quoted_lines[i] and not line.blank and not _in(parts, line)]
    # A legal footer ("The information contained in this e-mail ...") closes the
    # letter: it belongs to the signature, and the close is looked for above it.
    footer = _footer_start(lines, own)
    footer_lines = own[footer:] if footer is not None else []
    own = own[:footer] if footer is not None else own
    first = 0
    if subject is None and own and (m := _SUBJECT.match(lines[own[0]].text)):
        line = lines[own[0]]
        parts.append(Part("subject", min(line.start + m.end(), line.content_end), line.content_end))
        first = 1

    greeting_end: int | None = None
    body_start_index = first
    if first < len(own):
        line = lines[own[first]]
        greeting = _greeting_span(line, has_more=first + 1 < len(own))
        if greeting is not None:
            parts.append(Part("greeting", *greeting))
            greeting_end = greeting[1]
            body_start_index = first + (1 if greeting[1] >= line.content_end else 0)

    closing_index, closing_span, sig_after = _find_closing(lines, own, body_start_index)
    run_in_body_end: int | None = None
    body_end_index = closing_index if closing_index is not None else len(own)
    sig_index = _signature_delimiter(lines, own, body_start_index, body_end_index)
    if sig_index is not None:
        body_end_index = sig_index
    if closing_index is None and sig_index is None:
        block = _signature_block(lines, own, body_start_index)
        if block is None and len(own) - 1 > body_start_index and _KISSED_NAME.fullmatch(lines[own[-1]].text.strip()):
            block = len(own) - 1  # "Mel xx" alone as the last line: the name, kisses and all
        if block is not None:
            sig_index = body_end_index = block
        last = body_end_index - 1
        if last >= body_start_index and (m := _RUN_IN_CLOSE.search(lines[own[last]].text)):
            line = lines[own[last]]
            closing_span = (line.start + m.start("close"), line.start + m.end("close"))
            closing_index = last
            sig_after = line.start + m.start("name")
            run_in_body_end = line.start + len(line.text[:m.start()].rstrip())
            if sig_index is not None:  # the block below the run-in name is the rest of the signature
                sig_index = None
            body_end_index = last + 1

    body_lines = own[body_start_index:body_end_index]
    if body_lines:
        start = lines[body_lines[0]].content_start
        if greeting_end is not None and body_start_index == first:
            start = _skip_space(text, greeting_end)
        end = lines[body_lines[-1]].content_end if run_in_body_end is None else run_in_body_end
        if end > start:
            parts.append(Part("body", start, end))

    elif greeting_end is not None and body_start_index == first:
        line = lines[own[first]]
        start = _skip_space(text, greeting_end)
        if line.content_end > start:
            parts.append(Part("body", start, line.content_end))

    if closing_span is not None:
        parts.append(Part("closing", *closing_span))
    sig_start: int | None = None
    if sig_after is not None:
        sig_start = sig_after
    elif closing_index is not None and closing_index + 1 < len(own):
        sig_start = lines[own[closing_index + 1]].content_start
    if sig_index is not None and closing_index is None:
        sig_start = lines[own[sig_index]].content_start
    if sig_start is None and footer_lines:
        sig_start = lines[footer_lines[0]].content_start
    if sig_start is not None:
        tail = [i for i in own + footer_lines if lines[i].content_end > sig_start]
        if tail:
            parts.append(Part("signature", sig_start, lines[tail[-1]].content_end))

    # "Jess x", "Cheers,\nMel xx": kisses after the name are a sign-off of their own, unless the
    # close above is already an affectionate one ("Love,\nHannah xx" is one sign-off: one finding)
    affectionate = any(q.kind == "closing" and _AFFECTIONATE_CLOSE.match(text[q.start:q.end]) for q in parts)
    for part in [p for p in parts if p.kind == "signature" and not affectionate]:
        first_line = text[part.start:part.end].split("\n", 1)[0]
        if (kiss := _KISSES.search(first_line)) is not None:
            parts.append(Part("closing", part.start + kiss.start(1), part.start + kiss.end(1)))
    parts.extend(_quoted_parts(lines, quoted_lines))
    parts.sort(key=lambda p: (p.start, p.end))
    return tuple(parts)


def _in(parts: list[Part], line: _Line) -> bool:
    return any(p.start <= line.content_start < max(p.end, p.start + 1) for p in parts)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _greeting_span(line: _Line, *, has_more: bool) -> tuple[int, int] | None:
    """The salutation on a line: the whole line, or up to its first comma."""
    text = line.text
    if _GREETING.match(text):
        words = text.split()
        comma = re.search(r"[,:!—–]+|\s-\s", text)
        if comma and comma.end() < len(text.rstrip()) and len(text[: comma.start()].split()) <= 6:
            return line.content_start, line.start + comma.end()
        if len(words) <= 8 or text.rstrip().endswith((",", ":", "!")):
            return line.content_start, line.content_end
        return None
    # "Mike, since Terry is out this week, can you take the lead ..."
    if (m := _VOCATIVE.match(text)) and m.group("name").split()[0].lower() not in _NOT_A_NAME:
        return line.content_start, line.start + m.end("name") + 1
    # "Maria," alone on the first line, with the letter below it.
    if has_more and re.fullmatch(r"\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2},\s*", text) and not _CLOSING.match(text):
        return line.content_start, line.content_end
    return None


def _find_closing(
    lines: list[_Line], own: list[int], body_start: int
) -> tuple[int | None, tuple[int, int] | None, int | None]:
    """Index (into ``own``) of the closing line, its span and, when a name follows
    on the same line, where the signature starts."""
    candidates = range(len(own) - 1, max(body_start - 1, len(own) - 1 - MAX_SIGNATURE_LINES - 1), -1)
    for k in candidates:
        line = lines[own[k]]
        m = _CLOSING.match(line.text)
        if m is None and k > body_start and "/" in line.text and _CLOSING.match(line.text.rsplit("/", 1)[1]):
            # a close in two languages: "Met vriendelijke groet / Kind regards,"
            return k, (line.content_start, line.content_end), None
        if m is None and k > body_start and k + 1 < len(own) and _OPENER_LINE.match(line.text) \
                and _NAME_LINE.fullmatch(lines[own[k + 1]].text.strip()):
            # "Cheers for your patience" / "Thanks again for everything!" above the name: the close
            return k, (line.content_start, line.content_end), None
        if m is None and (_SHORT_COMMA.match(line.text) or _LONG_CLOSE.match(line.text)) and k > body_start \
                and not _GREETING.match(line.text):
            words = line.text.split()
            name_next = k + 1 < len(own) and _NAME_LINE.fullmatch(lines[own[k + 1]].text.strip()) is not None
            # a close in another language above the name: "Au plaisir de vous servir,"
            if len(words) <= 4 or (len(words) <= 6 and name_next) \
                    or (len(words) <= (10 if _AFFECTIONATE_CLOSE.match(line.text) else 8)
                        and words[0].lower().strip(",") in _CLOSE_OPENERS
                                   and (k + 1 == len(own) or _NAME_LINE.fullmatch(lines[own[k + 1]].text.strip())
                                        or _signature_detail(lines[own[k + 1]].text.strip()))):
                return k, (line.content_start, line.content_end), None
            continue
        if m is None:
            continue
        close_start = line.start + m.start("close")
        close_end = line.start + m.end("close")
        if m.group("rest"):
            return k, (close_start, close_end), line.start + m.start("rest")
        return k, (close_start, close_end), None
    return None, None, None


# A short thank-you line with no comma, directly above the name ("Cheers for your patience").
_OPENER_LINE = re.compile(r"^\s*(?:thanks|thank\s+you|cheers|many\s+thanks)(?:\s+(?:again|so\s+much|a\s+lot|heaps))?"
                          r"\s+for\s+[\w' -]{2,40}?[!.]?\s*$", re.IGNORECASE)
# First words of a longer closing line: "Thanks a million for your patience,", "Looking forward to it,".
_CLOSE_OPENERS = frozenset({"thanks", "thank", "looking", "speak", "talk", "hope", "have", "enjoy", "many", "with",
                            "wishing", "all", "warmest", "best", "kindest", "yours", "cheers", "again", "see"})


def _signature_delimiter(lines: list[_Line], own: list[int], lo: int, hi: int) -> int | None:
    for k in range(lo, hi):
        if _SIG_DELIMITER.match(lines[own[k]].text):
            return k
    for k in range(max(lo + 1, hi - 2), hi):  # "-- Sam" or a mobile footer near the end
        text = lines[own[k]].text
        if _DASH_NAME.match(text) or _MOBILE.match(text):
            return k
    return None


def _footer_start(lines: list[_Line], own: list[int]) -> int | None:
    """Index (into ``own``) where a legal or confidentiality footer starts, if the letter ends with one."""
    for k in range(max(1, len(own) - 40), len(own)):
        line = lines[own[k]]
        previous = lines[own[k] - 1] if own[k] > 0 else None
        starts_paragraph = previous is None or previous.blank or bool(re.fullmatch(r"\s*[*_=~-]{5,}\s*", previous.text))
        if starts_paragraph and _DISCLAIMER.match(line.text):
            while k > 1 and re.fullmatch(r"\s*[*_=~-]{5,}\s*", lines[own[k - 1]].text):
                k -= 1
            return k
    return None


def _signature_block(lines: list[_Line], own: list[int], lo: int) -> int | None:
    """Where a signature block with no complimentary close starts: a short name
    line ("Brett", "Jess x") followed by lines of titles, a company, contact
    details or a disclaimer."""
    hi = len(own)
    for k in range(max(lo + 1, hi - MAX_SIGNATURE_LINES), hi - 1):
        name = lines[own[k]].text.strip()
        if not _NAME_LINE.fullmatch(name):
            continue
        rest = [lines[own[j]].text.strip() for j in range(k + 1, hi)]
        if all(_signature_detail(r) for r in rest):
            return k
    return None


_AFFECTIONATE_CLOSE = re.compile(r"\s*(?:(?:lots\s+of|all\s+my|much|big|heaps\s+of|so\s+much|with)\s+)?(?:love|hugs?|kisses|xo+|x+o+|beijos?|beijinhos|besos|besitos|bisous|bises|baci|bacioni|abra[cç]os|abrazos)\b",
                                 re.IGNORECASE)
_KISSED_NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s+(?:x{1,3}|xo+x*)", re.IGNORECASE)
_NAME_LINE = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s+x{1,3})?")
_TITLE_CASE = re.compile(r"(?:[A-Z0-9&][\w.'’&-]*,?|[|,&/–-]|of|and|for|the|de|at)(?:\s+(?:[A-Z0-9&][\w.'’&-]*,?|[|,&/–-]|of|and|for|the|de|at))*,?")


def _signature_detail(line: str) -> bool:
    if _DISCLAIMER.match(line) or _MOBILE.match(line):
        return True
    if len(line.split()) > 10:
        return False
    return bool(_SIG_DETAIL.search(line) or _TITLE_CASE.fullmatch(line))


def _quoted_parts(lines: list[_Line], quoted: list[bool]) -> list[Part]:
    parts: list[Part] = []
    start: int | None = None
    end = 0
    for line, is_quoted in zip(lines, quoted):
        if is_quoted and not line.blank:
            if start is None:
                start = line.start
            end = line.end
        elif is_quoted:
            continue
        elif start is not None:
            parts.append(Part("quoted", start, end))
            start = None
    if start is not None:
        parts.append(Part("quoted", start, end))
    return parts


def replied_prose(text: str, parts: Sequence[Part]) -> tuple[tuple[int, int], ...]:
    """The prose of the message being replied to: ``(start, end)`` of each of its lines.

    That message is the start of the first quoted part, without its quote
    marks.  Lines quoted more than once (older messages) are left out, and so
    are quote headers ("On ... wrote:", "-----Original Message-----") and
    header lines ("From: ...") before it; the next quote header at depth one
    or less, or a second unquoted "From:" block, ends it.  A blank line is an
    empty span, so sentences can be told apart from paragraphs."""
    first = next((p for p in parts if p.kind == "quoted"), None)
    if first is None:
        return ()
    spans: list[tuple[int, int]] = []
    started = False
    for line in _lines(text[first.start:first.end]):
        mark = _QUOTE_MARKS.match(line.text)
        depth = mark.group(1).count(">") if mark else 0
        lead = mark.end() if mark else 0
        content = line.text[lead:]
        if _QUOTE_HEADER.match(content):
            if started and depth <= 1:
                break
            continue
        if _HEADER_LINE.match(content):
            if started and depth == 0 and content.lstrip().startswith("From:"):
                break
            continue
        if depth > 1:
            continue
        started = True
        start = first.start + line.start + lead
        spans.append((start, start + len(content.rstrip())))
    return tuple(spans)

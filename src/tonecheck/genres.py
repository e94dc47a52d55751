"""Letter genres: what kind of message a file is, and how it is told.

A genre decides which letter-level rules apply and with which thresholds (each
rule says so under its ``genres:`` key).  It comes from configuration
(``genre:`` globally or per glob in ``overrides``), from ``--genre``, or, when
nothing says, from the letter itself (``detect``).  Phrase rules (non-apologies,
sugarcoating, "Love," sign-offs, hostility...) name no genre and apply in all.

This module imports only ``tonecheck.letter``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .letter import Letter

AUTO = "auto"
# Salutations to a group of colleagues ("Folks,", "Hi everyone,", "Team -"):
# circulars and notes, not letters to one client.
_GROUP = re.compile(r"\s*(?:(?:hi|hello|hey|greetings|good\s+\w+)\s*)?(?:all|everyone|everybody|folks|team|guys|"
                    r"y'all|gang|people|colleagues|greetings|(?:my\s+|dear\s+|market\s+|all\s+)?(?:participants|members|"
                    r"stakeholders|users|shippers|subscribers|partners|friends|customers|clients))\b", re.IGNORECASE)


@dataclass(frozen=True)
class Genre:
    name: str
    summary: str
    detected_by: str


GENRES: dict[str, Genre] = {
    g.name: g
    for g in (
        Genre("letter", "A client letter: a salutation and a complimentary close on lines of their own, "
                        "written to an external reader. Judged on every rule of the pack.",
              "a formal salutation ('Dear ...', 'To whom it may concern', a title such as 'Mr.' or 'Dr.'); "
              "or a salutation to one reader on a line of its own with a closing line of its own, or with "
              "a signature block (name and title, company or phone) and no close"),
        Genre("note", "An internal note or short e-mail between colleagues: the greeting is often inline "
                      "('Mike, can you ...') or missing and the sign-off runs into the last line ('Thanks. Lynn'). "
                      "Letter-layout rules (greeting, sign-off, gratitude, purpose, self-focus) do not apply; "
                      "length thresholds are wider.",
              "anything that is neither a letter nor a template"),
        Genre("template", "A transactional e-mail template (account notices, receipts, alerts) whose variables are "
                          "filled at send time: the layout is the product's, so only phrase rules apply.",
              "the file is read as a template (by suffix or by its template syntax)"),
    )
}
GENRE_NAMES: tuple[str, ...] = tuple(GENRES)

_FORMAL_SALUTATION = re.compile(
    r"^\s*(?:dear\b|to\s+whom\b|attention\b|attn\b|(?:(?:dear|hello|hi|good\s+\w+)\s*)?"
    r"(?:mr|mrs|ms|miss|mx|dr|prof|sir|madam)\b\.?)",
    re.IGNORECASE,
)


_BULK = re.compile(r"\s*dear\s+(?:\w+\s+)?(?:participants?|subscribers?|members|stakeholders?|shippers?|users?|"
                   r"colleagues|attendees|delegates|all|everyone|team)\b", re.IGNORECASE)
_SALUTATION_WORD = re.compile(r"\s*(?:hi+|hel+o+|he+y+|hiya+|howdy|dear|good\s+\w+|greetings|yo)\b", re.IGNORECASE)


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` is the only content of its line(s) (a trailing name may follow a close)."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def detect(letter: Letter) -> str:
    """The genre of a letter when no configuration names one."""
    if letter.format == "template":
        return "template"
    text = letter.text
    greeting = next((p for p in letter.parts if p.kind == "greeting"), None)
    closing = next((p for p in letter.parts if p.kind == "closing"), None)
    if greeting is not None and _BULK.match(text[greeting.start:greeting.end]):
        return "note"  # "Dear Participants:", "Dear Trial Subscriber:": a circular, not a letter to one client
    if greeting is not None and _FORMAL_SALUTATION.match(text[greeting.start:greeting.end]):
        return "letter"
    if greeting is None:
        return "note"
    greeting_line_end = text.find("\n", greeting.start)
    if _GROUP.match(text[greeting.start:greeting.end]):
        return "note"
    inline = bool(text[greeting.end:greeting_line_end if greeting_line_end != -1 else len(text)].strip())
    if not _SALUTATION_WORD.match(text[greeting.start:greeting.end]):
        # "Mike, can you ..." or "Raetta," alone: a bare first name is how colleagues open a note
        # (a client letter says "Dear", "Hi" or "Hello", or uses a title, matched above)
        return "note"
    signature = next((p for p in letter.parts if p.kind == "signature"), None)
    block = signature is not None and "\n" in text[signature.start:signature.end].strip()
    if closing is not None and _alone_on_line(text, closing.start, closing.end) and (block or not inline):
        return "letter"  # an inline "Good morning Lynn, ..." with a bare "Thanks, Ava" is a note
    if closing is None and block:
        return "letter"  # a greeting line and a signature block: a letter without its close
    if closing is None and not inline and _SALUTATION_WORD.match(text[greeting.start:greeting.end]):
        return "letter"  # "Hi Lou," on its own line: written to one reader, who is owed a close
    return "note"


def resolve(letter: Letter, configured: str | None) -> str:
    """The configured genre, or the detected one when the configuration says ``auto`` or nothing."""
    if configured and configured != AUTO:
        return configured
    return detect(letter)

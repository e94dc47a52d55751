"""Letter genres: what kind of message a file is, and how it is told.

A genre decides which letter-level rules apply and with which thresholds (each
rule says so under its ``genres:`` key).  Two genres are kinds of letter that a
recipient profile (``tonecheck.profiles``) or the configuration names, never
detected from the text: ``complaint-reply`` (requires an acknowledgement of
responsibility and an offer of repair) and ``cold-outreach`` (word-count and
question bands).  They take the ``letter`` variant of a rule that names none
for them (``like``), and carry reader settings (``settings``, each number with
its ``source``) that a profile's own settings override.  It comes from configuration
(``genre:`` globally or per glob in ``overrides``), from ``--genre``, or, when
nothing says, from the letter itself (``detect``).  Phrase rules (non-apologies,
sugarcoating, "Love," sign-offs, hostility...) name no genre and apply in all.

This module imports only ``tonecheck.letter``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from .letter import Letter

AUTO = "auto"
# Salutations to a group of colleagues ("Folks,", "Hi everyone,", "Team -"):
# circulars and notes, not letters to one client.
_GROUP = re.compile(r"\s*(?:(?:hi|hello|hey|greetings|good\s+\w+)\s*)?(?:all|everyone|everybody|folks|team|guys|"
                    r"y'all|gang|people|colleagues|greetings|(?:my\s+|dear\s+|market\s+|all\s+)?(?:participants|members|"
                    r"stakeholders|users|shippers|subscribers|partners|friends|customers|clients))\b", re.IGNORECASE)


@dataclass(frozen=True)
class Setting:
    """A number a genre sets for its readers, with where the number comes from."""

    value: int
    source: str


# Reader settings a genre (and a recipient profile) may set; the profile checks read them.
SETTING_NAMES: tuple[str, ...] = ("max_words", "min_words", "min_questions", "max_questions")
# What a genre may require a letter to contain (the Profile pack's element rules look for them).
ELEMENTS: tuple[str, ...] = ("acknowledgement", "repair")


@dataclass(frozen=True)
class Genre:
    name: str
    summary: str
    detected_by: str
    like: str = ""  # the genre whose rule variants this one takes where a rule names none for it
    settings: Mapping[str, Setting] = field(default_factory=dict)
    requires: tuple[str, ...] = ()  # ELEMENTS the letter must contain
    requires_source: str = ""


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
        Genre("complaint-reply", "A reply to a client's complaint: a letter that must both acknowledge the "
                                 "writer's responsibility and offer a repair (a refund, a redo, a credit, a fix by a date).",
              "never from the text: a recipient profile's genre, the configuration or --genre",
              like="letter", requires=("acknowledgement", "repair"),
              requires_source="complaint-handling guidance (e.g. ISO 10002 and the usual acknowledge, apologise, "
                              "put-right models): a reply that owns the failure but offers nothing, or offers "
                              "something without owning the failure, leaves the complaint open"),
        Genre("cold-outreach", "A first e-mail to someone who has not written to you: short, with one to three "
                               "questions the reader can answer.",
              "never from the text: a recipient profile's genre, the configuration or --genre",
              like="letter", settings={
                  "min_words": Setting(50, "published reply-rate studies (Boomerang's analysis of 40 million "
                                           "e-mails, 2016) put cold e-mails at about 50-125 words"),
                  "max_words": Setting(125, "published reply-rate studies (Boomerang's analysis of 40 million "
                                            "e-mails, 2016) put cold e-mails at about 50-125 words"),
                  "min_questions": Setting(1, "the same analysis: e-mails asking 1-3 questions got the most "
                                              "replies, clearly more than those asking none"),
                  "max_questions": Setting(3, "the same analysis: e-mails asking 1-3 questions got the most "
                                              "replies; more questions did worse"),
              }),
    )
}
GENRE_NAMES: tuple[str, ...] = tuple(GENRES)
# The genres the text can be detected as; the others are kinds of these (``Genre.like``).
BASE_GENRES: tuple[str, ...] = tuple(g.name for g in GENRES.values() if not g.like)


def lineage(genre: str) -> tuple[str, ...]:
    """``genre`` and the genres it is like, nearest first (``cold-outreach``, ``letter``)."""
    chain: list[str] = []
    while genre in GENRES and genre not in chain:
        chain.append(genre)
        genre = GENRES[genre].like
    return tuple(chain)

_FORMAL_SALUTATION = re.compile(
    r"^\s*(?:dear\b|to\s+whom\b|attention\b|attn\b|(?:(?:dear|hello|hi|good\s+\w+)\s*)?"
    r"(?:mr|mrs|ms|miss|mx|dr|prof|sir|madam)\b\.?)",
    re.IGNORECASE,
)


_BULK = re.compile(r"\s*dear\s+(?:\w+\s+)?(?:participants?|subscribers?|members|stakeholders?|shippers?|users?|"
                   r"colleagues|attendees|delegates|all|everyone|team)\b", re.IGNORECASE)
_SALUTATION_WORD = re.compile(r"\s*(?:hi+|hel+o+|he+y+|hiya+|howdy|dear|good\s+\w+|greetings|yo|morning|afternoon|evening|"
                              r"g'?day|kia\s+ora|jambo|habari|hola|bonjour|namaste|salaam|salam|assalamu?|aloha|shalom|"
                              r"sawubona|mabuhay|hallo|servus|moin|oi|ol[aá]|alright|awright|wotcha|howzit|wah\s+gwaan|ey\s+up)\b", re.IGNORECASE)


# A phone number in a signature block: "(616) 555-0182", "+254 733 555 240".
_PHONE = re.compile(r"(?:\+|\()?\d[\d ().-]{7,}\d")


def _signed_like_a_letter(letter: Letter) -> bool:
    """A close alone on its line above a full signature block (name, title or company, and a
    phone): a client letter that forgot its salutation, not a note.  A markdown document with a
    title heading is a notice, however it is signed."""
    text = letter.text
    closing = next((p for p in letter.parts if p.kind == "closing"), None)
    signature = next((p for p in letter.parts if p.kind == "signature"), None)
    if closing is None or signature is None:
        return False
    if letter.format == "markdown" and any(p.kind == "subject" for p in letter.parts):
        return False
    line_end = text.find("\n", closing.end)
    rest_of_line = text[closing.end:line_end if line_end != -1 else len(text)]
    lines = [x for x in text[signature.start:signature.end].splitlines() if x.strip()]
    return (_alone_on_line(text, closing.start, closing.end) and not rest_of_line.strip()
            and len(lines) >= 3 and any(_PHONE.search(x) for x in lines[1:]))


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
        return "letter" if _signed_like_a_letter(letter) else "note"
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
    if block and not inline:
        # a greeting line and a signature block: a letter without its close, or with
        # the close run into the name ("Jess x" above the title and company)
        return "letter"
    if closing is None and not inline and _SALUTATION_WORD.match(text[greeting.start:greeting.end]):
        return "letter"  # "Hi Lou," on its own line: written to one reader, who is owed a close
    return "note"


def resolve(letter: Letter, configured: str | None) -> str:
    """The configured genre, or the detected one when the configuration says ``auto`` or nothing."""
    if configured and configured != AUTO:
        return configured
    return detect(letter)

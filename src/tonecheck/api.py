"""The public Python API: lint text or paths with the shipped and extra packs."""

from __future__ import annotations

import os
from typing import BinaryIO, Callable, Iterable, Sequence

from .cache import Cache, decode_entry, digest, encode_entry
from . import pool
from .engine import Linter
from .finding import FileResult, Finding, Level
from .formats import format_for, read_letter
from .inputs import Input, collect
from .letter import Letter
from .profiles import Profile, ProfileBook, ProfileError, attach, check_to, load_folder, select
from .rules import Rule, load_rules, select_rules
from .source import SourceText


def make_linter(*, packs: Iterable[str | os.PathLike[str]] = (), select: Iterable[str] = (),
                ignore: Iterable[str] = (), model: str | None = None, shipped: bool = True,
                min_level: Level = Level.SUGGESTION, rules: Sequence[Rule] | None = None) -> Linter:
    """A Linter over the shipped packs plus ``packs``, filtered by ``select``/``ignore``.

    Raises ``RuleLoadError`` when a rule is invalid.  Reuse one Linter for many
    texts: the spaCy pipeline is loaded once, on first use.
    """
    loaded = list(rules) if rules is not None else load_rules(packs, shipped=shipped)
    return Linter(select_rules(loaded, select, ignore), model=model, min_level=min_level)


def lint_text(text: str, *, path: str = "<text>", format: str | None = None, genre: str | None = None,
              linter: Linter | None = None, to: str | Sequence[str] | None = None,
              profiles: str | os.PathLike[str] | ProfileBook | Sequence[Profile] | None = None,
              **options: object) -> list[Finding]:
    """Lint a letter given as a string; returns its findings in source order.

    ``format`` is a reader name (default: from ``path``'s suffix, else plain
    text, and a template when the text has template syntax); ``genre`` is
    ``letter``, ``note``, ``template``, ``complaint-reply`` or ``cold-outreach``
    (default: decided from the text, or the reader's profile's genre);
    ``profiles`` is a folder of recipient profiles (or a loaded ``ProfileBook``,
    or profiles); ``to`` the id(s) of the reader(s), as ``--to`` (default: from
    the e-mail's ``To:`` header or the front matter's ``to:``); other keyword
    arguments go to ``make_linter``.  Raises ``ProfileError`` for bad profiles
    or an unknown ``to``.
    """
    linter = linter or make_linter(**options)  # type: ignore[arg-type]
    letter = read_letter(SourceText(path, text), format or format_for(path) or "text", sniff=format is None,
                         genre=genre)
    book = profile_book(profiles)
    wanted = (to,) if isinstance(to, str) else tuple(to or ())
    letter = attach(letter, select(book, letter, wanted).profiles, keep_genre=genre is not None)
    return list(linter.lint_letter(letter).findings)


def profile_book(profiles: str | os.PathLike[str] | ProfileBook | Sequence[Profile] | None) -> ProfileBook | None:
    """A ProfileBook from a folder, a book or a list of profiles (None stays None)."""
    if profiles is None or isinstance(profiles, ProfileBook):
        return profiles
    if isinstance(profiles, (str, os.PathLike)):
        return load_folder(profiles)
    return ProfileBook.of(profiles)


Prepare = Callable[[Input, Letter], Letter]


def lint_inputs(items: Sequence[Input], linter: Linter, prepare: Prepare | None = None, *,
                cache: Cache | None = None, run_key: str = "", jobs: int = 1) -> list[FileResult]:
    """Read and lint inputs in order; unreadable ones come back as results with ``error`` set.

    ``prepare`` sees each letter after it is read and before it is linted (the
    runner attaches its readers' profiles there).  With a ``cache``, a letter
    whose key (``run_key``, which stands for the rules, configuration, models and
    versions, plus the letter as read) is there gets its findings from it; the
    rest are linted and stored.  ``jobs``: processes to lint in (0: as many as pay off)."""
    letters = []
    keys: list[tuple[str, Letter, str]] = []  # (entry key, the letter as read, its key after prepare)
    order: list[FileResult | None] = []
    for item in items:
        if item.note is not None:  # an empty file or folder: nothing to lint, not an error
            order.append(FileResult(item.path, notices=(item.note,)))
            continue
        if item.source is None:
            order.append(FileResult(item.path, error=item.error))
            continue
        entry_key = digest(run_key, input_key(item)) if cache is not None else ""
        entry = decode_entry(cache.get("results", entry_key), item.source) if cache is not None else None
        read = entry.letter if entry is not None else None
        if read is None:
            try:
                read = read_letter(item.source, item.format, sniff=item.sniff, genre=item.genre)
            except Exception as exc:  # a reader bug must not stop the run  # noqa: BLE001
                order.append(FileResult(item.path, error=f"cannot read this file: {exc}"))
                continue
        try:
            letter = prepare(item, read) if prepare is not None else read
        except ProfileError as exc:  # a reader that cannot be chosen for this file
            order.append(FileResult(item.path, error="; ".join(exc.problems)))
            continue
        if cache is not None:
            key = letter_key(letter)
            if entry is not None and entry.letter_key == key:  # the same letter, the same readers
                order.append(FileResult(letter.path, entry.findings, letter, notices=entry.notices))
                continue
            keys.append((entry_key, read, key))
        letters.append(letter)
        order.append(None)
    linted = pool.lint_letters(linter, letters, jobs)
    if cache is not None:
        for (entry_key, read, key), result in zip(keys, linted):
            cache.put("results", entry_key, encode_entry(read, key, result.findings, result.notices))
        if linted:
            cache.evict()
    pending = iter(linted)
    return [result if result is not None else next(pending) for result in order]


def input_key(item: Input) -> str:
    """What reading an input depends on (with the run key, which names tonecheck's code):
    its path, decoded text, encoding and the reader it is given."""
    assert item.source is not None
    source = item.source
    return digest(item.path, item.format or "", str(item.sniff), item.genre or "", source.encoding,
                  source.bom, source.notice, source.text.encode("utf-8", "surrogatepass"))


def letter_key(letter: Letter) -> str:
    """What the engine's findings on a letter depend on, from the letter itself: its
    text, path, reader, parts, genre, envelope and readers' profiles."""
    return digest(repr(letter), repr(letter.meta), repr(letter.profiles))


def lint_paths(paths: Iterable[str], *, linter: Linter | None = None, exclude: Iterable[str] = (),
               stdin: BinaryIO | None = None, stdin_filename: str | None = None, to: str | Sequence[str] | None = None,
               profiles: str | os.PathLike[str] | ProfileBook | Sequence[Profile] | None = None,
               **options: object) -> list[FileResult]:
    """Lint files and folders (no configuration files are read; the CLI adds those).

    ``profiles`` and ``to`` choose each letter's readers as in ``lint_text``.
    Unreadable inputs come back as results with ``error`` set.
    """
    linter = linter or make_linter(**options)  # type: ignore[arg-type]
    book = profile_book(profiles)
    wanted = (to,) if isinstance(to, str) else tuple(to or ())
    check_to(book, wanted, option="to")  # an unknown id is an error before anything is linted

    def prepare(_item: Input, letter: Letter) -> Letter:
        return attach(letter, select(book, letter, wanted).profiles)

    items = collect(paths, exclude=exclude, stdin=stdin, stdin_filename=stdin_filename)
    return lint_inputs(items, linter, prepare if book is not None or wanted else None)

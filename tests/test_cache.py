"""The cache of rules and findings: same output, no spaCy, never trusted blindly.

Each run here is a real ``tonecheck`` process with its own cache folder.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tonecheck.cache import ENTRY_VERSION, FORMAT, Cache, decode_entry, encode_entry
from tonecheck.formats import read_letter
from tonecheck.inputs import collect
from tonecheck.source import SourceText
from tonecheck.finding import Finding, Level

ROOT = Path(__file__).resolve().parents[1]
LETTERS = sorted((ROOT / "examples").glob("*.txt"))

# Run the CLI in this process, then say whether spaCy was imported.
_PROBE = textwrap.dedent("""
    import sys
    from tonecheck.cli import main
    try:
        main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
    print("SPACY" if "spacy" in sys.modules else "NO-SPACY", code, file=sys.stderr)
""")


def tonecheck(*args: str, cache: Path, cwd: Path | None = None) -> tuple[str, str, bool]:
    """(stdout, stderr, whether spaCy was imported) of one run."""
    env = {**os.environ, "TONECHECK_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, env=env,
                          cwd=cwd or ROOT)
    last = proc.stderr.strip().splitlines()[-1]
    assert last.split()[1] in ("0", "1"), proc.stderr
    return proc.stdout, proc.stderr, last.startswith("SPACY")


@pytest.fixture()
def letters(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    for path in LETTERS:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _entries(cache: Path, kind: str = "results") -> list[Path]:
    return sorted((cache / kind).iterdir()) if (cache / kind).is_dir() else []


def test_cached_run_prints_the_same_and_never_imports_spacy(letters: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, _, loaded = tonecheck("--format", "json", str(letters), cache=cache)
    assert loaded and '"findings"' in first
    assert len(_entries(cache)) == len(LETTERS) and len(_entries(cache, "rules")) == 1
    again, _, loaded_again = tonecheck("--format", "json", str(letters), cache=cache)
    assert again == first
    assert not loaded_again, "a run served entirely from the cache imported spaCy"
    uncached, _, _ = tonecheck("--format", "json", "--no-cache", str(letters), cache=tmp_path / "other")
    assert uncached == first
    assert not (tmp_path / "other").exists()


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "other-version"])
def test_a_damaged_entry_is_ignored_and_rewritten(damage: str, letters: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, _, _ = tonecheck("--format", "json", str(letters), cache=cache)
    for entry in _entries(cache) + _entries(cache, "rules"):
        data = entry.read_bytes()
        entry.write_bytes({"truncate": data[: len(data) // 2], "flip": data[:-5] + bytes([data[-5] ^ 1]) + data[-4:],
                           "garbage": os.urandom(200), "empty": b"",
                           "other-version": data.replace(FORMAT, b"tonecheck-cache-0", 1)}[damage])
    again, err, loaded = tonecheck("--format", "json", str(letters), cache=cache)
    assert again == first, err
    assert loaded  # nothing could be trusted, so everything was linted again
    assert all(Cache(cache).get("results", e.name) is not None for e in _entries(cache))


def test_a_changed_rule_file_or_letter_is_not_served_stale(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    pack = tmp_path / "House"
    pack.mkdir()
    rule = pack / "Word.yml"
    rule.write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens: [hiccup]\n", encoding="utf-8")
    letter = tmp_path / "a.txt"
    letter.write_text("Hi Sam,\n\nA small hiccup and a glitch today.\n\nBest,\nAl\n", encoding="utf-8")
    args = ("--format", "line", "--select", "House", "--rules", str(pack), str(letter))
    out, _, _ = tonecheck(*args, cache=cache)
    assert "hiccup" in out and "glitch" not in out
    rule.write_text(rule.read_text(encoding="utf-8").replace("[hiccup]", "[glitch]"), encoding="utf-8")
    out, _, _ = tonecheck(*args, cache=cache)
    assert "glitch" in out and "hiccup" not in out
    letter.write_text(letter.read_text(encoding="utf-8").replace("glitch", "snag"), encoding="utf-8")
    out, _, _ = tonecheck(*args, cache=cache)
    assert "glitch" not in out


def test_concurrent_runs_share_a_cache(letters: Path, tmp_path: Path) -> None:
    """Two processes writing the same entries at once: both print the right thing,
    and every entry left behind is whole (written to a temporary file, then moved)."""
    cache = tmp_path / "cache"
    expected, _, _ = tonecheck("--format", "json", "--no-cache", str(letters), cache=cache)
    env = {**os.environ, "TONECHECK_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    procs = [subprocess.Popen([sys.executable, "-m", "tonecheck", "--format", "json", str(letters)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
             for _ in range(2)]
    outs = [p.communicate()[0] for p in procs]
    assert outs == [expected, expected]
    assert len(_entries(cache)) == len(LETTERS)
    assert all(Cache(cache).get("results", e.name) is not None for e in _entries(cache))
    assert not [p for p in (cache / "results").iterdir() if p.name.startswith(".tmp")]


def test_the_cache_stays_bounded(tmp_path: Path) -> None:
    cache = Cache(tmp_path, max_entries=10, max_bytes=10_000)
    for i in range(25):
        cache.put("results", f"key{i:02d}", b"x" * 100)
        os.utime(tmp_path / "results" / f"key{i:02d}", (i, i))  # written in this order
    assert cache.evict() > 0
    left = sorted(p.name for p in (tmp_path / "results").iterdir())
    assert len(left) <= 10 and left[-1] == "key24" and "key00" not in left


def test_an_unwritable_cache_folder_is_not_an_error(letters: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    out, err, _ = tonecheck("--format", "json", str(letters), cache=blocker / "cache")
    assert '"findings"' in out and "Traceback" not in err


def test_an_entry_round_trips_the_letter_as_read_and_its_findings() -> None:
    """A results entry gives back the letter as read (parts, offsets, genre...) on the
    source the run decoded, and the findings; anything of another shape is a miss."""
    source = SourceText("a.eml", "Subject: Hi\n\nDear Ann,\n\nThe file is attached.\n\nBest,\nBo\n")
    letter = read_letter(source)
    finding = Finding(path="a.eml", start=3, end=9, rule="Business.Hedging", level=Level.WARNING, message="m \u2019",
                      line=1, column=4, end_line=1, end_column=10, match="just", suggestions=("a", "b"),
                      part="body", context="ctx", signal="classifier", score=0.25)
    entry = decode_entry(encode_entry(letter, "k", [finding], ["note"]), source)
    assert entry is not None
    assert entry.letter == letter and entry.letter.meta == letter.meta and entry.letter.replied == letter.replied
    assert entry.letter.source is source
    assert (entry.letter_key, entry.findings, entry.notices) == ("k", (finding,), ("note",))
    assert decode_entry(pickle.dumps((ENTRY_VERSION, {"text": 1}, "k", (), ())), source) is None
    assert decode_entry(pickle.dumps((ENTRY_VERSION + 1, {}, "k", (), ())), source) is None
    assert decode_entry(b"not a pickle", source) is None
    assert decode_entry(None, source) is None


def test_a_cached_file_is_not_read_into_parts_again(letters: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second run takes each letter as read from its entry: the readers never run."""
    from tonecheck import api
    linter = api.make_linter()
    cache = Cache(tmp_path / "cache")
    items = collect([str(letters)])
    first = api.lint_inputs(items, linter, cache=cache, run_key="r")
    calls: list[str] = []
    real = api.read_letter

    def counting(source: SourceText, *args: object, **kwargs: object) -> object:
        calls.append(source.path)
        return real(source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "read_letter", counting)
    again = api.lint_inputs(collect([str(letters)]), linter, cache=cache, run_key="r")
    assert calls == []
    assert [(r.path, r.findings, r.letter) for r in again] == [(r.path, r.findings, r.letter) for r in first]
    changed = sorted(letters.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nPS: one more line.\n", encoding="utf-8")
    api.lint_inputs(collect([str(letters)]), linter, cache=cache, run_key="r")
    assert calls == [str(changed)]


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("rules",), ("explain", "Business.Hedging")])
def test_start_up_commands_never_import_spacy(args: tuple[str, ...], tmp_path: Path) -> None:
    """Even with an empty cache: listing and explaining rules check their patterns'
    shape only, and the tone model's labels are read with spaCy's config library."""
    out, _, loaded = tonecheck(*args, cache=tmp_path / "empty")
    assert out.strip() and not loaded


def test_an_entry_someone_else_wrote_is_never_believed(letters: Path, tmp_path: Path) -> None:
    """A rules entry committed to a repository (a pickle: code) with a correct SHA-256
    of its content is still refused: the header is an HMAC with this user's secret."""
    import hashlib
    import pickle

    cache = tmp_path / "cache"
    first, _, _ = tonecheck("--format", "json", str(letters), cache=cache)
    marker = tmp_path / "pwned"
    for entry in _entries(cache, "rules"):
        payload = pickle.dumps(_Exploit(str(marker)))
        entry.write_bytes(FORMAT + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    again, _, _ = tonecheck("--format", "json", str(letters), cache=cache)
    assert again == first and not marker.exists()


class _Exploit:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (open, (self.path, "w"))


def test_an_edited_module_is_a_new_version_for_the_cache(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Cached rules are keyed by tonecheck's code as well as its version number, so
    an edited checkout never reuses rules validated by the code it replaced."""
    import shutil

    from tonecheck import cache

    package = tmp_path / "tonecheck"
    shutil.copytree(Path(cache.__file__).resolve().parent, package, ignore=shutil.ignore_patterns("__pycache__", "models", "rules"))
    monkeypatch.setattr(cache, "__file__", str(package / "cache.py"))
    before = cache.versions()
    assert before == cache.versions()
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"compiled")  # byte code is not code
    assert cache.versions() == before
    (package / "kinds" / "base.py").write_text((package / "kinds" / "base.py").read_text() + "\n# edited\n")
    assert cache.versions() != before

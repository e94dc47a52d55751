"""A ``.vale.ini``: the part tonecheck reads, and which rules it turns on for a file.

Supported keys: ``StylesPath``, ``MinAlertLevel``, ``Vocab``, ``BasedOnStyles``
and ``Style.Rule = YES/NO`` in ``[glob]`` sections (a later section that
matches overrides an earlier one).  Other keys are reported once as a warning
and otherwise ignored.  Section globs are ``tonecheck.globs`` patterns.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..finding import Level
from ..globs import glob_match

INI_NAMES: tuple[str, ...] = (".vale.ini", "_vale", "vale.ini")


@dataclass
class ValeConfig:
    """The part of a ``.vale.ini`` tonecheck reads."""

    root: Path
    styles_path: Path
    min_level: Level = Level.SUGGESTION
    vocab: tuple[str, ...] = ()
    sections: list[tuple[str, list[str], dict[str, bool]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def find_ini(folder: str | os.PathLike[str]) -> Path | None:
    """The ``.vale.ini`` (or ``_vale``, ``vale.ini``) of a folder or of the nearest parent folder."""
    here = Path(folder).resolve()
    for candidate in (here, *here.parents):
        for name in INI_NAMES:
            if (candidate / name).is_file():
                return candidate / name
    return None


def read_ini(path: str | os.PathLike[str]) -> ValeConfig:
    """Parse a ``.vale.ini`` (or ``_vale``); unsupported keys become warnings.
    Raises ``ValueError`` for a bad ``MinAlertLevel``."""
    ini = Path(path)
    root = ini.resolve().parent
    config = ValeConfig(root=root, styles_path=root)
    section: tuple[str, list[str], dict[str, bool]] | None = None
    warned: set[str] = set()
    for number, raw in enumerate(ini.read_text(encoding="utf-8-sig").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = (line[1:-1].strip(), [], {})
            config.sections.append(section)
            continue
        key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not sep:
            config.warnings.append(f"{ini}:{number}: not a 'key = value' line; ignored")
            continue
        if section is None and key == "StylesPath":
            config.styles_path = (root / value).resolve()
        elif section is None and key == "MinAlertLevel":
            config.min_level = Level.parse(value)
        elif key == "Vocab":
            config.vocab = tuple(v.strip() for v in value.split(",") if v.strip())
        elif section is not None and key == "BasedOnStyles":
            section[1].extend(v.strip() for v in value.split(",") if v.strip())
        elif section is not None and "." in key and value.upper() in ("YES", "NO"):
            section[2][key] = value.upper() == "YES"
        elif key not in warned:
            warned.add(key)
            config.warnings.append(f"{ini}: {key}: not supported by tonecheck; ignored")
    return config


def vocab_terms(config: ValeConfig) -> tuple[str, ...]:
    """The accepted terms of the configuration's ``Vocab`` lists."""
    terms: list[str] = []
    for name in config.vocab:
        accept = config.styles_path / "config" / "vocabularies" / name / "accept.txt"
        if accept.is_file():
            terms.extend(t.strip() for t in accept.read_text(encoding="utf-8").splitlines() if t.strip() and not t.startswith("#"))
    return tuple(terms)


def _toggles(config: ValeConfig, rel: str) -> tuple[dict[str, bool], dict[str, bool]]:
    """(styles and rules switched on, explicit rule toggles) for one file."""
    on: dict[str, bool] = {}
    toggles: dict[str, bool] = {}
    for pattern, styles, section_toggles in config.sections:
        if glob_match(rel, pattern):
            for style in styles:
                on[style] = True
            on.update(section_toggles)
            toggles.update(section_toggles)
    return on, toggles


def enabled_for(config: ValeConfig, rel: str) -> list[str]:
    """Rule ids and style names switched on for one file by the matching sections."""
    on, _ = _toggles(config, rel)
    return [name for name, value in on.items() if value]


def active_rules(config: ValeConfig, rel: str, rule_ids: list[str]) -> list[str]:
    """The rule ids of ``rule_ids`` that run on one file: named, or of a named
    style and not switched off."""
    on, toggles = _toggles(config, rel)
    names = {name for name, value in on.items() if value}
    off = {name for name, value in toggles.items() if not value}
    return [rid for rid in rule_ids if rid in names or (rid.split(".")[0] in names and rid not in off)]

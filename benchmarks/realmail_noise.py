"""Real-mail noise: the share of ordinary Enron mails with any finding.

    python benchmarks/realmail_noise.py [--json RESULT.json] [DIR]

Runs ``tonecheck --format json DIR`` (default ../shared/realmail/enron), or reads
a saved result, and prints the share of files with any finding: over all files,
over 0001-0199 (whose sentences are negatives of the tone classifier's
training) and over 0200-0400 (held out from training), plus how many findings
each signal produced.  Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENRON = ROOT.parent / "shared" / "realmail" / "enron"
# the Business rules that carry a classifier: block
CLASSIFIED = frozenset(f"Business.{name}" for name in (
    "Excuse", "Sugarcoating", "CasualConcession", "SympathySeeking", "EmotionalLament", "Hedging",
    "PushyFollowUp", "Ultimatum", "NonApology", "UnilateralChange", "Hostile", "VagueCommitment"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=ENRON)
    parser.add_argument("--json", type=Path, help="a saved 'tonecheck --format json' result to read instead")
    args = parser.parse_args()
    if args.json:
        data = json.loads(args.json.read_text(encoding="utf-8"))
    else:
        exe = shutil.which("tonecheck") or sys.exit("tonecheck is not installed")
        proc = subprocess.run([exe, "--format", "json", str(args.folder)], capture_output=True, text=True)
        data = json.loads(proc.stdout)
    files = data["files"]

    def number(path: str) -> int:
        match = re.search(r"(\d+)\.txt$", path)
        return int(match.group(1)) if match else -1

    groups = {"all files": files,
              "0001-0199 (training negatives)": [f for f in files if 0 < number(f["path"]) < 200],
              "0200-0400 (held out)": [f for f in files if number(f["path"]) >= 200]}
    for name, group in groups.items():
        noisy = sum(1 for f in group if f["findings"])
        tone = sum(1 for f in group if any(x["rule"] in CLASSIFIED for x in f["findings"]))
        print(f"{name:32} {noisy:4d} of {len(group):4d} files with a finding = {noisy / max(len(group), 1):5.1%}; "
              f"with a finding of the 12 classified rules {tone:4d} = {tone / max(len(group), 1):5.1%}")
    signals = Counter(x.get("signal", "pattern") for f in files for x in f["findings"])
    rules = Counter(x["rule"] for f in files for x in f["findings"] if x.get("signal") == "classifier")
    print("findings by signal: " + ", ".join(f"{k} {v}" for k, v in sorted(signals.items())))
    if rules:
        print("classifier findings by rule: " + ", ".join(f"{k} {v}" for k, v in rules.most_common()))


if __name__ == "__main__":
    main()

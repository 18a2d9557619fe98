"""Check that a language has every file Wegwijs needs: `python scripts/check_language.py ku`.

Prints what is missing and exits with 1 when anything is; see docs/adding-a-language.md.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MIN_TRAINING, MIN_HELDOUT = 25, 7


def problems(code: str) -> list[str]:
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.content.catalog import load_catalog

    found: list[str] = []
    catalog = load_catalog(ROOT / "content")
    if code not in catalog.languages:
        return [f"content/languages.yml does not declare {code}"]
    reference = catalog.responses[catalog.default_language]
    missing = set(reference) - set(catalog.responses.get(code, {}))
    if missing:
        found.append(f"content/responses/{code}: {len(missing)} responses missing")
    for folder in ("labels", "ui"):
        if not (ROOT / "content" / folder / f"{code}.yml").exists():
            found.append(f"content/{folder}/{code}.yml missing")
    intents = set(yaml.safe_load((ROOT / "domain.yml").read_text())["intents"])
    intents -= {"nlu_fallback", "unsupported_language"}
    for path, minimum in (
        (ROOT / "data" / "nlu" / code, MIN_TRAINING),
        (ROOT / "tests" / "nlu" / f"{code}.yml", MIN_HELDOUT),
    ):
        if not path.exists():
            found.append(f"{path.relative_to(ROOT)} missing")
            continue
        counts = Counter(m.get("intent") for m in load_data(str(path)).intent_examples)
        short = sorted(i for i in intents if counts[i] < minimum)
        if short:
            found.append(f"{path.relative_to(ROOT)}: fewer than {minimum} examples for {short}")
    needed = [ROOT / "tests" / "langid" / f"{code}.yml"]
    if not catalog.languages[code].scripts:  # a script of its own identifies it already
        needed.append(ROOT / "bot" / "language" / "lexicon" / f"{code}.txt")
    found += [f"{path.relative_to(ROOT)} missing" for path in needed if not path.exists()]
    return found


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    found = problems(sys.argv[1])
    for problem in found:
        print(f"missing: {problem}")
    print("complete" if not found else f"{len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

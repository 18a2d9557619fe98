"""Language identification: the Wegwijs detector beside langdetect and lingua.

On tests/langid/<lang>.yml (single words, word pairs, sentences written for this test and
never trained on). langdetect runs with all its 55 profiles; lingua 2.1.1 is restricted to the
supported languages it knows (it has no Tigrinya), as Wegwijs is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("words", "pairs", "sentences")
LINGUA_NAMES = {
    "nl": "DUTCH",
    "en": "ENGLISH",
    "ar": "ARABIC",
    "fa": "PERSIAN",
    "tr": "TURKISH",
    "so": "SOMALI",
    "uk": "UKRAINIAN",
}


def load_sets() -> dict[str, dict[str, list[str]]]:
    sets = {}
    for path in sorted((ROOT / "tests" / "langid").glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        sets[raw["language"]] = {kind: [str(t) for t in raw[kind]] for kind in KINDS}
    return sets


def wegwijs_detector() -> Callable[[str], str | None]:
    from bot.content.catalog import load_catalog
    from bot.language.detect import detector_for
    from bot.language.ngram import train, training_texts

    # The same training as LanguageAnnotator.train in `rasa train`.
    ngram = train(training_texts(ROOT / "data" / "nlu", ROOT / "bot" / "language" / "lexicon"))
    detector = detector_for(load_catalog(ROOT / "content").languages, ngram)
    return lambda text: detector.detect(text).language


def langdetect_detector() -> Callable[[str], str | None]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def run(text: str) -> str | None:
        try:
            return detect(text)
        except LangDetectException:
            return None

    return run


def lingua_detector() -> Callable[[str], str | None]:
    from lingua import Language, LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_languages(
        *[getattr(Language, name) for name in LINGUA_NAMES.values()]
    ).build()
    back = {name: code for code, name in LINGUA_NAMES.items()}

    def run(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return back.get(found.name) if found else None

    return run


def accuracy(detect: Callable[[str], str | None], language: str, texts: list[str]) -> float:
    return sum(detect(text) == language for text in texts) / len(texts)


def results() -> dict[str, dict[str, dict[str, float | None]]]:
    """{detector: {language: {kind: accuracy or None when it cannot know the language}}}"""
    sets = load_sets()
    detectors = {
        "wegwijs": wegwijs_detector(),
        "langdetect": langdetect_detector(),
        "lingua": lingua_detector(),
    }
    table: dict[str, dict[str, dict[str, float | None]]] = {}
    for name, detect in detectors.items():
        table[name] = {}
        for language, kinds in sets.items():
            knows = name != "lingua" or language in LINGUA_NAMES
            table[name][language] = {
                kind: accuracy(detect, language, texts) if knows else None
                for kind, texts in kinds.items()
            }
    return table


def bench_language_identification() -> None:
    table = results()
    print("\nLanguage identification accuracy (words / pairs / sentences)")
    languages = list(next(iter(table.values())))
    print("  " + "language".ljust(10) + "".join(name.ljust(22) for name in table))
    for language in languages:
        cells = []
        for name in table:
            row = table[name][language]
            cells.append(" / ".join("  -  " if row[k] is None else f"{row[k]:.2f}" for k in KINDS))
        print("  " + language.ljust(10) + "".join(cell.ljust(22) for cell in cells))


if __name__ == "__main__":
    bench_language_identification()

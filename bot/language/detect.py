"""Which language a message is written in, and how sure we are.

Script comes first: Ethiopic script is Tigrinya here, Cyrillic is Ukrainian, and Persian-only
letters mark Persian. Within a script, a seeded langdetect restricted to the candidate
languages decides; langdetect with all its 55 profiles recognises languages Wegwijs does not
speak. Short or letterless messages ("ok", "👍", "112") give no evidence at all.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import langdetect
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException
from sklearn.pipeline import Pipeline

from bot.content.catalog import Language
from bot.language.ngram import OTHER, probabilities

# Evidence, from strongest to none.
SCRIPT = "script"
STRONG = "strong"
WEAK = "weak"
NONE = "none"

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_PERSIAN_ONLY = set("پچژگ")
_PERSIAN_FORMS = set("یک")  # Persian yeh and keheh; Arabic keyboards type ي and ك
_ARABIC_FORMS = set("يكةى")
_TURKISH_LETTERS = set("ğşıİĞŞ")
_PROFILES = Path(langdetect.__file__).parent / "profiles"
ARABIC_SCRIPT_PROFILES = ("ar", "fa")
# How much langdetect counts beside the n-gram model (log-linear weight), chosen on the
# training data: langdetect knows general vocabulary, the n-gram model chat language.
LANGDETECT_WEIGHT = 0.6
# Most people who write to Wegwijs use a language it speaks: "another language" needs more
# evidence than any single supported language.
OTHER_LOG_PRIOR = math.log(0.1)


@dataclass(frozen=True)
class Detection:
    language: str | None  # a Wegwijs code when supported, else langdetect's code
    supported: bool
    evidence: str
    confidence: float = 0.0


NO_EVIDENCE = Detection(language=None, supported=False, evidence=NONE)


def _script_of(char: str) -> str | None:
    code = ord(char)
    if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF or 0xAB00 <= code <= 0xAB2F:
        return "Ethiopic"
    if 0x0400 <= code <= 0x04FF or 0x0500 <= code <= 0x052F:
        return "Cyrillic"
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "Arabic"
    if char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
        return "Latin"
    if char.isalpha():
        return "Other"
    return None


def _letters_by_script(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for char in text:
        script = _script_of(char)
        if script:
            counts[script] = counts.get(script, 0) + 1
    return counts


def _only_script(text: str, script: str) -> str:
    return "".join(c if _script_of(c) in (script, None) else " " for c in text)


class _Factory:
    """A seeded langdetect factory over a fixed set of profiles, loaded on first use."""

    def __init__(self, profiles: Sequence[str] | None = None) -> None:
        self._profiles = profiles
        self._factory: DetectorFactory | None = None
        self._lock = threading.Lock()

    def _load(self) -> DetectorFactory:
        with self._lock:
            if self._factory is None:
                factory = DetectorFactory()
                factory.seed = 0  # langdetect is random without a seed
                if self._profiles is None:
                    factory.load_profile(str(_PROFILES))
                else:
                    factory.load_json_profile(
                        [(_PROFILES / name).read_text(encoding="utf-8") for name in self._profiles]
                    )
                self._factory = factory
        return self._factory

    def probabilities(self, text: str) -> list[tuple[str, float]]:
        factory = self._factory or self._load()
        detector = factory.create()
        detector.append(text)
        try:
            return [(item.lang, item.prob) for item in detector.get_probabilities()]
        except LangDetectException:
            return []


class LanguageDetector:
    """Detects the language of one message among the supported ones.

    `langdetect_codes` and `scripts` map each Wegwijs code to its langdetect profiles and to
    the scripts only it uses, as content/languages.yml declares them. With an n-gram model
    (bot.language.ngram) the decision within a script weighs that model's probabilities and
    langdetect's; without one, langdetect alone decides.
    """

    def __init__(
        self,
        langdetect_codes: Mapping[str, Iterable[str]],
        scripts: Mapping[str, Iterable[str]],
        ngram: Pipeline | None = None,
    ) -> None:
        self._to_ours = {
            profile: code for code, profiles in langdetect_codes.items() for profile in profiles
        }
        self._by_script = {script: code for code, names in scripts.items() for script in names}
        self._ngram = ngram
        arabic = sorted(p for p in self._to_ours if p in ARABIC_SCRIPT_PROFILES)
        self._arabic = _Factory(arabic) if len(arabic) > 1 else None
        self._all = _Factory(None)
        unique = set(self._by_script.values())
        self._latin_codes = sorted(
            {c for p, c in self._to_ours.items() if p not in ARABIC_SCRIPT_PROFILES} - unique
        )
        self._arabic_codes = sorted({self._to_ours[p] for p in arabic})

    def detect(self, text: str) -> Detection:
        text = _URL.sub(" ", unicodedata.normalize("NFC", text or ""))
        counts = _letters_by_script(text)
        letters = sum(counts.values())
        if letters < 2:
            return NO_EVIDENCE
        script, count = max(counts.items(), key=lambda item: item[1])
        if count / letters < 0.5:
            return NO_EVIDENCE
        if script in self._by_script:
            return Detection(self._by_script[script], True, SCRIPT, 1.0)
        only = _only_script(text, script)
        words = len(only.split())
        if script == "Arabic":
            return self._detect_arabic(only, words)
        if script == "Latin":
            return self._detect_latin(only, words, letters)
        return NO_EVIDENCE

    def _detect_arabic(self, text: str, words: int) -> Detection:
        chars = set(text)
        if chars & _PERSIAN_ONLY and "fa" in self._arabic_codes:
            return Detection("fa", True, SCRIPT, 1.0)
        persian, arabic = bool(chars & _PERSIAN_FORMS), bool(chars & _ARABIC_FORMS)
        if persian != arabic and words >= 2:
            return Detection("fa" if persian else "ar", True, STRONG, 0.95)
        ranked = self._arabic.probabilities(text) if self._arabic else []
        langdetect_probs = self._ours(ranked)
        combined = self._combine(text, self._arabic_codes, langdetect_probs)
        return self._grade(combined, words, letters=len(text.replace(" ", "")))

    def _detect_latin(self, text: str, words: int, letters: int) -> Detection:
        if set(text) & _TURKISH_LETTERS and "tr" in self._latin_codes and words >= 2:
            return Detection("tr", True, STRONG, 0.95)
        ranked = self._all.probabilities(text)
        langdetect_probs = self._ours(ranked)
        langdetect_probs[OTHER] = sum(p for lang, p in ranked if lang not in self._to_ours)
        combined = self._combine(text, [*self._latin_codes, OTHER], langdetect_probs)
        if combined and max(combined, key=combined.__getitem__) == OTHER:
            foreign = next((lang for lang, _ in ranked if lang not in self._to_ours), OTHER)
            prob = combined[OTHER]
            strong = prob >= 0.9 and words >= 3
            return Detection(foreign, False, STRONG if strong else NONE, prob)
        combined.pop(OTHER, None)
        return self._grade(combined, words, letters)

    def _ours(self, ranked: list[tuple[str, float]]) -> dict[str, float]:
        probs: dict[str, float] = {}
        for lang, prob in ranked:
            code = self._to_ours.get(lang)
            if code is not None:
                probs[code] = probs.get(code, 0.0) + prob
        return probs

    def _combine(
        self, text: str, candidates: list[str], langdetect_probs: dict[str, float]
    ) -> dict[str, float]:
        """P(language) from the n-gram model and langdetect together, over `candidates`."""
        if self._ngram is None:
            total = sum(langdetect_probs.get(c, 0.0) for c in candidates)
            return {c: langdetect_probs.get(c, 0.0) / total for c in candidates} if total else {}
        ngram = probabilities(self._ngram, text, candidates)
        if not ngram:
            return {}
        logs = {
            c: math.log(max(ngram.get(c, 0.0), 1e-12))
            + LANGDETECT_WEIGHT * math.log(max(langdetect_probs.get(c, 0.0), 0.01))
            + (OTHER_LOG_PRIOR if c == OTHER else 0.0)
            for c in ngram
        }
        top = max(logs.values())
        weights = {c: math.exp(v - top) for c, v in logs.items()}
        total = sum(weights.values())
        return {c: w / total for c, w in weights.items()}

    @staticmethod
    def _grade(probs: dict[str, float], words: int, letters: int) -> Detection:
        if not probs:
            return NO_EVIDENCE
        code = max(probs, key=probs.__getitem__)
        prob = probs[code]
        if prob >= 0.9 and (words >= 3 or letters >= 15):
            return Detection(code, True, STRONG, prob)
        if prob >= 0.7 and (words >= 2 or letters >= 8):
            return Detection(code, True, WEAK, prob)
        return Detection(code, True, NONE, prob)


def detector_for(
    languages: Mapping[str, Language], ngram: Pipeline | None = None
) -> LanguageDetector:
    """A detector for the languages of a content catalog (code -> Language)."""
    return LanguageDetector(
        {code: info.langdetect for code, info in languages.items()},
        {code: info.scripts for code, info in languages.items()},
        ngram,
    )

"""Which language a message is written in, and how sure we are.

Script comes first: Ethiopic script is Tigrinya here, Cyrillic is Ukrainian, and Persian-only
letters mark Persian. Within a script, a seeded langdetect restricted to the candidate
languages decides; langdetect with all its 55 profiles recognises languages Wegwijs does not
speak. Short or letterless messages ("ok", "👍", "112") give no evidence at all.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import langdetect
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from bot.content.catalog import Language

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

    `languages` maps each Wegwijs code to its langdetect profiles and unique scripts, as
    content/languages.yml declares them.
    """

    def __init__(
        self,
        langdetect_codes: dict[str, Iterable[str]],
        scripts: dict[str, Iterable[str]],
    ) -> None:
        self._to_ours = {
            profile: code for code, profiles in langdetect_codes.items() for profile in profiles
        }
        self._by_script = {script: code for code, names in scripts.items() for script in names}
        latin = sorted(p for p in self._to_ours if p not in ("ar", "fa", "uk"))
        arabic = sorted(p for p in self._to_ours if p in ("ar", "fa"))
        self._latin = _Factory(latin) if len(latin) > 1 else None
        self._arabic = _Factory(arabic) if len(arabic) > 1 else None
        self._all = _Factory(None)

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
        words = len(_only_script(text, script).split())
        if script == "Arabic":
            return self._detect_arabic(_only_script(text, "Arabic"), words)
        if script == "Latin":
            return self._detect_latin(_only_script(text, "Latin"), words, letters)
        return NO_EVIDENCE

    def _detect_arabic(self, text: str, words: int) -> Detection:
        chars = set(text)
        if chars & _PERSIAN_ONLY and "fa" in self._to_ours:
            return Detection("fa", True, SCRIPT, 1.0)
        persian, arabic = bool(chars & _PERSIAN_FORMS), bool(chars & _ARABIC_FORMS)
        if persian != arabic and words >= 2:
            return Detection("fa" if persian else "ar", True, STRONG, 0.95)
        ranked = self._arabic.probabilities(text) if self._arabic else [("ar", 1.0)]
        return self._grade(ranked, words, letters=len(text.replace(" ", "")))

    def _detect_latin(self, text: str, words: int, letters: int) -> Detection:
        if set(text) & _TURKISH_LETTERS and "tr" in self._to_ours and words >= 2:
            return Detection("tr", True, STRONG, 0.95)
        foreign = self._foreign(text, words)
        if foreign is not None:
            return foreign
        ranked = self._latin.probabilities(text) if self._latin else []
        return self._grade(ranked, words, letters)

    def _foreign(self, text: str, words: int) -> Detection | None:
        """A confident detection of a language Wegwijs does not speak."""
        if words < 4:
            return None
        ranked = self._all.probabilities(text)
        if not ranked:
            return None
        top, prob = ranked[0]
        known = sum(p for lang, p in ranked if lang in self._to_ours)
        if top not in self._to_ours and prob >= 0.95 and known < 0.05:
            return Detection(top, False, STRONG, prob)
        return None

    def _grade(self, ranked: list[tuple[str, float]], words: int, letters: int) -> Detection:
        if not ranked:
            return NO_EVIDENCE
        top, prob = ranked[0]
        code = self._to_ours.get(top)
        if code is None:
            return NO_EVIDENCE
        if prob >= 0.9 and (words >= 3 or letters >= 15):
            return Detection(code, True, STRONG, prob)
        if prob >= 0.7 and (words >= 2 or letters >= 8):
            return Detection(code, True, WEAK, prob)
        return Detection(code, True, NONE, prob)


def detector_for(languages: Mapping[str, Language]) -> LanguageDetector:
    """A detector for the languages of a content catalog (code -> Language)."""
    return LanguageDetector(
        {code: info.langdetect for code, info in languages.items()},
        {code: info.scripts for code, info in languages.items()},
    )

"""Spelling normalisation that lets one model read how people really type.

Users of one language type the same word in several ways: Arabic with or without hamza and
diacritics, Persian and Arabic forms of yeh and kaf, Turkish with or without its letters.
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d\u200e\u200f]")
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ی",
        "ي": "ی",
        "ك": "ک",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ی",
        "İ": "i",
        "I": "i",
        "ı": "i",
        "ş": "s",
        "ğ": "g",
        "ç": "c",
        "ö": "o",
        "ü": "u",
        "’": "'",
    }
)


def normalize_token(text: str) -> str:
    """Case- and spelling-folded form of one token (the original text is kept elsewhere)."""
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text).translate(_FOLD).lower()
    return text


_WORD = re.compile(r"[^\W_]+(?:[\u064b-\u065f\u0670\u0640\u200c\u0300-\u036f][^\W_]*)*", re.UNICODE)


def normalize_text(text: str) -> str:
    """The whole message as normalised words separated by single spaces."""
    words = (normalize_token(word) for word in _WORD.findall(text or ""))
    return " ".join(word for word in words if word)

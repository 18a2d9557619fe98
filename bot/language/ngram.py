"""A character n-gram language model trained on Wegwijs' own data.

langdetect was trained on Wikipedia; newcomers write short chat messages full of Dutch
loanwords. This model learns from the NLU training examples of every language plus a list of
everyday words per language (bot/language/lexicon/<lang>.txt), and from the same kind of text
in languages Wegwijs does not speak (class `xx`). It is a multinomial naive Bayes over
character 1-5-grams: robust on one or two words, cheap to train and to run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
from rasa.shared.nlu.training_data.loading import load_data
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import Pipeline, make_pipeline

OTHER = "xx"
_NOT_LETTER = re.compile(r"[^\w\s'’]|[\d_]")


def prepare(text: str) -> str:
    return " " + " ".join(_NOT_LETTER.sub(" ", text.lower()).split()) + " "


def training_texts(nlu_folder: Path, lexicon_folder: Path) -> dict[str, list[str]]:
    """Texts per language code from data/nlu/<code>/ and bot/language/lexicon/<code>.txt."""
    texts: dict[str, list[str]] = {}
    for folder in sorted(p for p in nlu_folder.iterdir() if p.is_dir()):
        examples = load_data(str(folder)).intent_examples
        texts.setdefault(folder.name, []).extend(m.get("text") for m in examples)
    for path in sorted(lexicon_folder.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts.setdefault(path.stem, []).extend(line for line in lines if line.strip())
    return texts


def train(texts: Mapping[str, Iterable[str]]) -> Pipeline:
    samples, labels = [], []
    for language, items in texts.items():
        for item in items:
            samples.append(prepare(item))
            labels.append(language)
    model = make_pipeline(
        CountVectorizer(analyzer="char_wb", ngram_range=(1, 5)), MultinomialNB(alpha=0.05)
    )
    return model.fit(samples, np.asarray(labels))


def probabilities(model: Pipeline, text: str, candidates: Iterable[str]) -> dict[str, float]:
    """P(language | text) renormalised over `candidates` (those the model knows)."""
    row = model.predict_log_proba([prepare(text)])[0]
    index = {label: i for i, label in enumerate(model.classes_)}
    known = [c for c in candidates if c in index]
    if not known:
        return {}
    logs = np.array([row[index[c]] for c in known])
    logs -= logs.max()
    weights = np.exp(logs)
    return dict(zip(known, (weights / weights.sum()).tolist(), strict=False))

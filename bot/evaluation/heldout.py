"""Intent accuracy and macro-F1 per language on the held-out files tests/nlu/<lang>.yml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import accuracy_score, f1_score

from bot.evaluation.threads import run_coroutine


@dataclass(frozen=True)
class LanguageScore:
    language: str
    examples: int
    accuracy: float
    macro_f1: float
    errors: tuple[tuple[str, str, str], ...]  # (text, expected, predicted)


def heldout_examples(folder: Path) -> dict[str, list[tuple[str, str]]]:
    """{language: [(text, intent), ...]} from every tests/nlu/<lang>.yml."""
    result = {}
    for path in sorted(folder.glob("*.yml")):
        data = load_data(str(path))
        result[path.stem] = [(m.get("text"), m.get("intent")) for m in data.intent_examples]
    return result


async def _predict(agent, texts: list[str]) -> list[str]:
    predictions = []
    for text in texts:
        parsed = await agent.parse_message(text)
        predictions.append(parsed["intent"]["name"])
    return predictions


def score(agent, examples: dict[str, list[tuple[str, str]]]) -> dict[str, LanguageScore]:
    scores = {}
    for language, pairs in examples.items():
        texts = [text for text, _ in pairs]
        expected = [intent for _, intent in pairs]
        predicted = run_coroutine(_predict(agent, texts))
        errors = tuple(
            (t, e, p) for t, e, p in zip(texts, expected, predicted, strict=False) if e != p
        )
        scores[language] = LanguageScore(
            language=language,
            examples=len(pairs),
            accuracy=float(accuracy_score(expected, predicted)),
            macro_f1=float(f1_score(expected, predicted, average="macro", zero_division=0)),
            errors=errors,
        )
    return scores


def load_agent(model: Path):
    import logging

    import structlog
    from rasa.core.agent import Agent

    # Outside `rasa run` nothing configures structlog, whose DEBUG events print message text.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.INFO))
    return Agent.load(str(model))

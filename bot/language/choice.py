"""Which language Wegwijs answers in: explicit choice, then preference, then evidence.

Pure decision logic; `actions/context.py` feeds it the conversation state and the latest
message. A single message switches the language only on strong evidence (a script only one
supported language uses, or a long message detected with confidence), and not at all after the
user explicitly chose a language; weaker evidence asks "continue in X?" and switches when the
next message agrees. A message without evidence ("ok", "👍", "112") changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from bot.language.detect import NONE, SCRIPT, STRONG, WEAK


@dataclass(frozen=True)
class LanguageState:
    language: str | None
    candidate: str | None = None
    explicit: bool = False


@dataclass(frozen=True)
class Decision:
    language: str
    candidate: str | None
    explicit: bool
    ask_about: str | None = None  # ask "continue in <this language>?"


def decide(
    state: LanguageState,
    supported: Collection[str],
    default: str,
    chosen: str | None = None,
    widget_language: str | None = None,
    detected: str | None = None,
    evidence: str = NONE,
) -> Decision:
    if chosen is not None and chosen in supported:
        return Decision(language=chosen, candidate=None, explicit=True)
    current = default
    for candidate in (state.language, widget_language):
        if candidate is not None and candidate in supported:
            current = candidate
            break
    keep = Decision(current, state.candidate, state.explicit)
    if detected is None or detected not in supported or evidence not in (SCRIPT, STRONG, WEAK):
        return keep
    if detected == current:
        return Decision(current, None, state.explicit)
    agrees_with_last = state.candidate == detected
    if evidence in (SCRIPT, STRONG) and not state.explicit:
        return Decision(detected, None, False)
    if agrees_with_last:
        return Decision(detected, None, False)
    return Decision(current, detected, state.explicit, ask_about=detected)

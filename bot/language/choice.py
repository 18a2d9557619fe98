"""Which language Wegwijs answers in: explicit choice, then preference, then evidence.

Pure decision logic; `actions/context.py` feeds it the conversation state and the latest
message. A single message switches the language only on strong evidence (a script only one
supported language uses, or a long message detected with confidence), and not at all after the
user explicitly chose a language; weaker evidence asks "continue in X?" and switches when the
next message agrees. A message without evidence ("ok", "👍", "112") changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Optional

from bot.language.detect import NONE, SCRIPT, STRONG, WEAK


@dataclass(frozen=True)
class LanguageState:
    language: Optional[str]
    candidate: Optional[str] = None
    explicit: bool = False


@dataclass(frozen=True)
class Decision:
    language: str
    candidate: Optional[str]
    explicit: bool
    ask_about: Optional[str] = None  # ask "continue in <this language>?"


def decide(
    state: LanguageState,
    supported: Collection[str],
    default: str,
    chosen: Optional[str] = None,
    widget_language: Optional[str] = None,
    detected: Optional[str] = None,
    evidence: str = NONE,
) -> Decision:
    if chosen in supported:
        return Decision(language=chosen, candidate=None, explicit=True)  # type: ignore[arg-type]
    current = state.language if state.language in supported else None
    if current is None:
        current = widget_language if widget_language in supported else default
    keep = Decision(current, state.candidate, state.explicit)
    if detected not in supported or evidence not in (SCRIPT, STRONG, WEAK):
        return keep
    if detected == current:
        return Decision(current, None, state.explicit)
    agrees_with_last = state.candidate == detected
    if evidence in (SCRIPT, STRONG) and not state.explicit:
        return Decision(detected, None, False)  # type: ignore[arg-type]
    if agrees_with_last:
        return Decision(detected, None, False)  # type: ignore[arg-type]
    return Decision(current, detected, state.explicit, ask_about=detected)

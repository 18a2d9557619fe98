"""Saving and loading scikit-learn models inside a Rasa model, without pickle.

skops refuses to build any type it was not told to trust; Wegwijs trusts only types from
scikit-learn, NumPy and SciPy, so a tampered model file cannot run code when it is loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import skops.io as sio

TRUSTED_MODULES = ("sklearn.", "numpy.", "scipy.", "builtins.")


def save_model(model: Any, path: Path) -> None:
    sio.dump(model, path)


def load_model(path: Path) -> Any:
    types = sio.get_untrusted_types(file=path)
    refused = [name for name in types if not name.startswith(TRUSTED_MODULES)]
    if refused:
        raise ValueError(f"refusing to load a model with untrusted types: {refused}")
    return sio.load(path, trusted=types)

"""H: supply chain. A tampered model file cannot run code when Wegwijs loads it."""

from __future__ import annotations

import builtins

import pytest
import skops.io as sio
from sklearn.linear_model import LogisticRegression

from bot.nlu.storage import load_model, save_model


def test_H1_model_files_with_untrusted_types_are_refused(tmp_path):
    safe = tmp_path / "safe.skops"
    save_model(LogisticRegression(), safe)
    assert isinstance(load_model(safe), LogisticRegression)
    tampered = tmp_path / "tampered.skops"
    sio.dump({"call": builtins.exec}, tampered)
    with pytest.raises(ValueError, match="untrusted types"):
        load_model(tampered)

"""Saving and loading scikit-learn models inside a Rasa model, without pickle.

skops refuses to build any type it was not told to trust; beyond skops' own safe defaults,
Wegwijs trusts only the exact types its models contain (no module prefixes: `builtins.`
alone would admit `exec`), so a tampered model file cannot run code when it is loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

TRUSTED_TYPES = frozenset({"scipy.sparse._csr.csr_matrix"})


def save_model(model: Any, path: Path) -> None:
    sio.dump(model, path)


def load_model(path: Path) -> Any:
    types = sio.get_untrusted_types(file=path)
    refused = [name for name in types if name not in TRUSTED_TYPES]
    if refused:
        raise ValueError(f"refusing to load a model with untrusted types: {refused}")
    return sio.load(path, trusted=types)


class StoredModelComponent(GraphComponent):
    """A trainable Rasa component whose state is one scikit-learn model stored with skops.

    Subclasses name the file (`MODEL_FILE`), give `get_default_config`, and call
    `store(model)` at the end of `train`; `self.model` is the loaded model or None.
    """

    MODEL_FILE = "model.skops"

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Any = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> StoredModelComponent:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> StoredModelComponent:
        with model_storage.read_from(resource) as folder:
            model = load_model(folder / cls.MODEL_FILE)
        return cls(config, model_storage, resource, model)

    def store(self, model: Any) -> Resource:
        self.model = model
        with self._storage.write_to(self._resource) as folder:
            save_model(model, folder / self.MODEL_FILE)
        return self._resource

from __future__ import annotations

import pytest

from tests.stack_runner import start_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    running = start_stack(tmp_path_factory.mktemp("stack"))
    yield running
    running.stop()

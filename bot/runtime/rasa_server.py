"""Start Rasa (`rasa run`, `rasa shell`, ...) with Wegwijs' runtime settings applied.

Usage: python -m bot.runtime.rasa_server run --enable-api ...  (same arguments as `rasa`)
"""

from __future__ import annotations

import os

from bot.runtime import rasa_patches
from bot.settings import get_settings


def main() -> None:
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    settings = get_settings()
    rasa_patches.apply(settings)
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()

"""Logging for Wegwijs processes: one JSON object per line, never message text.

Only the fields named in SAFE_FIELDS travel from a log call's `extra` into the output, so a
careless `extra={"text": ...}` cannot leak a user's message; newlines in messages are escaped
by JSON, so user input cannot forge log lines.
"""

from __future__ import annotations

import json
import logging
import sys
import time

from bot.settings import Settings

SAFE_FIELDS = (
    "action",
    "placeholder",
    "error_type",
    "status",
    "count",
    "table",
    "language",
    "partner",
    "handoff_id",
    "duration_ms",
    "path",
    "method",
    "event",
    "reason",
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in SAFE_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info and record.exc_info[0] is not None:
            entry["error_type"] = record.exc_info[0].__name__
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)

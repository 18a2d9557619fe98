"""Office hours of a partner: is someone there now, and when is the next opening."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Amsterdam")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _slots(office_hours: dict, day: str) -> list[tuple[time, time]]:
    return [
        (time.fromisoformat(start), time.fromisoformat(end))
        for start, end in office_hours.get(day) or []
    ]


def is_open(office_hours: dict, now: datetime) -> bool:
    """`now` must be timezone-aware."""
    local = now.astimezone(LOCAL)
    today = WEEKDAYS[local.weekday()]
    return any(start <= local.time() < end for start, end in _slots(office_hours, today))


def next_opening(office_hours: dict, now: datetime) -> tuple[str, str] | None:
    """(weekday key, "HH:MM") of the next opening after `now`, within a week; None if never."""
    local = now.astimezone(LOCAL)
    for offset in range(8):
        day = local + timedelta(days=offset)
        key = WEEKDAYS[day.weekday()]
        for start, _end in sorted(_slots(office_hours, key)):
            if offset > 0 or start > local.time():
                return key, start.strftime("%H:%M")
    return None

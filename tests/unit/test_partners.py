"""Partner directory: seeding, office hours and routing by topic, municipality and language."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.db.base import session_factory
from bot.partners.hours import is_open, next_opening
from bot.partners.models import Organisation
from bot.partners.routing import route
from bot.partners.seed import seed
from tests.conftest import ROOT

HOURS = {"mon": [["09:00", "17:00"]], "fri": [["09:00", "12:30"]]}


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def test_office_hours_are_local_time_across_daylight_saving():
    # 2026-11-30 is a Monday; Amsterdam is UTC+1 in winter and UTC+2 in summer.
    assert is_open(HOURS, utc("2026-11-30T08:30:00"))
    assert not is_open(HOURS, utc("2026-11-30T07:30:00"))
    assert is_open(HOURS, utc("2026-06-01T07:30:00"))
    assert not is_open(HOURS, utc("2026-11-30T16:30:00"))


def test_next_opening_skips_closed_days():
    friday_afternoon = utc("2026-12-04T13:00:00")
    assert next_opening(HOURS, friday_afternoon) == ("mon", "09:00")
    monday_early = utc("2026-11-30T06:00:00")
    assert next_opening(HOURS, monday_early) == ("mon", "09:00")
    assert next_opening({}, monday_early) is None


def test_seed_loads_the_demo_partners_once_and_prints_demo_logins(wegwijs_db):
    lines = seed()
    assert len([line for line in lines if "@wegwijs.example" in line]) == 5
    assert seed() == lines  # second start: nothing added, the same log-ins shown
    with session_factory(wegwijs_db)() as db:
        slugs = {org.slug for org in db.query(Organisation)}
    assert slugs == {
        "lindewaard-gemeente",
        "lindewaard-vluchtelingenwerk",
        "lindewaard-coc",
        "lindewaard-taalhuis",
    }
    assert (ROOT / "content/municipalities/lindewaard/partners.yml").exists()


def test_routing_by_kind_language_and_confidentiality(wegwijs_db):
    with session_factory(wegwijs_db)() as db:
        db.add_all(
            [
                Organisation(
                    slug="m", municipality="x", kind="municipality", name="M", languages=["nl"]
                ),
                Organisation(
                    slug="v1",
                    municipality="x",
                    kind="vluchtelingenwerk",
                    name="V1",
                    languages=["nl"],
                ),
                Organisation(
                    slug="v2",
                    municipality="x",
                    kind="vluchtelingenwerk",
                    name="V2",
                    languages=["nl", "ti"],
                ),
                Organisation(
                    slug="c", municipality="x", kind="coc", name="C", takes_confidential=True
                ),
                Organisation(slug="other", municipality="y", kind="taalhuis", name="T"),
            ]
        )
        db.flush()
        pick = lambda **kw: route(db, municipality="x", **kw)  # noqa: E731
        assert pick(kind="vluchtelingenwerk", language="ti").slug == "v2"
        assert pick(kind="vluchtelingenwerk", language="ar").slug == "v1"
        assert pick(kind="taalhuis", language="nl").slug == "m"  # none in x: the municipality
        assert pick(kind="coc", language="fa", confidential=True).slug == "c"
        # A confidential topic never falls back to the municipality.
        assert pick(kind="taalhuis", language="nl", confidential=True) is None
        assert route(db, municipality="nowhere", kind="coc", language="nl") is None

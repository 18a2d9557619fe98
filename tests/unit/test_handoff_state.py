"""The ownership state machine, on SQLite and on the local PostgreSQL, including races."""

from __future__ import annotations

import threading
import uuid

import pytest
import sqlalchemy as sa

from bot.db.base import session_factory
from bot.db.migrate import upgrade
from bot.handoff import service
from bot.handoff.models import BOT, CLOSED, HUMAN, WAITING, Handoff, Transition
from bot.partners.models import Organisation

POSTGRES = "postgresql://root@127.0.0.1:5432/"


def _postgres_url():
    name = "wegwijs_test_" + uuid.uuid4().hex[:8]
    admin = sa.create_engine(POSTGRES + "postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f"CREATE DATABASE {name}"))
    except sa.exc.OperationalError:
        pytest.fail("PostgreSQL on 127.0.0.1:5432 is not reachable")
    return POSTGRES + name, admin, name


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'wegwijs.db'}"
        upgrade(url)
        yield url
        return
    url, admin, name = _postgres_url()
    upgrade(url)
    yield url
    from bot.db.base import engine_for

    engine_for(url).dispose()
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))


@pytest.fixture
def make_session(database):
    return session_factory(database)


@pytest.fixture
def organisations(make_session):
    with make_session() as db:
        first = Organisation(slug="o1", municipality="lindewaard", kind="municipality", name="A")
        second = Organisation(slug="o2", municipality="lindewaard", kind="coc", name="B")
        db.add_all([first, second])
        db.commit()
        return first.id, second.id


def request(db, conversation="w" + "1" * 32, organisation=None):
    return service.request_handoff(
        db,
        conversation_id=conversation,
        organisation_id=organisation,
        language="ar",
        consent_version="consent-v1",
        topic="housing",
    )


def test_full_cycle_records_every_transition(make_session, organisations):
    org, _ = organisations
    worker = uuid.uuid4()
    with make_session() as db:
        handoff = request(db, organisation=org)
        assert service.owner_of(db, handoff.conversation_id) == WAITING
        service.claim(db, handoff_id=handoff.id, caseworker_id=worker, organisation_id=org)
        assert service.owner_of(db, handoff.conversation_id) == HUMAN
        service.release(db, handoff_id=handoff.id, caseworker_id=worker, organisation_id=org)
        assert service.owner_of(db, handoff.conversation_id) == BOT
        db.commit()
        moves = db.execute(
            sa.select(Transition.from_owner, Transition.to_owner).order_by(Transition.at)
        ).all()
    assert [tuple(m) for m in moves] == [(BOT, WAITING), (WAITING, HUMAN), (HUMAN, BOT)]


def test_second_request_returns_the_open_handoff(make_session, organisations):
    org, _ = organisations
    with make_session() as db:
        first = request(db, organisation=org)
        second = request(db, organisation=org)
        db.commit()
        assert first.id == second.id
        assert db.execute(sa.select(sa.func.count()).select_from(Handoff)).scalar() == 1


def test_the_database_refuses_a_second_open_handoff(make_session, organisations):
    org, _ = organisations
    with make_session() as db:
        request(db, organisation=org)
        db.commit()
        db.add(
            Handoff(
                conversation_id="w" + "1" * 32,
                organisation_id=org,
                language="nl",
                consent_version="v",
                state=WAITING,
            )
        )
        with pytest.raises(sa.exc.IntegrityError):
            db.commit()


def test_C6_double_click_from_two_processes_gives_one_handoff(make_session, organisations):
    org, _ = organisations
    barrier = threading.Barrier(2)
    results = []

    def click():
        with make_session() as db:
            barrier.wait()
            results.append(request(db, conversation="w" + "2" * 32, organisation=org).id)
            db.commit()

    threads = [threading.Thread(target=click) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert len(results) == 2 and results[0] == results[1]


def test_two_caseworkers_claim_at_once_one_wins(make_session, organisations):
    org, _ = organisations
    with make_session() as db:
        handoff_id = request(db, organisation=org).id
        db.commit()
    barrier = threading.Barrier(2)
    outcomes = []

    def claim():
        with make_session() as db:
            barrier.wait()
            try:
                service.claim(
                    db, handoff_id=handoff_id, caseworker_id=uuid.uuid4(), organisation_id=org
                )
                db.commit()
                outcomes.append("won")
            except (service.HandoffError, sa.exc.OperationalError):
                db.rollback()
                outcomes.append("lost")

    threads = [threading.Thread(target=claim) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(outcomes) == ["lost", "won"]


def test_A1_another_organisation_cannot_see_or_claim(make_session, organisations):
    org, other = organisations
    with make_session() as db:
        handoff = request(db, organisation=org)
        with pytest.raises(service.HandoffError) as error:
            service.claim(
                db, handoff_id=handoff.id, caseworker_id=uuid.uuid4(), organisation_id=other
            )
        assert error.value.code == "not_found"
        with pytest.raises(service.HandoffError) as missing:
            service.claim(
                db, handoff_id=uuid.uuid4(), caseworker_id=uuid.uuid4(), organisation_id=other
            )
        assert missing.value.code == error.value.code


def test_closed_and_stale_actions_are_refused(make_session, organisations):
    org, _ = organisations
    worker = uuid.uuid4()
    with make_session() as db:
        handoff = request(db, organisation=org)
        service.close(db, handoff_id=handoff.id, caseworker_id=worker, organisation_id=org)
        assert service.owner_of(db, handoff.conversation_id) == CLOSED
        for action in (service.claim, service.close):
            with pytest.raises(service.HandoffError):
                action(db, handoff_id=handoff.id, caseworker_id=worker, organisation_id=org)
        service.reopen_for_bot(db, conversation_id=handoff.conversation_id)
        assert service.owner_of(db, handoff.conversation_id) == BOT


def test_withdrawing_while_waiting_returns_to_the_bot(make_session, organisations):
    org, _ = organisations
    with make_session() as db:
        handoff = request(db, organisation=org)
        assert service.withdraw(db, conversation_id=handoff.conversation_id).state == "withdrawn"
        assert service.owner_of(db, handoff.conversation_id) == BOT
        assert service.open_handoff(db, handoff.conversation_id) is None

"""The console HTTP API (documented in docs/console-api.md and at /api/openapi.json).

Handlers are synchronous (FastAPI runs them in worker threads), each with its own database
transaction that commits before the answer leaves; calls to the chat relay go back to the
event loop with `anyio.from_thread`.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

import anyio.from_thread
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.channels.ratelimit import SlidingWindowLimiter
from bot.console import accounts, relay_client, service
from bot.console.events import event_stream
from bot.console.models import COORDINATOR, AuditRecord, Caseworker
from bot.db.base import session_scope, utcnow
from bot.handoff import service as handoffs
from bot.handoff.service import HandoffError
from bot.partners.models import Organisation
from bot.settings import get_settings

COOKIE = "wegwijs_console"
CSRF_HEADER = "X-CSRF-Token"
WRITES_PER_MINUTE = 60
STATUS = {
    "not_found": 404,
    "forbidden": 403,
    "csrf": 403,
    "not_logged_in": 401,
    "invalid_credentials": 401,
    "totp_required": 401,
    "too_many_attempts": 429,
    "rate_limited": 429,
    "empty": 400,
    "too_long": 400,
    "unavailable": 503,
}
router = APIRouter(prefix="/api", tags=["console"])
_write_limiter = SlidingWindowLimiter(WRITES_PER_MINUTE)


class ApiError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Login(BaseModel):
    email: str = Field(..., max_length=254)
    password: str = Field(..., max_length=1024)
    totp: str | None = Field(None, max_length=12)


class Text(BaseModel):
    text: str = Field(..., max_length=100_000)


class Duty(BaseModel):
    on_duty: bool


@contextmanager
def _signed_in(request: Request, write: bool = False) -> Iterator[tuple[Session, Caseworker]]:
    """A transaction for a logged-in caseworker; writes also need the CSRF token.

    A request for a conversation the caller may not see is audited as "denied" (without the
    id: the caller's organisation must not learn which ids exist elsewhere).
    """
    denied: tuple[Any, Any] | None = None
    try:
        with session_scope() as db:
            found = accounts.session_for(db, request.cookies.get(COOKIE))
            if found is None:
                raise ApiError("not_logged_in")
            session, actor = found
            if write:
                given = request.headers.get(CSRF_HEADER, "")
                if not hmac.compare_digest(given.encode(), session.csrf_token.encode()):
                    raise ApiError("csrf")
                if not _write_limiter.allow(str(actor.id)):
                    raise ApiError("rate_limited")
            actor.last_seen = utcnow()
            try:
                yield db, actor
            except HandoffError as error:
                if error.code == "not_found":
                    denied = (actor.organisation_id, actor.id)
                raise
    finally:
        if denied:  # recorded after the failed transaction rolled back
            with session_scope() as db:
                db.add(AuditRecord(organisation_id=denied[0], actor_id=denied[1], action="denied"))


def _me(db: Session, actor: Caseworker, csrf: str) -> dict[str, Any]:
    organisation = db.get(Organisation, actor.organisation_id)
    return {"caseworker": service.caseworker_view(actor, organisation), "csrf_token": csrf}


def _clean(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise ApiError("empty")
    if len(cleaned) > get_settings().max_message_chars:
        raise ApiError("too_long")
    return cleaned


@router.post("/login")
def login(body: Login, response: Response) -> dict[str, Any]:
    error = None
    with session_scope() as db:
        try:
            new = accounts.log_in(db, body.email, body.password, body.totp)
        except accounts.LoginError as failure:
            error = failure.code  # the failed attempt is counted when this block commits
        else:
            answer = _me(db, new.caseworker, new.csrf_token)
    if error:
        raise ApiError(error)
    response.set_cookie(
        COOKIE,
        new.token,
        max_age=accounts.SESSION_HOURS * 3600,
        httponly=True,
        samesite="strict",
        secure=not get_settings().console_insecure_cookie,
        path="/",
    )
    return answer


@router.post("/logout", status_code=204)
def logout(request: Request) -> Response:
    with _signed_in(request, write=True) as (db, _actor):
        accounts.log_out(db, request.cookies.get(COOKIE, ""))
    answer = Response(status_code=204)
    answer.delete_cookie(COOKIE, path="/")
    return answer


@router.get("/me")
def me(request: Request) -> dict[str, Any]:
    with session_scope() as db:
        found = accounts.session_for(db, request.cookies.get(COOKIE))
        if found is None:
            raise ApiError("not_logged_in")
        session, actor = found
        return _me(db, actor, session.csrf_token)


@router.get("/handoffs")
def list_handoffs(request: Request, state: str = "open") -> dict[str, Any]:
    with _signed_in(request) as (db, actor):
        return {"handoffs": service.queue(db, actor, include_closed=state == "all")}


@router.get("/handoffs/{handoff_id}")
def get_handoff(handoff_id: str, request: Request) -> dict[str, Any]:
    with _signed_in(request) as (db, actor):
        handoff = service.visible_handoff(db, actor, handoff_id)
        return service.handoff_detail(db, actor, handoff)


def _partner_name(db: Session, organisation_id: Any) -> str:
    organisation = db.get(Organisation, organisation_id)
    return organisation.name if organisation else ""


@router.post("/handoffs/{handoff_id}/claim")
def claim(handoff_id: str, request: Request) -> dict[str, Any]:
    with _signed_in(request, write=True) as (db, actor):
        handoff = service.visible_handoff(db, actor, handoff_id)
        handoffs.claim(
            db, handoff_id=handoff.id, caseworker_id=actor.id, organisation_id=actor.organisation_id
        )
        service.audit(db, actor, "claim", handoff.id)
        conversation, partner = handoff.conversation_id, _partner_name(db, handoff.organisation_id)
        summary = service.handoff_summary(db, handoff, actor)
    anyio.from_thread.run(relay_client.marker, conversation, "joined", partner)
    return {"handoff": summary}


@router.post("/handoffs/{handoff_id}/reply", status_code=201)
def reply(handoff_id: str, body: Text, request: Request) -> dict[str, Any]:
    text = _clean(body.text)
    with _signed_in(request, write=True) as (db, actor):
        handoff = service.visible_handoff(db, actor, handoff_id)
        if handoff.state != "human" or handoff.claimed_by != actor.id:
            raise HandoffError("not_yours")
        service.audit(db, actor, "reply", handoff.id)
        conversation, language = handoff.conversation_id, handoff.language
    try:
        deliver = partial(relay_client.send, conversation, "reply", text=text, language=language)
        sent = anyio.from_thread.run(deliver)
    except relay_client.RelayUnavailable:
        raise ApiError("unavailable") from None
    info = {"language": language, "direction": service.direction(language)}
    message = {"id": sent.get("id"), "role": "person", "text": text, "at": sent.get("at"), **info}
    return {"message": message}


@router.post("/handoffs/{handoff_id}/notes", status_code=201)
def add_note(handoff_id: str, body: Text, request: Request) -> dict[str, Any]:
    text = _clean(body.text)
    with _signed_in(request, write=True) as (db, actor):
        handoff = service.visible_handoff(db, actor, handoff_id)
        return {"note": service.add_note(db, actor, handoff, text)}


def _end(handoff_id: str, request: Request, action: str) -> dict[str, Any]:
    with _signed_in(request, write=True) as (db, actor):
        handoff = service.visible_handoff(db, actor, handoff_id)
        taken_by_another = handoff.state == "human" and handoff.claimed_by != actor.id
        if action == "closed" and taken_by_another and actor.role != COORDINATOR:
            raise HandoffError("not_yours")  # a coordinator may close a colleague's case
        change = handoffs.release if action == "released" else handoffs.close
        change(
            db, handoff_id=handoff.id, caseworker_id=actor.id, organisation_id=actor.organisation_id
        )
        service.audit(db, actor, action, handoff.id)
        conversation = handoff.conversation_id
        summary = service.handoff_summary(db, handoff, actor)
    anyio.from_thread.run(relay_client.marker, conversation, action)
    return {"handoff": summary}


@router.post("/handoffs/{handoff_id}/release")
def release(handoff_id: str, request: Request) -> dict[str, Any]:
    return _end(handoff_id, request, "released")


@router.post("/handoffs/{handoff_id}/close")
def close(handoff_id: str, request: Request) -> dict[str, Any]:
    return _end(handoff_id, request, "closed")


@router.get("/canned")
def canned(request: Request, language: str = "nl") -> dict[str, Any]:
    with _signed_in(request):
        return {"replies": service.canned_replies(language)}


@router.get("/team")
def team(request: Request) -> dict[str, Any]:
    with _signed_in(request) as (db, actor):
        return {"members": service.team(db, actor)}


@router.post("/duty")
def duty(body: Duty, request: Request) -> dict[str, Any]:
    with _signed_in(request, write=True) as (db, actor):
        actor.on_duty = body.on_duty
        service.audit(db, actor, "on_duty" if body.on_duty else "off_duty", None)
        return {"on_duty": actor.on_duty}


@router.get("/audit")
def audit_log(request: Request) -> dict[str, Any]:
    with _signed_in(request) as (db, actor):
        return {"records": service.audit_log(db, actor)}


@router.get("/events")
def events(request: Request) -> StreamingResponse:
    with _signed_in(request) as (_db, actor):
        token, caseworker_id = request.cookies.get(COOKIE, ""), actor.id
    return StreamingResponse(
        event_stream(request, token, caseworker_id),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


def install(app: FastAPI) -> None:
    app.include_router(router)

    @app.exception_handler(ApiError)
    async def api_error(_: Request, error: ApiError) -> JSONResponse:
        return JSONResponse({"error": error.code}, status_code=STATUS.get(error.code, 400))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        # Unknown API paths answer in the API's own shape, like an unknown conversation.
        if request.url.path.startswith("/api/") and error.status_code == 404:
            return JSONResponse({"error": "not_found"}, status_code=404)
        return await http_exception_handler(request, error)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": "invalid"}, status_code=400)

    @app.exception_handler(HandoffError)
    async def handoff_error(_: Request, error: HandoffError) -> JSONResponse:
        return JSONResponse({"error": error.code}, status_code=STATUS.get(error.code, 409))

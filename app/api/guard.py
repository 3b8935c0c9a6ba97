"""The outermost layer of every HTTP request: size and rate limits before anything is parsed, security headers on
every answer (errors included), and a JSON 500 for anything unexpected.

It is plain ASGI around the whole application (Socket.IO's HTTP transport included), so that a body too large is
refused while it streams in, before FastAPI or engine.io read it, and so that even a 500 made by Starlette's last-resort
handler carries the headers.
"""

import json
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException

from app.adapters.rate_limiter import RateLimiter, Scope
from app.config import Settings

log = logging.getLogger(__name__)

Scope_ = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope_, Receive, Send], Awaitable[None]]

SECURITY_HEADERS = {
    # connect-src 'self' also allows this origin's ws:/wss: (CSP level 3); sockets to other hosts are refused.
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}

MEDIA_UPLOAD = re.compile(r"^/api/v1/recordings/[^/]+/media$")
# Routes anyone may call with only an invite code: counted per address on top of the general limit.
INVITE_ROUTES = (re.compile(r"^/api/v1/join$"), re.compile(r"^/api/v1/invite/"), re.compile(r"^/api/v1/invitations/"))
# Giving or taking back an e-mail address: counted per address on top of the general limit (reading it is not).
MAIL_ADDRESS_ROUTE = re.compile(r"^/api/v1/me/email/?$")
SOCKET_PATH = "/socket.io/"


class BodyTooLarge(HTTPException):
    """Raised from `receive` when the body passes the limit. An HTTPException, so that FastAPI's body parsing lets
    it through (it turns other errors into 400) and its handler answers 413 `too_large`."""

    def __init__(self, limit: int):
        super().__init__(413, too_large(limit).message)
        self.limit = limit


@dataclass(frozen=True)
class Answer:
    status: int
    code: str
    message: str
    headers: tuple[tuple[bytes, bytes], ...] = ()


def client_address(scope: Scope_) -> str:
    # uvicorn runs without proxy headers: the address is the peer's. Behind a proxy, every request shares the
    # proxy's address, so run uvicorn with --proxy-headers there (see docs/security.md).
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class Guard:
    def __init__(self, app: ASGIApp, settings: Settings, limiter: RateLimiter):
        self.app = app
        self.settings = settings
        self.limiter = limiter

    def body_limit(self, scope: Scope_) -> int:
        if scope.get("method") == "PUT" and MEDIA_UPLOAD.match(scope.get("path", "")):
            return self.settings.max_recording_bytes
        if scope.get("path", "").startswith(SOCKET_PATH):
            return self.settings.max_socket_message_bytes
        return self.settings.max_request_bytes

    async def __call__(self, scope: Scope_, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                if path.startswith("/api/") and b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        refusal = await self.refuse_early(scope, path)
        if refusal is not None:
            await self.answer(send_with_headers, refusal)
            return

        limit = self.body_limit(scope)
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except BodyTooLarge as exc:
            if not started:
                await self.answer(send_with_headers, too_large(exc.limit))
        except Exception:
            # FastAPI's handlers answer every error they know; this is the last resort, e.g. an error in a
            # middleware. Starlette may already have answered 500 (and re-raised): then only log.
            log.exception("unhandled error in %s %s", scope.get("method"), path)
            if not started:
                await self.answer(send_with_headers, Answer(500, "internal_error", "Something went wrong on the server."))

    async def refuse_early(self, scope: Scope_, path: str) -> Answer | None:
        """Refusals decided from the request line and headers alone: too large a declared body, too many requests."""
        declared = _content_length(scope)
        limit = self.body_limit(scope)
        if declared is not None and declared > limit:
            return too_large(limit)
        if path.startswith(SOCKET_PATH):
            return None  # engine.io's own requests; socket connects have their own per-address limit
        address = client_address(scope)
        checks = [(Scope.http_per_ip, address)]
        if any(route.match(path) for route in INVITE_ROUTES):
            checks.append((Scope.join_per_ip, address))
        if MAIL_ADDRESS_ROUTE.match(path) and scope.get("method") in ("PUT", "DELETE"):
            checks.append((Scope.mail_address_per_ip, address))
        for scope_, key in checks:
            refused = await self.limiter.hit(scope_, key)
            if refused is not None:
                return Answer(
                    429,
                    "rate_limited",
                    f"Too many requests; try again in {refused.retry_after} s.",
                    ((b"retry-after", str(refused.retry_after).encode()),),
                )
        return None

    @staticmethod
    async def answer(send: Send, answer: Answer) -> None:
        body = json.dumps({"error": {"code": answer.code, "message": answer.message}}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *answer.headers]
        if answer.status == 413:
            # The rest of the body is not read: tell the client the connection ends here.
            headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": answer.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def too_large(limit: int) -> Answer:
    return Answer(413, "too_large", f"The request body is larger than the limit of {limit} bytes.")


def _content_length(scope: Scope_) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class RedactInviteCodes(logging.Filter):
    """The invite code is the key to a meeting: keep it out of the access log (uvicorn's args carry the path)."""

    PATTERN = re.compile(r"(/join/|/api/v1/invite/|/api/v1/invitations/)[^/?\s\"]+")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(self.PATTERN.sub(r"\1…", a) if isinstance(a, str) else a for a in record.args)
        return True

"""The HTTP edge as an attacker meets it: oversized bodies, floods of requests, odd paths and numbers, and what the
server leaves lying around (access log, file modes, cut-off uploads).

A server of its own with the real (tight) limits. Each test speaks from an address of its own in 127.0.0.0/8,
so the per-address counters of one test do not spend another's.
"""

import asyncio
import itertools
import os
import stat
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from app.adapters.rate_limiter import RateLimiter
from app.api import errors
from app.api.guard import Guard
from app.config import Settings
from tests.support import ORGANISER_KEY, ServerProcess

SERVICE_TOKEN = "guard-service-token-0123456789abcdef"
_addresses = itertools.count(10)


def new_address() -> str:
    return f"127.0.0.{next(_addresses)}"


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    # Windows of a day: the limiter's sliding window admits a little more across a window's edge, so a
    # minute window made exact counts fail whenever a slow run crossed a minute; day edges fall at midnight UTC.
    process = ServerProcess(
        tmp_path_factory.mktemp("strict"),
        env={
            "ROUNDTABLE_RATE_LIMIT_HTTP_PER_IP": "1000/second;200/day",
            "ROUNDTABLE_RATE_LIMIT_JOIN_PER_IP": "5/day",
            "ROUNDTABLE_MAX_REQUEST_BYTES": str(64 * 1024),
            "ROUNDTABLE_MAX_RECORDING_BYTES": str(4 * 1024 * 1024),
            "ROUNDTABLE_RECORDER_TOKENS": f"{SERVICE_TOKEN}:whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=",
            "ROUNDTABLE_LOG_LEVEL": "info",
        },
    ).start()
    yield process
    process.stop()


@pytest.fixture
async def http(strict: ServerProcess) -> AsyncIterator[httpx.AsyncClient]:
    client = httpx.AsyncClient(base_url=strict.url, timeout=20, transport=httpx.AsyncHTTPTransport(local_address=new_address()))
    yield client
    await client.aclose()


async def create_meeting(http: httpx.AsyncClient) -> dict:
    response = await http.post("/api/v1/meetings", json={"title": "Limits", "format": "open"}, headers={"Authorization": f"Bearer {ORGANISER_KEY}"})
    assert response.status_code == 201, response.text
    return response.json()


async def raw_request(server: ServerProcess, head: str, chunks: int = 0, chunk: bytes = b"", address: str | None = None) -> tuple[str, int]:
    """Send a request line and headers, then `chunks` pieces of body until the server answers; the answer's head and
    how many body bytes went out before it came."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port, local_addr=(address or new_address(), 0))
    writer.write(head.encode())
    await writer.drain()
    sent = 0
    answer = asyncio.ensure_future(read_answer(reader))
    try:
        for _ in range(chunks):
            if answer.done():
                break
            try:
                writer.write(chunk)
                await writer.drain()
            except ConnectionError:
                break
            sent += len(chunk)
            await asyncio.sleep(0)
        data = await asyncio.wait_for(answer, 20)
    finally:
        writer.close()
    return data, sent


async def read_answer(reader: asyncio.StreamReader) -> str:
    head = (await reader.readuntil(b"\r\n\r\n")).decode(errors="replace")
    length = next((int(line.split(":", 1)[1]) for line in head.split("\r\n") if line.lower().startswith("content-length:")), 0)
    return head + (await reader.readexactly(length)).decode(errors="replace")


class TestBodyLimit:
    async def test_a_declared_huge_body_is_refused_before_any_of_it_is_sent(self, strict):
        head = "POST /api/v1/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 209715200\r\n\r\n"
        answer, _ = await raw_request(strict, head)
        assert answer.startswith("HTTP/1.1 413"), answer
        assert '"too_large"' in answer and "content-security-policy" in answer.lower()

    async def test_a_streamed_body_is_cut_off_at_the_limit(self, strict):
        head = "POST /api/v1/meetings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        piece = b"x" * 16384
        chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
        # 100 MB would follow; the answer comes once a little over 64 KB has arrived.
        answer, sent = await raw_request(strict, head, chunks=6400, chunk=chunk)
        assert answer.startswith("HTTP/1.1 413"), answer
        assert '"too_large"' in answer
        assert sent < 20 * 1024 * 1024

    async def test_media_uploads_keep_their_own_larger_limit(self, strict):
        def head(size: int) -> str:
            return f"PUT /api/v1/recordings/00000000-0000-0000-0000-000000000000/media HTTP/1.1\r\nHost: x\r\nContent-Length: {size}\r\n\r\n"

        # Over the request limit, under the media limit: the route answers (no token), not the size guard.
        answer, _ = await raw_request(strict, head(2 * 1024 * 1024))
        assert answer.startswith("HTTP/1.1 401"), answer
        answer, _ = await raw_request(strict, head(5 * 1024 * 1024))
        assert answer.startswith("HTTP/1.1 413") and '"too_large"' in answer, answer


class TestRateLimits:
    async def test_invite_code_guesses_and_joins_are_limited_per_address(self, strict, http):
        meeting = await create_meeting(http)
        auth = {"Authorization": f"Bearer {meeting['moderator_token']}"}
        for name in ("Anna", "Bo", "Cai"):
            assert (await http.post("/api/v1/join", json={"join_code": meeting["join_code"], "display_name": name})).status_code == 201
        assert (await http.get("/api/v1/invite/nope-nope-nope")).status_code == 404
        assert (await http.post("/api/v1/join", json={"join_code": "nope-nope-nope", "display_name": "Guess"})).status_code == 404
        refused = await http.post("/api/v1/join", json={"join_code": meeting["join_code"], "display_name": "Dana"})
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "rate_limited"
        assert int(refused.headers["retry-after"]) >= 1
        assert "content-security-policy" in refused.headers
        summary = (await http.get(f"/api/v1/meetings/{meeting['id']}", headers=auth)).json()
        assert summary["participants"] == 4  # the moderator and three: Dana was not added
        # Another address is not affected.
        async with httpx.AsyncClient(base_url=strict.url, transport=httpx.AsyncHTTPTransport(local_address=new_address())) as other:
            assert (await other.post("/api/v1/join", json={"join_code": meeting["join_code"], "display_name": "Dana"})).status_code == 201

    async def test_every_route_is_limited_per_address(self, strict, http):
        answers = await asyncio.gather(*(http.get("/healthz") for _ in range(230)))
        codes = [a.status_code for a in answers]
        assert codes.count(200) <= 200 and codes.count(429) >= 30, codes


class TestOddInput:
    async def test_cursor_numbers_beyond_64_bits_are_invalid_input(self, http):
        meeting = await create_meeting(http)
        auth = {"Authorization": f"Bearer {meeting['moderator_token']}"}
        huge = "9" * 25
        chat = await http.get(f"/api/v1/meetings/{meeting['id']}/chat", params={"before": huge}, headers=auth)
        assert chat.status_code == 422 and chat.json()["error"]["code"] == "invalid_input"
        largest = await http.get(f"/api/v1/meetings/{meeting['id']}/chat", params={"before": str(2**63 - 1)}, headers=auth)
        assert largest.status_code == 200
        service = {"Authorization": f"Bearer {SERVICE_TOKEN}"}
        feed = await http.get("/api/v1/recording-events", params={"after": "9" * 20}, headers=service)
        assert feed.status_code == 422 and feed.json()["error"]["code"] == "invalid_input"
        assert (await http.get("/api/v1/recording-events", params={"after": "9" * 18}, headers=service)).status_code == 200

    async def test_names_that_hide_or_impersonate_are_refused_and_nothing_is_added(self, http):
        meeting = await create_meeting(http)
        for name, reason in (("Мoderаtor", "moderator's role"), ("Anna\u202e", "invisible"), ("\u200b\u200b", "invisible"), ("A\nB", "line breaks")):
            response = await http.post("/api/v1/join", json={"join_code": meeting["join_code"], "display_name": name})
            assert response.status_code == 422, name
            error = response.json()["error"]
            assert error["code"] == "invalid_input" and error["message"].startswith("display_name") and reason in error["message"], error
        auth = {"Authorization": f"Bearer {meeting['moderator_token']}"}
        assert (await http.get(f"/api/v1/meetings/{meeting['id']}", headers=auth)).json()["participants"] == 1

    async def test_a_nul_in_an_asset_path_is_not_found(self, http):
        response = await http.get("/assets/%00.js")
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
        assert "content-security-policy" in response.headers

    async def test_the_csp_lets_pages_connect_only_to_this_server(self, http):
        csp = (await http.get("/healthz")).headers["content-security-policy"]
        assert "connect-src 'self';" in csp and "ws:" not in csp and "wss:" not in csp

    async def test_no_docs_page_with_a_ui_the_csp_refuses(self, http):
        assert (await http.get("/docs")).status_code == 404
        assert (await http.get("/redoc")).status_code == 404
        assert (await http.get("/openapi.json")).status_code == 200


class TestWhatIsLeftBehind:
    async def test_invite_codes_stay_out_of_the_access_log(self, strict, http):
        meeting = await create_meeting(http)
        await http.get(f"/join/{meeting['join_code']}")
        await http.get(f"/api/v1/invite/{meeting['join_code']}")
        await asyncio.sleep(0.5)  # the log line is written after the answer
        log = strict.log()
        assert "/api/v1/invite/" in log  # the access log is on
        assert meeting["join_code"] not in log

    def test_the_database_file_is_readable_by_the_server_alone(self, strict):
        files = list(Path(strict.data_dir).glob("roundtable.db*"))
        assert files
        for file in files:
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file

    def test_uploads_cut_off_by_a_crash_are_removed_at_the_next_start(self, tmp_path):
        process = ServerProcess(tmp_path / "crash").start()
        try:
            process.kill()
            part = tmp_path / "crash" / "recordings" / "00000000-0000-0000-0000-000000000000.part-abc"
            part.write_bytes(b"half an upload")
            an_hour_ago = time.time() - 3600
            os.utime(part, (an_hour_ago, an_hour_ago))
            process.start()
            assert not part.exists()
        finally:
            process.stop()


class TestErrorsInsideTheApp:
    """The last-resort answer of the guard, on an app that fails on purpose (nothing of ours is replaced)."""

    async def test_a_server_error_carries_the_security_headers_and_no_trace(self, tmp_path):
        api = FastAPI()
        errors.install(api)

        @api.get("/boom")
        async def boom() -> None:
            raise RuntimeError("secret detail")

        settings = Settings(data_dir=tmp_path)
        guarded = Guard(api, settings, RateLimiter(settings))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=guarded, raise_app_exceptions=False), base_url="http://t") as client:
            response = await client.get("/boom")
        assert response.status_code == 500
        assert response.json()["error"]["code"] == "internal_error"
        assert "secret detail" not in response.text
        assert "content-security-policy" in response.headers and response.headers["x-frame-options"] == "DENY"


class TestCallbackAddresses:
    async def test_callbacks_to_internal_addresses_are_refused_unless_allowed(self, http):
        meeting = await create_meeting(http)
        service = {"Authorization": f"Bearer {SERVICE_TOKEN}"}
        internal = [
            "http://127.0.0.1:9/hook",
            "http://localhost:9/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.1.2.3/hook",
            "http://192.168.1.1/hook",
            "http://100.64.0.1/hook",
            "http://[::1]/hook",
            "http://[::ffff:127.0.0.1]/hook",
            "http://0.0.0.0/hook",
        ]
        for url in internal:
            response = await http.post(f"/api/v1/meetings/{meeting['id']}/recordings", json={"external_id": "x", "callback_url": url}, headers=service)
            assert response.status_code == 422, (url, response.text)
            error = response.json()["error"]
            assert error["code"] == "invalid_input" and error["message"].startswith("callback_url"), error
        # A public address passes the check (and meets the consent rule: nobody has agreed yet).
        public = await http.post(
            f"/api/v1/meetings/{meeting['id']}/recordings", json={"external_id": "x", "callback_url": "https://93.184.216.34/hook"}, headers=service
        )
        assert public.status_code == 409 and public.json()["error"]["code"] == "recording_not_permitted"

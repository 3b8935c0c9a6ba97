"""E-mail through the real server: an address given at join brings the person's own link by mail (real SMTP),
nobody else in the meeting ever sees the address, bad input changes nothing, a restart between queuing and
sending delivers once, and the new routes have their limits."""

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.test_guard import raw_request
from tests.mail.smtp import MailServer
from tests.support import Api, Client, ServerProcess


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def smtp() -> Iterator[MailServer]:
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def mailing_server(tmp_path_factory: pytest.TempPathFactory, smtp: MailServer) -> Iterator[ServerProcess]:
    """A server with a mail server configured."""
    process = ServerProcess(
        tmp_path_factory.mktemp("mailing"), env={"ROUNDTABLE_SMTP_URL": smtp.url, "ROUNDTABLE_MAIL_FROM": "Roundtable <noreply@roundtable.test>"}
    ).start()
    yield process
    process.stop()


@pytest.fixture
async def mail_api(mailing_server: ServerProcess) -> AsyncIterator[Api]:
    client = Api(mailing_server.url)
    yield client
    await client.close()


async def report(api: Api, meeting: dict[str, Any]) -> dict[str, Any]:
    response = await api.http.get(f"/api/v1/meetings/{meeting['id']}/mail", headers=bearer(meeting["moderator_token"]))
    assert response.status_code == 200, response.text
    return response.json()


def person(shown: dict[str, Any], name: str) -> dict[str, Any]:
    [found] = [p for p in shown["people"] if p["display_name"] == name]
    return found


async def wait_status(api: Api, meeting: dict[str, Any], name: str, check: Any, within: float = 30) -> dict[str, Any]:
    """Wait until the report shows what `check` wants of this person's mails (the sender works on its own)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        shown = person(await report(api, meeting), name)
        if check(shown["mails"]):
            return shown
        assert loop.time() < deadline, f"{name}'s mails: {shown['mails']}"
        await asyncio.sleep(0.1)


def to(smtp: MailServer, address: str) -> list[Any]:
    return [m for m in smtp.messages if address in m.recipients]


async def test_an_address_given_when_joining_brings_ones_own_link_in_the_meetings_language(
    mail_api: Api, mailing_server: ServerProcess, smtp: MailServer
) -> None:
    meeting = await mail_api.create_meeting("Læringssamtale om Emil", language="da")
    anna = await mail_api.join(meeting["join_code"], "Anna", email="anna@familie.example.dk")
    await mail_api.join(meeting["join_code"], "Bo")
    await wait_status(mail_api, meeting, "Anna", lambda mails: [m["status"] for m in mails] == ["sent"])
    [received] = to(smtp, "anna@familie.example.dk")
    assert received.message["Subject"] == "Dit link til Læringssamtale om Emil"
    assert received.message["From"] == "Roundtable <noreply@roundtable.test>"
    link = f"{mailing_server.url}/meeting/{meeting['id']}#token={anna['token']}"
    assert link in received.text
    # The link in the mail is Anna's way back in: its token reads her address.
    token = received.text.split("#token=", 1)[1].split()[0]
    mine = await mail_api.http.get("/api/v1/me/email", headers=bearer(token))
    assert mine.json() == {"email": "anna@familie.example.dk", "language": "da"}
    shown = await report(mail_api, meeting)
    assert shown["mail_server"] is True
    assert person(shown, "Anna")["email"] == "anna@familie.example.dk"
    assert person(shown, "Bo") | {"participant_id": None} == {
        "participant_id": None, "display_name": "Bo", "role": "participant", "email": None, "language": None, "mails": [],
    }


async def test_changing_the_address_mails_the_new_one_once_and_taking_it_back_forgets_it(mail_api: Api, smtp: MailServer) -> None:
    meeting = await mail_api.create_meeting("Intake interviews")
    bo = await mail_api.join(meeting["join_code"], "Bo")
    given = await mail_api.http.put("/api/v1/me/email", json={"email": "bo@example.org", "language": "ar"}, headers=bearer(bo["token"]))
    assert given.status_code == 200 and given.json() == {"email": "bo@example.org", "language": "ar"}
    # The same address again: no second mail.
    assert (await mail_api.http.put("/api/v1/me/email", json={"email": "bo@example.org"}, headers=bearer(bo["token"]))).status_code == 200
    await wait_status(mail_api, meeting, "Bo", lambda mails: [m["status"] for m in mails] == ["sent"])
    [received] = to(smtp, "bo@example.org")
    assert received.message["Subject"] == "رابطك إلى Intake interviews" and '<html lang="ar" dir="rtl">' in received.html

    taken = await mail_api.http.delete("/api/v1/me/email", headers=bearer(bo["token"]))
    assert taken.status_code == 204
    assert (await mail_api.http.get("/api/v1/me/email", headers=bearer(bo["token"]))).json() == {"email": None, "language": None}
    shown = person(await report(mail_api, meeting), "Bo")
    assert shown["email"] is None and [m["kind"] for m in shown["mails"]] == ["personal_link"]
    data = (await mail_api.http.get("/api/v1/me/data", headers=bearer(bo["token"]))).json()
    assert data["email"] is None and "bo@example.org" not in json.dumps(data)


async def test_nobody_else_in_the_meeting_sees_an_address(api: Api, server: ServerProcess, connect) -> None:  # type: ignore[no-untyped-def]
    meeting = await api.create_meeting("Case conference")
    other = await api.create_meeting("Another meeting")
    moderator: Client = await connect(meeting["moderator_token"], "moderator")
    await moderator.ok("meeting.start")
    anna = await api.join(meeting["join_code"], "Anna", email="anna.secret@example.org")
    bo = await api.join(meeting["join_code"], "Bo")
    bo_socket: Client = await connect(bo["token"], "Bo")
    anna_socket: Client = await connect(anna["token"], "Anna")
    await moderator.wait_presence(anna["participant_id"], True)
    await bo_socket.ok("chat.send", text="Hello")
    await moderator.ok("followup.add", text="Call the school")
    await moderator.ok("meeting.end")
    await bo_socket.wait_event("meeting.ended")
    await moderator.wait_event("meeting.ended")

    # What Bo and the moderator's console got over the socket, and every export, carry no address.
    seen = [bo_socket.snapshots, bo_socket.raw_events, moderator.snapshots, moderator.raw_events, anna_socket.raw_events]
    for route in ("summary", "summary.md", "resources.md"):
        response = await api.http.get(f"/api/v1/meetings/{meeting['id']}/{route}", headers=bearer(meeting["moderator_token"]))
        assert response.status_code == 200
        seen.append(response.text)
    seen.append((await api.http.get(f"/api/v1/meetings/{meeting['id']}", headers=bearer(bo["token"]))).json())
    assert all("anna.secret" not in json.dumps(what) for what in seen)

    # Only the moderators' mail report names it; Bo gets 403, another meeting's moderator learns nothing.
    mine = await api.http.get(f"/api/v1/meetings/{meeting['id']}/mail", headers=bearer(bo["token"]))
    assert mine.status_code == 403 and mine.json()["error"]["code"] == "forbidden"
    elsewhere = await api.http.get(f"/api/v1/meetings/{meeting['id']}/mail", headers=bearer(other["moderator_token"]))
    assert elsewhere.status_code == 404
    assert (await api.http.get(f"/api/v1/meetings/{meeting['id']}/mail")).status_code == 401
    assert (await api.http.get("/api/v1/me/email", headers=bearer(bo["token"]))).json()["email"] is None
    # No mail server here: Anna's link is held, and not shown to the moderator.
    shown = await report(api, meeting)
    assert shown["mail_server"] is False
    [held] = person(shown, "Anna")["mails"]
    assert (held["kind"], held["status"], held["reason"], held["link"]) == ("personal_link", "held", "not sent: no mail server", None)
    assert anna["token"] not in json.dumps(shown)

    # Erasure takes the address and the mails with it.
    assert (await api.http.delete("/api/v1/me", headers=bearer(anna["token"]))).status_code == 204
    assert "anna.secret" not in json.dumps(await report(api, meeting))


@pytest.mark.parametrize(
    "extra",
    [{"email": "not-an-address"}, {"email": "anna@"}, {"email": "a" * 250 + "@example.org"}, {"email": "anna@example.org", "email_language": "xx"},
     {"email": "anna@exa mple.org"}, {"email": "anna@example.org\r\nBcc: x@example.org"}],
)
async def test_a_bad_address_is_refused_and_nobody_joins(api: Api, extra: dict[str, str]) -> None:
    meeting = await api.create_meeting("Intake interviews")
    refused = await api.http.post("/api/v1/join", json={"join_code": meeting["join_code"], "display_name": "Anna", **extra})
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["code"] == "invalid_input"
    assert "email" in refused.json()["error"]["message"]
    counted = (await api.http.get(f"/api/v1/meetings/{meeting['id']}", headers=bearer(meeting["moderator_token"]))).json()
    assert counted["participants"] == 1  # the moderator only
    bo = await api.join(meeting["join_code"], "Bo")
    bad = await api.http.put("/api/v1/me/email", json={"email": extra["email"], "language": extra.get("email_language")}, headers=bearer(bo["token"]))
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_input"
    assert (await api.http.get("/api/v1/me/email", headers=bearer(bo["token"]))).json()["email"] is None


async def test_a_restart_between_queuing_and_sending_delivers_once(tmp_path: Path) -> None:
    smtp = MailServer()  # down at first
    process = ServerProcess(
        tmp_path / "server",
        # Short retries, and a short lease: killed in the middle of an attempt, the mail is free again within 14 s.
        env={"ROUNDTABLE_SMTP_URL": smtp.url, "ROUNDTABLE_MAIL_RETRY_BASE_SECONDS": "0.5", "ROUNDTABLE_MAIL_RETRY_MAX_SECONDS": "1",
             "ROUNDTABLE_MAIL_TIMEOUT_SECONDS": "2"},
    ).start()
    api = Api(process.url)
    try:
        meeting = await api.create_meeting("Intake interviews")
        await api.join(meeting["join_code"], "Anna", email="anna@example.org")
        # The mail server cannot be reached: the mail waits for its next attempt (once the first one has been recorded).
        waiting = await wait_status(api, meeting, "Anna", lambda mails: mails and mails[0]["reason"] is not None)
        assert waiting["mails"][0]["status"] == "queued" and "could not be reached" in waiting["mails"][0]["reason"]
        process.kill()
        await api.close()
        smtp.start()
        process.start()
        api = Api(process.url)
        await wait_status(api, meeting, "Anna", lambda mails: [m["status"] for m in mails] == ["sent"])
        assert len(smtp.messages) == 1
        # Another restart sends nothing again.
        process.stop()
        process.start()
        await api.join(meeting["join_code"], "Bo", email="bo@example.org")
        await smtp.wait_for(2)
        assert sorted(r for m in smtp.messages for r in m.recipients) == ["anna@example.org", "bo@example.org"]
    finally:
        await api.close()
        process.stop()
        smtp.stop()


async def test_the_address_routes_have_their_limits(tmp_path: Path) -> None:
    process = ServerProcess(tmp_path / "server", env={"ROUNDTABLE_RATE_LIMIT_MAIL_ADDRESS_PER_IP": "2/minute"}).start()
    api = Api(process.url)
    try:
        meeting = await api.create_meeting("Intake interviews")
        bo = await api.join(meeting["join_code"], "Bo")
        # A body over the request limit is refused before it is read (declared; the guard's own tests stream one).
        head = (
            f"PUT /api/v1/me/email HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {bo['token']}\r\n"
            "Content-Type: application/json\r\nContent-Length: 1100000\r\n\r\n"
        )
        too_large, _ = await raw_request(process, head)
        assert too_large.startswith("HTTP/1.1 413") and '"too_large"' in too_large, too_large
        for address in ("bo@example.org", "bo@example.net"):
            assert (await api.http.put("/api/v1/me/email", json={"email": address}, headers=bearer(bo["token"]))).status_code == 200
        limited = await api.http.put("/api/v1/me/email", json={"email": "bo@example.com"}, headers=bearer(bo["token"]))
        assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limited"
        assert int(limited.headers["retry-after"]) >= 1
        assert (await api.http.delete("/api/v1/me/email", headers=bearer(bo["token"]))).status_code == 429
        # Reading is not limited by it, and the refused change changed nothing (a body refused for its size is not counted).
        assert (await api.http.get("/api/v1/me/email", headers=bearer(bo["token"]))).json()["email"] == "bo@example.net"
    finally:
        await api.close()
        process.stop()

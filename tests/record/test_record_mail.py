"""The record's mail over real SMTP: the lead worker is told when it is released to them, everyone else who gave an
address when it is published, each person once, in the language of their address; nobody without an address."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from tests.mail.smtp import MailServer
from tests.record.real import bearer, ended_meeting
from tests.support import Api, ServerProcess


@pytest.fixture(scope="module")
def smtp() -> Iterator[MailServer]:
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def mailing_server(tmp_path_factory: pytest.TempPathFactory, smtp: MailServer) -> Iterator[ServerProcess]:
    process = ServerProcess(tmp_path_factory.mktemp("record-mail"), env={"ROUNDTABLE_SMTP_URL": smtp.url}).start()
    yield process
    process.stop()


@pytest.fixture
async def mail_api(mailing_server: ServerProcess) -> AsyncIterator[Api]:
    client = Api(mailing_server.url)
    yield client
    await client.close()


async def arrived(smtp: MailServer, subject: str, within: float = 30) -> list[Any]:
    """The mails with this subject, once at least one has come (the server sends on its own schedule)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not (found := [m for m in smtp.messages if m.message["Subject"] == subject]):
        assert loop.time() < deadline, [str(m.message["Subject"]) for m in smtp.messages]
        await asyncio.sleep(0.1)
    return found


async def test_the_lead_is_mailed_at_release_and_the_others_at_publication_once_each(mail_api: Api, mailing_server: ServerProcess, smtp: MailServer, connect) -> None:  # type: ignore[no-untyped-def]
    async def here(token: str, name: str = "") -> Any:
        return await connect(token, name, url=mailing_server.url)

    meeting = await ended_meeting(mail_api, here, mailing_server, lead_first=True)
    people = meeting["people"]
    for name, address, language in (("anna", "anna@familie.example.dk", "da"), ("bo", "bo@example.org", "ar")):
        given = await mail_api.http.put("/api/v1/me/email", json={"email": address, "language": language}, headers=bearer(people[name]["token"]))
        assert given.status_code == 200, given.text
    base = f"/api/v1/meetings/{meeting['id']}/record"

    assert (await mail_api.http.post(f"{base}/release", json={}, headers=bearer(meeting["moderator_token"]))).status_code == 200
    [lead] = await arrived(smtp, "Referatet af Learning conversation: Sam er klar")
    assert lead.recipients == ["anna@familie.example.dk"]
    assert "offentliggjort" in lead.text and people["anna"]["token"] not in lead.text

    assert (await mail_api.http.post(f"{base}/publish", json={}, headers=bearer(meeting["moderator_token"]))).status_code == 200
    [everyone] = await arrived(smtp, "محضر Learning conversation: Sam جاهز")
    assert everyone.recipients == ["bo@example.org"]
    # The report settles: Anna got one record mail, not a second one with everyone; Cai gave no address.
    report = (await mail_api.http.get(f"/api/v1/meetings/{meeting['id']}/mail", headers=bearer(meeting["moderator_token"]))).json()
    kinds = {p["display_name"]: [m["kind"] for m in p["mails"] if m["kind"] == "record_published"] for p in report["people"]}
    assert kinds == {"Moderator": [], "anna": ["record_published"], "bo": ["record_published"], "cai": []}
    assert len([m for m in smtp.messages if "Learning conversation: Sam" in m.message["Subject"] and ("Referatet" in m.message["Subject"] or "محضر" in m.message["Subject"])]) == 2

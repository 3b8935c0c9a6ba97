"""Invitations to a network-meeting series: a real SMTP server on 127.0.0.1 receives one mail per contact person,
in their language and at the series' local time, with a calendar file that reads back; people answer from their
own link, the organiser sees the answers, reminds those who did not answer, and invites everyone back."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from icalendar import Calendar

from tests.api.test_series import AUTH, ROSTER, create_series
from tests.mail.smtp import MailServer, Received
from tests.support import Api, ServerProcess


@pytest.fixture(scope="module")
def smtp() -> Iterator[MailServer]:
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def mailing_server(tmp_path_factory: pytest.TempPathFactory, smtp: MailServer) -> Iterator[ServerProcess]:
    process = ServerProcess(
        tmp_path_factory.mktemp("series-mail"),
        env={"ROUNDTABLE_SMTP_URL": smtp.url, "ROUNDTABLE_MAIL_FROM": "Roundtable <noreply@roundtable.test>", "ROUNDTABLE_SERIES_DIGEST_MINUTES": "0"},
    ).start()
    yield process
    process.stop()


@pytest.fixture
async def mail_api(mailing_server: ServerProcess) -> AsyncIterator[Api]:
    client = Api(mailing_server.url)
    yield client
    await client.close()


def to(smtp: MailServer, address: str) -> list[Received]:
    return [m for m in smtp.messages if address in m.recipients]


async def wait_mails(smtp: MailServer, address: str, count: int, within: float = 30) -> list[Received]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while len(to(smtp, address)) < count:
        assert loop.time() < deadline, f"{address}: {len(to(smtp, address))} of {count} mails"
        await asyncio.sleep(0.05)
    return to(smtp, address)


def calendar_of(message: Received) -> Any:
    [part] = [p for p in message.message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert part.get_filename() == "invitation.ics"
    cal = Calendar.from_ical(part.get_content() if isinstance(part.get_content(), str) else part.get_content().decode())
    [event] = [c for c in cal.walk() if c.name == "VEVENT"]
    return event


async def invitations(api: Api, series_id: str, meeting_id: str) -> list[dict[str, Any]]:
    response = await api.http.get(f"/api/v1/series/{series_id}/meetings/{meeting_id}/invitations", headers=AUTH)
    assert response.status_code == 200, response.text
    return response.json()["invitations"]


def token_of(link: str) -> str:
    return link.split("#invitation=", 1)[1]


async def test_invitations_by_mail_with_a_calendar_file_answers_reminders_and_back_again(mail_api: Api, smtp: MailServer) -> None:
    series = await create_series(mail_api)
    made = await mail_api.http.post(f"/api/v1/series/{series['id']}/meetings", json={"moderator_name": "Nanna Kold", "invite": True}, headers=AUTH)
    assert made.status_code == 201, made.text
    first = made.json()
    assert first["invited"] == 5

    rows = {r["name"]: r for r in await invitations(mail_api, series["id"], first["meeting_id"])}
    assert set(rows) == {"Anna Holm", "Bo Lund", "Cai Berg", "Dina Vest", "Eman Saleh"}
    for roster_entry in ROSTER:
        contact = roster_entry["contacts"][0]
        [mail] = await wait_mails(smtp, contact["email"], 1)
        row = rows[contact["name"]]
        assert row["link"].startswith(f"{mail_api.base_url}/join/{first['join_code']}#invitation=") and row["answer"] is None
        # The personal link is in the mail and in the calendar file, which reads back as the series' event.
        assert row["link"] in mail.text
        event = calendar_of(mail)
        assert str(event["URL"]) == row["link"]
        start = event.decoded("DTSTART")
        assert (start.hour, start.minute, str(start.tzinfo)) == (14, 0, "Europe/Copenhagen")
        assert event["RRULE"].to_ical().decode() == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
        assert str(event["ATTENDEE"]) == f"mailto:{contact['email']}" and str(event["ORGANIZER"]) == "mailto:nk@dignity.example"
    # Each in their own language, the date at the series' local time.
    anna = to(smtp, "anna@kolding.example")[0]
    assert anna.message["Subject"] == "Invitation: Netværksmøde Kolding, tirsdag den 16. marts 2027 kl. 14:00 (Europe/Copenhagen)"
    assert "Anna Holm, du er inviteret til Netværksmøde Kolding for Kolding Kommune." in anna.text
    cai = to(smtp, "cai@sund.example")[0]
    assert "Tuesday 16 March 2027, 14:00 (Europe/Copenhagen)" in cai.message["Subject"]
    eman = to(smtp, "eman@home.example")[0]
    assert "الثلاثاء 16 مارس 2027" in eman.message["Subject"] and 'dir="rtl"' in eman.html

    # Answers from the personal links: what the link shows, then yes, no and maybe.
    shown = (await mail_api.http.get(f"/api/v1/invitations/{token_of(rows['Anna Holm']['link'])}")).json()
    assert (shown["name"], shown["organisation"], shown["when"], shown["answer"]) == (
        "Anna Holm", "Kolding Kommune", "tirsdag den 16. marts 2027 kl. 14:00 (Europe/Copenhagen)", None
    )
    for name, answer in (("Anna Holm", "yes"), ("Bo Lund", "no"), ("Cai Berg", "maybe")):
        response = await mail_api.http.post(f"/api/v1/invitations/{token_of(rows[name]['link'])}/answer", json={"answer": answer})
        assert response.status_code == 200 and response.json()["answer"] == answer
    answers = {r["name"]: r["answer"] for r in await invitations(mail_api, series["id"], first["meeting_id"])}
    assert answers == {"Anna Holm": "yes", "Bo Lund": "no", "Cai Berg": "maybe", "Dina Vest": None, "Eman Saleh": None}

    # One reminder to the two who did not answer; a second reminder is a second mail, each sent once.
    reminded = await mail_api.http.post(f"/api/v1/series/{series['id']}/meetings/{first['meeting_id']}/invitations/remind", headers=AUTH)
    assert sorted(r["name"] for r in reminded.json()["invitations"]) == ["Dina Vest", "Eman Saleh"]
    dina = await wait_mails(smtp, "dina@politi.example", 2)
    assert dina[1].message["Subject"].startswith("Påmindelse: Netværksmøde Kolding")
    await mail_api.http.post(f"/api/v1/series/{series['id']}/meetings/{first['meeting_id']}/invitations/remind", headers=AUTH)
    await wait_mails(smtp, "dina@politi.example", 3)
    # Inviting again mails nobody twice.
    again = await mail_api.http.post(f"/api/v1/series/{series['id']}/meetings/{first['meeting_id']}/invitations", headers=AUTH)
    assert again.status_code == 200 and len(again.json()["invitations"]) == 5
    await asyncio.sleep(1.0)  # the sender would have sent a duplicate by now
    assert len(to(smtp, "anna@kolding.example")) == 1 and len(to(smtp, "dina@politi.example")) == 3

    # Joining through the personal link: the name, the roster entry as organisation; coming counts as yes.
    joined = await mail_api.http.post(f"/api/v1/invitations/{token_of(rows['Dina Vest']['link'])}/join", json={})
    assert joined.status_code == 201, joined.text
    me = await mail_api.http.get(f"/api/v1/meetings/{first['meeting_id']}", headers={"Authorization": f"Bearer {joined.json()['token']}"})
    assert me.status_code == 200
    answers = {r["name"]: (r["answer"], r["joined"]) for r in await invitations(mail_api, series["id"], first["meeting_id"])}
    assert answers["Dina Vest"] == ("yes", True)

    # Everyone back to the next meeting with one action: a new link each, the same calendar event updated.
    second = (await mail_api.http.post(f"/api/v1/series/{series['id']}/meetings", json={"invite": True}, headers=AUTH)).json()
    assert second["invited"] == 5
    [_, again_anna] = await wait_mails(smtp, "anna@kolding.example", 2)
    event = calendar_of(again_anna)
    assert str(event["UID"]) == str(calendar_of(anna)["UID"]) and event["SEQUENCE"] == 1
    assert event.decoded("DTSTART").isoformat() .startswith("2027-03-30T14:00:00")
    assert "tirsdag den 30. marts 2027 kl. 14:00" in again_anna.message["Subject"]
    new_rows = {r["name"]: r for r in await invitations(mail_api, series["id"], second["meeting_id"])}
    assert new_rows["Anna Holm"]["link"] != rows["Anna Holm"]["link"] and new_rows["Anna Holm"]["answer"] is None


async def test_updates_between_meetings_are_shown_and_mailed_once_as_a_digest(mail_api: Api, smtp: MailServer, connect) -> None:
    series = await create_series(mail_api, name="Drop-in Northeast", roster=[
        {"name": "Refugee Action", "contacts": [{"name": "Rita", "email": "rita@ra.example"}]},
        {"name": "City Council", "contacts": [{"name": "Carl", "email": "carl@city.example"}]},
    ])
    first = (await mail_api.http.post(f"/api/v1/series/{series['id']}/meetings", json={"invite": True}, headers=AUTH)).json()
    rows = {r["name"]: r for r in await invitations(mail_api, series["id"], first["meeting_id"])}
    posted = await mail_api.http.post(f"/api/v1/invitations/{token_of(rows['Rita']['link'])}/updates", json={"text": "New housing advice leaflet", "url": "https://example.org/leaflet"})
    assert posted.status_code == 201, posted.text
    assert (await mail_api.http.post(f"/api/v1/series/{series['id']}/updates", json={"text": "Next time: data sharing"}, headers=AUTH)).status_code == 201
    # The digests (no waiting on this server: each batch goes at the next tick) bring every update once.
    def digests() -> list[Received]:
        return [m for m in to(smtp, "carl@city.example") if m.message["Subject"] == "News from Drop-in Northeast"]

    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while "Next time: data sharing" not in "".join(m.text for m in digests()):
        assert loop.time() < deadline, [m.text for m in digests()]
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.0)
    texts = "".join(m.text for m in digests())
    assert texts.count("Rita: New housing advice leaflet (https://example.org/leaflet)") == 1 and texts.count("Nanna Kold: Next time: data sharing") == 1
    assert "Carl, the updates posted to Drop-in Northeast since the last mail:" in texts
    assert len([m for m in to(smtp, "rita@ra.example") if m.message["Subject"] == "News from Drop-in Northeast"]) == len(digests())
    # Shown on the meeting's pages, newest first.
    moderator = await connect(first["moderator_token"], "coordinator", url=mail_api.base_url)
    assert [u["text"] for u in moderator.snapshot["meeting"]["series"]["updates"]] == ["Next time: data sharing", "New housing advice leaflet"]
    assert moderator.snapshot["meeting"]["series"]["updates"][1]["author"] == "member"


async def test_bad_input_and_limits(api: Api) -> None:
    series = await create_series(api, roster=[{"name": "School", "contacts": [{"name": "Bo", "email": "bo@school.example"}]}])
    first = (await api.http.post(f"/api/v1/series/{series['id']}/meetings", headers=AUTH)).json()
    # Without a mail server the organiser still gets every personal link to copy.
    made = await api.http.post(f"/api/v1/series/{series['id']}/meetings/{first['meeting_id']}/invitations", headers=AUTH)
    [row] = made.json()["invitations"]
    token = token_of(row["link"])
    assert len(token) >= 40
    for path, body in (("answer", {"answer": "perhaps"}), ("answer", {}), ("updates", {"text": ""}), ("updates", {"text": "x" * 1001}), ("updates", {"text": "x", "url": "javascript:alert(1)"})):
        response = await api.http.post(f"/api/v1/invitations/{token}/{path}", json=body)
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_input", (path, body)
    for bad in ("not-a-token", "x" * 65, token[:-1] + ("A" if token[-1] != "A" else "B")):
        assert (await api.http.get(f"/api/v1/invitations/{bad}")).status_code == 404
        assert (await api.http.post(f"/api/v1/invitations/{bad}/answer", json={"answer": "yes"})).status_code == 404
    # Nothing changed by the refusals.
    assert (await api.http.get(f"/api/v1/invitations/{token}")).json()["answer"] is None
    # Another meeting id or series: not found.
    assert (await api.http.get(f"/api/v1/series/{series['id']}/meetings/nope/invitations", headers=AUTH)).status_code == 404
    # A member posts at most ten updates an hour.
    for n in range(10):
        assert (await api.http.post(f"/api/v1/invitations/{token}/updates", json={"text": f"Update {n}"})).status_code == 201
    limited = await api.http.post(f"/api/v1/invitations/{token}/updates", json={"text": "One too many"})
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limited"


async def test_the_personal_link_routes_count_against_the_joining_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A token is a secret: guessing it is joining-by-guessing, limited per address like the invite code.
    server = ServerProcess(tmp_path / "limited", env={"ROUNDTABLE_RATE_LIMIT_JOIN_PER_IP": "4/day"}).start()
    api = Api(server.url)
    try:
        answers = [(await api.http.get(f"/api/v1/invitations/guess-{n}")).status_code for n in range(6)]
        assert answers[:4] == [404] * 4 and answers[4:] == [429, 429]
        refused = await api.http.post("/api/v1/invitations/guess/answer", json={"answer": "yes"})
        assert refused.status_code == 429 and refused.json()["error"]["code"] == "rate_limited"
        # The organiser's routes are not the joining limit's.
        assert (await api.http.get("/api/v1/series", headers=AUTH)).status_code == 200
    finally:
        await api.close()
        server.stop()


async def test_a_removed_person_cannot_come_back_through_a_personal_invitation_from_the_same_browser(api: Api, connect) -> None:  # type: ignore[no-untyped-def]
    series = await create_series(api, roster=[{"name": "School", "contacts": [{"name": "Bo", "email": "bo@school.example"}]}])
    first = (await api.http.post(f"/api/v1/series/{series['id']}/meetings", headers=AUTH)).json()
    [row] = (await api.http.post(f"/api/v1/series/{series['id']}/meetings/{first['meeting_id']}/invitations", headers=AUTH)).json()["invitations"]
    moderator = await connect(first["moderator_token"], "coordinator", url=api.base_url)
    code = first["join_code"]
    async with httpx.AsyncClient(base_url=api.base_url) as browser:
        joined = await browser.post("/api/v1/join", json={"join_code": code, "display_name": "Troll"})
        assert joined.status_code == 201
        await moderator.ok("participant.remove", participant_id=joined.json()["participant_id"])
        await moderator.wait_event("participant.banned")
        # Someone else's personal link, opened in the removed person's browser: the device is known.
        again = await browser.post(f"/api/v1/invitations/{token_of(row['link'])}/join", json={"display_name": "A new name"})
        assert again.status_code == 403 and again.json()["error"]["code"] == "banned"
    # The invited person, in their own browser, still comes in.
    async with httpx.AsyncClient(base_url=api.base_url) as own:
        assert (await own.post(f"/api/v1/invitations/{token_of(row['link'])}/join", json={})).status_code == 201

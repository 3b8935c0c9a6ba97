"""Forms by e-mail through the real server and a real SMTP server (aiosmtpd on 127.0.0.1): the opening and the
reminder reach those who gave an address, once each, in their language — and a crash (kill -9) loses neither an
answer nor a reminder that came due, nor sends anything twice."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.mail.smtp import MailServer, Received
from tests.support import Api, ServerProcess, until

START_TIMEOUT = 120


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def mails(smtp: MailServer, address: str, subject_part: str) -> list[Received]:
    return [m for m in smtp.messages if address in m.recipients and subject_part in " ".join(str(m.message["Subject"]).split())]


@pytest.fixture
def mailing(tmp_path, smtp: MailServer):  # type: ignore[no-untyped-def]
    process = ServerProcess(tmp_path / "forms-mail", env={"ROUNDTABLE_SMTP_URL": smtp.url, "ROUNDTABLE_MAIL_FROM": "Roundtable <noreply@roundtable.test>"})
    process.start(timeout=START_TIMEOUT)
    yield process
    process.stop()


async def test_openings_and_reminders_are_mailed_once_and_survive_a_crash(mailing: ServerProcess, smtp: MailServer) -> None:
    api = Api(mailing.url)
    try:
        meeting = await api.create_meeting("Læringssamtale om Emil", language="da")
        anna = await api.join(meeting["join_code"], "Anna", email="anna@skolen.example.dk")
        await api.join(meeting["join_code"], "Bo", email="bo@sundhed.example.dk")
        await api.join(meeting["join_code"], "Cai")  # no address: nothing is mailed to Cai
        mod, base = bearer(meeting["moderator_token"]), f"/api/v1/meetings/{meeting['id']}/forms"
        now = datetime.now(UTC)
        made = {}
        for name in ("a", "b"):
            body = {"template": "learning_feedback", "opens_at": iso(now - timedelta(hours=1)), "deadline": iso(now + timedelta(days=2))}
            response = await api.http.post(base, json=body, headers=mod)
            assert response.status_code == 201, response.text
            made[name] = response.json()
        answer = {"answers": {"name": "Anna", "date": "2026-03-02", "scale": 8}}
        for form in made.values():
            assert (await api.http.post(f"{base}/{form['id']}/answers", json=answer, headers=bearer(anna["token"]))).status_code == 201

        async def remind(form: dict[str, Any], seconds: float) -> datetime:
            at = datetime.now(UTC) + timedelta(seconds=seconds)
            moved = await api.http.patch(f"{base}/{form['id']}", json={"reminder_at": iso(at)}, headers=mod)
            assert moved.status_code == 200, moved.text
            return at

        # Form A's reminder goes out before the crash; form B's comes due while the server is down.
        await remind(made["a"], 1)
        await until(lambda: len(mails(smtp, "bo@sundhed.example.dk", "Påmindelse")) >= 1, "form A's reminder to Bo", within=120, every=0.1)
        reminder_b = await remind(made["b"], 3)
        mailing.kill()
        await asyncio.sleep(max(0.0, (reminder_b - datetime.now(UTC)).total_seconds()) + 0.5)
        assert len(mails(smtp, "bo@sundhed.example.dk", "Påmindelse")) == 1
        mailing.start(timeout=START_TIMEOUT)

        await until(lambda: len(mails(smtp, "bo@sundhed.example.dk", "Påmindelse")) >= 2, "form B's reminder to Bo after the restart", within=120, every=0.1)
        # A further form opened now: once its mails are in, the restarted timer has looked many times.
        later = await api.http.post(base, json={"template": "pne_consultation_before", "opens_at": iso(datetime.now(UTC) - timedelta(minutes=1))}, headers=mod)
        assert later.status_code == 201
        await until(lambda: len(mails(smtp, "anna@skolen.example.dk", "Dine svar efterspørges")) >= 3, "the third opening to Anna", within=120, every=0.1)
        await asyncio.sleep(2)  # the timer looks every 0.1 s: twenty more chances to send something twice

        # Once each: two openings and one reminder per form to Bo, openings only to Anna (she answered), none to Cai.
        assert len(mails(smtp, "bo@sundhed.example.dk", "Påmindelse")) == 2
        assert len(mails(smtp, "bo@sundhed.example.dk", "Dine svar efterspørges")) == 3
        assert mails(smtp, "anna@skolen.example.dk", "Påmindelse") == []
        assert all(len(m.recipients) == 1 for m in smtp.messages)
        reminder = mails(smtp, "bo@sundhed.example.dk", "Påmindelse")[0]
        assert "Feedbackværktøj til partnerskabets læringssamtale" in reminder.text and "Læringssamtale om Emil" in reminder.text
        # Anna's answers survived the crash.
        for form in made.values():
            shown = (await api.http.get(f"{base}/{form['id']}", headers=bearer(anna["token"]))).json()
            assert shown["answered"] is True
            results = (await api.http.get(f"{base}/{form['id']}/results", headers=mod)).json()
            assert results["count"] == 1
    finally:
        await api.close()

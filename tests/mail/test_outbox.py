"""The mail outbox against a real SMTP server, on a clock the test moves: queued in a change, sent once after
commit, retried with backoff while the server is down, refused for good on a 5xx, in the recipient's language."""

import base64
from datetime import timedelta

import pytest
from sqlmodel import select

from app import clock
from app.adapters.mail_outbox import BadSmtpUrl, Mailer, SmtpServer
from app.db import UnitOfWork
from app.models import Language, MailKind, MailStatus, Meeting, OutgoingMail, Participant
from app.services import notifications
from app.services.notifications import Attachment
from tests.harness import Harness, Person
from tests.mail.smtp import MailServer


def mailer(h: Harness, smtp: MailServer, **settings: object) -> Mailer:
    configured = h.settings.model_copy(
        update={"smtp_url": smtp.url, "mail_from": "Roundtable <noreply@roundtable.test>", "mail_retry_base_seconds": 30.0,
                "mail_retry_max_seconds": 3600.0, "mail_max_attempts": 10, "mail_timeout_seconds": 10.0, **settings}
    )
    return Mailer(h.db, configured, SmtpServer.parse(smtp.url))


async def give(h: Harness, person: Person, address: str, language: Language | None = None) -> None:
    async def change(uow: UnitOfWork) -> None:
        row = await uow.session.get(Participant, person.id)
        assert row is not None
        await notifications.give_address(uow, person=row, address=address, language=language, personal_link=f"http://harness/meeting/{person.meeting_id}#token={person.token}")

    await h.edge.apply(change)


async def mails(h: Harness) -> list[OutgoingMail]:
    async def read(uow: UnitOfWork) -> list[OutgoingMail]:
        return list((await uow.session.exec(select(OutgoingMail).order_by(OutgoingMail.created_at))).all())

    return await h.read(read)


async def report(h: Harness, meeting_id: str, *, can_send: bool = True) -> dict:
    async def read(uow: UnitOfWork) -> dict:
        meeting = await uow.session.get(Meeting, meeting_id)
        assert meeting is not None
        return await notifications.mail_report(uow, meeting=meeting, can_send=can_send)

    return await h.read(read)


def queue(key: str, *, to: str = "bo@example.org", meeting_id: str | None = None, **extra: object):
    async def change(uow: UnitOfWork) -> OutgoingMail | None:
        return await notifications.queue_mail(
            uow, to=to, language=Language.en, kind=MailKind.other, subject="Agenda for Thursday", body="The agenda is attached.",
            dedupe_key=key, meeting_id=meeting_id, **extra,  # type: ignore[arg-type]
        )

    return change


class TestDelivery:
    async def test_a_mail_queued_with_a_change_reaches_the_server_once(self, h: Harness, smtp: MailServer) -> None:
        meeting, people = await h.meeting("Anna")
        await give(h, people["Anna"], "anna@example.org")
        sender = mailer(h, smtp)
        await sender.send_due()
        await sender.send_due()
        [received] = smtp.messages
        assert received.recipients == ["anna@example.org"]
        assert received.message["Subject"] == "Your link to Intake interviews"
        assert f"http://harness/meeting/{meeting.id}#token={people['Anna'].token}" in received.text
        assert received.message["Auto-Submitted"] == "auto-generated"
        [row] = await mails(h)
        assert row.sent_at == h.now and row.attempts == 1
        # Once sent, the body (which carries Anna's own link) is no longer kept.
        assert row.body_text == "" and row.body_html is None
        [anna] = [p for p in (await report(h, meeting.id))["people"] if p["display_name"] == "Anna"]
        assert anna["email"] == "anna@example.org"
        assert [(m["kind"], m["status"]) for m in anna["mails"]] == [("personal_link", "sent")]

    async def test_a_change_that_fails_sends_nothing(self, h: Harness, smtp: MailServer) -> None:
        async def fails(uow: UnitOfWork) -> None:
            await queue("agenda:1")(uow)
            raise RuntimeError("the change fails after queuing its mail")

        with pytest.raises(RuntimeError):
            await h.edge.apply(fails)
        await mailer(h, smtp).send_due()
        assert smtp.messages == [] and await mails(h) == []

    async def test_the_same_dedupe_key_is_sent_once(self, h: Harness, smtp: MailServer) -> None:
        first = await h.edge.apply(queue("reminder:form-1:bo"))
        again = await h.edge.apply(queue("reminder:form-1:bo"))
        assert first is not None and again is None
        await mailer(h, smtp).send_due()
        # And after it was sent, the key still holds.
        assert await h.edge.apply(queue("reminder:form-1:bo")) is None
        await mailer(h, smtp).send_due()
        assert len(smtp.messages) == 1

    async def test_the_recipients_language_is_used(self, h: Harness, smtp: MailServer) -> None:
        meeting, people = await h.meeting("Birgit")
        await give(h, people["Birgit"], "birgit@example.dk", Language.da)
        await mailer(h, smtp).send_due()
        [received] = smtp.messages
        assert received.message["Subject"] == "Dit link til Intake interviews"
        assert received.message["Content-Language"] == "da"
        assert "Dette link fører dig tilbage til mødet" in received.text
        assert '<html lang="da" dir="ltr">' in received.html

    async def test_a_title_is_never_html_in_the_mail(self, h: Harness, smtp: MailServer) -> None:
        meeting, people = await h.meeting("Anna", title='<img src=x onerror="alert(1)"> & co')
        await give(h, people["Anna"], "anna@example.org")
        await mailer(h, smtp).send_due()
        [received] = smtp.messages
        assert "<img" not in received.html
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co" in received.html
        assert '<img src=x onerror="alert(1)"> & co' in received.text

    async def test_an_ics_attachment_arrives_intact(self, h: Harness, smtp: MailServer) -> None:
        ics = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Roundtable//EN\r\nBEGIN:VEVENT\r\nUID:m-1@roundtable.test\r\n"
            "DTSTART:20260305T090000Z\r\nSUMMARY:Læringssamtale\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode()
        await h.edge.apply(queue("invitation:m-1:bo", attachments=[Attachment("meeting.ics", "text/calendar", ics)]))
        await mailer(h, smtp).send_due()
        [received] = smtp.messages
        [attachment] = list(received.message.iter_attachments())
        assert attachment.get_filename() == "meeting.ics"
        assert attachment.get_content_type() == "text/calendar"
        assert attachment.get_payload(decode=True) == ics
        [row] = await mails(h)
        assert row.attachments == []  # not kept once sent

    async def test_a_login_is_used_when_the_url_has_one(self, h: Harness) -> None:
        server = MailServer(login=("roundtable", "s3cret/pass")).start()
        try:
            await h.edge.apply(queue("login:1"))
            await mailer(h, MailServer(server.port, login=("roundtable", "s3cret%2Fpass"))).send_due()
            assert [m.recipients for m in server.messages] == [["bo@example.org"]]
            await h.edge.apply(queue("login:2"))
            await mailer(h, MailServer(server.port, login=("roundtable", "wrong"))).send_due()
            assert len(server.messages) == 1
            [_, refused] = await mails(h)
            # Our login, not the mail, is wrong: it is tried again later.
            assert refused.failed_at is None and refused.next_attempt_at == h.now + timedelta(seconds=30)
            assert refused.last_error is not None and "login" in refused.last_error
        finally:
            server.stop()


class TestRetries:
    async def test_a_server_that_is_down_is_tried_again_with_backoff_until_it_is_up(self, h: Harness, smtp_down: MailServer) -> None:
        meeting, people = await h.meeting("Anna")
        await give(h, people["Anna"], "anna@example.org")
        sender = mailer(h, smtp_down)
        start = h.now
        assert await sender.send_due() == 30.0
        [row] = await mails(h)
        assert row.attempts == 1 and row.next_attempt_at == start + timedelta(seconds=30)
        assert row.last_error is not None and "could not be reached" in row.last_error
        [anna] = [p for p in (await report(h, meeting.id))["people"] if p["display_name"] == "Anna"]
        assert anna["mails"][0]["status"] == "queued"
        assert anna["mails"][0]["next_attempt_at"] == clock.iso(start + timedelta(seconds=30))

        h.clock.advance(29.9)
        await sender.send_due()
        assert (await mails(h))[0].attempts == 1  # not due yet

        h.clock.advance(0.1)
        await sender.send_due()  # the second attempt: still down, the wait doubles
        [row] = await mails(h)
        assert row.attempts == 2 and row.next_attempt_at == start + timedelta(seconds=90)

        smtp_down.start()
        h.clock.advance(59.9)
        await sender.send_due()
        assert smtp_down.messages == []
        h.clock.advance(0.1)
        await sender.send_due()
        [received] = smtp_down.messages
        assert received.recipients == ["anna@example.org"]
        [row] = await mails(h)
        assert row.attempts == 3 and row.sent_at == h.now and row.last_error is None

    async def test_a_permanent_refusal_is_not_tried_again(self, h: Harness) -> None:
        server = MailServer(refuse={"nobody@example.org"}).start()
        try:
            await h.edge.apply(queue("refused:1", to="nobody@example.org"))
            sender = mailer(h, server)
            await sender.send_due()
            h.clock.advance(7 * 24 * 3600)
            await sender.send_due()
            assert server.messages == []
            [row] = await mails(h)
            assert row.attempts == 1 and row.failed_at is not None and row.next_attempt_at is None
            assert row.last_error is not None and row.last_error.startswith("recipient refused: 550")
        finally:
            server.stop()

    async def test_a_mail_stops_after_the_maximum_attempts(self, h: Harness, smtp_down: MailServer) -> None:
        await h.edge.apply(queue("down:1"))
        sender = mailer(h, smtp_down, mail_max_attempts=3, mail_retry_max_seconds=60.0)
        for _ in range(5):
            await sender.send_due()
            h.clock.advance(60)
        [row] = await mails(h)
        assert row.attempts == 3 and row.failed_at is not None
        smtp_down.start()
        await sender.send_due()
        assert smtp_down.messages == []

    async def test_a_claimed_mail_is_left_alone_until_its_lease_runs_out(self, h: Harness, smtp: MailServer) -> None:
        """A sender that crashed mid-send: its claim holds for the lease, then another sender takes the mail."""
        await h.edge.apply(queue("lease:1"))
        crashed = mailer(h, smtp)
        [claimed] = await crashed._claim()  # claimed, then the process died before sending
        assert claimed.attempts == 1
        other = mailer(h, smtp)
        await other.send_due()
        assert smtp.messages == []
        h.clock.advance(crashed.lease.total_seconds())
        await other.send_due()
        assert len(smtp.messages) == 1


class TestAddresses:
    async def test_taking_the_address_back_drops_what_was_not_sent_and_forgets_the_address(self, h: Harness, smtp: MailServer) -> None:
        meeting, people = await h.meeting("Anna")
        await give(h, people["Anna"], "anna@example.org")
        await mailer(h, smtp).send_due()

        async def form_opened(uow: UnitOfWork) -> OutgoingMail | None:
            row = await uow.session.get(Participant, people["Anna"].id)
            assert row is not None
            return await notifications.queue_for_person(uow, person=row, kind=MailKind.form_opened, dedupe_key="form:1:anna", title="Intake interviews", detail="Feedback")

        assert await h.edge.apply(form_opened) is not None

        async def take_back(uow: UnitOfWork) -> None:
            row = await uow.session.get(Participant, people["Anna"].id)
            assert row is not None
            await notifications.take_back_address(uow, person=row)

        await h.edge.apply(take_back)
        await mailer(h, smtp).send_due()
        assert len(smtp.messages) == 1  # only the link, sent before
        [anna] = [p for p in (await report(h, meeting.id))["people"] if p["display_name"] == "Anna"]
        assert anna["email"] is None
        assert [(m["kind"], m["status"]) for m in anna["mails"]] == [("personal_link", "sent")]
        assert all(m.recipient == "" for m in await mails(h))
        # Without an address nothing is queued for her.
        assert await h.edge.apply(form_opened) is None

    async def test_a_changed_address_gets_the_mails_not_yet_sent(self, h: Harness, smtp_down: MailServer) -> None:
        meeting, people = await h.meeting("Anna")
        await give(h, people["Anna"], "anna@old.example.org")
        await give(h, people["Anna"], "anna@new.example.org")
        smtp_down.start()
        await mailer(h, smtp_down).send_due()
        # The link to the old address went to the new one; the new address got its own link mail, deduplicated.
        assert sorted(r for m in smtp_down.messages for r in m.recipients) == ["anna@new.example.org", "anna@new.example.org"]

    async def test_without_a_mail_server_mails_are_held_for_the_moderators_to_see(self, h: Harness) -> None:
        meeting, people = await h.meeting("Anna", "Bo")
        await give(h, people["Anna"], "anna@example.org")
        await h.edge.apply(queue("invite:carl", to="carl@example.org", meeting_id=meeting.id, shareable_link="http://harness/join/abcd"))
        shown = await report(h, meeting.id, can_send=False)
        assert shown["mail_server"] is False
        by_name = {p["display_name"]: p for p in shown["people"]}
        anna, bo = by_name["Anna"], by_name["Bo"]
        [link_mail] = anna["mails"]
        assert link_mail["status"] == MailStatus.held and link_mail["reason"] == "not sent: no mail server"
        assert link_mail["link"] is None  # Anna's own link is hers alone
        assert bo["email"] is None and bo["mails"] == []
        [carl] = shown["others"]
        assert carl["email"] == "carl@example.org"
        assert [(m["status"], m["link"]) for m in carl["mails"]] == [("held", "http://harness/join/abcd")]


class TestSmtpUrl:
    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            ("smtp://127.0.0.1:2525", SmtpServer("127.0.0.1", 2525)),
            ("smtp://mail.example.org", SmtpServer("mail.example.org", 25)),
            ("smtps://u%40x:p%2Fw@mail.example.org", SmtpServer("mail.example.org", 465, "u@x", "p/w", use_tls=True)),
            ("smtp+starttls://user:pass@mail.example.org", SmtpServer("mail.example.org", 587, "user", "pass", start_tls=True)),
        ],
    )
    def test_a_url_names_the_server_and_its_security(self, url: str, expected: SmtpServer) -> None:
        assert SmtpServer.parse(url) == expected

    @pytest.mark.parametrize("url", ["http://mail.example.org", "smtp://", "smtp://host:notaport", "mail.example.org"])
    def test_a_bad_url_is_refused(self, url: str) -> None:
        with pytest.raises(BadSmtpUrl):
            SmtpServer.parse(url)


def test_an_attachment_is_stored_as_base64() -> None:
    assert Attachment("a.ics", "text/calendar", b"BEGIN").stored() == {
        "filename": "a.ics", "content_type": "text/calendar", "content": base64.b64encode(b"BEGIN").decode()
    }

"""The mail outbox on PostgreSQL, as when several processes share one database: the migration reuses the
meetings' language type, a key is queued once, and two senders working at the same time send each mail once."""

import asyncio

import pytest
from sqlmodel import select

from app.adapters.mail_outbox import Mailer, SmtpServer
from app.config import Settings
from app.db import Database, UnitOfWork
from app.models import Language, MailKind, OutgoingMail
from app.services import notifications
from tests.mail.smtp import MailServer
from tests.scaleout.servers import Postgres

pytestmark = pytest.mark.scaleout


async def test_two_senders_on_one_database_send_each_mail_once(postgres: Postgres, smtp: MailServer) -> None:
    db = Database(postgres.url)
    settings = Settings(database_url=postgres.url, smtp_url=smtp.url, mail_timeout_seconds=10)
    try:
        async def queue(key: str) -> OutgoingMail | None:
            async def change(uow: UnitOfWork) -> OutgoingMail | None:
                return await notifications.queue_mail(
                    uow, to=f"{key}@example.org", language=Language.da, kind=MailKind.form_reminder, subject="Påmindelse",
                    body="Svar venligst.", dedupe_key=key,
                )

            async with db.unit_of_work() as uow:
                return await change(uow)

        # Forty mails, each key queued twice at the same moment (a timer tick on two processes).
        results = await asyncio.gather(*(queue(f"reminder-{i}") for i in range(40) for _ in range(2)))
        assert sum(r is not None for r in results) == 40
        one, other = Mailer(db, settings, SmtpServer.parse(smtp.url)), Mailer(db, settings, SmtpServer.parse(smtp.url))
        await asyncio.gather(one.send_due(), other.send_due())
        received = sorted(r for m in smtp.messages for r in m.recipients)
        assert received == sorted(f"reminder-{i}@example.org" for i in range(40))
        async with db.read_only() as uow:
            rows = (await uow.session.exec(select(OutgoingMail))).all()
        assert len(rows) == 40 and all(r.sent_at is not None and r.attempts == 1 for r in rows)
    finally:
        await db.dispose()

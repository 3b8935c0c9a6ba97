"""E-mail from a persisted outbox: sent over SMTP (aiosmtplib) after the change that queued it commits, retried
with backoff, across restarts (docs/adr/0012-mail-outbox.md).

Mails are rows of `outgoing_mail`, written in the transaction of the change that causes them
(app/services/notifications.py). The sender claims the due ones under a lease (another process, or this one after
a crash, leaves a claimed mail alone until its lease runs out), hands each to the mail server and records the
outcome. A mail the server accepted is never handed over again; one that could not be handed over is tried again
later, one the server refuses for good (a 5xx answer) or that ran out of attempts is marked failed.

Delivery is at least once: a crash after the server accepted a mail and before that was recorded sends it again
when its lease runs out. Its Message-ID is the same each time (derived from the mail's id), so that mail systems
can recognise the duplicate.
"""

import asyncio
import base64
import logging
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from urllib.parse import unquote, urlsplit

import aiosmtplib
from sqlmodel import col, select

from app import clock
from app.config import Settings
from app.db import Database
from app.models import OutgoingMail

log = logging.getLogger(__name__)

# Mails claimed and handed to the server at a time, and how many of them concurrently (one connection each).
BATCH = 20
CONCURRENT = 4


class BadSmtpUrl(ValueError):
    pass


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to hand mails over, from ROUNDTABLE_SMTP_URL."""

    hostname: str
    port: int
    username: str | None = None
    password: str | None = None
    use_tls: bool = False  # smtps: TLS from the first byte
    start_tls: bool = False  # smtp+starttls: upgrade the connection, refuse to go on without it

    @classmethod
    def parse(cls, url: str) -> "SmtpServer":
        parts = urlsplit(url)
        schemes = {"smtp": (25, False, False), "smtp+starttls": (587, False, True), "smtps": (465, True, False)}
        if parts.scheme not in schemes:
            raise BadSmtpUrl(f"ROUNDTABLE_SMTP_URL must start with one of {', '.join(s + '://' for s in schemes)}")
        if not parts.hostname:
            raise BadSmtpUrl("ROUNDTABLE_SMTP_URL names no host")
        default_port, use_tls, start_tls = schemes[parts.scheme]
        try:
            port = parts.port or default_port
        except ValueError as exc:
            raise BadSmtpUrl("ROUNDTABLE_SMTP_URL has an invalid port") from exc
        return cls(
            hostname=parts.hostname,
            port=port,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            use_tls=use_tls,
            start_tls=start_tls,
        )


def backoff(attempts: int, settings: Settings) -> float:
    return float(min(settings.mail_retry_base_seconds * 2 ** max(attempts - 1, 0), settings.mail_retry_max_seconds))


def message_of(mail: OutgoingMail, sender: str) -> EmailMessage:
    """The mail as it goes over the wire: plain text, the HTML alternative when there is one, then attachments."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.recipient
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(clock.as_utc(mail.created_at))
    domain = parseaddr(sender)[1].rpartition("@")[2] or "roundtable.invalid"
    message["Message-ID"] = f"<{mail.id}@{domain}>"
    # RFC 3834: sent by a program; vacation responders and the like do not answer it.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.body_text)
    if mail.body_html:
        message.add_alternative(mail.body_html, subtype="html")
    for attachment in mail.attachments:
        maintype, _, subtype = str(attachment["content_type"]).partition(";")[0].strip().partition("/")
        message.add_attachment(
            base64.b64decode(attachment["content"]), maintype=maintype, subtype=subtype, filename=attachment["filename"]
        )
    # Last: setting the content replaces every Content-* header, and a multipart moves them into its first part.
    message["Content-Language"] = str(mail.language)
    return message


@dataclass(frozen=True)
class Outcome:
    error: str | None = None
    permanent: bool = False


class Mailer:
    """The sender loop: woken after each commit that queued a mail (the WakeMail effect), and otherwise when the
    next retry falls due."""

    def __init__(self, db: Database, settings: Settings, server: SmtpServer):
        self.db = db
        self.settings = settings
        self.server = server
        # A hand-over takes at most twice the timeout (see _send); the margin covers recording its outcome.
        self.lease = timedelta(seconds=settings.mail_timeout_seconds * 2 + 10)
        self._wake = asyncio.Event()
        self._slots = asyncio.Semaphore(CONCURRENT)

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        while True:
            self._wake.clear()
            try:
                wait = await self.send_due()
            except Exception:
                log.exception("mail sender failed; trying again shortly")
                wait = 1.0
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=wait)
            except TimeoutError:
                pass

    async def send_due(self) -> float:
        """Hand over every mail that is due (a batch at a time); answer how long to sleep until the next is due."""
        while True:
            claimed = await self._claim()
            if claimed:
                outcomes = await asyncio.gather(*(self._send(mail) for mail in claimed))
                await self._settle(list(zip(claimed, outcomes, strict=True)))
            if len(claimed) < BATCH:
                return await self._next_wait()

    async def _claim(self) -> list[OutgoingMail]:
        async with self.db.unit_of_work() as uow:
            statement = (
                select(OutgoingMail)
                .where(
                    col(OutgoingMail.sent_at).is_(None),
                    col(OutgoingMail.failed_at).is_(None),
                    col(OutgoingMail.next_attempt_at) <= uow.now,
                )
                .order_by(col(OutgoingMail.created_at), col(OutgoingMail.id))
                .limit(BATCH)
            )
            if uow.session.bind is not None and uow.session.bind.dialect.name == "postgresql":
                # Several processes send: each claims what no other is holding (SQLite writers are serial anyway).
                statement = statement.with_for_update(skip_locked=True)
            claimed = list((await uow.session.exec(statement)).all())
            for mail in claimed:
                mail.attempts += 1
                mail.next_attempt_at = uow.now + self.lease
            return claimed

    async def _send(self, mail: OutgoingMail) -> Outcome:
        server = self.server
        async with self._slots:
            try:
                await asyncio.wait_for(
                    aiosmtplib.send(
                        message_of(mail, self.settings.mail_from),
                        sender=parseaddr(self.settings.mail_from)[1] or None,
                        recipients=[mail.recipient],
                        hostname=server.hostname,
                        port=server.port,
                        username=server.username,
                        password=server.password,
                        use_tls=server.use_tls,
                        start_tls=server.start_tls,
                        timeout=self.settings.mail_timeout_seconds,
                    ),
                    self.settings.mail_timeout_seconds * 2,
                )
            except aiosmtplib.SMTPRecipientsRefused as exc:
                refused = exc.recipients[0] if exc.recipients else None
                code = refused.code if refused is not None else 0
                return Outcome(f"recipient refused: {code} {refused.message if refused else ''}".strip(), permanent=code >= 500)
            except aiosmtplib.SMTPAuthenticationError as exc:
                # Our credentials, not this mail: worth trying again once the setting is fixed.
                return Outcome(f"the mail server refused our login: {exc.code}")
            except aiosmtplib.SMTPResponseException as exc:
                return Outcome(f"the mail server answered {exc.code} {exc.message}", permanent=exc.code >= 500)
            except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
                return Outcome(f"the mail server could not be reached: {type(exc).__name__}")
            except Exception as exc:  # a mail that cannot be built (bad attachment) fails alone, not the loop
                log.exception("mail %s could not be sent", mail.id)
                return Outcome(f"could not be sent: {type(exc).__name__}", permanent=True)
        return Outcome()

    async def _settle(self, results: list[tuple[OutgoingMail, Outcome]]) -> None:
        async with self.db.unit_of_work() as uow:
            for claimed, outcome in results:
                row = await uow.session.get(OutgoingMail, claimed.id)
                if row is None:  # erased while it was being sent
                    continue
                if outcome.error is None:
                    row.sent_at = uow.now
                    row.next_attempt_at = None
                    row.last_error = None
                    # What went out may carry the recipient's own link: once sent, only what the list shows stays.
                    row.body_text, row.body_html, row.attachments, row.shareable_link = "", None, [], None
                    continue
                row.last_error = outcome.error[:300]
                if outcome.permanent or row.attempts >= self.settings.mail_max_attempts:
                    row.failed_at = uow.now
                    row.next_attempt_at = None
                    log.warning("mail %s (%s) failed after %d attempts: %s", row.id, row.kind, row.attempts, outcome.error)
                else:
                    delay = backoff(row.attempts, self.settings)
                    row.next_attempt_at = uow.now + timedelta(seconds=delay)
                    log.warning("mail %s (%s) not sent: %s; next try in %.0fs", row.id, row.kind, outcome.error, delay)

    async def _next_wait(self) -> float:
        async with self.db.read_only() as uow:
            soonest = (
                await uow.session.exec(
                    select(OutgoingMail.next_attempt_at)
                    .where(
                        col(OutgoingMail.sent_at).is_(None),
                        col(OutgoingMail.failed_at).is_(None),
                        col(OutgoingMail.next_attempt_at).is_not(None),
                    )
                    .order_by(col(OutgoingMail.next_attempt_at))
                    .limit(1)
                )
            ).first()
        if soonest is None:
            return 30.0
        return max(0.05, min(30.0, (soonest - clock.now()).total_seconds()))

"""Notifications by e-mail: the addresses people give, the mails queued for them, and what moderators see of both.

`queue_mail` writes a mail into the outbox in the caller's transaction (so it is sent only if the change that
caused it commits) and wakes the sender after commit; `queue_for_person` does the same for a participant, in the
language and to the address they gave, and does nothing for someone who gave none. The sender
(app/adapters/mail_outbox.py) does the rest, with retries, across restarts.

An address is seen by the person who gave it and by the moderators of that meeting (to know who gets mail),
nobody else: it is in no snapshot, event, summary, export or list of participants.
"""

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, delete, select

from app import clock, ids
from app.db import UnitOfWork
from app.effects import WakeMail
from app.models import Language, MailAddress, MailKind, MailStatus, Meeting, OutgoingMail, Participant
from app.services import mail_texts


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes

    def stored(self) -> dict[str, str]:
        return {"filename": self.filename, "content_type": self.content_type, "content": base64.b64encode(self.content).decode()}


async def queue_mail(
    uow: UnitOfWork,
    *,
    to: str,
    language: Language,
    kind: MailKind,
    subject: str,
    body: str,
    dedupe_key: str,
    meeting_id: str | None = None,
    series_id: str | None = None,
    participant_id: str | None = None,
    html: str | None = None,
    attachments: Sequence[Attachment] = (),
    shareable_link: str | None = None,
) -> OutgoingMail | None:
    """Queue one mail, to be sent once this transaction commits. A mail with the same `dedupe_key` queued before
    (in any transaction, any process) wins: this one is not queued, and None is the answer."""
    mail = OutgoingMail(
        id=ids.new_id(),
        meeting_id=meeting_id,
        series_id=series_id,
        participant_id=participant_id,
        recipient=to,
        language=language,
        kind=kind,
        subject=" ".join(subject.split())[:300],
        body_text=body,
        body_html=html,
        attachments=[a.stored() for a in attachments],
        shareable_link=shareable_link,
        dedupe_key=dedupe_key,
        created_at=uow.now,
        next_attempt_at=uow.now,
    )
    dialect = uow.session.bind.dialect.name if uow.session.bind is not None else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # The database decides "sent once": two transactions queuing the same key cannot both insert it.
    statement = insert(OutgoingMail).values(**mail.model_dump()).on_conflict_do_nothing(index_elements=["dedupe_key"])
    result: Any = await uow.session.exec(statement)  # type: ignore[call-overload]
    if result.rowcount == 0:
        return None
    uow.effect(WakeMail())
    return mail


async def queue_for_person(
    uow: UnitOfWork,
    *,
    person: Participant,
    kind: MailKind,
    dedupe_key: str,
    title: str,
    link: str | None = None,
    detail: str = "",
    starts_at: datetime | None = None,
    due: datetime | None = None,
    lines: tuple[str, ...] = (),
    attachments: Sequence[Attachment] = (),
    shareable_link: str | None = None,
) -> OutgoingMail | None:
    """A mail of this kind to a participant, in their language, if they gave an address (None otherwise, or when
    the key was queued before). The texts come from app/services/mail_texts.py."""
    address = await uow.session.get(MailAddress, person.id)
    if address is None or person.erased_at is not None:
        return None
    composed = mail_texts.compose(
        kind=kind, language=address.language, title=title, link=link, detail=detail, starts_at=starts_at, due=due, lines=lines
    )
    return await queue_mail(
        uow,
        to=address.address,
        language=address.language,
        kind=kind,
        subject=composed.subject,
        body=composed.text,
        html=composed.html,
        dedupe_key=dedupe_key,
        meeting_id=person.meeting_id,
        participant_id=person.id,
        attachments=attachments,
        shareable_link=shareable_link,
    )


# A person's own address -------------------------------------------------------------------------


async def address_of(uow: UnitOfWork, *, person: Participant) -> MailAddress | None:
    return await uow.session.get(MailAddress, person.id)


async def give_address(
    uow: UnitOfWork, *, person: Participant, address: str, language: Language | None, personal_link: str
) -> MailAddress:
    """Keep the address this person gave (replacing one given before) and send them their own link, once per
    address. Mails not yet sent go to the new address. `address` is checked by the edge (app/api/schemas.py)."""
    meeting = await uow.session.get(Meeting, person.meeting_id)
    assert meeting is not None
    row = await uow.session.get(MailAddress, person.id)
    if row is None:
        row = MailAddress(participant_id=person.id, meeting_id=person.meeting_id, address=address, language=language or meeting.language, given_at=uow.now)
        uow.session.add(row)
    else:
        row.address, row.given_at = address, uow.now
        if language is not None:
            row.language = language
        await uow.session.exec(
            update(OutgoingMail)
            .where(col(OutgoingMail.participant_id) == person.id, col(OutgoingMail.sent_at).is_(None), col(OutgoingMail.failed_at).is_(None))
            .values(recipient=address)
        )
    await uow.session.flush()
    await queue_for_person(
        uow,
        person=person,
        kind=MailKind.personal_link,
        dedupe_key=f"personal_link:{person.id}:{ids.hash_token(address.casefold())[:32]}",
        title=meeting.title,
        link=personal_link,
    )
    return row


async def take_back_address(uow: UnitOfWork, *, person: Participant) -> None:
    """The person takes their address back: it is deleted, nothing more is sent to it (mails not yet sent are
    dropped) and the mails already sent keep only their kind, subject and time, without the address."""
    await uow.session.exec(delete(MailAddress).where(col(MailAddress.participant_id) == person.id))
    await uow.session.exec(delete(OutgoingMail).where(col(OutgoingMail.participant_id) == person.id, col(OutgoingMail.sent_at).is_(None)))
    await uow.session.exec(
        update(OutgoingMail)
        .where(col(OutgoingMail.participant_id) == person.id)
        .values(recipient="", body_text="", body_html=None, attachments=[], shareable_link=None)
    )


async def erase_person(uow: UnitOfWork, *, person: Participant) -> None:
    """Erasure (app/services/privacy.py): the address and every mail to this person are deleted."""
    await uow.session.exec(delete(MailAddress).where(col(MailAddress.participant_id) == person.id))
    await uow.session.exec(delete(OutgoingMail).where(col(OutgoingMail.participant_id) == person.id))


async def erase_meeting(uow: UnitOfWork, *, meeting_id: str) -> None:
    """The meeting's retention is over: its addresses and mails are deleted."""
    await uow.session.exec(delete(MailAddress).where(col(MailAddress.meeting_id) == meeting_id))
    await uow.session.exec(delete(OutgoingMail).where(col(OutgoingMail.meeting_id) == meeting_id))


# What moderators see ----------------------------------------------------------------------------


def status_of(mail: OutgoingMail, *, can_send: bool) -> MailStatus:
    if mail.sent_at is not None:
        return MailStatus.sent
    if mail.failed_at is not None:
        return MailStatus.failed
    return MailStatus.queued if can_send else MailStatus.held


def _when(value: datetime | None) -> str | None:
    return clock.iso(value) if value is not None else None


async def mail_report(uow: UnitOfWork, *, meeting: Meeting, can_send: bool) -> dict[str, Any]:
    """Per person of the meeting: the address they gave (or none) and each mail queued for them, with its status.
    Without a mail server (`can_send` false) nothing goes out: mails are `held`, and an invitation's link (never
    a participant's own) is there to copy."""
    people = (
        await uow.session.exec(
            select(Participant)
            .where(Participant.meeting_id == meeting.id, col(Participant.erased_at).is_(None))
            .order_by(col(Participant.joined_at), col(Participant.id))
        )
    ).all()
    addresses = {
        a.participant_id: a for a in (await uow.session.exec(select(MailAddress).where(MailAddress.meeting_id == meeting.id))).all()
    }
    mails = (
        await uow.session.exec(
            select(OutgoingMail).where(OutgoingMail.meeting_id == meeting.id).order_by(col(OutgoingMail.created_at), col(OutgoingMail.id))
        )
    ).all()
    by_person: dict[str | None, list[OutgoingMail]] = {}
    for mail in mails:
        by_person.setdefault(mail.participant_id, []).append(mail)

    def shown(mail: OutgoingMail) -> dict[str, Any]:
        status = status_of(mail, can_send=can_send)
        return {
            "id": mail.id,
            "kind": mail.kind,
            "subject": mail.subject,
            "status": status,
            "reason": "not sent: no mail server" if status == MailStatus.held else mail.last_error,
            "attempts": mail.attempts,
            "created_at": _when(mail.created_at),
            "next_attempt_at": _when(mail.next_attempt_at) if status == MailStatus.queued else None,
            "sent_at": _when(mail.sent_at),
            "failed_at": _when(mail.failed_at),
            "link": mail.shareable_link if status != MailStatus.sent else None,
        }

    listed = []
    for person in people:
        address = addresses.get(person.id)
        listed.append(
            {
                "participant_id": person.id,
                "display_name": person.display_name,
                "role": person.role,
                "email": address.address if address is not None else None,
                "language": address.language if address is not None else None,
                "mails": [shown(m) for m in by_person.get(person.id, [])],
            }
        )
    # Mails to people who are not (yet) participants: an invitation to someone who has not joined.
    others: dict[str, list[OutgoingMail]] = {}
    for mail in by_person.get(None, []):
        others.setdefault(mail.recipient, []).append(mail)
    return {
        "meeting_id": meeting.id,
        "mail_server": can_send,
        "people": listed,
        "others": [{"email": recipient, "mails": [shown(m) for m in sent]} for recipient, sent in others.items()],
    }

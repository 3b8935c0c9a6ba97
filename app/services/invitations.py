"""Personal invitations to a series' meetings: one per contact person and meeting, answered yes / no / maybe from
the person's own link, mailed with a calendar file, reminded, and renewed for the next meeting with one action.

The personal link is `{PUBLIC_URL}/join/{join_code}#invitation={token}`: the token rides in the fragment (browsers
never send it to a server), and the join page uses it to fill in the person's name, organisation and role. Without
a mail server the organiser copies the same link from the invitation list.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from app import ids, rooms
from app.db import UnitOfWork
from app.errors import Conflict, InvalidInput, NotFound, RateLimited
from app.events import ParticipantUpdated
from app.models import (
    Invitation,
    InvitationAnswer,
    MailKind,
    Meeting,
    MeetingStatus,
    Participant,
    RosterContact,
    RosterEntry,
    Series,
    SeriesMeeting,
    SeriesUpdate,
    UpdateAuthor,
)
from app.rules import urls
from app.services import calendar, formats, invitation_texts, notifications, participants, roles, views
from app.services.notifications import Attachment

# An invited member may post this many updates to a series in an hour.
UPDATES_PER_HOUR = 10


@dataclass(frozen=True)
class Invited:
    invitation: Invitation
    contact: RosterContact
    entry: RosterEntry
    meeting: Meeting
    series: Series
    link: SeriesMeeting


def personal_link(base_url: str, meeting: Meeting, invitation: Invitation) -> str:
    return f"{base_url}/join/{meeting.join_code}#invitation={invitation.token}"


async def _meeting_of(uow: UnitOfWork, series: Series, meeting_id: str) -> tuple[Meeting, SeriesMeeting]:
    link = await uow.session.get(SeriesMeeting, meeting_id)
    meeting = await uow.session.get(Meeting, meeting_id) if link is not None and link.series_id == series.id else None
    if meeting is None or link is None:
        raise NotFound("No such meeting in this series.")
    return meeting, link


async def of_meeting(uow: UnitOfWork, *, series: Series, meeting_id: str) -> list[Invited]:
    meeting, link = await _meeting_of(uow, series, meeting_id)
    rows = (
        await uow.session.exec(
            select(Invitation, RosterContact, RosterEntry)
            .join(RosterContact, col(RosterContact.id) == Invitation.contact_id)
            .join(RosterEntry, col(RosterEntry.id) == RosterContact.entry_id)
            .where(Invitation.meeting_id == meeting.id)
            .order_by(col(RosterEntry.position), col(RosterContact.name))
        )
    ).all()
    return [Invited(i, c, e, meeting, series, link) for i, c, e in rows]


def _calendar_file(invited: Invited, base_url: str, stamp_at: datetime) -> Attachment:
    series, contact = invited.series, invited.contact
    ics = calendar.invitation_ics(
        calendar.CalendarInvitation(
            uid=f"series-{series.id}-{contact.id}@roundtable",
            sequence=invited.link.number - 1,
            title=series.name,
            description=series.context,
            starts_at=invited.link.starts_at,
            duration=timedelta(minutes=series.duration_minutes),
            zone=series.time_zone,
            rule=series.rule,
            earlier=invited.link.number - 1,
            organizer=calendar.Person(series.coordinator_name, series.coordinator_email),
            attendee=calendar.Person(contact.name, contact.email),
            required=invited.entry.required,
            url=personal_link(base_url, invited.meeting, invited.invitation),
            stamp=stamp_at,
        )
    )
    return Attachment(filename="invitation.ics", content_type="text/calendar; method=REQUEST; charset=utf-8", content=ics)


async def _mail(uow: UnitOfWork, invited: Invited, base_url: str, *, reminder: int) -> None:
    """Queue the invitation (reminder 0) or its n-th reminder; each once, whatever happens (dedupe key)."""
    series, contact, invitation = invited.series, invited.contact, invited.invitation
    link = personal_link(base_url, invited.meeting, invitation)
    mail = invitation_texts.invitation(
        language=contact.language,
        reminder=reminder > 0,
        title=series.name,
        name=contact.name,
        organisation=invited.entry.name,
        starts_at=invited.link.starts_at,
        zone=series.time_zone,
        context=series.context,
        link=link,
        coordinator=series.coordinator_name,
        coordinator_email=series.coordinator_email,
    )
    await notifications.queue_mail(
        uow,
        to=contact.email,
        language=contact.language,
        kind=MailKind.invitation,
        subject=mail.subject,
        body=mail.text,
        html=mail.html,
        dedupe_key=f"invitation:{invitation.id}:{reminder}",
        meeting_id=invited.meeting.id,
        series_id=series.id,
        attachments=(_calendar_file(invited, base_url, uow.now),),
        shareable_link=link,
    )


async def invite(uow: UnitOfWork, *, series: Series, meeting_id: str, base_url: str) -> list[Invited]:
    """Every contact person of the roster gets their invitation to this meeting (once): a personal link, and a mail
    with the calendar file. Contacts added to the roster later are invited by calling this again."""
    meeting, _ = await _meeting_of(uow, series, meeting_id)
    if meeting.status == MeetingStatus.ended:
        raise Conflict("The meeting has ended.", code="meeting_ended")
    have = {i.contact_id for i in (await uow.session.exec(select(Invitation).where(Invitation.meeting_id == meeting.id))).all()}
    contacts = (await uow.session.exec(select(RosterContact).where(RosterContact.series_id == series.id))).all()
    for contact in contacts:
        if contact.id not in have:
            uow.session.add(
                Invitation(id=ids.new_id(), series_id=series.id, meeting_id=meeting.id, contact_id=contact.id, token=ids.new_token(), created_at=uow.now)
            )
    await uow.session.flush()
    invited = await of_meeting(uow, series=series, meeting_id=meeting.id)
    for one in invited:
        if one.invitation.mailed_at is None:
            await _mail(uow, one, base_url, reminder=0)
            one.invitation.mailed_at = uow.now
    return invited


async def remind(uow: UnitOfWork, *, series: Series, meeting_id: str, base_url: str) -> list[Invited]:
    """One more mail to each invited person who has not answered yet; each reminder is sent once."""
    meeting, _ = await _meeting_of(uow, series, meeting_id)
    if meeting.status == MeetingStatus.ended:
        raise Conflict("The meeting has ended.", code="meeting_ended")
    reminded = []
    for one in await of_meeting(uow, series=series, meeting_id=meeting_id):
        if one.invitation.answer is None:
            one.invitation.reminders += 1
            one.invitation.reminded_at = uow.now
            await _mail(uow, one, base_url, reminder=one.invitation.reminders)
            reminded.append(one)
    return reminded


async def by_token(uow: UnitOfWork, *, token: str) -> Invited:
    if not token or len(token) > 64:
        raise NotFound("No invitation has this link.")
    invitation = (await uow.session.exec(select(Invitation).where(Invitation.token == token))).first()
    if invitation is None or not ids.same_secret(invitation.token, token):
        raise NotFound("No invitation has this link.")
    contact = await uow.session.get(RosterContact, invitation.contact_id)
    meeting = await uow.session.get(Meeting, invitation.meeting_id)
    series = await uow.session.get(Series, invitation.series_id)
    link = await uow.session.get(SeriesMeeting, invitation.meeting_id)
    if contact is None or meeting is None or series is None or link is None or meeting.erased_at is not None:
        raise NotFound("No invitation has this link.")
    entry = await uow.session.get(RosterEntry, contact.entry_id)
    assert entry is not None
    return Invited(invitation, contact, entry, meeting, series, link)


async def answer(uow: UnitOfWork, *, token: str, answer: InvitationAnswer) -> Invited:
    invited = await by_token(uow, token=token)
    if invited.meeting.status == MeetingStatus.ended:
        raise Conflict("The meeting has ended.", code="meeting_ended")
    invited.invitation.answer = answer
    invited.invitation.answered_at = uow.now
    return invited


async def join(uow: UnitOfWork, *, token: str, display_name: str | None, device_hash: str | None) -> tuple[Participant, str]:
    """Join the meeting as the invited person: their name (or the one they typed), their roster entry as the
    organisation, their role of the format. The roster counts them for their entry."""
    invited = await by_token(uow, token=token)
    person, person_token = await participants.join(
        uow,
        join_code=invited.meeting.join_code,
        display_name=display_name or invited.contact.name,
        organisation=invited.entry.name,
        device_hash=device_hash,
    )
    if invited.contact.role is not None:
        definition = formats.of_meeting(invited.meeting)
        roles.give(definition, person, definition.role(invited.contact.role))
        # participant.joined went out with the plain role: everyone learns the invited role (and a keynote mark).
        await uow.change(invited.meeting.id, ParticipantUpdated(participant=views.participant(person)), to=rooms.meeting(invited.meeting.id))
    invited.invitation.participant_id = person.id
    if invited.invitation.answer is None:
        # Coming is an answer.
        invited.invitation.answer = InvitationAnswer.yes
        invited.invitation.answered_at = uow.now
    return person, person_token


async def post_update(
    uow: UnitOfWork, *, series: Series, author: UpdateAuthor, author_name: str, invitation_id: str | None, text: str, url: str | None
) -> SeriesUpdate:
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    if not text:
        raise InvalidInput("text: an update needs a text.")
    if url:
        try:
            url = urls.normalise_http_url(url)
        except urls.BadUrl as exc:
            raise InvalidInput(f"url: {exc}") from None
    if invitation_id is not None:
        recent = (
            await uow.session.exec(
                select(func.count()).select_from(SeriesUpdate).where(SeriesUpdate.invitation_id == invitation_id, col(SeriesUpdate.created_at) > uow.now - timedelta(hours=1))
            )
        ).one()
        if recent >= UPDATES_PER_HOUR:
            raise RateLimited(f"At most {UPDATES_PER_HOUR} updates an hour; try again later.")
    update = SeriesUpdate(
        id=ids.new_id(), series_id=series.id, author=author, author_name=author_name, invitation_id=invitation_id, text=text, url=url or None, created_at=uow.now
    )
    uow.session.add(update)
    return update


def digests_due(now: datetime, delay: timedelta) -> list[SelectOfScalar[str]]:
    """What `send_digests` looks for: series mailed as digests whose oldest update not yet mailed has waited `delay`."""
    return [
        select(SeriesUpdate.series_id)
        .join(Series, col(Series.id) == SeriesUpdate.series_id)
        .where(col(SeriesUpdate.digested_at).is_(None), col(Series.digest_by_mail).is_(True))
        .group_by(col(SeriesUpdate.series_id))
        .having(func.min(SeriesUpdate.created_at) <= now - delay)
    ]


async def send_digests(uow: UnitOfWork, *, delay: timedelta, base_url: str) -> int:
    """Timer: a series' updates not yet mailed, once the oldest has waited `delay` (so that a morning's updates go
    out together), go to every contact person of its roster in one mail each; then they count as sent."""
    due = (await uow.session.exec(digests_due(uow.now, delay)[0])).all()
    sent = 0
    for series_id in sorted(due):
        series = await uow.session.get(Series, series_id)
        assert series is not None
        batch = list(
            (await uow.session.exec(select(SeriesUpdate).where(SeriesUpdate.series_id == series_id, col(SeriesUpdate.digested_at).is_(None)).order_by(col(SeriesUpdate.created_at)))).all()
        )
        lines = [f"{u.author_name}: {u.text}" + (f" ({u.url})" if u.url else "") for u in batch]
        contacts = (await uow.session.exec(select(RosterContact).where(RosterContact.series_id == series_id))).all()
        for contact in contacts:
            mail = invitation_texts.digest(
                language=contact.language, title=series.name, name=contact.name, updates=lines, link=None,
                coordinator=series.coordinator_name, coordinator_email=series.coordinator_email,
            )
            queued = await notifications.queue_mail(
                uow, to=contact.email, language=contact.language, kind=MailKind.digest, subject=mail.subject, body=mail.text, html=mail.html,
                dedupe_key=f"series-digest:{series_id}:{batch[-1].id}:{contact.id}", series_id=series_id,
            )
            sent += queued is not None
        for update in batch:
            update.digested_at = uow.now
    return sent

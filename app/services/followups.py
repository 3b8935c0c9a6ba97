"""Follow-up items: what a meeting leads to (a webinar, a publication, an action), who carries it out, by when,
and where it stands. Everyone in the meeting sees them; moderators record and change them.

An item can be made from a chat message of the meeting (its text is copied). Items still open when the next
meeting of a series is made are carried into it (app/services/series.py) and reviewed there: done, still open
or dropped. A stored due moment is watched by the timer: once it passes while the item is open, the item is
flagged overdue, once, and its owner is told by e-mail where an address is known.
"""

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from app import ids, rooms
from app.db import UnitOfWork
from app.errors import InvalidInput, NotFound
from app.events import FollowUpAdded, FollowUpRemoved, FollowUpUpdated, FollowUpView
from app.models import (
    OPEN_FOLLOW_UP,
    Card,
    ChatMessage,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Invitation,
    MailKind,
    Meeting,
    Participant,
    ReviewOutcome,
    RosterContact,
    Series,
    SeriesMeeting,
)
from app.rules import names
from app.services import formats, mail_texts, notifications, participants

# What a review outcome makes of a carried item's status.
REVIEWED = {ReviewOutcome.done: FollowUpStatus.done, ReviewOutcome.dropped: FollowUpStatus.dropped}


def view(item: FollowUp) -> FollowUpView:
    return FollowUpView(
        id=item.id,
        text=item.text,
        created_at=item.created_at,
        kind=item.kind,
        status=item.status,
        owner=item.owner,
        owner_participant_id=item.owner_participant_id,
        due_on=item.due_on,
        overdue=item.overdue_at is not None and item.status in OPEN_FOLLOW_UP,
        carried=item.carried_from_id is not None,
        review=item.review,
        from_message_id=item.from_message_id,
        from_card_id=item.from_card_id,
    )


async def of_meeting(uow: UnitOfWork, *, meeting: Meeting) -> list[FollowUp]:
    # Carried items first (they are reviewed at the start), then in the order they were recorded.
    statement = (
        select(FollowUp)
        .where(FollowUp.meeting_id == meeting.id)
        .order_by(col(FollowUp.carried_from_id).is_(None), col(FollowUp.created_at), col(FollowUp.id))
    )
    return list((await uow.session.exec(statement)).all())


async def _zone(uow: UnitOfWork, meeting: Meeting) -> ZoneInfo:
    """A due date ends at midnight where the series meets; a meeting outside a series keeps UTC."""
    statement = select(Series.time_zone).join(SeriesMeeting, col(SeriesMeeting.series_id) == Series.id).where(SeriesMeeting.meeting_id == meeting.id)
    zone = (await uow.session.exec(statement)).first()
    return ZoneInfo(zone or "UTC")


async def due_moment(uow: UnitOfWork, meeting: Meeting, due_on: date | None) -> datetime | None:
    if due_on is None:
        return None
    end_of_day = datetime.combine(due_on + timedelta(days=1), time(0, 0), tzinfo=await _zone(uow, meeting))
    return end_of_day.astimezone(ZoneInfo("UTC"))


def _owner_text(owner: str | None) -> str | None:
    if not owner:
        return None
    try:
        return names.clean_text(owner, what="An owner") or None
    except names.NameRefused as exc:
        raise InvalidInput(f"owner: {exc}") from None


async def _owner(uow: UnitOfWork, meeting: Meeting, owner: str | None, owner_participant_id: str | None) -> tuple[str | None, str | None]:
    """The owner's text, and the participant when one was named (their name stands in for a missing text)."""
    if owner_participant_id is None:
        return _owner_text(owner), None
    person = await participants.get_member(uow, meeting, owner_participant_id)
    return _owner_text(owner) or person.display_name, person.id


async def _get(uow: UnitOfWork, meeting: Meeting, followup_id: str) -> FollowUp:
    item = await uow.session.get(FollowUp, followup_id)
    if item is None or item.meeting_id != meeting.id:
        raise NotFound("No such follow-up item in this meeting.")
    return item


async def _announce(uow: UnitOfWork, meeting: Meeting, item: FollowUp) -> None:
    await uow.change(meeting.id, FollowUpUpdated(item=view(item)), to=rooms.meeting(meeting.id))


async def add(
    uow: UnitOfWork,
    *,
    meeting: Meeting,
    actor: Participant,
    text: str | None,
    kind: FollowUpKind = FollowUpKind.action,
    owner: str | None = None,
    owner_participant_id: str | None = None,
    due_on: date | None = None,
    from_message_id: str | None = None,
    from_card_id: str | None = None,
) -> FollowUp:
    if from_message_id is not None:
        message = await uow.session.get(ChatMessage, from_message_id)
        if message is None or message.meeting_id != meeting.id or message.hidden_at is not None:
            raise NotFound("No such chat message in this meeting.")
        # The message's words, cut to an item's length; the moderator may give their own wording instead.
        text = text or message.text[:500].strip()
    if from_card_id is not None:
        card = await uow.session.get(Card, from_card_id)
        if card is None or card.meeting_id != meeting.id or card.hidden or card.merged_into is not None or card.release_at is not None:
            raise NotFound("No such card in this meeting.")
        board = formats.of_meeting(meeting).board(card.board_id)
        if board is not None and board.private:
            # Follow-up items are everyone's; a private board's card (the facilitator's note) stays private.
            raise InvalidInput("from_card_id: a card of a private board cannot become a follow-up item everyone sees.")
        # The card's words, owner and due date, unless the moderator gives their own.
        text = text or card.text[:500].strip()
        owner = owner or card.owner
        due_on = due_on or card.due
    if not text:
        raise InvalidInput("text: a follow-up item needs a text (or from_message_id).")
    owner_text, owner_id = await _owner(uow, meeting, owner, owner_participant_id)
    item = FollowUp(
        id=ids.new_id(),
        meeting_id=meeting.id,
        text=text,
        created_at=uow.now,
        created_by=actor.id,
        kind=kind,
        owner=owner_text,
        owner_participant_id=owner_id,
        due_on=due_on,
        due_at=await due_moment(uow, meeting, due_on),
        from_message_id=from_message_id,
        from_card_id=from_card_id,
    )
    uow.session.add(item)
    await uow.change(meeting.id, FollowUpAdded(item=view(item)), to=rooms.meeting(meeting.id))
    return item


async def update(uow: UnitOfWork, *, meeting: Meeting, followup_id: str, changes: dict[str, Any]) -> FollowUp:
    """Change what was given of text, kind, owner, owner_participant_id and due_on (None clears owner and due)."""
    item = await _get(uow, meeting, followup_id)
    if "text" in changes:
        if not changes["text"]:
            raise InvalidInput("text: a follow-up item needs a text.")
        item.text = changes["text"]
    if "kind" in changes and changes["kind"] is not None:
        item.kind = changes["kind"]
    if "owner" in changes or "owner_participant_id" in changes:
        item.owner, item.owner_participant_id = await _owner(
            uow, meeting, changes.get("owner", item.owner), changes.get("owner_participant_id", item.owner_participant_id)
        )
    if "due_on" in changes:
        item.due_on = changes["due_on"]
        item.due_at = await due_moment(uow, meeting, item.due_on)
        # A new date is watched afresh.
        item.overdue_at = None
    item.updated_at = uow.now
    await _announce(uow, meeting, item)
    return item


async def set_status(uow: UnitOfWork, *, meeting: Meeting, followup_id: str, status: FollowUpStatus) -> FollowUp:
    item = await _get(uow, meeting, followup_id)
    item.status = status
    item.updated_at = uow.now
    await _announce(uow, meeting, item)
    return item


async def review(uow: UnitOfWork, *, meeting: Meeting, followup_id: str, outcome: ReviewOutcome) -> FollowUp:
    """The group's word on an item carried over from the previous meeting: done, still open or dropped."""
    item = await _get(uow, meeting, followup_id)
    if item.carried_from_id is None:
        raise InvalidInput("Only an item carried over from the previous meeting is reviewed; use followup.set_status.")
    item.review = outcome
    item.reviewed_at = uow.now
    if outcome in REVIEWED:
        item.status = REVIEWED[outcome]
    elif item.status not in OPEN_FOLLOW_UP:
        item.status = FollowUpStatus.open
    item.updated_at = uow.now
    await _announce(uow, meeting, item)
    return item


async def remove(uow: UnitOfWork, *, meeting: Meeting, followup_id: str) -> None:
    item = await _get(uow, meeting, followup_id)
    await uow.session.delete(item)
    await uow.change(meeting.id, FollowUpRemoved(followup_id=followup_id), to=rooms.meeting(meeting.id))


async def carry_over(uow: UnitOfWork, *, previous: Meeting, meeting: Meeting, actor: Participant) -> list[FollowUp]:
    """Copy the previous meeting's open items into a new meeting of the series, to be reviewed there."""
    statement = select(FollowUp).where(FollowUp.meeting_id == previous.id, col(FollowUp.status).in_(OPEN_FOLLOW_UP)).order_by(col(FollowUp.created_at))
    carried = []
    for old in (await uow.session.exec(statement)).all():
        item = FollowUp(
            id=ids.new_id(),
            meeting_id=meeting.id,
            text=old.text,
            # When it was first recorded: keeps the order the group agreed them in.
            created_at=old.created_at,
            created_by=actor.id,
            kind=old.kind,
            status=old.status,
            # The owner's words stay; the participant they named belongs to the previous meeting.
            owner=old.owner,
            due_on=old.due_on,
            due_at=old.due_at,
            # Already flagged (and its owner told): not again.
            overdue_at=old.overdue_at,
            carried_from_id=old.id,
        )
        uow.session.add(item)
        carried.append(item)
    return carried


def newly_overdue(now: datetime) -> list[SelectOfScalar[FollowUp]]:
    """What `tick` looks for: open items past their due moment, not yet flagged."""
    return [select(FollowUp).where(col(FollowUp.due_at) <= now, col(FollowUp.overdue_at).is_(None), col(FollowUp.status).in_(OPEN_FOLLOW_UP))]


async def flag_overdue(uow: UnitOfWork) -> list[FollowUp]:
    """Timer: items whose due moment passed while still open are flagged, once each; everyone sees the flag."""
    statement = newly_overdue(uow.now)[0].order_by(col(FollowUp.meeting_id), col(FollowUp.due_at)).limit(200)
    flagged = list((await uow.session.exec(statement)).all())
    for meeting_id in sorted({item.meeting_id for item in flagged}):
        meeting = await uow.lock_meeting(meeting_id)
        for item in flagged:
            if item.meeting_id == meeting_id:
                item.overdue_at = uow.now
                await _announce(uow, meeting, item)
    return flagged


async def notify_owner(uow: UnitOfWork, item: FollowUp) -> None:
    """Tell an overdue item's owner, once (the dedupe key): at the address they gave in the meeting, else at the
    address of the roster contact they were invited as. An owner given only as text gets no mail."""
    if item.owner_participant_id is None:
        return
    person = await uow.session.get(Participant, item.owner_participant_id)
    meeting = await uow.session.get(Meeting, item.meeting_id)
    if person is None or meeting is None or person.erased_at is not None:
        return
    key = f"followup-overdue:{item.id}"
    if await notifications.address_of(uow, person=person) is not None:
        await notifications.queue_for_person(
            uow, person=person, kind=MailKind.follow_up_due, dedupe_key=key, title=meeting.title, detail=item.text, due=item.due_at
        )
        return
    contact = (
        await uow.session.exec(
            select(RosterContact).join(Invitation, col(Invitation.contact_id) == RosterContact.id).where(Invitation.participant_id == person.id)
        )
    ).first()
    if contact is None:
        return
    composed = mail_texts.compose(kind=MailKind.follow_up_due, language=contact.language, title=meeting.title, detail=item.text, due=item.due_at)
    await notifications.queue_mail(
        uow, to=contact.email, language=contact.language, kind=MailKind.follow_up_due, subject=composed.subject, body=composed.text,
        html=composed.html, dedupe_key=key, meeting_id=meeting.id, participant_id=person.id,
    )


async def tick(uow: UnitOfWork) -> None:
    for item in await flag_overdue(uow):
        await notify_owner(uow, item)

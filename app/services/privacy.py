"""What Roundtable keeps about people, for how long, and what each person can see and erase of it.

- Retention: a meeting's personal data are deleted (not anonymised) when its stored `erase_at` passes
  (`retention_days` after it ends, or after its planned time if nobody ends it). Recordings are deleted
  with their webhook; what stays is the meeting's id and times, the consent audit (never naming anyone) and
  the deleted recordings' audit rows.
- Access (GDPR art. 15): `export_person` is everything held about one person, read with their own link.
- Erasure (art. 17): `erase_person` deletes their contributions; their participant row stays only as an
  anonymous id (no name, no organisation, no working token), so that counts made of it still add up.
- Proof of consent: `consent_record` is a person's own answers and the meeting's decisions;
  `consent_report` is the organiser's, with names only for outcomes everyone consented to.
"""

from datetime import datetime
from typing import Any

from sqlmodel import col, delete, select
from sqlmodel.sql.expression import SelectOfScalar

from app import clock, ids
from app.db import UnitOfWork
from app.errors import Conflict
from app.models import (
    AgreementAcknowledgement,
    BreakoutMember,
    ChatMessage,
    CommandResult,
    Connection,
    Consent,
    ConsentAsked,
    ConsentAudit,
    ConsentVote,
    ConsentWitness,
    FloorTurn,
    FollowUp,
    Hand,
    Meeting,
    MeetingRecord,
    MeetingStatus,
    OutgoingMail,
    Participant,
    Question,
    QuestionUpvote,
    Recording,
    Role,
    ScaleAnswer,
    ScaleReveal,
    SummaryName,
    Turn,
)
from app.models.breakout import Breakout, BreakoutRoom
from app.models.organiser import MeetingTag, OrganiserSeat
from app.models.stage import MeetingStage
from app.rules import consent as rule
from app.services import boards, consent, forms, notifications, participants

# Outcomes everyone asked consented to: only these come with the names of those who consented.
CONSENTED = frozenset(
    {rule.ConsentState.recording_allowed, rule.ConsentState.recording, rule.ConsentState.closing_ballot, rule.ConsentState.shared}
)


# Retention --------------------------------------------------------------------------------------


def retention_over(now: datetime) -> list[SelectOfScalar[str]]:
    """What `erase_expired` looks for: meetings past their retention, not erased, not live."""
    return [select(Meeting.id).where(col(Meeting.erase_at) <= now, col(Meeting.erased_at).is_(None), Meeting.status != MeetingStatus.live)]


async def erase_expired(uow: UnitOfWork) -> None:
    """Timer: meetings whose retention is over lose their personal data (one that is still live waits)."""
    due = (await uow.session.exec(retention_over(uow.now)[0])).all()
    for meeting_id in due:
        meeting = await uow.lock_meeting(meeting_id)
        await erase_meeting(uow, meeting=meeting)


async def erase_meeting(uow: UnitOfWork, *, meeting: Meeting) -> None:
    """Delete every personal datum of the meeting. Recordings are deleted as for privacy (media and webhook)."""
    await consent.retention_ended(uow, meeting_id=meeting.id)
    await boards.erase_meeting(uow, meeting_id=meeting.id)
    people = list((await uow.session.exec(select(Participant.id).where(Participant.meeting_id == meeting.id))).all())
    questions = list((await uow.session.exec(select(Question.id).where(Question.meeting_id == meeting.id))).all())
    breakouts = list((await uow.session.exec(select(Breakout.id).where(Breakout.meeting_id == meeting.id))).all())
    await uow.session.exec(delete(QuestionUpvote).where(col(QuestionUpvote.question_id).in_(questions)))
    await uow.session.exec(delete(BreakoutMember).where(col(BreakoutMember.breakout_id).in_(breakouts)))
    await uow.session.exec(delete(CommandResult).where(col(CommandResult.participant_id).in_(people)))
    await uow.session.exec(delete(Connection).where(col(Connection.meeting_id) == meeting.id))
    await forms.erase_meeting(uow, meeting=meeting)
    await notifications.erase_meeting(uow, meeting_id=meeting.id)
    for table in (
        ChatMessage,
        ConsentAsked,
        ConsentVote,
        ConsentWitness,
        FloorTurn,
        Hand,
        SummaryName,
        MeetingRecord,
        Turn,
        FollowUp,
        Question,
        BreakoutRoom,
        Breakout,
        MeetingStage,
        MeetingTag,
        OrganiserSeat,
        AgreementAcknowledgement,
        ScaleAnswer,
        ScaleReveal,
    ):
        await uow.session.exec(delete(table).where(col(table.meeting_id) == meeting.id))  # type: ignore[attr-defined]
    await uow.session.exec(delete(Participant).where(col(Participant.meeting_id) == meeting.id))
    meeting.title = ""
    meeting.speaker_id = meeting.current_question_id = None
    meeting.erased_at = uow.now
    meeting.erase_at = None
    await uow.session.flush()


# Access and erasure by the person ---------------------------------------------------------------


async def export_person(uow: UnitOfWork, *, person: Participant) -> dict[str, Any]:
    """Everything held about this person (art. 15). Anonymous questions are not theirs on record: their
    author is never stored, so they cannot be found here either."""
    meeting = await uow.session.get(Meeting, person.meeting_id)
    assert meeting is not None

    async def rows(statement: Any) -> list[Any]:
        return list((await uow.session.exec(statement)).all())

    def when(value: Any) -> str | None:
        return clock.iso(value) if value is not None else None

    chat = await rows(select(ChatMessage).where(ChatMessage.participant_id == person.id).order_by(col(ChatMessage.seq)))
    questions = await rows(select(Question).where(Question.author_id == person.id).order_by(col(Question.position)))
    upvotes = await rows(select(QuestionUpvote.question_id).where(QuestionUpvote.participant_id == person.id))
    hands = await rows(select(Hand).where(Hand.participant_id == person.id))
    turns = await rows(select(Turn).where(Turn.participant_id == person.id))
    floor = await rows(select(FloorTurn).where(FloorTurn.participant_id == person.id))
    follow_ups = await rows(select(FollowUp).where(FollowUp.created_by == person.id))
    name_choice = (await uow.session.exec(select(SummaryName).where(SummaryName.participant_id == person.id))).first()
    address = await notifications.address_of(uow, person=person)
    mails = await rows(select(OutgoingMail).where(OutgoingMail.participant_id == person.id).order_by(col(OutgoingMail.created_at)))
    acknowledged = (await uow.session.exec(select(AgreementAcknowledgement).where(AgreementAcknowledgement.participant_id == person.id))).first()
    scale_answers = await rows(select(ScaleAnswer).where(ScaleAnswer.participant_id == person.id))
    return {
        "meeting": {
            "id": meeting.id,
            "title": meeting.title,
            "status": meeting.status,
            "ended_at": when(meeting.ended_at),
            "retention_days": meeting.retention_days,
            "erase_at": when(meeting.erase_at),
        },
        "you": {
            "participant_id": person.id,
            "role": person.role,
            "display_name": person.display_name,
            "organisation": person.organisation,
            "keynote": person.keynote,
            "joined_at": when(person.joined_at),
            "spoken_count": person.spoken_count,
            "online": person.online,
        },
        "chat_messages": [
            {
                "id": m.id,
                "room_id": m.room_id,
                "kind": m.kind,
                "text": m.text,
                "url": m.url,
                "title": m.title,
                "created_at": when(m.created_at),
            }
            for m in chat
        ],
        "questions": [{"id": q.id, "text": q.text, "status": q.status, "created_at": when(q.created_at)} for q in questions],
        "upvoted_questions": upvotes,
        "raised_hands": [{"note": h.note, "raised_at": when(h.raised_at)} for h in hands],
        "turns": [{"stage": t.stage, "status": t.status, "started_at": when(t.started_at), "ended_at": when(t.ended_at)} for t in turns],
        "floor_turns": [{"question_id": f.question_id, "started_at": when(f.started_at), "ended_at": when(f.ended_at)} for f in floor],
        "follow_ups": [{"text": f.text, "created_at": when(f.created_at)} for f in follow_ups],
        "name_in_summary": name_choice.share if name_choice is not None else None,
        "email": {"address": address.address, "language": address.language, "given_at": when(address.given_at)} if address else None,
        "mails": [
            {"kind": m.kind, "subject": m.subject, "to": m.recipient or None, "created_at": when(m.created_at), "sent_at": when(m.sent_at)}
            for m in mails
        ],
        "agreement_acknowledged_at": when(acknowledged.acknowledged_at) if acknowledged is not None else None,
        "scale_answers": [{"scale_id": a.scale_id, "value": a.value, "answered_at": when(a.answered_at)} for a in scale_answers],
        "consent": await consent_record(uow, person=person),
        "form_answers": await forms.export_person(uow, person=person),
        **await boards.export_person(uow, person=person),
    }


async def erase_person(uow: UnitOfWork, *, person: Participant) -> None:
    """Art. 17: their chat messages, named questions, upvotes, hands, turns and choices are deleted; the
    participant row keeps only an id (no name, no organisation, a token that no longer works).
    Consent answers that back a recording which still stands are kept as proof, under that anonymous id."""
    meeting = await uow.lock_meeting(person.meeting_id)
    if person.role == Role.moderator:
        moderators = await uow.session.exec(
            select(Participant.id).where(
                Participant.meeting_id == meeting.id, Participant.role == Role.moderator, col(Participant.erased_at).is_(None)
            )
        )
        if len(moderators.all()) <= 1:
            raise Conflict("The last moderator of a meeting cannot erase themselves; add another moderator first.", code="last_moderator")
    mine = list((await uow.session.exec(select(Question.id).where(Question.author_id == person.id))).all())
    await uow.session.exec(delete(QuestionUpvote).where(col(QuestionUpvote.question_id).in_(mine)))
    for question in (
        await uow.session.exec(
            select(Question)
            .join(QuestionUpvote, col(QuestionUpvote.question_id) == Question.id)
            .where(QuestionUpvote.participant_id == person.id)
        )
    ).all():
        question.upvotes = max(0, question.upvotes - 1)
    await uow.session.exec(delete(QuestionUpvote).where(col(QuestionUpvote.participant_id) == person.id))
    if meeting.current_question_id in mine:
        meeting.current_question_id = None
    await uow.session.exec(delete(Question).where(col(Question.author_id) == person.id))
    await boards.forget_person(uow, meeting=meeting, person=person)
    # Not `consent_asked`: an open ballot's count must not move when someone goes (it would tell whether
    # they had answered); the row goes when the ballot ends.
    # Not `scale_answer`: like the consent counts, a scale's count must not move when someone goes (before the
    # reveal it would tell whether they had answered); with the name gone the answer no longer tells of anyone.
    for table in (ChatMessage, Hand, SummaryName, Turn, FloorTurn, BreakoutMember, AgreementAcknowledgement):
        await uow.session.exec(delete(table).where(col(table.participant_id) == person.id))  # type: ignore[attr-defined]
    await uow.session.exec(delete(FollowUp).where(col(FollowUp.created_by) == person.id))
    await forms.erase_person(uow, person=person)
    await uow.session.exec(delete(CommandResult).where(col(CommandResult.participant_id) == person.id))
    await notifications.erase_person(uow, person=person)
    sids = list((await uow.session.exec(select(Connection.sid).where(Connection.participant_id == person.id))).all())
    await uow.session.exec(delete(Connection).where(col(Connection.participant_id) == person.id))
    if meeting.speaker_id == person.id:
        meeting.speaker_id = meeting.speaking_since = None
    person.display_name = ""
    person.organisation = None
    person.keynote = False
    person.device_hash = None
    person.banned = False
    person.online = False
    person.token_hash = ids.hash_token(ids.new_token())
    person.removed_at = person.removed_at or uow.now
    person.erased_at = uow.now
    await uow.session.flush()
    await participants.announce_erased(uow, meeting=meeting, person=person, sids=tuple(sids))


# Proof of consent -------------------------------------------------------------------------------


async def _decisions(uow: UnitOfWork, meeting_id: str) -> list[dict[str, Any]]:
    audit = (
        await uow.session.exec(
            select(ConsentAudit).where(ConsentAudit.meeting_id == meeting_id).order_by(col(ConsentAudit.at), col(ConsentAudit.id))
        )
    ).all()
    return [{"action": a.action, "reason": a.reason, "recording_id": a.recording_id, "at": clock.iso(a.at)} for a in audit]


async def consent_record(uow: UnitOfWork, *, person: Participant) -> dict[str, Any]:
    """A person's own consent: their `record`/`share` answers with times, what they cover, and the meeting's
    decisions. A privacy answer or a withdrawal is never stored (it would name its author); once the meeting
    is private every answer is deleted, for everyone alike, and the record says so."""
    row = await uow.session.get(Consent, person.meeting_id)
    votes = (
        await uow.session.exec(select(ConsentVote).where(ConsentVote.participant_id == person.id).order_by(col(ConsentVote.cast_at)))
    ).all()
    state = row.state if row is not None else rule.ConsentState.undecided
    recordings = (
        await uow.session.exec(select(Recording).where(Recording.meeting_id == person.meeting_id).order_by(col(Recording.started_at)))
    ).all()
    return {
        "state": state,
        "answers": [
            {
                "choice": v.choice,
                "asked_in": v.asked_in,
                "at": clock.iso(v.cast_at),
                "covers": "recording the meeting" if v.choice == "record" else "sharing the meeting's recordings",
            }
            for v in votes
        ],
        "can_withdraw": bool(votes) and state not in (rule.ConsentState.private, rule.ConsentState.deleted),
        "answers_erased": state in (rule.ConsentState.private, rule.ConsentState.deleted),
        "recordings": [
            {
                "id": r.id,
                "status": r.status,
                "started_at": clock.iso(r.started_at),
                "deleted_at": clock.iso(r.deleted_at) if r.deleted_at else None,
            }
            for r in recordings
        ],
        "decisions": await _decisions(uow, person.meeting_id),
    }


async def consent_report(uow: UnitOfWork, *, meeting: Meeting) -> dict[str, Any]:
    """The organiser's proof of consent. Names only for an outcome everyone asked agreed to (recording
    allowed, running, or shared), and only the answers that reached it: `share` answers are named once the
    recording is shared, never while the closing ballot is open (a `keep_private` could follow, and the
    list of who had shared would name its author). A private or deleted meeting has counts only."""
    row = await uow.session.get(Consent, meeting.id)
    state = rule.ConsentState(row.state) if row is not None else rule.ConsentState.undecided
    named: list[dict[str, Any]] = []
    if state in CONSENTED:
        choices = ["record", "share"] if state == rule.ConsentState.shared else ["record"]
        statement = (
            select(ConsentVote, Participant)
            .join(Participant, col(Participant.id) == ConsentVote.participant_id)
            .where(ConsentVote.meeting_id == meeting.id, col(ConsentVote.choice).in_(choices))
            .order_by(col(ConsentVote.cast_at), col(ConsentVote.id))
        )
        for vote, person in (await uow.session.exec(statement)).all():
            named.append(
                {
                    "participant_id": person.id,
                    "display_name": person.display_name if person.erased_at is None else None,
                    "choice": vote.choice,
                    "asked_in": vote.asked_in,
                    "at": clock.iso(vote.cast_at),
                }
            )
    return {
        "meeting_id": meeting.id,
        "state": state,
        "record_answers": row.record_answers if row is not None else 0,
        "share_answers": row.share_answers if row is not None else 0,
        "consents": named,
        "decisions": await _decisions(uow, meeting.id),
    }

"""Consent as the meeting lives it: loads the rule's state from the database, applies what happened,
stores the result, records the events and the rule's decisions (stop, delete, share: app/effects.py).

Consent decides; the recordings side carries the decisions out (webhooks, media removal) and this module
knows nothing of either. Every entry point takes a unit of work and never commits; the edge does.
"""

from dataclasses import astuple, dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, delete, select
from sqlmodel.sql.expression import SelectOfScalar

from app import ids, rooms
from app.db import UnitOfWork
from app.effects import DeleteRecording, ShareRecording, StopRecording
from app.errors import DomainError, Forbidden
from app.events import BallotView, ConsentChanged, ConsentPersonalChanged, ConsentView, PersonalView, RecordingSummary
from app.models import Consent, ConsentAsked, ConsentAudit, ConsentVote, ConsentWitness, Participant, Recording
from app.rules import consent as rule


class ConsentRequired(Forbidden):
    code = "consent_required"
    message = "Recording is allowed in this meeting: please answer the recording question first."


class Loaded:
    """The rows behind one meeting's consent, and the rule's view of them."""

    def __init__(self, row: Consent | None, consent: rule.Consent, recordings: dict[str, Recording]):
        self.row = row
        self.consent = consent
        self.recordings = recordings


async def load(uow: UnitOfWork, meeting_id: str) -> Loaded:
    row = await uow.session.get(Consent, meeting_id)
    if row is None:
        return Loaded(None, rule.Consent(present=await _present(uow, meeting_id)), {})
    votes = (await uow.session.exec(select(ConsentVote.participant_id, ConsentVote.choice).where(ConsentVote.meeting_id == meeting_id))).all()
    witnesses = (await uow.session.exec(select(ConsentWitness.participant_id).where(ConsentWitness.meeting_id == meeting_id))).all()
    asked = (await uow.session.exec(select(ConsentAsked.participant_id).where(ConsentAsked.meeting_id == meeting_id))).all()
    recordings = (
        await uow.session.exec(select(Recording).where(Recording.meeting_id == meeting_id).order_by(col(Recording.started_at), col(Recording.id)))
    ).all()
    consent = rule.Consent(
        state=rule.ConsentState(row.state),
        ballot=rule.Phase(row.ballot_phase) if row.ballot_phase else None,
        present=await _present(uow, meeting_id),
        asked=frozenset(asked),
        recorders=frozenset(p for p, c in votes if c == rule.Choice.record),
        sharers=frozenset(p for p, c in votes if c == rule.Choice.share),
        witnesses=frozenset(witnesses),
        recordings=tuple(rule.Recording(r.id, rule.RecordingStatus(r.status), r.media_sha256 is not None) for r in recordings),
    )
    return Loaded(row, consent, {r.id: r for r in recordings})


async def _present(uow: UnitOfWork, meeting_id: str) -> frozenset[str]:
    rows = await uow.session.exec(
        select(Participant.id).where(Participant.meeting_id == meeting_id, col(Participant.online).is_(True), col(Participant.removed_at).is_(None))
    )
    return frozenset(rows.all())


async def happen(uow: UnitOfWork, meeting_id: str, what: rule.Happening, *, new_recording: Recording | None = None) -> rule.Consent:
    """Apply one happening to the meeting's consent: store, record events and decisions. Refusals change nothing."""
    await uow.session.flush()
    loaded = await load(uow, meeting_id)
    before = loaded.consent
    after, effects = rule.apply(before, what)
    # What the room could see before, rendered from the rows before they change.
    old_public = public_view(loaded, before)
    if new_recording is not None:
        uow.session.add(new_recording)
        loaded.recordings[new_recording.id] = new_recording
    await _save(uow, meeting_id, loaded, after)
    await _carry_out(uow, meeting_id, effects)
    await _publish(uow, meeting_id, old_public, public_view(loaded, after), before, after)
    return after


async def _save(uow: UnitOfWork, meeting_id: str, loaded: Loaded, after: rule.Consent) -> None:
    before = loaded.consent
    row = loaded.row
    if row is None:
        if after == replace(rule.Consent(), present=after.present, witnesses=after.witnesses):
            return  # nothing decided yet: no row needed
        row = Consent(meeting_id=meeting_id, state=after.state, updated_at=uow.now)
        uow.session.add(row)
        loaded.row = row
    if row.state != after.state or row.ballot_phase != (after.ballot.value if after.ballot else None):
        row.updated_at = uow.now
    row.state = after.state
    if after.ballot != before.ballot:
        row.ballot_opened_at = uow.now if after.ballot else None
        if after.ballot:
            _audit(uow, meeting_id, "ballot_opened", reason=after.ballot.value)
    row.ballot_phase = after.ballot.value if after.ballot else None
    asked_in = "opening" if before.ballot == rule.Phase.opening else "late"
    for person in sorted(after.recorders - before.recorders):
        uow.session.add(ConsentVote(id=ids.new_id(), meeting_id=meeting_id, participant_id=person, choice="record", asked_in=asked_in, cast_at=uow.now))
    for person in sorted(after.sharers - before.sharers):
        uow.session.add(ConsentVote(id=ids.new_id(), meeting_id=meeting_id, participant_id=person, choice="share", asked_in="closing", cast_at=uow.now))
    for person in sorted(after.witnesses - before.witnesses):
        uow.session.add(ConsentWitness(meeting_id=meeting_id, participant_id=person, since=uow.now))
    if before.asked - after.asked:  # the opening ballot ended: who was asked matters no more
        await uow.session.exec(delete(ConsentAsked).where(col(ConsentAsked.meeting_id) == meeting_id))
    for person in sorted(after.asked - before.asked):
        uow.session.add(ConsentAsked(meeting_id=meeting_id, participant_id=person))
    if row.decision_due_at is not None and not rule.awaits_decision(after):
        row.decision_due_at = None  # decided: nothing is due any more
    row.ballot_asked, row.ballot_voted = astuple(rule.counted(after)) if after.ballot == rule.Phase.opening else (0, 0)
    row.record_answers = max(row.record_answers, len(after.recorders))
    row.share_answers = max(row.share_answers, len(after.sharers))
    if (before.recorders - after.recorders) or (before.sharers - after.sharers):
        # Privacy: the answers given before it would name the privacy voter by elimination; only counts stay.
        await uow.session.exec(delete(ConsentVote).where(col(ConsentVote.meeting_id) == meeting_id))
    old = {r.id: r for r in before.recordings}
    for rec in after.recordings:
        stored = loaded.recordings.get(rec.id)
        previous = old.get(rec.id)
        if stored is None or (previous is not None and previous.status == rec.status):
            continue
        if previous is not None and previous.status == rule.RecordingStatus.recording:
            stored.stopped_at = stored.stopped_at or uow.now
        if rec.status in (rule.RecordingStatus.shared, rule.RecordingStatus.deleted):
            stored.decided_at = uow.now
        if rec.status == rule.RecordingStatus.deleted:
            # Keep only what the audit needs: no trace of the media remains.
            stored.deleted_at = uow.now
            stored.media_size = stored.media_sha256 = stored.media_content_type = None
        stored.status = rec.status
    await uow.session.flush()


async def _carry_out(uow: UnitOfWork, meeting_id: str, effects: list[rule.Effect]) -> None:
    for effect in effects:
        match effect:
            case rule.StopRecording(recording_id):
                uow.effect(StopRecording(recording_id))
            case rule.DeleteMedia(recording_id, reason):
                uow.effect(DeleteRecording(recording_id))
                _audit(uow, meeting_id, "recording_deleted", reason=reason, recording_id=recording_id)
            case rule.ShareRecording(recording_id):
                uow.effect(ShareRecording(recording_id))
                _audit(uow, meeting_id, "recording_shared", reason=rule.Reason.everyone_agreed, recording_id=recording_id)
            case rule.Decided(state, reason):
                _audit(uow, meeting_id, state.value, reason=reason)


def _audit(uow: UnitOfWork, meeting_id: str, action: str, *, reason: str | None = None, recording_id: str | None = None) -> None:
    uow.session.add(ConsentAudit(id=ids.new_id(), meeting_id=meeting_id, at=uow.now, action=action, reason=reason, recording_id=recording_id))


# Views ------------------------------------------------------------------------------------------


def public_view(loaded: Loaded, consent: rule.Consent) -> ConsentView:
    ballot = None
    if consent.ballot is not None:
        eligible, voted = rule.tally(consent)
        opened_at = loaded.row.ballot_opened_at if loaded.row is not None else None
        ballot = BallotView(phase=consent.ballot.value, eligible=eligible, voted=voted, opened_at=opened_at)
    latest = None
    if consent.recordings:
        row = loaded.recordings.get(consent.recordings[-1].id)
        if row is not None:
            latest = RecordingSummary(status=row.status, started_at=row.started_at, stopped_at=row.stopped_at, deleted_at=row.deleted_at)
    due = loaded.row.decision_due_at if loaded.row is not None and rule.awaits_decision(consent) else None
    return ConsentView(state=consent.state.value, ballot=ballot, recording=latest, recordings=len(consent.recordings), decision_due_at=due)


def personal_view(consent: rule.Consent, person: str) -> PersonalView:
    my_vote = "share" if person in consent.sharers else "record" if person in consent.recorders else None
    can_withdraw = my_vote is not None and consent.state not in rule.FINAL_PRIVATE
    return PersonalView(question=rule.question_for(consent, person), my_vote=my_vote, can_withdraw=can_withdraw)


async def _publish(
    uow: UnitOfWork, meeting_id: str, old_public: ConsentView, new_public: ConsentView, before: rule.Consent, after: rule.Consent
) -> None:
    if (before.state, before.ballot) == (after.state, after.ballot):
        # A person's own part depends on the state, the ballot and their membership of these sets only
        # (rule.question_for): with the first two unchanged, only those who joined or left a set can differ.
        # A ballot of 1,000 then costs one comparison per vote instead of 2,000.
        people = (before.recorders ^ after.recorders) | (before.sharers ^ after.sharers) | (before.witnesses ^ after.witnesses)
    else:
        people = before.present | after.present | after.witnesses | after.recorders | after.sharers | before.recorders | before.sharers
    changed = {p: view for p in people if (view := personal_view(after, p)) != personal_view(before, p)}
    if new_public == old_public and not changed:
        return
    # One version for the whole change: the public event and everyone's own part alike.
    version = await uow.bump(meeting_id)
    if new_public != old_public:
        uow.record(ConsentChanged(**new_public.model_dump()), to=rooms.meeting(meeting_id), version=version)
    for person, view in sorted(changed.items()):
        uow.record(ConsentPersonalChanged(**view.model_dump()), to=rooms.person(person), version=version)


async def for_snapshots(uow: UnitOfWork, *, meeting_id: str) -> Loaded:
    """What `view_of` shows, read once for any number of snapshots."""
    if await uow.session.get(Consent, meeting_id) is None:
        # Nothing asked yet (most meetings, most of the time): no need to look at who is present.
        return Loaded(None, rule.Consent(), {})
    return await load(uow, meeting_id)


def view_of(loaded: Loaded, viewer: Participant) -> dict[str, Any]:
    """`meeting.consent` in a snapshot: the public view plus the viewer's own part."""
    return {**public_view(loaded, loaded.consent).model_dump(mode="json"), **personal_view(loaded.consent, viewer.id).model_dump(mode="json")}


# Entry points -----------------------------------------------------------------------------------


async def open_ballot(uow: UnitOfWork, *, meeting_id: str, phase: rule.Phase) -> rule.Consent:
    return await happen(uow, meeting_id, rule.BallotOpened(phase))


async def close_ballot(uow: UnitOfWork, *, meeting_id: str) -> rule.Consent:
    return await happen(uow, meeting_id, rule.BallotClosed())


async def vote(uow: UnitOfWork, *, meeting_id: str, participant_id: str, choice: rule.Choice) -> rule.ConsentState:
    """The consent state after the vote. A `record` vote in the open opening ballot that does not settle it
    (all but the last of a ballot) is counted by `record_votes`; the rest go through the whole rule."""
    if choice == rule.Choice.record:
        [outcome] = await record_votes(uow, meeting_id=meeting_id, participant_ids=[participant_id])
        if isinstance(outcome, DomainError):
            raise outcome
        if outcome is not None:
            return outcome.state
    return (await happen(uow, meeting_id, rule.Voted(participant_id, choice))).state


@dataclass(frozen=True)
class Counted:
    state: rule.ConsentState
    version: int


async def record_votes(uow: UnitOfWork, *, meeting_id: str, participant_ids: list[str]) -> list[Counted | DomainError | None]:
    """`record` votes in the open opening ballot, in the order given, counted from the counts on the consent row
    and the voters' own rows, read once for all of them (rule.vote_counted). For each vote: the state after it
    and its version; the refusal (nothing stored for it); or None when the whole rule must decide, for that
    vote and every vote after it, which the caller then casts one by one with `vote`.

    A burst of a ballot comes here as one run (app/realtime/dispatch.py groups it). What it stores and records
    is what `happen` would, vote by vote: the answer, the new count to the room and the voter's own part to
    the voter, each vote under its own version."""
    outcomes: list[Counted | DomainError | None] = [None] * len(participant_ids)
    row = await uow.session.get(Consent, meeting_id)
    if row is None or row.ballot_phase != rule.Phase.opening or not participant_ids:
        return outcomes
    voters = set(participant_ids)
    asked = set((await uow.session.exec(select(ConsentAsked.participant_id).where(ConsentAsked.meeting_id == meeting_id, col(ConsentAsked.participant_id).in_(voters)))).all())
    voted = set(
        (
            await uow.session.exec(
                select(ConsentVote.participant_id).where(
                    ConsentVote.meeting_id == meeting_id, col(ConsentVote.participant_id).in_(voters), ConsentVote.choice == "record"
                )
            )
        ).all()
    )
    count = rule.OpeningCount(asked=row.ballot_asked, voted=row.ballot_voted)
    counts: list[tuple[int, str, rule.OpeningCount]] = []
    for index, participant_id in enumerate(participant_ids):
        # Loaded already, as the actor (the dispatcher reads a group's actors at once): no statement.
        person = await uow.session.get(Participant, participant_id)
        present = person is not None and person.meeting_id == meeting_id and person.online and person.removed_at is None
        try:
            after = rule.vote_counted(count, present=present, asked=participant_id in asked, voted=participant_id in voted)
        except DomainError as refusal:
            outcomes[index] = refusal
            continue
        if after is None:
            break
        count = after
        voted.add(participant_id)
        counts.append((index, participant_id, after))
    if not counts:
        return outcomes
    for _, participant_id, _ in counts:
        uow.session.add(ConsentVote(id=ids.new_id(), meeting_id=meeting_id, participant_id=participant_id, choice="record", asked_in="opening", cast_at=uow.now))
    row.ballot_voted = count.voted
    row.record_answers = max(row.record_answers, count.voted)
    await uow.session.flush()
    # The opening ballot is only ever held from `undecided`: no recording exists, nothing is due.
    last = await uow.bump(meeting_id, by=len(counts))
    mine = ConsentPersonalChanged(**PersonalView(question=None, my_vote="record", can_withdraw=True).model_dump())
    for version, (index, participant_id, after) in enumerate(counts, start=last - len(counts) + 1):
        ballot = BallotView(phase=rule.Phase.opening, eligible=after.asked, voted=after.voted, opened_at=row.ballot_opened_at)
        uow.record(ConsentChanged(state=row.state, ballot=ballot, recording=None, recordings=0, decision_due_at=None), to=rooms.meeting(meeting_id), version=version)
        uow.record(mine, to=rooms.person(participant_id), version=version)
        outcomes[index] = Counted(rule.ConsentState(row.state), version)
    return outcomes


async def withdraw(uow: UnitOfWork, *, meeting_id: str, participant_id: str) -> rule.Consent:
    return await happen(uow, meeting_id, rule.Withdrew(participant_id))


async def asked(uow: UnitOfWork, *, meeting_id: str) -> bool:
    """Whether anything was asked or decided in this meeting yet (until then presence does not matter to consent)."""
    return await uow.session.get(Consent, meeting_id) is not None


async def presence_changed(uow: UnitOfWork, *, meeting_id: str, participant_id: str, online: bool) -> None:
    """Called when a person comes or goes: presence decides ballots, late-joiner questions and who witnessed a recording."""
    if await uow.session.get(Consent, meeting_id) is None:
        return  # nothing asked or decided yet: presence does not matter
    await happen(uow, meeting_id, rule.Joined(participant_id) if online else rule.Left(participant_id))


async def check_may_take_part(uow: UnitOfWork, *, meeting_id: str, participant_id: str) -> None:
    """A late joiner answers the recording question before anything else."""
    row = await uow.session.get(Consent, meeting_id)
    if row is None or row.ballot_phase is not None or row.state not in rule.ASKS_LATE_JOINERS:
        return
    given = (
        await uow.session.exec(
            select(ConsentVote.id).where(ConsentVote.meeting_id == meeting_id, ConsentVote.participant_id == participant_id, ConsentVote.choice == "record")
        )
    ).first()
    if given is None:
        raise ConsentRequired()


async def meeting_ended(uow: UnitOfWork, *, meeting_id: str, decide_within: timedelta) -> None:
    """The meeting ended with a recording nobody has decided on: the console prompts the moderator, and
    without a decision by the deadline the timer deletes it (`decide_overdue`)."""
    row = await uow.session.get(Consent, meeting_id)
    if row is None:
        return
    loaded = await load(uow, meeting_id)
    if not rule.awaits_decision(loaded.consent) or row.decision_due_at is not None:
        return
    row.decision_due_at = uow.now + decide_within
    await uow.session.flush()
    await uow.change(meeting_id, ConsentChanged(**public_view(loaded, loaded.consent).model_dump()), to=rooms.meeting(meeting_id))


def decisions_overdue(now: datetime) -> list[SelectOfScalar[str]]:
    """What `decide_overdue` looks for: meetings whose recordings were not decided on by their deadline."""
    return [select(Consent.meeting_id).where(col(Consent.decision_due_at) <= now)]


async def decide_overdue(uow: UnitOfWork) -> None:
    """Timer: recordings with no decision by their deadline are deleted, with the webhook, as for privacy."""
    due = (await uow.session.exec(decisions_overdue(uow.now)[0])).all()
    for meeting_id in due:
        await uow.lock_meeting(meeting_id)
        await happen(uow, meeting_id, rule.DecisionOverdue())
        row = await uow.session.get(Consent, meeting_id)
        if row is not None:
            row.decision_due_at = None


async def retention_ended(uow: UnitOfWork, *, meeting_id: str) -> None:
    """The meeting's retention is over: every recording is deleted (webhook), shared ones too."""
    await happen(uow, meeting_id, rule.RetentionEnded())

"""The consent rule as a pure state machine: (state, what happened) → (new state, effects).

No I/O here: the persistence around it loads a `Consent`, calls `apply`, writes the result back and
carries out the effects (stop, delete, share: each also a webhook to the recording service).

The rule, in brief (docs/consent.md has it in full):
- Opening ballot: everyone present when it opens, and everyone who arrives while it is open, is asked
  and votes `record` or `private`. The first `private` makes the meeting private for good. Recording is
  allowed once every person asked has voted `record` (so every person present has). Closing the ballot by
  hand counts missing votes as `private`. Who is asked never shrinks: a person leaving changes neither
  the count nor the outcome, because presence is public and a count or an outcome that moved with it
  would tell the room who had not answered yet.
- Late joiners, while recording is allowed or running, answer the same question before taking part.
- Closing ballot: everyone who was present while a recording ran votes `share` or `keep_private`;
  the first `keep_private` deletes every recording; all `share` shares them; missing votes delete.
- Withdrawal by anyone who gave consent works like a privacy vote, at any time.

Who voted for privacy is never part of the state: a privacy vote ends the ballot at once, so there
is nothing to remember about it except the outcome; and the consent given before it is forgotten then
too, so that nobody can find the privacy voter by elimination.
"""

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal

from app.errors import Conflict, DomainError, Forbidden


class ConsentState(StrEnum):
    undecided = "undecided"
    opening_ballot = "opening_ballot"
    private = "private"
    recording_allowed = "recording_allowed"
    recording = "recording"
    closing_ballot = "closing_ballot"
    shared = "shared"
    deleted = "deleted"


class Phase(StrEnum):
    opening = "opening"
    closing = "closing"


class Choice(StrEnum):
    record = "record"
    private = "private"
    share = "share"
    keep_private = "keep_private"


class RecordingStatus(StrEnum):
    recording = "recording"
    stopped = "stopped"
    awaiting_decision = "awaiting_decision"
    shared = "shared"
    deleted = "deleted"


# States in which no recording may ever happen again.
FINAL_PRIVATE = frozenset({ConsentState.private, ConsentState.deleted})
# States in which a newcomer must answer the opening question before taking part.
ASKS_LATE_JOINERS = frozenset({ConsentState.recording_allowed, ConsentState.recording})


# Errors -----------------------------------------------------------------------------------------


class BallotNotPossible(Conflict):
    code, message = "ballot_not_possible", "That ballot cannot be opened in the meeting's current consent state."


class NoBallotOpen(Conflict):
    code, message = "no_ballot_open", "There is no ballot to vote in right now."


class AlreadyVoted(Conflict):
    code, message = "already_voted", "You have already voted in this ballot; a vote cannot be changed (consent can be withdrawn)."


class NotEligible(Forbidden):
    code, message = "not_eligible", "You are not asked in this ballot."


class InvalidChoice(Conflict):
    code, message = "invalid_choice", "That choice does not belong to this ballot."


class NothingToWithdraw(Conflict):
    code, message = "nothing_to_withdraw", "You have not given consent, so there is nothing to withdraw."


class RecordingNotPermitted(Conflict):
    code, message = "recording_not_permitted", "Recording is not permitted in this meeting now."


class RecordingDeleted(Conflict):
    code, message = "recording_deleted", "The recording has been deleted."


class MediaLocked(Conflict):
    code, message = "media_locked", "The media was put to the vote; it cannot be replaced."


class UnknownRecording(DomainError):
    code, status, message = "not_found", 404, "No such recording."


# State ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recording:
    id: str
    status: RecordingStatus = RecordingStatus.recording
    has_media: bool = False


@dataclass(frozen=True)
class Consent:
    state: ConsentState = ConsentState.undecided
    ballot: Phase | None = None
    present: frozenset[str] = frozenset()
    # The opening ballot's voters: present when it opened or arrived while it was open. Only grows while
    # the ballot is open (leaving must not move the count), empty when no opening ballot is open.
    asked: frozenset[str] = frozenset()
    # Who gave consent to record (in the opening ballot or as a late joiner), and to share.
    recorders: frozenset[str] = frozenset()
    sharers: frozenset[str] = frozenset()
    # Everyone present at any moment while a recording ran: the closing ballot's voters.
    witnesses: frozenset[str] = frozenset()
    recordings: tuple[Recording, ...] = ()

    def recording(self, recording_id: str) -> Recording:
        for r in self.recordings:
            if r.id == recording_id:
                return r
        raise UnknownRecording()

    @property
    def running(self) -> bool:
        return any(r.status == RecordingStatus.recording for r in self.recordings)


# What can happen --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Joined:
    person: str


@dataclass(frozen=True)
class Left:
    person: str


@dataclass(frozen=True)
class BallotOpened:
    phase: Phase


@dataclass(frozen=True)
class Voted:
    person: str
    choice: Choice


@dataclass(frozen=True)
class BallotClosed:
    pass


@dataclass(frozen=True)
class Withdrew:
    person: str


@dataclass(frozen=True)
class RecordingStarted:
    recording_id: str


@dataclass(frozen=True)
class RecordingStopped:
    recording_id: str


@dataclass(frozen=True)
class MediaStored:
    recording_id: str


@dataclass(frozen=True)
class DecisionOverdue:
    """Nobody decided on the recording by its stored deadline (set when the meeting ends): silence is not consent."""


@dataclass(frozen=True)
class RetentionEnded:
    """The meeting's retention period is over: every recording goes, shared ones too."""


Happening = (
    Joined | Left | BallotOpened | Voted | BallotClosed | Withdrew | RecordingStarted | RecordingStopped | MediaStored | DecisionOverdue | RetentionEnded
)


# Effects: what the world outside must do -----------------------------------------------------


class Reason(StrEnum):
    privacy_requested = "privacy_requested"  # a `private` or `keep_private` vote, or a withdrawal
    votes_missing = "votes_missing"  # a moderator closed a ballot before everyone had voted
    everyone_agreed = "everyone_agreed"
    no_decision = "no_decision"  # nobody decided on a recording by its deadline after the meeting ended
    retention_ended = "retention_ended"  # the meeting's retention period is over


@dataclass(frozen=True)
class StopRecording:
    recording_id: str


@dataclass(frozen=True)
class DeleteMedia:
    recording_id: str
    reason: Reason


@dataclass(frozen=True)
class ShareRecording:
    recording_id: str


@dataclass(frozen=True)
class Decided:
    """The meeting's consent reached an outcome: an audit entry, never naming anyone."""

    state: ConsentState
    reason: Reason


Effect = StopRecording | DeleteMedia | ShareRecording | Decided


@dataclass
class _Result:
    consent: Consent
    effects: list[Effect] = field(default_factory=list)


# The rule ---------------------------------------------------------------------------------------


def question_for(c: Consent, person: str) -> Literal["opening", "closing", "late"] | None:
    """The question this person must answer now: "opening", "closing", "late" or None."""
    if c.ballot == Phase.opening and person not in c.recorders:
        return "opening"
    if c.ballot == Phase.closing and person in c.witnesses and person not in c.sharers:
        return "closing"
    if c.ballot is None and c.state in ASKS_LATE_JOINERS and person not in c.recorders:
        return "late"
    return None


def may_take_part(c: Consent, person: str) -> bool:
    return question_for(c, person) != "late"


def permitted(c: Consent) -> bool:
    return c.state in ASKS_LATE_JOINERS and c.ballot is None


def awaits_decision(c: Consent) -> bool:
    """A recording exists that nobody has decided on yet (shared or deleted)."""
    return any(rec.status not in (RecordingStatus.shared, RecordingStatus.deleted) for rec in c.recordings) and c.state not in FINAL_PRIVATE


def tally(c: Consent) -> tuple[int, int]:
    """(eligible, voted) of the open ballot: counts only, never names, and never moved by presence."""
    if c.ballot == Phase.opening:
        return len(c.asked), len(c.recorders & c.asked)
    if c.ballot == Phase.closing:
        return len(c.witnesses), len(c.sharers & c.witnesses)
    return 0, 0


@dataclass(frozen=True)
class OpeningCount:
    """The open opening ballot as counts plus one voter's part: what a `record` vote needs, without the sets.

    A meeting of a thousand would otherwise load everyone present and every answer for each vote. The
    persistence keeps `asked` and `voted` with the consent row; `vote_counted` is held equal to `apply`
    by a property test (tests/consent/test_rule.py).
    """

    asked: int  # len(c.asked)
    voted: int  # len(c.recorders & c.asked)


def counted(c: Consent) -> OpeningCount:
    return OpeningCount(asked=len(c.asked), voted=len(c.recorders & c.asked))


def vote_counted(count: OpeningCount, *, present: bool, asked: bool, voted: bool) -> OpeningCount | None:
    """A `record` vote in the open opening ballot, from the counts and the voter's own part (present, asked,
    already voted `record`): the new counts, the same refusals as `apply`, or None when the full rule must
    decide (the vote would settle the ballot, or the voter is present but not asked)."""
    if voted:
        raise AlreadyVoted()
    if not present:
        raise NotEligible("Only people present in the meeting answer this question.")
    if not asked or count.voted + 1 >= count.asked:
        return None
    return OpeningCount(asked=count.asked, voted=count.voted + 1)


def apply(c: Consent, what: Happening) -> tuple[Consent, list[Effect]]:
    """The new consent state and the effects to carry out; raises a DomainError (and changes nothing) when refused."""
    r = _Result(c)
    match what:
        case Joined(person):
            r.consent = replace(c, present=c.present | {person})
            if c.ballot == Phase.opening:
                r.consent = replace(r.consent, asked=c.asked | {person})
            if c.running:
                r.consent = replace(r.consent, witnesses=r.consent.witnesses | {person})
        case Left(person):
            # Leaving decides nothing: a dropped connection (or a server restart) must not settle a ballot,
            # nor change its count: the person stays asked, and the moderator's close counts a missing answer
            # as privacy whoever is connected.
            r.consent = replace(c, present=c.present - {person})
        case BallotOpened(phase):
            _open(r, phase)
        case Voted(person, choice):
            _vote(r, person, choice)
        case BallotClosed():
            _close(r)
        case Withdrew(person):
            # Once private, nobody's consent is kept any more (see `_privacy`): a withdrawal changes nothing,
            # whoever sends it.
            if c.state in FINAL_PRIVATE:
                return r.consent, r.effects
            if person not in c.recorders | c.sharers:
                raise NothingToWithdraw()
            _privacy(r, Reason.privacy_requested)
        case RecordingStarted(recording_id):
            if not permitted(c):
                raise RecordingNotPermitted()
            if any(x.id == recording_id for x in c.recordings):
                raise Conflict("This recording is already registered.", code="recording_exists")
            r.consent = replace(
                c,
                state=ConsentState.recording,
                recordings=(*c.recordings, Recording(recording_id)),
                witnesses=c.witnesses | c.present,
            )
        case RecordingStopped(recording_id):
            rec = c.recording(recording_id)
            if rec.status == RecordingStatus.recording:
                r.consent = _with_recording(c, replace(rec, status=RecordingStatus.stopped))
                if c.state == ConsentState.recording and not r.consent.running:
                    r.consent = replace(r.consent, state=ConsentState.recording_allowed)
        case DecisionOverdue():
            if awaits_decision(c):
                _privacy(r, Reason.no_decision)
        case RetentionEnded():
            if any(rec.status != RecordingStatus.deleted for rec in c.recordings) or c.state not in FINAL_PRIVATE:
                _privacy(r, Reason.retention_ended)
        case MediaStored(recording_id):
            rec = c.recording(recording_id)
            if rec.status == RecordingStatus.deleted:
                raise RecordingDeleted()
            if rec.status in (RecordingStatus.awaiting_decision, RecordingStatus.shared):
                # People decide on the media there is when the closing ballot opens; it is never swapped after.
                raise MediaLocked()
            r.consent = _with_recording(c, replace(rec, has_media=True))
    return r.consent, r.effects


def _with_recording(c: Consent, rec: Recording) -> Consent:
    return replace(c, recordings=tuple(rec if x.id == rec.id else x for x in c.recordings))


def _open(r: _Result, phase: Phase) -> None:
    c = r.consent
    if c.ballot is not None:
        raise Conflict("A ballot is already open.", code="ballot_already_open")
    if phase == Phase.opening:
        if c.state != ConsentState.undecided:
            raise BallotNotPossible("The opening ballot can only be held once, before anything is decided.")
        r.consent = replace(c, state=ConsentState.opening_ballot, ballot=Phase.opening, asked=c.present)
        return
    if c.state not in ASKS_LATE_JOINERS or not c.recordings:
        raise BallotNotPossible("The closing ballot needs a recording that has not been decided on yet.")
    # The decision covers every recording of the meeting; one still running is stopped first.
    recordings = []
    for rec in c.recordings:
        if rec.status == RecordingStatus.recording:
            r.effects.append(StopRecording(rec.id))
        if rec.status in (RecordingStatus.recording, RecordingStatus.stopped):
            rec = replace(rec, status=RecordingStatus.awaiting_decision)
        recordings.append(rec)
    r.consent = replace(c, state=ConsentState.closing_ballot, ballot=Phase.closing, recordings=tuple(recordings))


def _vote(r: _Result, person: str, choice: Choice) -> None:
    c = r.consent
    if c.ballot == Phase.opening or (c.ballot is None and c.state in ASKS_LATE_JOINERS and person not in c.recorders):
        if choice not in (Choice.record, Choice.private):
            raise InvalidChoice("This question is answered with 'record' or 'private'.")
        if person in c.recorders:
            raise AlreadyVoted()
        if person not in c.present:
            raise NotEligible("Only people present in the meeting answer this question.")
        if choice == Choice.private:
            _privacy(r, Reason.privacy_requested)
            return
        r.consent = replace(c, recorders=c.recorders | {person})
        if c.ballot == Phase.opening:
            _settle_opening(r)
        return
    if c.ballot == Phase.closing:
        if choice not in (Choice.share, Choice.keep_private):
            raise InvalidChoice("This question is answered with 'share' or 'keep_private'.")
        if person not in c.witnesses:
            raise NotEligible("Only people who were present while the recording ran vote on it.")
        if person in c.sharers:
            raise AlreadyVoted()
        if choice == Choice.keep_private:
            _privacy(r, Reason.privacy_requested)
            return
        r.consent = replace(c, sharers=c.sharers | {person})
        if c.witnesses <= r.consent.sharers:
            _share(r)
        return
    raise NoBallotOpen()


def _settle_opening(r: _Result) -> None:
    """Recording is allowed once everyone asked has voted `record` (and somebody has). Everyone present is
    asked, so everyone present has consented; presence itself plays no part, so the moment of the outcome
    cannot tell who was missing."""
    c = r.consent
    if c.asked and c.asked <= c.recorders:
        r.consent = replace(c, state=ConsentState.recording_allowed, ballot=None, asked=frozenset())
        r.effects.append(Decided(ConsentState.recording_allowed, Reason.everyone_agreed))


def _close(r: _Result) -> None:
    c = r.consent
    if c.ballot == Phase.opening:
        _settle_opening(r)
        if r.consent.ballot is not None:
            _privacy(r, Reason.votes_missing)  # silence is not consent
    elif c.ballot == Phase.closing:
        if c.witnesses and c.witnesses <= c.sharers:
            _share(r)
        else:
            _privacy(r, Reason.votes_missing)
    else:
        raise NoBallotOpen()


def _share(r: _Result) -> None:
    c = r.consent
    recordings = []
    for rec in c.recordings:
        if rec.status == RecordingStatus.awaiting_decision:
            rec = replace(rec, status=RecordingStatus.shared)
            r.effects.append(ShareRecording(rec.id))
        recordings.append(rec)
    r.consent = replace(c, state=ConsentState.shared, ballot=None, recordings=tuple(recordings))
    r.effects.append(Decided(ConsentState.shared, Reason.everyone_agreed))


def _privacy(r: _Result, reason: Reason) -> None:
    """Private for good: running recordings stop, every recording and its media is deleted."""
    c = r.consent
    recordings = []
    for rec in c.recordings:
        if rec.status == RecordingStatus.recording:
            r.effects.append(StopRecording(rec.id))
        if rec.status != RecordingStatus.deleted:
            r.effects.append(DeleteMedia(rec.id, reason))
            rec = replace(rec, status=RecordingStatus.deleted, has_media=False)
        recordings.append(rec)
    state = ConsentState.deleted if recordings else ConsentState.private
    # The answers given so far are dropped: kept beside who was asked or who was present while it recorded,
    # they would name by elimination the person who asked for privacy. Nothing is left for them to prove.
    r.consent = replace(c, state=state, ballot=None, asked=frozenset(), recorders=frozenset(), sharers=frozenset(), recordings=tuple(recordings))
    r.effects.append(Decided(state, reason))

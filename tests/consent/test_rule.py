"""The consent rule, pure: examples a moderator would recognise, then properties over random meetings."""

from dataclasses import dataclass, field, replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import DomainError
from app.rules import consent as rule
from app.rules.consent import (
    BallotClosed,
    BallotOpened,
    Choice,
    Consent,
    ConsentState,
    DeleteMedia,
    Joined,
    Left,
    MediaStored,
    Phase,
    RecordingStarted,
    RecordingStatus,
    RecordingStopped,
    ShareRecording,
    StopRecording,
    Voted,
    Withdrew,
)

PEOPLE = ["mo", "anna", "bo", "carla"]
RECORDINGS = ["r1", "r2"]


def run(*steps: rule.Happening, start: Consent | None = None) -> tuple[Consent, list[rule.Effect]]:
    state, effects = start or Consent(), []
    for step in steps:
        state, more = rule.apply(state, step)
        effects += more
    return state, effects


def in_room(*people: str) -> Consent:
    return run(*(Joined(p) for p in people))[0]


class TestOpeningBallot:
    def test_recording_is_allowed_once_everyone_present_said_record(self):
        state, _ = run(BallotOpened(Phase.opening), Voted("mo", Choice.record), Voted("anna", Choice.record), start=in_room("mo", "anna", "bo"))
        assert state.state == ConsentState.opening_ballot and rule.tally(state) == (3, 2)
        state, _ = run(Voted("bo", Choice.record), start=state)
        assert state.state == ConsentState.recording_allowed and state.ballot is None

    def test_one_private_vote_makes_the_meeting_private_at_once(self):
        state, effects = run(BallotOpened(Phase.opening), Voted("mo", Choice.record), Voted("anna", Choice.private), start=in_room("mo", "anna", "bo"))
        assert state.state == ConsentState.private and state.ballot is None
        with pytest.raises(rule.NoBallotOpen):
            rule.apply(state, Voted("bo", Choice.record))
        with pytest.raises(rule.RecordingNotPermitted):
            rule.apply(state, RecordingStarted("r1"))

    def test_closing_the_ballot_counts_silence_as_private(self):
        state, _ = run(BallotOpened(Phase.opening), Voted("mo", Choice.record), BallotClosed(), start=in_room("mo", "anna"))
        assert state.state == ConsentState.private

    def test_leaving_decides_nothing_and_moves_no_count(self):
        state, _ = run(BallotOpened(Phase.opening), Voted("mo", Choice.record), Voted("anna", Choice.record), start=in_room("mo", "anna", "bo"))
        assert rule.tally(state) == (3, 2)
        state, _ = run(Left("bo"), start=state)
        # Bo is still asked: a count going to "2 of 2" would tell the room that Bo had not answered.
        assert state.state == ConsentState.opening_ballot and rule.tally(state) == (3, 2)
        state, _ = run(Joined("bo"), Voted("bo", Choice.record), start=state)
        assert state.state == ConsentState.recording_allowed

    def test_closing_counts_a_missing_answer_as_privacy_also_when_its_person_has_left(self):
        state, _ = run(BallotOpened(Phase.opening), Voted("mo", Choice.record), Voted("anna", Choice.record), Left("bo"), BallotClosed(), start=in_room("mo", "anna", "bo"))
        assert state.state == ConsentState.private

    def test_someone_arriving_while_it_is_open_is_asked_too(self):
        state, _ = run(BallotOpened(Phase.opening), Voted("mo", Choice.record), Joined("anna"), start=in_room("mo", "bo"))
        assert state.state == ConsentState.opening_ballot and rule.tally(state) == (3, 1)
        state, _ = run(Left("anna"), Joined("anna"), start=state)
        assert rule.tally(state) == (3, 1)  # a reconnect is not a new person

    def test_a_vote_from_someone_who_is_not_there_is_refused(self):
        state, _ = run(BallotOpened(Phase.opening), start=in_room("mo"))
        with pytest.raises(rule.NotEligible):
            rule.apply(state, Voted("anna", Choice.record))

    def test_a_vote_cannot_be_cast_twice_or_with_the_wrong_choice(self):
        state, _ = run(BallotOpened(Phase.opening), Voted("mo", Choice.record), start=in_room("mo", "anna"))
        with pytest.raises(rule.AlreadyVoted):
            rule.apply(state, Voted("mo", Choice.private))
        with pytest.raises(rule.InvalidChoice):
            rule.apply(state, Voted("anna", Choice.share))


class TestLateJoiner:
    def allowed(self) -> Consent:
        return run(BallotOpened(Phase.opening), Voted("mo", Choice.record), Voted("anna", Choice.record), start=in_room("mo", "anna"))[0]

    def test_is_asked_before_taking_part(self):
        state, _ = run(RecordingStarted("r1"), Joined("carla"), start=self.allowed())
        assert rule.question_for(state, "carla") == "late" and not rule.may_take_part(state, "carla")
        assert "carla" in state.witnesses
        state, _ = run(Voted("carla", Choice.record), start=state)
        assert rule.may_take_part(state, "carla") and state.state == ConsentState.recording

    def test_a_private_answer_stops_and_deletes_the_recording(self):
        state, effects = run(RecordingStarted("r1"), MediaStored("r1"), Joined("carla"), Voted("carla", Choice.private), start=self.allowed())
        assert state.state == ConsentState.deleted
        assert state.recordings == (rule.Recording("r1", RecordingStatus.deleted, False),)
        assert [type(e) for e in effects if not isinstance(e, rule.Decided)] == [StopRecording, DeleteMedia]


class TestClosingBallot:
    def recorded(self) -> Consent:
        return run(
            BallotOpened(Phase.opening), Voted("mo", Choice.record), Voted("anna", Choice.record),
            RecordingStarted("r1"), Joined("bo"), Voted("bo", Choice.record), Left("bo"), RecordingStopped("r1"),
            start=in_room("mo", "anna"),
        )[0]  # fmt: skip

    def test_everyone_who_was_present_while_it_ran_votes_also_after_leaving(self):
        state, effects = run(BallotOpened(Phase.closing), Voted("mo", Choice.share), Voted("anna", Choice.share), start=self.recorded())
        assert state.state == ConsentState.closing_ballot and rule.tally(state) == (3, 2)
        state, effects = run(Voted("bo", Choice.share), start=state)
        assert state.state == ConsentState.shared
        assert ShareRecording("r1") in effects

    def test_one_keep_private_deletes(self):
        state, effects = run(BallotOpened(Phase.closing), Voted("mo", Choice.share), Voted("bo", Choice.keep_private), start=self.recorded())
        assert state.state == ConsentState.deleted and state.recordings[0].status == RecordingStatus.deleted
        assert DeleteMedia("r1", rule.Reason.privacy_requested) in effects

    def test_a_moderator_closing_with_votes_missing_deletes(self):
        state, effects = run(BallotOpened(Phase.closing), Voted("mo", Choice.share), BallotClosed(), start=self.recorded())
        assert state.state == ConsentState.deleted
        assert DeleteMedia("r1", rule.Reason.votes_missing) in effects

    def test_someone_who_was_not_there_while_it_ran_is_not_asked(self):
        state, _ = run(Joined("carla"), Voted("carla", Choice.record), BallotOpened(Phase.closing), start=self.recorded())
        with pytest.raises(rule.NotEligible):
            rule.apply(state, Voted("carla", Choice.share))

    def test_consent_can_be_withdrawn_after_sharing(self):
        state, _ = run(BallotOpened(Phase.closing), *(Voted(p, Choice.share) for p in ("mo", "anna", "bo")), start=self.recorded())
        state, effects = run(Withdrew("anna"), start=state)
        assert state.state == ConsentState.deleted and DeleteMedia("r1", rule.Reason.privacy_requested) in effects
        with pytest.raises(rule.RecordingDeleted):
            rule.apply(state, MediaStored("r1"))

    def test_withdrawal_needs_consent_given(self):
        with pytest.raises(rule.NothingToWithdraw):
            rule.apply(self.recorded(), Withdrew("carla"))


# Properties -------------------------------------------------------------------------------------

person = st.sampled_from(PEOPLE)
recording_id = st.sampled_from(RECORDINGS)
happening = st.one_of(
    st.builds(Joined, person),
    st.builds(Left, person),
    st.builds(BallotOpened, st.sampled_from(list(Phase))),
    st.builds(Voted, person, st.sampled_from(list(Choice))),
    st.just(BallotClosed()),
    st.builds(Withdrew, person),
    st.builds(RecordingStarted, recording_id),
    st.builds(RecordingStopped, recording_id),
    st.builds(MediaStored, recording_id),
    st.just("restart"),
)


@dataclass
class Oracle:
    """What happened, kept independently of the rule's own bookkeeping."""

    present_while_running: dict[str, set[str]] = field(default_factory=dict)
    share_votes: set[str] = field(default_factory=set)
    privacy: bool = False
    private_opening: bool = False


def step(state: Consent, what: rule.Happening | str) -> tuple[Consent, list[rule.Effect], bool]:
    """Apply; a restart is everyone's connection dropping at once. Refusals must change nothing."""
    if what == "restart":
        effects: list[rule.Effect] = []
        for p in sorted(state.present):
            state, more = rule.apply(state, Left(p))
            effects += more
        return state, effects, True
    assert not isinstance(what, str)
    try:
        after, effects = rule.apply(state, what)
    except DomainError:
        return state, [], False
    return after, effects, True


def likely_step(data: st.DataObject, state: Consent) -> rule.Happening | str:
    """Mostly steps that fit the moment (so that meetings get as far as sharing), sometimes anything at all."""
    if data.draw(st.integers(0, 9)) == 0:
        return data.draw(happening)
    kind = data.draw(st.sampled_from(["join", "join", "leave", "open", "vote", "vote", "vote", "close", "withdraw", "start", "stop", "upload", "restart"]))
    if kind == "join":
        return Joined(data.draw(person))
    if kind == "leave":
        return Left(data.draw(st.sampled_from(sorted(state.present)))) if state.present else "restart"
    if kind == "open":
        return BallotOpened(Phase.opening if state.state == ConsentState.undecided else Phase.closing)
    if kind == "vote":
        closing = state.ballot == Phase.closing
        voters = sorted(state.witnesses if closing else state.present) or PEOPLE
        yes, no = (Choice.share, Choice.keep_private) if closing else (Choice.record, Choice.private)
        # Privacy is asked for now and then, consent mostly: otherwise few meetings would reach a decision to share.
        return Voted(data.draw(st.sampled_from(voters)), data.draw(st.sampled_from([yes] * 12 + [no])))
    if kind == "close":
        return BallotClosed()
    if kind == "withdraw":
        return Withdrew(data.draw(st.sampled_from(sorted(state.recorders | state.sharers) or PEOPLE)))
    recording = data.draw(recording_id) if kind != "start" else RECORDINGS[min(len(state.recordings), len(RECORDINGS) - 1)]
    return {"start": RecordingStarted, "stop": RecordingStopped, "upload": MediaStored}.get(kind, lambda _: "restart")(recording)  # type: ignore[operator]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_promises_hold_for_any_meeting(data):
    state, oracle = Consent(), Oracle()
    for _ in range(data.draw(st.integers(0, 50))):
        what = likely_step(data, state)
        before = state
        state, effects, accepted = step(state, what)
        if what == "restart" or isinstance(what, Left):
            # Connections dropping (a restart) change who is present, nothing else.
            assert replace(state, present=before.present) == before and not effects
        if isinstance(what, RecordingStarted) and (oracle.privacy or oracle.private_opening):
            assert not accepted, "a recording was permitted after privacy was asked for"
        if isinstance(what, MediaStored) and accepted:
            # Never into a deleted recording, never replacing what people voted on (or agreed to share).
            assert before.recording(what.recording_id).status not in (RecordingStatus.deleted, RecordingStatus.awaiting_decision, RecordingStatus.shared)
        if accepted and isinstance(what, Voted) and what.choice == Choice.share:
            oracle.share_votes.add(what.person)
        privacy_asked = accepted and (
            (isinstance(what, Voted) and what.choice in (Choice.private, Choice.keep_private))
            or (isinstance(what, Withdrew))
            or (state.state in rule.FINAL_PRIVATE)
        )
        if privacy_asked:
            oracle.privacy = True
        if accepted and before.state == ConsentState.opening_ballot and state.state == ConsentState.private:
            oracle.private_opening = True
        for rec in state.recordings:
            if rec.status == RecordingStatus.recording:
                oracle.present_while_running.setdefault(rec.id, set()).update(state.present)

        # A recording is shared only if every person present while it ran voted share.
        for rec in state.recordings:
            if rec.status == RecordingStatus.shared:
                witnesses = oracle.present_while_running.get(rec.id, set())
                assert witnesses <= oracle.share_votes
        # After privacy: every recording deleted, no media, final state, forever.
        if oracle.privacy:
            assert state.state in rule.FINAL_PRIVATE
            assert all(r.status == RecordingStatus.deleted and not r.has_media for r in state.recordings)
            assert state.ballot is None
            # ... and no consent is kept that would name the privacy voter by elimination.
            assert not state.recorders and not state.sharers and not state.asked
        # While a recording runs, everyone present consented or is being asked before taking part.
        if state.running:
            assert all(p in state.recorders or rule.question_for(state, p) == "late" for p in state.present)
        # Every deletion effect is preceded by a stop for a running recording, and deletes are final.
        deleted_now = {e.recording_id for e in effects if isinstance(e, DeleteMedia)}
        assert all(before.recording(r).status != RecordingStatus.deleted for r in deleted_now)
        eligible, voted = rule.tally(state)
        assert 0 <= voted <= eligible


@settings(max_examples=200, deadline=None)
@given(st.lists(happening, max_size=40), st.sampled_from([Choice.private, Choice.keep_private, "withdraw"]))
def test_the_outcome_of_a_privacy_request_is_the_same_whoever_made_it(steps, kind):
    """Nothing in the state or the effects can tell which of two people asked for privacy."""
    state = Consent()
    for what in steps:
        state, _, _ = step(state, what)
    results = []
    for p in PEOPLE:
        what = Withdrew(p) if kind == "withdraw" else Voted(p, kind)  # type: ignore[arg-type]
        try:
            results.append(rule.apply(state, what))
        except DomainError:
            continue
    assert all(r == results[0] for r in results[1:])


# Secrecy: two plays that differ only in who of two people answered what ------------------------------

SECRET = ("anna", "bo")
OBSERVERS = ("mo", "carla")


def mirrored(what: rule.Happening | str) -> rule.Happening | str:
    """The same step with Anna's and Bo's answers swapped; their comings and goings stay as they are (public)."""
    other = {"anna": "bo", "bo": "anna"}
    if isinstance(what, Voted) and what.person in other:
        return Voted(other[what.person], what.choice)
    if isinstance(what, Withdrew) and what.person in other:
        return Withdrew(other[what.person])
    return what


def seen_by_others(state: Consent, effects: list[rule.Effect]) -> tuple[object, ...]:
    """Everything a person other than Anna and Bo can observe: the public view with its count, the effects
    (webhooks, audit), and their own part."""
    return (
        state.state,
        state.ballot,
        rule.tally(state),
        state.recordings,
        tuple(effects),
        tuple((p, rule.question_for(state, p), p in state.recorders, p in state.sharers) for p in OBSERVERS),
    )


def same_public_situation(state: Consent) -> bool:
    """Anna and Bo stand alike in everything the room knows (present, asked, there while it recorded)."""
    a, b = SECRET
    return all((a in s) == (b in s) for s in (state.present, state.asked, state.witnesses))


def secret_or_public_step(data: st.DataObject, state: Consent) -> rule.Happening | str:
    if same_public_situation(state) and data.draw(st.integers(0, 2)) == 0:
        who = data.draw(st.sampled_from(SECRET))
        if data.draw(st.integers(0, 5)) == 0:
            return Withdrew(who)
        return Voted(who, data.draw(st.sampled_from(list(Choice))))
    what = likely_step(data, state)
    if isinstance(what, (Voted, Withdrew)) and what.person in SECRET:
        return replace(what, person=data.draw(st.sampled_from(OBSERVERS)))
    return what


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_nobody_else_can_tell_whether_anna_or_bo_gave_an_answer(data):
    """Play any meeting of joins, drops, reconnects (restarts), ballots, votes and recordings twice: once as
    drawn, once with Anna's and Bo's answers swapped (who consented, who asked for privacy, who withdrew),
    whenever the room cannot tell them apart. After every step everyone else observes exactly the same:
    states, counts, effects and their order. A count or an outcome that moved with presence would differ,
    since presence is public by name."""
    one, two = Consent(), Consent()
    for _ in range(data.draw(st.integers(0, 60))):
        what = secret_or_public_step(data, one)
        one, effects_one, _ = step(one, what)
        two, effects_two, _ = step(two, mirrored(what))
        assert seen_by_others(one, effects_one) == seen_by_others(two, effects_two), what


# The counted vote: the persistence decides most `record` votes from two numbers -------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_record_vote_decided_from_the_counts_is_the_rules_own_decision(data):
    """In any meeting, whenever an opening ballot is open: for everyone, a `record` vote decided from the
    counts (`vote_counted`) is refused exactly when the rule refuses it, with the same error, and where it
    decides, the rule agrees: the answer is added, nothing else changes, no effect, the count moves by one."""
    state = Consent()
    for _ in range(data.draw(st.integers(0, 50))):
        state, _, _ = step(state, likely_step(data, state))
        if state.ballot != Phase.opening:
            continue
        for p in PEOPLE:
            try:
                full: tuple[Consent, list[rule.Effect]] | type[DomainError] = rule.apply(state, Voted(p, Choice.record))
            except DomainError as exc:
                full = type(exc)
            try:
                count = rule.vote_counted(rule.counted(state), present=p in state.present, asked=p in state.asked, voted=p in state.recorders)
            except DomainError as exc:
                assert full is type(exc)
                continue
            assert not isinstance(full, type), f"the rule refused {p}'s vote with {full.__name__}; the counts accepted it"
            if count is None:
                continue  # left to the rule
            after, effects = full
            assert after == replace(state, recorders=state.recorders | {p}) and not effects
            assert rule.counted(after) == count and rule.tally(after) == (count.asked, count.voted)

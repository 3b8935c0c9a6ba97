"""The hand queue's services against a simple model: random sessions of raising, lowering, giving the floor,
dropping off and coming back, on a real SQLite database, with time moved explicitly."""

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from app import clock, migrate
from app.db import Database, UnitOfWork
from app.errors import DomainError
from app.models import Language, Meeting, Participant
from app.services import hands, meetings, participants, views

PEOPLE = ["anna", "bo", "carla", "dan"]
GRACE = 60

person = st.sampled_from(PEOPLE)
step = st.one_of(
    st.tuples(st.just("raise"), person),
    st.tuples(st.just("lower"), person),
    st.tuples(st.just("give_next"), st.none()),
    st.tuples(st.just("give_to"), person),
    st.tuples(st.just("finish"), st.none()),
    st.tuples(st.just("leave"), person),
    st.tuples(st.just("back"), person),
    st.tuples(st.just("fairness"), st.booleans()),
    st.tuples(st.just("wait"), st.integers(1, 90)),
)


class Model:
    """What the queue should be: one hand per person, first come first served, first-timers first with fairness."""

    def __init__(self) -> None:
        self.hands: dict[str, int] = {}
        self.spoken: set[str] = set()
        self.away_since: dict[str, float] = {}
        self.fairness = True
        self.speaker: str | None = None
        self.counter = 0
        self.time = 0.0

    def queue(self) -> list[str]:
        key = (lambda p: (p in self.spoken, self.hands[p])) if self.fairness else (lambda p: self.hands[p])
        return sorted(self.hands, key=key)

    def expire(self) -> None:
        for p, since in list(self.away_since.items()):
            if p in self.hands and self.time - since >= GRACE:
                del self.hands[p]


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite+aiosqlite:///{Path(tmp_path_factory.mktemp('db')) / 'hands.db'}"
    migrate.upgrade(url)
    return url


async def play(url: str, steps: list[tuple[str, object]]) -> None:
    db = Database(url)
    start = clock.now()
    model = Model()

    async def unit(change, *, at: float):  # type: ignore[no-untyped-def]
        async with db.sessions() as session, session.begin():
            uow = UnitOfWork(session, now=start + timedelta(seconds=at))
            return await change(uow)

    async def create(uow: UnitOfWork) -> tuple[str, dict[str, str]]:
        made = await meetings.create_meeting(uow, title="Model", format="open", scheduled_for=None, language=Language.en, moderator_name="M", hand_grace_seconds=GRACE)
        ids = {}
        for name in PEOPLE:
            person_row, _ = await participants.join(uow, join_code=made.meeting.join_code, display_name=name, organisation=None)
            ids[name] = person_row.id
            await participants.connected(uow, person=person_row, sid=f"{made.meeting.id}-{name}", node_id="model")
        await meetings.start(uow, meeting=made.meeting)
        return made.meeting.id, ids

    meeting_id, ids = await unit(create, at=0)
    names = {v: k for k, v in ids.items()}

    try:
        for action, arg in steps:
            if action == "wait":
                model.time += arg  # type: ignore[operator]
                model.expire()
                await unit(hands.expire_hands_of_absent, at=model.time)
            else:
                async def act(uow: UnitOfWork, action: str = action, arg: object = arg) -> None:
                    meeting = await uow.session.get(Meeting, meeting_id)
                    assert meeting is not None
                    actor = await uow.session.get(Participant, ids[arg]) if isinstance(arg, str) else None
                    if action == "raise":
                        await hands.raise_hand(uow, meeting=meeting, actor=actor, note=None)  # type: ignore[arg-type]
                    elif action == "lower":
                        await hands.lower_hand(uow, meeting=meeting, actor=actor, participant_id=None)  # type: ignore[arg-type]
                    elif action == "give_next":
                        await hands.give_floor(uow, meeting=meeting, participant_id=None)
                    elif action == "give_to":
                        await hands.give_floor(uow, meeting=meeting, participant_id=ids[arg])  # type: ignore[index]
                    elif action == "finish":
                        moderator = (await uow.session.exec(select(Participant).where(Participant.meeting_id == meeting_id, Participant.role == "moderator"))).one()
                        await hands.finish_speaking(uow, meeting=meeting, actor=moderator)
                    elif action == "leave":
                        await participants.disconnected(uow, sid=f"{meeting_id}-{arg}")
                    elif action == "back":
                        if not actor.online:  # type: ignore[union-attr]
                            await participants.connected(uow, person=actor, sid=f"{meeting_id}-{arg}", node_id="model")  # type: ignore[arg-type]
                    elif action == "fairness":
                        await meetings.configure(uow, meeting=meeting, fairness=arg, hand_grace_seconds=None)  # type: ignore[arg-type]

                refused = False
                try:
                    await unit(act, at=model.time)
                except DomainError:
                    refused = True
                expect_refusal = apply(model, action, arg)
                assert refused == expect_refusal, (action, arg)

            async def look(uow: UnitOfWork) -> tuple[list[str], str | None]:
                meeting = await uow.session.get(Meeting, meeting_id)
                assert meeting is not None
                queue = await views.queue(uow, meeting)
                return [names[e.participant_id] for e in queue.entries], names.get(meeting.speaker_id or "")

            queue, speaker = await unit(look, at=model.time)
            assert queue == model.queue()
            assert speaker == model.speaker
            assert speaker not in queue or speaker is None or speaker in model.hands
    finally:
        await db.dispose()


def apply(model: Model, action: str, arg: object) -> bool:
    """Change the model; answer whether the real service should have refused."""
    if action == "raise":
        if arg in model.hands:
            return True
        model.counter += 1
        model.hands[arg] = model.counter  # type: ignore[index]
    elif action == "lower":
        if arg not in model.hands:
            return True
        del model.hands[arg]  # type: ignore[arg-type]
    elif action in ("give_next", "give_to"):
        target = model.queue()[0] if action == "give_next" and model.hands else arg
        if target is None:
            return True
        model.hands.pop(target, None)  # type: ignore[arg-type]
        model.spoken.add(target)  # type: ignore[arg-type]
        model.speaker = target  # type: ignore[assignment]
    elif action == "finish":
        if model.speaker is None:
            return True
        model.speaker = None
    elif action == "leave":
        model.away_since.setdefault(arg, model.time)  # type: ignore[arg-type]
    elif action == "back":
        model.away_since.pop(arg, None)  # type: ignore[arg-type]
    elif action == "fairness":
        model.fairness = bool(arg)
    return False


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=25))
def test_the_queue_services_follow_the_rule(database_url: str, steps: list[tuple[str, object]]) -> None:
    asyncio.run(play(database_url, steps))

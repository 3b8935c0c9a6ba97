"""Remembered command answers are pruned by age, on the server's clock, by the server's timer loop."""

from app import timers
from app.models import CommandResult
from tests.harness import Harness


async def test_answers_older_than_the_maximum_age_are_forgotten(h: Harness) -> None:
    meeting, people = await h.meeting("anna")
    anna = people["anna"]
    first = await h.dispatcher.dispatch(anna.id, {"type": "hand.raise", "data": {}, "command_id": "raise-1"})
    assert first["ok"]
    h.clock.advance(3600)
    await h.dispatcher.dispatch(anna.id, {"type": "hand.lower", "data": {}, "command_id": "lower-1"})
    assert h.settings.command_answer_max_age_hours == 24

    async def kept() -> set[str]:
        rows = await h.read(lambda uow: uow.session.get(CommandResult, (anna.id, "raise-1")))
        later = await h.read(lambda uow: uow.session.get(CommandResult, (anna.id, "lower-1")))
        return {name for name, row in (("raise-1", rows), ("lower-1", later)) if row is not None}

    h.clock.advance(23 * 3600 - 1)  # the first answer is one second short of a day old
    await h.tick(timers.configured(h.settings))
    assert await kept() == {"raise-1", "lower-1"}
    h.clock.advance(2)
    await h.tick(timers.configured(h.settings))
    assert await kept() == {"lower-1"}
    # Repeated after it was forgotten, the id is a new command: applied, not answered from memory.
    again = await h.dispatcher.dispatch(anna.id, {"type": "hand.raise", "data": {}, "command_id": "raise-1"})
    assert again["ok"] and again["version"] > first["version"]

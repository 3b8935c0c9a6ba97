"""The timer loop's one look (app/timers.py) on PostgreSQL: every configured timer's statements in one query, and a
due timer acting on what it found."""

from pathlib import Path

import pytest

from app import clock, timers
from app.services import participants
from tests.harness import Harness
from tests.scaleout.servers import Postgres

pytestmark = pytest.mark.scaleout


async def test_the_timers_look_on_postgresql_and_only_a_due_one_acts(postgres: Postgres, tmp_path: Path) -> None:
    h = Harness(postgres.url, tmp_path)
    with clock.use(h.clock.now):
        try:
            meeting, people = await h.meeting("Anna", "Bo")
            await h.tick()
            every = timers.configured(h.settings)
            presence = next(timer for timer in every if timer.act is participants.announce_presence)
            # Other tests share this database: only this meeting's presence is asserted on.
            watching = h.socket(meeting.moderator)
            watching.clear()
            await h.disconnect(h.socket(people["Anna"]))
            found = await h.read(lambda uow: timers.due(uow, every))
            assert presence in found
            await timers.tick_once(h.edge, every)
            [away] = watching.of("participant.presence_changed")
            assert away["data"]["changes"] == [{"participant_id": people["Anna"].id, "online": False}]
            assert presence not in await h.read(lambda uow: timers.due(uow, every))
        finally:
            await h.close()

"""The breakout timer through the database: random breaks, ticks at random moments (late ones too) and
extensions, played on the real services and timer query. Whatever happens, a participant is warned only
inside the warning window of the deadline then in force, never twice for one end, and brought back once,
at the first tick at or after the deadline."""

import asyncio
import uuid
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.harness import harness

steps = st.lists(
    st.tuples(st.integers(1, 90_000).map(lambda ms: ms / 1000), st.sampled_from([0, 0, 0, 20, 90])),
    max_size=12,
)


def when(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


async def play(template: Path, folder: Path, duration_s: int, warn_before_s: int, plan: list[tuple[float, int]]) -> None:
    async with harness(template, folder) as h:
        meeting, people = await h.meeting("anna")
        await h.ok(meeting.moderator, "breakout.start", kind="thinking", duration_s=duration_s, warn_before_s=warn_before_s)
        anna = h.socket(people["anna"])
        ticks: list[datetime] = []
        for seconds, extension in plan:
            await h.pass_time(seconds)
            ticks.append(h.now)
            if extension and not anna.of("breakout.ended"):
                await h.ok(meeting.moderator, "breakout.extend", seconds=extension)

        deadline: datetime | None = None
        warn_at: datetime | None = None
        warned_since_extension = False
        ended: list[datetime] = []
        for event in anna.events:
            data = event["data"]
            if event["type"] == "breakout.started":
                deadline, warn_at = when(data["breakout"]["deadline"]), data["breakout"]["warn_at"] and when(data["breakout"]["warn_at"])
            elif event["type"] == "breakout.extended":
                deadline, warn_at = when(data["deadline"]), data["warn_at"] and when(data["warn_at"])
                warned_since_extension = False
            elif event["type"] == "breakout.warned":
                at = when(event["at"])
                assert deadline is not None and warn_at is not None
                # Never early, never after the deadline, and telling the truth about the time left.
                assert warn_at <= at < deadline
                assert when(data["deadline"]) == deadline
                assert abs(data["seconds_left"] - (deadline - at).total_seconds()) < 0.001
                assert not warned_since_extension, "warned twice for one end"
                warned_since_extension = True
            elif event["type"] == "breakout.ended":
                assert data["reason"] == "deadline"
                ended.append(when(event["at"]))
        assert deadline is not None
        # Back once, at the first tick at or after the deadline in force.
        due = [t for t in ticks if t >= deadline]
        assert ended == due[:1]
        if not any(extension for _, extension in plan) and warn_at is not None:
            # Without extensions the warning comes at the first tick inside its window.
            in_window = [t for t in ticks if warn_at <= t < deadline]
            assert [when(e["at"]) for e in anna.of("breakout.warned")] == in_window[:1]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.integers(1, 240), st.integers(0, 120), steps, st.booleans())
def test_the_timer_warns_within_the_window_once_per_end_and_closes_at_the_first_tick_after_the_deadline(
    migrated_database: Path, tmp_path: Path, duration_s: int, warn_before_s: int, plan: list[tuple[float, int]], extending: bool
) -> None:
    if not extending:
        plan = [(seconds, 0) for seconds, _ in plan]
    folder = tmp_path / uuid.uuid4().hex
    folder.mkdir()
    asyncio.run(play(migrated_database, folder, duration_s, warn_before_s, plan))

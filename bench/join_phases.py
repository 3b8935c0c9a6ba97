"""Where a join storm's database work goes: the welcome's three steps, timed in-process without sockets.

`bench/bursts.py` times the whole join (handshakes, Socket.IO, the welcome, presence) against the bare servers.
This splits the welcome's own database work, run on the app's real services and a real SQLite file (the
in-process harness of tests/harness.py), in groups of the sizes a join storm of 1,000 forms
(app/realtime/welcome.py; 50 connects in flight give lookups and welcomes of about 16 since lookups wait for the
storm's other tokens, docs/adr/0024-lookups-gather-in-a-storm.md; before that, lookups of 3 and welcomes of 7):

- lookup: the tokens looked up together in one read (`participants.authenticate_all`);
- record: the connections recorded together in one transaction (`participants.connect_all`, breakout rooms),
  with a round of the timer every 15 groups as the server's loop would run meanwhile;
- snapshots: each group's snapshots built in one read, as sent (JSON), once at one meeting version and once
  with a new version every 15 groups (the timer announcing presence makes one during a join);
- timer: one round of every timer tick, each its own transaction.

Figures are CPU seconds of this process. `--profile STEP` prints cProfile's view of one step.

    .venv/bin/python bench/join_phases.py
    .venv/bin/python bench/join_phases.py --n 1000 --profile snapshots
"""

import argparse
import asyncio
import cProfile
import pstats
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import UnitOfWork  # noqa: E402
from app.models import Participant  # noqa: E402
from app.realtime.welcome import Welcome  # noqa: E402
from app.services import breakout_rooms, participants  # noqa: E402
from tests.harness import Harness, Person, harness, migrated  # noqa: E402

STEPS = ("lookup", "record", "snapshots", "snapshots, new versions", "timer")


async def run(args: argparse.Namespace, template: Path, folder: Path) -> dict[str, float]:
    async with harness(template, folder) as h:
        handle, _ = await h.meeting(connect=True)
        people = [await h.join(handle, f"Participant {i + 1}") for i in range(args.n)]
        welcome = Welcome.__new__(Welcome)  # only its snapshot builder is used, which needs the settings
        welcome.settings = h.settings
        arrivals: list[participants.Arrival] = []
        profile = cProfile.Profile()
        figures: dict[str, float] = {}

        async def timed(step: str, work: Callable[[], Awaitable[None]]) -> None:
            started = time.process_time()
            if args.profile == step:
                profile.enable()
            await work()
            if args.profile == step:
                profile.disable()
            figures[step] = time.process_time() - started

        async def lookup() -> None:
            for i in range(0, args.n, args.lookup):
                tokens = [p.token for p in people[i : i + args.lookup]]
                for person in await h.edge.read(lambda uow, tokens=tokens: participants.authenticate_all(uow, tokens)):
                    assert person is not None
                    arrivals.append(participants.Arrival(f"join-{len(arrivals)}", person.id, person.meeting_id, person.token_hash))

        async def record() -> None:
            for k, group in enumerate(groups(arrivals, args.group)):
                await h.edge.apply(lambda uow, group=group: arrive(uow, group))
                if k % 15 == 14:
                    await h.tick()

        async def snapshots(new_versions: bool) -> None:
            for k, group in enumerate(groups(arrivals, args.group)):
                await h.edge.read(lambda uow, group=group: welcome._snapshots(uow, group))
                if new_versions and k % 15 == 14:
                    await new_version(h, handle.moderator)

        async def timer() -> None:
            for _ in range(20):
                await h.tick()

        await timed("lookup", lookup)
        await timed("record", record)
        await timed("snapshots", lambda: snapshots(False))
        await timed("snapshots, new versions", lambda: snapshots(True))
        await timed("timer", timer)
        if args.profile:
            stats = pstats.Stats(profile)
            stats.sort_stats("cumulative").print_stats(r"app/", 30)
        return figures


def groups(arrivals: list[participants.Arrival], size: int) -> list[list[participants.Arrival]]:
    return [arrivals[i : i + size] for i in range(0, len(arrivals), size)]


async def arrive(uow: UnitOfWork, group: list[participants.Arrival]) -> tuple[list[Participant | None], dict[str, str]]:
    arrived = await participants.connect_all(uow, group, node_id="bench")
    return arrived, await breakout_rooms.socket_rooms(uow, {p.id for p in arrived if p is not None})


async def new_version(h: Harness, moderator: Person) -> None:
    # Far enough apart that the chat's own rate limit lets every message through.
    h.clock.advance(30)
    await h.ok(moderator, "chat.send", text="A new version of the meeting")


def main() -> int:
    parser = argparse.ArgumentParser(description="The welcome's database work in a join storm, step by step.")
    parser.add_argument("--n", type=int, default=1000, help="participants (default: 1000)")
    parser.add_argument("--lookup", type=int, default=16, help="tokens per lookup (default: 16)")
    parser.add_argument("--group", type=int, default=16, help="sockets per welcome (default: 16)")
    parser.add_argument("--profile", choices=STEPS, help="print cProfile's view of this step")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="roundtable-join-phases-") as tmp:
        folder = Path(tmp)
        # Migrated before the loop starts: Alembic runs its own.
        figures = asyncio.run(run(args, migrated(folder), folder))
    lookups, welcomes = -(-args.n // args.lookup), -(-args.n // args.group)
    per = {"lookup": lookups, "record": welcomes, "snapshots": welcomes, "snapshots, new versions": welcomes, "timer": 20}
    unit = {"lookup": "read", "record": "transaction", "snapshots": "read", "snapshots, new versions": "read", "timer": "round"}
    print(f"N = {args.n}: lookups of {args.lookup} tokens, welcomes of {args.group} sockets (CPU of this process)")
    for step in STEPS:
        print(f"  {step:26} {figures[step]:6.3f} s   {figures[step] / per[step] * 1000:6.2f} ms per {unit[step]} ({per[step]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

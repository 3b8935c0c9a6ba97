"""Soak: a long meeting at a realistic mix, watching the server's memory and counting what got lost.

One project server (`python -m app serve`, a temporary data folder), N participants connected with the
Node load generator of bench/fanout.py. Every second, spread over the second: `--chat` chat messages and
`--hands` hand toggles (a raise, or the lower of a raised hand) from random participants. Every ten
seconds one chat message is followed to every client (counted lost if a client misses it within 10 s).
Every minute `--reconnects` participants leave and come back (a fresh socket, the same token) and the
server's RSS is sampled. At the end: RSS at the start of the mix, at each minute and at the end, growth
in per cent, commands sent/failed, events lost, unexpected disconnects.

    .venv/bin/python bench/soak.py                         # 500 participants, 3 minutes
    .venv/bin/python bench/soak.py --minutes 240           # the real soak (4 hours)

Not part of `make test` or `make bench`. JSON goes to bench/results/.
"""

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bursts import project_env  # noqa: E402
from fanout import RESULTS, ROOT, WORKERS, Run, Target, ensure_loadgen, project_meeting, rss_bytes  # noqa: E402

from tests.support import ServerProcess  # noqa: E402


async def soak(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    server = ServerProcess(tmp / "soak", env=project_env()).start(timeout=120)
    assert server.proc is not None
    pid = server.proc.pid
    target: Target | None = None
    try:
        print(f"joining {args.n} participants ...", flush=True)
        _meeting, tokens = await project_meeting(server.url, args.n)
        target = Target("project", [server.url], [pid], tokens, Run("project", args.n))
        await target.connect(args)
        print(f"{target.run.connected} connected in {target.run.connect_seconds:.1f} s", flush=True)
        rng = random.Random(args.n)
        raised: set[int] = set()
        samples = [{"minute": 0, "rss_mb": round(rss_bytes(pid) / 2**20, 1)}]
        print(f"minute 0: RSS {samples[0]['rss_mb']} MB", flush=True)
        started = time.monotonic()
        end = started + args.minutes * 60
        second = 0
        pending: set[asyncio.Task] = set()
        finished: list[dict] = []

        def collect(task: asyncio.Task) -> None:
            pending.discard(task)
            if not task.cancelled() and task.exception() is None:
                finished.append(task.result())

        while time.monotonic() < end:
            plans: list[list[dict]] = [[] for _ in range(WORKERS)]
            moves = [("chat", rng.randrange(args.n)) for _ in range(args.chat)] + [
                ("hand", rng.randrange(args.n)) for _ in range(args.hands)
            ]
            for k, (kind, i) in enumerate(moves):
                if kind == "chat":
                    message = {"type": "chat.send", "data": {"text": f"Soak message {second}-{k}: has anyone tried the new intake form?"}}
                elif i in raised:
                    raised.discard(i)
                    message = {"type": "hand.lower", "data": {}}
                else:
                    raised.add(i)
                    message = {"type": "hand.raise", "data": {}}
                worker, local = target.locate(i)
                plans[worker].append({"index": local, "at": round(k * 1e6 / max(1, len(moves))), "message": message})
            start = time.monotonic_ns() // 1000 + 50_000
            for worker, plan in zip(target.workers, plans, strict=True):
                task = asyncio.create_task(worker.burst(start, plan, 60))
                pending.add(task)
                task.add_done_callback(collect)
            await asyncio.sleep(max(0.0, started + second + 1 - time.monotonic()))
            second += 1
            if second % 10 == 0:
                await target.fire(second, args)
            if second % 60 == 0:
                minute = second // 60
                for i in rng.sample(range(args.n), min(args.reconnects, args.n)):
                    worker, local = target.locate(i)
                    await target.workers[worker].reconnect(local)
                samples.append({"minute": minute, "rss_mb": round(rss_bytes(pid) / 2**20, 1)})
                print(f"minute {minute}: RSS {samples[-1]['rss_mb']} MB, lost so far {target.run.lost}", flush=True)
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        results = finished
        sent = sum(r["sent"] for r in results)
        failed = sum(r["failed"] for r in results)
        errors = [e for r in results for e in r["errors"]][:5]
        await target.finish()
        samples.append({"minute": round((time.monotonic() - started) / 60, 1), "rss_mb": round(rss_bytes(pid) / 2**20, 1)})
        first = samples[0]["rss_mb"]
        return {
            "n": args.n,
            "minutes": args.minutes,
            "rate": {"chat_per_second": args.chat, "hand_toggles_per_second": args.hands, "reconnects_per_minute": args.reconnects},
            "rss": samples,
            "rss_growth_percent": round((samples[-1]["rss_mb"] - first) / first * 100, 1),
            **settled(samples),
            "commands_sent": sent,
            "commands_failed": failed,
            "command_errors": errors,
            "followed_events": len(target.run.events),
            "events_lost": target.run.lost,
            "disconnects": target.run.disconnects,
            "errors": target.run.errors[:5],
        }
    finally:
        if target is not None:
            await target.stop()
        server.kill()


def settled(samples: list[dict[str, float]]) -> dict[str, float]:
    """Growth once the first WARM_UP minutes are over (caches and the allocators' high-water marks fill then), and
    the slope over the last SLOPE_MINUTES: what a longer meeting would add. Reported beside the growth from the
    start, not instead of it."""
    after = [s for s in samples if s["minute"] >= WARM_UP]
    last = [s for s in samples if s["minute"] >= samples[-1]["minute"] - SLOPE_MINUTES]
    if len(after) < 2 or len(last) < 2:
        return {}
    return {
        "rss_growth_after_warm_up_percent": round((after[-1]["rss_mb"] - after[0]["rss_mb"]) / after[0]["rss_mb"] * 100, 1),
        "rss_mb_per_minute_at_the_end": round((last[-1]["rss_mb"] - last[0]["rss_mb"]) / (last[-1]["minute"] - last[0]["minute"]), 3),
    }


# Minutes after which the memory is taken as settled, and the span of the final slope.
WARM_UP = 5
SLOPE_MINUTES = 30


async def main() -> int:
    parser = argparse.ArgumentParser(description="Soak: N participants at a realistic mix; server memory and losses.")
    parser.add_argument("--n", type=int, default=500, help="participants (default: 500)")
    parser.add_argument("--minutes", type=float, default=3, help="how long (default: 3; the real soak: 240)")
    parser.add_argument("--chat", type=int, default=5, help="chat messages per second (default: 5)")
    parser.add_argument("--hands", type=int, default=2, help="hand toggles per second (default: 2)")
    parser.add_argument("--reconnects", type=int, default=10, help="participants leaving and coming back per minute (default: 10)")
    parser.add_argument("--concurrency", type=int, default=25, help=argparse.SUPPRESS)
    parser.add_argument("--kind", default="chat", help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=10.0, help=argparse.SUPPRESS)
    parser.add_argument("--profile", help=argparse.SUPPRESS)
    args = parser.parse_args()
    ensure_loadgen()
    with tempfile.TemporaryDirectory(prefix="roundtable-soak-") as tmp:
        result = await soak(args, Path(tmp))
    print(json.dumps({k: v for k, v in result.items() if k != "rss"}, indent=2))
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"soak-{stamp}.json"
    out.write_text(json.dumps({"meta": {"at": stamp, "load_average": os.getloadavg(), "args": vars(args)}, "result": result}, indent=2))
    print(f"JSON: {out.relative_to(ROOT)}")
    ok = result["events_lost"] == 0 and result["disconnects"] == 0 and result["commands_failed"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

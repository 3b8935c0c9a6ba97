"""Burst benchmark: a meeting of N where everyone acts at once, against two baselines in the same run.

For each N and each server it connects N participants (+ the moderator) with the Node load generator
of bench/fanout.py and measures, in this order on the same connected clients:

- join storm: connecting all N + 1 clients, 50 in flight (25 per load-generator process);
- one event to N: `--events` single commands (chat, hand up, hand down), time until the first and the last client
  has each, and per load-generator process when its first and last client had it;
- ballot burst: the moderator opens the opening ballot, then all N + 1 vote `record`, spread evenly over
  `--spread` seconds; per client the time from the last vote sent until it sees `recording_allowed`, and the
  bytes it received from the opening until then;
- hand burst: `--hands` of the N raise a hand, spread evenly over `--spread` seconds; per client the time
  from the last raise sent until it holds the full queue in the order a fresh snapshot shows, and the bytes
  it received; failed and timed-out commands.

Servers: the project in one process (SQLite), the project in two processes (PostgreSQL and Redis started
here, the documented scale-out mode; each load-generator process talks to one of them), the bare
python-socketio server (bench/bare_server.py) and its Node socket.io twin (bench/bare_server.mjs). The
baselines do no database work and no coalescing: every command is counted or queued in memory and
broadcast at once (see their docstrings). Servers run one after another, so they do not compete.

    .venv/bin/python bench/bursts.py                         # N = 1000 and 2000, every server
    .venv/bin/python bench/bursts.py --n 200 --only project bare

Results: a table with medians and ratios on stdout, JSON in bench/results/.
"""

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import socketio

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fanout import (  # noqa: E402
    KINDS,
    PROJECT_ENV,
    WORKERS,
    BareServer,
    Run,
    Target,
    ensure_loadgen,
    percentile,
    project_meeting,
    ratio,
    save_results,
)

from tests.scaleout.servers import Postgres, Redis  # noqa: E402
from tests.support import Client, ServerProcess  # noqa: E402

SERVERS = ["project", "project2", "bare", "node"]
BASELINES = ("bare", "node")
OUTCOME = "recording_allowed"


def project_env(**extra: str) -> dict[str, str]:
    return {**PROJECT_ENV, **extra}


@dataclass
class Servers:
    """What one target needs running, and how to stop it."""

    urls: list[str]
    pids: list[int]
    stops: list[Any] = field(default_factory=list)
    moderator: str | None = None
    tokens: list[str] = field(default_factory=list)

    def stop(self) -> None:
        for stop in reversed(self.stops):
            try:
                stop()
            except Exception as exc:  # keep stopping the rest
                print(f"  could not stop a server: {exc}", file=sys.stderr)


async def start(name: str, n: int, tmp: Path) -> Servers:
    if name in BASELINES:
        bare = BareServer(tmp, "python" if name == "bare" else "node").start()
        assert bare.proc is not None
        # Any token is accepted; the last one acts as moderator.
        tokens = [f"{name}-token-{i}" for i in range(n + 1)]
        return Servers([bare.url], [bare.proc.pid], [bare.kill], moderator=tokens[-1], tokens=tokens)
    if name == "project":
        server = ServerProcess(tmp / f"project-{n}", env=project_env()).start(timeout=120)
        assert server.proc is not None
        running = Servers([server.url], [server.proc.pid], [server.kill])
    else:
        running = Servers([], [])
        try:
            postgres = Postgres().start()
            running.stops.append(postgres.stop)
            redis = Redis(tmp / f"redis-{n}").start()
            running.stops.append(redis.stop)
            env = project_env(ROUNDTABLE_DATABASE_URL=postgres.url, ROUNDTABLE_REDIS_URL=redis.url)
            for i in range(2):
                server = ServerProcess(tmp / f"project2-{n}-{i}", env=env).start(timeout=120)
                assert server.proc is not None
                running.stops.append(server.kill)
                running.urls.append(server.url)
                running.pids.append(server.proc.pid)
        except BaseException:
            running.stop()
            raise
    print(f"  joining {n} participants ...", flush=True)
    try:
        meeting, tokens = await project_meeting(running.urls[0], n)
    except BaseException:
        running.stop()
        raise
    # The moderator is the last client, in the last load-generator process.
    moderator = meeting["moderator_token"]
    running.moderator, running.tokens = moderator, [*tokens, moderator]
    return running


# Scenarios -------------------------------------------------------------------------------------------


def spread(target: Target, indices: list[int], message: dict, seconds: float) -> list[list[dict]]:
    """Each index's command at an even step over `seconds`, in a random order, grouped per load-generator process."""
    order = indices[:]
    random.Random(len(indices)).shuffle(order)
    step = seconds * 1e6 / max(1, len(order) - 1)
    plans: list[list[dict]] = [[] for _ in range(WORKERS)]
    for k, i in enumerate(order):
        worker, local = target.locate(i)
        plans[worker].append({"index": local, "at": round(k * step), "message": message})
    return plans


async def burst(target: Target, plans: list[list[dict]], limit: float) -> dict:
    start = time.monotonic_ns() // 1000 + 300_000
    done = await asyncio.gather(*(w.burst(start, plan, limit) for w, plan in zip(target.workers, plans, strict=True)))
    acks = [a for d in done for a in d["ack_ms"]]
    return {
        "sent": sum(d["sent"] for d in done),
        "ok": sum(d["ok"] for d in done),
        "failed": sum(d["failed"] for d in done),
        "errors": [e for d in done for e in d["errors"]][:5],
        "last_sent": max(d["last_sent"] for d in done),
        "last_ack": max(d["last_ack"] for d in done),
        "ack_ms_median": round(statistics.median(acks), 1) if acks else None,
        "ack_ms_max": round(max(acks), 1) if acks else None,
    }


async def views(target: Target) -> list[dict]:
    reports = await asyncio.gather(*(w.views() for w in target.workers))
    return [c for r in reports for c in r["clients"]]


async def wait_views(target: Target, reached: Any, limit: float) -> list[dict]:
    """Polls every client's view until all satisfy `reached` or the limit passes."""
    deadline = time.monotonic() + limit
    while True:
        clients = await views(target)
        if all(reached(c) for c in clients) or time.monotonic() > deadline:
            return clients
        await asyncio.sleep(0.25)


def outcome(clients: list[dict], last_sent: int, at_key: str, reached: Any) -> dict[str, Any]:
    waits = [(c[at_key] - last_sent) / 1000 for c in clients if reached(c)]
    sizes = [c["bytes"] for c in clients]
    return {
        "clients": len(clients),
        "reached": len(waits),
        "missing": len(clients) - len(waits),
        # Negative when a client already had it before the last command went out (the bare ballot's early counts cannot be).
        "after_last_ms_median": round(statistics.median(waits), 1) if waits else None,
        "after_last_ms_p99": round(percentile(waits, 99), 1) if waits else None,
        "after_last_ms_max": round(max(waits), 1) if waits else None,
        "kb_per_client_median": round(statistics.median(sizes) / 1000, 1) if sizes else None,
        "kb_per_client_max": round(max(sizes) / 1000, 1) if sizes else None,
    }


async def ballot_burst(target: Target, servers: Servers, args: argparse.Namespace) -> dict[str, Any]:
    everyone = list(range(len(servers.tokens)))
    await asyncio.gather(*(w.watch() for w in target.workers))
    worker, index = target.locate(len(servers.tokens) - 1)
    reply = await target.workers[worker].send(index, "open-ballot", {"type": "consent.open_ballot", "data": {"phase": "opening"}})
    if not reply["ack"].get("ok"):
        return {"error": f"open_ballot: {reply['ack']}"}
    sent = await burst(target, spread(target, everyone, {"type": "consent.vote", "data": {"choice": "record"}}, args.spread), args.limit)

    def reached(c: dict) -> bool:
        return bool(c["consent"] == OUTCOME)

    clients = await wait_views(target, reached, args.limit)
    # What the clients without the outcome show instead.
    held = Counter(str(c["consent"]) for c in clients if not reached(c))
    return {**sent, **outcome(clients, sent["last_sent"], "consent_at", reached), "instead": dict(held)}


async def truth_queue(target: Target, servers: Servers) -> list[str]:
    """The queue as a fresh snapshot shows it (the server's own order); a busy server gets a minute."""
    client = Client(servers.urls[-1], servers.moderator or "")
    for attempt in range(3):
        try:
            await client.sio.connect(client.url, auth={"token": client.token}, transports=["websocket"], wait_timeout=60)
            snapshot = await client.wait_snapshot(timeout=60)
            return [e["participant_id"] for e in snapshot["meeting"]["hands"]["entries"]]
        except (socketio.exceptions.ConnectionError, AssertionError):
            if attempt == 2:
                raise
        finally:
            await client.close()
    return []


async def hand_burst(target: Target, servers: Servers, args: argparse.Namespace) -> dict[str, Any]:
    participants = len(servers.tokens) - 1
    count = min(args.hands, participants)
    raisers = [round(k * participants / count) for k in range(count)]
    await asyncio.gather(*(w.watch() for w in target.workers))
    sent = await burst(target, spread(target, raisers, {"type": "hand.raise", "data": {}}, args.spread), args.limit)
    truth = await truth_queue(target, servers)
    reports: list[dict] = []

    def reached(c: dict) -> bool:
        # Every raise must be in: a queue short of a failed raise is not the full queue.
        return bool(c["queue_len"] == count == len(truth))

    deadline = time.monotonic() + args.limit
    while True:
        reports = await asyncio.gather(*(w.views() for w in target.workers))
        clients = [c for r in reports for c in r["clients"]]
        if all(reached(c) for c in clients) or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.25)
    key = ",".join(truth)
    # A client holding a full queue in another order did not get it right.
    wrong = sum(n for r in reports for held, n in r["finals"].items() if held != key and held.count(",") + 1 == count)
    result = {**sent, **outcome(clients, sent["last_sent"], "queue_at", reached), "queue": len(truth), "wrong_order": wrong}
    result["missing"] += wrong
    return result


async def one_events(target: Target, servers: Servers, args: argparse.Namespace) -> dict[str, Any]:
    before = target.cpu()
    started = time.monotonic()
    for i in range(args.events):
        await target.fire(i, args)
        await asyncio.sleep(args.gap)
    run = target.run
    run.cpu_seconds, run.event_phase_seconds = target.cpu() - before, time.monotonic() - started
    summary = run.summary()
    kinds = sorted({e["kind"] for e in run.events})
    return {
        **{
            k: summary[k]
            for k in ("events", "first_ms_median", "p50_ms", "last_ms_median", "last_ms_max", "ack_ms_median", "cpu_ms_per_event", "lost", "failed_commands")
        },
        # Per load-generator process, the median of when its first and its last client had each event. With two
        # server processes each process has its own: it shows how long the sending process took before any client
        # had the event, and how much later the other process began.
        "first_last_ms_by_loadgen": [
            [round(statistics.median(spans[k] for spans in got), 1) for k in (0, 1)] if got else None
            for got in ([e["by_worker"][w] for e in run.events if e["by_worker"][w]] for w in range(len(target.workers)))
        ],
        # Hand events follow each other closely here, and a large audience may get them held for a while
        # (docs/adr/0030-what-a-broadcast-costs.md): the first and last client per kind show what that costs.
        "first_last_ms_median_by_kind": {
            kind: [round(statistics.median(e[key] for e in run.events if e["kind"] == kind and e[key] is not None), 1) for key in ("first_ms", "last_ms")]
            for kind in kinds
        },
    }


async def bench_target(name: str, n: int, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    print(f"N={n} {name}: starting ...", flush=True)
    servers = await start(name, n, tmp)
    target = Target(name, servers.urls, servers.pids, servers.tokens, Run(name, n))
    result: dict[str, Any] = {"server": name, "n": n}
    try:
        await target.connect(args)
        run = target.run
        result["join"] = {
            "connected": run.connected,
            "seconds": round(run.connect_seconds, 2),
            "server_cpu_seconds": round(run.connect_cpu_seconds, 2),
            "rss_mb_per_1000": round((run.rss_after - run.rss_before) / max(1, run.connected) * 1000 / 2**20, 1),
            "errors": run.errors[:5],
        }
        print(f"  {run.connected} connected in {run.connect_seconds:.1f} s", flush=True)
        idle_from, idle_cpu = time.monotonic(), target.cpu()
        await asyncio.sleep(1)
        run.idle_cpu_per_second = (target.cpu() - idle_cpu) / (time.monotonic() - idle_from)
        for part, scenario in (
            ("event", one_events(target, servers, args)),
            ("ballot", ballot_burst(target, servers, args)),
            ("hands", hand_burst(target, servers, args)),
        ):
            try:
                result[part] = await scenario
            except Exception as exc:  # the next scenario still runs
                result[part] = {"error": repr(exc)}
            print(f"  {part}: {json.dumps(result[part])}", flush=True)
            # What a scenario left behind (late answers, presence) must not fall on the next one.
            await target.wait_quiet()
        await target.finish()
        result["disconnects"] = run.disconnects
    finally:
        await target.stop()
        servers.stop()
    return result


# Report ---------------------------------------------------------------------------------------------

ROWS = [
    ("join: connect all (s)", "join", "seconds"),
    ("join: server CPU (s)", "join", "server_cpu_seconds"),
    ("join: RSS per 1,000 (MB)", "join", "rss_mb_per_1000"),
    ("event: until the first client, median (ms)", "event", "first_ms_median"),
    ("event: until last, median (ms)", "event", "last_ms_median"),
    ("event: CPU per event (ms)", "event", "cpu_ms_per_event"),
    ("ballot: after last vote, median (ms)", "ballot", "after_last_ms_median"),
    ("ballot: after last vote, every client (ms)", "ballot", "after_last_ms_max"),
    ("ballot: KB per client (median)", "ballot", "kb_per_client_median"),
    ("ballot: clients without outcome", "ballot", "missing"),
    ("ballot: failed votes", "ballot", "failed"),
    ("hands: after last raise, median (ms)", "hands", "after_last_ms_median"),
    ("hands: after last raise, every client (ms)", "hands", "after_last_ms_max"),
    ("hands: KB per client (median)", "hands", "kb_per_client_median"),
    ("hands: clients without the full queue", "hands", "missing"),
    ("hands: failed raises", "hands", "failed"),
    ("hands: last ack after last raise (ms)", "hands", "ack_after_last_ms"),
]


def value(result: dict | None, part: str, key: str) -> Any:
    if not result:
        return None
    section = result.get(part) or {}
    if key == "ack_after_last_ms" and section.get("last_ack"):
        return round((section["last_ack"] - section["last_sent"]) / 1000, 1)
    return section.get(key)


def fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.2f}" if abs(v) < 100 else f"{v:.0f}"
    return str(v)


def table(results: list[dict], servers: list[str]) -> str:
    lines = []
    for n in sorted({r["n"] for r in results}):
        by = {r["server"]: r for r in results if r["n"] == n}
        ratios = [(p, b) for p in ("project", "project2") for b in BASELINES if p in by and b in by]
        head = f"  {'N = ' + str(n):44}" + "".join(f"{s:>10}" for s in servers) + "".join(f"{p[:8] + '/' + b[:4]:>15}" for p, b in ratios)
        lines += ["", head]
        for label, part, key in ROWS:
            cells = "".join(f"{fmt(value(by.get(s), part, key)):>10}" for s in servers)
            rs = "".join(f"{fmt(ratio(value(by[p], part, key), value(by[b], part, key))):>15}" for p, b in ratios)
            lines.append(f"  {label:44}{cells}{rs}")
    return "\n".join(lines)


async def main() -> int:
    parser = argparse.ArgumentParser(description="Burst benchmark: ballots, hands, joins and single events at N, against bare servers.")
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 2000], help="participants per meeting (default: 1000 2000)")
    parser.add_argument("--only", choices=SERVERS, nargs="+", help="run only these servers (default: all)")
    parser.add_argument("--hands", type=int, default=300, help="hands raised in the hand burst (default: 300)")
    parser.add_argument("--spread", type=float, default=2.0, help="seconds a burst is spread over (default: 2)")
    parser.add_argument("--events", type=int, default=20, help="single events per server, rounded up to whole rounds of the mix (default: 20)")
    parser.add_argument("--kind", default="mix", help=argparse.SUPPRESS)
    parser.add_argument("--gap", type=float, default=0.05, help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for a single event")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds to wait for a burst's outcome (default: 60)")
    parser.add_argument(
        "--concurrency", type=int, default=50 // WORKERS, help="connects in flight per load-generator process (default: 25)"
    )
    parser.add_argument("--profile", help=argparse.SUPPRESS)
    args = parser.parse_args()
    # Whole rounds of the mix: each raised hand is lowered again, so the hand burst starts from an empty queue.
    rounds = len(KINDS[args.kind])
    args.events = -(-args.events // rounds) * rounds
    ensure_loadgen()
    servers = [s for s in SERVERS if not args.only or s in args.only]
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="roundtable-bursts-") as tmp:
        for n in args.n:
            for name in servers:
                try:
                    results.append(await bench_target(name, n, args, Path(tmp)))
                except Exception as exc:
                    print(f"N={n} {name} failed: {exc!r}", file=sys.stderr)
                    results.append({"server": name, "n": n, "error": repr(exc)})
    print(table(results, servers))
    save_results("bursts", results, args)
    return 0 if all("error" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

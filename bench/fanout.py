"""Fan-out benchmark: how long until every participant of a meeting sees one participant's change.

For each N it starts the project's server (`python -m app serve`, a temporary data folder, a free
port), creates a meeting, joins N participants over REST, connects them with a Node socket.io-client
load generator split over two processes, and has one participant at a time send `chat.send`,
`hand.raise` or `hand.lower`. Every client records when the event arrived; the delay is measured on
one clock (CLOCK_MONOTONIC, shared by the load-generator processes) from the moment the sender
emitted the command. Then the same scenario runs against a bare python-socketio broadcast server
(bench/bare_server.py) with the same transport settings, and the figures are compared.

    .venv/bin/python bench/fanout.py                 # N = 100 and 1000, 50 events each
    .venv/bin/python bench/fanout.py --n 200 --events 30 --kind chat

Results: a table on stdout and JSON in bench/results/.
"""

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol  # noqa: E402

from app.__main__ import server_options  # noqa: E402
from app.memory import TRIM_INTERVAL_SECONDS  # noqa: E402
from tests.support import Api, Client, ServerProcess, free_port  # noqa: E402

BENCH = ROOT / "bench"
LOADGEN = BENCH / "loadgen"
RESULTS = BENCH / "results"
WORKERS = 2
SENDERS = 8
KINDS = {
    "chat": ["chat.send"],
    "hand": ["hand.raise", "hand.lower"],
    "mix": ["chat.send", "hand.raise", "chat.send", "hand.lower"],
}
EVENT_TYPES = ["chat.sent", "hand.raised", "hand.lowered"]
CLOCK_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used (from /proc, in clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICK


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile; plenty for thousands of samples."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


# Servers ------------------------------------------------------------------------------------------


def project_transport() -> dict[str, str]:
    """The websocket implementation and gc threshold `python -m app serve` uses, for the baseline to copy.

    The project serves websockets with app/realtime/websocket.py, uvicorn's sans-I/O protocol with a lighter queue:
    the baseline runs that protocol as uvicorn ships it, so that it stays a bare python-socketio server."""
    options = server_options()
    threshold = re.search(r"gc\.set_threshold\(([\d_, ]+)\)", (ROOT / "app" / "__main__.py").read_text())
    if not issubclass(options["ws"], WebSocketsSansIOProtocol) or options["ws_per_message_deflate"] or threshold is None:
        raise SystemExit("bench: app/__main__.py no longer serves uvicorn's sans-I/O protocol without deflate, or sets no gc threshold")
    return {"ws": "websockets-sansio", "gc_threshold": ",".join(x.strip().replace("_", "") for x in threshold.group(1).split(","))}


class BareServer:
    """A baseline in its own process: bench/bare_server.py (python-socketio under uvicorn, with the project's
    transport settings) or its Node twin bench/bare_server.mjs (socket.io v4)."""

    def __init__(self, log_dir: Path, runtime: str = "python"):
        self.runtime = runtime
        self.transport = project_transport()
        self.port = free_port()
        self.log_path = log_dir / f"{runtime}-bare-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        if self.runtime == "node":
            return ["node", str(BENCH / "bare_server.mjs"), "--port", str(self.port)]
        return [
            sys.executable,
            str(BENCH / "bare_server.py"),
            "--port",
            str(self.port),
            "--ws",
            self.transport["ws"],
            "--gc-threshold",
            self.transport["gc_threshold"],
        ]

    def start(self, timeout: float = 30) -> "BareServer":
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(self.command(), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"bare server exited: {self.log_path.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise RuntimeError("bare server did not start")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


async def project_meeting(url: str, n: int) -> tuple[dict[str, Any], list[str]]:
    """A live meeting with n joined participants; returns the meeting as created (its id, the moderator's token)
    and the participants' tokens."""
    api = Api(url)
    try:
        meeting = await api.create_meeting(title="Fan-out benchmark", format="open")
        moderator = Client(url, meeting["moderator_token"], "moderator")
        await moderator.connect()
        # Hands open only while the meeting is live.
        await moderator.ok("meeting.start")
        await moderator.close()
        gate = asyncio.Semaphore(16)

        async def join(i: int) -> str:
            async with gate:
                joined = await api.join(meeting["join_code"], f"Participant {i + 1}", "Benchmark services")
                return joined["token"]

        return meeting, list(await asyncio.gather(*(join(i) for i in range(n))))
    finally:
        await api.close()


async def project_setup(server: ServerProcess, n: int) -> list[str]:
    return (await project_meeting(server.url, n))[1]


# Load generator -------------------------------------------------------------------------------------


class Worker:
    """One Node process of the load generator, driven by JSON lines."""

    def __init__(self, index: int):
        self.index = index
        self.proc: asyncio.subprocess.Process | None = None
        self.replies: dict[str, asyncio.Queue[dict]] = {
            op: asyncio.Queue() for op in ("connected", "stats", "watching", "burst_done", "views", "reconnected")
        }
        self.acks: dict[str, asyncio.Future[dict]] = {}
        self.completes: dict[int, asyncio.Future[dict]] = {}
        self.reader: asyncio.Task | None = None

    async def start(self) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            "node", str(LOADGEN / "worker.mjs"), cwd=LOADGEN, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=2**26
        )
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.proc and self.proc.stdout
        async for line in self.proc.stdout:
            message = json.loads(line)
            op = message["op"]
            if op == "ack":
                self.acks.pop(message["tag"]).set_result(message)
            elif op == "complete":
                future = self.completes.pop(message["version"], None)
                if future and not future.done():
                    future.set_result(message)
            else:
                await self.replies[op].put(message)

    async def order(self, message: dict[str, Any]) -> None:
        assert self.proc and self.proc.stdin
        self.proc.stdin.write((json.dumps(message) + "\n").encode())
        await self.proc.stdin.drain()

    async def connect(self, url: str, tokens: list[str], concurrency: int) -> dict:
        await self.order({"op": "connect", "url": url, "tokens": tokens, "concurrency": concurrency, "types": EVENT_TYPES})
        return await self.replies["connected"].get()

    async def send(self, index: int, tag: str, message: dict) -> dict:
        future = asyncio.get_running_loop().create_future()
        self.acks[tag] = future
        await self.order({"op": "send", "index": index, "tag": tag, "message": message})
        return await asyncio.wait_for(future, 35)

    async def expect(self, version: int, wait_seconds: float) -> dict:
        future = asyncio.get_running_loop().create_future()
        self.completes[version] = future
        await self.order({"op": "expect", "version": version})
        try:
            return await asyncio.wait_for(asyncio.shield(future), wait_seconds)
        except TimeoutError:
            # Whatever arrived counts; the rest is lost.
            await self.order({"op": "report", "version": version})
            return await asyncio.wait_for(future, 5)

    async def stats(self) -> dict:
        await self.order({"op": "stats"})
        return await self.replies["stats"].get()

    async def watch(self) -> None:
        """Counts bytes and view changes of every client from now on."""
        await self.order({"op": "watch", "tag": "watch"})
        await self.replies["watching"].get()

    async def burst(self, start_us: int, sends: list[dict], limit: float) -> dict:
        """Sends each command at start + its `at` (µs, CLOCK_MONOTONIC); returns when every ack is in."""
        await self.order({"op": "burst", "tag": "burst", "start": start_us, "sends": sends})
        return await asyncio.wait_for(self.replies["burst_done"].get(), limit)

    async def reconnect(self, index: int) -> bool:
        await self.order({"op": "reconnect", "index": index})
        return bool((await self.replies["reconnected"].get())["ok"])

    async def views(self) -> dict:
        await self.order({"op": "views", "tag": "views"})
        return await self.replies["views"].get()

    async def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.returncode is None:
            try:
                await self.order({"op": "close"})
                await asyncio.wait_for(self.proc.wait(), 5)
            except (TimeoutError, BrokenPipeError, ConnectionResetError):
                self.proc.send_signal(signal.SIGKILL)
                await self.proc.wait()
        if self.reader:
            self.reader.cancel()


def ensure_loadgen() -> None:
    if not (LOADGEN / "node_modules" / "socket.io-client").is_dir():
        print("Installing the load generator (npm ci in bench/loadgen) ...", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LOADGEN, check=True)


# One run --------------------------------------------------------------------------------------------


@dataclass
class Run:
    target: str
    n: int
    connected: int = 0
    connect_seconds: float = 0.0
    # The servers' CPU time while everyone connected.
    connect_cpu_seconds: float = 0.0
    events: list[dict] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    lost: int = 0
    failed_commands: int = 0
    disconnects: int = 0
    cpu_seconds: float = 0.0
    idle_cpu_per_second: float = 0.0
    event_phase_seconds: float = 0.0
    rss_before: int = 0
    rss_after: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        deliveries = sum(e["received"] for e in self.events)
        net_cpu = max(0.0, self.cpu_seconds - self.idle_cpu_per_second * self.event_phase_seconds)
        lasts = [e["last_ms"] for e in self.events if e["received"]]
        connections = max(1, self.connected)
        return {
            "target": self.target,
            "n": self.n,
            "connected": self.connected,
            "connect_seconds": round(self.connect_seconds, 2),
            "connect_cpu_seconds": round(self.connect_cpu_seconds, 2),
            "events": len(self.events),
            "deliveries": deliveries,
            "p50_ms": round(percentile(self.latencies_ms, 50), 2),
            "p99_ms": round(percentile(self.latencies_ms, 99), 2),
            "first_ms_median": round(statistics.median(e["first_ms"] for e in self.events if e["received"]), 2) if lasts else None,
            "last_ms_median": round(statistics.median(lasts), 2) if lasts else None,
            "last_ms_max": round(max(lasts), 2) if lasts else None,
            "ack_ms_median": round(statistics.median(e["ack_ms"] for e in self.events), 2) if self.events else None,
            "cpu_us_per_delivery": round(net_cpu / deliveries * 1e6, 2) if deliveries else None,
            "cpu_ms_per_event": round(net_cpu / len(self.events) * 1e3, 2) if self.events else None,
            "idle_cpu_percent": round(self.idle_cpu_per_second * 100, 2),
            "rss_mb_per_1000": round((self.rss_after - self.rss_before) / connections * 1000 / 2**20, 1),
            "rss_mb_before": round(self.rss_before / 2**20, 1),
            "rss_mb_after": round(self.rss_after / 2**20, 1),
            "event_bytes": statistics.median(e["bytes"] for e in self.events) if self.events else None,
            "lost": self.lost,
            "failed_commands": self.failed_commands,
            "disconnects": self.disconnects,
            "errors": self.errors[:10],
        }


async def wait_quiet(pid: int, limit: float = 30, below: float = 0.05) -> None:
    """Until the server's CPU use falls below `below` (the connect storm's presence events are out)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = cpu_seconds(pid)
        await asyncio.sleep(0.5)
        if (cpu_seconds(pid) - before) / 0.5 < below:
            return


def start_profiler(pid: int, name: str, args: argparse.Namespace) -> subprocess.Popen | None:
    """py-spy on the server for one phase (the CPU figures of that phase then include the sampling)."""
    if not args.profile:
        return None
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(py_spy).exists():
        raise SystemExit("--profile needs py-spy: .venv/bin/uv pip install -p .venv/bin/python py-spy")
    out = Path(args.profile) / f"{name}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    print(f"  profiling into {out}", flush=True)
    # Collapsed stacks ("raw"): one line per stack with its sample count, for flamegraph.pl or speedscope.
    command = [py_spy, "record", "-p", str(pid), "-r", "200", "-f", "raw", "-o", str(out), "--nonblocking"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def stop_profiler(profiler: subprocess.Popen | None) -> None:
    if profiler is not None:
        # py-spy writes its file when interrupted.
        profiler.send_signal(signal.SIGINT)
        await asyncio.to_thread(profiler.wait, 60)


@dataclass
class Target:
    """One server under test, its participants' tokens and the load-generator processes holding them."""

    name: str
    # One address per load-generator process (two processes of the project: one each).
    urls: list[str]
    pids: list[int]
    tokens: list[str]
    run: Run
    workers: list[Worker] = field(default_factory=list)
    senders: list[tuple[int, int]] = field(default_factory=list)

    async def connect(self, args: argparse.Namespace) -> None:
        run = self.run
        self.workers = [Worker(i) for i in range(WORKERS)]
        for worker in self.workers:
            await worker.start()
        share = (len(self.tokens) + WORKERS - 1) // WORKERS
        parts = [self.tokens[i * share : (i + 1) * share] for i in range(WORKERS)]
        await asyncio.sleep(0.5)
        run.rss_before = self.rss()
        profiler = start_profiler(self.pid, f"{self.name}-{run.n}-connect", args)
        started, cpu = time.monotonic(), self.cpu()
        replies = await asyncio.gather(
            *(w.connect(self.urls[w.index % len(self.urls)], part, args.concurrency) for w, part in zip(self.workers, parts, strict=True))
        )
        run.connect_seconds = time.monotonic() - started
        run.connect_cpu_seconds = self.cpu() - cpu
        run.connected = sum(r["ok"] for r in replies)
        for reply in replies:
            run.errors += reply["errors"]
        # The connect storm's presence events must be out before the memory and idle readings.
        await self.wait_quiet()
        # The project gives freed memory back every TRIM_INTERVAL_SECONDS (app/memory.py): memory is read once
        # that has happened, for every server alike, so that it is what the connections hold.
        await asyncio.sleep(TRIM_INTERVAL_SECONDS + 0.5)
        await stop_profiler(profiler)
        run.rss_after = self.rss()
        # Senders alternate between the two processes; each worker's first sockets send.
        self.senders = [(i % WORKERS, i // WORKERS) for i in range(min(SENDERS, run.connected))]

    @property
    def pid(self) -> int:
        return self.pids[0]

    def rss(self) -> int:
        return sum(rss_bytes(pid) for pid in self.pids)

    def cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.pids)

    async def wait_quiet(self) -> None:
        for pid in self.pids:
            await wait_quiet(pid)

    def locate(self, i: int) -> tuple[int, int]:
        """(load-generator process, its socket index) of the i-th token."""
        share = (len(self.tokens) + WORKERS - 1) // WORKERS
        return i // share, i % share

    async def fire(self, i: int, args: argparse.Namespace) -> None:
        """One participant's command; waits until every connected client got its event (or the timeout)."""
        run, sequence = self.run, KINDS[args.kind]
        kind = sequence[i % len(sequence)]
        # A raise and its lower come from the same person.
        w, index = self.senders[(i // len(sequence)) % len(self.senders)]
        data = (
            {"text": f"Benchmark message {i + 1}: does anyone have a checklist for the first intake call?"} if kind == "chat.send" else {}
        )
        reply = await self.workers[w].send(index, f"{self.name}-{i}", {"type": kind, "data": data})
        ack = reply["ack"]
        if not ack.get("ok"):
            run.failed_commands += 1
            run.errors.append(f"{kind}: {ack.get('error')}")
            return
        version = ack["version"]
        completes = await asyncio.gather(*(worker.expect(version, args.timeout) for worker in self.workers))
        times = [t for c in completes for t in c["times"]]
        latencies = [(t - reply["t0"]) / 1000 for t in times]
        run.latencies_ms += latencies
        run.lost += max(0, run.connected - len(times))
        # Per load-generator process (with two server processes, each talks to one of them): when its first and its
        # last client had the event.
        spans = [[(min(c["times"]) - reply["t0"]) / 1000, (max(c["times"]) - reply["t0"]) / 1000] if c["times"] else None for c in completes]
        run.events.append(
            {
                "kind": kind,
                "version": version,
                "received": len(times),
                "ack_ms": (reply["t_ack"] - reply["t0"]) / 1000,
                "p50_ms": percentile(latencies, 50),
                "first_ms": min(latencies) if latencies else None,
                "last_ms": max(latencies) if latencies else None,
                "by_worker": spans,
                "bytes": max(c["bytes"] for c in completes),
            }
        )

    async def finish(self) -> None:
        for worker in self.workers:
            stats = await worker.stats()
            self.run.disconnects += stats["disconnects"]
            self.run.errors += stats["errors"]

    async def stop(self) -> None:
        for worker in self.workers:
            await worker.stop()


# The project's settings for every benchmark run.
PROJECT_ENV = {
    # One sender speaks every few milliseconds: the chat rate limit would refuse it.
    "ROUNDTABLE_CHAT_RATE_COUNT": "1000000",
    # Every simulated person joins and connects from this one machine: raise the per-address limits.
    "ROUNDTABLE_RATE_LIMIT_JOIN_PER_IP": "1000000/second",
    "ROUNDTABLE_RATE_LIMIT_CONNECT_PER_IP": "1000000/second",
    "ROUNDTABLE_RATE_LIMIT_HTTP_PER_IP": "1000000/second",
    "ROUNDTABLE_RATE_LIMIT_COMMAND_PER_IP": "1000000/second",
    "ROUNDTABLE_RATE_LIMIT_COMMAND_PER_PERSON": "1000000/second",
    "ROUNDTABLE_TIMER_INTERVAL_SECONDS": "0.5",
    "ROUNDTABLE_LOG_LEVEL": "warning",
}


def project_server(tmp: Path, n: int) -> ServerProcess:
    return ServerProcess(tmp / f"project-{n}", env=dict(PROJECT_ENV))


async def bench_n(n: int, args: argparse.Namespace, tmp: Path) -> dict[str, Run]:
    """The servers side by side; their events alternate, so noise from the machine hits all alike."""
    project, bare, node = project_server(tmp, n), BareServer(tmp, "python"), BareServer(tmp, "node")
    targets: list[Target] = []
    profilers: list[subprocess.Popen] = []
    chosen = args.only or ["bare", "node", "project"]
    try:
        for name, baseline in (("bare", bare), ("node", node)):
            if name in chosen:
                baseline.start()
                assert baseline.proc is not None
                tokens = [f"{name}-token-{i}" for i in range(n)]
                targets.append(Target(name, [baseline.url], [baseline.proc.pid], tokens, Run(name, n)))
        if "project" in chosen:
            project.start(timeout=120)
            assert project.proc is not None
            print(f"N={n}: joining {n} participants ...", flush=True)
            tokens = await project_setup(project, n)
            targets.append(Target("project", [project.url], [project.proc.pid], tokens, Run("project", n)))
        for target in targets:
            print(f"N={n}: connecting {n} clients to {target.name} ...", flush=True)
            await target.connect(args)
            print(f"  {target.run.connected} connected in {target.run.connect_seconds:.1f} s", flush=True)
        for target in targets:
            await target.wait_quiet()
        idle_from, idle_cpu = time.monotonic(), [t.cpu() for t in targets]
        await asyncio.sleep(args.idle_seconds)
        for target, before in zip(targets, idle_cpu, strict=True):
            target.run.idle_cpu_per_second = (target.cpu() - before) / (time.monotonic() - idle_from)

        print(f"N={n}: {args.events} events per server ...", flush=True)
        profilers = [p for t in targets if (p := start_profiler(t.pid, f"{t.name}-{n}-events", args))]
        phase_from, phase_cpu = time.monotonic(), [t.cpu() for t in targets]
        for i in range(args.events):
            # Rotate who goes first, so noise from the machine falls on every server alike.
            for target in targets[i % len(targets) :] + targets[: i % len(targets)]:
                await target.fire(i, args)
                await asyncio.sleep(args.gap)
        for target, before in zip(targets, phase_cpu, strict=True):
            target.run.event_phase_seconds = time.monotonic() - phase_from
            target.run.cpu_seconds = target.cpu() - before
        for profiler in profilers:
            await stop_profiler(profiler)
        for target in targets:
            await target.finish()
    except BaseException:
        if project.proc is not None:
            print(project.log(), file=sys.stderr)
        raise
    finally:
        for profiler in profilers:
            if profiler.poll() is None:
                profiler.kill()
        for target in targets:
            await target.stop()
        project.kill()
        bare.kill()
        node.kill()
    return {t.name: t.run for t in targets}


# Report ---------------------------------------------------------------------------------------------

ROWS = [
    ("p50 delay (ms)", "p50_ms"),
    ("p99 delay (ms)", "p99_ms"),
    ("until last, median (ms)", "last_ms_median"),
    ("until last, worst (ms)", "last_ms_max"),
    ("command ack, median (ms)", "ack_ms_median"),
    ("server CPU per delivery (µs)", "cpu_us_per_delivery"),
    ("server CPU per event (ms)", "cpu_ms_per_event"),
    ("RSS per 1,000 connections (MB)", "rss_mb_per_1000"),
    ("event size (bytes)", "event_bytes"),
    ("connect all (s)", "connect_seconds"),
    ("connect all: server CPU (s)", "connect_cpu_seconds"),
    ("events lost", "lost"),
    ("failed commands", "failed_commands"),
    ("disconnects", "disconnects"),
]
RATIO_KEYS = {
    "p50_ms",
    "p99_ms",
    "last_ms_median",
    "last_ms_max",
    "ack_ms_median",
    "cpu_us_per_delivery",
    "cpu_ms_per_event",
    "rss_mb_per_1000",
}


def ratio(a: Any, b: Any) -> float | None:
    if isinstance(a, int | float) and isinstance(b, int | float) and b > 0:
        return round(a / b, 2)
    return None


def table(results: list[dict]) -> str:
    lines = []
    for result in results:
        project, bare, node = result["project"], result["bare"], result["node"]
        connected = " / ".join(str(x["connected"]) for x in (project, bare, node))
        lines.append(f"\nN = {result['n']} ({connected} connected, {project['events']} events, kind {result['kind']})")
        lines.append(f"  {'':32} {'project':>10} {'bare py':>10} {'node':>10} {'/bare':>7} {'/node':>7}")
        for label, key in ROWS:
            r, rn = result["ratios"].get(key), result["ratios_node"].get(key)
            lines.append(
                f"  {label:32} {fmt(project[key]):>10} {fmt(bare[key]):>10} {fmt(node[key]):>10}"
                f" {fmt(r) if r is not None else '':>7} {fmt(rn) if rn is not None else '':>7}"
            )
    return "\n".join(lines)


def fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


def save_results(kind: str, results: list[dict], args: argparse.Namespace) -> None:
    """Prints the machine's load and writes the run to bench/results/KIND-<time>.json."""
    print(f"\nLoad average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"{kind}-{stamp}.json"
    # Other work on the machine skews every figure: the load average says how busy it was.
    meta = {
        "at": stamp,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "transport": project_transport(),
        "args": vars(args),
    }
    out.write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    print(f"\nJSON: {out.relative_to(ROOT)}")


async def main() -> int:
    parser = argparse.ArgumentParser(description="Fan-out benchmark: the project against a bare python-socketio broadcast.")
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000], help="participants per meeting (default: 100 1000)")
    parser.add_argument("--events", type=int, default=50, help="events per N and server (default: 50)")
    parser.add_argument("--kind", choices=sorted(KINDS), default="mix", help="what the participants send (default: mix)")
    parser.add_argument("--only", choices=["project", "bare", "node"], nargs="+", help="run only these servers")
    parser.add_argument("--concurrency", type=int, default=20, help="connects in flight per load-generator process")
    parser.add_argument("--gap", type=float, default=0.02, help="pause between events, seconds")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for an event before counting it lost")
    parser.add_argument("--profile", metavar="DIR", help="record each server with py-spy while connecting and during the events, into DIR")
    parser.add_argument("--idle-seconds", type=float, default=2.0, help="idle CPU measurement before the events")
    args = parser.parse_args()
    if shutil.which("node") is None:
        print("The load generator needs Node.js (node and npm).", file=sys.stderr)
        return 2
    ensure_loadgen()
    results = []
    with tempfile.TemporaryDirectory(prefix="roundtable-bench-") as tmp_dir:
        tmp = Path(tmp_dir)
        for n in args.n:
            result: dict[str, Any] = {"n": n, "kind": args.kind}
            runs = await bench_n(n, args, tmp)
            for target in ("bare", "node", "project"):
                run = runs.get(target) or Run(target=target, n=n)
                result[target] = run.summary()
                result[f"{target}_events"] = run.events
            result["ratios"] = {key: ratio(result["project"][key], result["bare"][key]) for key in RATIO_KEYS}
            result["ratios_node"] = {key: ratio(result["project"][key], result["node"][key]) for key in RATIO_KEYS}
            results.append(result)
    print(table(results))
    transport = project_transport()
    print(f"\nproject and bare py: uvicorn ws={transport['ws']}, no per-message deflate, gc threshold {transport['gc_threshold']}")
    print("node: bench/bare_server.mjs, socket.io v4, no per-message deflate")
    save_results("fanout", results, args)
    ok = all(
        r[t]["lost"] == 0 and r[t]["disconnects"] == 0 and r[t]["failed_commands"] == 0
        for r in results
        for t in ("project", "bare", "node")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

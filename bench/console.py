"""The moderator's console in a large meeting: the page's own work per event, in Chromium.

One project server (`python -m app serve`, a temporary data folder), a live meeting of N joined participants
(they need not be connected: the console lists everyone), the console open in Debian's Chromium at 1366×768.
One participant then sends `--events` chat messages, then as many hand raises and lowers, 0.4 s apart. Chromium's
own counters (the DevTools protocol's `Performance.getMetrics`) give the page's main-thread time per event: all
of it (`TaskDuration`), and the parts spent on styles and layout. The same over 5 idle seconds first (the
countdowns' ticks). With `--breakout-rooms R` a breakout of R rooms runs meanwhile; with `--open` the
moderator has opened its rooms' assignments (a picker per person), and with `--find TEXT` narrowed them to the names
that hold TEXT (participants are named "Participant 1" to "Participant N"). With `--hands H`, H participants have raised a
hand first (the queue every page shows); `--page participant` opens a participant's page instead, on a
360×740 phone screen. With `--chat-before M`, M chat messages arrive while the page is open, before the
measuring starts (a long meeting's chat).

    .venv/bin/python bench/console.py                          # N = 1,000
    .venv/bin/python bench/console.py --n 20                   # the same page in a small meeting
    .venv/bin/python bench/console.py --breakout-rooms 50 --open
    .venv/bin/python bench/console.py --hands 300 --page participant

Not part of `make test` or `make bench`. JSON goes to bench/results/.
"""

import argparse
import asyncio
import json
import os
import sys
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bursts import project_env  # noqa: E402
from fanout import RESULTS, project_meeting  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.support import Client, ServerProcess  # noqa: E402

PARTS = ("TaskDuration", "RecalcStyleDuration", "LayoutDuration", "ScriptDuration")


async def meeting_of(url: str, n: int, rooms: int, hands: int, questions: int = 0) -> tuple[dict[str, Any], list[str]]:
    meeting, tokens = await project_meeting(url, n)
    # Raised by the last participants: the first sends the events, the second's page is the one measured.
    gate = asyncio.Semaphore(25)

    async def raise_hand(token: str) -> None:
        async with gate:
            person = Client(url, token, "raiser")
            await person.connect()
            try:
                await person.ok("hand.raise")
            finally:
                await person.close()

    await asyncio.gather(*(raise_hand(token) for token in tokens[len(tokens) - hands :]))

    async def ask(token: str, i: int) -> str:
        async with gate:
            person = Client(url, token, "asker")
            await person.connect()
            try:
                answer = await person.ok("question.submit", text=f"Question {i + 1}: who calls the family's school, and when?")
                return str(answer["result"]["question_id"])
            finally:
                await person.close()

    if questions:
        # Asked by the participants after the first two, and approved: everyone's questions panel lists them.
        asked = await asyncio.gather(*(ask(token, i) for i, token in enumerate(tokens[2 : 2 + questions])))
        moderator = Client(url, meeting["moderator_token"], "moderator")
        await moderator.connect()
        try:
            for question_id in asked:
                await moderator.ok("question.approve", question_id=question_id)
        finally:
            await moderator.close()
    if rooms:
        moderator = Client(url, meeting["moderator_token"], "moderator")
        await moderator.connect()
        try:
            await moderator.ok("breakout.start", duration_s=3600, count=rooms, assignment="random")
        finally:
            await moderator.close()
    return meeting, tokens


async def send(url: str, token: str, kind: str, events: int, pause: float = 0.4) -> None:
    sender = Client(url, token, "sender")
    await sender.connect()
    try:
        for i in range(events):
            if kind == "chat":
                await sender.ok("chat.send", text=f"Benchmark line {i + 1}: who has the interpreter checklist?")
            else:
                await sender.ok("hand.raise" if i % 2 == 0 else "hand.lower")
            await asyncio.sleep(pause)
    finally:
        await sender.close()


def in_thread(work: Any) -> threading.Thread:
    """Runs a coroutine beside the page: Playwright's sync API holds this thread."""
    thread = threading.Thread(target=lambda: asyncio.run(work))
    thread.start()
    return thread


def metrics(cdp: Any) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def per(before: dict[str, float], after: dict[str, float], count: float) -> dict[str, float]:
    return {part: round((after[part] - before[part]) * 1000 / count, 1) for part in PARTS}


def run(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    # The chat's own limit (5 lines in 5 s) would refuse a benchmark's pace.
    server = ServerProcess(tmp / "console", env=project_env(ROUNDTABLE_CHAT_RATE_COUNT="100000")).start(timeout=120)
    try:
        meeting, tokens = asyncio.run(meeting_of(server.url, args.n, args.breakout_rooms, args.hands, args.questions))
        result: dict[str, Any] = {key: getattr(args, key) for key in ("n", "page", "hands", "questions", "chat_before", "breakout_rooms", "open")}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            if args.page == "console":
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.goto(f"{server.url}/console/{meeting['id']}#token={meeting['moderator_token']}")
                page.get_by_test_id("people").locator("li").nth(args.n).wait_for(timeout=120_000)
            else:
                page = browser.new_page(viewport={"width": 360, "height": 740})
                page.goto(f"{server.url}/meeting/{meeting['id']}#token={tokens[1]}")
                page.get_by_test_id("meeting-title").wait_for(timeout=120_000)
            if args.hands:
                page.get_by_test_id("queue").locator("li").nth(args.hands - 1).wait_for(state="attached", timeout=120_000)
            if args.questions:
                page.locator("[data-question]").nth(args.questions - 1).wait_for(state="attached", timeout=120_000)
            if args.open:
                page.get_by_test_id("breakout-rooms").click()
                page.locator(".assignments select").nth(args.n - 1).wait_for(timeout=120_000)
                if args.find:
                    page.get_by_test_id("breakout-find").fill(args.find)
                    page.get_by_test_id("breakout-found").get_by_text("Found").wait_for(timeout=120_000)
            if args.chat_before:
                earlier = in_thread(send(server.url, tokens[0], "chat", args.chat_before, pause=0.01))
                while earlier.is_alive():
                    page.wait_for_timeout(200)
                # The last line sent is shown (a page shows the last 200 lines, not all of them).
                page.locator("[data-message]", has_text=f"Benchmark line {args.chat_before}:").wait_for(state="attached", timeout=120_000)
            page.wait_for_timeout(1500)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            before = metrics(cdp)
            page.wait_for_timeout(5000)
            result["idle_ms_per_second"] = per(before, metrics(cdp), 5)
            for kind in ("chat", "hands"):
                before = metrics(cdp)
                sender = in_thread(send(server.url, tokens[0], kind, args.events))
                while sender.is_alive():
                    page.wait_for_timeout(200)
                page.wait_for_timeout(1000)
                result[f"{kind}_ms_per_event"] = per(before, metrics(cdp), args.events)
            result["dom_elements"] = page.evaluate("() => document.querySelectorAll('*').length")
            browser.close()
        return result
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="participants (default: 1,000)")
    parser.add_argument("--events", type=int, default=20, help="chat messages, then hand changes (default: 20 each)")
    parser.add_argument("--breakout-rooms", type=int, default=0, help="a breakout of this many rooms runs meanwhile")
    parser.add_argument("--open", action="store_true", help="the moderator has the rooms' assignments open")
    parser.add_argument("--find", default="", help="with --open: the assignments narrowed to names holding this")
    parser.add_argument("--hands", type=int, default=0, help="this many participants have raised a hand first")
    parser.add_argument("--questions", type=int, default=0, help="this many questions are asked and approved first")
    parser.add_argument("--page", choices=("console", "participant"), default="console", help="the page measured (default: console)")
    parser.add_argument("--chat-before", type=int, default=0, help="this many chat messages arrive before the measuring")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args, Path(tmp))
    print(json.dumps(result, indent=2))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"console-{stamp}.json"
    out.write_text(json.dumps({"meta": {"at": stamp, "load_average": os.getloadavg(), "args": vars(args)}, "result": result}, indent=2))
    print(f"JSON: {out.relative_to(RESULTS.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

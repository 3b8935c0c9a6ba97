"""Webhooks go out concurrently: a recording service whose receiver stalls delays only its own webhooks."""

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.consent.fixtures import OTHER_SECRET, OTHER_TOKEN, RECORDER_ENV, SERVICE_SECRET, SERVICE_TOKEN
from tests.support import Api, Client, ServerProcess
from tools.recorder_sim import Received, RecorderSim


@pytest.fixture(scope="module")
def patient_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    # A long webhook timeout: delivered one at a time, a stalled receiver would hold every other webhook 30 s each.
    process = ServerProcess(tmp_path_factory.mktemp("webhooks"), env={**RECORDER_ENV, "ROUNDTABLE_WEBHOOK_TIMEOUT_SECONDS": "30"}).start(timeout=120)
    yield process
    process.stop()


async def test_a_stalled_receiver_does_not_delay_another_services_webhook(patient_server, tmp_path: Path):
    api = Api(patient_server.url)
    stalled = await RecorderSim(patient_server.url, SERVICE_TOKEN, SERVICE_SECRET, tmp_path / "stalled").start()
    prompt = await RecorderSim(patient_server.url, OTHER_TOKEN, OTHER_SECRET, tmp_path / "prompt").start()
    release = asyncio.Event()
    held: list[str] = []

    async def stall(event: Received) -> None:
        held.append(event.id)
        await release.wait()

    stalled.receiver.on_event = stall
    moderator = Client(patient_server.url, "", "moderator")
    try:
        meeting = await api.create_meeting("Two recording services")
        moderator.token = meeting["moderator_token"]
        await moderator.connect()
        await moderator.ok("consent.open_ballot", phase="opening")
        await moderator.ok("consent.vote", choice="record")
        slow_ones = [(await stalled.register(meeting["id"], external_id=f"slow-{i}")).json()["id"] for i in range(3)]
        quick = (await prompt.register(meeting["id"], external_id="quick")).json()["id"]
        # The moderator withdraws consent: every recording is deleted and both services are told at once.
        loop = asyncio.get_running_loop()
        started = loop.time()
        await moderator.ok("consent.withdraw")
        await prompt.receiver.wait_for("recording.delete", quick, within=10)
        assert loop.time() - started < 10
        deadline = loop.time() + 20
        while len(held) < 3:  # and the stalled receiver got all three of its own, also at once
            assert loop.time() < deadline, f"only {len(held)} of the stalled receiver's webhooks were started"
            await asyncio.sleep(0.05)
        assert {e.payload["recording_id"] for e in stalled.receiver.events} == set(slow_ones)
        assert not release.is_set() and len(held) == 3  # the stalled receiver is still holding all three
    finally:
        release.set()
        await moderator.close()
        await stalled.close()
        await prompt.close()
        await api.close()

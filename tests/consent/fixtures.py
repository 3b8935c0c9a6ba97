"""A server with recording-service tokens and quick webhook retries, and the recorder simulator against it."""

import base64
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.support import Api, Client, ServerProcess
from tools.recorder_sim import RecorderSim

SERVICE_TOKEN = "recorder-token-for-tests-0123456789abcdef"
SERVICE_SECRET = "whsec_" + base64.b64encode(b"a webhook key for the tests 0123").decode()
OTHER_TOKEN = "another-recorder-token-0123456789abcdef"
OTHER_SECRET = "whsec_" + base64.b64encode(b"another webhook key for tests 01").decode()
MAX_BYTES = 64 * 1024

RECORDER_ENV = {
    "ROUNDTABLE_RECORDER_TOKENS": f"{SERVICE_TOKEN}:{SERVICE_SECRET},{OTHER_TOKEN}:{OTHER_SECRET}",
    "ROUNDTABLE_MAX_RECORDING_BYTES": str(MAX_BYTES),
    "ROUNDTABLE_WEBHOOK_RETRY_BASE_SECONDS": "0.2",
    "ROUNDTABLE_WEBHOOK_RETRY_MAX_SECONDS": "0.5",
    "ROUNDTABLE_WEBHOOK_TIMEOUT_SECONDS": "2",
    "ROUNDTABLE_LOG_LEVEL": "info",
    # The simulated recording service receives its webhooks on loopback, which callbacks may not reach by default.
    "ROUNDTABLE_CALLBACK_ALLOWED_HOSTS": "127.0.0.1",
}


@pytest.fixture(scope="session")
def recorder_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    process = ServerProcess(tmp_path_factory.mktemp("recorder-server"), env=RECORDER_ENV).start(timeout=120)
    yield process
    process.stop()


@pytest.fixture
async def rapi(recorder_server: ServerProcess) -> AsyncIterator[Api]:
    client = Api(recorder_server.url)
    yield client
    await client.close()


@pytest.fixture
def rconnect(recorder_server: ServerProcess, clients: list[Client]):  # type: ignore[no-untyped-def]
    async def open_client(token: str, name: str = "") -> Client:
        client = Client(recorder_server.url, token, name)
        clients.append(client)
        return await client.connect()

    return open_client


@pytest.fixture
async def recorder(recorder_server: ServerProcess, tmp_path: Path) -> AsyncIterator[RecorderSim]:
    sim = await RecorderSim(recorder_server.url, SERVICE_TOKEN, SERVICE_SECRET, tmp_path / "recorder").start()
    yield sim
    await sim.close()


def media_files(server: ServerProcess, recording_id: str) -> list[Path]:
    """Everything Roundtable holds of this recording's media, finished or partial."""
    folder = server.data_dir / "recordings"
    return sorted(p for p in folder.glob(f"{recording_id}*"))

import shutil
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

from tests.support import Api, Client, ServerProcess

if TYPE_CHECKING:
    from tests.scaleout.servers import Postgres

# Property tests must not fail because the machine is busy: no per-example deadline, and hypothesis's
# "generation is slow" check is about speed, not correctness (it tripped on a loaded 2-core machine).
settings.register_profile("roundtable", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("roundtable")

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One server for the tests that do not restart it; meetings keep them apart."""
    process = ServerProcess(tmp_path_factory.mktemp("server")).start()
    yield process
    process.stop()


@pytest.fixture(scope="session")
def postgres() -> Iterator["Postgres"]:
    """A real PostgreSQL with the schema, for the tests that use the database layer on it directly."""
    from app import migrate
    from tests.scaleout.servers import Postgres

    server = Postgres().start()
    try:
        migrate.upgrade(server.url)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    """Two server processes sharing one real PostgreSQL and one real Redis (the scale-out mode)."""
    from tests.scaleout.servers import Postgres, Redis

    root = tmp_path_factory.mktemp("cluster")
    postgres, redis = Postgres(), Redis(root / "redis")
    first = ServerProcess(root / "a", env={"ROUNDTABLE_NODE_ID": "a"})
    second = ServerProcess(root / "b", env={"ROUNDTABLE_NODE_ID": "b"})
    try:
        postgres.start()
        redis.start()
        for process in (first, second):
            process.env.update({"ROUNDTABLE_DATABASE_URL": postgres.url, "ROUNDTABLE_REDIS_URL": redis.url})
            process.start()
        yield first, second
    finally:
        first.stop()
        second.stop()
        redis.stop()
        postgres.stop()


@pytest.fixture
async def api(server: ServerProcess) -> AsyncIterator[Api]:
    client = Api(server.url)
    yield client
    await client.close()


@pytest.fixture
async def clients() -> AsyncIterator[list[Client]]:
    """Collects the Socket.IO clients a test opens and closes them afterwards."""
    opened: list[Client] = []
    yield opened
    for client in opened:
        await client.close()


@pytest.fixture
def connect(server: ServerProcess, clients: list[Client]):  # type: ignore[no-untyped-def]
    async def open_client(token: str, name: str = "", url: str | None = None) -> Client:
        client = Client(url or server.url, token, name)
        clients.append(client)
        return await client.connect()

    return open_client


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # type: ignore[no-untyped-def]
    return {**browser_type_launch_args, "executable_path": shutil.which("chromium") or "/usr/bin/chromium", "args": CHROMIUM_ARGS}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Browser tests use Playwright's sync API, which clashes with the asyncio loop: they run last.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # A skipped test is not a pass: every test needs what `make test` installs, so a skip is a failure.
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if reporter:
            reporter.write_line(f"{skipped} test(s) skipped: a skipped test is not a pass.", red=True)

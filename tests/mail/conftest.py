from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.harness import Harness, harness, migrated
from tests.mail.smtp import MailServer


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrated(tmp_path_factory.mktemp("migrated"))


@pytest.fixture
async def h(migrated_database: Path, tmp_path: Path) -> AsyncIterator[Harness]:
    async with harness(migrated_database, tmp_path) as made:
        yield made


@pytest.fixture
def smtp() -> Iterator[MailServer]:
    """A real SMTP server on 127.0.0.1, running."""
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp_down() -> Iterator[MailServer]:
    """A mail server on a port of its own that is not running yet: the test starts it when it means to."""
    server = MailServer()
    yield server
    server.stop()

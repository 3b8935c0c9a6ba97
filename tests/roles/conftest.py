from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.harness import Harness, harness, migrated


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrated(tmp_path_factory.mktemp("migrated"))


@pytest.fixture
async def h(migrated_database: Path, tmp_path: Path) -> AsyncIterator[Harness]:
    """A meeting server in this process, on a clock that moves only when the test moves it."""
    async with harness(migrated_database, tmp_path) as made:
        yield made

"""Alembic migrations, applied at start-up and by `python -m app migrate`."""

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

HERE = Path(__file__).parent


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE / "migrations"))
    config.set_main_option("sqlalchemy.url", url)
    return config


def restrict_sqlite_files(url: str) -> None:
    """The SQLite file holds names and votes: readable by the server's user alone, like the media.

    Made 0600 before the first connection creates it (SQLite gives its -wal and -shm files the database file's
    mode), and tightened if an older start left it readable by others.
    """
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or not parsed.database or parsed.database == ":memory:":
        return
    path = Path(parsed.database)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for file in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))):
        if file.exists():
            os.chmod(file, 0o600)


def upgrade(url: str) -> None:
    restrict_sqlite_files(url)
    # One line of history (docs/adr/0005): a second head is a mistake that tests/test_migrations.py reports.
    command.upgrade(alembic_config(url), "head")

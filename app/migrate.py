"""Alembic migrations, applied at start-up and by `python -m app migrate`."""

from pathlib import Path

from alembic import command
from alembic.config import Config

HERE = Path(__file__).parent


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE / "migrations"))
    config.set_main_option("sqlalchemy.url", url)
    return config


def upgrade(url: str) -> None:
    # One line of history (docs/adr/0005): a second head is a mistake that tests/test_migrations.py reports.
    command.upgrade(alembic_config(url), "head")

"""The migrations are one line of history and build exactly the tables the models declare."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import app.models  # noqa: F401  (fills the metadata)
from app import migrate


def test_one_head() -> None:
    """A revision that branches off an older one (two heads) would make `upgrade head` refuse to start."""
    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1, script.get_heads()
    # Every revision has at most one parent: one straight line, no merge points to reason about.
    assert all(not isinstance(rev.down_revision, tuple) for rev in script.walk_revisions())


def test_fresh_database_matches_the_models(tmp_path: Path) -> None:
    """A model change without its migration (or the reverse) shows up as a difference here."""
    path = tmp_path / "fresh.db"
    migrate.upgrade(f"sqlite+aiosqlite:///{path}")
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, SQLModel.metadata)
            head = context.get_current_revision()
    finally:
        engine.dispose()
    assert differences == []
    assert head == ScriptDirectory.from_config(migrate.alembic_config("sqlite://")).get_current_head()

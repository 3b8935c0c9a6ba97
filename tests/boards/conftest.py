from tests.inprocess.conftest import h, migrated_database  # noqa: F401

from tests.breakouts.helpers import gathering  # noqa: F401

"""docs/protocol.md is the protocol as built: every command and event type in the code is described there."""

import re
from pathlib import Path

from app.config import Settings
from app.errors import ErrorCode
from app.events import all_event_types
from app.realtime import handlers  # noqa: F401  (registers the commands)
from app.realtime.commands import REGISTRY

PROTOCOL = (Path(__file__).resolve().parent.parent / "docs" / "protocol.md").read_text()


def test_every_command_is_documented() -> None:
    missing = sorted(t for t in REGISTRY if f"`{t}`" not in PROTOCOL)
    assert not missing, f"commands missing from docs/protocol.md: {missing}"


def test_every_event_is_documented() -> None:
    missing = sorted(t for t in all_event_types() if f"`{t}`" not in PROTOCOL)
    assert not missing, f"events missing from docs/protocol.md: {missing}"


def test_every_setting_is_documented() -> None:
    missing = sorted(name.upper() for name in Settings.model_fields if f"`{name.upper()}`" not in PROTOCOL)
    assert not missing, f"settings missing from docs/protocol.md: {missing}"


def test_every_error_code_is_documented() -> None:
    # Written as `code` or with its status, as in `409 media_locked`.
    missing = sorted(code.value for code in ErrorCode if not re.search(rf"`(\d{{3}} )?{code.value}`", PROTOCOL))
    assert not missing, f"error codes missing from docs/protocol.md: {missing}"

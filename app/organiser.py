"""The organiser key: from the setting, or generated once and kept under the data folder."""

import os
import secrets
from pathlib import Path

from app.config import Settings


def key_file(settings: Settings) -> Path:
    return settings.data_dir / "organiser.key"


def load_or_create(settings: Settings) -> tuple[str, bool]:
    """The key, and whether it was made just now."""
    if settings.organiser_key:
        return settings.organiser_key, False
    path = key_file(settings)
    if path.exists():
        return path.read_text().strip(), False
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    # Readable by the server's user alone.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key, True

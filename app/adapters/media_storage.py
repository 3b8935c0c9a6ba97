"""Media files under the data folder: `recordings/<id>.media`, uploads in progress as `<id>.part-<random>`."""

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import AsyncIterable
from dataclasses import dataclass
from pathlib import Path

from app import ids

log = logging.getLogger(__name__)

STALE_PART_SECONDS = 600


class Storage:
    def __init__(self, data_dir: Path):
        self.root = data_dir / "recordings"

    def ensure(self) -> None:
        """The folder exists, readable by the server's user alone; uploads cut off by a crash are removed."""
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)
        # An upload in progress writes to its part file all the time; one untouched for a while was cut off by a
        # crash. (Processes may share this folder when scaled out: a fresh part may be another process's upload.)
        stale_before = time.time() - STALE_PART_SECONDS
        for part in self.root.glob("*.part-*"):
            with contextlib.suppress(FileNotFoundError):
                if part.stat().st_mtime < stale_before:
                    log.info("removing an upload cut off by a crash: %s", part.name)
                    part.unlink()

    def media_path(self, recording_id: str) -> Path:
        return self.root / f"{_safe(recording_id)}.media"

    def new_part(self, recording_id: str) -> Path:
        return self.root / f"{_safe(recording_id)}.part-{ids.new_id()}"

    def files_of(self, recording_id: str) -> list[Path]:
        name = _safe(recording_id)
        return [p for p in self.root.glob(f"{name}.*") if p.name == f"{name}.media" or p.name.startswith(f"{name}.part-")]

    def purge(self, recording_id: str) -> None:
        """Remove the media and every partial upload; true when this returns without raising."""
        for path in self.files_of(recording_id):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
        if self.files_of(recording_id):
            raise OSError(f"media of recording {recording_id} could not be removed")

    def has_media(self, recording_id: str) -> bool:
        return self.media_path(recording_id).exists()


def _safe(recording_id: str) -> str:
    # Recording ids are UUIDs made here; refuse anything else rather than build a path from it.
    if len(recording_id) != 36 or not all(c in "0123456789abcdef-" for c in recording_id):
        raise ValueError("not a recording id")
    return recording_id


@dataclass
class Upload:
    path: Path
    size: int
    sha256: str


class TooLargeUpload(Exception):
    pass


async def receive(chunks: AsyncIterable[bytes], path: Path, limit: int) -> Upload:
    """Stream chunks into `path`, counting and hashing; over the limit the part is removed and TooLargeUpload raised."""
    digest = hashlib.sha256()
    size = 0
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            async for chunk in chunks:
                if not chunk:
                    continue
                size += len(chunk)
                if size > limit:
                    raise TooLargeUpload()
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        raise
    return Upload(path, size, digest.hexdigest())

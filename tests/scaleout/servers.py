"""Real PostgreSQL and Redis servers for the scale-out tests, on 127.0.0.1 and ports of their own."""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import free_port


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None



def _as_postgres(args: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass
class Postgres:
    # Outside pytest's private temp folder, which the postgres user cannot enter.
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="roundtable-pg-")))
    port: int = 0

    def start(self) -> "Postgres":
        binaries = postgres_bin()
        assert binaries is not None
        self.port = free_port()
        if os.geteuid() == 0:
            os.chmod(self.root, 0o700)
            shutil.chown(self.root, "postgres", "postgres")
        data, sockets = self.root / "pgdata", self.root
        subprocess.run(_as_postgres([str(binaries / "initdb"), "-D", str(data), "-U", "roundtable", "--auth=trust"]), check=True, capture_output=True)
        options = f"-p {self.port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(_as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(self.root / "pg.log"), "-w", "start"]), check=True, capture_output=True)
        subprocess.run(_as_postgres([str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "roundtable", "roundtable"]), check=True, capture_output=True)
        return self

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://roundtable@127.0.0.1:{self.port}/roundtable"

    def stop(self) -> None:
        binaries = postgres_bin()
        assert binaries is not None
        subprocess.run(_as_postgres([str(binaries / "pg_ctl"), "-D", str(self.root / "pgdata"), "-m", "fast", "-w", "stop"]), capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class Redis:
    root: Path
    port: int = 0
    proc: subprocess.Popen | None = None

    def start(self) -> "Redis":
        self.port = free_port()
        self.root.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(self.root)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True).stdout.strip() == b"PONG":
                return self
            time.sleep(0.05)
        raise RuntimeError("redis did not start")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)

"""Recording-service tokens and their webhook secrets.

From ROUNDTABLE_RECORDER_TOKENS (`token:whsec_...` pairs) and from `<data dir>/recorder-tokens`, where
`python -m app recorder-token` keeps `sha256(token):whsec_...` lines. Only hashes are kept in memory.
"""

import base64
import secrets
from dataclasses import dataclass
from pathlib import Path

from app import ids
from app.config import Settings
from app.errors import Unauthorized

FILE_NAME = "recorder-tokens"


@dataclass(frozen=True)
class Service:
    """A recording service: identified by its token's hash, signing with its webhook secret."""

    id: str
    secret: str


class ServiceTokens:
    def __init__(self, services: dict[str, str]):
        self._secrets = services

    @classmethod
    def load(cls, settings: Settings) -> "ServiceTokens":
        services: dict[str, str] = {}
        for pair in settings.recorder_tokens.split(","):
            token, _, secret = pair.strip().partition(":")
            if token and secret:
                services[ids.hash_token(token)] = secret.strip()
        path = token_file(settings)
        if path.exists():
            for line in path.read_text().splitlines():
                digest, _, secret = line.strip().partition(":")
                if digest and secret:
                    services[digest] = secret
        return cls(services)

    def authenticate(self, token: str) -> Service:
        digest = ids.hash_token(token)
        found = None
        # Compare against every known hash in constant time, so timing tells nothing.
        for known, secret in self._secrets.items():
            if ids.same_secret(known, digest):
                found = Service(known, secret)
        if found is None:
            raise Unauthorized("This recording-service token is not valid.")
        return found

    def secret_of(self, service_id: str) -> str | None:
        return self._secrets.get(service_id)


def token_file(settings: Settings) -> Path:
    return settings.data_dir / FILE_NAME


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def create(settings: Settings) -> tuple[str, str]:
    """A new token and webhook secret; the token's hash and the secret are kept in the data folder."""
    token, secret = ids.new_token(), new_secret()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = token_file(settings)
    with open(path, "a", encoding="utf-8") as out:
        out.write(f"{ids.hash_token(token)}:{secret}\n")
    path.chmod(0o600)
    return token, secret

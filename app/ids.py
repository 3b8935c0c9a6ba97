"""Identifiers and secrets."""

import hashlib
import hmac
import secrets
import uuid


def new_id() -> str:
    return str(uuid.uuid4())


def new_token() -> str:
    # 256 bits; only its hash is stored.
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def same_secret(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def new_join_code() -> str:
    # Short enough to read aloud, long enough (about 60 bits) not to be guessed.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))

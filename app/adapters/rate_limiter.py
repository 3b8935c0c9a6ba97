"""Rate limits on every route and command, per person and per IP address (the `limits` package).

Counters live in memory, or in Redis when ROUNDTABLE_REDIS_URL is set, so that every process serving the same
meetings counts the same person once. A limit is a string in the `limits` notation, e.g. "10/second;300/minute":
every part must hold. Checking a limit is the first thing an edge does, before it parses or touches the database,
so a refused request changes nothing.
"""

import asyncio
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.storage import storage_from_string

from app.config import Settings
from app.errors import RateLimited

log = logging.getLogger(__name__)


class Scope(StrEnum):
    """What a counter counts; each has its own setting."""

    http_per_ip = "http_per_ip"  # every HTTP request of one address
    join_per_ip = "join_per_ip"  # joining and reading invitations, by invite code, of one address
    connect_per_ip = "connect_per_ip"  # socket connects (with a good token or not) of one address
    command_per_person = "command_per_person"  # every socket command of one person
    command_per_ip = "command_per_ip"  # every socket command of one address
    question_per_person = "question_per_person"  # questions submitted by one person
    mail_address_per_ip = "mail_address_per_ip"  # giving, changing or taking back an e-mail address, of one address


def limits_of(settings: Settings) -> dict[Scope, list[RateLimitItem]]:
    return {
        Scope.http_per_ip: parse_many(settings.rate_limit_http_per_ip),
        Scope.join_per_ip: parse_many(settings.rate_limit_join_per_ip),
        Scope.connect_per_ip: parse_many(settings.rate_limit_connect_per_ip),
        Scope.command_per_person: parse_many(settings.rate_limit_command_per_person),
        Scope.command_per_ip: parse_many(settings.rate_limit_command_per_ip),
        Scope.question_per_person: parse_many(settings.rate_limit_question_per_person),
        Scope.mail_address_per_ip: parse_many(settings.rate_limit_mail_address_per_ip),
    }


@dataclass(frozen=True)
class Refusal:
    scope: Scope
    retry_after: int


class RateLimiter:
    def __init__(self, settings: Settings, storage: Storage | None = None):
        if storage is None:
            if settings.redis_url:
                uri = settings.redis_url.replace("redis://", "async+redis://", 1).replace("rediss://", "async+rediss://", 1)
                made = storage_from_string(uri, implementation="redispy", key_prefix="roundtable-limits")
                assert isinstance(made, Storage)
                storage = made
            else:
                storage = MemoryStorage()
        self.storage: Storage = storage
        self.strategy = SlidingWindowCounterRateLimiter(storage)
        self.limits = limits_of(settings)

    async def hit(self, scope: Scope, key: str) -> Refusal | None:
        """Count one request against every part of the scope's limit; a refusal when any part is used up.

        When the counters cannot be reached (Redis down) the request goes through: a limiter outage must not
        stop meetings. It is logged.
        """
        try:
            items = self.limits[scope]
            # At once: with Redis each part is a round trip, and a command waits for all of them.
            counted = await asyncio.gather(*(self.strategy.hit(item, scope.value, key) for item in items))
            for item, allowed in zip(items, counted, strict=True):
                if not allowed:
                    stats = await self.strategy.get_window_stats(item, scope.value, key)
                    return Refusal(scope, max(1, round(stats.reset_time - time.time())))
        except Exception:
            log.exception("rate limit counters unavailable; letting %s through", scope)
        return None

    async def check(self, checks: Iterable[tuple[Scope, str]]) -> None:
        """Raise RateLimited when any of the limits is used up (each check counts, all at once)."""
        for refusal in await asyncio.gather(*(self.hit(scope, key) for scope, key in checks)):
            if refusal is not None:
                raise RateLimited(f"Too many requests; try again in {refusal.retry_after} s.")


"""Where webhooks may go: a callback URL's host must be a public address unless CALLBACK_ALLOWED_HOSTS allows it.

Checked when a recording service registers the URL and again before every delivery (a name may come to resolve to
another address). A delivery still connects by name, so a name that changes its address between the check and
the connection is not caught; run the server where internal addresses are firewalled off to be sure.
"""

import asyncio
import socket
from urllib.parse import urlsplit

from app.rules.urls import Allowed, address_allowed, literal_address

RESOLVE_TIMEOUT_SECONDS = 2.0


class CallbackRefused(Exception):
    pass


async def check(url: str, allowed: Allowed) -> None:
    """Raise CallbackRefused when the URL's host is, or resolves to, an address callbacks may not reach.
    A name that cannot be resolved now passes: delivery checks again."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise CallbackRefused("The callback URL names no host.")
    if host in allowed.names:
        return
    literal = literal_address(host)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            found = await asyncio.wait_for(
                asyncio.get_running_loop().getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM), RESOLVE_TIMEOUT_SECONDS
            )
        except (OSError, TimeoutError):
            return
        addresses = [str(info[4][0]) for info in found]
    refused = [a for a in addresses if not address_allowed(a, allowed)]
    if refused:
        raise CallbackRefused(
            f"The callback URL points to {refused[0]}, a loopback, link-local or private address; "
            "the server's CALLBACK_ALLOWED_HOSTS setting must allow it."
        )

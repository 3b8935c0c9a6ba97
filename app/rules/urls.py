"""Links people share and callback addresses: http(s) only, no control characters or white space inside,
normalised; callbacks only to public addresses unless allowed. Pure; tested in tests/rules/test_urls.py."""

import ipaddress
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

MAX_URL_LENGTH = 2048

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class BadUrl(ValueError):
    pass


def normalise_http_url(raw: str) -> str:
    """The URL in one normal form (scheme and host in lower case, IDN host in ASCII), or BadUrl with the reason."""
    url = raw.strip()
    if not url:
        raise BadUrl("The link is empty.")
    if len(url) > MAX_URL_LENGTH:
        raise BadUrl(f"A link may have at most {MAX_URL_LENGTH} characters.")
    for c in url:
        # Control characters (CR/LF broke out of Markdown links), format characters (bidi overrides disguise a
        # link), white space and backslashes (read as "/" by browsers) have no place in a link.
        if unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp") or c.isspace() or c == "\\":
            raise BadUrl("A link may not contain spaces, line breaks or control characters.")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise BadUrl("A link must start with http:// or https://.")
    if parts.username is not None or parts.password is not None:
        raise BadUrl("A link may not carry a user name or password.")
    host = parts.hostname
    if not host:
        raise BadUrl("A link must name a host.")
    try:
        port = parts.port
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except (ValueError, UnicodeError):
        raise BadUrl("The link's host or port is not valid.") from None
    if ":" in ascii_host:  # an IPv6 literal keeps its brackets
        ascii_host = f"[{ascii_host}]"
    netloc = ascii_host + (f":{port}" if port is not None else "")
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))


@dataclass(frozen=True)
class Allowed:
    """Hosts and networks that callbacks may reach although they are not public addresses."""

    names: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, value: str) -> "Allowed":
        names: set[str] = set()
        networks: list[IPNetwork] = []
        for item in (part.strip() for part in value.split(",")):
            if not item:
                continue
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                names.add(item.lower().rstrip("."))
        return cls(frozenset(names), tuple(networks))


def address_allowed(address: str, allowed: Allowed) -> bool:
    """A public address, or one inside an allowed network. Loopback, link-local (cloud metadata at 169.254.169.254),
    private, shared, reserved, multicast and unspecified addresses are refused unless allowed."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in network for network in allowed.networks):
        return True
    return ip.is_global and not ip.is_multicast


def literal_address(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None
